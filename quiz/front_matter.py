"""The quiz settings in a page's YAML front matter (`quiz_shuffle_questions`, `quiz_result_note`,
`quiz_score_bands`), checked node by node so each mistake is reported on its own line of the file.
MkDocs reads the same front matter into page.meta, which quiz/page.py turns into the page's settings.

Build-time code (CPython).
"""

import difflib

import yaml
from mkdocs.utils.meta import YAML_RE

from . import front_yaml, invisible
from .browser import shuffle, typos
from .parse import HTML_RE

# The page settings a quiz page reads from its front matter (quiz/page.py); any other quiz_* key is a typo.
FRONT_MATTER_KEYS = (
    "quiz_shuffle_questions",
    "quiz_result_note",
    "quiz_score_bands",
    "quiz_typos",
    "quiz_pool",
    "quiz_confidence",
)
BAND_KEYS = ("from", "text")


class _FrontMatter:
    """The page's YAML front matter as nodes, so that each mistake is reported on its own line of the file."""

    def __init__(self, yaml_text):
        self.loader = yaml.SafeLoader(yaml_text)

    def close(self):
        self.loader.dispose()

    def root(self):
        return self.loader.get_single_node()

    def value(self, node):
        return self.loader.construct_object(node, deep=True)

    @staticmethod
    def line(node):
        # The YAML starts on the file's second line, after the opening "---".
        return node.start_mark.line + 2


def _quizzes_named(quiz_ids):
    if not quiz_ids:
        return "this page has no quiz"
    return "quizzes on this page: %s" % ", ".join(sorted(quiz_ids))


def _did_you_mean(quiz_id, quiz_ids):
    close = difflib.get_close_matches(str(quiz_id), sorted(quiz_ids), n=1)
    return "; did you mean %r?" % close[0] if close else ""


def _no_such_quiz(front, node, setting, quiz_id, quiz_ids):
    """The issue, at node's line, of a setting naming a quiz id the page does not have."""
    message = "%s: no quiz with id %r on this page%s (%s)" % (
        setting,
        quiz_id,
        _did_you_mean(quiz_id, quiz_ids),
        _quizzes_named(quiz_ids),
    )
    return front.line(node), message


def _quiz_id(id_node):
    """The quiz id a mapping key names, or None for a key that is not a plain value."""
    return id_node.value if isinstance(id_node, yaml.ScalarNode) else None


def meta_file_issues(yaml_text, quiz_ids):
    """(line, message) for the quiz settings of a meta file (Material's meta plugin: `.meta.yml`, plain YAML
    that every page below it inherits); quiz_ids are those of the quizzes of those pages. It is read as the
    front matter of a page would be, then each line moved back by the opening `---` it does not have."""
    text = "---\n%s\n---\n" % yaml_text.rstrip("\n")
    found = front_yaml.page_issues(text) or front_matter_issues(text, quiz_ids)
    # Its settings reach every page below it, not one page.
    below = lambda message: message.replace("this page has no quiz", "none has a quiz").replace(  # noqa: E731
        "this page", "the pages below it"
    )
    return [(line - 1, below(message)) for line, message in found]


