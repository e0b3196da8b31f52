"""Quiz text as HTML, and which addresses in it may stay: the one converter the renderer and the check share.

Every piece of quiz text is Markdown converted with raw HTML switched off, so `<img onerror=...>` shows as
text. The check reads the addresses out of this same HTML, so it judges exactly the links and images the page
would get, reference-style ones included.
"""

import html
import re

import markdown

# Links may leave the site only over https; images never leave it (the page loads them as it opens).
LINK_SCHEMES = ("https",)
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")

ADDRESS_RE = re.compile(r'(href|src)="([^"]*)"')
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# `//host/x`, `/\host/x`, `\\host\x`: browsers read these as another host, whatever follows.
OTHER_HOST_RE = re.compile(r"^[/\\][/\\]")


def _safe_markdown():
    # fenced_code: a quiz fenced with more backticks than a code block in its explanation shows that code.
    md = markdown.Markdown(extensions=["smarty", "fenced_code"], output_format="html")
    # Without these, Python-Markdown passes raw HTML through; with them removed, it escapes it.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _safe_markdown()


def as_browser_reads(value):
    """An attribute value as the browser resolves it: entities decoded, tabs and line breaks removed
    anywhere, other control characters and spaces removed at the ends (`java&#x09;script:` is `javascript:`)."""
    value = html.unescape(value)
    value = re.sub(r"[\t\n\r]", "", value)
    return value.strip("".join(chr(code) for code in range(33)))


def kind(value):
    """What an address is: "local" (this site), "https", "script", "other-host" or "scheme" (any other)."""
    value = as_browser_reads(value)
    scheme = SCHEME_RE.match(value)
    if scheme:
        name = scheme.group(1).lower()
        if name in SCRIPT_SCHEMES:
            return "script"
        return "https" if name in LINK_SCHEMES else "scheme"
    if OTHER_HOST_RE.match(value):
        return "other-host"
    return "local"


def allowed(attribute, value):
    found = kind(value)
    return found == "local" or (attribute == "href" and found == "https")


def _keep_or_drop(match):
    """Belt and braces behind the checks: an address that could run code or reach another host becomes "#"."""
    if allowed(match.group(1), match.group(2)):
        return match.group(0)
    return '%s="#"' % match.group(1)


def convert(text):
    """Quiz text as HTML, with every address the checks would refuse replaced by "#"."""
    return ADDRESS_RE.sub(_keep_or_drop, raw_html(text))


def raw_html(text):
    _MD.reset()
    return _MD.convert(text)


def addresses(text):
    """(attribute, value as written in the HTML) of every link (href) and image (src) in quiz text."""
    return ADDRESS_RE.findall(raw_html(text))
