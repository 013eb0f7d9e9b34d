"""Stable anchors from official numbers: ``dieu-8``, ``dieu-8-khoan-2``, ``dieu-8-khoan-2-diem-a``.

An anchor is built from the printed numbers of the unit and its ancestors,
never from heading text or position, so it survives edits to the wording and
insertions elsewhere. The article is the root of a provision's anchor because
Vietnamese citations never name the chapter. The point "đ" is ``dd`` so it
never collides with "d"; an inserted article keeps its letter (``dieu-10a``).
"""

from __future__ import annotations

from kb.model import Kind, Unit
from kb.vietnamese import slugify

#: The word each kind contributes to an anchor; plan items contribute only their number.
_WORDS: dict[Kind, str] = {
    Kind.PHAN: "phan",
    Kind.CHUONG: "chuong",
    Kind.MUC: "muc",
    Kind.DIEU: "dieu",
    Kind.KHOAN: "khoan",
    Kind.DIEM: "diem",
    Kind.SECTION: "muc",
}

#: Plan items outside any section still need a word: "muc-2", "diem-a".
_TOP_WORDS: dict[Kind, str] = {Kind.ITEM: "muc", Kind.SUBITEM: "diem"}

#: Kinds whose anchor starts afresh instead of extending the parent's.
_ROOTS = {Kind.PHAN, Kind.CHUONG, Kind.DIEU}


def number_slug(number: str) -> str:
    """"II" → "ii", "đ" → "dd", "10a" → "10a", "1.2" → "1-2", "THỨ NHẤT" → "thu-nhat"."""
    return slugify(number.strip().lower().replace("đ", "dd"))


def unit_anchor(unit: Unit, parent_anchor: str | None, prefix: str) -> str | None:
    """The anchor of ``unit`` given its parent's; None for units that are not numbered."""
    if unit.kind is Kind.ATTACHMENT:
        return prefix.rstrip("-") or None
    if unit.number is None:
        return None
    own = number_slug(unit.number)
    word = _WORDS.get(unit.kind) or (None if parent_anchor else _TOP_WORDS.get(unit.kind))
    piece = f"{word}-{own}" if word else own
    if unit.kind in _ROOTS or not parent_anchor:
        return f"{prefix}{piece}"
    return f"{parent_anchor}-{piece}"


def assign_anchors(units: list[Unit], warnings: list[str]) -> None:
    """Give every numbered unit its anchor, unique on the page (``-2`` and a warning if not)."""
    seen: set[str] = set()

    def visit(unit: Unit, parent_anchor: str | None, prefix: str) -> None:
        if unit.kind is Kind.ATTACHMENT:
            prefix = f"{slugify(unit.label)}-"
        anchor = unit_anchor(unit, parent_anchor, prefix)
        if anchor is not None:
            if anchor in seen:
                n = 2
                while f"{anchor}-{n}" in seen:
                    n += 1
                warnings.append(f"số hiệu “{unit.label}” lặp lại: neo #{anchor} đổi thành "
                                f"#{anchor}-{n}")
                anchor = f"{anchor}-{n}"
            seen.add(anchor)
            unit.anchor = anchor
        for child in unit.children:
            visit(child, anchor if anchor is not None else parent_anchor, prefix)

    for unit in units:
        visit(unit, None, "")
