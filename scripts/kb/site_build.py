"""``kb site`` (what ``make site`` runs after ``kb link``): MkDocs' build and the search
index at the same time, then the redirect pages.

MkDocs renders on one core, and the search index does not need what it renders: only the
pages and ``catalog.json`` that ``kb link`` wrote. So ``mkdocs build`` runs in its own
process while this one builds the index; on a two-core machine the index then costs
nothing of the build's time (BENCHMARKS.md). The index cannot be written into the site
while MkDocs builds it (MkDocs empties the folder first), so it is built into a staging
folder, where only changed files are rewritten, and copied in once MkDocs is done. The
old addresses are read from the pages meanwhile too; their redirect pages go in last.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kb.addresses import old_addresses, write_redirects
from kb.search.build import Report, build_index

#: Where the index goes in the built site (search.js reads it there).
SEARCH_FOLDER = Path("assets") / "search"


class SiteBuildFailed(Exception):
    """``mkdocs build`` failed; its own messages were printed above."""


@dataclass
class SiteBuilt:
    """What ``kb site`` did: the search index it put in and the redirect pages it wrote."""

    search: Report
    redirects: int


def build_site(docs: Path, site: Path, cache: Path, site_url: str | None,
               strict: bool = True) -> SiteBuilt:
    """Build the site into ``site`` from ``docs`` (the folder of ``mkdocs.yml``: the cwd)."""
    staging = cache / "site-search"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    mkdocs = subprocess.Popen([*command, "--strict"] if strict else command)
    try:
        # One core fewer than the machine has: MkDocs keeps one to itself.
        workers = max(1, (os.cpu_count() or 1) - 1)
        report = build_index(docs, staging, cache / "search", workers)
        redirects = old_addresses(docs)
    finally:
        returncode = mkdocs.wait()
    if returncode != 0:
        raise SiteBuildFailed(f"mkdocs build dừng với mã {returncode}")
    target = site / SEARCH_FOLDER
    shutil.rmtree(target, ignore_errors=True)  # a copy of docs/assets/search, if serve left one
    shutil.copytree(staging, target)
    return SiteBuilt(report, len(write_redirects(redirects, site, site_url)))
