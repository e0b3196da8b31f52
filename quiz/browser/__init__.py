"""The quiz's browser code: every module in this folder, and only these, is served to MicroPython.

The runtime's file list (quiz/runtime.py), the MicroPython lint scope (pyproject.toml) and the vectors
runner (tests/micropython/run_vectors.mjs) read this folder, so a module added here is published, linted
and testable in both interpreters with no list to edit. Build-time code may import these modules; nothing
here imports build-time code.

The browser loads the files side by side, without a package: a module imports another as
`from . import x` inside `try`, with a plain `import x` in its `except ImportError` (app.py, dom.py and
reorder.py, which need PyScript, import flat only). This `__init__` is not served.

MicroPython rules (1.27, the pinned interpreter), the same for every module here:
- No dataclasses, typing, enum, fractions, unicodedata, contextlib, `match` statements, positional-only
  parameters, zip(strict=) or asyncio.run. namedtuple, classes with __slots__, generators and
  comprehensions work.
- Dicts are not insertion-ordered: walk a list (the answer key's order), or sort, wherever order shows.
- f-strings work, with format specs and `!r`; `f"{x=}"` shows str(x) where CPython shows repr(x). There is
  no built-in format(), str.casefold, str.translate, str.title, str.removeprefix or slicing with a step, and
  str.split()/strip() know only ASCII white space and strip bytes, not characters, outside ASCII.
- In `re`, `{m,n}` is literal text, `\\b` never matches, and there is no findall, fullmatch, IGNORECASE,
  named group or lookahead.
- random.seed gives other numbers than CPython: shuffles use shuffle.py's own seeded generator.
"""
