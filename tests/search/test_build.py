"""The index files: what a query downloads, on a small hand-made library and on the real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.search.build import ALPHABET, Layout, build_index, read_library, write_index
from kb.search.live import LiveIndex
from kb.search.normalize import find_shard

ROOT = Path(__file__).resolve().parents[2]

LAW_2018 = """---
title: Luật An ninh mạng số 24/2018/QH14
so_hieu: 24/2018/QH14
loai_van_ban: Luật
co_quan_ban_hanh: Quốc hội
ngay_ban_hanh: '2018-06-12'
trich_yeu: An ninh mạng
---

<!-- kb:tu-dong:bat-dau -->

!!! danger "Hết hiệu lực"
    Văn bản này đã được thay thế bởi [Luật An ninh mạng số 116/2025/QH15](116-2025-qh15.md).

<!-- kb:tu-dong:ket-thuc -->

Căn cứ [Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam](hien-phap.md){.vb-ref};

## Chương I <span class="unit-title">NHỮNG QUY ĐỊNH CHUNG</span> {#chuong-i}

### Điều 8. Các hành vi bị nghiêm cấm {#dieu-8}

1\\. Lừa đảo trên không gian mạng.
{: #dieu-8-khoan-1 }

### Điều 9. Hoà giải {#dieu-9}

Hoà giải tranh chấp về an ninh mạng.
"""

LAW_2025 = """---
title: Luật An ninh mạng số 116/2025/QH15
so_hieu: 116/2025/QH15
loai_van_ban: Luật
co_quan_ban_hanh: Quốc hội
ngay_ban_hanh: '2025-12-10'
---

Quốc hội ban hành Luật An ninh mạng.

### Điều 8. Bảo vệ hệ thống thông tin {#dieu-8}

Trồng lúa trên không gian mạng là hành vi bị nghiêm cấm.
"""

DECISION = """---
title: 'Quyết định số 3250/QĐ-UBND: Phê duyệt Đề án'
so_hieu: 3250/QĐ-UBND
loai_van_ban: Quyết định
co_quan_ban_hanh: Ủy ban nhân dân tỉnh Bình Thuận
ngay_ban_hanh: '2021-11-24'
---

**Điều 1.** Phê duyệt Đề án phòng chống lừa đảo.
{: #dieu-1 }

**Điều 2.** Quyết định có hiệu lực kể từ ngày ký.
{: #dieu-2 }

## I. MỤC ĐÍCH {#muc-i}

Nâng cao nhận thức về thủ đoạn lừa đảo.

<!-- kb:tu-dong:bat-dau -->

## Văn bản liên quan {#lien-quan}

- Trangtudong sinh ra, không phải chữ của văn bản.

<!-- kb:tu-dong:ket-thuc -->
"""

CATALOG = {"ngay_tao": "2026-11-23", "van_ban": [
    {"url": "van-ban/116-2025-qh15/", "tinh_trang_hieu_luc": "Còn hiệu lực"},
    {"url": "van-ban/24-2018-qh14/", "tinh_trang_hieu_luc": "Hết hiệu lực"},
    {"url": "van-ban/3250-qd-ubnd/", "tinh_trang_hieu_luc": "Chưa xác định"},
]}

# Unit ids: documents in path order (116, 24, 3250), each document's own unit first.
LAW_2025_UNITS = ["", "dieu-8"]
LAW_2018_UNITS = ["", "chuong-i", "dieu-8", "dieu-9"]
DECISION_UNITS = ["", "dieu-1", "dieu-2", "muc-i"]
ANCHORS = LAW_2025_UNITS + LAW_2018_UNITS + DECISION_UNITS


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs/ folder with three documents, a page outside the catalogue and catalog.json."""
    folder = tmp_path / "docs"
    (folder / "van-ban").mkdir(parents=True)
    (folder / "van-ban" / "24-2018-qh14.md").write_text(LAW_2018, encoding="utf-8")
    (folder / "van-ban" / "116-2025-qh15.md").write_text(LAW_2025, encoding="utf-8")
    (folder / "van-ban" / "3250-qd-ubnd.md").write_text(DECISION, encoding="utf-8")
    (folder / "index.md").write_text("# Trang chủ\n\nTrangchu không phải văn bản.\n",
                                     encoding="utf-8")
    (folder / "catalog.json").write_text(json.dumps(CATALOG, ensure_ascii=False),
                                         encoding="utf-8")
    return folder


def load(out: Path, name: str):
    return json.loads((out / name).read_text(encoding="utf-8"))


def numbers(text: str) -> list[int]:
    """The numbers of a VLQ string (the inverse of ``build.vlq``)."""
    found, value, shift = [], 0, 0
    for char in text:
        digit = ALPHABET.index(char)
        value |= (digit & 31) << shift
        shift += 5
        if not digit & 32:
            found.append(value)
            value, shift = 0, 0
    return found


def postings(text: str) -> dict[int, int]:
    """unit id → impact level of a postings string."""
    found, unit, position = {}, 0, 0
    while position < len(text):
        end = position
        while ALPHABET.index(text[end]) & 32:
            end += 1
        unit += numbers(text[position:end + 1])[0]
        found[unit] = ALPHABET.index(text[end + 1])
        position = end + 2
    return found


def term(out: Path, folded: str, key: str) -> dict:
    return load(out, f"terms/{key}.json")[folded]


def anchors_of(units: dict[int, int]) -> list[str]:
    return [ANCHORS[unit] for unit in units]


@pytest.fixture
def index(docs: Path, tmp_path: Path) -> Path:
    out = tmp_path / "search"
    build_index(docs, out)
    return out


def test_units_are_the_documents_and_their_sections_without_generated_text(
        index: Path) -> None:
    manifest = load(index, "manifest.json")
    assert (manifest["documents"], manifest["units"]) == (3, len(ANCHORS))
    metas = all_metas(index)
    assert [meta.get("a", "") for meta in metas] == ANCHORS
    assert metas[0] == {"u": "van-ban/116-2025-qh15/", "t": "Luật An ninh mạng số 116/2025/QH15",
                        "n": "116/2025/QH15", "l": "Luật", "c": "Quốc hội", "d": "2025-12-10",
                        "s": "Còn hiệu lực", "x": "Quốc hội ban hành Luật An ninh mạng."}
    assert metas[ANCHORS.index("dieu-9")] == {
        "a": "dieu-9", "h": "Điều 9. Hoà giải", "x": "Hoà giải tranh chấp về an ninh mạng."}
    # An article written as a paragraph is a unit whose heading is that paragraph.
    assert metas[ANCHORS.index("dieu-1")]["h"] == "Điều 1. Phê duyệt Đề án phòng chống lừa đảo."
    shards = manifest["shards"]
    assert "trangtudong" not in term_names(index, shards)
    assert "trangchu" not in term_names(index, shards)
    assert "danger" not in term_names(index, shards)


def all_metas(out: Path) -> list[dict]:
    """Every unit's metadata, in unit order."""
    files = sorted((out / "meta").iterdir(), key=lambda path: int(path.stem))
    return [meta for path in files for meta in load(out, f"meta/{path.name}")]


def term_names(out: Path, shards: list[str]) -> set[str]:
    return {name for key in shards for name in load(out, f"terms/{key}.json")}


def test_a_word_is_filed_under_its_folded_form_with_each_way_it_is_written(index: Path) -> None:
    lua = term(index, "lua", "lu")
    assert sorted(lua["v"]) == ["lúa", "lừa"]
    assert lua["n"] == 4
    assert anchors_of(postings(lua["v"]["lừa"])) == ["dieu-8", "dieu-1", "muc-i"]
    assert anchors_of(postings(lua["v"]["lúa"])) == ["dieu-8"]


def test_old_tone_placement_is_indexed_in_the_new_form(index: Path) -> None:
    assert list(term(index, "hoa", "ho")["v"]) == ["hòa"]


def test_numbers_are_indexed_whole_and_in_parts(index: Path) -> None:
    whole = term(index, "24/2018/qh14", "24")
    assert list(postings(whole["v"]["24/2018/qh14"])) == [len(LAW_2025_UNITS)]
    assert list(postings(term(index, "qh14", "qh")["v"]["qh14"])) == [len(LAW_2025_UNITS)]
    assert list(term(index, "3250/qd-ubnd", "32")["v"]) == ["3250/qđ-ubnd"]
    assert list(term(index, "qd", "qd")["v"]) == ["qđ"]


def test_each_article_has_a_token_of_its_own(index: Path) -> None:
    article = term(index, "§8", "_8")
    assert anchors_of(postings(article["v"]["§8"])) == ["dieu-8", "dieu-8"]
    assert anchors_of(postings(term(index, "§1", "_1")["v"]["§1"])) == ["dieu-1"]


def test_a_title_weighs_more_than_a_heading_and_a_heading_more_than_the_body(
        index: Path) -> None:
    impacts = postings(term(index, "mang", "ma")["v"]["mạng"])
    law_2018 = len(LAW_2025_UNITS)
    article_8, article_9 = ANCHORS.index("dieu-8", law_2018), ANCHORS.index("dieu-9")
    assert impacts[law_2018] > impacts[article_8]
    hoa = postings(term(index, "hoa", "ho")["v"]["hòa"])
    assert hoa[article_9] > impacts[article_8]


def test_the_document_table_maps_units_to_documents_and_statuses(index: Path) -> None:
    table = load(index, "docs.json")
    assert numbers(table["units"]) == [2, 4, 4]
    labels = [label for label, _ in load(index, "manifest.json")["status"]]
    assert [labels[ALPHABET.index(c)] for c in table["status"]] == [
        "Còn hiệu lực", "Hết hiệu lực", "Chưa xác định"]


def test_the_status_boost_ranks_documents_in_force_first(index: Path) -> None:
    boost = dict(load(index, "manifest.json")["status"])
    assert boost["Còn hiệu lực"] > boost["Chưa xác định"] > boost["Hết hiệu lực"]


def test_facets_list_each_value_with_its_documents(index: Path) -> None:
    facets = load(index, "facets.json")
    assert facets["loai_van_ban"] == [["Luật", 2], ["Quyết định", 1]]
    assert facets["nam"] == [["2025", 1], ["2021", 1], ["2018", 1]]
    assert facets["co_quan_ban_hanh"][0] == ["Quốc hội", 2]
    assert numbers(load(index, "facets/loai_van_ban-0.json")) == [0, 1]
    assert numbers(load(index, "facets/nam-1.json")) == [2]


def test_a_large_variant_spills_into_two_tiers_the_best_units_first(
        docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "spilled"
    write_index(read_library(docs), out, Layout(spill_bytes=8, top_units=1))
    mang = term(out, "mang", "ma")["v"]["mạng"]
    top, rest = postings(mang["t"]), postings(load(out, f"postings/{mang['p']}.json"))
    assert len(top) == 1
    assert min(top.values()) >= max(rest.values())
    assert mang["c"] == len(top) + len(rest) == term(out, "mang", "ma")["n"]
    assert mang["r"] == len(load(out, f"postings/{mang['p']}.json"))
    # A small variant of the same word stays in its shard; an article's token never moves.
    assert isinstance(term(out, "lua", "lu")["v"]["lúa"], str)
    assert isinstance(term(out, "§8", "_8")["v"]["§8"], str)


def test_a_large_shard_is_split_by_the_next_characters(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "split"
    write_index(read_library(docs), out, Layout(shard_bytes=60))
    shards = load(out, "manifest.json")["shards"]
    assert {"nghia", "nghie", "luat", "lua"} <= set(shards)
    assert shards == sorted(path.stem for path in (out / "terms").iterdir())
    for key in shards:
        for folded in load(out, f"terms/{key}.json"):
            assert find_shard(folded, shards) == key
            assert len(key) == 2 or len(folded) >= len(key)
    assert set(load(out, "terms/nghie.json")) == {"nghiem"}


def test_metadata_is_cut_by_unit_ranges(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "small-meta"
    write_index(read_library(docs), out, Layout(meta_size=3))
    assert load(out, "manifest.json")["meta_size"] == 3
    files = sorted((out / "meta").iterdir(), key=lambda path: int(path.stem))
    assert [len(load(out, f"meta/{path.name}")) for path in files] == [3, 3, 3, 1]
    assert load(out, "meta/3.json")[0]["a"] == "muc-i"


def test_the_manifest_lists_every_shard_and_the_rules(index: Path) -> None:
    manifest = load(index, "manifest.json")
    assert manifest["shards"] == sorted(path.stem for path in (index / "terms").iterdir())
    assert manifest["normalize"]["tone"]["oà"] == "òa"
    assert "đ" in manifest["normalize"]["fold"][0]


def test_a_rebuild_replaces_the_whole_index(docs: Path, index: Path) -> None:
    (docs / "van-ban" / "3250-qd-ubnd.md").unlink()
    build_index(docs, index)
    assert load(index, "manifest.json")["documents"] == 2
    assert not (index / "terms" / "32.json").exists()
    assert not (index.parent / "search.tmp").exists()


def test_the_index_is_not_written_over_another_folder(docs: Path) -> None:
    with pytest.raises(FileExistsError):
        build_index(docs, docs)
    assert (docs / "catalog.json").exists()


def test_the_command_writes_the_index_and_says_what_it_holds(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    result = CliRunner().invoke(main, ["search-index", "--docs", str(docs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"3 văn bản, {len(ANCHORS)} mục" in result.output
    assert (out / "manifest.json").exists()


def test_the_command_reports_a_missing_catalogue(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search-index", "--docs", str(tmp_path)])
    assert result.exit_code == 1
    assert "catalog.json" in result.output


def test_every_file_of_the_library_index_is_small(tmp_path: Path) -> None:
    """What a query downloads stays small: the manifest, a few shards, a few metadata files."""
    out = tmp_path / "library"
    report = build_index(ROOT / "docs", out)
    assert report.documents >= 11
    sizes = {path.relative_to(out).as_posix(): path.stat().st_size
             for path in out.rglob("*.json")}
    assert sizes["manifest.json"] < 8_000
    assert max(size for name, size in sizes.items() if name.startswith("terms/")) < 16_000
    assert max(size for name, size in sizes.items() if name.startswith("meta/")) < 8_000
    assert all(size < 16_000 for name, size in sizes.items() if name.startswith("postings/"))


def test_the_committed_guides_are_searchable() -> None:
    from kb.search.build import read_library

    docs = Path(__file__).resolve().parents[2] / "docs"
    urls = {document.url for document in read_library(docs).documents}
    assert "cam-nang/gia-danh-co-quan-chuc-nang/" in urls
    assert "van-ban/116-2025-qh15/" in urls
    assert "cam-nang/" not in urls and "tra-cuu/" not in urls


def files_of(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*.json")}


def test_an_index_built_from_the_cache_is_the_one_built_without(docs: Path,
                                                                  tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_index(docs, tmp_path / "cold", cache)
    assert len(list(cache.rglob("*.pickle"))) == 3
    build_index(docs, tmp_path / "cached", cache)
    build_index(docs, tmp_path / "plain")
    assert files_of(tmp_path / "cold") == files_of(tmp_path / "cached") \
        == files_of(tmp_path / "plain")


def test_a_rebuild_after_an_edit_writes_only_the_files_that_changed(docs: Path,
                                                                    tmp_path: Path) -> None:
    out, cache = tmp_path / "search", tmp_path / "cache"
    build_index(docs, out, cache)
    before = files_of(out)
    stamps = {name: (out / name).stat().st_mtime_ns for name in before}
    decision = docs / "van-ban" / "3250-qd-ubnd.md"
    decision.write_text(DECISION.replace("thủ đoạn lừa đảo", "thủ đoạn gian lận"),
                        encoding="utf-8")
    report = build_index(docs, out, cache)
    after = files_of(out)
    changed = {name for name in after if before.get(name) != after[name]}
    assert report.changed == len(changed) > 0
    # The shards of the words taken out and put in, and the metadata of the edited section.
    assert {"terms/lu.json", "terms/da.json", "meta/1.json"} <= changed
    assert not changed & {"meta/0.json", "docs.json", "facets.json"}
    assert all((out / name).stat().st_mtime_ns == stamps[name]
               for name in before if name not in changed)
    build_index(docs, tmp_path / "plain")
    assert after == files_of(tmp_path / "plain")


def test_a_removed_document_disappears_from_an_index_built_from_the_cache(
        docs: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "search", tmp_path / "cache"
    build_index(docs, out, cache)
    (docs / "van-ban" / "3250-qd-ubnd.md").unlink()
    build_index(docs, out, cache)
    assert load(out, "manifest.json")["documents"] == 2
    assert not (out / "terms" / "32.json").exists()
    assert not any(b"3250" in data for data in files_of(out).values())
    build_index(docs, tmp_path / "plain")
    assert files_of(out) == files_of(tmp_path / "plain")


#: Small enough for the fixture's words to spill, its shards to split and its metadata to be cut.
SMALL = Layout(spill_bytes=8, top_units=1, shard_bytes=60, meta_size=3)


def test_a_live_index_patched_after_edits_is_the_index_built_from_scratch(
        docs: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "search", tmp_path / "cache"
    live = LiveIndex(docs, out, cache, SMALL)
    live.build()
    decision, law = docs / "van-ban" / "3250-qd-ubnd.md", docs / "van-ban" / "24-2018-qh14.md"
    edits = [  # (page, new text, whether the index in memory is patched rather than rebuilt)
        (decision, DECISION.replace("thủ đoạn lừa đảo", "thủ đoạn gian lận"), True),
        (law, LAW_2018.replace("Hoà giải tranh chấp", "Hoà giải tranh chấp trực tuyến"), True),
        (decision, DECISION.replace("## I. MỤC ĐÍCH {#muc-i}", "## I. MỤC TIÊU {#muc-i}"), True),
        (decision, DECISION.replace("## I. MỤC ĐÍCH", "## II. YÊU CẦU {#muc-ii}\n\nRõ ràng.\n\n"
                                    "## I. MỤC ĐÍCH"), False),  # one unit more
        (law, LAW_2018 + "\nLừa đảo lừa đảo lừa đảo trên mạng xã hội.\n", True),
    ]
    for page, text, patched in edits:
        before = live.index
        page.write_text(text, encoding="utf-8")
        live.build()
        assert (live.index is before) == patched
        write_index(read_library(docs), tmp_path / "plain", SMALL)
        assert files_of(out) == files_of(tmp_path / "plain")
