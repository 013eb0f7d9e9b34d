"""The guides as cards, for the home page and the guides' index: one per topic, with its picture.

Written from each guide's front matter (``title``, ``mo_ta``, ``hinh``, ``thu_tu``), so that
a new guide appears on the home page without anyone editing it. The cards are Material's
grid cards: plain Markdown in a ``<div class="grid cards" markdown>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.guides.sections import href

#: Where the guides' pictures are, under docs/: hand-written SVGs, one per topic.
IMAGES = Path("assets") / "images" / "cam-nang"


@dataclass(frozen=True)
class Card:
    path: Path
    title: str
    description: str
    image: Path
    order: int


def guide_card(path: Path, meta: dict, docs: Path) -> Card:
    """The card of the guide at ``path`` (the ``docs/`` folder locates its picture)."""
    return Card(path, str(meta.get("title") or path.stem), str(meta.get("mo_ta") or ""),
                docs / IMAGES / str(meta.get("hinh") or ""), int(meta.get("thu_tu") or 0))


def card_problems(card: Card, where: str) -> list[str]:
    """What a card needs and its guide lacks."""
    problems = [] if card.description else [f"{where}: thiếu “mo_ta” (mô tả ngắn trên thẻ)"]
    if not card.image.is_file() or card.image.suffix != ".svg":
        problems.append(f"{where}: “hinh” phải là tên một tệp .svg trong docs/{IMAGES.as_posix()}")
    return problems


def render_cards(cards: list[Card], page: Path) -> list[str]:
    """The grid of cards as ``page`` links to them; the picture is decorative (alt="")."""
    lines = ['<div class="grid cards" markdown>', ""]
    for card in sorted(cards, key=lambda c: (c.order, c.title)):
        lines += [f'-   ![]({href(card.image, page)}){{ .kb-the__hinh width="56" height="56" }}',
                  "", f"    **[{card.title}]({href(card.path, page)})**", "",
                  f"    {card.description}", ""]
    return [*lines, "</div>"]
