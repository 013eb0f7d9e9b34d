"""The resolve stage: a reference → a document of the catalogue and an anchor in it.

Lookups go through the :class:`~kb.catalog.entries.Catalog` passed in. A
document is found by number (spaces, case and Đ/D do not matter), then, when
a number such as "25/KH-UBND" is shared, by issuer and year; a document
cited by name ("Luật An ninh mạng") by its title aliases and date — with no
date, the text meant the version in force when it was written, so the latest
one issued on or before the citing document's date is taken. A part cited
without a document ("Điều 26", "khoản 3 Điều này") belongs to the citing
document. A reference is linked only when exactly one target remains;
everything else is reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kb.catalog.entries import Catalog, Entry, number_key, title_key
from kb.citations.models import Reference
from kb.vietnamese import fold


class Problem(StrEnum):
    """Why a reference is not (or not cleanly) linked; the messages of ``kb check``."""

    NOT_IN_LIBRARY = "văn bản chưa có trong thư viện"
    AMBIGUOUS = "có nhiều văn bản cùng số hiệu hoặc tên, không xác định được văn bản nào"
    DATE_MISMATCH = "ngày trích dẫn khác ngày ban hành của văn bản"
    BROKEN_ANCHOR = "văn bản không có điều, khoản, điểm này"
    NO_CONTEXT = "không xác định được điều đang được nói tới"
    UNCERTAIN = "không nêu văn bản và văn bản hiện tại không có điều, khoản, điểm này"


@dataclass(frozen=True)
class Context:
    """Where the reference stands: the citing document, the article and clause it is in.

    ``scope`` is the document an enclosing clause named ("1. Sửa đổi, bổ sung
    một số điều của Luật Viễn thông số 24/2023/QH15:"): the bare parts of the
    points under it ("a) Sửa đổi điểm b khoản 1 Điều 35") belong to that law.
    """

    document: Entry | None = None
    article: str | None = None
    clause: str | None = None
    scope: Reference | None = None


@dataclass(frozen=True)
class Resolution:
    """A reference and what it points to; ``problem`` says what a reviewer must look at."""

    reference: Reference
    target: Entry | None = None
    anchor: str | None = None
    problem: Problem | None = None
    detail: str = ""

    @property
    def linked(self) -> bool:
        """Whether the annotate stage makes a link: one target, possibly with a date flag."""
        return self.target is not None and self.problem in (None, Problem.DATE_MISMATCH)

    def url(self, base: str = "van-ban/") -> str | None:
        """The target page's site URL with its anchor ("van-ban/24-2018-qh14/#dieu-8")."""
        if self.target is None:
            return None
        fragment = f"#{self.anchor}" if self.anchor else ""
        return f"{base}{self.target.slug}/{fragment}"


def anchor_for(article: str | None, clause: str | None, point: str | None) -> str | None:
    """The anchor of the foundation's scheme: ``dieu-8-khoan-2-diem-dd``."""
    if article is None:
        return None
    parts = [f"dieu-{article.lower()}"]
    if clause:
        parts.append(f"khoan-{clause}")
    if point:
        parts.append(f"diem-{'dd' if point == 'đ' else fold(point).lower()}")
    return "-".join(parts)


def _year(reference: Reference) -> str | None:
    if reference.date:
        return reference.date[:4]
    parts = (reference.number or "").split("/")
    return parts[1] if len(parts) > 2 and parts[1].isdigit() else None


def _narrow(candidates: list[Entry], reference: Reference) -> list[Entry]:
    """Among documents sharing a number, those whose issuer and year match the citation."""
    if reference.issuer:
        issuer = fold(reference.issuer).lower()
        by_issuer = [e for e in candidates
                     if issuer in fold(str(e.meta.get("co_quan_ban_hanh") or "")).lower()]
        candidates = by_issuer or candidates
    year = _year(reference)
    if year and len(candidates) > 1:
        candidates = [e for e in candidates if e.date.startswith(year)] or candidates
    return candidates


def _by_title(candidates: list[Entry], reference: Reference, context: Context) -> list[Entry]:
    """The version of a named document the citing text meant."""
    if reference.date:
        exact = [e for e in candidates if e.date == reference.date]
        return exact or [e for e in candidates if e.date[:4] == reference.date[:4]]
    if len(candidates) <= 1:
        return candidates
    written = context.document.date if context.document else ""
    earlier = [e for e in candidates if not written or e.date <= written]
    return earlier[-1:]


def lookup_key(reference: Reference) -> tuple[str, str]:
    """The catalogue key a reference that names a document is looked up by: its number, or
    its title when it has none. The only way resolution reads the catalogue besides the
    citing document, so the keys of a page's references are what its links depend on."""
    if reference.number:
        return "number", number_key(reference.number)
    return "title", title_key(reference.title or "")


def find_document(reference: Reference, catalog: Catalog,
                  context: Context) -> tuple[Entry | None, Problem | None]:
    """The one document a reference names, or why there is not exactly one."""
    if not reference.self and not _names_document(reference) and context.scope is not None:
        return find_document(context.scope, catalog, Context(context.document))
    if reference.self or not _names_document(reference):
        if context.document is None:
            return None, Problem.NO_CONTEXT
        return context.document, None
    named = catalog.candidates(lookup_key(reference))
    if reference.number:
        candidates = _narrow(named, reference)
    else:
        candidates = _by_title(named, reference, context)
    if not candidates:
        return None, Problem.NOT_IN_LIBRARY
    if len(candidates) > 1:
        return None, Problem.AMBIGUOUS
    return candidates[0], None


def _names_document(reference: Reference) -> bool:
    return bool(reference.number or reference.title)


def _unit(reference: Reference, context: Context,
          in_current: bool) -> tuple[str | None, str | None, str | None]:
    """(article, clause, point), completed from the context for "khoản này", "điểm b"…"""
    article, clause, point = reference.unit
    if not in_current or article is not None or reference.level == "document":
        return article, clause, point
    if clause is None and (point is not None or reference.level == "clause"):
        clause = context.clause
    return context.article, clause, point


def resolve(reference: Reference, catalog: Catalog, context: Context) -> Resolution:
    """Where one reference points, with the problem a reviewer must see, if any."""
    target, problem = find_document(reference, catalog, context)
    if target is None:
        return Resolution(reference, problem=problem)
    implicit = not reference.self and not _names_document(reference)
    in_current = target is context.document and (reference.self or implicit)
    article, clause, point = _unit(reference, context, in_current)
    if article is None and (clause or point):
        return Resolution(reference, problem=Problem.NO_CONTEXT)
    anchor = anchor_for(article, clause, point)
    if anchor and anchor not in target.headings:
        problem = Problem.UNCERTAIN if implicit and context.scope is None else \
            Problem.BROKEN_ANCHOR
        return Resolution(reference, target, anchor, problem, f"{target.title} không có #{anchor}")
    if reference.date and target.date and reference.date != target.date and reference.number:
        return Resolution(reference, target, anchor, Problem.DATE_MISMATCH,
                          f"trích dẫn ghi ngày {reference.date}, văn bản ban hành {target.date}")
    return Resolution(reference, target, anchor)


def resolve_all(references: list[Reference], catalog: Catalog,
                context: Context) -> list[Resolution]:
    """Resolve references of one passage in order."""
    return [resolve(reference, catalog, context) for reference in references]
