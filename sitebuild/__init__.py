"""Site-wide build steps around the static-site generator, none of them tied to MkDocs.

Before the build, `prepare` copies third-party browser files from node_modules into docs/assets. After the
build, `finish` locks every page down with a Content-Security-Policy, writes the single-file take-away copy
and generates the service worker that precaches the whole site. `python -m sitebuild` runs them by hand
for generators that ignore MkDocs hooks; sitebuild/mkdocs_hooks.py runs them inside `mkdocs build`.
"""
