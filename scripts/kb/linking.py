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
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from os.path import relpath
from pathlib import Path

from kb.catalog import Catalog, Entry, Graph, Status
from kb.catalog.correspondence import (
    Match,
    article_headings,
    correspondence_page,
    load_overrides,
    match_articles,
)
from kb.catalog.pages import browsing_pages, page_markdown, write_browsing_pages
from kb.catalog.relations import Link
from kb.citations import find_references
from kb.citations.annotate import (
    GENERATED_END,
    GENERATED_START,
    Annotated,
    annotate_body,
    unlink,
)
from kb.citations.resolve import Context, Resolution, resolve_all
from kb.importer import ORIGINALS, write_atomic

SITE_FOLDER = "van-ban"
#: Pages for citizens beside the library: annotated like documents (their citations become
#: links and count as "cited by"), but not documents of the catalogue themselves.
GUIDES = "cam-nang"


def _guides(folder: Path) -> list[Entry]:
    pages = sorted(p for p in folder.glob("*.md") if p.name != "index.md")
    return [Entry.read(path, path.stem) for path in pages]


@dataclass
class Citation:
    """One linked reference from ``source``: what the cited page lists as cited-by."""

    source: Entry
    resolution: Resolution


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


def _page_link(source: Entry, target: Entry, anchor: str | None = None) -> str:
    href = relpath(target.path, source.path.parent).replace("\\", "/")
    return f"{href}#{anchor}" if anchor else href


def _relation_line(entry: Entry, link: Link) -> str:
    other = link.entry
    name = f"{link.title or ''} ({link.number})" if link.title else link.number
    if other:
        shown = f"[{other.title}]({_page_link(entry, other)})"
    else:
        shown = f"{name} — chưa có trong thư viện"
    source = f" — căn cứ: {_source_link(entry, link)}" if link.source else ""
    return f"- {link.label}: {shown}{source}"


def _source_link(entry: Entry, link: Link) -> str:
    """The clause that states a relation ("khoản 2 Điều 44"), linked into the declaring text."""
    declaring = link.declared_by
    references = find_references(str(link.source))
    anchor = next((r for r in resolve_all(references, _single(declaring), Context(declaring))
                   if r.linked and r.anchor), None)
    if anchor is None:
        return f"{link.source} {declaring.title}"
    return f"[{link.source} {declaring.title}]({_page_link(entry, declaring, anchor.anchor)})"


def _single(entry: Entry) -> Catalog:
    return Catalog({entry.slug: entry})


def vietnamese_date(iso: str) -> str:
    """"2026-07-01" → "01/7/2026", as Vietnamese legal texts write dates."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day:02d}/{day.month}/{day.year}"


def _banner(entry: Entry, status: Status) -> list[str]:
    """An admonition at the top of a page that is not (or not yet) in force."""
    if status.label == "Hết hiệu lực":
        lines = [f'!!! danger "Hết hiệu lực từ {vietnamese_date(status.since)}"']
        if status.reason and status.reason.entry:
            replacing = status.reason.entry
            lines.append(f"    Văn bản này đã được thay thế bởi "
                         f"[{replacing.title}]({_page_link(entry, replacing)}).")
            if status.reason.source:
                lines.append(f"    Căn cứ: {_source_link(entry, status.reason)}.")
        return lines
    if status.label == "Chưa có hiệu lực":
        return [f'!!! warning "Chưa có hiệu lực: có hiệu lực từ {vietnamese_date(status.since)}"']
    return []


def _cited_by_lines(entry: Entry, citations: list[Citation]) -> list[str]:
    by_source: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations:
        by_source[citation.source.slug].append(citation)
    lines = []
    for group in sorted(by_source.values(), key=lambda g: (g[0].source.date, g[0].source.slug),
                        reverse=True):
        source = group[0].source
        parts = sorted({c.resolution.reference.text for c in group if c.resolution.anchor})
        cited = f" — dẫn chiếu {', '.join(parts)}" if parts else ""
        lines.append(f"- [{source.title}]({_page_link(entry, source)}){cited}")
    return lines


def _basis_lines(entry: Entry, annotated: Annotated) -> list[str]:
    """The documents a text's "Căn cứ …" preamble rests on, once each, in order."""
    lines: list[str] = []
    for resolution in annotated.basis:
        reference, target = resolution.reference, resolution.target
        if target is not None and target is not entry:
            line = f"- [{target.title}]({_page_link(entry, target)})"
        elif target is None and reference.number:
            line = f"- {reference.text} — chưa có trong thư viện"
        else:
            continue
        if line not in lines:
            lines.append(line)
    return lines


#: Metadata rows of the header block, in the order a legal officer reads them.
_FACTS = (("loai_van_ban", "Loại văn bản"), ("so_hieu", "Số hiệu"),
          ("co_quan_ban_hanh", "Cơ quan ban hành"), ("noi_ban_hanh", "Nơi ban hành"),
          ("ngay_ban_hanh", "Ngày ban hành"), ("ngay_hieu_luc", "Ngày có hiệu lực"))


def _display_date(value: object) -> str:
    text = str(value)
    try:
        return vietnamese_date(text)
    except ValueError:
        return text  # "2021-06" of a draft with the day left blank


def _status_text(status: Status) -> str:
    if status.label in ("Hết hiệu lực", "Chưa có hiệu lực") and status.since:
        return f"{status.label} (từ {vietnamese_date(status.since)})"
    return status.label


