"""The catalogue kept between runs, so that a build reads again only the pages that changed.

Reading the catalogue means parsing the YAML front matter and finding the anchors of
every page of ``docs/van-ban``: seconds at 10,000 documents, for a library of which an
editor changed one page. The store keeps each page's front matter, its citable anchors
(:func:`~kb.catalog.entries.citable_anchors`) and a fingerprint of what citations may
depend on, keyed by the file's identity on disk (size, modification time in nanoseconds,
inode: every write of ``kb import`` and ``kb link`` replaces the file, so a changed page
has a new identity).
The other anchors and the clauses' text — about as large as the texts themselves — are
read from the page when someone asks (:class:`LazyAnchors`); resolving citations never
does. A page's anchors are those of the catalogue's moment: who rewrites a page first
loads the anchors that will be read after, and a later read fails instead of reading the
new text.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from kb.catalog.entries import (
    CITABLE,
    Catalog,
    Entry,
    anchors,
    citable_anchors,
    split_front_matter,
    split_page,
)
from kb.importer import code_version

#: A page's identity on disk: size, modification time (ns), inode.
Stamp = tuple[int, int, int]
#: Citable anchor → the article's heading (what a link's hover title shows), or None for
#: a clause or point (see :func:`~kb.catalog.entries.citable_anchors`).
Citable = dict[str, str | None]

def stamp(path: Path) -> Stamp:
    """What changes whenever the file is written again."""
    status = path.stat()
    return status.st_size, status.st_mtime_ns, status.st_ino


def fingerprint(entry_url: str, meta: dict, anchors: Citable) -> str:
    """A hash of everything of an entry that resolving or linking a citation to it reads:
    its URL, front matter, citable anchors and the headings of its articles."""
    data = pickle.dumps((entry_url, meta, sorted(anchors.items())), protocol=5)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_entry(path: Path) -> Entry:
    """A page's entry with all its anchors and its fingerprint."""
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    entry = Entry(path.stem, path, meta, anchors(body))
    entry.fingerprint = fingerprint(entry.url, meta, citable_anchors(body))
    return entry


def versioned(cache: Path) -> Path:
    """The folder of ``cache`` for this version of the package's code (what it keeps was
    computed by the code), the folders of other versions removed: one version is kept."""
    current = cache / code_version()
    if cache.is_dir():
        for other in cache.iterdir():
            if other.is_dir() and other != current:
                shutil.rmtree(other, ignore_errors=True)
    return current


def read_pickle(path: Path) -> dict:
    """A mapping a previous run kept at ``path``; empty when there is none (or it is torn)."""
    try:
        data = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return {}
    return data if isinstance(data, dict) else {}


def save_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step, so that an interrupted run leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


class LazyAnchors(Mapping[str, str]):
    """A page's anchors (``Entry.headings``): the citable ones known from the store, all of
    them found in the page's text on the first question the citable ones cannot answer."""

    def __init__(self, path: Path, known: Citable) -> None:
        self._path, self._citable = path, known
        self._anchors: dict[str, str] | None = None
        self._rewritten = False

    def load(self) -> dict[str, str]:
        """All the anchors, read now if they were not yet."""
        if self._anchors is None:
            if self._rewritten:
                raise RuntimeError(f"{self._path}: anchors read after the page was rewritten; "
                                   "load them before")
            self._anchors = anchors(split_page(self._path.read_text(encoding="utf-8"))[1])
        return self._anchors

    def rewritten(self) -> None:
        """The page now holds another text: what was not read is no longer readable."""
        self._rewritten = True

    def __contains__(self, anchor: object) -> bool:
        if self._anchors is None and isinstance(anchor, str) and anchor.startswith(CITABLE):
            return anchor in self._citable
        return anchor in self.load()

    def __getitem__(self, anchor: str) -> str:
        if self._anchors is None and anchor.startswith(CITABLE):
            heading = self._citable[anchor]  # KeyError: no such anchor
            if heading is not None:
                return heading
        return self.load()[anchor]

    def __iter__(self) -> Iterator[str]:
        return iter(self.load())

    def __len__(self) -> int:
        return len(self.load())


Record = tuple[Stamp, dict, Citable, str]  # stamp, front matter, citable anchors, fingerprint


class CatalogStore:
    """``catalog.pickle`` under ``root`` (a :func:`versioned` folder): per page, its stamp,
    front matter, citable anchors and fingerprint."""

    def __init__(self, root: Path) -> None:
        self.path = root / "catalog.pickle"
        self._records: dict[str, Record] = {}
        self._saved: dict[str, Record] = {}

    def load(self, folder: Path) -> Catalog:
        """The catalogue of ``folder``, equal to :meth:`Catalog.load`, with every entry's
        fingerprint; pages whose stamp changed are read again and the store updated."""
        self._saved = read_pickle(self.path)
        self._records = {}
        entries: dict[str, Entry] = {}
        for path in sorted(p for p in folder.glob("*.md") if p.name != "index.md"):
            key, current = path.name, stamp(path)
            record = self._saved.get(key)
            if record is None or record[0] != current:
                meta, body = split_front_matter(path.read_text(encoding="utf-8"))
                known = citable_anchors(body)
                record = (current, meta, known, fingerprint(f"{folder.name}/{path.stem}/", meta,
                                                            known))
            self._records[key] = record
            _, meta, known, digest = record
            entries[path.stem] = Entry(path.stem, path, meta, LazyAnchors(path, known), digest)
        self.save()
        return Catalog(entries)

    def rewritten(self, entry: Entry, text: str) -> None:
        """Note that the page of ``entry`` now holds ``text`` with the same front matter
        (``kb link`` rewrites bodies only), so that the next run need not read it again."""
        known = citable_anchors(split_page(text)[1])
        self._records[entry.path.name] = (stamp(entry.path), entry.meta, known,
                                          fingerprint(entry.url, entry.meta, known))

    def save(self) -> None:
        """Write the records when they changed since they were read."""
        if self._records != self._saved:
            save_atomic(self.path, pickle.dumps(self._records, protocol=5))
            self._saved = dict(self._records)
