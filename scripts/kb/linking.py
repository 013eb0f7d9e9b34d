"""Link the whole library before MkDocs runs: references, status, relations, cited-by.

Two phases, like the tags of Material: every page is annotated first (which
also collects what it cites), then each page gets its generated sections —
the status banner at the top, relations, legal basis and "Văn bản dẫn chiếu
đến văn bản này" at the bottom — and the catalogue is written as
``catalog.json`` for other agencies to reuse. All of it is plain Markdown,
renderable by any MkDocs-compatible generator.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kb.catalog import Catalog, Entry, Graph, Status
from kb.catalog.correspondence import (
    Match,
    correspondence_page,
    load_overrides,
    match_articles,
)
from kb.catalog.pages import browsing_pages, page_markdown, write_browsing_pages
from kb.citations import find_references
from kb.citations.annotate import (
    Annotated,
    annotate_body,
    unlink,
)
from kb.citations.resolve import resolve_all
from kb.importer import write_atomic
from kb.sections import (
    Citation,
    banner,
    basis_lines,
    cited_by_lines,
    header_block,
    related_lines,
    relation_line,
    with_correspondences,
    wrap,
)

SITE_FOLDER = "van-ban"
#: Pages for citizens beside the library: annotated like documents (their citations become
#: links and count as "cited by"), but not documents of the catalogue themselves.
GUIDES = "cam-nang"


def _guides(folder: Path) -> list[Entry]:
    pages = sorted(p for p in folder.glob("*.md") if p.name != "index.md")
    return [Entry.read(path, path.stem) for path in pages]



@dataclass
class LinkedLibrary:
    """The result of a run: every page's resolutions, the graph and the statuses."""

    catalog: Catalog
    graph: Graph
    today: dt.date
    pages: dict[str, Annotated] = field(default_factory=dict)
    cited_by: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    correspondences: list[tuple[Entry, Entry, list[Match]]] = field(default_factory=list)
    guides: dict[str, Annotated] = field(default_factory=dict)  # url → annotated guide
    written: int = 0

    def status(self, entry: Entry) -> Status:
        return self.graph.status(entry, self.today)


def resolver_for(catalog: Catalog):
    """The find + resolve stages bound to ``catalog``."""
    return lambda text, context: resolve_all(find_references(text), catalog, context)


def _split(text: str) -> tuple[str, str]:
    """(front matter block with its fences, body) of a page, both kept byte for byte."""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + len("\n---\n")
        return text[:end], text[end:]
    return "", text


def generated_sections(library: LinkedLibrary, entry: Entry) -> tuple[list[str], list[str]]:
    """(top, bottom) generated Markdown of a page."""
    basis = basis_lines(entry, library.pages[entry.slug])
    status = library.status(entry)
    top = header_block(entry, status, bool(basis)) + banner(entry, status)
    bottom: list[str] = []
    relations = library.graph.links.get(entry.slug, [])
    if relations:
        bottom += ["## Quan hệ văn bản {#quan-he}", "",
                   *[relation_line(entry, link) for link in relations], ""]
    if basis:
        bottom += ["## Căn cứ pháp lý {#can-cu}", "", *basis, ""]
    related = related_lines(entry, library.pages[entry.slug])
    if related:
        bottom += ["## Văn bản liên quan {#lien-quan}", "",
                   "Các văn bản trong thư viện mà văn bản này dẫn chiếu:", "", *related, ""]
    citations = library.cited_by.get(entry.slug, [])
    if citations:
        bottom += ["## Văn bản dẫn chiếu đến văn bản này {#duoc-dan-chieu}", "",
                   *cited_by_lines(entry, citations), ""]
    return top, bottom


