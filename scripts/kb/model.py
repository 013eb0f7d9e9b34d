"""The document model: one record per legal text.

Every source format is first read into a list of :class:`Block` (the common
intermediate form), then :mod:`kb.structure` turns blocks into a
:class:`Document` of nested :class:`Unit` objects with metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Block:
    """One paragraph of a source in reading order.

    ``text`` is inline Markdown: ``**bold**`` and ``*italic*`` are the only
    markup a reader may emit (a literal ``*`` in the source is written ``\\*``).
    Hard line breaks inside a paragraph are kept as ``\\n``: the structure step
    decides whether they are a wrap to join or separate lines to split.
    """

    text: str
    note: bool = False  # a third party's lines around the text (a converter's title, a URL)
    align: str | None = None  # "center" | "right" | None, when the source says so
    cell: tuple[int, int] | None = None  # (row, column) when the block sits in a layout table


class Kind(StrEnum):
    """Units of Vietnamese legal and administrative texts, outermost first."""

    ATTACHMENT = "attachment"  # a text attached to a decision: "ĐỀ ÁN", "QUY CHẾ"…
    PHAN = "phan"  # Phần
    CHUONG = "chuong"  # Chương
    MUC = "muc"  # Mục (legal section inside a chapter, arabic number)
    DIEU = "dieu"  # Điều
    KHOAN = "khoan"  # khoản "1."
    DIEM = "diem"  # điểm "a)"
    SECTION = "section"  # plan style "I." (roman)
    ITEM = "item"  # plan style "1."
    SUBITEM = "subitem"  # plan style "a)"
    PARAGRAPH = "paragraph"  # running text, bullets
    SIGNATURE = "signature"  # "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" and the signer's name


@dataclass
class Unit:
    """A numbered unit (or a plain paragraph) with its official number.

    ``label`` is the marker exactly as printed ("Điều 8.", "1.", "a)",
    "Chương I", "PHẦN II"), ``number`` its normalised number ("8", "10a",
    "II", "đ"), and ``text`` the words after the marker: an article's or
    chapter's heading, a clause's sentence, a paragraph's text (inline
    Markdown). Label + text together are the source's words, unchanged.
    """

    kind: Kind
    number: str | None = None
    label: str = ""
    text: str = ""
    anchor: str | None = None
    children: list[Unit] = field(default_factory=list)


def articles(units: list[Unit]) -> Iterator[Unit]:
    """Every article (Điều) of a tree of units, in order, wherever it is nested."""
    for unit in units:
        if unit.kind is Kind.DIEU:
            yield unit
        else:
            yield from articles(unit.children)


@dataclass
class Metadata:
    """What the header, the closing and the signature block of a text say.

    Field names are those of the front matter (Vietnamese, ASCII), so the
    README schema, the editors and the code speak of the same things.
    """

    so_hieu: str | None = None
    loai_van_ban: str | None = None
    co_quan_ban_hanh: str | None = None
    noi_ban_hanh: str | None = None
    ngay_ban_hanh: str | None = None  # ISO date, or "YYYY-MM" when the day is blank
    nguoi_ky: str | None = None
    chuc_vu: str | None = None  # "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
    trich_yeu: str | None = None
    ngay_hieu_luc: str | None = None
    can_cu_hieu_luc: str | None = None  # anchor of the sentence that gives ngay_hieu_luc
    linh_vuc: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    ten_goi_khac: list[str] = field(default_factory=list)  # other names the texts cite it by
    quan_he: dict = field(default_factory=dict)  # declared relations: see kb.catalog.relations


@dataclass
class Document:
    """A legal text: metadata, the header lines it came with, and its body."""

    meta: Metadata
    header: list[str]  # the source's header lines, verbatim, that became metadata
    body: list[Unit]
    source_path: str = ""
    source_sha256: str = ""
    notes: list[str] = field(default_factory=list)  # third-party lines around the text
    warnings: list[str] = field(default_factory=list)
