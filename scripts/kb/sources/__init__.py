"""Readers: one per source format, each turning a file into blocks.

Every reader exposes two functions:

``read(data: bytes, path: Path) -> list[Block]``
    the paragraphs of the document body, in reading order (the common
    intermediate form every later stage works on);
``plain_text(data: bytes, path: Path) -> str``
    the source's text extracted independently of ``read`` (no cleaning, no
    structure), which the import check compares with the produced Markdown.

A reader may also expose ``warnings(data: bytes, path: Path) -> list[str]``:
what the editor should know about a file that was read all the same (a text
converted from a legacy encoding).

Readers raise :class:`kb.errors.SourceError` for input they cannot read.
"""
