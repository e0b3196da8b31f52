"""The quiz's UI strings, one catalogue per language (quiz/strings/<language>.json). Build-time HTML and the
browser read the same catalogue: the page carries it as JSON. quiz/languages.py picks the one a page uses
and lays a site's own catalogue over it.

English is the reference: every other catalogue must have exactly its keys, so a page never shows a key
name or a sentence half in another language. Plural forms are the exception: a `<stem>.other` key in the
reference makes `<stem>` plural, and each catalogue gives `<stem>.<category>` for exactly the CLDR
categories of its language (quiz/browser/plurals.py), with the placeholders of the reference's
`<stem>.other`. Values are plain text with `{name}` placeholders, filled by scoring.fill (never HTML);
`number.decimal` is the language's decimal mark.
"""

import json
import os
import re

from .browser import plurals
from .browser.scoring import DECIMAL

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "strings")
REFERENCE = "en"
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
PLURAL_MARK = ".other"


class StringsError(Exception):
    pass


def languages():
    return sorted(name[:-5] for name in os.listdir(FOLDER) if name.endswith(".json"))


def read(path, name):
    """The catalogue in file `path` as a dict; `name` is how messages call the file."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise StringsError("cannot read %s: %s" % (name, error.strerror)) from None
    except ValueError as error:
        raise StringsError("%s is not valid JSON: %s" % (name, error)) from None
    if not isinstance(data, dict) or not all(isinstance(value, str) for value in data.values()):
        raise StringsError("%s must map each key to a string" % name)
    return data


def _shipped(language):
    return read(os.path.join(FOLDER, language + ".json"), "quiz/strings/%s.json" % language)


def plural_stems():
    return sorted(key[: -len(PLURAL_MARK)] for key in _shipped(REFERENCE) if key.endswith(PLURAL_MARK))


def _reference_of(key, reference, stems):
    """The reference string whose placeholders `key` must have: itself, or its stem's other form."""
    stem, _, category = key.rpartition(".")
    if stem in stems and category in plurals.ORDER:
        return reference[stem + PLURAL_MARK]
    return reference[key]


def expected_keys(language):
    """Every key a complete catalogue in `language` has: the reference's, with its plural forms."""
    stems = plural_stems()
    keys = {key for key in _shipped(REFERENCE) if key.rpartition(".")[0] not in stems}
    keys.update(stem + "." + category for stem in stems for category in plurals.categories(language))
    return keys


def problems(data, language, partial=False):
    """Every way catalogue `data` for `language` differs from the reference, as messages (empty when it is
    fine). partial=True: a site's catalogue, which may leave keys out."""
    reference, stems, expected = _shipped(REFERENCE), plural_stems(), expected_keys(language)
    found = []
    missing = sorted(expected - set(data))
    unknown = sorted(set(data) - expected)
    if missing and not partial:
        found.append("missing key(s): %s" % ", ".join(missing))
    if unknown:
        found.append("unknown key(s): %s" % ", ".join(unknown))
    for stem in stems:
        if any(key.rpartition(".")[0] == stem for key in unknown):
            found.append(
                "%s: %s has the plural forms %s"
                % (stem, language, ", ".join(stem + "." + category for category in plurals.categories(language)))
            )
    for key in sorted(expected & set(data)):
        wanted = sorted(set(PLACEHOLDER_RE.findall(_reference_of(key, reference, stems))))
        got = sorted(set(PLACEHOLDER_RE.findall(data[key])))
        if wanted != got:
            found.append("%s: placeholders %s, expected %s" % (key, got or "none", wanted or "none"))
    mark = data.get(DECIMAL)
    if mark is not None and (len(mark) != 1 or mark in "0123456789" or mark.isspace()):
        found.append('%s: one character, the decimal mark ("." or ","), not %r' % (DECIMAL, mark))
    return found


def shipped(language):
    """The shipped catalogue for a theme.language ("pt-BR" falls back to "pt"), or None."""
    available = languages()
    for name in (language, language.replace("_", "-").split("-")[0].lower()):
        if name in available:
            return name
    return None


def load(language):
    """Every string of the shipped catalogue for `language`. Raises StringsError when there is none or it is
    incomplete."""
    chosen = shipped(language)
    if chosen is None:
        raise StringsError("the quiz ships no strings for %r (available: %s)" % (language, ", ".join(languages())))
    data = _shipped(chosen)
    found = problems(data, chosen)
    if found:
        raise StringsError("quiz/strings/%s.json is incomplete: %s" % (chosen, "; ".join(found)))
    return data
