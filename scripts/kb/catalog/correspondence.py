"""A finding aid: for each article of a replaced law, the article of its successor with
the matching heading ("Các hành vi bị nghiêm cấm về an ninh mạng": Điều 8 of
24/2018/QH14 → Điều 7 of 116/2025/QH15).

It is computed from the headings, not asserted: headings are compared as TF-IDF
vectors of folded words and word pairs, so that words every heading shares
("an ninh mạng", "hệ thống thông tin") count little and distinctive ones ("thẩm
định", "trẻ em") count much. A pair is kept when its cosine is at least
:data:`MIN_SCORE` and beats the runner-up by :data:`MIN_MARGIN`. On the two laws
116/2025/QH15 replaces, the 26 identical headings score 1.0; the best wrong
candidates — Điều 11–14 of 24/2018/QH14 ("Thẩm định/Đánh giá/Kiểm tra/Giám sát an
ninh mạng đối với hệ thống thông tin quan trọng về an ninh quốc gia" against
"Trách nhiệm bảo vệ an ninh mạng đối với hệ thống thông tin quan trọng …") —
score 0.63–0.72 but lead the runner-up by at most 0.05, so the margin rejects
them, while reworded true pairs ("Bảo vệ trẻ em trên không gian mạng" → "Phòng,
chống xâm hại trẻ em trên không gian mạng", 0.60, lead 0.39) pass. Editors
correct what headings cannot show in ``tuong-ung.yml``. It is a finding aid, not
a legal equivalence, and every place that shows it says so.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kb.catalog.entries import Entry
from kb.catalog.paging import href, page_markdown, paged
from kb.vietnamese import fold
from kb.yamlread import safe_load

MIN_SCORE = 0.6
MIN_MARGIN = 0.15
NOTICE = ("Công cụ tra cứu theo tên điều, không phải sự tương đương pháp lý: "
          "hãy đọc nội dung điều luật trước khi áp dụng.")

_ARTICLE = re.compile(r"dieu-(\d+[a-z]?)")


@dataclass(frozen=True)
class Match:
    """One article of the old law and the article of the new law that corresponds to it."""

    old: str
    new: str
    score: float | None  # None when an editor set the pair in the override file


def article_headings(entry: Entry) -> dict[str, str]:
    """Article number → heading words ("8" → "Các hành vi bị nghiêm cấm về an ninh mạng")."""
    headings = {}
    for anchor, text in entry.headings.items():
        if match := _ARTICLE.fullmatch(anchor):
            headings[match[1]] = re.sub(r"^Điều\s+\S+?\.?\s+", "", text).strip()
    return headings


def _features(heading: str) -> list[str]:
    words = re.findall(r"\w+", fold(heading).lower())
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


class _Vectors:
    """TF-IDF over the headings of both laws, L2-normalised."""

    def __init__(self, headings: list[str]) -> None:
        documents = [set(_features(h)) for h in headings]
        self.frequency = Counter(feature for document in documents for feature in document)
        self.count = len(documents)

    def __call__(self, heading: str) -> dict[str, float]:
        counts = Counter(_features(heading))
        vector = {f: n * math.log(1 + self.count / self.frequency.get(f, 1))
                  for f, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {f: v / norm for f, v in vector.items()}


def _cosines(vector: dict[str, float], postings: dict[str, list[tuple[str, float]]],
             numbers: list[str]) -> list[tuple[float, str]]:
    """(cosine, number) of ``vector`` with each of the vectors whose features are indexed in
    ``postings``: only the features both have are multiplied (a library replacing hundreds
    of documents compares each article with the few that share a word)."""
    scores = dict.fromkeys(numbers, 0.0)
    for feature, value in vector.items():
        for number, weight in postings.get(feature, ()):
            scores[number] += value * weight
    return [(score, number) for number, score in scores.items()]


@dataclass(frozen=True)
class Correspondence:
    """A replaced law, its successor, the pairs of their articles and both laws' article
    headings (read once: the finding aid and the old law's page both show them)."""

    old: Entry
    new: Entry
    matches: list[Match]
    old_headings: dict[str, str]
    new_headings: dict[str, str]


def match_articles(old: Entry, new: Entry, overrides: dict[str, str | None]) -> list[Match]:
    """The corresponding articles of ``old`` in ``new``, in the order of ``old``."""
    return match_headings(article_headings(old), article_headings(new), overrides)


def match_headings(old_headings: dict[str, str], new_headings: dict[str, str],
                   overrides: dict[str, str | None]) -> list[Match]:
    """:func:`match_articles` on the article headings of both laws."""
    vectorise = _Vectors([*old_headings.values(), *new_headings.values()])
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for number, heading in new_headings.items():
        for feature, weight in vectorise(heading).items():
            postings[feature].append((number, weight))
    numbers = list(new_headings)
    matches = []
    for number, heading in old_headings.items():
        if number in overrides:
            if overrides[number] is not None:
                matches.append(Match(number, str(overrides[number]), None))
            continue
        vector = vectorise(heading)
        ranked = sorted(_cosines(vector, postings, numbers), reverse=True)
        if not ranked:
            continue
        best, runner_up = ranked[0], ranked[1] if len(ranked) > 1 else (0.0, "")
        if best[0] >= MIN_SCORE and best[0] - runner_up[0] >= MIN_MARGIN:
            matches.append(Match(number, best[1], round(best[0], 2)))
    return matches


def load_overrides(path: Path) -> dict[str, dict[str, str | None]]:
    """Editor pairs by old law number: ``{"24/2018/QH14": {"1": "1", "13": None}}``."""
    if not path.exists():
        return {}
    data = safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(number): {str(k): (None if v is None else str(v)) for k, v in pairs.items()}
            for number, pairs in data.items()}


