"""Self-check quizzes written as ```quiz fences in Markdown.

Build time (CPython): `parse` reads a fence, `check` finds every mistake in a docs tree, `render` turns a
question into plain HTML that works without JavaScript, `fence` plugs that into pymdownx.superfences.
Run time (MicroPython in the browser, through PyScript): `app` enhances that HTML and `scoring` marks the
answers. `scoring` is also imported by the build and the tests, so both interpreters share one rule.
"""
