"""kb: turns Vietnamese legal texts into a Markdown library that MkDocs renders.

Data flows one way: source file → blocks (``sources``) → document model
(``structure``) → Markdown with front matter (``render``) → site.
"""
