"""Which plural form a count takes in a language: the CLDR cardinal rules (Unicode CLDR plurals.xml, v46),
for the languages the quiz ships and those near them, in plain Python that MicroPython runs too.

A catalogue gives one string per category its language needs, as `<stem>.<category>` (points.one,
points.few): English and German need one and other, Polish and Russian one, few, many and other (other is
for fractions), Japanese, Chinese and Korean only other. French, Spanish, Italian and Portuguese have a
third form, many, for whole millions ("1 000 000 de points").

A count is an int or a decimal number written with "." ("1.5"): CLDR's rules read the digits as written,
so 1 and "1.0" may differ. A language with no rule here is read as English (one for exactly 1, else other).
"""

# In CLDR's order, which is the order catalogues list them in.
ORDER = ("zero", "one", "two", "few", "many", "other")


def _operands(count):
    """(i, v, f, t): the integer digits, the number of fraction digits, the fraction digits as an integer,
    and the same without trailing zeros, as CLDR defines them."""
    text = str(count)
    if text.startswith("-"):
        text = text[1:]
    whole, _, fraction = text.partition(".")
    stripped = fraction
    while stripped.endswith("0"):
        stripped = stripped[:-1]
    return int(whole or "0"), len(fraction), int(fraction or "0"), int(stripped or "0")


def _million(i, v):
    return v == 0 and i != 0 and i % 1000000 == 0


def _other_only(i, v, f, t):
    return "other"


def _one_if_one(i, v, f, t):
    # en, de, nl, sv, ... : one: i = 1 and v = 0
    return "one" if i == 1 and v == 0 else "other"


def _one_if_n_one(i, v, f, t):
    # n = 1: "1.0" is one too
    return "one" if i == 1 and f == 0 else "other"


def _danish(i, v, f, t):
    return "one" if (i == 1 and f == 0) or (t != 0 and i in (0, 1)) else "other"


def _french(i, v, f, t):
    if i in (0, 1):
        return "one"
    return "many" if _million(i, v) else "other"


def _spanish(i, v, f, t):
    if i == 1 and f == 0:
        return "one"
    return "many" if _million(i, v) else "other"


def _italian(i, v, f, t):
    # it, ca, pt-PT: one: i = 1 and v = 0; many: whole millions
    if i == 1 and v == 0:
        return "one"
    return "many" if _million(i, v) else "other"


def _polish(i, v, f, t):
    if v != 0:
        return "other"
    if i == 1:
        return "one"
    if 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
        return "few"
    return "many"


def _east_slavic(i, v, f, t):
    # ru, uk
    if v != 0:
        return "other"
    if i % 10 == 1 and i % 100 != 11:
        return "one"
    if 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
        return "few"
    return "many"


def _czech(i, v, f, t):
    # cs, sk
    if v != 0:
        return "many"
    if i == 1:
        return "one"
    return "few" if 2 <= i <= 4 else "other"


# language -> (rule, the categories it gives). Checked against each other by tests/test_strings.py.
RULES = {
    "en": (_one_if_one, ("one", "other")),
    "de": (_one_if_one, ("one", "other")),
    "nl": (_one_if_one, ("one", "other")),
    "sv": (_one_if_one, ("one", "other")),
    "fi": (_one_if_one, ("one", "other")),
    "et": (_one_if_one, ("one", "other")),
    "nb": (_one_if_n_one, ("one", "other")),
    "no": (_one_if_n_one, ("one", "other")),
    "el": (_one_if_n_one, ("one", "other")),
    "hu": (_one_if_n_one, ("one", "other")),
    "tr": (_one_if_n_one, ("one", "other")),
    "da": (_danish, ("one", "other")),
    "fr": (_french, ("one", "many", "other")),
    "pt": (_french, ("one", "many", "other")),
    "pt-PT": (_italian, ("one", "many", "other")),
    "es": (_spanish, ("one", "many", "other")),
    "it": (_italian, ("one", "many", "other")),
    "ca": (_italian, ("one", "many", "other")),
    "pl": (_polish, ("one", "few", "many", "other")),
    "ru": (_east_slavic, ("one", "few", "many", "other")),
    "uk": (_east_slavic, ("one", "few", "many", "other")),
    "cs": (_czech, ("one", "few", "many", "other")),
    "sk": (_czech, ("one", "few", "many", "other")),
    "ja": (_other_only, ("other",)),
    "zh": (_other_only, ("other",)),
    "ko": (_other_only, ("other",)),
    "vi": (_other_only, ("other",)),
    "th": (_other_only, ("other",)),
    "id": (_other_only, ("other",)),
    "ms": (_other_only, ("other",)),
}


def _rule(language):
    """The rule of a language tag: "pt-PT" has its own, "de-AT" and "zh_Hant" take their language's."""
    tag = str(language or "").replace("_", "-")
    if tag in RULES:
        return RULES[tag]
    base = tag.split("-")[0].lower()
    return RULES[base] if base in RULES else RULES["en"]


def categories(language):
    """The plural categories a catalogue in `language` gives, in CLDR's order: ["one", "other"] for English."""
    return list(_rule(language)[1])


def category(language, count):
    """The CLDR plural category of count in language: "one", "few", "many" or "other" (or "zero", "two")."""
    i, v, f, t = _operands(count)
    return _rule(language)[0](i, v, f, t)
