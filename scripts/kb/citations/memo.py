"""Annotated pages kept between runs: a page is found, resolved and linked again only when
its text, or a document its citations name, changed.

Finding the citations of a page is the expensive part of ``kb link`` (dozens of regular
expressions over every paragraph), and an editor's change touches one page. A record is
keyed by a hash of the page's text (as read, links included) and its URL, in the folder of
this version of the package's code, and holds the annotation with what it depended on: the
catalogue keys its references were looked up by (:func:`~kb.citations.resolve.lookup_key`,
the only way resolving reads the catalogue) and the fingerprints of the documents each key
named then, and of the citing page itself. It is used only while all of these are
unchanged — so a new document whose number a page cites, a renamed law, a removed anchor,
all make the page be annotated again, and the result always equals a cold run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from kb.catalog.entries import Catalog, Entry, split_page
from kb.catalog.store import save_atomic
from kb.citations.annotate import Annotated, Resolver, annotate_body, unlink
from kb.citations.patterns import compile_forms
from kb.citations.resolve import Resolution, lookup_key
from kb.filestate import ByFileState

#: Below this many pages to annotate, a process pool costs more than it saves.
POOL_THRESHOLD = 64
#: How a resolution's target is stored: None, the citing page itself, or a catalogue slug.
_SOURCE = ""
_Stored = tuple  # (reference, target, anchor, problem, detail)


def dependencies(annotated: Annotated) -> list[tuple[str, str]]:
    """The catalogue keys the references of a page were looked up by."""
    return sorted({lookup_key(r.reference) for r in annotated.resolutions
                   if r.reference.number or r.reference.title})


def state(keys: Iterable[tuple[str, str]], catalog: Catalog, source: Entry) -> str:
    """A hash of what the annotation of ``source`` read: itself and the documents of ``keys``."""
    digest = hashlib.blake2b(source.fingerprint.encode(), digest_size=16)
    for key in keys:
        digest.update("\0".join([*key, *(e.fingerprint for e in catalog.candidates(key))])
                      .encode() + b"\1")
    return digest.hexdigest()


@dataclass
class Record:
    """One page's resolutions, their targets by slug, and the state they were computed in.

    On disk it is followed by the annotated body (UTF-8), which a run reads only when it
    writes the page: a library's bodies are not kept in memory (1 GB at 10,000 pages).
    """

    keys: list[tuple[str, str]]
    state: str
    resolutions: list[_Stored]
    basis: list[int]  # indexes in ``resolutions`` of the "Căn cứ" references
    plain: str  # hash of the text annotated: the page's body without links

    @classmethod
    def of(cls, annotated: Annotated, catalog: Catalog, source: Entry, plain: str) -> Record:
        keys = dependencies(annotated)
        position = {id(r): i for i, r in enumerate(annotated.resolutions)}
        stored = [(r.reference, _slug(r.target, source), r.anchor, r.problem, r.detail)
                  for r in annotated.resolutions]
        return cls(keys, state(keys, catalog, source), stored,
                   [position[id(r)] for r in annotated.basis], _hash(plain))

    def annotated(self, catalog: Catalog, source: Entry) -> Annotated:
        """The resolutions with their targets taken from ``catalog`` (the same objects), and
        an empty body."""
        resolutions = [
            Resolution(reference, source if target == _SOURCE else
                       None if target is None else catalog.entries[target], anchor, problem,
                       detail)
            for reference, target, anchor, problem, detail in self.resolutions
        ]
        return Annotated("", resolutions, [resolutions[i] for i in self.basis])


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _slug(target: Entry | None, source: Entry) -> str | None:
    if target is None:
        return None
    return _SOURCE if target is source else target.slug


Keyed = tuple[Path, Record]  # a record and where the store keeps it


@dataclass
class Remembered:
    """What the store learnt in a run, for the next run in the same process (``kb serve``
    runs ``kb link`` after every save): each page's key by the state of its file, and the
    records by key, so that the pages that did not change are neither read nor hashed nor
    unpickled again. A record remembered is still checked against the catalogue."""

    keys: ByFileState[Path] = field(default_factory=ByFileState)
    records: dict[Path, Record] = field(default_factory=dict)


class AnnotationStore:
    """Records under ``root`` (``pages`` of a :func:`~kb.catalog.store.versioned` folder),
    one file per page text; ``remembered``: what an earlier run in this process learnt."""

    def __init__(self, root: Path, remembered: Remembered | None = None) -> None:
        self.root = root
        self.remembered = remembered or Remembered()

    def key(self, text: str, source: Entry) -> Path:
        """Where the record of the page body ``text`` of ``source`` is kept."""
        key = _hash(f"{source.url}\0{text}")
        return self.root / key[:2] / f"{key}.pickle"

    def page_key(self, entry: Entry) -> Path:
        """:meth:`key` of the page of ``entry`` as it is now, read only if it changed since
        a run of this process read it."""
        return self.remembered.keys.get(entry.path,
                                        lambda path: self.key(_body(path), entry))

    def cached(self, key: Path, source: Entry, catalog: Catalog) -> Record | None:
        """The record at ``key``, if there is one and it is still valid."""
        record = self.remembered.records.get(key)
        if record is None:
            try:
                with key.open("rb") as stream:
                    record = pickle.load(stream)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                return None
        if not isinstance(record, Record) or record.state != state(record.keys, catalog, source):
            return None
        return record

    def annotate(self, key: Path, text: str, source: Entry, catalog: Catalog,
                 resolver: Resolver) -> Record:
        """Annotate the page body ``text`` of ``source`` and keep the result (body included)."""
        plain = unlink(text).strip("\n")
        annotated = annotate_body(plain, source, resolver)
        record = Record.of(annotated, catalog, source, plain)
        save_atomic(key, pickle.dumps(record, protocol=5) + annotated.body.encode())
        return record

    @staticmethod
    def body(key: Path) -> str:
        """The annotated body kept at ``key`` (by :meth:`annotate`, earlier in the run)."""
        with key.open("rb") as stream:
            pickle.load(stream)
            return stream.read().decode()

    def alias(self, kept: Keyed, written: str, source: Entry) -> None:
        """Keep the record ``kept`` for ``written`` too — the body the run wrote in place
        of the one annotated, links and generated sections added — when both are the same
        text without them (what annotation reads), so that the next run finds it.

        A hard link, not a copy, where the file system has them: a run writing a whole
        library would otherwise write every record twice. Records are never changed in
        place (a new one replaces the file), so the two names cannot disagree."""
        key, record = kept
        if record.plain != _hash(unlink(written).strip("\n")):
            return
        target = self.key(written, source)
        staging = target.with_name(f".{target.name}.{os.getpid()}")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(key, staging)
        except OSError:  # no hard links here
            save_atomic(target, key.read_bytes())
        else:
            os.replace(staging, target)

    def records(self, entries: list[Entry], catalog: Catalog, resolver: Resolver,
                workers: int) -> list[Keyed]:
        """Every page's record: from the store when valid, else annotated now — on
        ``workers`` processes when there are many (a cold run of a whole library)."""
        keys = [self.page_key(entry) for entry in entries]
        found = [self.cached(key, entry, catalog) for key, entry in zip(keys, entries, strict=True)]
        missing = [i for i, record in enumerate(found) if record is None]
        if workers > 1 and len(missing) >= POOL_THRESHOLD:
            global _shared
            _shared = (self, entries, catalog, resolver)
            compile_forms()  # once, inherited by the workers, rather than once in each
            try:
                with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
                    done = list(pool.map(_annotate_shared, missing, chunksize=8))
            finally:
                _shared = None
        else:
            done = [self._annotate_page(entries[i], catalog, resolver) for i in missing]
        annotated = dict(zip(missing, done, strict=True))
        kept = [annotated[i] if record is None else (key, record)
                for i, (key, record) in enumerate(zip(keys, found, strict=True))]
        self.remembered.records.update(kept)
        return kept

    def _annotate_page(self, entry: Entry, catalog: Catalog, resolver: Resolver) -> Keyed:
        """Annotate a page as it is now (read again, so that the key is that of the text)."""
        text = _body(entry.path)
        key = self.key(text, entry)
        return key, self.annotate(key, text, entry, catalog, resolver)


def _body(path: Path) -> str:
    return split_page(path.read_text(encoding="utf-8"))[1]


#: What the workers of the pool use: inherited when they fork, not sent with each page.
_shared: tuple[AnnotationStore, list[Entry], Catalog, Resolver] | None = None


def _annotate_shared(index: int) -> Keyed:
    """In a worker: annotate the page ``index`` of the shared list."""
    assert _shared is not None
    store, entries, catalog, resolver = _shared
    return store._annotate_page(entries[index], catalog, resolver)
