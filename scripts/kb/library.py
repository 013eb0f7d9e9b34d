"""The library on disk: which document lives at which slug, and where a new one goes.

A page URL is the document's number made readable (``24/2018/QH14`` →
``24-2018-qh14``) and never changes once published. Numbers such as
``25/KH-UBND`` repeat across provinces and years, so a document's identity
is number + issuer + year: the first one keeps the plain slug, a second one
with the same number gets the issuer and year added. A draft without a
number gets a slug from its type, place and date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kb.catalog.entries import split_front_matter
from kb.vietnamese import fold, slugify


def read_front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown file (empty when it has none)."""
    return split_front_matter(path.read_text(encoding="utf-8"))[0]


def _key(text: str | None) -> str:
    return " ".join(fold(text or "").lower().replace(" ", "").split())


def identity(meta: dict) -> tuple[str, str, str] | None:
    """Number, issuer and year: what tells two documents with the same number apart."""
    number = meta.get("so_hieu")
    if not number:
        return None
    year = str(meta.get("ngay_ban_hanh") or "")[:4]
    return _key(number), _key(meta.get("co_quan_ban_hanh")), year


@dataclass
class Library:
    """The documents already in a folder of ``docs/``, by slug, and by identity and source
    for the look-ups of each imported file (a dictionary, not a scan: 10,000 pages)."""

    folder: Path
    by_slug: dict[str, dict]
    by_identity: dict[tuple[str, str, str], str] = field(default_factory=dict)
    unnumbered_by_source: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for slug, meta in self.by_slug.items():
            self._index(slug, meta)

    @classmethod
    def load(cls, folder: Path,
             front_matter: Callable[[Path], dict] = read_front_matter) -> Library:
        """The library in ``folder``, each page's front matter read by ``front_matter``
        (``kb serve`` remembers those of the pages that did not change)."""
        pages = {
            path.stem: front_matter(path)
            for path in sorted(folder.glob("*.md"))
            if path.name != "index.md"
        }
        return cls(folder, pages)

    def _index(self, slug: str, meta: dict) -> None:
        key = identity(meta)
        if key is not None:
            self.by_identity.setdefault(key, slug)
        else:
            source = (meta.get("nguon") or {}).get("tep")
            if source:
                self.unnumbered_by_source.setdefault(source, slug)

    def slug_for(self, meta: dict, source_name: str, warnings: list[str]) -> str:
        """The slug of the document ``meta`` describes: its existing one, or a new unique one."""
        wanted = identity(meta)
        existing = (self.by_identity.get(wanted) if wanted is not None
                    else self.unnumbered_by_source.get(source_name))
        if existing is not None:
            return existing
        if wanted is None and meta.get("loai_van_ban") == "Hiến pháp":
            candidates = [slugify(f"hien phap {str(meta.get('ngay_ban_hanh', ''))[:4]}")]
        elif wanted is None:
            base = slugify(" ".join(
                str(part) for part in (meta.get("loai_van_ban") or "van ban",
                                       meta.get("noi_ban_hanh"), meta.get("ngay_ban_hanh"))
                if part
            ))
            warnings.append(f"văn bản không có số hiệu: đặt địa chỉ trang “{base}” theo loại, "
                            "nơi và ngày ban hành")
            candidates = [base]
        else:
            base = slugify(meta["so_hieu"])
            qualifier = slugify(" ".join(str(part) for part in (
                meta.get("co_quan_ban_hanh") or meta.get("noi_ban_hanh"),
                str(meta.get("ngay_ban_hanh") or "")[:4]) if part))
            candidates = [base, f"{base}-{qualifier}" if qualifier else base]
        for candidate in candidates:
            if candidate not in self.by_slug:
                return self._claim(candidate, meta)
        n = 2
        while f"{candidates[-1]}-{n}" in self.by_slug:
            n += 1
        return self._claim(f"{candidates[-1]}-{n}", meta)

    def _claim(self, slug: str, meta: dict) -> str:
        self.by_slug[slug] = meta
        self._index(slug, meta)
        return slug
