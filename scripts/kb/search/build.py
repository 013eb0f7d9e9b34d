"""Write the search index that ``search.js`` reads: many small files, fetched as needed.

Material's lunr index is one JSON file with every page's text: 15 MB at a
thousand documents, downloaded before the first result. This index is split so
that a query downloads only what it needs, whatever the size of the library:

``manifest.json``
    Counts, the list of term shards, the ranking constants and the normalisation
    rules (:func:`kb.search.normalize.rules`). A few kilobytes.
``docs.json``
    Per document, in id order: its status (one character, an index into the
    manifest's ``status`` list) and its number of units (``units``, VLQ). Units are
    numbered document by document, the document's own unit first, so this is
    all the browser needs to map a unit to its document.
``facets.json``
    For each filter (``loai_van_ban``, ``co_quan_ban_hanh``, ``nam``), its values with
    their number of documents; ``facets/<filter>-<i>.json`` holds the ids of the
    documents of the i-th value (delta-encoded VLQ), fetched when it is chosen.
``terms/<key>.json``
    The terms whose folded form starts with ``key``: two characters, or more where a
    group of terms would make too large a file (the manifest lists the keys;
    :func:`normalize.find_shard` picks the longest that fits a term). A term is
    ``{"n": df, "v": {"lừa": postings, "lúa": postings}}``: its number of units, and
    for each way it is written the string of (unit id delta as VLQ, impact as one
    digit) pairs. Idf is per variant, so that a rare "hối" outweighs a common "hội"
    in "ngoai hoi". A variant whose postings exceed ``Layout.spill_bytes`` is instead
    ``{"t": first tier, "p": id, "c": number of units, "r": bytes of the second tier}``:
    the first tier holds the postings of the ``Layout.top_units`` units where it weighs
    most, and is all a query needs: a common word ("an", "của") costs a few kilobytes
    however many units contain it, in the shard itself (no second round trip).
``postings/<id>.json``
    The second tier of spilled variant ``id``: the postings of its other units. A
    filtered query fetches second tiers, up to ``Layout.rest_budget`` bytes.
``meta/<k>.json``
    What a result shows (document: URL, title, number, type, issuer, date, status;
    section: anchor, heading; both: an excerpt) for units ``k * meta_size`` to
    ``(k + 1) * meta_size - 1``: loaded for the results on screen only.

VLQ: base-64 digits (``ALPHABET``), five bits each, least significant first, the
sixth bit set on every digit but the last. An impact is the unit's BM25-like
weight for the term (field weights, saturation, length normalisation), stored on
a logarithmic scale in one digit. The browser adds idf, diacritic
exactness, document status and the coordination of the query's terms.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import sub
from pathlib import Path

from kb.search.analysis import IMPACT_LEVELS, IMPACT_MAX, IMPACT_MIN, Analysis, fold_term
from kb.search.cache import AnalysisCache, Page
from kb.search.normalize import ARTICLE_PREFIX, find_shard, fold, normalize, rules, shard_key
from kb.search.output import write_files
from kb.search.units import Document

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
INDEX_VERSION = 2


#: Ranking constants the browser applies (see ``rank`` in search.js).
RANKING = {
    "folded": 0.35,  # a query typed with diacritics: weight of a match with other diacritics
    "part": 0.3,  # a part of a number typed whole ("qh14" of "24/2018/QH14")
    "prefix": 0.6,  # a completion of the last word while typing in the header
    "coord": 2,  # score × (matched terms / query terms) ** coord
    "context": 0.2,  # a section also gets this share of its document's score…
    "article": 1.0,  # …and the whole of it when it is the article the query names
}
#: Documents in force first: an expired law still comes before a document that matches
#: the query a third less well ("luật an ninh mạng": the 2018 law before a provincial
#: decision citing it). Unknown labels weigh as "Chưa xác định".
STATUS_BOOST = {"Còn hiệu lực": 1.0, "Cẩm nang": 1.0, "Chưa xác định": 0.9,
                "Chưa có hiệu lực": 0.85, "Hết hiệu lực": 0.75}
UNKNOWN_STATUS = "Chưa xác định"


@dataclass(frozen=True)
class Layout:
    """How the index is cut into files; tests use small values to see every kind of file."""

    #: A variant's postings above this size (bytes) are cut in two tiers: the first stays
    #: in the shard, the second goes to a file of its own.
    spill_bytes: int = 3000
    #: Units in the first tier of a spilled variant: ~3 KB, the cost of a common word.
    top_units: int = 1000
    #: A shard file above this size (bytes) is split by one more character of the terms.
    shard_bytes: int = 16_000
    #: Second tiers a filtered query may fetch, in bytes, smallest first: beyond, the
    #: commonest words count by their first tier only.
    rest_budget: int = 200_000
    #: Units per metadata file: ~2 KB; ten results need at most twenty of them.
    meta_size: int = 8


#: The filters of the results page: front matter field (or "nam", the year) → facet.
FACETS = ("loai_van_ban", "co_quan_ban_hanh", "nam")


def vlq(number: int) -> str:
    """``number`` (≥ 0) as base-64 digits of five bits, the sixth marking "more follows"."""
    digits = []
    while True:
        low, number = number & 31, number >> 5
        digits.append(ALPHABET[low | (32 if number else 0)])
        if not number:
            return "".join(digits)


def deltas(numbers: Iterable[int]) -> str:
    """Increasing ``numbers`` as the VLQ of their differences (the first from 0)."""
    previous, out = 0, []
    for number in numbers:
        out.append(vlq(number - previous))
        previous = number
    return "".join(out)


@cache
def _pairs() -> list[str]:
    """The postings code of (delta, level) at ``delta << 6 | level``, for deltas below 1024
    (two digits at most): nearly every posting, without a call to :func:`vlq`."""
    return [vlq(delta) + level for delta in range(1024) for level in ALPHABET]


def encode(units: Sequence[int], levels: Sequence[int]) -> str:
    """The postings string of increasing ``units`` and their impact ``levels``."""
    pairs = _pairs()
    steps = map(sub, units, [0, *units[:-1]])
    return "".join([pairs[delta << 6 | level] if delta < 1024 else vlq(delta) + ALPHABET[level]
                    for delta, level in zip(steps, levels, strict=True)])


@dataclass
class Postings:
    """The units of one normalised variant of a term, in increasing order, with impacts."""

    units: array = field(default_factory=lambda: array("I"))
    levels: bytearray = field(default_factory=bytearray)

    def tiers(self, count: int) -> tuple[str, str]:
        """The postings strings of the ``count`` units where the variant weighs most (ties:
        the first units), and of the others.

        The level that the first tier reaches down to is found from the number of units at
        each level, so that the postings are gone through once, not sorted.
        """
        above, threshold, room = 0, -1, 0
        for level, units in sorted(Counter(self.levels).items(), reverse=True):
            if above + units >= count:
                threshold, room = level, count - above
                break
            above += units
        top: tuple[list[int], list[int]] = ([], [])
        rest: tuple[list[int], list[int]] = ([], [])
        for unit, level in zip(self.units, self.levels, strict=True):
            if level > threshold or (level == threshold and room > 0):
                room -= level == threshold
                tier = top
            else:
                tier = rest
            tier[0].append(unit)
            tier[1].append(level)
        return encode(*top), encode(*rest)


@dataclass
class Index:
    """Everything the files are written from: the analyses of the documents, added up.

    Unit ids follow the order the documents are added in, each document's own unit first.
    """

    documents: list[Document] = field(default_factory=list)
    unit_counts: list[int] = field(default_factory=list)
    metas: list[dict] = field(default_factory=list)  # by unit id
    variants: dict[str, Postings] = field(default_factory=dict)
    df: Counter = field(default_factory=Counter)

    def add(self, analysis: Analysis) -> None:
        """Add a document's postings, its units numbered after the previous document's.

        Half a million postings at 1,000 documents, so the loop does the least per posting:
        units shifted for the whole document at once, variants grouped by their folded
        form only once, in :meth:`terms`."""
        base = len(self.metas)
        units = array("I", [base + unit for unit in analysis.units]) if base else analysis.units
        levels, variants = analysis.levels, self.variants
        for text, start, end in analysis.spans():
            postings = variants.get(text)
            if postings is None:
                postings = variants[text] = Postings()
            postings.units.extend(units[start:end])
            postings.levels.extend(levels[start:end])
        self.df.update(analysis.folded_units())
        self.metas.extend(analysis.metas)
        self.unit_counts.append(len(analysis.metas))
        self.documents.append(analysis.document)

    def replace(self, number: int, old: Analysis, new: Analysis) -> set[str]:
        """Put ``new`` in place of the analysis ``old`` of the ``number``-th document, with
        as many units: the other documents' unit ids stay as they are, and the postings
        are patched where the document's units are. Returns the variants whose postings
        changed; the result is the index built from the new analyses."""
        if not len(old.metas) == len(new.metas) == self.unit_counts[number]:
            raise ValueError("a document replaced in place keeps its number of units")
        base = sum(self.unit_counts[:number])
        end = base + len(new.metas)
        before = {text: (old.units[start:stop], old.levels[start:stop])
                  for text, start, stop in old.spans()}
        after = {text: (new.units[start:stop], new.levels[start:stop])
                 for text, start, stop in new.spans()}
        changed = {text for text in before.keys() | after.keys()
                   if before.get(text) != after.get(text)}
        for text in changed:
            units, levels = after.get(text, (array("I"), b""))
            postings = self.variants.setdefault(text, Postings())
            low = bisect_left(postings.units, base)
            high = bisect_left(postings.units, end, low)
            postings.units[low:high] = array("I", [base + unit for unit in units])
            postings.levels[low:high] = levels
            if not postings.units:
                del self.variants[text]
        gone, came = old.folded_units(), new.folded_units()
        self.df.subtract(gone)
        self.df.update(came)
        for folded in gone.keys() - came.keys():
            if self.df[folded] <= 0:
                del self.df[folded]
        self.metas[base:end] = new.metas
        self.documents[number] = new.document
        return changed

    def terms(self) -> dict[str, dict[str, Postings]]:
        """The variants by folded form ("luật", "luat" under "luat")."""
        terms: dict[str, dict[str, Postings]] = defaultdict(dict)
        for text, postings in self.variants.items():
            terms[fold_term(text)][text] = postings
        return terms


@dataclass
class Report:
    """What ``kb search-index`` prints: counts and the sizes that matter for a query."""

    documents: int
    units: int
    terms: int
    files: int
    changed: int  # files written (new or different); the others were left untouched
    total_bytes: int
    largest: dict[str, tuple[str, int]]  # kind of file → (name, bytes) of the largest


def _facet_value(document: Document, name: str) -> str:
    return document.year if name == "nam" else str(document.meta.get(name) or "")


def _facets(documents: list[Document]) -> Iterator[tuple[str, object]]:
    """facets.json (each filter's values with their number of documents), then the ids of
    each value's documents, fetched only when that filter is chosen."""
    facets = {}
    for name in FACETS:
        ids: dict[str, list[int]] = defaultdict(list)
        for number, document in enumerate(documents):
            if value := _facet_value(document, name):
                ids[value].append(number)
        if name == "nam":
            order = sorted(ids, reverse=True)
        else:
            order = sorted(ids, key=lambda value: (fold(normalize(value)), value))
        facets[name] = [[value, len(ids[value])] for value in order]
        for number, value in enumerate(order):
            yield f"facets/{name}-{number}.json", deltas(ids[value])
    yield "facets.json", facets


def _statuses(documents: list[Document]) -> list[str]:
    labels = list(STATUS_BOOST)
    labels += sorted({d.status for d in documents} - set(labels))
    return labels


@dataclass(frozen=True)
class Spilled:
    """A variant too large for a shard: the postings of its first tier, its number of
    units and its second tier, which goes to a file of its own (numbered when written)."""

    top: str
    count: int
    rest: str


def _variant(text: str, postings: Postings, layout: Layout) -> str | Spilled:
    """A variant's postings, cut in two tiers when too large for a shard.

    An article's token is never split: every document's Điều 8 weighs the same until the
    rest of the query picks the document.
    """
    encoded = encode(postings.units, postings.levels)
    if len(encoded) <= layout.spill_bytes or text.startswith(ARTICLE_PREFIX):
        return encoded
    top, rest = postings.tiers(layout.top_units)
    return Spilled(top, len(postings.units), rest)


#: A term's entry before its spilled variants are numbered: df and variants.
TermEntry = tuple[int, dict[str, "str | Spilled"]]


def term_entry(df: int, variants: dict[str, Postings], layout: Layout) -> TermEntry:
    """The entry of a term whose variants are ``variants``, found in ``df`` units."""
    return df, {text: _variant(text, postings, layout)
                for text, postings in sorted(variants.items())}


def term_entries(index: Index, terms: dict[str, dict[str, Postings]],
                 layout: Layout) -> dict[str, TermEntry]:
    """The entry of every term, by folded form, from :meth:`Index.terms`."""
    return {folded: term_entry(index.df[folded], variants, layout)
            for folded, variants in terms.items()}


def _shards(entries: dict[str, dict], limit: int) -> dict[str, dict[str, dict]]:
    """Terms grouped into shard files by the prefix of their folded form.

    Two characters first; a group over ``limit`` bytes is split by the next character
    (its terms no longer than the prefix stay), until it fits or cannot be split. Each
    term then goes where :func:`normalize.find_shard` will look for it.
    """
    sizes = {term: len(json.dumps({term: entry}, ensure_ascii=False))
             for term, entry in entries.items()}
    groups: dict[str, list[str]] = defaultdict(list)
    for term in entries:
        groups[shard_key(term)].append(term)
    pending = list(groups)
    while pending:
        key = pending.pop()
        members = groups[key]
        if sum(sizes[term] for term in members) <= limit:
            continue
        length = len(key) + 1
        groups[key] = [term for term in members if len(term) < length]
        for term in members:
            if len(term) >= length:
                child = shard_key(term, length)
                if child not in groups:
                    pending.append(child)
                groups[child].append(term)
    keys = {key for key, members in groups.items() if members}
    shards: dict[str, dict[str, dict]] = defaultdict(dict)
    for term in sorted(entries):
        shards[find_shard(term, keys)][term] = entries[term]
    return shards


def _numbered(value: str | Spilled, spilled: list[str]) -> str | dict:
    """A variant as a shard holds it: a spilled one names its second tier's file, the
    next of ``spilled``."""
    if isinstance(value, str):
        return value
    spilled.append(value.rest)
    return {"t": value.top, "p": len(spilled) - 1, "c": value.count, "r": len(value.rest)}


def _files(index: Index, terms: dict[str, TermEntry],
           layout: Layout) -> Iterator[tuple[str, object]]:
    """(path under the output folder, JSON value) of every file of the index, whose
    terms' entries are ``terms`` (:func:`term_entries`)."""
    documents = index.documents
    spilled: list[str] = []
    entries = {}
    for folded in sorted(terms):
        df, variants = terms[folded]
        entries[folded] = {"n": df, "v": {text: _numbered(value, spilled)
                                          for text, value in variants.items()}}
    for number, rest in enumerate(spilled):
        yield f"postings/{number}.json", rest
    shards = _shards(entries, layout.shard_bytes)
    for key, shard in shards.items():
        yield f"terms/{key}.json", shard

    size = layout.meta_size
    for start in range(0, len(index.metas), size):
        yield f"meta/{start // size}.json", index.metas[start:start + size]

    labels = _statuses(documents)
    yield "docs.json", {
        "status": "".join(ALPHABET[labels.index(d.status)] for d in documents),
        "units": "".join(vlq(count) for count in index.unit_counts),
    }
    yield from _facets(documents)
    yield "manifest.json", {
        "version": INDEX_VERSION,
        "documents": len(documents),
        "units": len(index.metas),
        "shards": sorted(shards),
        "meta_size": layout.meta_size,
        "rest_budget": layout.rest_budget,
        "alphabet": ALPHABET,
        "impact": {"min": IMPACT_MIN, "max": IMPACT_MAX, "levels": IMPACT_LEVELS},
        "status": [[label, STATUS_BOOST.get(label, STATUS_BOOST[UNKNOWN_STATUS])]
                   for label in labels],
        "rank": RANKING,
        "normalize": rules(),
    }


def page_url(docs: Path, page: Path) -> str:
    """The URL of a Markdown page relative to the site root, as MkDocs makes it with
    ``use_directory_urls``: "van-ban/24-2018-qh14.md" → "van-ban/24-2018-qh14/"."""
    parts = page.relative_to(docs).with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return "".join(f"{part}/" for part in parts)


#: The citizens' guides are searched too ("lua dao" must find the guide on scams); they
#: have no legal status, and rank like documents in force.
GUIDES = "cam-nang"
GUIDE_STATUS = "Cẩm nang"


def library_pages(docs: Path) -> list[Page]:
    """The pages the index holds, in the order of their unit ids: the documents of
    ``docs/catalog.json`` (the legal documents, with the status ``kb link`` computed) and
    the guides; other pages are navigation."""
    catalog_path = docs / "catalog.json"
    catalog = {record["url"]: record
               for record in json.loads(catalog_path.read_text(encoding="utf-8"))["van_ban"]}
    pages = []
    for page in sorted(docs.rglob("*.md")):
        url = page_url(docs, page)
        record = catalog.get(url)
        if record is not None:
            pages.append(Page(page, record["url"],
                              record.get("tinh_trang_hieu_luc") or UNKNOWN_STATUS))
        elif url.startswith(f"{GUIDES}/") and url != f"{GUIDES}/":
            pages.append(Page(page, url, GUIDE_STATUS))
    return pages


def read_library(docs: Path, cache: AnalysisCache | None = None) -> Index:
    """The index of the pages of :func:`library_pages`."""
    index = Index()
    for analysis in (cache or AnalysisCache(None)).analyses(library_pages(docs)):
        index.add(analysis)
    return index


def write_index(index: Index, out: Path, layout: Layout = Layout()) -> Report:
    """Write the index files into ``out`` (see :func:`kb.search.output.write_files`)."""
    return write_entries(index, term_entries(index, index.terms(), layout), out, layout)


def write_entries(index: Index, terms: dict[str, TermEntry], out: Path,
                  layout: Layout) -> Report:
    """Write the index files of ``index``, whose terms' entries are ``terms``."""
    written = write_files(_files(index, terms, layout), out)
    return Report(len(index.documents), len(index.metas), len(terms), written.files,
                  written.changed, written.total_bytes, written.largest)


def build_index(docs: Path, out: Path, cache: Path | None = None,
                workers: int | None = None) -> Report:
    """Read the library in ``docs`` and write its search index into ``out``; with ``cache``,
    reuse the analyses of the documents that have not changed since they were kept there.
    ``workers``: processes analysing the others (default: one per core)."""
    return write_index(read_library(docs, AnalysisCache(cache, workers)), out)
