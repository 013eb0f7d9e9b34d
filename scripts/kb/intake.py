"""Bring source files into the library folder: convert, then place each page at its address.

One path for ``kb import`` and for ``kb serve`` (which re-imports a source the editor
just saved): every file is converted and checked first (kb.importer), and nothing is
written unless all of them passed, so a bad file leaves ``docs/`` as it was. Placing a
page chooses its slug from its identity (kb.library), keeps the addresses it had before
(kb.addresses) and publishes its original file for download.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.addresses import carry_over, retire
from kb.errors import SourceError
from kb.importer import Cache, Converted, Job, convert_all, publish_original, write_atomic
from kb.library import Library, read_front_matter
from kb.yamlread import safe_load


class ImportFailed(Exception):
    """Some files did not convert: nothing was written. ``errors`` name file and problem."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__(f"{len(errors)} tệp lỗi")
        self.errors = errors


class ManifestError(Exception):
    """The list of sources (``sources.yml``) cannot be read; the message is for editors."""


@dataclass
class Placed:
    """What an import did: pages converted and changed, and what the editor should read."""

    converted: int = 0
    written: int = 0
    messages: list[str] = field(default_factory=list)


def manifest_jobs(manifest: Path) -> tuple[list[Job], Path | None]:
    """The jobs a manifest lists, with its ``into`` folder; paths relative to the manifest."""
    try:
        data = safe_load(manifest.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ManifestError(f"{manifest}: không đọc được danh sách nguồn ({error})") from error
    root = (manifest.parent / data.get("root", ".")).resolve()
    if not root.is_dir():
        raise ManifestError(f"{manifest}: không tìm thấy thư mục nguồn {root}")
    into = data.get("into")
    jobs = [Job(root / entry["source"], entry.get("meta") or {}) for entry in data["documents"]]
    return jobs, (manifest.parent / into) if into else None


def import_files(jobs: list[Job], into: Path, cache: Cache | None, workers: int = 1,
                 progress: bool = False,
                 front_matter: Callable[[Path], dict] = read_front_matter) -> Placed:
    """Convert ``jobs`` and place them in ``into``; raises ImportFailed, writing nothing.
    ``front_matter`` reads the front matter of the pages in place (:meth:`Library.load`)."""
    converted, errors = convert_all(jobs, cache, workers, progress=progress)
    if errors:
        raise ImportFailed(errors)
    return place(converted, into, front_matter)


def place(converted: list[Converted], into: Path,
          front_matter: Callable[[Path], dict] = read_front_matter) -> Placed:
    """Write each converted page at its slug; old addresses move to the new page."""
    library = Library.load(into, front_matter)
    before = dict(library.by_slug)  # old addresses are looked up in the library as it was
    placed = Placed(converted=len(converted))
    for item in sorted(converted, key=lambda c: str(c.source)):
        warnings = list(item.warnings)
        meta = {**item.meta, "nguon": {"tep": item.source.name}}
        slug = library.slug_for(meta, item.source.name, warnings)
        placed.messages += [f"CẢNH BÁO {item.source}: {warning}" for warning in warnings]
        move = carry_over(before, slug, meta, item.markdown)
        placed.written += write_atomic(into / f"{slug}.md", move.markdown)
        publish_original(item.source, into, slug)
        for old in move.retired:
            retire(into, old)
            placed.messages.append(
                f"Đổi địa chỉ {old} → {slug}: địa chỉ cũ được ghi vào dia_chi_cu và "
                "sẽ chuyển hướng sang trang mới.")
    return placed
