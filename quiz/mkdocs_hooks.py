"""MkDocs hooks: check every quiz and copy the run-time assets before each build.

Only conveniences for `mkdocs build`/`serve`: the same steps exist as `python -m quiz check docs` and
`python -m quiz prepare` for generators that ignore hooks (Zensical).
"""

from mkdocs.exceptions import PluginError

from quiz.assets import prepare
from quiz.check import check_docs, format_issues


def on_pre_build(config, **kwargs):
    _, issues = check_docs(config["docs_dir"])
    if issues:
        raise PluginError("quiz blocks have %d error(s):\n%s" % (len(issues), format_issues(issues)))
    prepare(config["docs_dir"])
