"""The import check: the produced Markdown carries every word of the source, in order.

Both sides are reduced to their sequence of words (letters and digits,
NFC, look-alikes repaired): the source from an extraction that does not
share the importer's cleaning, the output by reading back the written file
— front matter header lines and notes first, then the body without Markdown
syntax. Layout (line breaks, emphasis, separator lines, punctuation-only
marks such as the dashes under an issuer) is not compared; words are.
"""

from __future__ import annotations

import html
import re

import yaml

from kb.citations.annotate import unlink
from kb.text import repair

_WORD = re.compile(r"[^\W_]+")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")
_TAG = re.compile(r"</?[a-z][^>]*>")
_HEADING_MARKS = re.compile(r"^#{1,6}\s", re.MULTILINE)
_ESCAPE = re.compile(r"\\(.)")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def words(text: str) -> list[str]:
    """The words of ``text``: runs of letters and digits after the same repairs readers apply."""
    return _WORD.findall(repair(text))


def markdown_words(markdown: str) -> list[str]:
    """The words a written document file accounts for: header, notes, then body."""
    markdown = unlink(markdown)  # links and generated sections are not the source's words
    match = _FRONT_MATTER.match(markdown)
    meta = yaml.safe_load(match[1]) if match else {}
    body = markdown[match.end():] if match else markdown
    body = _ATTR_LIST.sub(" ", body)
    body = _TAG.sub(" ", body)
    body = _HEADING_MARKS.sub("", body)
    body = html.unescape(_ESCAPE.sub(r"\1", body))
    extra = [*meta.get("ghi_chu_nguon", []), *meta.get("dau_van_ban", [])]
    return [w for line in extra for w in words(line)] + words(body)


def first_difference(expected: list[str], actual: list[str], context: int = 8) -> str | None:
    """None when the word sequences are equal, else the first differing passage of each."""
    i = next((k for k, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b), None)
    if i is None:
        if len(expected) == len(actual):
            return None
        i = min(len(expected), len(actual))
    start = max(0, i - context)
    source = " ".join(expected[start:i + context])
    output = " ".join(actual[start:i + context])
    return f"từ thứ {i + 1}: nguồn “…{source}…” nhưng bản Markdown “…{output}…”"
