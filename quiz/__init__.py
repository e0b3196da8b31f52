"""Self-check quizzes written as ```quiz fences in Markdown.

Build time (CPython): `blocks` finds the fences as the renderer does, `parse` reads one, `check` finds every
mistake in a docs tree (with `source` and `front_matter`), `render` turns a question into plain HTML that
works without JavaScript, `fence` plugs that into pymdownx.superfences, `plugin` and `page` give quiz pages
the runtime. Run time (MicroPython in the browser, through PyScript): the modules of `browser/`, where `app`
enhances that HTML and `scoring` marks the answers. `scoring` is also imported by the build and the tests,
so both interpreters share one rule.
"""