def _unit_name(anchor: str) -> str:
    """"dieu-44-khoan-1" → "khoản 1 Điều 44", how a Vietnamese text names the unit."""
    parts = dict(zip(anchor.split("-")[::2], anchor.split("-")[1::2], strict=False))
    names = [f"điểm {parts['diem']}"] if "diem" in parts else []
    names += [f"khoản {parts['khoan']}"] if "khoan" in parts else []
    return " ".join([*names, f"Điều {parts.get('dieu', '')}"]).strip()


def header_block(entry: Entry, status: Status, has_basis: bool) -> list[str]:
    """The facts of a document at the top of its page, as an HTML description list.

    Values come from front matter an editor may have typed, so they are escaped. The
    document's citation name travels with it (``data-citation``): the page's "copy
    citation" buttons build "Điểm a khoản 2 Điều 8 Luật An ninh mạng số 24/2018/QH14"
    from it.
    """
    rows = []
    for key, label in _FACTS:
        value = entry.meta.get(key)
        if value:
            shown = escape(_display_date(value) if key.startswith("ngay_") else str(value))
            source = entry.meta.get("can_cu_hieu_luc")
            if key == "ngay_hieu_luc" and source:
                shown += f' (<a href="#{escape(source)}">{escape(_unit_name(source))}</a>)'
            rows.append((label, shown))
    signer = entry.meta.get("nguoi_ky")
    if signer:
        position = " ".join(str(entry.meta.get("chuc_vu") or "").split())
        rows.append(("Người ký", escape(f"{signer} ({position})" if position else signer)))
    rows.append(("Tình trạng hiệu lực",
                 f'<span class="vb-tinh-trang" data-status="{escape(status.label)}">'
                 f"{escape(_status_text(status))}</span>"))
    if has_basis:
        rows.append(("Căn cứ pháp lý", '<a href="#can-cu">Xem các văn bản làm căn cứ</a>'))
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    citation = escape(entry.citation(), quote=True)
    lines = [f'<dl class="vb-thong-tin" data-citation="{citation}">{items}</dl>', ""]
    original = next(iter(sorted((entry.path.parent / ORIGINALS).glob(f"{entry.slug}.*"))), None)
    if original is not None:
        size = max(1, round(original.stat().st_size / 1024))
        kind, name = original.suffix.lstrip("."), original.name
        lines += [f"[Tải văn bản gốc ({kind}, {size} KB)]({ORIGINALS}/{name})"
                  f'{{: .vb-tai-ve download="{name}" }}', ""]
    return lines


def _related_lines(entry: Entry, annotated: Annotated) -> list[str]:
    """The documents of the library this text cites, once each, in the order it cites them."""
    seen: dict[str, Entry] = {}
    for resolution in annotated.resolutions:
        target = resolution.target
        if resolution.linked and target is not None and target is not entry:
            seen.setdefault(target.slug, target)
    return [f"- [{target.title}]({_page_link(entry, target)})" for target in seen.values()]


def generated_sections(library: LinkedLibrary, entry: Entry) -> tuple[list[str], list[str]]:
    """(top, bottom) generated Markdown of a page."""
    basis = _basis_lines(entry, library.pages[entry.slug])
    status = library.status(entry)
    top = header_block(entry, status, bool(basis)) + _banner(entry, status)
    bottom: list[str] = []
    relations = library.graph.links.get(entry.slug, [])
    if relations:
        bottom += ["## Quan hệ văn bản {#quan-he}", "",
                   *[_relation_line(entry, link) for link in relations], ""]
    if basis:
        bottom += ["## Căn cứ pháp lý {#can-cu}", "", *basis, ""]
    related = _related_lines(entry, library.pages[entry.slug])
    if related:
        bottom += ["## Văn bản liên quan {#lien-quan}", "",
                   "Các văn bản trong thư viện mà văn bản này dẫn chiếu:", "", *related, ""]
    citations = library.cited_by.get(entry.slug, [])
    if citations:
        bottom += ["## Văn bản dẫn chiếu đến văn bản này {#duoc-dan-chieu}", "",
                   *_cited_by_lines(entry, citations), ""]
    return top, bottom


def _with_correspondences(body: str, old: Entry, new: Entry, matches: list[Match]) -> str:
    """The old law's body with, under each article, its corresponding article in the new law."""
    by_article = {m.old: m for m in matches}
    new_headings = article_headings(new)
    blocks = []
    for block in body.split("\n\n"):
        blocks.append(block)
        anchor = re.search(r"\{:? ?#dieu-(\d+[a-z]?) ?\}", block)
        match = by_article.get(anchor[1]) if anchor else None
        if match is not None:
            target = f"{_page_link(old, new, f'dieu-{match.new}')}"
            heading = new_headings.get(match.new, "")
            blocks.append(_wrap([
                f"Điều tương ứng trong {new.citation()} (tra cứu theo tên điều, không phải "
                f"tương đương pháp lý): [Điều {match.new}. {heading}]({target})",
                "{: .vb-tuong-ung }"]))
    return "\n\n".join(blocks)


def _wrap(lines: list[str]) -> str:
    return "\n".join([GENERATED_START, "", *lines, "", GENERATED_END]) if lines else ""


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
        bodies[old.slug] = _with_correspondences(bodies[old.slug], old, new, matches)
    for slug, entry in catalog.entries.items():
        top, bottom = generated_sections(library, entry)
        pieces = [_wrap(top), bodies[slug], _wrap(bottom)]
        page = texts[slug][0] + "\n" + "\n\n".join(p for p in pieces if p) + "\n"
        if write:
            library.written += write_atomic(entry.path, page)
    for guide in guides:
        annotated = library.guides[guide.url]
        related = _related_lines(guide, annotated)
        bottom = ["## Văn bản liên quan {#lien-quan}", "", *related, ""] if related else []
        pieces = [annotated.body, _wrap(bottom)]
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

