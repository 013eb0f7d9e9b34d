"""The find stage: text → :class:`~kb.citations.models.Reference` list.

Steps, each small:

1. every document form (:data:`~kb.citations.patterns.DOCUMENT_FORMS`) is run
   once over the text; overlapping matches are settled leftmost first, then
   by the form's priority, then longest;
2. chains of parts ("khoản 1 và khoản 2 Điều 8") are found and split into
   units; article headings ("Điều 5. …") are skipped;
3. a document right after a chain ("… Điều 8 của Luật An ninh mạng") belongs
   to it, and to the chains before it in the same phrase; it is then not
   reported on its own;
4. documents not taken by a part are reported, except "Kế hoạch này"-style
   self citations of non-legal texts.

The text must be NFC (what :func:`kb.text.repair` gives); offsets are
offsets in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from kb.citations import normalize
from kb.citations.models import DocumentInfo, Reference
from kb.citations.patterns import (
    CHAIN,
    DOCUMENT_FORMS,
    HEADING,
    PART_OF,
    SAME_PHRASE,
    TYPE_WORD,
    DocumentForm,
)
from kb.citations.units import Unit, share_levels, split_chain


@dataclass(frozen=True)
class _DocumentMatch:
    start: int
    end: int
    priority: int
    info: DocumentInfo


@dataclass
class _Chain:
    start: int
    end: int
    units: list[Unit]
    document: DocumentInfo | None = None

    @property
    def open(self) -> bool:
        """Whether a document may still be attached ("Điều này" is already placed)."""
        return self.document is None and not any(u.this for u in self.units)


def _document_info(form: DocumentForm, match: re.Match[str]) -> DocumentInfo:
    groups = match.groupdict()
    number = normalize.number(groups["number"]) if groups.get("number") else None
    if groups.get("ltype"):
        doc_type = normalize.doc_type(groups["ltype"])
    elif groups.get("type"):
        doc_type = normalize.doc_type(groups["type"])
    else:
        doc_type = normalize.type_from_number(number or "")
    return DocumentInfo(
        doc_type=doc_type,
        number=number,
        title=normalize.title(doc_type, groups.get("name")),
        date=normalize.date(groups.get("date")) or groups.get("year"),
        issuer=normalize.spaced(groups.get("issuer")),
        self=form.this,
    )


def _matches(form: DocumentForm, text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``form.regex.finditer(text)`` finds, tried only at ``starts`` (the type words)
    when every match of the form starts with one."""
    if not form.typed:
        yield from form.regex.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (match := form.regex.match(text, start)):
            end = match.end()
            yield match


def _documents(text: str) -> list[_DocumentMatch]:
    """Document citations, overlaps settled: leftmost, then lower priority, then longest."""
    found: list[_DocumentMatch] = []
    starts = [match.start() for match in TYPE_WORD.finditer(text)]
    for form in DOCUMENT_FORMS:
        for match in _matches(form, text, starts):
            if match.groupdict().get("header"):
                continue
            start, end = match.span("core")
            found.append(_DocumentMatch(start, end, form.priority, _document_info(form, match)))
    found.sort(key=lambda d: (d.start, d.priority, -d.end))
    kept: list[_DocumentMatch] = []
    for doc in found:
        if not kept or doc.start >= kept[-1].end:
            kept.append(doc)
    return kept


def _chains(text: str) -> list[_Chain]:
    headings = {m.start("core") for m in HEADING.finditer(text)}
    chains = []
    for match in CHAIN.finditer(text):
        start, end = match.span("chain")
        if start in headings:
            continue
        units = split_chain(match.group("chain"), start)
        if units:
            chains.append(_Chain(start, end, units))
    return chains


def _attach(text: str, chains: list[_Chain], documents: list[_DocumentMatch]) -> set[int]:
    """Give each chain the document named right after it (or later in its phrase).

    Returns the starts of the documents so taken.
    """
    by_start = {d.start: d for d in documents}
    taken: set[int] = set()
    for chain in chains:
        glue = PART_OF.match(text, chain.end)
        doc = by_start.get(glue.end()) if glue else None
        if doc is not None and chain.open:
            chain.document = doc.info
            taken.add(doc.start)
    for before, after in zip(reversed(chains[:-1]), reversed(chains[1:]), strict=True):
        if not SAME_PHRASE.fullmatch(text, before.end, after.start):
            continue
        before.units = share_levels(before.units, after.units)
        if after.document is not None and before.open:
            before.document = after.document
    return taken


def _unit_references(text: str, chain: _Chain) -> list[Reference]:
    doc = chain.document or DocumentInfo()
    return [
        Reference(
            text=text[u.start : u.end],
            start=u.start,
            end=u.end,
            doc_type=doc.doc_type,
            number=doc.number,
            title=doc.title,
            date=doc.date,
            issuer=doc.issuer,
            article=u.number("article"),
            clause=u.number("clause"),
            point=u.number("point"),
            self=doc.self or u.this,
            level=u.level,
        )
        for u in chain.units
    ]


def _document_reference(text: str, doc: _DocumentMatch) -> Reference | None:
    info = doc.info
    if info.self and not (
        info.doc_type in normalize.STANDALONE_SELF_TYPES and text[doc.start].isupper()
    ):
        return None
    return Reference(text=text[doc.start : doc.end], start=doc.start, end=doc.end, **asdict(info))


def find_references(text: str) -> list[Reference]:
    """Every citation in ``text``: documents and their parts, one reference per unit.

    Sorted by start (then end). See :class:`~kb.citations.models.Reference`
    for what each span covers.
    """
    documents = _documents(text)
    chains = _chains(text)
    taken = _attach(text, chains, documents)
    references = [ref for chain in chains for ref in _unit_references(text, chain)]
    for doc in documents:
        ref = None if doc.start in taken else _document_reference(text, doc)
        if ref is not None:
            references.append(ref)
    return sorted(references, key=lambda r: (r.start, r.end))

