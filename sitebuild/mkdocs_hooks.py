"""MkDocs hooks: the site's steps around the build, so that `mkdocs build` and `mkdocs serve` need nothing else.

Only conveniences: each step is also a command (`python -m sitebuild prepare docs`, `python -m sitebuild
finish site`) for generators that ignore hooks, such as Zensical. The quiz is not wired here: it is a MkDocs
plugin (`quiz` in mkdocs.yml), used by this site as by any other.
"""

import os
import sys

# MkDocs loads this file by path with only its own folder on sys.path (restored afterwards); the site's
# steps are the package one folder up, which is not installed (only the quiz plugin is).
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from sitebuild import steps  # noqa: E402
from sitebuild.config import ConfigError  # noqa: E402
from sitebuild.content_error import ContentError  # noqa: E402
from sitebuild.files import AssetError  # noqa: E402
from sitebuild.takeaway import TakeawayError  # noqa: E402

_command = {"name": "build"}


def _listed(error):
    return "the site's pages have %d error(s):\n%s" % (len(error.lines), error)


def on_startup(command, dirty, **kwargs):
    _command["name"] = command


def on_pre_build(config, **kwargs):
    try:
        steps.prepare(config["docs_dir"])
    except ContentError as error:
        raise PluginError(_listed(error)) from None
    except AssetError as error:
        raise PluginError(str(error)) from None


# After Material's offline plugin (-100), which writes the inlined search index the precache must include.
@event_priority(-200)
def on_post_build(config, **kwargs):
    # A live-reloading preview must not be cached by a service worker.
    try:
        steps.finish(config["site_dir"], config.config_file_path, service_worker=_command["name"] != "serve")
    except ContentError as error:
        raise PluginError(_listed(error)) from None
    except (ConfigError, TakeawayError) as error:
        raise PluginError(str(error)) from None
