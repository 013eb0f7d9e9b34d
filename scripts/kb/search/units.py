"""A document cut into what a search result links to: the document and each of its sections.

A reader who searches "điều 8 luật an ninh mạng" or a phrase of a plan wants to
land on that article or section, not at the top of a 150 KB law. So besides
the document itself (title, number, type, issuer, year, status and the
preamble), every anchored heading — Chương, Mục, Điều, the I./II. parts of a
plan — and every article written as a paragraph ("**Điều 15.** …" followed by
``{: #dieu-15 }``) starts a unit that runs to the next one, with its own anchor.
The anchors are the importer's, read with the catalogue's patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.catalog.entries import (
    _HEADING_ANCHOR,
    _PARAGRAPH_ANCHOR,
    plain_heading,
    split_front_matter,
)
from kb.citations.annotate import unlink

_ARTICLE_ANCHOR = re.compile(r"dieu-(?P<number>[0-9]+[a-z]?)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATTRIBUTES = re.compile(r"\{[:#.][^}\n]*\}")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?) *[\w-]+ *(?:\"([^\"\n]*)\")?", re.MULTILINE)
_HEADING_MARK = re.compile(r"^#{1,6} ", re.MULTILINE)
#: Characters of a unit's text shown under its title in the results.
EXCERPT_LENGTH = 150


def plain(markdown: str) -> str:
    """The words of a piece of the library's Markdown, on one line, without its markup."""
    text = _COMMENT.sub(" ", markdown)
    text = _ATTRIBUTES.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _ADMONITION.sub(lambda m: m[1] or "", text)
    return plain_heading(_HEADING_MARK.sub("", text))


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """The start of ``text``, cut between words, with "…" when something was cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass
class Unit:
    """What one search result links to; ``fields`` maps a field name to its plain text."""

    anchor: str | None  # None for the document itself
    heading: str
    fields: dict[str, str]
    excerpt: str
    article: str | None = None  # "8" for the unit of "Điều 8"


@dataclass
class Document:
    """A page of the library with its metadata and its units, the document's own first."""

    url: str  # relative to the site root: "van-ban/24-2018-qh14/"
    meta: dict
    status: str
    units: list[Unit] = field(default_factory=list)

    @property
    def year(self) -> str:
        """The year of issue ("2018"), or "" when the date is unknown."""
        date = str(self.meta.get("ngay_ban_hanh") or "")
        return date[:4] if date[:4].isdigit() else ""


def _starts(body: str) -> list[tuple[int, int, str]]:
    """(start, end of heading, anchor) of every unit in ``body``, in order."""
    starts = [(m.start(), m.end(), m["anchor"]) for m in _HEADING_ANCHOR.finditer(body)]
    starts += [(m.start(), m.end(), m["anchor"]) for m in _PARAGRAPH_ANCHOR.finditer(body)
               if _ARTICLE_ANCHOR.fullmatch(m["anchor"])]
    return sorted(starts)


def _document_unit(meta: dict, status: str, year: str, preamble: str) -> Unit:
    names = [meta.get("title"), meta.get("trich_yeu"), *(meta.get("ten_goi_khac") or [])]
    about = [meta.get("loai_van_ban"), meta.get("co_quan_ban_hanh"), meta.get("noi_ban_hanh"),
             year, status, *(meta.get("linh_vuc") or []), *(meta.get("tags") or [])]
    fields = {
        "title": " ".join(str(name) for name in names if name),
        "number": str(meta.get("so_hieu") or ""),
        "meta": " ".join(str(value) for value in about if value),
        "body": preamble,
    }
    return Unit(None, "", fields, excerpt(preamble or str(meta.get("trich_yeu") or "")))


def read_document(markdown: str, url: str, status: str) -> Document:
    """The document of ``markdown`` (a page served at ``url``) cut into units."""
    meta, body = split_front_matter(markdown)
    body = unlink(body)
    document = Document(url, meta, status)
    starts = _starts(body)
    preamble = plain(body[:starts[0][0]] if starts else body)
    document.units.append(_document_unit(meta, status, document.year, preamble))
    for index, (start, heading_end, anchor) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body)
        heading, text = plain(body[start:heading_end]), plain(body[heading_end:end])
        article = _ARTICLE_ANCHOR.fullmatch(anchor)
        document.units.append(Unit(anchor, heading, {"heading": heading, "body": text},
                                   excerpt(text), article["number"] if article else None))
    return document
