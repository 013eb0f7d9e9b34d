"""``kb check``: what a reviewer must look at before a change to the library is merged.

Errors (exit 1) are what makes the library wrong: a link to an article the
cited document does not have, two pages for the same document, a page
without the metadata every page needs. Warnings (exit 0) are what a lawyer
should know but may be right as written: references to documents not in the
library, dates that disagree, references that name several documents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kb.catalog import Catalog
from kb.citations.resolve import Problem
from kb.library import identity
from kb.linking import link_library

REQUIRED = ("title", "loai_van_ban")
RECOMMENDED = ("so_hieu", "ngay_ban_hanh", "co_quan_ban_hanh")

#: Problems that make the library wrong, not merely incomplete.
ERROR_PROBLEMS = {Problem.BROKEN_ANCHOR}


@dataclass
class Report:
    """Findings per page, errors and warnings apart."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"LỖI {e}" for e in self.errors] + [f"CẢNH BÁO {w}" for w in self.warnings]
        lines.append(f"{len(self.errors)} lỗi, {len(self.warnings)} cảnh báo.")
        return "\n".join(lines)


def _metadata(catalog: Catalog, report: Report) -> None:
    seen: dict[tuple, str] = {}
    for slug, entry in catalog.entries.items():
        where = entry.path
        for name in REQUIRED:
            if not entry.meta.get(name):
                report.errors.append(f"{where}: thiếu trường “{name}”")
        for name in RECOMMENDED:
            if not entry.meta.get(name):
                report.warnings.append(f"{where}: chưa có “{name}”")
        key = identity(entry.meta)
        if key is not None and key in seen:
            report.errors.append(f"{where}: trùng văn bản với {seen[key]} "
                                 f"(cùng số hiệu {entry.number}, cơ quan và năm)")
        elif key is not None:
            seen[key] = str(where)
        shared = [e.slug for e in catalog.by_number.get(key[0], [])] if key else []
        if len(shared) > 1 and slug == shared[0]:
            report.warnings.append(f"số hiệu {entry.number} dùng chung cho: {', '.join(shared)}")


def check_library(folder: Path, today: dt.date) -> Report:
    """Check every page of ``folder`` without writing anything."""
    report = Report()
    library = link_library(folder, today, write=False)
    _metadata(library.catalog, report)
    dates: dict[str, set[str]] = defaultdict(set)
    for slug, annotated in sorted(library.pages.items()):
        where = library.catalog.entries[slug].path
        for resolution in annotated.resolutions:
            reference, problem = resolution.reference, resolution.problem
            if reference.number and reference.date:
                dates[reference.number].add(reference.date)
            if problem is None or problem is Problem.NO_CONTEXT:
                continue
            detail = f" ({resolution.detail})" if resolution.detail else ""
            message = f"{where}: “{reference.text}”: {problem.value}{detail}"
            findings = report.errors if problem in ERROR_PROBLEMS else report.warnings
            if message not in findings:
                findings.append(message)
    for number, seen in sorted(dates.items()):
        if len(seen) > 1:
            report.warnings.append(f"số hiệu {number} được trích dẫn với các ngày khác nhau: "
                                   f"{', '.join(sorted(seen))}")
    return report
