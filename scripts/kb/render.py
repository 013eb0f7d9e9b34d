"""Document → Markdown with YAML front matter, the form stored in ``docs/``.

Legal numbering is text, never Markdown syntax: "2. Yêu cầu" is written
``2\\. Yêu cầu`` so no renderer turns it into a list that restarts at 1.
Anything in the source that Markdown or HTML would interpret (``<``, ``[``,
a leading ``#``) is escaped, so imported content cannot inject markup or
script. Every numbered unit carries its explicit anchor (``{#dieu-8}``,
``{: #dieu-8-khoan-2 }``): generated heading slugs drop "đ" and change
with the wording.
"""

from __future__ import annotations

import re
from dataclasses import asdict

import yaml

from kb.model import Document, Kind, Metadata, Unit

#: Kinds rendered as headings; the rest are paragraphs with an anchor.
HEADINGS = {Kind.ATTACHMENT, Kind.PHAN, Kind.CHUONG, Kind.MUC, Kind.SECTION, Kind.DIEU}

#: A heading longer than this is an article whose text is its content (a decision's
#: "Điều 1. Phê duyệt kèm theo …"): it stays a paragraph, bold label, with its anchor.
MAX_HEADING = 160

_LIST_START = re.compile(r"^(\d+)([.)])(\s)")
_BLOCK_START = re.compile(r"^([#>=|])")
_INLINE = str.maketrans({"<": "&lt;", "[": "\\[", "]": "\\]", "`": "\\`"})


def escape(text: str) -> str:
    """Inline Markdown that renders as the same words, with no HTML and no links."""
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).translate(_INLINE)
    text = _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}", text)
    return _BLOCK_START.sub(r"\\\1", text)


def _is_heading(unit: Unit) -> bool:
    if unit.kind is Kind.DIEU:
        return len(unit.text) <= MAX_HEADING and not unit.text.endswith((".", ";"))
    return unit.kind in HEADINGS


def _heading(unit: Unit, level: int) -> str:
    marks = "#" * min(level, 6)
    anchor = f" {{#{unit.anchor}}}" if unit.anchor else ""
    if unit.kind in (Kind.DIEU, Kind.SECTION):
        return f"{marks} {escape(unit.label)} {escape(unit.text)}".rstrip() + anchor
    title = f' <span class="unit-title">{escape(unit.text)}</span>' if unit.text else ""
    return f"{marks} {escape(unit.label)}{title}{anchor}"


def _paragraph(unit: Unit) -> str:
    if unit.kind is Kind.SIGNATURE:
        lines = [escape(line) for line in unit.text.split("\n")]
        return "  \n".join(lines) + "\n{: .chu-ky }"
    if unit.kind is Kind.PARAGRAPH:
        return escape(unit.text)
    if unit.kind is Kind.DIEU:
        text = f"**{escape(unit.label)}** {escape(unit.text)}".rstrip()
    else:
        text = escape(f"{unit.label} {unit.text}".rstrip())
    return f"{text}\n{{: #{unit.anchor} }}" if unit.anchor else text


def render_units(units: list[Unit], level: int = 2) -> list[str]:
    """Markdown blocks for ``units`` in document order; headings nest from ``level``."""
    out: list[str] = []
    for unit in units:
        if _is_heading(unit):
            out.append(_heading(unit, level))
            out.extend(render_units(unit.children, level + 1))
        else:
            out.append(_paragraph(unit))
            out.extend(render_units(unit.children, level))
    return out


def page_title(meta: Metadata) -> str:
    """The title shown on the page and in search: type, number and trích yếu."""
    kind = meta.loai_van_ban or "Văn bản"
    if meta.trich_yeu and kind in ("Luật", "Bộ luật", "Pháp lệnh"):
        name = f"{kind} {meta.trich_yeu[0].upper()}{meta.trich_yeu[1:]}"
        return f"{name} số {meta.so_hieu}" if meta.so_hieu else name
    if kind == "Hiến pháp":
        return meta.trich_yeu or kind
    number = f" số {meta.so_hieu}" if meta.so_hieu else ""
    about = f": {meta.trich_yeu}" if meta.trich_yeu else ""
    return f"{kind}{number}{about}"


def front_matter(document: Document, extra: dict | None = None) -> dict:
    """The front matter mapping: metadata fields that are set, provenance, original header."""
    meta = {k: v for k, v in asdict(document.meta).items() if v not in (None, [], {}, "")}
    data: dict = {"title": page_title(document.meta), **meta}
    data["nguon"] = {"tep": document.source_path, "sha256": document.source_sha256}
    if document.header:
        data["dau_van_ban"] = document.header
    if document.notes:
        data["ghi_chu_nguon"] = document.notes
    data.update(extra or {})
    return data


def render(document: Document, extra: dict | None = None) -> str:
    """The whole Markdown file: front matter, then the body."""
    head = yaml.safe_dump(front_matter(document, extra), allow_unicode=True, sort_keys=False,
                          width=100)
    body = "\n\n".join(render_units(document.body))
    return f"---\n{head}---\n\n{body}\n"
