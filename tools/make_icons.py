"""Draw the site's app icons (docs/assets/icons/*.png) with the standard library alone.

Run once after changing the design: `python3 tools/make_icons.py`. The icon is a white ring on the site's
indigo, kept inside the central 80 % so it also works as a maskable icon.
"""

import os
import struct
import zlib

INDIGO = (63, 81, 181)
WHITE = (255, 255, 255)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "assets", "icons")


def pixel(x, y, size):
    centre = (size - 1) / 2
    distance = ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5 / size
    return WHITE if 0.16 <= distance <= 0.28 else INDIGO


def png(size):
    rows = b"".join(b"\x00" + bytes(channel for x in range(size) for channel in pixel(x, y, size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for size in (192, 512):
        with open(os.path.join(OUT, "icon-%d.png" % size), "wb") as handle:
            handle.write(png(size))
