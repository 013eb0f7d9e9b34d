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
    ``{"p": id, "c": number of units, "r": bytes of the second tier}``, its postings in:
``postings/<id>-0.json``, ``postings/<id>-1.json``
    The postings of the ``Layout.top_units`` units where it weighs most, then of the
    others. A query needs only the first tier: a common word ("an", "của") costs a few
    kilobytes however many units contain it. A filtered query also fetches second
    tiers, up to ``Layout.rest_budget`` bytes.
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
import math
import shutil
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kb.search.normalize import (
    ARTICLE_PREFIX,
    article_token,
    find_shard,
    fold,
    normalize,
    rules,
    shard_key,
    tokens,
)
from kb.search.units import Document, Unit, excerpt, read_document

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
INDEX_VERSION = 1


@dataclass(frozen=True)
class Field:
    """How much a match in a field counts, and the length a match is normalised against.

    ``length`` is a typical length in tokens, fixed rather than the library's average
    so that a document's weights do not change when other documents are added.
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

    #: A variant's postings above this size (bytes) move out of the shard into tier files.
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


#: Characters of a section's heading shown in the results (an article written as a
#: paragraph has its whole first paragraph as heading).
HEADING_LENGTH = 120
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


def quantize(impact: float) -> int:
    """The level (0–63) of an impact on the logarithmic scale."""
    ratio = math.log(max(impact, IMPACT_MIN) / IMPACT_MIN) / math.log(IMPACT_MAX / IMPACT_MIN)
    return min(IMPACT_LEVELS - 1, round(ratio * (IMPACT_LEVELS - 1)))


def impact(frequencies: dict[str, int], lengths: dict[str, int]) -> float:
    """BM25's saturated term frequency, per field, weighted and summed (without idf)."""
    total = 0.0
    for name, tf in frequencies.items():
        spec = FIELDS[name]
        norm = 1 - spec.b + spec.b * lengths[name] / spec.length
        total += spec.weight * tf * (K1 + 1) / (tf + K1 * norm)
    return total


def unit_terms(unit: Unit) -> dict[str, dict[str, int]]:
    """Normalised term → field → frequency, for one unit."""
    found: dict[str, dict[str, int]] = defaultdict(Counter)
    for name, text in unit.fields.items():
        for token in tokens(text):
            found[token][name] += 1
    if unit.article:
        found[article_token(unit.article)]["article"] = 1
    return found


@dataclass
class Postings:
    """The units of one normalised variant of a term, in increasing order, with impacts."""

    units: array = field(default_factory=lambda: array("I"))
    levels: bytearray = field(default_factory=bytearray)

    def add(self, unit: int, level: int) -> None:
        self.units.append(unit)
        self.levels.append(level)

    def encode(self, keep: set[int] | None = None) -> str:
        """The postings string, of the units in ``keep`` only if given."""
        previous, out = 0, []
        for unit, level in zip(self.units, self.levels, strict=True):
            if keep is None or unit in keep:
                out.append(vlq(unit - previous) + ALPHABET[level])
                previous = unit
        return "".join(out)


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


@dataclass
class Index:
    """Everything the files are written from, filled document by document.

    Documents are kept without their units' text, which is indexed as it is added:
    at ten thousand documents the text would not fit in memory beside the postings.
    """

    documents: list[Document] = field(default_factory=list)
    unit_counts: list[int] = field(default_factory=list)
    metas: list[dict] = field(default_factory=list)  # by unit id
    terms: dict[str, dict[str, Postings]] = field(default_factory=dict)  # folded → variant
    df: Counter = field(default_factory=Counter)

    def add(self, document: Document) -> None:
        """Index ``document``'s units; their ids follow the previous document's."""
        for unit in document.units:
            unit_id = len(self.metas)
            found = unit_terms(unit)
            lengths: Counter = Counter()
            for frequencies in found.values():
                lengths.update(frequencies)
            for text, frequencies in found.items():
                variants = self.terms.setdefault(fold(text), {})
                variants.setdefault(text, Postings()).add(
                    unit_id, quantize(impact(frequencies, lengths)))
            self.df.update({fold(text) for text in found})
            self.metas.append(_meta(document, unit))
        self.unit_counts.append(len(document.units))
        self.documents.append(replace(document, units=[]))