def link_library(folder: Path, today: dt.date, write: bool = True,
                 correspondence_file: Path | None = None) -> LinkedLibrary:
    """Annotate every page of ``folder``, add generated sections, write what changed.

    ``correspondence_file`` holds the editors' corrections to the finding aid
    (default: ``tuong-ung.yml`` beside ``docs/``).
    """
    catalog = Catalog.load(folder)
    overrides = load_overrides(correspondence_file or folder.parent.parent / "tuong-ung.yml")
    library = LinkedLibrary(catalog, Graph.build(catalog), today)
    resolver = resolver_for(catalog)
    texts: dict[str, tuple[str, str]] = {}
    for slug, entry in catalog.entries.items():
        front, body = _split(entry.path.read_text(encoding="utf-8"))
        texts[slug] = (front, body)
        annotated = annotate_body(unlink(body).strip("\n"), entry, resolver)
        library.pages[slug] = annotated
        for resolution in annotated.resolutions:
            target = resolution.target
            if resolution.linked and target is not None and target.slug != slug:
                library.cited_by[target.slug].append(Citation(entry, resolution))
    guides = _guides(folder.parent / GUIDES)
    for guide in guides:
        front, body = _split(guide.path.read_text(encoding="utf-8"))
        texts[guide.url] = (front, body)
        annotated = annotate_body(unlink(body).strip("\n"), guide, resolver)
        library.guides[guide.url] = annotated
        for resolution in annotated.resolutions:
            if resolution.linked and resolution.target is not None:
                library.cited_by[resolution.target.slug].append(Citation(guide, resolution))
    for old, link in library.graph.replaced():
        matches = match_articles(old, link.entry, overrides.get(old.number or "", {}))
        library.correspondences.append((old, link.entry, matches))
    bodies = {slug: annotated.body for slug, annotated in library.pages.items()}
    for old, new, matches in library.correspondences:
        bodies[old.slug] = with_correspondences(bodies[old.slug], old, new, matches)
    for slug, entry in catalog.entries.items():
        top, bottom = generated_sections(library, entry)
        pieces = [wrap(top), bodies[slug], wrap(bottom)]
        page = texts[slug][0] + "\n" + "\n\n".join(p for p in pieces if p) + "\n"
        if write:
            library.written += write_atomic(entry.path, page)
    for guide in guides:
        annotated = library.guides[guide.url]
        related = related_lines(guide, annotated)
        bottom = ["## Văn bản liên quan {#lien-quan}", "", *related, ""] if related else []
        pieces = [annotated.body, wrap(bottom)]
        page = texts[guide.url][0] + "\n" + "\n\n".join(p for p in pieces if p) + "\n"
        if write:
            library.written += write_atomic(guide.path, page)
    if write:
        write_atomic(folder.parent / "catalog.json", catalog_json(library))
        statuses = {slug: library.status(e) for slug, e in catalog.entries.items()}
        pages = browsing_pages(list(catalog.entries.values()), statuses, folder.parent)
        aid = folder.parent / "tra-cuu" / "dieu-tuong-ung.md"
        pages[aid] = page_markdown("Tra cứu điều tương ứng",
                                   correspondence_page(library.correspondences, aid))
        library.written += write_browsing_pages(pages, folder.parent, write_atomic)
    return library


def catalog_json(library: LinkedLibrary) -> str:
    """The open data: every document's metadata, URL, status, outgoing and incoming links."""
    documents = []
    for slug, entry in sorted(library.catalog.entries.items()):
        status = library.status(entry)
        outgoing = [
            {"text": r.reference.text, "target": r.url(f"{SITE_FOLDER}/"),
             "number": r.reference.number, "problem": r.problem.name if r.problem else None}
            for r in library.pages[slug].resolutions
        ]
        incoming = [{"source": c.source.url,
                     "text": c.resolution.reference.text, "anchor": c.resolution.anchor}
                    for c in library.cited_by.get(slug, [])]
        meta = {k: v for k, v in entry.meta.items() if k not in ("dau_van_ban", "ghi_chu_nguon")}
        documents.append({"url": f"{SITE_FOLDER}/{slug}/", **meta,
                          "tinh_trang_hieu_luc": status.label, "hieu_luc_tu_ngay": status.since,
                          "dan_chieu": outgoing, "duoc_dan_chieu": incoming})
    return json.dumps({"ngay_tao": library.today.isoformat(), "van_ban": documents},
                      ensure_ascii=False, indent=1, default=str) + "\n"
