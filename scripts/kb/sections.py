"""The Markdown ``kb link`` generates around a page's text: the facts of the document, the
banner of a text no longer (or not yet) in force, relations, legal basis, related
documents, cited-by, and the finding aid under the articles of a replaced law.

Everything here is a pure function of the catalogue and the resolved references, so
each section can be read and tested alone; ``kb.linking`` decides where they go.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from kb.catalog import Catalog, Entry, Status
from kb.catalog.correspondence import Correspondence
from kb.catalog.paging import count, href
from kb.catalog.relations import Link
from kb.citations import find_references
from kb.citations.annotate import GENERATED_END, GENERATED_START, Annotated
from kb.citations.resolve import Context, Resolution, resolve_all
from kb.importer import ORIGINALS


@dataclass
class Citation:
    """One linked reference from ``source``: what the cited page lists as cited-by."""

    source: Entry
    resolution: Resolution


def page_link(source: Entry, target: Entry, anchor: str | None = None) -> str:
    return href(source.path, target.path, anchor)


def relation_line(entry: Entry, link: Link) -> str:
    other = link.entry
    name = f"{link.title or ''} ({link.number})" if link.title else link.number
    if other:
        shown = f"[{other.title}]({page_link(entry, other)})"
    else:
        shown = f"{name} — chưa có trong thư viện"
    source = f" — căn cứ: {source_link(entry, link)}" if link.source else ""
    return f"- {link.label}: {shown}{source}"


def source_link(entry: Entry, link: Link) -> str:
    """The clause that states a relation ("khoản 2 Điều 44"), linked into the declaring text."""
    declaring = link.declared_by
    references = find_references(str(link.source))
    anchor = next((r for r in resolve_all(references, _single(declaring), Context(declaring))
                   if r.linked and r.anchor), None)
    if anchor is None:
        return f"{link.source} {declaring.title}"
    return f"[{link.source} {declaring.title}]({page_link(entry, declaring, anchor.anchor)})"


def _single(entry: Entry) -> Catalog:
    return Catalog({entry.slug: entry})


def vietnamese_date(iso: str) -> str:
    """"2026-07-01" → "01/7/2026", as Vietnamese legal texts write dates."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day:02d}/{day.month}/{day.year}"


def banner(entry: Entry, status: Status, aid: Path | None = None) -> list[str]:
    """An admonition at the top of a page that is not (or not yet) in force; for a replaced
    law, with the link to its finding aid's page ``aid``, if it has one."""
    if status.label == "Hết hiệu lực":
        lines = [f'!!! danger "Hết hiệu lực từ {vietnamese_date(status.since)}"']
        if status.reason and status.reason.entry:
            replacing = status.reason.entry
            lines.append(f"    Văn bản này đã được thay thế bởi "
                         f"[{replacing.title}]({page_link(entry, replacing)}).")
            if status.reason.source:
                lines.append(f"    Căn cứ: {source_link(entry, status.reason)}.")
        if aid is not None:
            lines.append(f"    Điều tương ứng trong văn bản mới: [tra cứu theo từng điều]"
                         f"({href(entry.path, aid)}).")
        return lines
    if status.label == "Chưa có hiệu lực":
        return [f'!!! warning "Chưa có hiệu lực: có hiệu lực từ {vietnamese_date(status.since)}"']
    return []


#: Citing documents listed on the cited page itself; the rest are one link away, on pages
#: of their own: a law the whole library cites would carry thousands (BENCHMARKS.md).
CITED_BY_SHOWN = 20


def citing_groups(citations: list[Citation]) -> list[list[Citation]]:
    """The citations of a document grouped by the citing document, newest first."""
    by_source: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations:
        by_source[citation.source.slug].append(citation)
    return sorted(by_source.values(), key=lambda g: (g[0].source.date, g[0].source.slug),
                  reverse=True)


def cited_by_lines(groups: Sequence[list[Citation]], page: Path) -> list[str]:
    """A list item per citing document, with the parts it cites, linked from ``page``."""
    lines = []
    for group in groups:
        source = group[0].source
        parts = sorted({c.resolution.reference.text for c in group if c.resolution.anchor})
        cited = f" — dẫn chiếu {', '.join(parts)}" if parts else ""
        lines.append(f"- [{source.title}]({href(page, source.path)}){cited}")
    return lines


