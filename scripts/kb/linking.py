"""Link the whole library before MkDocs runs: references, status, relations, cited-by.

Two phases, like the tags of Material: every page is annotated first (which
also collects what it cites), then each page gets its generated sections —
the status banner at the top, relations, legal basis and "Văn bản dẫn chiếu
đến văn bản này" at the bottom — and the catalogue is written as
``catalog.json`` for other agencies to reuse. All of it is plain Markdown,
renderable by any MkDocs-compatible generator.

A run works page by page and keeps what it computed for the next one: the catalogue
(:mod:`kb.catalog.store`), each page's annotation (:mod:`kb.citations.memo`, on a
process pool when many pages need it) and the matching of replaced laws' articles, so
that after an editor's change only that page, and the pages whose citations it may
change, are annotated again; the bodies go from the store to the pages one at a time, so
that 10,000 pages are never in memory together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

from kb.catalog import Catalog, Entry, Graph, Status
from kb.catalog.correspondence import (
    Correspondence,
    aid_page,
    article_headings,
    correspondence_pages,
    load_overrides,
    match_headings,
)
from kb.catalog.entries import split_page
from kb.catalog.pages import browsing_pages, write_browsing_pages
from kb.catalog.paging import href, paged
from kb.catalog.store import (
    CatalogStore,
    LazyAnchors,
    read_entry,
    read_pickle,
    save_atomic,
    versioned,
)
from kb.citations import find_references
from kb.citations.annotate import Annotated
from kb.citations.memo import AnnotationStore, Keyed, Remembered
from kb.citations.resolve import resolve_all
from kb.filestate import Stat, settled, stat_of
from kb.importer import write_atomic
from kb.sections import (
    Citation,
    banner,
    basis_lines,
    cited_by_lines,
    cited_by_page,
    cited_by_section,
    citing_groups,
    header_block,
    originals,
    related_lines,
    relation_line,
    shows_all,
    with_correspondences,
    wrap,
)

SITE_FOLDER = "van-ban"
#: Pages for citizens beside the library: annotated like documents (their citations become
#: links and count as "cited by"), but not documents of the catalogue themselves.
GUIDES = "cam-nang"


@dataclass
class LinkedLibrary:
    """The result of a run: every page's resolutions, the graph and the statuses.

    ``pages`` and ``guides`` hold each page's resolutions (``Annotated.body`` is empty:
    the annotated bodies are written to the pages, not kept in memory).
    """

    catalog: Catalog
    graph: Graph
    today: dt.date
    pages: dict[str, Annotated] = field(default_factory=dict)
    cited_by: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    correspondences: list[Correspondence] = field(default_factory=list)
    guides: dict[str, Annotated] = field(default_factory=dict)  # url → annotated guide
    originals: dict[str, Path] = field(default_factory=dict)  # slug → published original
    written: int = 0

    def status(self, entry: Entry) -> Status:
        return self.graph.status(entry, self.today)


@dataclass
class Session:
    """What the runs of :func:`link_library` in one process learnt, for the next one
    (``kb serve`` runs it after every save): the annotation store's, and each page found
    as the run would write it, by the state of its file and a digest of what the page is
    made of. A page whose file and ingredients are both as they were is not read again:
    after an edit, a run reads the pages it changed, not the library. The result is the
    same as without a session."""

    annotations: Remembered = field(default_factory=Remembered)
    pages: dict[Path, tuple[Stat, str]] = field(default_factory=dict)


def _ingredients(kept: Keyed, top: list[str], bottom: list[str]) -> str:
    """A digest of what a page is made of besides its front matter: the annotated body
    (its record's key, the text, and state, the resolutions) and the generated sections."""
    key, record = kept
    parts = [str(key), record.state, *top, "\0", *bottom]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def resolver_for(catalog: Catalog):
    """The find + resolve stages bound to ``catalog``."""
    return lambda text, context: resolve_all(find_references(text), catalog, context)


def generated_sections(library: LinkedLibrary, entry: Entry,
                       replaced: bool = False) -> tuple[list[str], list[str]]:
    """(top, bottom) generated Markdown of a page; ``replaced``: the finding aid pairs its
    articles with its successor's."""
    basis = basis_lines(entry, library.pages[entry.slug])
    status = library.status(entry)
    top = header_block(entry, status, bool(basis), library.originals.get(entry.slug))
    top += banner(entry, status, aid_page(entry) if replaced else None)
    bottom: list[str] = []
    relations = library.graph.links.get(entry.slug, [])
    if relations:
        bottom += ["## Quan hệ văn bản {#quan-he}", "",
                   *[relation_line(entry, link) for link in relations], ""]
    if basis:
        bottom += ["## Căn cứ pháp lý {#can-cu}", "", *basis, ""]
    related = related_lines(entry, library.pages[entry.slug])
    if related:
        bottom += ["## Văn bản liên quan {#lien-quan}", "",
                   "Các văn bản trong thư viện mà văn bản này dẫn chiếu:", "", *related, ""]
    groups = citing_groups(library.cited_by.get(entry.slug, []))
    if groups:
        bottom += ["## Văn bản dẫn chiếu đến văn bản này {#duoc-dan-chieu}", "",
                   *cited_by_section(entry, groups), ""]
    return top, bottom


def _annotate(library: LinkedLibrary, entries: list[Entry], records: list[Keyed],
              documents: bool) -> dict[str, Keyed]:
    """Put the annotations in ``library.pages`` (documents) or ``library.guides``, and
    record what each links to as the target's cited-by (a document citing itself aside).
    Returns each page's record and where it is kept with the annotated body, by URL."""
    for entry, (_, record) in zip(entries, records, strict=True):
        annotated = record.annotated(library.catalog, entry)
        if documents:
            library.pages[entry.slug] = annotated
        else:
            library.guides[entry.url] = annotated
        for resolution in annotated.resolutions:
            target = resolution.target
            if resolution.linked and target is not None and not (
                    documents and target.slug == entry.slug):
                library.cited_by[target.slug].append(Citation(entry, resolution))
    return {entry.url: kept for entry, kept in zip(entries, records, strict=True)}


def _write(entry: Entry, text: str, pieces: list[str], store: AnnotationStore,
           kept: Keyed) -> str | None:
    """Write the page made of the front matter of ``text`` and ``pieces`` unless the file
    already holds it; the page written, if any. The page's record is kept for the text
    written too."""
    page = split_page(text)[0] + "\n" + "\n\n".join(p for p in pieces if p) + "\n"
    if page == text:
        return None
    if isinstance(entry.headings, LazyAnchors):
        entry.headings.rewritten()
    store.alias(kept, split_page(page)[1], entry)
    write_atomic(entry.path, page)
    return page


def _correspond(library: LinkedLibrary, overrides: dict[str, dict[str, str | None]],
                memo: Path) -> None:
    """Pair the articles of each replaced law with its successor's. The pairs are kept in
    ``memo`` by the fingerprints of both laws (which hash their articles' headings, all
    that matching reads) and the editors' overrides: comparing headings is quadratic.
    The headings are read here, before any page is rewritten."""
    known = read_pickle(memo)
    used = {}
    headings: dict[str, dict[str, str]] = {}  # a successor often replaces several texts
    for old, link in library.graph.replaced():
        for entry in (old, link.entry):
            if entry.slug not in headings:
                headings[entry.slug] = article_headings(entry)
        old_headings, new_headings = headings[old.slug], headings[link.entry.slug]
        pairs = overrides.get(old.number or "", {})
        key = (old.fingerprint, link.entry.fingerprint, tuple(sorted(pairs.items())))
        used[key] = (known[key] if key in known
                     else match_headings(old_headings, new_headings, pairs))
        library.correspondences.append(
            Correspondence(old, link.entry, used[key], old_headings, new_headings))
    if used != known:
        save_atomic(memo, pickle.dumps(used, protocol=5))


def link_library(folder: Path, today: dt.date, write: bool = True,
                 correspondence_file: Path | None = None, cache: Path | None = None,
                 workers: int = os.cpu_count() or 1,
                 session: Session | None = None) -> LinkedLibrary:
    """Annotate every page of ``folder``, add generated sections, write what changed.

    ``correspondence_file`` holds the editors' corrections to the finding aid
    (default: ``tuong-ung.yml`` beside ``docs/``). ``cache`` (``.cache/kb/link``) keeps
    the catalogue and each page's annotation between runs (:mod:`kb.catalog.store`,
    :mod:`kb.citations.memo`): only the pages whose text or cited documents changed are
    annotated again, on ``workers`` processes, and the result is the same as without it.
    The annotated bodies go through the store to the pages, one page at a time: the
    returned :attr:`LinkedLibrary.pages` hold the resolutions only. ``session``: what
    the previous runs of this process learnt (:class:`Session`), which this one updates.
    """
    session = session or Session()
    with ExitStack() as stack:
        root = (versioned(cache) if cache is not None
                else Path(stack.enter_context(TemporaryDirectory())))
        catalog_store = CatalogStore(root)
        catalog = catalog_store.load(folder)
        store = AnnotationStore(root / "pages", session.annotations)
        overrides = load_overrides(correspondence_file or folder.parent.parent / "tuong-ung.yml")
        library = LinkedLibrary(catalog, Graph.build(catalog), today,
                                originals=originals(folder))
        documents = list(catalog.entries.values())
        guides = [read_entry(path) for path in sorted((folder.parent / GUIDES).glob("*.md"))
                  if path.name != "index.md"]
        resolver = resolver_for(catalog)
        keys = _annotate(library, documents,
                         store.records(documents, catalog, resolver, workers), True)
        keys |= _annotate(library, guides, store.records(guides, catalog, resolver, workers),
                          False)
        _correspond(library, overrides, root / "matches.pickle")
        if write:
            _write_pages(library, folder.parent, guides, (catalog_store, store), keys,
                         session)
            _write_catalog_json(library, folder.parent, root / "opendata.pickle")
            catalog_store.save()
    return library


def _write_pages(library: LinkedLibrary, docs: Path, guides: list[Entry],
                 stores: tuple[CatalogStore, AnnotationStore], keys: dict[str, Keyed],
                 session: Session) -> None:
    """Write every page with its annotated body (kept at ``keys[url][0]``) and generated
    sections, the catalogue as open data and the browsing pages; count what changed. The
    catalogue's store learns the pages rewritten, which the next run need not read; the
    session, the pages found as they would be written (a replaced law's, which shows its
    successor's articles, is always made again)."""
    catalog_store, store = stores
    replacing: dict[str, list[Correspondence]] = defaultdict(list)
    for pair in library.correspondences:
        replacing[pair.old.slug].append(pair)
    documents = list(library.catalog.entries.values())
    for entry in documents:
        kept = keys[entry.url]
        top, bottom = generated_sections(library, entry, entry.slug in replacing)
        digest = None if entry.slug in replacing else _ingredients(kept, top, bottom)
        status = stat_of(entry.path)
        if digest is not None and session.pages.get(entry.path) == (status, digest):
            continue  # the file holds, untouched since, the page checked with this digest
        text, body = entry.path.read_text(encoding="utf-8"), store.body(kept[0])
        for pair in replacing.get(entry.slug, []):
            body = with_correspondences(body, pair)
        page = _write(entry, text, [wrap(top), body, wrap(bottom)], store, kept)
        if page is not None:
            library.written += 1
            catalog_store.rewritten(entry, page)
        elif digest is not None and settled(status):  # checked: the next run need not
            session.pages[entry.path] = (status, digest)  # read it
    for guide in guides:
        text, kept = guide.path.read_text(encoding="utf-8"), keys[guide.url]
        related = related_lines(guide, library.guides[guide.url])
        bottom = ["## Văn bản liên quan {#lien-quan}", "", *related, ""] if related else []
        written = _write(guide, text, [store.body(kept[0]), wrap(bottom)], store, kept)
        library.written += written is not None
    statuses = {slug: library.status(e) for slug, e in library.catalog.entries.items()}
    pages = browsing_pages(documents, statuses, docs)
    pages |= correspondence_pages(library.correspondences, docs)
    pages |= _cited_by_pages(library)
    library.written += write_browsing_pages(pages, docs, write_atomic)


def _cited_by_pages(library: LinkedLibrary) -> dict[Path, str]:
    """The full lists of citing documents of the pages that show only the newest."""
    pages: dict[Path, str] = {}
    for slug, citations in library.cited_by.items():
        groups = citing_groups(citations)
        if not shows_all(groups):
            entry = library.catalog.entries[slug]
            page = cited_by_page(entry)
            pages |= paged(page, f"Văn bản dẫn chiếu đến {entry.title}", groups, cited_by_lines,
                           intro=[f"Các văn bản trong thư viện dẫn chiếu đến [{entry.title}]"
                                  f"({href(page, entry.path)}), mới ban hành trước.", ""])
    return pages


def catalog_json(library: LinkedLibrary) -> str:
    """The open data: every document's metadata, URL, status, outgoing and incoming links."""
    return _encode(library, {})[0]


def _encode(library: LinkedLibrary, known: dict[str, str]) -> tuple[str, dict[str, str]]:
    """``catalog.json`` and the JSON of each of its records by a hash of the record.

    Encoding 10,000 records with indentation is pure Python and the slowest step of a
    run where little changed, so the records ``known`` from the previous run are not
    encoded again. A record is encoded alone, its lines then indented as the encoder
    indents them inside the whole (JSON strings hold no line break)."""
    used: dict[str, str] = {}
    fragments = []
    for slug, entry in sorted(library.catalog.entries.items()):
        document = _open_record(library, slug, entry)
        key = hashlib.blake2b(pickle.dumps(document, protocol=5), digest_size=16).hexdigest()
        used[key] = known.get(key) or json.dumps(document, ensure_ascii=False, indent=1,
                                                 default=str).replace("\n", "\n  ")
        fragments.append(used[key])
    records = "[\n  " + ",\n  ".join(fragments) + "\n ]" if fragments else "[]"
    text = (f'{{\n "ngay_tao": {json.dumps(library.today.isoformat())},\n "van_ban": {records}'
            "\n}\n")
    return text, used


def _open_record(library: LinkedLibrary, slug: str, entry: Entry) -> dict:
    """One document of ``catalog.json``."""
    status = library.status(entry)
    outgoing = [
        {"text": r.reference.text, "target": r.url(f"{SITE_FOLDER}/"),
         "number": r.reference.number, "problem": r.problem.name if r.problem else None}
        for r in library.pages[slug].resolutions
    ]
    incoming = [{"source": c.source.url,
                 "text": c.resolution.reference.text, "anchor": c.resolution.anchor}
                for c in library.cited_by.get(slug, [])]
    meta = {k: v for k, v in entry.meta.items() if k not in ("dau_van_ban", "ghi_chu_nguon")}
    return {"url": f"{SITE_FOLDER}/{slug}/", **meta,
            "tinh_trang_hieu_luc": status.label, "hieu_luc_tu_ngay": status.since,
            "dan_chieu": outgoing, "duoc_dan_chieu": incoming}


def _write_catalog_json(library: LinkedLibrary, docs: Path, memo: Path) -> None:
    """Write ``catalog.json``, the JSON of its records kept in ``memo`` for the next run."""
    known = read_pickle(memo)
    text, used = _encode(library, known)
    write_atomic(docs / "catalog.json", text)
    if used.keys() != known.keys():
        save_atomic(memo, pickle.dumps(used, protocol=5))