def front_matter_issues(text, quiz_ids, quiz_sizes=None):
    """(line, message) for every mistake in the quiz settings of a page's front matter; quiz_ids are the
    ids of the quizzes the page shows, quiz_sizes (quiz id -> its number of questions on the page) bound
    quiz_pool. MkDocs reads the same front matter into page.meta (quiz/page.py)."""
    match = YAML_RE.match(text)
    if not match or "quiz_" not in match.group(1) or front_yaml.page_issues(text):
        # Tags, aliases and values that cannot be built are reported on their own (front_yaml.page_issues).
        return []
    front = _FrontMatter(match.group(1))
    try:
        try:
            root = front.root()
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or str(error)
            return [
                (
                    mark.line + 2 if mark else 1,
                    "the front matter is not valid YAML (%s), so its quiz settings are ignored" % problem,
                )
            ]
        if not isinstance(root, yaml.MappingNode):
            return []
        issues = []
        for key_node, value_node in root.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            if key in ("quiz_shuffle_questions", "quiz_confidence"):
                issues += _shuffle_issues(front, value_node, quiz_ids, key)
            elif key == "quiz_result_note":
                issues += _note_issues(front, value_node)
            elif key == "quiz_score_bands":
                issues += _bands_issues(front, value_node, quiz_ids)
            elif key == "quiz_typos":
                issues += _per_quiz_issues(
                    front, value_node, quiz_ids, key, 0, typos.MAX_TYPOS, "the edits a typed answer may have"
                )
            elif key == "quiz_pool":
                most = {
                    quiz_id: (size, "the page has %d question%s in that quiz" % (size, "" if size == 1 else "s"))
                    for quiz_id, size in (quiz_sizes or {}).items()
                }
                issues += _per_quiz_issues(
                    front, value_node, quiz_ids, key, 1, shuffle.MAX_POOL, "the questions each attempt draws", most
                )
            elif key.startswith("quiz_"):
                issues.append(
                    (
                        front.line(key_node),
                        "unknown quiz setting %r (known settings: %s)" % (key, ", ".join(FRONT_MATTER_KEYS)),
                    )
                )
        return issues
    finally:
        front.close()


def _shuffle_issues(front, node, quiz_ids, name="quiz_shuffle_questions"):
    if isinstance(node, yaml.ScalarNode):
        value = front.value(node)
        if value is None or isinstance(value, bool):
            return []
        named = [(node, quiz_id) for quiz_id in str(value).split()]
    elif isinstance(node, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in node.value):
        named = [(item, item.value) for item in node.value]
    else:
        return [(front.line(node), "%s must be `true` or a list of quiz ids" % name)]
    return [_no_such_quiz(front, item, name, quiz_id, quiz_ids) for item, quiz_id in named if quiz_id not in quiz_ids]


def _plain_text_issue(text, what):
    if HTML_RE.search(text):
        return "raw HTML is not allowed in %s: it is shown as plain text" % what
    return invisible.text_issue(text, what)


