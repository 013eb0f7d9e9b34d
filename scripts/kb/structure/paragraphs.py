"""From reader blocks to paragraphs: split what is several lines, join what a wrap split.

Sources disagree on what a paragraph is: the seeds put blank lines between
paragraphs but keep the lines of a list or a title block together, laws copied
from an official page put one paragraph per line, portal pages wrap lines
inside ``<p>``. These steps fix layout only; they never add or drop a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.model import Block
from kb.structure.patterns import (
    BULLET,
    SENTENCE_END,
    SEPARATOR,
    SIGNATURE_TITLE,
    UNIT_PATTERNS,
    is_upper,
    strip_emphasis,
)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document; ``text`` is inline Markdown, ``\\n`` a kept line break."""

    text: str
    note: bool = False
    cell: tuple[int, int] | None = None

    @property
    def plain(self) -> str:
        """The words without emphasis markers, one line."""
        return strip_emphasis(self.text.replace("\n", " "))


def is_marker(plain: str) -> bool:
    """True when a line starts a unit, a bullet or a signature: it never continues a line."""
    return bool(
        BULLET.match(plain)
        or SIGNATURE_TITLE.match(plain)
        or any(pattern.match(plain) for _, pattern in UNIT_PATTERNS)
    )


# "PHẦN I**CĂN CỨ …****I. CĂN CỨ PHÁP LÝ**": a converter ran a part's number, its title
# and the first section together on one line; put each back on its own line.
_RUN_TOGETHER = [
    (re.compile(r"\*{4}"), "**\n**"),
    (re.compile(r"^((?:PHẦN|Phần)\s+[IVXLC]+)\*\*", re.MULTILINE), r"\1\n**"),
]


def _unglue(text: str) -> str:
    for pattern, replacement in _RUN_TOGETHER:
        text = pattern.sub(replacement, text)
    return text


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` is the wrapped rest of ``previous`` inside one source paragraph."""
    prev_plain, plain = strip_emphasis(previous), strip_emphasis(line)
    if SEPARATOR.match(line) or SEPARATOR.match(previous):
        return False
    if previous.count("**") % 2 == 1:  # inside a bold span that the wrap cut
        return not SIGNATURE_TITLE.match(prev_plain)
    if is_marker(plain):
        return False
    if is_upper(prev_plain) != is_upper(plain):  # "KẾ HOẠCH" then its title
        return False
    return not SENTENCE_END.search(previous) or is_upper(plain)


def _signature_lines(lines: list[str]) -> bool:
    """A signature block keeps its line breaks: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"."""
    return len(lines) > 1 and bool(SIGNATURE_TITLE.match(strip_emphasis(lines[0]))) and all(
        is_upper(strip_emphasis(line)) for line in lines
    )


def split_block(block: Block) -> list[Paragraph]:
    """The paragraphs of one block: lines that start a unit are split, wraps are joined."""
    lines = [line.strip() for line in _unglue(block.text).split("\n") if line.strip()]
    if _signature_lines(lines):
        return [Paragraph("\n".join(lines), block.note, block.cell)]
    merged: list[str] = []
    for line in lines:
        if merged and _continues(merged[-1], line):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    return [Paragraph(text, block.note, block.cell) for text in merged]


def _page_break_between(previous: Paragraph, following: Paragraph) -> bool:
    """A paragraph that a page break split mid-sentence ("Luật An ninh Quốc" / "gia ngày…").

    The first part ends without closing punctuation and is running text; the
    second starts with a lowercase word (or, after an enumeration that ends on a
    capitalised word such as "Ban", with the rest of a proper name: "Tuyên giáo").
    """
    if previous.cell or following.cell or previous.note or following.note:
        return False
    before, after = previous.plain, following.plain
    if not before or not after or SENTENCE_END.search(previous.text) or is_upper(before):
        return False
    if is_marker(after) or SIGNATURE_TITLE.match(before) or "\n" in previous.text:
        return False
    first = after[0]
    if first.islower():
        return True
    # A proper name cut in an enumeration ("…, Ban Chỉ huy Quân sự huyện, Ban" / "Tuyên giáo
    # Huyện ủy"): running text with commas. A title ending on a name ("… tỉnh Đắk Nông")
    # followed by its first paragraph has none, and stays apart.
    last_word = before.split()[-1]
    return ("," in before and len(before) > 60 and first.isupper()
            and last_word[:1].isupper() and last_word.isalpha())


def join_page_breaks(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join every paragraph that a page break split, keeping the words as they are."""
    joined: list[Paragraph] = []
    for paragraph in paragraphs:
        if joined and _page_break_between(joined[-1], paragraph):
            joined[-1] = replace(joined[-1], text=f"{joined[-1].text} {paragraph.text}")
        else:
            joined.append(paragraph)
    return joined


def to_paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """All paragraphs of a source, in order, with page-break splits joined."""
    paragraphs = [p for block in blocks for p in split_block(block)]
    return join_page_breaks(paragraphs)
