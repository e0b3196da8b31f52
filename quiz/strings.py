"""The quiz's UI strings, one catalogue per language (quiz/strings/<language>.json), chosen by Material's
`theme.language`. Build-time HTML and the browser read the same catalogue: the page carries it as JSON.

English is the reference: every other catalogue must have exactly its keys, so a page never shows a key
name or a sentence half in another language. Values are plain text with `{name}` placeholders, filled by
scoring.fill (never HTML).
"""

import json
import os
import re

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "strings")
REFERENCE = "en"
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


class StringsError(Exception):
    pass


def languages():
    return sorted(name[:-5] for name in os.listdir(FOLDER) if name.endswith(".json"))


def _read(language):
    path = os.path.join(FOLDER, language + ".json")
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except ValueError as error:
        raise StringsError("quiz/strings/%s.json is not valid JSON: %s" % (language, error)) from None
    if not isinstance(data, dict) or not all(isinstance(value, str) for value in data.values()):
        raise StringsError("quiz/strings/%s.json must map each key to a string" % language)
    return data


def problems(language):
    """Every way the catalogue of `language` differs from the reference, as messages (empty when complete)."""
    reference, data = _read(REFERENCE), _read(language)
    found = []
    missing = sorted(set(reference) - set(data))
    unknown = sorted(set(data) - set(reference))
    if missing:
        found.append("missing key(s): %s" % ", ".join(missing))
    if unknown:
        found.append("unknown key(s): %s" % ", ".join(unknown))
    for key in sorted(set(reference) & set(data)):
        wanted = sorted(set(PLACEHOLDER_RE.findall(reference[key])))
        got = sorted(set(PLACEHOLDER_RE.findall(data[key])))
        if wanted != got:
            found.append("%s: placeholders %s, expected %s" % (key, got or "none", wanted or "none"))
    return found


def load(language):
    """Every string for `language` (Material's theme.language; "pt-BR" falls back to "pt"). Raises
    StringsError naming the problem when there is no catalogue or it is incomplete."""
    available = languages()
    chosen = language if language in available else language.split("-")[0].split("_")[0]
    if chosen not in available:
        raise StringsError(
            "the quiz has no strings for theme.language %r (available: %s); add quiz/strings/%s.json with "
            "the keys of %s.json" % (language, ", ".join(available), chosen, REFERENCE)
        )
    found = problems(chosen)
    if found:
        raise StringsError("quiz/strings/%s.json is incomplete: %s" % (chosen, "; ".join(found)))
    return _read(chosen)
