"""The strings a page's quiz uses: the shipped catalogue of the page's language (Material's
`theme.language`, which mkdocs-static-i18n sets for each language it builds), with the site's own
catalogue laid over it.

The site's catalogue is a folder named by the plugin's `strings` option (relative to mkdocs.yml) holding
`<language>.json` files. Each gives any keys of quiz/strings/en.json, checked like the shipped catalogues:
an unknown key, other placeholders or the wrong plural forms stop the build naming the file and the key.
A key it leaves out comes from the shipped catalogue, or from English for a language the quiz does not ship.

A language with neither falls back to English with a warning, never a stop: a site in Swedish still gets
a working quiz, and the warning says how to give it Swedish words.
"""

import os
import re
from collections import namedtuple

from . import strings as catalogue

# language: the tag the page's plural forms and dates follow; warning: None, or what the build should say.
PageLanguage = namedtuple("PageLanguage", "language strings warning")
# A language tag as a file name: fr, pt-BR, zh-Hant, zh_TW.
TAG_RE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
OPTION = "strings"


def _base(tag):
    return tag.replace("_", "-").split("-")[0].lower()


class SiteCatalogue:
    """A site's own catalogues, every file checked when read. `label` is the folder as mkdocs.yml names it."""

    def __init__(self, folder=None, label=""):
        self.label = label.rstrip("/") if label else ""
        self.files = {}
        if folder is None:
            return
        if not os.path.isdir(folder):
            raise catalogue.StringsError(
                "the quiz plugin's `strings` option names %s, which is not a folder next to mkdocs.yml" % label
            )
        found = []
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            shown = "%s/%s" % (self.label, name)
            tag = name[:-5]
            if not TAG_RE.match(tag):
                found.append("%s: not named after a language (fr.json, pt-BR.json)" % shown)
                continue
            try:
                data = catalogue.read(os.path.join(folder, name), shown)
            except catalogue.StringsError as error:
                found.append(str(error))
                continue
            found += ["%s: %s" % (shown, problem) for problem in catalogue.problems(data, tag, partial=True)]
            self.files[tag] = data
        if found:
            raise catalogue.StringsError(
                "the site's quiz strings have %d problem(s):\n%s" % (len(found), "\n".join(found))
            )

    def file_for(self, language):
        for tag in (language, _base(language)):
            if tag in self.files:
                return tag
        return None


def site_catalogue(config_dir, option):
    """The SiteCatalogue the plugin's `strings` option names (none when it is empty)."""
    if not option:
        return SiteCatalogue()
    if not isinstance(option, str):
        raise catalogue.StringsError("the quiz plugin's `strings` option must be a folder, not %r" % (option,))
    return SiteCatalogue(os.path.join(config_dir, option), option)


def _how_to_add(language, site):
    if site.label:
        return "to translate it, add %s/%s.json with the keys of the quiz's en.json translated" % (site.label, language)
    return (
        "to translate it, put %s.json, with the keys of the quiz's en.json translated, in a folder next to "
        "mkdocs.yml (quiz-strings/, say) and name that folder in the quiz plugin's `strings` option" % language
    )


def page_language(language, site=None):
    """The PageLanguage for theme.language `language`, with the site's catalogue (a SiteCatalogue) over it.
    Raises StringsError when the result would miss a plural form the language needs."""
    site = site or SiteCatalogue()
    language = str(language or catalogue.REFERENCE)
    shipped, own = catalogue.shipped(language), site.file_for(language)
    warning = None
    if shipped is None and own is None:
        return PageLanguage(
            catalogue.REFERENCE,
            catalogue.load(catalogue.REFERENCE),
            "the quiz has no strings for theme.language %r (it ships %s), so it shows English; %s"
            % (language, ", ".join(catalogue.languages()), _how_to_add(language, site)),
        )
    strings = dict(catalogue.load(shipped or catalogue.REFERENCE))
    expected = catalogue.expected_keys(language)
    if own is not None:
        strings.update(site.files[own])
    strings = {key: value for key, value in strings.items() if key in expected}
    missing = sorted(expected - set(strings))
    if missing:
        raise catalogue.StringsError(
            "%s/%s.json: missing key(s): %s (the plural forms of %s)" % (site.label, own, ", ".join(missing), language)
        )
    if shipped is None:
        english = sorted(key for key in expected if key not in site.files[own])
        if english:
            shown = ", ".join(english[:5]) + (", ..." if len(english) > 5 else "")
            warning = (
                "the quiz ships no strings for theme.language %r and %s/%s.json gives %d of %d, so %d show "
                "in English (%s)"
                % (language, site.label, own, len(expected) - len(english), len(expected), len(english), shown)
            )
    return PageLanguage(language, strings, warning)


def from_config(config):
    """The PageLanguage of a site from its mkdocs.yml read outside MkDocs (quiz/mkdocs_yml.py): its
    theme.language and the quiz plugin's `strings` option."""
    from .mkdocs_yml import plugin_options

    theme = config.get("theme")
    language = (theme.get("language") if isinstance(theme, dict) else None) or catalogue.REFERENCE
    option = (plugin_options(config, "quiz") or {}).get(OPTION) or ""
    config_dir = os.path.dirname(config.get("config_file_path") or os.path.abspath("mkdocs.yml"))
    return page_language(language, site_catalogue(config_dir, option))
