"""The catalogue: every document of the library, looked up by number, title and anchor.

Built from the Markdown in ``docs/`` alone (front matter and explicit
anchors), so anything that can read the library can rebuild it, and the
resolve stage takes it as an argument instead of reading files itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kb.vietnamese import fold
from kb.yamlread import safe_load

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_HEADING_ANCHOR = re.compile(r"^#{1,6} (?P<text>.*?) \{#(?P<anchor>[a-z0-9-]+)\}$", re.MULTILINE)
_PARAGRAPH_ANCHOR = re.compile(r"^(?P<text>.+)\n\{: #(?P<anchor>[a-z0-9-]+) \}$", re.MULTILINE)
_MARKUP = re.compile(r"<[^>]+>|\*\*|\\(?=[\\.)\[\]#>])")

#: Types cited by name ("Luật An ninh mạng") rather than by number.
NAMED_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")


def number_key(number: str) -> str:
    """"3250 /QĐ-UBND", "3250/qd-ubnd" and "3250/QD-UBND" are the same number."""
    return re.sub(r"\s+", "", fold(number)).lower()


def title_key(title: str) -> str:
    """Titles compare without case, diacritics or repeated spaces."""
    return " ".join(fold(title).lower().split())


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter mapping, body) of a Markdown page."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return safe_load(match[1]) or {}, text[match.end():]


def split_page(text: str) -> tuple[str, str]:
    """(front matter block with its fences, body) of a page, both kept byte for byte."""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + len("\n---\n")
        return text[:end], text[end:]
    return "", text


def plain_heading(markdown: str) -> str:
    """The words of a heading or paragraph without the markup the renderer added."""
    return " ".join(_MARKUP.sub("", markdown).split())


def anchors(body: str) -> dict[str, str]:
    """Every explicit anchor of a page's body → its heading or paragraph text."""
    headings = {m["anchor"]: plain_heading(m["text"]) for m in _HEADING_ANCHOR.finditer(body)}
    for match in _PARAGRAPH_ANCHOR.finditer(body):
        headings[match["anchor"]] = plain_heading(match["text"])
    return headings


#: The anchors citations point to (``kb.citations.resolve.anchor_for`` makes only these:
#: "dieu-8", "dieu-8-khoan-2-diem-a"); the others ("quan-he", "duoc-dan-chieu"…) are
#: those of the sections ``kb link`` writes, which change with every citing page.
CITABLE = "dieu-"


def is_article(anchor: str) -> bool:
    """Whether a citable anchor is an article's, whose heading a link's hover title shows."""
    return "-khoan-" not in anchor and "-diem-" not in anchor


def citable_anchors(body: str) -> dict[str, str | None]:
    """The anchors of :func:`anchors` that citations may point to, with the headings of
    articles and None for clauses and points (their text is read by nothing but the
    reader, and skipping it is most of the cost)."""
    found: dict[str, str | None] = {}
    for pattern in (_HEADING_ANCHOR, _PARAGRAPH_ANCHOR):
        for match in pattern.finditer(body):
            anchor = match["anchor"]
            if anchor.startswith(CITABLE):
                found[anchor] = plain_heading(match["text"]) if is_article(anchor) else None
    return found


@dataclass
class Entry:
    """One document: where it lives, what it says about itself, which anchors it has."""

    slug: str
    path: Path
    meta: dict
    headings: Mapping[str, str] = field(default_factory=dict)  # anchor → heading or text
    #: What the citations of other pages may depend on, hashed (see kb.catalog.store):
    #: empty when the entry was read without a store.
    fingerprint: str = field(default="", compare=False, repr=False)

    @property
    def number(self) -> str | None:
        return self.meta.get("so_hieu")

    @property
    def date(self) -> str:
        """Issue date; for a guide, its last review: what an undated citation meant."""
        return str(self.meta.get("ngay_ban_hanh") or self.meta.get("ngay_cap_nhat") or "")

    @property
    def url(self) -> str:
        """The page's site URL relative to the site root ("van-ban/24-2018-qh14/")."""
        return f"{self.path.parent.name}/{self.path.stem}/"

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.slug)

    def aliases(self) -> list[str]:
        """The names a text may cite this document by: "Luật An ninh mạng", "Hiến pháp"."""
        kind, name = self.meta.get("loai_van_ban"), self.meta.get("trich_yeu")
        names = list(self.meta.get("ten_goi_khac") or [])
        if kind in NAMED_TYPES:
            names.append(kind)
            if name:
                names.append(name if name.lower().startswith(kind.lower())
                             else f"{kind} {name}")
        return names

    def citation(self) -> str:
        """How a lawyer names the document: "Luật An ninh mạng số 24/2018/QH14",
        "Quyết định số 3250/QĐ-UBND" (a plan's long trích yếu is left out)."""
        kind = self.meta.get("loai_van_ban")
        if kind in NAMED_TYPES or not (kind and self.number):
            return self.title
        return f"{kind} số {self.number}"

    @classmethod
    def read(cls, path: Path, slug: str) -> Entry:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        return cls(slug, path, meta, anchors(body))


@dataclass
class Catalog:
    """All documents, with the indexes the resolve stage looks references up in."""

    entries: dict[str, Entry]
    by_number: dict[str, list[Entry]] = field(default_factory=dict)
    by_title: dict[str, list[Entry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        numbers: dict[str, list[Entry]] = defaultdict(list)
        titles: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries.values():
            if entry.number:
                numbers[number_key(entry.number)].append(entry)
            for alias in entry.aliases():
                titles[title_key(alias)].append(entry)
        self.by_number = dict(numbers)
        self.by_title = {k: sorted(v, key=lambda e: e.date) for k, v in titles.items()}

    @cached_property
    def by_path(self) -> dict[Path, Entry]:
        """The documents by their file's resolved path (what a hand-written link points to)."""
        return {entry.path.resolve(): entry for entry in self.entries.values()}

    def candidates(self, key: tuple[str, str]) -> list[Entry]:
        """The documents one look-up key names: ``("number", …)`` or ``("title", …)``."""
        kind, value = key
        return (self.by_number if kind == "number" else self.by_title).get(value, [])

    @classmethod
    def load(cls, folder: Path) -> Catalog:
        """The catalogue of the documents in ``folder`` (one Markdown page each)."""
        pages = sorted(p for p in folder.glob("*.md") if p.name != "index.md")
        return cls({p.stem: Entry.read(p, p.stem) for p in pages})