def _text_issue(front, node, empty, not_text, what):
    """The message for a front-matter value that must be plain, non-empty text, or None. `not_text` has a %s
    for what was written instead; `what` names the value in the raw-HTML message."""
    value = front.value(node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(node, yaml.ScalarNode) and (value is None or (isinstance(value, str) and not value.strip())):
        return empty
    if not isinstance(value, str):
        return not_text % _source(node)
    return _plain_text_issue(value, what)


def _note_issues(front, node):
    problem = _text_issue(
        front,
        node,
        "quiz_result_note is empty; remove the key or write the note",
        "quiz_result_note must be text, not %s",
        "quiz_result_note",
    )
    return [(front.line(node), problem)] if problem else []


BAND_SHAPE = "`- from: <percent>` and `text: <what the reader sees>`"


def _bands_issues(front, node, quiz_ids):
    if not isinstance(node, yaml.MappingNode):
        return [(front.line(node), "quiz_score_bands must list, under each quiz id, its bands: %s" % BAND_SHAPE)]
    issues = []
    for id_node, bands_node in node.value:
        quiz_id = _quiz_id(id_node)
        if quiz_id not in quiz_ids:
            issues.append(_no_such_quiz(front, id_node, "quiz_score_bands", quiz_id, quiz_ids))
        if not isinstance(bands_node, yaml.SequenceNode) or not bands_node.value:
            issues.append(
                (front.line(bands_node), "quiz_score_bands: %r needs a list of bands, each %s" % (quiz_id, BAND_SHAPE))
            )
            continue
        issues += _band_list_issues(front, id_node, quiz_id, bands_node)
    return issues


def _band_list_issues(front, id_node, quiz_id, bands_node):
    issues = []
    bounds = []
    every_bound_valid = True
    for band in bands_node.value:
        if not isinstance(band, yaml.MappingNode):
            issues.append((front.line(band), "quiz_score_bands: each band is %s" % BAND_SHAPE))
            every_bound_valid = False
            continue
        fields = {}
        for key_node, value_node in band.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in BAND_KEYS:
                fields[key] = value_node
            else:
                issues.append(
                    (
                        front.line(key_node),
                        "quiz_score_bands: unknown key %r in a band (known keys: %s)" % (key, ", ".join(BAND_KEYS)),
                    )
                )
        bound = _bound(front, fields.get("from"))
        if "from" not in fields:
            issues.append((front.line(band), "quiz_score_bands: a band needs `from:`, the lowest percent it covers"))
        elif bound is None:
            issues.append(
                (
                    front.line(fields["from"]),
                    "quiz_score_bands: from %s must be a number from 0 to 100" % _source(fields["from"]),
                )
            )
        if bound is None:
            every_bound_valid = False
        else:
            if bounds and bound >= bounds[-1]:
                issues.append(
                    (
                        front.line(fields["from"]),
                        "quiz_score_bands: from %s must be lower than the band before it (from %s); list the bands "
                        "from the highest score down" % (_number(bound), _number(bounds[-1])),
                    )
                )
            bounds.append(bound)
        issues += _band_text_issues(front, band, fields.get("text"))
    if every_bound_valid and 0 not in bounds:
        issues.append(
            (
                front.line(id_node),
                "quiz_score_bands: %r has no band from 0, so a low score would get no text; "
                "end with `- from: 0`" % (quiz_id,),
            )
        )
    return issues


def _bound(front, node):
    if not isinstance(node, yaml.ScalarNode):
        return None
    value = front.value(node)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        return None
    return value


def _source(node):
    """A value as the author wrote it: `yes`, not Python's True."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _number(value):
    return "%g" % value


def _band_text_issues(front, band, node):
    if node is None:
        return [(front.line(band), "quiz_score_bands: a band needs `text:`, what the reader sees for that score")]
    problem = _text_issue(
        front,
        node,
        "text is empty; write what the reader sees for that score",
        "text must be text, not %s; put it in quotes",
        "a band's text",
    )
    return [(front.line(node), "quiz_score_bands: " + problem)] if problem else []


def _whole(front, node):
    value = front.value(node) if isinstance(node, yaml.ScalarNode) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _per_quiz_issues(front, node, quiz_ids, name, low, high, meaning, most=None):
    """A mapping of quiz id -> whole number from low to high (quiz_typos, quiz_pool); `most` (quiz id -> a
    lower bound on high for that quiz, with its reason) narrows high per quiz."""
    shape = "%s lists quiz ids, each with a whole number: `%s: {self-check: %d}`" % (name, name, max(low, 1))
    if not isinstance(node, yaml.MappingNode) or not node.value:
        return [(front.line(node), shape)]
    issues = []
    for id_node, value_node in node.value:
        quiz_id = _quiz_id(id_node)
        if quiz_id not in quiz_ids:
            issues.append(_no_such_quiz(front, id_node, name, quiz_id, quiz_ids))
            continue
        value = _whole(front, value_node)
        top, reason = (most or {}).get(quiz_id, (high, None))
        top = min(top, high)
        if value is None or not low <= value <= top:
            because = "; %s" % reason if reason and value is not None and value > top else ""
            issues.append(
                (
                    front.line(value_node),
                    "%s: %s for %r must be a whole number from %d to %d (%s)%s"
                    % (name, _source(value_node), quiz_id, low, top, meaning, because),
                )
            )
    return issues


def per_quiz_numbers(text, name):
    """{quiz id: whole number} of a page's valid `name` setting (quiz_typos, quiz_pool), for the build and the
    check's readers; mistakes in it are front_matter_issues' to report."""
    match = YAML_RE.match(text)
    if not match or name not in match.group(1):
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    found = data.get(name) if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {
        str(quiz_id): value
        for quiz_id, value in found.items()
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0
    }
