"""Writing the index files so that a rebuild touches only those whose content changed.

After one document changed, most of the thousands of files of the index are the same
bytes as before: rewriting them would cost more than computing them, and would make
``mkdocs serve --dirty`` copy them all again. So each file is compared with the one
in place and written only when it differs, atomically (a temporary file renamed over
it); the manifest, which says which shards exist, is written after every other
file, and the files of the previous index that no longer exist are removed last,
so that a reader going by either manifest finds the shards it names.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass
class Written:
    """Files of the index, bytes, files actually written, and the largest file of each kind."""

    files: int = 0
    changed: int = 0
    total_bytes: int = 0
    largest: dict[str, tuple[str, int]] = field(default_factory=dict)

    def count(self, name: str, size: int, changed: bool) -> None:
        self.files += 1
        self.changed += changed
        self.total_bytes += size
        kind = name.split("/")[0] if "/" in name else name
        if size > self.largest.get(kind, ("", -1))[1]:
            self.largest[kind] = (name, size)


def _is_index(folder: Path) -> bool:
    return (folder / MANIFEST).is_file() or not any(folder.iterdir())


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it holds them already; whether it was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    staging.write_bytes(data)
    staging.replace(path)
    return True


def write_files(files: Iterable[tuple[str, object]], out: Path) -> Written:
    """Write (path under ``out``, JSON value) pairs into ``out``, which holds a previous
    index or nothing, and remove the previous index's other files."""
    if out.exists() and not _is_index(out):
        raise FileExistsError(f"{out} có tệp không phải chỉ mục tìm kiếm: không ghi đè")
    previous = {path.relative_to(out).as_posix() for path in out.rglob("*.json")} \
        if out.exists() else set()
    written = Written()
    manifest = None
    for name, value in files:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if name == MANIFEST:
            manifest = data
        else:
            written.count(name, len(data), _write_if_changed(out / name, data))
        previous.discard(name)
    if manifest is not None:
        written.count(MANIFEST, len(manifest), _write_if_changed(out / MANIFEST, manifest))
    for name in previous:
        (out / name).unlink()
    return written
