"""What a built page with a quiz gains: the runtime's tags and the page's quiz settings.

`inject` works on the finished HTML, so the MkDocs plugin (on_post_page) and `python -m quiz finish` (for
generators that ignore plugins) produce the same page, whatever the theme's templates. Every address is
relative to the page, so the site works under any base path and from a downloaded folder.

The head gains the runtime's stylesheets, the fallback script (which explains in words when the quiz cannot
start), the settings as JSON (`<script type="application/json" id="quiz-settings">`, read by app.py and the
fallback) and the loader, which requests the runtime after the first paint and then starts PyScript. The
body ends with the PyScript config and the <mpy-script> element that runs app.py. On a site with Material's
instant navigation every page gets the loader (see inject).
"""

import html as html_lib
import json
import posixpath
import re

from . import element_ids
from .browser import shuffle, typos
from .browser.scoring import fill
from .parse import TYPO_TYPES
from .render import json_for_script
from .runtime import (
    APP,
    INTERPRETER,
    MICROPYTHON_DIR,
    PYSCRIPT_CSS,
    PYSCRIPT_DIR,
    PYSCRIPT_ENTRY,
    PYSCRIPT_UNUSED_PLUGINS,
    PYTHON_DIR,
    PYTHON_FILES,
    WEB_DIR,
    preloads,
)

# The rendered question (quiz/render.py), not prose that mentions its attribute: Markdown escapes "<" in text.
QUESTION_RE = re.compile(r'<fieldset class="quiz-question"[^>]*\sdata-quiz-question="')
# One rendered question, whole (fieldsets never nest), with its quiz id.
FIELDSET_RE = re.compile(r'<fieldset class="quiz-question"[^>]*\sdata-quiz="([^"]*)"[^>]*>.*?</fieldset>', re.S)
SETTINGS_ID = element_ids.SETTINGS_ID
# The settings block as the page carries it: what the single-file copy and the tests read back.
# The loader's own attribute: a page that has it was given the runtime before.
LOADER_ATTRIBUTE = "data-pyscript="
SETTINGS_RE = re.compile(r'<script type="application/json" id="%s">(.*?)</script>' % SETTINGS_ID, re.S)


class PageError(Exception):
    pass


def has_quiz(html):
    return QUESTION_RE.search(html) is not None


def relative(path, page_url):
    """A site-root-relative path as seen from the page at page_url (MkDocs' page.url: "quiz.html",
    "learn/check/", "" for the home page with directory URLs)."""
    page_url = page_url.lstrip("/")
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(path, folder or ".")


def _shuffle_setting(value, name="quiz_shuffle_questions"):
    """`true` or a list of quiz ids (quiz_shuffle_questions, quiz_confidence)."""
    if value is None or value is False:
        return []
    if value is True:
        return True
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise PageError("%s must be `true` or a list of quiz ids, not %r" % (name, value))


def _is_percent(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100


def _score_bands_setting(value):
    """quiz id -> [[from, text], ...], highest band first. `quiz check` has reported each mistake with its line
    before a build; this refuses what it would have refused, for `quiz finish` run without it."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PageError("quiz_score_bands must list bands under each quiz id, not %r" % (value,))
    bands = {}
    for quiz_id, listed in value.items():
        if not isinstance(listed, list) or not listed:
            raise PageError("quiz_score_bands: %r needs a list of bands" % (quiz_id,))
        for band in listed:
            if (
                not isinstance(band, dict)
                or set(band) != {"from", "text"}
                or not _is_percent(band["from"])
                or not isinstance(band["text"], str)
                or not band["text"].strip()
            ):
                raise PageError("quiz_score_bands: %r has a band other than `from: <0 to 100>`, `text`" % (quiz_id,))
        ordered = sorted(listed, key=lambda band: band["from"], reverse=True)
        bands[str(quiz_id)] = [[band["from"], band["text"].strip()] for band in ordered]
    return bands


def _per_quiz_setting(value, name, high):
    """quiz id -> whole number for a per-quiz front matter setting (quiz_typos); None or {} when absent."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(number, int) and not isinstance(number, bool) and 0 <= number <= high for number in value.values()
    ):
        raise PageError("%s must list quiz ids, each with a whole number from 0 to %d, not %r" % (name, high, value))
    return {str(quiz_id): number for quiz_id, number in value.items()}


