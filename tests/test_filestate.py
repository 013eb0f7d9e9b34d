"""What kb serve remembers of a file: kept while the file is as it was, read again after."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kb.filestate import RACY_NS, ByFileState
from kb.library import read_front_matter


def age(*paths: Path) -> None:
    """Date the files back, as if their last change were long ago (settled)."""
    past = time.time_ns() - 5 * RACY_NS
    for path in paths:
        os.utime(path, ns=(past, past))


def test_a_file_is_read_again_only_after_it_changed(tmp_path: Path) -> None:
    page = tmp_path / "5-kh-ubnd.md"
    page.write_text("---\nso_hieu: 5/KH-UBND\n---\n\nNội dung.\n", encoding="utf-8")
    age(page)
    reads: list[Path] = []
    front_matter = ByFileState(lambda path: reads.append(path) or read_front_matter(path))
    assert front_matter(page) == front_matter(page) == {"so_hieu": "5/KH-UBND"}
    assert reads == [page]
    page.write_text("---\nso_hieu: 6/KH-UBND\n---\n\nNội dung.\n", encoding="utf-8")  # same size
    assert front_matter(page) == {"so_hieu": "6/KH-UBND"}
    assert reads == [page, page]


def test_a_file_changed_just_now_is_not_remembered(tmp_path: Path) -> None:
    page = tmp_path / "5-kh-ubnd.md"
    page.write_text("---\nso_hieu: 5/KH-UBND\n---\n", encoding="utf-8")
    reads: list[Path] = []
    front_matter = ByFileState(lambda path: reads.append(path) or read_front_matter(path))
    front_matter(page)
    front_matter(page)
    assert reads == [page, page], "another save within the same tick would not show"


def test_each_caller_gets_its_own_copy(tmp_path: Path) -> None:
    page = tmp_path / "5-kh-ubnd.md"
    page.write_text("---\nquan_he: {thay_the: []}\n---\n", encoding="utf-8")
    age(page)
    front_matter = ByFileState(read_front_matter)
    front_matter(page)["quan_he"]["thay_the"].append("24/2018/QH14")
    assert front_matter(page) == {"quan_he": {"thay_the": []}}
