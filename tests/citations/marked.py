"""Inline span marks for citation tests, eyecite style: ``"theo <0>khoản 2 Điều 5</0> …"``."""

from __future__ import annotations

import re

_MARK = re.compile(r"<(\d+)>(.*?)</\1>", re.S)


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text and the (start, end) of each mark, in mark-number order."""
    plain: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[pos : match.start()]
        plain.append(before)
        length += len(before)
        spans[int(match.group(1))] = (length, length + len(match.group(2)))
        plain.append(match.group(2))
        length += len(match.group(2))
        pos = match.end()
    plain.append(marked[pos:])
    return "".join(plain), [spans[i] for i in sorted(spans)]


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    """The inverse of :func:`unmark`, for readable failure messages."""
    out, pos = [], 0
    for i, (start, end) in sorted(enumerate(spans), key=lambda x: x[1]):
        if start < pos:  # overlapping spans cannot be marked inline; list them after
            continue
        out += [text[pos:start], f"<{i}>", text[start:end], f"</{i}>"]
        pos = end
    out.append(text[pos:])
    return "".join(out)
