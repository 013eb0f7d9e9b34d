"""Import source files into the library: convert, prove nothing was lost, then write.

Conversion of one file is a pure function of its bytes, the metadata the
editor supplies and this package's code, so its result is cached under
those three hashes: re-importing an unchanged file does no work. Files are
converted in parallel; nothing is written unless every file converted and
passed the text check, and each file is replaced atomically, so a bad input
never leaves ``docs/`` half-updated.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from types import ModuleType

from kb.errors import SourceError, TextLossError
from kb.model import Document, Metadata
from kb.render import render
from kb.structure import parse_document
from kb.verify import first_difference, markdown_words, words

#: Reader module per file suffix, imported on first use (pandoc's wrapper is slow to load).
READERS: dict[str, str] = {
    ".txt": "kb.sources.plaintext",
    ".md": "kb.sources.plaintext",
    ".html": "kb.sources.html",
    ".htm": "kb.sources.html",
    ".docx": "kb.sources.office",
    ".odt": "kb.sources.office",
}

META_FIELDS = {f.name for f in fields(Metadata)}


@dataclass(frozen=True)
class Job:
    """One file to import and the metadata its text does not state."""

    source: Path
    meta: dict = field(default_factory=dict)

    def key(self, sha256: str) -> str:
        overrides = json.dumps(self.meta, sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(f"{sha256}\0{overrides}\0{code_version()}".encode()).hexdigest()
        return digest[:32]


@dataclass
class Converted:
    """A converted file: its Markdown (slug-independent), its metadata and warnings."""

    source: Path
    markdown: str
    meta: dict
    warnings: list[str]


@cache
def code_version() -> str:
    """A hash of this package's code: a new parser invalidates every cached conversion."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")) + sorted(root.rglob("*.yaml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def reader_for(path: Path) -> ModuleType:
    module = READERS.get(path.suffix.lower())
    if module is None:
        known = ", ".join(sorted(READERS))
        raise SourceError(path, f"định dạng “{path.suffix}” không được hỗ trợ (chỉ nhận {known})")
    return importlib.import_module(module)


def apply_overrides(document: Document, overrides: dict, path: Path) -> None:
    """Set the metadata the editor gave for this file; unknown fields are an error."""
    for key, value in overrides.items():
        if key not in META_FIELDS:
            raise SourceError(path, f"trường siêu dữ liệu không hợp lệ “{key}”")
        setattr(document.meta, key, str(value) if key.startswith("ngay_") else value)


def convert(job: Job) -> Converted:
    """Read, structure and render one file, and prove the Markdown kept every word."""
    path = job.source
    reader = reader_for(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, f"không đọc được tệp ({error.strerror})") from error
    if not data.strip():
        raise SourceError(path, "tệp rỗng")
    document = parse_document(reader.read(data, path))
    if not document.body:
        raise SourceError(path, "không có nội dung văn bản")
    document.source_path = path.name
    document.source_sha256 = hashlib.sha256(data).hexdigest()
    apply_overrides(document, job.meta, path)
    markdown = render(document)
    difference = first_difference(words(reader.plain_text(data, path)), markdown_words(markdown))
    if difference:
        raise TextLossError(path, f"bản chuyển đổi mất hoặc đổi chữ so với nguồn, {difference}")
    meta = {k: v for k, v in vars(document.meta).items() if v not in (None, [], {}, "")}
    warnings = [*getattr(reader, "warnings", lambda *_: [])(data, path), *document.warnings]
    return Converted(path, markdown, meta, warnings)


class Cache:
    """Converted files on disk, keyed by source hash, editor metadata and code version."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def get(self, key: str, source: Path) -> Converted | None:
        path = self.root / f"{key}.json"
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return Converted(source, data["markdown"], data["meta"], data["warnings"])

    def put(self, key: str, converted: Converted) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        data = {"markdown": converted.markdown, "meta": converted.meta,
                "warnings": converted.warnings}
        write_atomic(self.root / f"{key}.json", json.dumps(data, ensure_ascii=False))


def _convert_cached(job: Job, cache: Cache | None) -> Converted:
    if cache is None:
        return convert(job)
    try:
        sha = hashlib.sha256(job.source.read_bytes()).hexdigest()
    except OSError:
        return convert(job)  # convert() reports the unreadable file
    key = job.key(sha)
    hit = cache.get(key, job.source)
    if hit is not None:
        return hit
    converted = convert(job)
    cache.put(key, converted)
    return converted


def convert_all(jobs: list[Job], cache: Cache | None, workers: int,
                progress: bool = False) -> tuple[list[Converted], list[SourceError]]:
    """Convert every job, on ``workers`` processes; errors are collected, not raised."""
    results: list[Converted] = []
    errors: list[SourceError] = []

    def collect(outcomes: Iterable[Converted | SourceError]) -> None:
        for outcome in outcomes:
            (errors if isinstance(outcome, SourceError) else results).append(outcome)

    if workers <= 1 or len(jobs) <= 1:
        collect(_safe(job, cache) for job in _progress(jobs, progress))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = pool.map(_safe, jobs, [cache] * len(jobs), chunksize=4)
            collect(_progress(outcomes, progress, total=len(jobs)))
    return results, errors


def _safe(job: Job, cache: Cache | None) -> Converted | SourceError:
    try:
        return _convert_cached(job, cache)
    except SourceError as error:
        return error


def _progress(items: Iterable, enabled: bool, total: int | None = None) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="tệp", desc="Nhập văn bản")


def write_atomic(path: Path, text: str) -> bool:
    """Replace ``path`` with ``text`` in one step; False when the content is already that."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)
    return True


#: Where a page's original file is published for download, beside the pages.
ORIGINALS = "goc"

#: Sources published as they are; a portal page is published as the text of its body
#: (served from our origin, its own scripts would run), Markdown as .txt (MkDocs would
#: render a .md file as a page).
_PUBLISHED_AS = {".docx": ".docx", ".odt": ".odt", ".txt": ".txt", ".md": ".txt",
                 ".html": ".txt", ".htm": ".txt"}


def publish_original(source: Path, folder: Path, slug: str) -> bool:
    """Put the source file of page ``slug`` in ``folder/goc/`` for download."""
    suffix = source.suffix.lower()
    target = folder / ORIGINALS / f"{slug}{_PUBLISHED_AS[suffix]}"
    data = source.read_bytes()
    if suffix in (".html", ".htm"):  # its paragraphs, as the import check proved them
        blocks = reader_for(source).read(data, source)
        data = "\n\n".join(re.sub(r"\\(.)", r"\1", b.text) for b in blocks).encode() + b"\n"
    elif suffix in (".txt", ".md"):
        data = reader_for(source).plain_text(data, source).encode()  # always UTF-8
    if target.exists() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return True