def cited_by_page(entry: Entry) -> Path:
    """Where all the documents citing ``entry`` are listed when its page shows only some."""
    return entry.path.parent.parent / "tra-cuu" / "duoc-dan-chieu" / entry.path.name


def shows_all(groups: list[list[Citation]]) -> bool:
    """Whether the cited page lists all its citing documents (``groups``) itself."""
    return len(groups) <= CITED_BY_SHOWN


def cited_by_section(entry: Entry, groups: list[list[Citation]]) -> list[str]:
    """The newest :data:`CITED_BY_SHOWN` citing documents, then a link to all of them."""
    lines = cited_by_lines(groups[:CITED_BY_SHOWN], entry.path)
    if not shows_all(groups):
        lines += ["", f"[Xem đủ {count(len(groups))} văn bản dẫn chiếu đến văn bản này]"
                      f"({href(entry.path, cited_by_page(entry))})"]
    return lines


def basis_lines(entry: Entry, annotated: Annotated) -> list[str]:
    """The documents a text's "Căn cứ …" preamble rests on, once each, in order."""
    lines: list[str] = []
    for resolution in annotated.basis:
        reference, target = resolution.reference, resolution.target
        if target is not None and target is not entry:
            line = f"- [{target.title}]({page_link(entry, target)})"
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


def originals(folder: Path) -> dict[str, Path]:
    """The published original of each page of ``folder`` by slug: the first file of
    ``goc/`` by name that is the slug plus an extension. One listing for the library, not
    one per page (a listing of 10,000 files for each of 10,000 pages)."""
    found: dict[str, Path] = {}
    directory = folder / ORIGINALS
    for name in sorted(os.listdir(directory)) if directory.is_dir() else []:
        for dot, char in enumerate(name):
            if char == "." and dot:
                found.setdefault(name[:dot], directory / name)
    return found


def header_block(entry: Entry, status: Status, has_basis: bool,
                 original: Path | None) -> list[str]:
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
    if original is not None:
        size = max(1, round(original.stat().st_size / 1024))
        kind, name = original.suffix.lstrip("."), original.name
        lines += [f"[Tải văn bản gốc ({kind}, {size} KB)]({ORIGINALS}/{name})"
                  f'{{: .vb-tai-ve download="{name}" }}', ""]
    return lines


def related_lines(entry: Entry, annotated: Annotated) -> list[str]:
    """The documents of the library this text cites, once each, in the order it cites them."""
    seen: dict[str, Entry] = {}
    for resolution in annotated.resolutions:
        target = resolution.target
        if resolution.linked and target is not None and target is not entry:
            seen.setdefault(target.slug, target)
    return [f"- [{target.title}]({page_link(entry, target)})" for target in seen.values()]


def with_correspondences(body: str, pair: Correspondence) -> str:
    """The old law's body with, under each article, its corresponding article in the new law."""
    old, new = pair.old, pair.new
    by_article = {m.old: m for m in pair.matches}
    blocks = []
    for block in body.split("\n\n"):
        blocks.append(block)
        anchor = re.search(r"\{:? ?#dieu-(\d+[a-z]?) ?\}", block)
        match = by_article.get(anchor[1]) if anchor else None
        if match is not None:
            target = f"{page_link(old, new, f'dieu-{match.new}')}"
            heading = pair.new_headings.get(match.new, "")
            blocks.append(wrap([
                f"Điều tương ứng trong {new.citation()} (tra cứu theo tên điều, không phải "
                f"tương đương pháp lý): [Điều {match.new}. {heading}]({target})",
                "{: .vb-tuong-ung }"]))
    return "\n\n".join(blocks)


def wrap(lines: list[str]) -> str:
    """Generated lines between the markers ``kb link`` strips and writes again."""
    return "\n".join([GENERATED_START, "", *lines, "", GENERATED_END]) if lines else ""
