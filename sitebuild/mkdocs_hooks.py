"""MkDocs hooks: the steps around the build, so that `mkdocs build` and `mkdocs serve` need nothing else.

Only conveniences: each step is also a command (`python -m quiz check docs`, `python -m sitebuild prepare
docs`, `python -m sitebuild finish site`) for generators that ignore hooks, such as Zensical.
"""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from quiz.check import check_docs, format_issues
from sitebuild import steps

_command = {"name": "build"}


def on_startup(command, dirty, **kwargs):
    _command["name"] = command


def on_pre_build(config, **kwargs):
    _, issues = check_docs(config["docs_dir"])
    if issues:
        raise PluginError("quiz blocks have %d error(s):\n%s" % (len(issues), format_issues(issues)))
    steps.prepare(config["docs_dir"])


# After Material's offline plugin (-100), which writes the inlined search index the precache must include.
@event_priority(-200)
def on_post_build(config, **kwargs):
    # A live-reloading preview must not be cached by a service worker.
    steps.finish(config["site_dir"], service_worker=_command["name"] != "serve")
