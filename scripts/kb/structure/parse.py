"""Blocks → :class:`Document`: the header, then every paragraph labelled and nested by rank."""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.model import Block, Document, Kind, Unit
from kb.structure.anchors import assign_anchors
from kb.structure.effect import read_effective_date
from kb.structure.header import find_signature, read_closing, read_header
from kb.structure.paragraphs import Paragraph, is_marker, to_paragraphs
from kb.structure.patterns import (
    ATTACHMENT_TYPES,
    CLAUSE_WITHOUT_STOP,
    RECIPIENTS,
    SEPARATOR,
    UNIT_PATTERNS,
    is_upper,
)
from kb.structure.relations import read_relations

#: Rank of each kind: a unit nests inside the nearest open unit of lower rank.
RANK: dict[Kind, int] = {
    Kind.ATTACHMENT: 0,
    Kind.PHAN: 1,
    Kind.CHUONG: 2,
    Kind.MUC: 3,
    Kind.SECTION: 3,
    Kind.DIEU: 4,
    Kind.KHOAN: 5,
    Kind.ITEM: 5,
    Kind.DIEM: 6,
    Kind.SUBITEM: 6,
}

#: Units whose title may stand alone on the next line ("Chương I" / "NHỮNG QUY ĐỊNH CHUNG").
TITLED = {Kind.PHAN, Kind.CHUONG, Kind.MUC, Kind.ATTACHMENT}

#: Letters of points in order; Vietnamese skips f, j, w, z and has đ after d.
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass
class _Nester:
    """Stacks labelled paragraphs into a tree, checking the official numbering as it goes."""

    warnings: list[str]
    roots: list[Unit] = field(default_factory=list)
    stack: list[Unit] = field(default_factory=list)
    last_article: int = 0

    def open_unit(self, kind: Kind) -> Unit | None:
        return next((u for u in reversed(self.stack) if u.kind is kind), None)

    def add(self, unit: Unit) -> None:
        if unit.kind in RANK:
            while self.stack and RANK[self.stack[-1].kind] >= RANK[unit.kind]:
                self.stack.pop()
        (self.stack[-1].children if self.stack else self.roots).append(unit)
        if unit.kind in RANK:
            self.stack.append(unit)

    def close_all(self) -> None:
        self.stack.clear()

    def expected(self, kind: Kind, parent_kind: Kind, number: str) -> bool:
        """Whether ``number`` continues the numbering of ``kind`` inside the open parent."""
        parent = self.open_unit(parent_kind)
        siblings = [c.number for c in (parent.children if parent else []) if c.kind is kind]
        if kind is Kind.KHOAN:
            return number == str(len(siblings) + 1)
        if kind is Kind.DIEM:
            return len(siblings) < len(POINT_LETTERS) and number == POINT_LETTERS[len(siblings)]
        return True


def _article_number(number: str) -> int:
    return int("".join(c for c in number if c.isdigit()))


def _classify(paragraph: Paragraph, nester: _Nester) -> Unit:
    """Label one body paragraph with its kind and number, in the context of the open units."""
    plain = paragraph.plain
    loose = CLAUSE_WITHOUT_STOP.match(plain)
    if (loose and loose["text"][0].isupper() and nester.open_unit(Kind.DIEU)
            and nester.expected(Kind.KHOAN, Kind.DIEU, loose["number"])):
        return Unit(Kind.KHOAN, loose["number"], loose["label"], loose["text"])
    for kind, pattern in UNIT_PATTERNS:
        match = pattern.match(plain)
        if not match:
            continue
        number, label = match["number"], match["label"]
        text = (match["text"] or "").strip()
        if kind is Kind.DIEU:
            article = _article_number(number)
            in_sequence = article == nester.last_article + 1
            if not match["stop"] and not (text[:1].isupper() and in_sequence):
                break  # "Điều 18 của Luật này…" at the start of a wrapped line
            if article <= nester.last_article and number.isdigit():
                nester.warnings.append(f"“{label}” không theo thứ tự điều: coi là đoạn văn")
                break
            nester.last_article = article
        elif kind is Kind.ITEM and nester.open_unit(Kind.DIEU):
            kind = Kind.KHOAN
            if not nester.expected(kind, Kind.DIEU, number):
                break
        elif kind is Kind.SUBITEM and nester.open_unit(Kind.DIEU):
            kind = Kind.DIEM
            parent = Kind.KHOAN if nester.open_unit(Kind.KHOAN) else Kind.DIEU
            if not nester.expected(kind, parent, number):
                break
        return Unit(kind, number, label, _body_text(paragraph, label, text))
    return Unit(Kind.PARAGRAPH, text=paragraph.text)


def unwrap(text: str) -> str:
    """"**TITLE**" → "TITLE": emphasis around a whole heading is the heading's layout."""
    inner = text.strip()
    while inner.startswith("**") and inner.endswith("**") and "*" not in inner[2:-2]:
        inner = inner[2:-2].strip()
    return inner


def _body_text(paragraph: Paragraph, label: str, plain_text: str) -> str:
    """The unit's text after its label, with the paragraph's own inline emphasis when it has any."""
    source = unwrap(paragraph.text.replace("\n", " "))
    if source.startswith(label):
        return unwrap(source[len(label):])
    return plain_text


def _is_attachment(plain: str, after_signature: bool) -> bool:
    return after_signature and is_upper(plain) and " ".join(plain.split()) in ATTACHMENT_TYPES


def build_units(paragraphs: list[Paragraph], warnings: list[str]) -> list[Unit]:
    """Nest the body paragraphs into units of the official structure."""
    nester = _Nester(warnings)
    signature = find_signature(paragraphs)
    signature_name = signature[1] if signature else None
    i = 0
    while i < len(paragraphs):
        paragraph = paragraphs[i]
        plain = paragraph.plain
        if SEPARATOR.match(plain):
            i += 1  # a drawn line under a heading is layout
            continue
        if signature_name is not None and _is_attachment(plain, i > signature_name):
            nester.close_all()
            nester.last_article = 0
            unit = Unit(Kind.ATTACHMENT, plain, plain, "")
        elif signature and signature[0] <= i <= signature[1]:
            unit = Unit(Kind.SIGNATURE, text=paragraph.text)
        else:
            unit = _classify(paragraph, nester)
        if RECIPIENTS.match(plain):
            nester.close_all()
        nester.add(unit)
        i += 1
        if unit.kind in TITLED and not unit.text and i < len(paragraphs):
            title = paragraphs[i].plain
            if is_upper(title) and not is_marker(title) or unit.kind is Kind.ATTACHMENT:
                unit.text = unwrap(paragraphs[i].text)
                i += 1
    assign_anchors(nester.roots, warnings)
    return nester.roots


def parse_document(blocks: list[Block]) -> Document:
    """The document a list of blocks holds: metadata from its header, units from its body."""
    paragraphs = to_paragraphs(blocks)
    header = read_header(paragraphs)
    notes = [p.text for p in paragraphs[: header.consumed] if p.note]
    body = [p for p in paragraphs[header.consumed:] if not p.note]
    notes += [p.text for p in paragraphs[header.consumed:] if p.note]
    read_closing(body, header.meta)
    warnings = list(header.warnings)
    units = build_units(body, warnings)
    read_effective_date(units, header.meta)
    read_relations(units, header.meta)
    if not any(u.kind is not Kind.PARAGRAPH for u in units):
        warnings.append("không nhận ra cấu trúc (phần, chương, điều, mục): nhập như văn bản thường")
    return Document(meta=header.meta, header=header.lines, body=units, notes=notes,
                    warnings=warnings)
