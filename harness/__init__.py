"""Driving a browser against a built copy of this site: shared by the tests, the benchmark (bench/) and the
README's screenshots (tools/), none of which imports another's code.

`localhost` serves a built site on 127.0.0.1 and names Debian's Chromium and its flags; `engines` opens a
page in Chromium, Firefox or WebKit behind one small page interface; `quiz_driver` answers the site's
questions as a learner would, one answerer per question type.

Not part of the quiz plugin's wheel: this is the project's own test and measuring equipment.
"""

from pathlib import Path

# The checkout this equipment works on, and its pages.
ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
