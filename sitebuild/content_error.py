"""The one kind of error a content mistake raises in the site's steps: its text is one `path:line: message`
per line, every mistake found, which the command line and the MkDocs hooks print as they are."""


class ContentError(Exception):
    def __init__(self, lines):
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))
