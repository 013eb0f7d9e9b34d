"""The glossary: the laws' own definitions, each with the clause it comes from.

A page asks for a glossary in its front matter with the citations of its sources::

    thuat_ngu:
      - Luật An ninh mạng số 116/2025/QH15           # every clause of its "Giải thích từ ngữ"
      - khoản 1 Điều 9 Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15   # one defining clause

The citations are resolved by the citation engine, so a source is named the way an
editor writes it and a wrong one is an error, not a guess. Each clause "N. <thuật ngữ>
là …" becomes a term with the clause's text word for word (a definition is never
paraphrased) and its citation, which ``kb link`` then links to the clause. When a law is
replaced, the history check fails on the glossary until its sources are updated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.catalog.entries import Catalog, Entry, split_front_matter
from kb.citations.annotate import unlink
from kb.citations.resolve import Context
from kb.linking import resolver_for
from kb.vietnamese import slugify

_PARAGRAPH = re.compile(r"^(?P<text>.+)\n\{: #(?P<anchor>dieu-[0-9a-z-]+) \}$", re.MULTILINE)
_CLAUSE = re.compile(r"dieu-(?P<article>[0-9]+[a-z]?)-khoan-(?P<clause>[0-9]+)")
_NUMBER = re.compile(r"^\d+\\?\.\s+")
DEFINITIONS = "Giải thích từ ngữ"
_IS = " là "


@dataclass(frozen=True)
class Term:
    """A defined term, its definition as the law words it, and where the law says it."""

    name: str
    definition: str
    points: tuple[str, ...]
    law: Entry
    anchor: str

    @property
    def source(self) -> str:
        """"khoản 13 Điều 2 Luật An ninh mạng số 116/2025/QH15", for ``kb link`` to link."""
        unit = _CLAUSE.fullmatch(self.anchor)
        assert unit is not None
        return f"khoản {unit['clause']} Điều {unit['article']} {self.law.citation()}"


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _paragraphs(law: Entry) -> dict[str, str]:
    """Anchor → text of every numbered paragraph of a law, without links, in order."""
    _, body = split_front_matter(law.path.read_text(encoding="utf-8"))
    return {m["anchor"]: m["text"] for m in _PARAGRAPH.finditer(unlink(body))}


def definitions_article(law: Entry) -> str | None:
    """The anchor of the law's "Giải thích từ ngữ" article (``dieu-2``), if it has one."""
    return next((anchor for anchor, heading in law.headings.items()
                 if re.fullmatch(r"dieu-[0-9]+[a-z]?", anchor)
                 and heading.rstrip(" .").endswith(DEFINITIONS)), None)


def _term(law: Entry, paragraphs: dict[str, str], anchor: str) -> Term | None:
    text = _NUMBER.sub("", paragraphs[anchor]).replace("\\", "")
    name, is_, _ = text.partition(_IS)
    if not is_:
        return None
    points = tuple(_NUMBER.sub("", paragraphs[a]) for a in paragraphs
                   if a.startswith(f"{anchor}-diem-"))
    return Term(name.strip(), text, points, law, anchor)


def _clauses(law: Entry, anchor: str | None, paragraphs: dict[str, str]) -> list[str]:
    """The clause anchors a source names: one clause, or all of an article's."""
    if anchor is not None and _CLAUSE.fullmatch(anchor):
        return [anchor]
    article = anchor or definitions_article(law)
    if article is None:
        return []
    return [a for a in paragraphs if re.fullmatch(rf"{article}-khoan-[0-9]+", a)]


def collect_terms(sources: list[str], page: Entry, catalog: Catalog, where: str) -> Glossary:
    """The terms of the ``thuat_ngu`` sources of ``page``, in the order the laws give them."""
    glossary = Glossary()
    resolve = resolver_for(catalog)
    for source in sources:
        found = [r for r in resolve(str(source), Context(page)) if r.linked and r.target]
        if len(found) != 1 or (found[0].anchor or "").count("-diem-"):
            glossary.errors.append(f"{where}: thuat_ngu: không xác định được một văn bản hoặc "
                                   f"một khoản trong thư viện từ “{source}”")
            continue
        law, anchor = found[0].target, found[0].anchor
        paragraphs = _paragraphs(law)
        clauses = _clauses(law, anchor, paragraphs)
        terms = {clause: _term(law, paragraphs, clause) for clause in clauses}
        if not clauses:
            glossary.errors.append(f"{where}: thuat_ngu: “{source}” không có điều “{DEFINITIONS}” "
                                   f"hay khoản nào để lấy thuật ngữ")
        for clause, term in terms.items():
            if term is None:
                glossary.errors.append(f"{where}: thuat_ngu: #{clause} của {law.citation()} "
                                       f"không có dạng “<thuật ngữ> là …”")
            else:
                glossary.terms.append(term)
    return glossary


def render_glossary(terms: list[Term]) -> list[str]:
    """The glossary's Markdown: a heading per law, a heading and an anchor per term."""
    lines: list[str] = []
    anchors: set[str] = set()
    law: Entry | None = None
    for term in terms:
        if term.law is not law:
            law = term.law
            lines += [f"## {law.citation()} {{#{slugify(law.citation())}}}", ""]
        anchor = slugify(term.name)
        while anchor in anchors:
            anchor += "-2"
        anchors.add(anchor)
        lines += [f"### {term.name} {{#{anchor}}}", "", term.definition, ""]
        if term.points:
            lines += [*(f"- {point}" for point in term.points), ""]
        lines += [f"Nguồn: {term.source}.", ""]
    return lines[:-1]
