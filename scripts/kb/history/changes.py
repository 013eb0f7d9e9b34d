"""Revisions of a page and what each one changed, article by article.

``kb link`` rewrites the generated parts of a page whenever another document starts
citing it; that is not a revision of the text. A revision is a commit that changed the
front matter or the body without its links and generated sections — what the editor
wrote or imported. Between two revisions the body is compared per unit with an explicit
anchor (Điều 8, Chương II, mục I of a plan): the changelog of an amended law then says
"sửa đổi Điều 8, bổ sung Điều 10a, bãi bỏ Điều 12" and links each to its current text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.catalog.entries import plain_heading, split_front_matter
from kb.citations.annotate import unlink
from kb.history.git import Commit, FileChange

_HEADING = re.compile(r"^#{1,6} (?P<text>.*?) \{#(?P<anchor>[a-z0-9-]+)\}$")
#: An article rendered as a paragraph (its heading is a whole sentence).
_ARTICLE = re.compile(r"\n\{: #(?P<anchor>dieu-[0-9]+[a-z]?) \}$")
PREAMBLE = ""

#: Front matter fields a reader cares about, with their Vietnamese names.
FIELDS = (("title", "Tiêu đề"), ("so_hieu", "Số hiệu"), ("loai_van_ban", "Loại văn bản"),
          ("co_quan_ban_hanh", "Cơ quan ban hành"), ("ngay_ban_hanh", "Ngày ban hành"),
          ("ngay_hieu_luc", "Ngày có hiệu lực"), ("trich_yeu", "Trích yếu"),
          ("nguoi_ky", "Người ký"), ("quan_he", "Quan hệ văn bản"),
          ("ngay_cap_nhat", "Ngày rà soát"))


@dataclass(frozen=True)
class Unit:
    """A part of the body that starts at an anchored heading (or article)."""

    anchor: str
    name: str
    text: str

    @property
    def short(self) -> str:
        """"Điều 8" for an article, else its heading cut to a readable length."""
        match = re.fullmatch(r"dieu-([0-9]+[a-z]?)", self.anchor)
        if match:
            return f"Điều {match[1]}"
        return self.name if len(self.name) <= 60 else self.name[:57].rstrip() + "…"


def units(body: str) -> dict[str, Unit]:
    """The body's units by anchor, in order; text before the first one is the preamble."""
    found: dict[str, Unit] = {}
    anchor, name, blocks = PREAMBLE, "Phần mở đầu", []

    def close() -> None:
        if blocks or anchor != PREAMBLE:
            found[anchor] = Unit(anchor, name, "\n\n".join(blocks))

    for block in (b.strip() for b in body.split("\n\n")):
        if not block:
            continue
        heading = _HEADING.match(block.split("\n", 1)[0])
        article = _ARTICLE.search(block)
        if heading or article:
            close()
            anchor = heading["anchor"] if heading else article["anchor"]
            first = heading["text"] if heading else block.split("\n", 1)[0]
            name, blocks = plain_heading(first), []
        blocks.append(block)
    close()
    return found


@dataclass(frozen=True)
class Content:
    """What an editor controls in a page version: its front matter and its own body."""

    meta: dict
    units: dict[str, Unit]

    @classmethod
    def parse(cls, text: str) -> Content:
        meta, body = split_front_matter(text)
        return cls(meta, units(unlink(body)))


@dataclass
class Revision:
    """One revision of a page: the commit, whether it added the page, and what changed."""

    commit: Commit
    added: bool
    fields: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    modified: list[Unit] = field(default_factory=list)
    inserted: list[Unit] = field(default_factory=list)
    removed: list[Unit] = field(default_factory=list)
    source_replaced: bool = False  # re-imported from a new original file

    @property
    def cosmetic(self) -> bool:
        """A revision that changed the wording's layout only, not a unit or a field."""
        return not (self.added or self.fields or self.modified or self.inserted
                    or self.removed or self.source_replaced)

    def summary(self) -> str:
        """One line: "Thêm mới" or "sửa đổi Điều 8, Điều 9; bổ sung Điều 10a; …"."""
        if self.added:
            return "Thêm mới"
        parts = [f"{verb} {_names(changed)}"
                 for verb, changed in (("sửa đổi", self.modified), ("bổ sung", self.inserted),
                                       ("bỏ", self.removed)) if changed]
        parts += [field_change(*change) for change in self.fields]
        if self.source_replaced and not parts:
            parts.append("thay tệp gốc")
        text = "; ".join(parts) or "chỉnh sửa trình bày"
        return text[0].upper() + text[1:]


def _names(changed: list[Unit]) -> str:
    return ", ".join("phần mở đầu" if u.anchor == PREAMBLE else u.short for u in changed)


def _value(value: object) -> str | None:
    """A field's value on one line, cut to a readable length; None for a structure."""
    if isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split()) if value not in (None, "") else "—"
    return text if len(text) <= 120 else text[:117].rstrip() + "…"


def field_change(name: str, old: str | None, new: str | None) -> str:
    """"Ngày có hiệu lực: 2026-01-01 → 2026-07-01", or "Quan hệ văn bản: cập nhật"."""
    return f"{name}: cập nhật" if old is None or new is None else f"{name}: {old} → {new}"


def compare(old: Content, new: Content) -> tuple[list, list[Unit], list[Unit], list[Unit]]:
    """(fields, modified, inserted, removed) from ``old`` to ``new``."""
    fields = [(label, _value(old.meta.get(key)), _value(new.meta.get(key)))
              for key, label in FIELDS if old.meta.get(key) != new.meta.get(key)]
    modified = [u for a, u in new.units.items() if a in old.units and old.units[a].text != u.text]
    inserted = [u for a, u in new.units.items() if a not in old.units]
    removed = [u for a, u in old.units.items() if a not in new.units]
    return fields, modified, inserted, removed


def revisions(changes: list[FileChange], texts: dict[str, str]) -> list[Revision]:
    """The revisions of one page, newest first, from its changes (any order)."""
    found: list[Revision] = []
    previous: Content | None = None
    for change in sorted(changes, key=lambda c: c.commit.date):
        if change.blob is None or change.blob not in texts:
            previous = None  # deleted: a later version is added anew
            continue
        current = Content.parse(texts[change.blob])
        if previous is None:
            found.append(Revision(change.commit, added=True))
        elif current != previous:
            fields, modified, inserted, removed = compare(previous, current)
            source = (previous.meta.get("nguon") or {}).get("sha256") != \
                (current.meta.get("nguon") or {}).get("sha256")
            found.append(Revision(change.commit, False, fields, modified, inserted, removed,
                                  source))
        previous = current
    return found[::-1]
