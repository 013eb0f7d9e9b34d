"""What a long-running process (``kb serve``) knows of a file without reading it again.

An editor's save changes one or two files of a library of thousands; a process that runs
the steps after every save reads again only the files whose state changed since it read
them. The state is the modification time, the size and the inode (an atomic write, as
every step of ``kb`` does, makes a new inode), taken before the file is read: a save while
it is read leaves a state that no longer matches, and the file is read again next time.
A file's clock ticks every few milliseconds (every two seconds on FAT), so a file
modified just before it is read could change again without changing its state: what is
read of such a file is not remembered (:func:`settled`), as git does with its index.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

Stat = tuple[int, int, int]
T = TypeVar("T")


#: How long after its last change a file's state tells its versions apart.
RACY_NS = 2_000_000_000


def stat_of(path: Path) -> Stat:
    status = path.stat()
    return status.st_mtime_ns, status.st_size, status.st_ino


def settled(state: Stat) -> bool:
    """Whether a file in ``state`` (taken just now) is old enough for its state to be
    trusted: a change within the same tick of its clock would not show."""
    return time.time_ns() - state[0] >= RACY_NS


class ByFileState(Generic[T]):
    """What was read of each file, read again only when the file changed."""

    def __init__(self, read: Callable[[Path], T] | None = None) -> None:
        self.read = read
        self.known: dict[Path, tuple[Stat, T]] = {}

    def get(self, path: Path, read: Callable[[Path], T]) -> T:
        """``read(path)``, or what it returned when the file was as it is now: the value
        kept, which the caller must not change."""
        status = stat_of(path)
        known = self.known.get(path)
        if known is None or known[0] != status:
            known = (status, read(path))
            if settled(status):
                self.known[path] = known
        return known[1]

    def __call__(self, path: Path) -> T:
        """``read(path)`` of the constructor, as :meth:`get`; each caller gets a copy of its
        own, so that what one changes does not leak into the next."""
        assert self.read is not None, "called with a read function of its own"
        return copy.deepcopy(self.get(path, self.read))
