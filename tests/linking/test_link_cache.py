"""The stores of ``kb link``: a run from them writes what a cold run writes, and reads again
only what changed (the catalogue's pages, the annotation of a page)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import kb.citations.memo
from kb.catalog import Catalog
from kb.catalog import store as catalog_store
from kb.catalog.store import CatalogStore, versioned
from kb.citations.memo import AnnotationStore
from kb.importer import code_version
from kb.linking import Session, catalog_json, link_library
from kb.sections import originals
from tests.test_filestate import age

TODAY = dt.date(2026, 11, 23)

RESOLUTION = """Số: 30-NQ/TW

Hà Nội, ngày 25 tháng 7 năm 2019

NGHỊ QUYẾT

Về chiến lược thử

Điều 1. Mục tiêu

Bảo đảm an ninh thử.
"""


def site(folder: Path) -> dict[str, str]:
    """Every generated or linked file of the site around ``folder``, by path."""
    docs = folder.parent
    return {str(p.relative_to(docs)): p.read_text(encoding="utf-8")
            for p in sorted(docs.rglob("*.md")) + [docs / "catalog.json"]}


def cold_copy(library: Path, tmp_path: Path) -> Path:
    """The library copied as it is now, linked without any store."""
    copy = tmp_path / "cold" / "docs" / "van-ban"
    shutil.copytree(library.parent, copy.parent)
    link_library(copy, TODAY)
    return copy


@pytest.fixture
def annotations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs of the pages annotated (not taken from the store) during a test."""
    done: list[str] = []
    annotate = AnnotationStore.annotate

    def counted(self, key, text, source, catalog, resolver):  # noqa: ANN001, ANN202
        done.append(source.slug)
        return annotate(self, key, text, source, catalog, resolver)

    monkeypatch.setattr(AnnotationStore, "annotate", counted)
    return done


def test_run_from_the_stores_writes_what_a_cold_run_writes(library: Path, tmp_path: Path,
                                                           annotations: list[str]) -> None:
    cache = tmp_path / "cache"
    link_library(library, TODAY, cache=cache)
    annotations.clear()
    link_library(library, TODAY, cache=cache)
    assert annotations == [], "the links a run adds to clauses change no citation"
    assert site(library) == site(cold_copy(library, tmp_path))


