"""kb site: MkDocs' build and the search index at once, the index put into the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.site_build import SEARCH_FOLDER, SiteBuildFailed, build_site

PAGE = """---
title: Kế hoạch số 25/KH-UBND
loai_van_ban: Kế hoạch
---

Tuyên truyền phòng, chống lừa đảo trên không gian mạng.
"""


def small_project(root: Path, page: str = PAGE) -> Path:
    """A project with MkDocs' own theme, one document and its catalogue entry."""
    (root / "mkdocs.yml").write_text("site_name: Thử\nsite_url: https://tinh.example/tv/\n",
                                     encoding="utf-8")
    docs = root / "docs"
    (docs / "van-ban").mkdir(parents=True)
    (docs / "index.md").write_text("# Thư viện\n", encoding="utf-8")
    (docs / "van-ban" / "25-kh-ubnd.md").write_text(page, encoding="utf-8")
    catalog = {"van_ban": [{"url": "van-ban/25-kh-ubnd/", "tinh_trang_hieu_luc": "Còn hiệu lực"}]}
    (docs / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    return docs


def test_the_site_holds_the_pages_and_a_search_index_of_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    docs = small_project(tmp_path)
    built = build_site(docs, tmp_path / "site", tmp_path / "cache", "https://tinh.example/tv/")
    assert (tmp_path / "site" / "van-ban" / "25-kh-ubnd" / "index.html").is_file()
    manifest = json.loads((tmp_path / "site" / SEARCH_FOLDER / "manifest.json").read_text())
    assert manifest["documents"] == built.search.documents == 1
    assert not (docs / "assets").exists()  # the index is built beside docs/, not into it


def test_a_failed_strict_build_is_an_error_and_no_index_is_put_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    docs = small_project(tmp_path, PAGE + "\n[Điều 5](khong-co.md)\n")
    with pytest.raises(SiteBuildFailed, match="mkdocs build"):
        build_site(docs, tmp_path / "site", tmp_path / "cache", "https://tinh.example/tv/")
    assert not (tmp_path / "site" / SEARCH_FOLDER).exists()
