"""Long generated lists split into pages of :data:`PAGE_ROWS` rows, with a pager.

A browsing list grows with the library: at 10,000 documents one topic lists thousands of
texts, megabytes of HTML no phone should load and one page MkDocs renders as long as
hundreds of laws. The first page keeps the list's address (what the navigation and other
pages link to); the next ones live in a folder named after it: ``linh-vuc/an-ninh-mang.md``
then ``linh-vuc/an-ninh-mang/trang-2.md`` (``…/an-ninh-mang/trang-2/`` on the site).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

#: Rows per page: a table a phone scrolls through, 50–65 KB of HTML (under 10 KB gzipped).
PAGE_ROWS = 100
#: Pages linked on each side of the current one; the first and last are always linked.
AROUND = 2

Item = TypeVar("Item")


def count(number: int) -> str:
    """"2.345": Vietnamese groups thousands with a dot."""
    return f"{number:,}".replace(",", ".")


def href(page: Path, target: Path, anchor: str | None = None) -> str:
    """The relative link from the Markdown file ``page`` to the file ``target``, which
    MkDocs turns into the URL. A list links hundreds of documents of one folder from one
    page: the way between the two folders is worked out once (``relpath`` is slow)."""
    way = _between(page.parent, target.parent)
    link = f"{way}/{target.name}" if way else target.name
    return f"{link}#{anchor}" if anchor else link


@functools.lru_cache(maxsize=1024)
def _between(start: Path, folder: Path) -> str:
    """``folder`` relative to ``start``, "" for the same folder."""
    return "" if start == folder else os.path.relpath(folder, start).replace(os.sep, "/")


def pager(paths: Sequence[Path], current: int) -> str:
    """The links between the pages of a list, for page ``current`` (from 0): "Trang 5/9:
    [‹ Trang trước](…) · [1](…) · … · [3](…) · [4](…) · **5** · [6](…) · [7](…) · … ·
    [9](…) · [Trang sau ›](…)"."""
    page = paths[current]
    shown = sorted({0, len(paths) - 1, *range(max(0, current - AROUND),
                                             min(len(paths), current + AROUND + 1))})
    parts = []
    if current > 0:
        parts.append(f"[‹ Trang trước]({href(page, paths[current - 1])})")
    previous = -1
    for index in shown:
        if index > previous + 1:
            parts.append("…")
        parts.append(f"**{index + 1}**" if index == current
                     else f"[{index + 1}]({href(page, paths[index])})")
        previous = index
    if current < len(paths) - 1:
        parts.append(f"[Trang sau ›]({href(page, paths[current + 1])})")
    return f"Trang {current + 1}/{len(paths)}: " + " · ".join(parts)


def page_markdown(title: str, lines: list[str]) -> str:
    """A generated page: its title, a note that it is generated, its lines."""
    note = ("<!-- Trang do `kb link` tạo từ danh mục văn bản: đừng sửa tay, "
            "mọi thay đổi sẽ bị ghi đè. -->")
    quoted = title.replace('"', '\\"')
    return "\n".join(["---", f'title: "{quoted}"', "---", "", note, "", f"# {title}", "",
                      *lines]).rstrip("\n") + "\n"


def paged(first: Path, title: str, items: Sequence[Item],
          lines: Callable[[Sequence[Item], Path], list[str]], intro: Sequence[str] = (),
          more: Path | None = None) -> dict[Path, str]:
    """Each page of ``items``, by path: ``first`` holds ``intro`` and the first
    :data:`PAGE_ROWS` items, ``more/trang-N.md`` the N-th page (``more`` defaults to
    ``first`` without its suffix). ``lines(chunk, page)`` renders a chunk with links
    relative to ``page``. A list that fits one page has no pager."""
    rows = PAGE_ROWS
    chunks = [items[start:start + rows] for start in range(0, len(items), rows)] or [items]
    if len(chunks) == 1:
        return {first: page_markdown(title, [*intro, *lines(chunks[0], first)])}
    folder = more if more is not None else first.with_suffix("")
    paths = [first, *(folder / f"trang-{number}.md" for number in range(2, len(chunks) + 1))]
    pages = {}
    for index, (path, chunk) in enumerate(zip(paths, chunks, strict=True)):
        navigation = pager(paths, index)
        start = index * rows + 1
        pages[path] = page_markdown(
            title if index == 0 else f"{title} (trang {index + 1})",
            [*(intro if index == 0 else ()),
             f"Văn bản {start}–{start + len(chunk) - 1} trong số {count(len(items))}. "
             f"{navigation}", "",
             *lines(chunk, path), "", navigation])
    return pages
