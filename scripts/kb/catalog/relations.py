"""Relations between documents and the status they imply on a given day.

Editors declare a relation once, on either side, in the front matter::

    quan_he:
      thay_the:                     # this document replaces…
        - so_hieu: 24/2018/QH14
          nguon: khoản 2 Điều 44    # where the text says so
      sua_doi: […]                  # amends
      huong_dan: […]                # guides
      het_hieu_luc:                 # ceases to have effect (repealed without a successor)
        ngay: 2030-01-01
        nguon: …

The inverse side (replaced by, amended by, guided by) is computed, also for
documents not in the library yet, which are shown by number without a link.
Status is never typed: it follows from these dates and today's date, so the
morning a law takes effect, the next build says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kb.catalog.entries import Catalog, Entry, number_key

#: Declared relation → (label on the declaring page, label on the other page).
RELATIONS: dict[str, tuple[str, str]] = {
    "thay_the": ("Thay thế", "Bị thay thế bởi"),
    "sua_doi": ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    "huong_dan": ("Hướng dẫn", "Được hướng dẫn bởi"),
}


@dataclass(frozen=True)
class Link:
    """One side of a relation as a page shows it: the other document, in or out of the library."""

    label: str
    number: str
    title: str | None
    entry: Entry | None
    source: str | None  # where the declaring text states the relation
    declared_by: Entry


@dataclass(frozen=True)
class Status:
    """Whether a document is in force on a day, and why."""

    label: str  # "Còn hiệu lực", "Hết hiệu lực", "Chưa có hiệu lực", "Chưa xác định"
    since: str | None = None
    reason: Link | None = None

    @property
    def in_force(self) -> bool:
        return self.label == "Còn hiệu lực"


@dataclass
class Graph:
    """Every declared relation, indexed by the page that shows it."""

    catalog: Catalog
    links: dict[str, list[Link]] = field(default_factory=dict)  # slug → its relation links
    outside: list[Link] = field(default_factory=list)  # relations to documents not in library

    @classmethod
    def build(cls, catalog: Catalog) -> Graph:
        graph = cls(catalog)
        for entry in catalog.entries.values():
            for key, items in (entry.meta.get("quan_he") or {}).items():
                if key in RELATIONS:
                    for item in items:
                        graph._declare(entry, key, item)
        return graph

    def _declare(self, entry: Entry, key: str, item: dict | str) -> None:
        item = {"so_hieu": item} if isinstance(item, str) else item
        number = str(item["so_hieu"])
        others = self.catalog.by_number.get(number_key(number), [])
        other = others[0] if len(others) == 1 else None
        own_label, other_label = RELATIONS[key]
        source = item.get("nguon")
        self.links.setdefault(entry.slug, []).append(
            Link(own_label, number, item.get("ten") or (other.title if other else None), other,
                 source, entry))
        if other is not None:
            self.links.setdefault(other.slug, []).append(
                Link(other_label, entry.number or entry.title, entry.title, entry, source, entry))
        else:
            self.outside.append(Link(own_label, number, item.get("ten"), None, source, entry))

    def replaced(self) -> list[tuple[Entry, Link]]:
        """(old document, link to what replaced it) for replacements inside the library."""
        return [(self.catalog.entries[slug], link) for slug, links in sorted(self.links.items())
                for link in links
                if link.label == RELATIONS["thay_the"][1] and link.entry is not None]

    def status(self, entry: Entry, today: dt.date) -> Status:
        """The document's status on ``today``, from its dates and what replaces it."""
        expiry = (entry.meta.get("quan_he") or {}).get("het_hieu_luc")
        ended = _date(expiry.get("ngay")) if expiry else None
        reason = None
        for link in self.links.get(entry.slug, []):
            if link.label == RELATIONS["thay_the"][1] and link.entry is not None:
                starts = _date(link.entry.meta.get("ngay_hieu_luc"))
                if starts and (ended is None or starts < ended):
                    ended, reason = starts, link
        if ended and today >= ended:
            return Status("Hết hiệu lực", ended.isoformat(), reason)
        starts = _date(entry.meta.get("ngay_hieu_luc"))
        if starts and today < starts:
            return Status("Chưa có hiệu lực", starts.isoformat())
        if starts:
            return Status("Còn hiệu lực", starts.isoformat())
        return Status("Chưa xác định")


def _date(value: object) -> dt.date | None:
    """A front matter date (YAML may give a date or a string); partial dates count as unknown."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