@dataclass
class Report:
    """What ``kb search-index`` prints: counts and the sizes that matter for a query."""

    documents: int
    units: int
    terms: int
    files: int
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


def _top_units(postings: Postings, count: int) -> set[int]:
    """The ``count`` units where a variant weighs most (ties: the first units)."""
    ranked = sorted(range(len(postings.units)), key=lambda i: (-postings.levels[i], i))
    return {postings.units[i] for i in ranked[:count]}


def _variant(text: str, postings: Postings, layout: Layout,
             spilled: list[tuple[str, str]]) -> str | dict:
    """A variant's entry: its postings, or, when too large for a shard, where its two tiers
    are (appended to ``spilled``), with its number of units and the second tier's size.

    An article's token is never split: every document's Điều 8 weighs the same until the
    rest of the query picks the document.
    """
    encoded = postings.encode()
    if len(encoded) <= layout.spill_bytes or text.startswith(ARTICLE_PREFIX):
        return encoded
    top = _top_units(postings, layout.top_units)
    rest = postings.encode(set(postings.units) - top)
    spilled.append((postings.encode(top), rest))
    return {"p": len(spilled) - 1, "c": len(postings.units), "r": len(rest)}


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


def _files(index: Index, layout: Layout) -> Iterator[tuple[str, object]]:
    """(path under the output folder, JSON value) of every file of the index."""
    documents = index.documents
    spilled: list[tuple[str, str]] = []
    entries = {}
    for folded in sorted(index.terms):
        variants = index.terms[folded]
        entries[folded] = {"n": index.df[folded], "v": {
            text: _variant(text, postings, layout, spilled)
            for text, postings in sorted(variants.items())}}
    for number, tiers in enumerate(spilled):
        for tier, postings in enumerate(tiers):
            yield f"postings/{number}-{tier}.json", postings
    shards = _shards(entries, layout.shard_bytes)
    for key, terms in shards.items():
        yield f"terms/{key}.json", terms

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


def read_library(docs: Path) -> Index:
    """The index of the documents of ``docs/catalog.json`` (the legal documents, with the
    status ``kb link`` computed) and of the guides; other pages are navigation."""
    catalog_path = docs / "catalog.json"
    catalog = {record["url"]: record
               for record in json.loads(catalog_path.read_text(encoding="utf-8"))["van_ban"]}
    index = Index()
    for page in sorted(docs.rglob("*.md")):
        url = page_url(docs, page)
        record = catalog.get(url)
        if record is not None:
            status = record.get("tinh_trang_hieu_luc") or UNKNOWN_STATUS
            index.add(read_document(page, record["url"], status))
        elif url.startswith(f"{GUIDES}/") and url != f"{GUIDES}/":
            index.add(read_document(page, url, GUIDE_STATUS))
    return index


def _is_index(folder: Path) -> bool:
    return (folder / "manifest.json").is_file() or not any(folder.iterdir())


def write_index(index: Index, out: Path, layout: Layout = Layout()) -> Report:
    """Write the index files into ``out``, replacing a previous index there as a whole.

    The files are written beside ``out`` first, so a reader of ``out`` (``mkdocs serve``)
    never sees half an index, and stale shards of a previous build do not survive.
    """
    if out.exists() and not _is_index(out):
        raise FileExistsError(f"{out} có tệp không phải chỉ mục tìm kiếm: không ghi đè")
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    largest: dict[str, tuple[str, int]] = {}
    files = total = 0
    for name, value in _files(index, layout):
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.write_bytes(data)
        files, total = files + 1, total + len(data)
        kind = name.split("/")[0] if "/" in name else name
        if len(data) > largest.get(kind, ("", -1))[1]:
            largest[kind] = (name, len(data))
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return Report(len(index.documents), len(index.metas), len(index.terms), files, total,
                  largest)


def build_index(docs: Path, out: Path) -> Report:
    """Read the library in ``docs`` and write its search index into ``out``."""
    return write_index(read_library(docs), out)
