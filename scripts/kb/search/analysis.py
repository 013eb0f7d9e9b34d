"""What the index needs of one document, computed once per version of its text.

Tokenising and weighing the units is nearly all the work of an index build, and it
depends on nothing but the document itself: its Markdown, its URL and its status.
So it is done here, document by document, into an :class:`Analysis` that
:mod:`kb.search.cache` keeps on disk, and :mod:`kb.search.build` only adds the
analyses up. Unit numbers in an analysis are local (0 is the document's own
unit); the index shifts them by the units of the documents before.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate

from kb.search.normalize import article_token, fold, tokens
from kb.search.units import Document, Unit, excerpt


@dataclass(frozen=True)
class Field:
    """How much a match in a field counts, and the length a match is normalised against.

    ``length`` is a typical length in tokens, fixed rather than the library's average
    so that a document's weights do not change when other documents are added (which
    is also what lets an analysis be reused as it is).
    """

    weight: float
    length: float
    b: float  # 0: length does not matter (a number); 1: fully normalised by length


#: Title and number ≫ heading ≫ body. "article" holds the "§8" token of Điều 8.
FIELDS = {
    "title": Field(6.0, 12, 0.5),
    "number": Field(6.0, 4, 0.0),
    "article": Field(6.0, 1, 0.0),
    "heading": Field(3.0, 10, 0.5),
    "meta": Field(1.5, 12, 0.0),
    "body": Field(1.0, 150, 0.75),
}
K1 = 1.2
#: Impacts are stored as one of 64 levels, logarithmically between these bounds.
IMPACT_MIN, IMPACT_MAX, IMPACT_LEVELS = 0.05, 64.0, 64
_LOG_RANGE = math.log(IMPACT_MAX / IMPACT_MIN)
#: Characters of a section's heading shown in the results (an article written as a
#: paragraph has its whole first paragraph as heading).
HEADING_LENGTH = 120


def quantize(impact: float) -> int:
    """The level (0–63) of an impact on the logarithmic scale."""
    ratio = math.log(max(impact, IMPACT_MIN) / IMPACT_MIN) / _LOG_RANGE
    return min(IMPACT_LEVELS - 1, round(ratio * (IMPACT_LEVELS - 1)))


def _saturated(name: str, tf: int, length: int) -> float:
    """BM25's saturated term frequency in one field of ``length`` tokens, weighted."""
    spec = FIELDS[name]
    norm = 1 - spec.b + spec.b * length / spec.length
    return spec.weight * tf * (K1 + 1) / (tf + K1 * norm)


def unit_levels(unit: Unit) -> dict[str, int]:
    """Normalised term → impact level, for one unit.

    A term's impact is the sum over fields of its saturated frequency there (BM25
    without idf). A field's share depends only on the term's frequency in it, so it is
    computed once per distinct frequency rather than once per term.
    """
    counted = {name: Counter(tokens(text)) for name, text in unit.fields.items()}
    if unit.article:
        counted["article"] = Counter({article_token(unit.article): 1})
    totals: dict[str, float] = {}
    for name, counts in counted.items():
        length = sum(counts.values())
        weights: dict[int, float] = {}
        for token, tf in counts.items():
            weight = weights.get(tf)
            if weight is None:
                weight = weights[tf] = _saturated(name, tf, length)
            totals[token] = totals.get(token, 0.0) + weight
    levels = {total: quantize(total) for total in set(totals.values())}
    return {token: levels[total] for token, total in totals.items()}


#: :func:`normalize.fold` of a token, remembered: a library has a few thousand distinct
#: tokens, each folded millions of times.
fold_term = lru_cache(maxsize=1 << 17)(fold)


@dataclass
class Analysis:
    """One document as the index adds it: metadata, and postings with local unit numbers.

    Kept flat, a few strings and arrays rather than a dict of small arrays, because
    loading thousands of them from the cache is what a rebuild after an edit waits for.
    The n-th of ``variants`` (normalised forms, one a line) has ``counts[n]`` postings:
    the next ones of ``units`` (increasing) with their impact levels in ``levels``. The
    n-th of ``folded`` is contained in ``folded_counts[n]`` units.
    """

    document: Document  # without its units' text
    metas: list[dict]
    variants: str
    counts: array
    units: array
    levels: bytes
    folded: str
    folded_counts: array

    def spans(self) -> Iterator[tuple[str, int, int]]:
        """Each variant with where its postings start and end in ``units`` and ``levels``."""
        ends = list(accumulate(self.counts))
        return zip(self.variants.split("\n"), [0, *ends[:-1]], ends, strict=False)

    def folded_units(self) -> dict[str, int]:
        """Folded term → number of the document's units that contain it."""
        return dict(zip(self.folded.split("\n"), self.folded_counts, strict=False))


def _meta(document: Document, unit: Unit) -> dict:
    """What a result shows for ``unit``; a section's document is found through docs.json."""
    if unit.anchor is None:
        meta = document.meta
        values = {"u": document.url, "t": meta.get("title"), "n": meta.get("so_hieu"),
                  "l": meta.get("loai_van_ban"), "c": meta.get("co_quan_ban_hanh"),
                  "d": str(meta.get("ngay_ban_hanh") or ""), "s": document.status,
                  "x": unit.excerpt}
    else:
        values = {"a": unit.anchor, "h": excerpt(unit.heading, HEADING_LENGTH), "x": unit.excerpt}
    return {key: value for key, value in values.items() if value}


def analyse(document: Document) -> Analysis:
    """The postings and metadata of ``document``'s units, numbered from 0."""
    units: dict[str, list[int]] = {}
    levels: dict[str, list[int]] = {}
    folded_units: Counter = Counter()
    for number, unit in enumerate(document.units):
        found = unit_levels(unit)
        for text, level in found.items():
            if text not in units:
                units[text], levels[text] = [], []
            units[text].append(number)
            levels[text].append(level)
        folded_units.update({fold_term(text) for text in found})
    return Analysis(
        replace(document, units=[]), [_meta(document, unit) for unit in document.units],
        "\n".join(units), array("I", map(len, units.values())),
        array("I", [unit for numbers in units.values() for unit in numbers]),
        bytes([level for values in levels.values() for level in values]),
        "\n".join(folded_units), array("I", folded_units.values()))
