"""A built site on 127.0.0.1 in Debian's Chromium: how the tests and the benchmark serve and open it.

Both use these, so a page-load figure from the benchmark is measured on the same browser, launched the same
way and served with the same types, as the page the tests check.
"""

import http.server
import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags for a root user on a machine with no network but loopback: no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-quic",
]


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """The built site as a static host serves it (the right types for modules, wasm and Python), quietly.
    Also the base of the benchmark's gzip server."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".py": "text/plain",
        ".json": "application/json",
        ".zip": "application/zip",
    }

    def log_message(self, *args):
        pass