def _link(page: Path, target: Entry | Path, anchor: str | None = None) -> str:
    return href(page, target.path if isinstance(target, Entry) else target, anchor)


def _pair_table(pair: Correspondence, page: Path) -> list[str]:
    """The table of one replaced law: each article and its successor's, if found."""
    old, new = pair.old, pair.new
    lines = [f"## [{old.title}]({_link(page, old)}) → [{new.title}]({_link(page, new)})", "",
             "| Điều của văn bản cũ | Điều tương ứng của văn bản mới | Xác định bằng |",
             "| --- | --- | --- |"]
    found = {m.old: m for m in pair.matches}
    for number, heading in pair.old_headings.items():
        old_cell = f"[Điều {number}. {heading}]({_link(page, old, f'dieu-{number}')})"
        match = found.get(number)
        if match is None:
            lines.append(f"| {old_cell} | — | không tìm thấy điều có tên tương ứng |")
            continue
        new_cell = (f"[Điều {match.new}. {pair.new_headings.get(match.new, '')}]"
                    f"({_link(page, new, f'dieu-{match.new}')})")
        how = ("biên tập viên" if match.score is None
               else f"tên điều (độ tương đồng {match.score})")
        lines.append(f"| {old_cell} | {new_cell} | {how} |")
    return [*lines, ""]


def aid_index(docs: Path) -> Path:
    """The finding aid's index page in ``docs``; its pages are in the folder of its name."""
    return docs / "tra-cuu" / "dieu-tuong-ung.md"


def aid_page(old: Entry) -> Path:
    """The finding aid's page of the replaced law ``old``."""
    return aid_index(old.path.parent.parent).with_suffix("") / old.path.name


def correspondence_pages(pairs: list[Correspondence], docs: Path) -> dict[Path, str]:
    """"Tra cứu điều tương ứng": at :func:`aid_index`, the replaced laws, most recently
    replaced first, each linked to a page of its own (:func:`aid_page`) with the table of
    its articles — one page per law, however many the library replaces."""
    page = aid_index(docs)
    by_old: dict[str, list[Correspondence]] = defaultdict(list)
    for pair in sorted(pairs, key=lambda p: (p.new.date, p.old.date, p.old.slug), reverse=True):
        by_old[pair.old.slug].append(pair)
    notice = ['!!! warning "Chỉ để tra cứu"', f"    {NOTICE}", ""]
    pages = {aid_page(group[0].old): page_markdown(
        f"Điều tương ứng: {group[0].old.title}",
        [*notice, *(line for pair in group for line in _pair_table(pair, aid_page(pair.old)))])
        for group in by_old.values()}

    def rows(chunk: Sequence[list[Correspondence]], at: Path) -> list[str]:
        lines = ["| Văn bản cũ | Văn bản mới | Điều có điều tương ứng |", "| --- | --- | --- |"]
        for group in chunk:
            old = group[0].old
            own = _link(at, aid_page(old))
            for pair in group:
                lines.append(f"| [{old.title}]({own}) | [{pair.new.title}]({_link(at, pair.new)})"
                             f" | {len(pair.matches)}/{len(pair.old_headings)} điều |")
        return lines

    return pages | paged(page, "Tra cứu điều tương ứng", list(by_old.values()), rows,
                         intro=notice)
