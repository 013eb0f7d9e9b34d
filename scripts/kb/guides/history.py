"""The guides cite the law in force: a replaced law appears only as history.

A guide that still says "Điều 8 Luật An ninh mạng số 24/2018/QH14" after that law was
replaced tells a citizen a rule that no longer applies. Every citation the citation
engine would link, and every link an editor wrote by hand, is checked against the status
of its target on the day of the build; a link to a law no longer in force is an error,
naming the page, the line and the link, unless its sentence says it is history:

- "Trước ngày 01/7/2026, …" — a date on or before the day the law ceased to apply;
- "… đã hết hiệu lực …", "… được thay thế …", "… bị thay thế …".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from os.path import normpath
from pathlib import Path

from kb.catalog import Catalog, Entry, Graph
from kb.citations.annotate import unlink
from kb.citations.resolve import Context
from kb.linking import SITE_FOLDER, resolver_for
from kb.sections import vietnamese_date

EXPIRED = "Hết hiệu lực"
_BEFORE = re.compile(r"\btrước ngày (?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})", re.I)
_MARKS = re.compile(r"hết hiệu lực|được thay thế|bị thay thế", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<href>[^)\s]+)[^)\n]*\)")


@dataclass(frozen=True)
class Cited:
    """A link a page has or will have once ``kb link`` ran, and where it stands in the page."""

    start: int
    end: int
    text: str
    target: Entry
    url: str  # "van-ban/24-2018-qh14/#dieu-8"


def marks_history(sentence: str, since: dt.date) -> bool:
    """Whether a sentence presents what it cites as the law before ``since``."""
    if _MARKS.search(sentence):
        return True
    for match in _BEFORE.finditer(sentence):
        try:
            day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
        if day <= since:
            return True
    return False


def _sentence(text: str, cited: Cited) -> str:
    """The sentence of ``text`` the link stands in."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, cited.start)]
    after = _SENTENCE_END.search(text, cited.end)
    return text[before[-1] if before else 0:after.end() if after else len(text)]


def _hand_links(page: Path, body: str, catalog: Catalog) -> list[Cited]:
    """The links an editor wrote in ``body`` to a page of the library."""
    found = []
    for match in _LINK.finditer(body):
        path, _, anchor = match["href"].partition("#")
        target = catalog.by_path.get(Path(normpath(page.parent / path)).resolve()) if path else None
        if target is not None:
            url = f"{SITE_FOLDER}/{target.slug}/" + (f"#{anchor}" if anchor else "")
            found.append(Cited(match.start(), match.end(), match["text"], target, url))
    return found


def _citations(page: Entry, body: str, catalog: Catalog) -> list[Cited]:
    """The citations of ``body`` that ``kb link`` links, paragraph by paragraph as it does."""
    resolve = resolver_for(catalog)
    found = []
    position = 0
    for block in body.split("\n\n"):
        if block and not block.startswith(("#", "<!--")):
            for resolution in resolve(block, Context(page)):
                target, reference = resolution.target, resolution.reference
                if resolution.linked and target is not None and target is not page:
                    found.append(Cited(position + reference.start, position + reference.end,
                                       reference.text, target,
                                       resolution.url(f"{SITE_FOLDER}/") or ""))
        position += len(block) + len("\n\n")
    return found


def expired_citations(page: Entry, front: str, body: str, catalog: Catalog, graph: Graph,
                      today: dt.date, where: str) -> list[str]:
    """The links of a guide (its front matter block and body) to laws no longer in force."""
    body = unlink(body)  # links only change columns: line numbers stay those of the file
    first_line = front.count("\n") + 1
    problems = []
    found = _citations(page, body, catalog) + _hand_links(page.path, body, catalog)
    for cited in sorted(found, key=lambda c: c.start):
        status = graph.status(cited.target, today)
        if status.label != EXPIRED or status.since is None:
            continue
        if marks_history(_sentence(body, cited), dt.date.fromisoformat(status.since)):
            continue
        line = first_line + body.count("\n", 0, cited.start)
        since = vietnamese_date(status.since)
        problems.append(
            f"{where}:{line}: liên kết tới “{cited.text}” ({cited.url}): "
            f"{cited.target.citation()} đã hết hiệu lực từ {since}; hãy dẫn chiếu văn bản đang "
            f"có hiệu lực, hoặc ghi rõ đây là lịch sử (“Trước ngày {since}, …”)")
    return problems
