"""Reading the history of ``docs/`` from git: one ``git log`` and one ``git cat-file``.

A library of thousands of pages has thousands of commits; asking git once per page
(``git log -1 -- page.md``) would take minutes, so the whole history of ``docs/`` is read
in one pass and the file versions in one batch. The history followed is the main branch's
(``--first-parent``): a merge request counts once, on the day it was merged — the day
the change reached the portal — with its title as the description.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_RECORD, _FIELD = "\x1e", "\x1f"
_FORMAT = f"{_RECORD}%H{_FIELD}%cI{_FIELD}%aN{_FIELD}%s{_FIELD}%b{_FIELD}"


@dataclass(frozen=True)
class Commit:
    """One commit of the main branch: when, by whom, and what it says it does."""

    sha: str
    date: dt.datetime
    author: str
    description: str


@dataclass(frozen=True)
class FileChange:
    """A page added (A), modified (M) or deleted (D) by a commit; ``blob``: its new version."""

    commit: Commit
    path: str  # relative to docs/, "van-ban/24-2018-qh14.md"
    status: str
    blob: str | None


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *args],
                                input=data, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _describe(subject: str, body: str) -> str:
    """A merge commit's subject says "Merge branch …"; the merge request's title follows."""
    if subject.startswith("Merge "):
        for line in body.splitlines():
            if line.strip() and not line.startswith(("See merge request", "Merge ")):
                return line.strip()
    return subject.strip()


class Repository:
    """The git repository holding ``docs`` (None outside one: no history to show)."""

    def __init__(self, root: Path, docs: Path) -> None:
        self.root = root
        self.prefix = docs.resolve().relative_to(root.resolve()).as_posix()

    @classmethod
    def find(cls, docs: Path) -> Repository | None:
        top = _git(docs, "rev-parse", "--show-toplevel")
        if top is None or _git(docs, "rev-parse", "--verify", "-q", "HEAD") is None:
            return None
        return cls(Path(top.decode().strip()), docs)

    def _relative(self, path: str) -> str | None:
        prefix = f"{self.prefix}/" if self.prefix != "." else ""
        return path[len(prefix):] if path.startswith(prefix) else None

    def changes(self) -> list[FileChange]:
        """Every change to a page under ``docs``, newest first."""
        out = _git(self.root, "log", "--first-parent", "--diff-merges=first-parent",
                   "--no-renames", "--raw", "--no-abbrev", f"--format={_FORMAT}", "--",
                   self.prefix) or b""
        changes = []
        for record in out.decode("utf-8", "replace").split(_RECORD)[1:]:
            sha, date, author, subject, body, raw = record.split(_FIELD, 5)
            commit = Commit(sha, dt.datetime.fromisoformat(date), author,
                            _describe(subject, body))
            for line in raw.splitlines():
                if not line.startswith(":"):
                    continue
                info, _, path = line.partition("\t")
                _, _, _, blob, status = info.split()
                relative = self._relative(path)
                if relative is not None and relative.endswith(".md"):
                    changes.append(FileChange(commit, relative, status[0],
                                              None if status[0] == "D" else blob))
        return changes

    def read(self, blobs: Iterable[str]) -> dict[str, str]:
        """The text of each blob, read in one ``git cat-file --batch``."""
        wanted = sorted(set(blobs))
        if not wanted:
            return {}
        out = _git(self.root, "cat-file", "--batch", data="".join(f"{b}\n" for b in wanted)
                   .encode()) or b""
        texts: dict[str, str] = {}
        position = 0
        while position < len(out):
            end = out.index(b"\n", position)
            header = out[position:end].decode().split()
            position = end + 1
            if len(header) < 3:  # "<sha> missing"
                continue
            size = int(header[2])
            texts[header[0]] = out[position:position + size].decode("utf-8", "replace")
            position += size + 1
        return texts

    def changed(self) -> set[str]:
        """Pages under ``docs`` this branch changes: uncommitted, or committed since it left
        the main branch (``origin/main`` or ``main``) — what a merge request would bring."""
        paths = set(self.pending())
        for base in ("origin/main", "main"):
            fork = _git(self.root, "merge-base", "HEAD", base)
            if fork is not None:
                out = _git(self.root, "diff", "--name-only", fork.decode().strip(), "--",
                           self.prefix) or b""
                paths |= {p for p in map(self._relative, out.decode().splitlines()) if p}
                break
        return paths

    def pending(self) -> set[str]:
        """Pages under ``docs`` changed or added but not committed yet (a preview)."""
        out = _git(self.root, "status", "--porcelain", "-z", "--untracked-files=all", "--",
                   self.prefix) or b""
        paths = set()
        for entry in out.decode("utf-8", "replace").split("\0"):
            relative = self._relative(entry[3:]) if len(entry) > 3 else None
            if relative is not None:
                paths.add(relative)
        return paths


def changed_pages_summary(docs: Path, errors: list[str], warnings: list[str]) -> str:
    """The findings about the pages being changed, repeated after the whole library's.

    ``kb check`` reports on every page, and a library has many warnings a reviewer has
    already accepted; the editor's own new page must not drown in them.
    """
    repository = Repository.find(docs)
    changed = repository.changed() if repository else set()
    paths = [str(docs / path) for path in sorted(changed) if path.endswith(".md")]
    lines = [f"{label} {finding}" for label, findings in (("LỖI", errors), ("CẢNH BÁO", warnings))
             for finding in findings if any(finding.startswith(path) for path in paths)]
    if not paths:
        return ""
    head = f"\nTrong các trang đang thay đổi ({len(paths)} trang): "
    return head + (f"{len(lines)} điểm cần xem:\n" + "\n".join(lines) + "\n" if lines
                   else "không có lỗi hay cảnh báo.\n")
