"""The search index of a library being edited, kept in memory from one build to the next.

``kb serve`` rebuilds the index after every save. Built from scratch, even with every
analysis cached, that means adding up half a million postings at a thousand documents
and encoding them all again, a second or more, for a save that changed one document
and the few whose "cited by" lists it changed. :class:`LiveIndex` keeps the previous
build's index and term entries instead: a document whose units are as many as before
is patched in place (:meth:`kb.search.build.Index.replace`), the other documents keep
their unit ids, and only the terms whose postings changed are encoded again. The
files written are byte for byte those of a build from scratch; when the patch cannot
hold (a document added, removed or with other units), it is that build.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from kb.search.analysis import fold_term
from kb.search.build import (
    Index,
    Layout,
    Postings,
    Report,
    TermEntry,
    library_pages,
    term_entries,
    term_entry,
    write_entries,
)
from kb.search.cache import AnalysisCache, Page


class LiveIndex:
    """Builds the index of ``docs`` into ``out`` again and again, from the analyses kept
    under ``cache`` and the previous build, held in memory."""

    def __init__(self, docs: Path, out: Path, cache: Path, layout: Layout | None = None) -> None:
        self.docs, self.out, self.layout = docs, out, layout or Layout()
        self.cache = AnalysisCache(cache)
        self.pages: list[Page] = []
        self.entries: list[Path | None] = []  # where each page's analysis is kept
        self.index = Index()
        self.terms: dict[str, dict[str, Postings]] = {}
        self.term_entries: dict[str, TermEntry] = {}

    def build(self) -> Report:
        """Write the index of the pages as they are now; patch the previous one if it can."""
        pages = library_pages(self.docs)
        try:
            entries = [self.cache.entry(page) for page in pages]
            if not self._patch(pages, entries):
                self.index = Index()
                for analysis in self.cache.analyses(pages, entries):
                    self.index.add(analysis)
                self.terms = self.index.terms()
                self.term_entries = term_entries(self.index, self.terms, self.layout)
        except BaseException:
            self.pages = []  # a page removed while read: the next build starts afresh
            raise
        self.pages, self.entries = pages, entries
        return write_entries(self.index, self.term_entries, self.out, self.layout)

    def _patch(self, pages: list[Page], entries: list[Path | None]) -> bool:
        """Patch the previous index for the pages whose analysis changed, if each kept its
        number of units and the pages are the same files in the same order; whether it
        did (if not, it changed nothing)."""
        if not self.pages or [page.path for page in pages] != [page.path for page in self.pages]:
            return False
        changed = [number for number, (old, new) in enumerate(zip(self.entries, entries,
                                                                  strict=True))
                   if old != new or new is None]
        olds = [AnalysisCache.load(self.entries[number]) if self.entries[number] else None
                for number in changed]
        news = list(self.cache.analyses([pages[number] for number in changed],
                                        [entries[number] for number in changed]))
        if any(old is None or len(old.metas) != len(new.metas)
               for old, new in zip(olds, news, strict=True)):
            return False
        touched: set[str] = set()
        for number, old, new in zip(changed, olds, news, strict=True):
            touched |= self.index.replace(number, old, new)
        by_term: dict[str, list[str]] = defaultdict(list)
        for text in touched:
            by_term[fold_term(text)].append(text)
        for folded, texts in by_term.items():
            variants = self.terms.setdefault(folded, {})
            for text in texts:
                if text in self.index.variants:
                    variants[text] = self.index.variants[text]
                else:
                    variants.pop(text, None)
            if variants:
                self.term_entries[folded] = term_entry(self.index.df[folded], variants,
                                                       self.layout)
            else:
                del self.terms[folded], self.term_entries[folded]
        return True
