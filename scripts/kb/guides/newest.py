"""The newest documents of the library, for the home page: a short list, not the library.

A citizen landing on the site sees first the guides; the newest laws and plans are a
few lines under them, each with its date and status, and a link to the full list
``kb link`` writes (``tra-cuu/moi-ban-hanh.md``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kb.catalog import Catalog, Graph
from kb.guides.sections import href
from kb.sections import vietnamese_date

#: The full list, written by ``kb link``.
ALL_NEWEST = Path("tra-cuu") / "moi-ban-hanh.md"
_TITLE_LENGTH = 110


def _short(title: str) -> str:
    """A title cut at a word for a phone's screen: plans have titles of sixty words."""
    if len(title) <= _TITLE_LENGTH:
        return title
    return title[:_TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _date(iso: str) -> str:
    """"2025-12-10" → "10/12/2025"; a partial date of a draft ("2021-06", "2023") → its year."""
    return vietnamese_date(iso) if len(iso) == len("2025-12-10") else iso[:4]


def render_newest(catalog: Catalog, count: int, page: Path, docs: Path,
                  today: dt.date) -> list[str]:
    """The ``count`` documents issued last, newest first, as links from ``page``."""
    graph = Graph.build(catalog)
    dated = [entry for entry in catalog.entries.values() if entry.date]
    newest = sorted(dated, key=lambda e: (e.date, e.slug), reverse=True)[:count]
    lines = []
    for entry in newest:
        status = graph.status(entry, today)
        known = f", {status.label.lower()}" if status.since else ""  # not "chưa xác định"
        lines.append(f"- [{_short(entry.title)}]({href(entry.path, page)}) — "
                     f"ban hành {_date(entry.date)}{known}")
    return [*lines, "", f"[Xem tất cả văn bản mới]({href(docs / ALL_NEWEST, page)})"]
