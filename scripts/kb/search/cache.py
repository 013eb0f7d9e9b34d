"""Analyses of documents kept on disk, so that a rebuild re-reads only what changed.

An editor running ``make serve`` changes one document at a time; its analysis is
the only one to redo. An analysis is a pure function of the document's bytes, its
URL, its status and the ``kb`` code, so those make its key, as for the importer's
conversions (:func:`kb.importer.code_version`): a new tokeniser or weighting
invalidates every entry. Entries are never updated in place, only added; a stale
one is merely unused (``.cache`` can be deleted at any time).

The analyses that are not in the cache are computed on every core: a cold build
of the whole library is nearly all analysis.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kb.importer import code_version
from kb.search.analysis import Analysis, analyse
from kb.search.units import read_document

#: Below this many documents to analyse, starting worker processes costs more than it saves.
PARALLEL_FROM = 64


@dataclass(frozen=True)
class Page:
    """A document to analyse: its Markdown file, its URL and its status."""

    path: Path
    url: str
    status: str


def _analyse(job: tuple[Page, Path | None]) -> bytes:
    """The analysis of a page, pickled (the form both the cache and a worker process pass it
    on in), and kept at the cache entry given with the page, if any."""
    page, entry = job
    markdown = page.path.read_text(encoding="utf-8")
    data = pickle.dumps(analyse(read_document(markdown, page.url, page.status)),
                        pickle.HIGHEST_PROTOCOL)
    if entry is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = entry.with_suffix(f".{os.getpid()}.tmp")
        staging.write_bytes(data)
        staging.replace(entry)
    return data


class AnalysisCache:
    """Analyses by key under ``root``, or none at all when ``root`` is None; those missing
    are computed by ``workers`` processes (default: one per core)."""

    def __init__(self, root: Path | None, workers: int | None = None) -> None:
        self.root = root
        self.workers = workers or os.cpu_count() or 1

    def entry(self, page: Page) -> Path | None:
        """Where the analysis of ``page`` as it is now is kept (None: nowhere)."""
        if self.root is None:
            return None
        key = hashlib.sha256(b"\0".join([code_version().encode(), page.url.encode(),
                                          page.status.encode(), page.path.read_bytes()]))
        digest = key.hexdigest()
        return self.root / digest[:2] / f"{digest}.pickle"

    @staticmethod
    def load(entry: Path) -> Analysis | None:
        """The analysis kept at ``entry``; None if it is not there (or unreadable)."""
        try:
            return pickle.loads(entry.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            return None

    def analyses(self, pages: Sequence[Page],
                 entries: Sequence[Path | None] | None = None) -> Iterator[Analysis]:
        """The analysis of each of ``pages``, in order: kept ones loaded, the others computed
        (in parallel when there are many) and kept. One at a time: at ten thousand
        documents they would not all fit in memory beside the index. ``entries``: where
        each is kept (:meth:`entry`), when the caller has them already."""
        if entries is None:
            entries = [self.entry(page) for page in pages]
        jobs = list(zip(pages, entries, strict=True))
        kept = [entry is not None and entry.is_file() for _, entry in jobs]
        computed = self._compute([job for job, hit in zip(jobs, kept, strict=True) if not hit])
        for job, hit in zip(jobs, kept, strict=True):
            if hit:
                yield self.load(job[1]) or pickle.loads(_analyse(job))
            else:
                yield pickle.loads(next(computed))

    def _compute(self, jobs: list[tuple[Page, Path | None]]) -> Iterator[bytes]:
        if len(jobs) < PARALLEL_FROM or self.workers == 1:
            yield from map(_analyse, jobs)
            return
        with ProcessPoolExecutor(self.workers) as pool:
            yield from pool.map(_analyse, jobs, chunksize=16)
