"""Text in Unicode's composed form (NFC), so that the same letters typed as different code points compare
equal: "é" typed as e + a combining accent (a paste from macOS, some keyboards) is "é".

Runs in CPython (build, tests), with unicodedata, and in MicroPython (the browser), which has no unicodedata:
there the browser's own String.prototype.normalize does it, through the js bridge. That was chosen over a
composition table made at build time (as casefold.py is): full NFC needs decompositions, canonical ordering
and composition exclusions, a table several times the size of casefold.py, while every browser the quiz runs
in has the complete, current algorithm built in. Accepted answers are normalised at build time by CPython and
a reader's answer in the browser, by the same rule.
"""

try:
    import unicodedata
except ImportError:  # MicroPython
    unicodedata = None

_browser = None


def _js_normalize():
    global _browser
    if _browser is None:
        try:
            import js

            _browser = js.String.prototype.normalize
        except Exception:  # no JavaScript host: text stays as typed
            _browser = False
    return _browser


def nfc(text):
    """text in Unicode normalisation form C; ASCII text is returned as it is."""
    if all(char < "\x80" for char in text):
        return text
    if unicodedata is not None:
        return unicodedata.normalize("NFC", text)
    normalize = _js_normalize()
    return str(normalize.call(text, "NFC")) if normalize else text
