"""`python -m quiz export`: a page's questions for a learning platform (GIFT, Moodle XML, QTI 2.1)."""
