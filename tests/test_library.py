"""The committed library itself: linked and up to date, free of errors, and it builds strictly."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

from kb.checks import check_library
from kb.linking import link_library

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def linked_on() -> dt.date:
    """The day the committed pages were linked (statuses depend on it)."""
    catalog = json.loads((DOCS / "catalog.json").read_text(encoding="utf-8"))
    return dt.date.fromisoformat(catalog["ngay_tao"])


def test_committed_pages_are_linked_and_up_to_date(tmp_path: Path) -> None:
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy)
    run = link_library(copy / "van-ban", linked_on())
    assert run.written == 0, "chạy `make link` rồi commit lại docs/"


def test_library_has_no_errors() -> None:
    report = check_library(DOCS / "van-ban", linked_on())
    assert report.errors == []


def test_site_builds_strictly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "catalog.json").exists()
    assert (tmp_path / "site" / "van-ban" / "24-2018-qh14" / "index.html").exists()
