"""The quiz's own modules that the terminal runner (quiz/take/) and the exports (quiz/export/) build on.

They are imported here and nowhere else in those packages, so a module that moves or is renamed is one line
to change, in this file.
"""

from . import markup, parse, question_types, render, saved, scoring, shuffle, strings  # noqa: F401
from .blocks import extensions_of  # noqa: F401
from .check import check_docs, display_path, format_issues, heading_ids  # noqa: F401
from .config import ConfigError, built_page, read_config  # noqa: F401
from .page import SETTINGS_RE  # noqa: F401
