"""Split a matched chain of unit words ("các điểm a, b và c khoản 1 Điều 5") into units.

The regex :data:`~kb.citations.patterns.CHAIN` says where a chain is; this
module reads its tokens left to right: the lowest unit named first may be a
list or a range, the higher units after it are single ("khoản 1", "Điều 5")
or "này" (the current one). Each cited unit gets the span of its own words,
so the annotate stage can link every number.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import cast

from kb.citations.models import Level
from kb.citations.patterns import CHAIN_TOKEN

LEVELS: tuple[Level, ...] = ("point", "clause", "article")
# Letters of points in order (Vietnamese has no f, j, w, z; "đ" follows "d").
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass(frozen=True)
class Unit:
    """One cited unit of a chain and its span.

    ``numbers`` holds the levels the words name, from ``level`` up: a number, or
    None for "này" (the current one). Levels not named are absent.
    """

    level: Level
    numbers: dict[Level, str | None]
    start: int
    end: int

    @property
    def this(self) -> bool:
        """Some level is "này": the unit lies in the current document."""
        return any(v is None for v in self.numbers.values())

    @property
    def top(self) -> Level:
        """The highest level named."""
        return max(self.numbers, key=LEVELS.index)

    def number(self, level: Level) -> str | None:
        """The number at ``level``; None when "này" or not named."""
        return self.numbers.get(level)


@dataclass
class _Item:
    value: str | None
    start: int
    end: int
    range_from: _Item | None = None  # set on the end of a range "… đến …"


@dataclass
class _Reading:
    """What the tokens have said so far."""

    level: Level | None = None
    items: list[_Item] = field(default_factory=list)
    higher: dict[Level, str | None] = field(default_factory=dict)
    pending_level: Level | None = None
    unit_start: int | None = None  # a repeated unit word before the next number
    in_range: bool = False


def _expand(first: str, last: str, level: Level) -> list[str]:
    """The values strictly between two ends of a range, or [] when not countable."""
    if level == "point":
        if first in POINT_LETTERS and last in POINT_LETTERS:
            return list(POINT_LETTERS[POINT_LETTERS.index(first) + 1 : POINT_LETTERS.index(last)])
        return []
    if first.isdigit() and last.isdigit():
        return [str(n) for n in range(int(first) + 1, int(last))]
    return []


def _read(chain: str, offset: int) -> _Reading:
    reading = _Reading()
    for token in CHAIN_TOKEN.finditer(chain):
        kind = token.lastgroup
        start, end = token.start() + offset, token.end() + offset
        if kind in LEVELS:
            unit = cast(Level, kind)
            if reading.level is None or (unit == reading.level and not reading.higher):
                reading.level = unit  # the first unit word, or it repeated: "khoản 1 và khoản 2"
                reading.unit_start = start
            else:
                reading.pending_level = unit
        elif kind == "to":
            reading.in_range = True
        elif reading.pending_level is not None:
            reading.higher[reading.pending_level] = None if kind == "this" else token.group()
        else:
            value = None if kind == "this" else token.group()
            item_start = start if reading.unit_start is None else reading.unit_start
            item = _Item(value, item_start, end)
            if reading.in_range and reading.items:
                item.range_from = reading.items[-1]
            reading.items.append(item)
            reading.unit_start, reading.in_range = None, False
    return reading


def split_chain(chain: str, offset: int) -> list[Unit]:
    """The units a chain cites, in reading order; ``offset`` is where ``chain`` starts."""
    reading = _read(chain, offset)
    if reading.level is None or not reading.items:
        return []
    level = reading.level
    chain_end = offset + len(chain)
    units: list[Unit] = []

    def add(value: str | None, start: int, end: int) -> None:
        units.append(Unit(level, {level: value, **reading.higher}, start, end))

    last = len(reading.items) - 1
    for i, item in enumerate(reading.items):
        end = chain_end if i == last else item.end
        if item.range_from is not None and item.value and item.range_from.value:
            for value in _expand(item.range_from.value, item.value, level):
                add(value, item.range_from.start, item.end)
        add(item.value, item.start, end)
    return units


def share_levels(earlier: list[Unit], later: list[Unit]) -> list[Unit]:
    """Units of ``earlier`` completed with the higher levels ``later`` names.

    In "các điểm a, b khoản 1 và điểm a khoản 2 Điều 41" the article belongs to
    both chains; in "điểm k khoản 1 và điểm đ khoản 2 Điều này" so does "Điều
    này". A later chain that starts above the earlier one's top ("khoản 2 và
    Điều 5") shares nothing.
    """
    if not earlier or not later:
        return earlier
    top, lowest = earlier[0].top, later[0].level
    if LEVELS.index(lowest) > LEVELS.index(top):
        return earlier
    above = {lv: v for lv, v in later[0].numbers.items() if LEVELS.index(lv) > LEVELS.index(top)}
    return [replace(u, numbers={**u.numbers, **above}) for u in earlier] if above else earlier
