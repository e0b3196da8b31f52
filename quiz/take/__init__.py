"""`python -m quiz take PAGE`: a page's quiz in the terminal, marked by the browser's own scoring module."""
