"""The element ids and storage names a quiz page uses, built so they cannot clash, and the clashes the check
refuses because the build cannot avoid them.

Quiz and question ids are lowercase letters, digits and single hyphens (parse.ID_RE), so a double hyphen
never occurs in one: the build puts "--" before every part it adds to a quiz id (a second run of a quiz,
its result heading), which makes form ids, their storage names and result ids unique by construction. A
heading's id is the author's (MkDocs' toc extension makes it from the words), and a question's element ids
follow its id with a single hyphen (existing links and saved answers use them): those clashes are reported.

Build-time code (CPython).
"""

FORM_PREFIX = "quiz-"
SETTINGS_ID = "quiz-settings"
# What render.py and app.py put after "q-<question id>-": besides these, each option, step, pair or gap key.
# "sure" and its levels: the radio group of a quiz that asks how sure the learner is (quiz/page.py).
QUESTION_SUFFIXES = ("hint", "answer", "note", "keep", "sure", "sure-low", "sure-medium", "sure-high")


def form_id(quiz_id, run):
    """The id of the run-th form (1, 2, ...) of a quiz on a page: quiz-safety, quiz-safety--2."""
    return FORM_PREFIX + quiz_id + ("" if run == 1 else "--%d" % run)


def result_id(form):
    return form + "--result"


def question_ids(question):
    """Every element id the question's markup uses."""
    base = "q-" + question.id
    keys = [option.key for option in question.options] + [step.key for step in question.steps]
    keys += [pair.key for pair in question.pairs] + [gap.key for gap in question.gaps]
    return [base] + ["%s-%s" % (base, suffix) for suffix in list(QUESTION_SUFFIXES) + keys]


def page_issues(headings, questions):
    """(line, message) for each element id on one page that the build would write twice.

    headings: (line, id, text) of the page's headings; questions: the page's parsed questions, in order."""
    issues = []
    if not questions:  # the page gets no quiz markup
        return issues
    owner = {}
    for question in questions:
        if not question.id:  # reported as missing already
            continue
        line = question.keys_line.get("id", question.line + 1)
        for element in question_ids(question):
            other = owner.get(element)
            if other is not None and other[0] != question.id:
                issues.append(
                    (
                        line,
                        "question id %r gives an element the id %r, which question %r (line %d) uses too: choose "
                        "another id" % (question.id, element, other[0], other[1]),
                    )
                )
                break
            owner.setdefault(element, (question.id, line))
    quiz_ids = sorted({question.quiz for question in questions})
    for line, anchor, text in headings:
        if anchor in owner:
            found = owner[anchor]
            issues.append(
                (
                    line,
                    "heading %r gets the id %r, which question %r (line %d) uses: give the heading another id, "
                    "e.g. `## %s {#another-id}`" % (text, anchor, found[0], found[1], text),
                )
            )
        elif anchor == SETTINGS_ID or any(
            anchor == FORM_PREFIX + quiz_id or anchor.startswith(FORM_PREFIX + quiz_id + "--") for quiz_id in quiz_ids
        ):
            issues.append(
                (
                    line,
                    "heading %r gets the id %r, which the quiz on this page uses: give the heading another id, "
                    "e.g. `## %s {#another-id}`" % (text, anchor, text),
                )
            )
    return issues