def test_unchanged_library_rewrites_nothing_and_annotates_nothing(
        library: Path, tmp_path: Path, annotations: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    link_library(library, TODAY, cache=cache)
    read: list[Path] = []
    monkeypatch.setattr(catalog_store, "read_entry",
                        lambda path: read.append(path) or catalog_store.Entry(path.stem, path, {}))
    annotations.clear()
    assert link_library(library, TODAY, cache=cache).written == 0
    assert annotations == []
    assert read == [], "the pages kb link rewrote are known to the catalogue's store"


def test_new_document_makes_a_citation_resolvable_in_a_stored_page(
        library: Path, tmp_path: Path, annotations: list[str]) -> None:
    cache = tmp_path / "cache"
    link_library(library, TODAY, cache=cache)
    assert "30-NQ/TW](" not in (library / "5-kh-ubnd.md").read_text(encoding="utf-8")
    front = ("---\ntitle: Nghị quyết số 30-NQ/TW\nso_hieu: 30-NQ/TW\nloai_van_ban: Nghị quyết\n"
             "ngay_ban_hanh: '2019-07-25'\n---\n")
    (library / "30-nq-tw.md").write_text(front + RESOLUTION, encoding="utf-8")
    annotations.clear()
    link_library(library, TODAY, cache=cache)
    assert sorted(annotations) == ["30-nq-tw", "5-kh-ubnd"]
    assert "Nghị quyết số 30-NQ/TW](30-nq-tw.md " in (library / "5-kh-ubnd.md").read_text(
        encoding="utf-8")
    assert site(library) == site(cold_copy(library, tmp_path))


def test_changed_article_heading_changes_the_hover_title_of_stored_pages(
        library: Path, tmp_path: Path, annotations: list[str]) -> None:
    cache = tmp_path / "cache"
    link_library(library, TODAY, cache=cache)
    law = library / "10-2018-qh14.md"
    law.write_text(law.read_text(encoding="utf-8").replace("Giải thích từ ngữ", "Từ ngữ"),
                   encoding="utf-8")
    annotations.clear()
    link_library(library, TODAY, cache=cache)
    assert "5-kh-ubnd" in annotations
    assert '"Điều 2. Từ ngữ — Luật An ninh thử số 10/2018/QH14"' in (
        library / "5-kh-ubnd.md").read_text(encoding="utf-8")
    assert site(library) == site(cold_copy(library, tmp_path))


def test_pool_of_workers_writes_what_one_process_writes(
        library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = cold_copy(library, tmp_path)
    monkeypatch.setattr(kb.citations.memo, "POOL_THRESHOLD", 1)
    link_library(library, TODAY, cache=tmp_path / "cache", workers=2)
    assert site(library) == site(cold)


def test_catalogue_from_the_store_equals_the_catalogue_read_from_the_pages(
        library: Path, tmp_path: Path) -> None:
    link_library(library, TODAY)
    store = CatalogStore(tmp_path / "cache")
    for stored in (store.load(library), CatalogStore(tmp_path / "cache").load(library)):
        read = Catalog.load(library)
        assert stored.entries.keys() == read.entries.keys()
        for slug, entry in read.entries.items():
            assert stored.entries[slug].meta == entry.meta
            assert dict(stored.entries[slug].headings) == entry.headings
        assert stored.by_number.keys() == read.by_number.keys()
        assert stored.by_title.keys() == read.by_title.keys()



def test_published_original_is_found_by_slug_and_extension(tmp_path: Path) -> None:
    folder = tmp_path / "van-ban"
    (folder / "goc").mkdir(parents=True)
    for name in ("5-kh-ubnd.pdf", "5-kh-ubnd.docx", "5-kh-ubnd-2.doc", "a.b.html", ".x.pdf"):
        (folder / "goc" / name).write_bytes(b"")
    found = originals(folder)
    assert found["5-kh-ubnd"].name == "5-kh-ubnd.docx"  # the first by name, as a glob sorted
    assert found["5-kh-ubnd-2"].name == "5-kh-ubnd-2.doc"
    assert found["a"].name == found["a.b"].name == "a.b.html"
    assert "" not in found
    assert originals(tmp_path / "trong") == {}


def test_stores_of_other_code_versions_are_removed(tmp_path: Path) -> None:
    old = tmp_path / "cache" / "0123456789abcdef" / "pages"
    old.mkdir(parents=True)
    current = versioned(tmp_path / "cache")
    assert current == tmp_path / "cache" / code_version()
    assert not old.parent.exists()


def test_catalog_json_from_stored_records_is_the_whole_encoded_at_once(
        library: Path, tmp_path: Path) -> None:
    for _ in range(2):  # the records encoded, then taken from the store
        link_library(library, TODAY, cache=tmp_path / "cache")
        text = (library.parent / "catalog.json").read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
    assert catalog_json(link_library(library, TODAY, write=False)) == text


def test_runs_of_one_session_write_what_cold_runs_write(library: Path, tmp_path: Path) -> None:
    cache, session = tmp_path / "cache", Session()
    link_library(library, TODAY, cache=cache, session=session)
    law, plan = library / "10-2018-qh14.md", library / "5-kh-ubnd.md"
    front = ("---\ntitle: Nghị quyết số 30-NQ/TW\nso_hieu: 30-NQ/TW\nloai_van_ban: Nghị quyết\n"
             "ngay_ban_hanh: '2019-07-25'\n---\n")
    edits = [
        lambda: None,
        lambda: plan.write_text(plan.read_text(encoding="utf-8").replace(
            "2\\. Phổ biến", "2\\. Tuyên truyền, phổ biến"), encoding="utf-8"),  # words only
        lambda: law.write_text(law.read_text(encoding="utf-8").replace(
            "Giải thích từ ngữ", "Từ ngữ"), encoding="utf-8"),  # the plan's hover titles
        lambda: (library / "30-nq-tw.md").write_text(front + RESOLUTION, encoding="utf-8"),
        lambda: plan.write_text(plan.read_text(encoding="utf-8").replace(
            "30-NQ/TW", "31-NQ/TW"), encoding="utf-8"),  # the resolution loses its citation
    ]
    for number, edit in enumerate(edits):
        age(*library.parent.rglob("*.md"))
        link_library(library, TODAY, cache=cache, session=session)  # remembers the pages
        edit()
        cold = cold_copy(library, tmp_path / str(number))  # of the pages as edited
        link_library(library, TODAY, cache=cache, session=session)
        assert site(library) == site(cold)


def test_a_session_reads_no_page_that_did_not_change(library: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cache, session = tmp_path / "cache", Session()
    link_library(library, TODAY, cache=cache, session=session)
    age(*library.parent.rglob("*.md"))
    link_library(library, TODAY, cache=cache, session=session)  # remembers the pages
    read: list[Path] = []
    read_text = Path.read_text

    def counted(path: Path, *args, **kwargs) -> str:  # noqa: ANN002, ANN003
        read.append(path)
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counted)
    link_library(library, TODAY, cache=cache, session=session)
    # Read still: the laws of a replacement (the finding aid shows their articles) and the
    # browsing pages (compared with what they would be); the plan is not.
    assert library / "10-2018-qh14.md" in read
    assert library / "5-kh-ubnd.md" not in read
    read.clear()
    link_library(library, TODAY, cache=cache)
    assert library / "5-kh-ubnd.md" in read, "read by a run without a session"