NAMESPACE_RE = re.compile(r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")


def namespace_problem(value):
    """Why a storage_namespace option cannot be used, or None."""
    if value == "" or (isinstance(value, str) and NAMESPACE_RE.match(value)):
        return None
    return (
        "the quiz plugin's storage_namespace must be letters, digits, '.', '_' or '-', in parts joined by '/' "
        "(such as my-notes), not %r" % (value,)
    )


def settings(strings, meta, page_url, offline_copy="", language="en", storage_namespace=""):
    """The page's quiz settings: the UI strings of the page's language and its tag (for plural forms and
    dates; quiz/languages.py), and from the page's front matter
    (`meta`) which quizzes show their questions shuffled, a note under the result and, per quiz, the text for
    each band of scores."""
    meta = meta or {}
    note = meta.get("quiz_result_note") or ""
    if not isinstance(note, str):
        raise PageError("quiz_result_note must be text, not %r" % (note,))
    return {
        "strings": dict(strings),
        "language": language,
        "shuffle_questions": _shuffle_setting(meta.get("quiz_shuffle_questions")),
        "result_note": note,
        "score_bands": _score_bands_setting(meta.get("quiz_score_bands")),
        "typos": _per_quiz_setting(meta.get("quiz_typos"), "quiz_typos", typos.MAX_TYPOS),
        # Questions drawn per attempt, per quiz id (front matter quiz_pool); the check bounds each number.
        "pool": _per_quiz_setting(meta.get("quiz_pool"), "quiz_pool", shuffle.MAX_POOL),
        # Quizzes whose questions ask how sure the learner is (front matter quiz_confidence).
        "confidence": _shuffle_setting(meta.get("quiz_confidence"), "quiz_confidence"),
        "offline_copy": relative(offline_copy, page_url) if offline_copy else "",
        # Saved answers are named by the site's path under the origin (the page resolves this), or by the
        # plugin's storage_namespace (saved.site_namespace).
        "site_root": relative(".", page_url) + "/",
        "storage_namespace": storage_namespace,
    }


def _attr(value):
    """A double-quoted attribute value; the values here are URLs and JSON, and JSON's quotes need escaping."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _config_json(data):
    # For a single-quoted attribute: json_for_script already escapes <, > and &.
    return json_for_script(data).replace("'", "\\u0027")


def runtime_config(page_url):
    """PyScript's config for the quiz: the interpreter, the quiz's modules and the plugins left out."""
    rel = lambda path: relative(path, page_url)  # noqa: E731
    return {
        "interpreter": rel(MICROPYTHON_DIR + "/" + INTERPRETER),
        "files": {rel(PYTHON_DIR + "/" + name): "./" + name for name in PYTHON_FILES if name != APP},
        "plugins": PYSCRIPT_UNUSED_PLUGINS,
    }


def head_tags(page_url, page_settings, site_paths):
    """The runtime's stylesheets, the page's settings (when it has a quiz), the fallback script and the loader.
    The loader's tag carries every address it needs, PyScript's config included, so that on a site with
    Material's instant navigation the loader of whatever page a reader lands on can start any quiz page."""
    url = lambda path: _attr(relative(path, page_url))  # noqa: E731
    modules, fetched = preloads(site_paths)
    settings_tag = (
        ['<script type="application/json" id="%s">%s</script>' % (SETTINGS_ID, json_for_script(page_settings))]
        if page_settings is not None
        else []
    )
    return "\n".join(
        [
            '<link rel="stylesheet" href="%s">' % url(PYSCRIPT_DIR + "/" + PYSCRIPT_CSS),
            '<link rel="stylesheet" href="%s">' % url(WEB_DIR + "/quiz.css"),
            *settings_tag,
            '<script src="%s"></script>' % url(WEB_DIR + "/quiz-fallback.js"),
            '<script src="%s"></script>' % url(WEB_DIR + "/quiz-storage.js"),
            '<script src="%s" async data-pyscript="%s" data-modules="%s" data-files="%s" data-app="%s" '
            'data-config="%s"></script>'
            % (
                url(WEB_DIR + "/quiz-loader.js"),
                url(PYSCRIPT_DIR + "/" + PYSCRIPT_ENTRY),
                " ".join(url(path) for path in modules),
                " ".join(url(path) for path in fetched),
                url(PYTHON_DIR + "/" + APP),
                _attr(json_for_script(runtime_config(page_url))),
            ),
        ]
    )


def body_tags(page_url):
    rel = lambda path: relative(path, page_url)  # noqa: E731
    # PyScript applies the plugin list only when the `py` type is given the same one.
    return "\n".join(
        [
            "<py-config>%s</py-config>" % json_for_script({"plugins": PYSCRIPT_UNUSED_PLUGINS}),
            # The custom element rather than <script type="mpy">: the same for PyScript, and valid HTML.
            "<mpy-script src=\"%s\" config='%s'></mpy-script>"
            % (_attr(rel(PYTHON_DIR + "/" + APP)), _config_json(runtime_config(page_url))),
        ]
    )


NUMBER_SLOT = '<span class="quiz-question__number"></span>'


def _numbered(question_html, number, say):
    """The question with its number in its legend, from the catalogue: part of the name every screen reader
    announces for the question, and the name the result's "To revisit: Question 7" refers to."""
    return question_html.replace(
        NUMBER_SLOT, '<span class="quiz-question__number">%s</span> ' % say("question.number", n=number), 1
    )


def _form(quiz_id, form_id, questions, strings, shuffled=False):
    """A quiz as the page shows it from the first paint: its questions inside the form, with the progress and
    status lines above them and the buttons below, all in their starting state. Python then only enables
    what is here, so nothing on the page moves when it starts. Without JavaScript, the stylesheet hides the
    parts that need it (see quiz.css: they show under html.quiz-js, which the fallback script sets)."""
    attr = html_lib.escape
    say = lambda key, **values: attr(fill(strings[key], values), quote=False)  # noqa: E731
    return "\n".join(
        [
            # A quiz shown in each reader's own order is laid out at first paint but shown once reordered.
            # autocomplete="off": a browser that refills a form on reload would look like a learner's answers.
            '<form class="quiz" id="%s" data-quiz="%s" data-quiz-state="starting"%s autocomplete="off" novalidate>'
            % (attr(form_id), attr(quiz_id), " data-quiz-shuffled" if shuffled else ""),
            # The one live region of the quiz: every check, result and message is spoken through it. It is in
            # the page, empty, before Python starts, so the first thing said into it is heard.
            '<p class="quiz-announce quiz-visually-hidden" aria-live="polite"></p>',
            # Sticky while the quiz is on screen (quiz.css): how far the learner is, and a way to the next
            # question still open.
            '<div class="quiz-bar quiz-needs-js">',
            '<p class="quiz-progress">%s</p>' % say("progress.answered", answered=0, total=len(questions)),
            '<p class="quiz-progress__revisit" hidden></p>',
            '<button type="button" class="quiz-next" data-quiz-action="next-unanswered" disabled>%s</button>'
            % say("progress.next"),
            "</div>",
            '<div class="quiz-messages quiz-needs-js"><p class="quiz-status">%s</p></div>' % say("status.starting"),
            *[_numbered(question, number, say) for number, question in enumerate(questions, 1)],
            '<div class="quiz-controls quiz-needs-js">',
            '<button type="submit" class="md-button md-button--primary" disabled>%s</button>' % say("quiz.check"),
            '<button type="button" class="md-button" data-quiz-action="clear" disabled>%s</button>' % say("quiz.clear"),
            "</div>",
            '<section class="quiz-result" aria-labelledby="%s" hidden>' % attr(element_ids.result_id(form_id)),
            '<h2 class="quiz-result__title" id="%s" tabindex="-1">%s</h2>'
            % (attr(element_ids.result_id(form_id)), say("result.title")),
            "</section>",
            "</form>",
        ]
    )


KEY_ATTRIBUTE_RE = re.compile(r'(\sdata-quiz-key=")([^"]*)(")')


def with_page_typos(fieldset, edits):
    """A rendered question given the page's quiz_typos for its quiz: written into its answer key when it is a
    typed question without a `typos:` of its own (check.apply_page_typos applies the same rule)."""

    def update(match):
        key = json.loads(html_lib.unescape(match.group(2)))
        if key.get("type") not in TYPO_TYPES or "typos" in key:
            return match.group(0)
        key["typos"] = edits
        text = json.dumps(key, separators=(",", ":"), sort_keys=True, ensure_ascii=True)
        return match.group(1) + html_lib.escape(text) + match.group(3)

    return KEY_ATTRIBUTE_RE.sub(update, fieldset, count=1)


QUESTION_ID_RE = re.compile(r'\sdata-quiz-question="([^"]*)"')
ACTIONS = '<p class="quiz-question__actions quiz-needs-js">'
# Each level of certainty (saved.SURE_LEVELS) and the catalogue key of its label.
SURE_LEVELS = (("low", "confidence.low"), ("medium", "confidence.medium"), ("high", "confidence.high"))


def with_confidence(fieldset, strings):
    """A rendered question given a radio group "How sure are you?" (front matter quiz_confidence), before its
    Check button: plain inputs of the form, shown where the quiz's script runs, like the button."""
    attr = html_lib.escape
    base = "q-" + html_lib.unescape(QUESTION_ID_RE.search(fieldset).group(1))
    label = base + "-sure"
    rows = [
        '<div class="quiz-confidence quiz-needs-js" role="radiogroup" aria-labelledby="%s">' % attr(label),
        '<p class="quiz-confidence__label" id="%s">%s</p>'
        % (attr(label), attr(strings["confidence.legend"], quote=False)),
    ]
    for level, words in SURE_LEVELS:
        node = "%s-%s" % (label, level)
        rows.append(
            '<span class="quiz-confidence__choice"><input type="radio" name="%s" id="%s" value="%s" '
            'data-quiz-sure disabled><label for="%s">%s</label></span>'
            % (attr(label), attr(node), level, attr(node), attr(strings[words], quote=False))
        )
    rows.append("</div>")
    return fieldset.replace(ACTIONS, "\n".join(rows) + "\n" + ACTIONS, 1)


def wrap_quizzes(html, strings, shuffle_questions=(), page_typos=None, confidence=()):
    """Questions that follow each other directly (nothing but white space between them) and share a quiz id
    become one quiz form; anything else between two questions starts a new quiz. Questions of the quizzes in
    `confidence` (a list of ids, or True for all) ask how sure the learner is."""
    out, runs, last_end = [], [], None
    for match in FIELDSET_RE.finditer(html):
        joined = runs and runs[-1][0] == match.group(1) and not html[last_end : match.start()].strip()
        fieldset = match.group(0)
        if (page_typos or {}).get(match.group(1)) is not None:
            fieldset = with_page_typos(fieldset, page_typos[match.group(1)])
        if confidence is True or match.group(1) in (confidence or ()):
            fieldset = with_confidence(fieldset, strings)
        if joined:
            runs[-1][2] = match.end()
            runs[-1][3].append(fieldset)
        else:
            runs.append([match.group(1), match.start(), match.end(), [fieldset]])
        last_end = match.end()
    position, seen = 0, {}
    for quiz_id, start, end, questions in runs:
        out.append(html[position:start])
        shuffled = shuffle_questions is True or quiz_id in (shuffle_questions or ())
        # Each form's id is unique on the page by construction: the browser keeps answers per form id.
        seen[quiz_id] = seen.get(quiz_id, 0) + 1
        form_id = element_ids.form_id(quiz_id, seen[quiz_id])
        out.append(_form(quiz_id, form_id, questions, strings, shuffled))
        position = end
    out.append(html[position:])
    return "".join(out)


# A button named in the page's own text, written `**Check my answers**{: data-quiz-label="quiz.check" }`: the
# build puts the catalogue's words in, so instructions name the buttons as the reader's language shows them.
LABEL_ATTRIBUTE = "data-quiz-label"
LABEL_RE = re.compile(r'<(strong|em|b|span)\b([^>]*?)\s%s="([^"]*)"([^>]*)>(.*?)</\1>' % LABEL_ATTRIBUTE, re.S)
UNKNOWN_LABEL = '%s="%%s" names no string of the quiz (its keys are in quiz/strings/en.json)' % LABEL_ATTRIBUTE


def labels_from_catalogue(html, strings):
    """Each element of the page's text marked data-quiz-label shows the catalogue's words for that key."""

    def replace(match):
        tag, before, key, after, _ = match.groups()
        if key not in strings:
            raise PageError(UNKNOWN_LABEL % key)
        text = html_lib.escape(fill(strings[key], {}), quote=False)
        return "<%s%s%s>%s</%s>" % (tag, before, after, text, tag)

    return LABEL_RE.sub(replace, html)


def inject(html, page_url, page_settings, site_paths=None, every_page=False):
    """The page with the quiz runtime added, if it shows a question; otherwise unchanged, unless every_page (a
    site with Material's instant navigation, where a quiz page is often reached from another page without a
    new document): then a page without a question gets the loader and fallback, without settings. page_url is
    the page's URL relative to the site root, as MkDocs' page.url. A page injected before is left as it is.

    site_paths: the runtime's files in the built site (default: quiz.runtime.site_files())."""
    quiz = has_quiz(html)
    if (not quiz and not every_page) or LOADER_ATTRIBUTE in html:
        return html
    if site_paths is None:
        from .runtime import site_files

        site_paths = [path for path, _ in site_files()]
    head_end = html.find("</head>")
    body_end = html.rfind("</body>")
    if head_end < 0 or body_end < head_end:
        raise PageError("the page has no </head> and </body> to add the quiz runtime to")
    if not quiz:
        return html[:head_end] + head_tags(page_url, None, site_paths) + "\n" + html[head_end:]
    html = wrap_quizzes(
        html,
        page_settings["strings"],
        page_settings.get("shuffle_questions"),
        page_settings.get("typos"),
        page_settings.get("confidence"),
    )
    html = labels_from_catalogue(html, page_settings["strings"])
    head_end = html.find("</head>")
    body_end = html.rfind("</body>")
    head = head_tags(page_url, page_settings, site_paths)
    body = body_tags(page_url)
    return html[:head_end] + head + "\n" + html[head_end:body_end] + body + "\n" + html[body_end:]


def instant_navigation(theme_features):
    """Whether Material's instant navigation is on (theme.features lists navigation.instant)."""
    return "navigation.instant" in (theme_features or ())
