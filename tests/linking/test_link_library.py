"""Linking the library: precise links, status from relations and dates, cited-by, idempotence."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from kb.citations.annotate import unlink
from kb.cli import main
from kb.linking import link_library

AFTER = dt.date(2026, 11, 23)
BEFORE = dt.date(2026, 6, 30)


def page(folder: Path, slug: str) -> str:
    return (folder / f"{slug}.md").read_text(encoding="utf-8")


def test_parts_link_to_the_clause_of_the_named_document(library: Path) -> None:
    link_library(library, AFTER)
    plan = page(library, "5-kh-ubnd")
    assert ('[điểm a khoản 2 Điều 2](10-2018-qh14.md#dieu-2-khoan-2-diem-a '
            '"Điều 2. Giải thích từ ngữ — Luật An ninh thử số 10/2018/QH14"){.vb-ref}') in plan


def test_name_with_date_links_the_version_of_that_date(library: Path) -> None:
    link_library(library, AFTER)
    assert "[Luật An ninh thử](10-2018-qh14.md " in page(library, "5-kh-ubnd")


def test_self_references_point_inside_the_current_document(library: Path) -> None:
    link_library(library, AFTER)
    old = page(library, "10-2018-qh14")
    assert '[khoản 2 Điều 2](#dieu-2-khoan-2 ' in old
    assert '[điểm a khoản này](#dieu-2-khoan-2-diem-a ' in old


def test_parts_under_an_amending_clause_belong_to_the_amended_law(library: Path) -> None:
    library_run = link_library(library, AFTER)
    new = page(library, "20-2025-qh15")
    assert "[điểm b khoản 1 Điều 35]" not in new
    problems = {r.reference.text: r.problem for r in library_run.pages["20-2025-qh15"].resolutions}
    assert problems["điểm b khoản 1 Điều 35"].name == "NOT_IN_LIBRARY"


def test_missing_documents_are_marked_and_missing_articles_stay_plain_text(
        library: Path) -> None:
    run = link_library(library, AFTER)
    plan = page(library, "5-kh-ubnd")
    assert ('<span class="vb-ref-missing" title="Văn bản này chưa có trong thư viện">'
            "Nghị quyết số 30-NQ/TW</span> ngày 25/7/2019") in plan
    assert "30-NQ/TW](" not in plan
    assert "Điều 99 Luật An ninh thử số 10/2018/QH14" in plan
    problems = {r.reference.text: r.problem.name for r in run.pages["5-kh-ubnd"].resolutions
                if r.problem}
    assert problems["Điều 99"] == "BROKEN_ANCHOR"


def test_replaced_law_shows_the_banner_from_the_day_its_successor_takes_effect(
        library: Path) -> None:
    link_library(library, BEFORE)
    assert "Hết hiệu lực" not in page(library, "10-2018-qh14")
    assert '!!! warning "Chưa có hiệu lực: có hiệu lực từ 01/7/2026"' in page(library, "20-2025-qh15")
    link_library(library, AFTER)
    old = page(library, "10-2018-qh14")
    assert '!!! danger "Hết hiệu lực từ 01/7/2026"' in old
    assert "[khoản 2 Điều 2 Luật An ninh thử số 20/2025/QH15](20-2025-qh15.md#dieu-2-khoan-2)" in old
    assert "Chưa có hiệu lực" not in page(library, "20-2025-qh15")


def test_relations_show_both_sides_and_documents_outside_the_library(library: Path) -> None:
    link_library(library, AFTER)
    assert "- Bị thay thế bởi: [Luật An ninh thử số 20/2025/QH15](20-2025-qh15.md)" in page(
        library, "10-2018-qh14")
    new = page(library, "20-2025-qh15")
    assert "- Thay thế: [Luật An ninh thử số 10/2018/QH14](10-2018-qh14.md)" in new
    assert "- Thay thế: Luật Thử cũ (99/2015/QH13) — chưa có trong thư viện" in new


def test_cited_by_lists_the_citing_documents(library: Path) -> None:
    link_library(library, AFTER)
    old = page(library, "10-2018-qh14")
    cited_by = old.split("## Văn bản dẫn chiếu đến văn bản này", 1)[1]
    assert "[Kế hoạch số 5/KH-UBND: Tuyên truyền Luật An ninh thử](5-kh-ubnd.md)" in cited_by
    assert "dẫn chiếu điểm a khoản 2 Điều 2" in cited_by


def test_legal_basis_lists_documents_of_the_can_cu_lines(library: Path) -> None:
    link_library(library, AFTER)
    basis = page(library, "5-kh-ubnd").split("## Căn cứ pháp lý {#can-cu}", 1)[1]
    assert basis.strip().split("\n\n")[0].splitlines() == [
        "- [Luật An ninh thử số 10/2018/QH14](10-2018-qh14.md)",
        "- Nghị định số 13/2023/NĐ-CP — chưa có trong thư viện",
    ]


def test_relinking_is_idempotent_and_unlinking_gives_back_the_import(library: Path) -> None:
    def pages() -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8") for p in library.glob("*.md")
                if p.name != "index.md"}

    imported = pages()
    link_library(library, AFTER)
    once = pages()
    run = link_library(library, AFTER)
    assert run.written == 0
    assert pages() == once
    assert {name: unlink(text) for name, text in once.items()} == imported


def test_catalog_json_is_published_with_status_and_links(library: Path) -> None:
    link_library(library, AFTER)
    catalog = json.loads((library.parent / "catalog.json").read_text(encoding="utf-8"))
    by_url = {d["url"]: d for d in catalog["van_ban"]}
    old = by_url["van-ban/10-2018-qh14/"]
    assert old["tinh_trang_hieu_luc"] == "Hết hiệu lực"
    assert old["hieu_luc_tu_ngay"] == "2026-07-01"
    assert {"source": "van-ban/5-kh-ubnd/", "text": "điểm a khoản 2 Điều 2",
            "anchor": "dieu-2-khoan-2-diem-a"} in old["duoc_dan_chieu"]
    targets = [r["target"] for r in by_url["van-ban/5-kh-ubnd/"]["dan_chieu"]]
    assert "van-ban/10-2018-qh14/#dieu-2-khoan-2-diem-a" in targets


def test_kb_check_reports_errors_and_exits_non_zero(library: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--docs", str(library), "--today", "2026-11-23"])
    assert result.exit_code == 1
    assert "LỖI" in result.output and "“Điều 99”" in result.output
    assert "30-NQ/TW được trích dẫn với các ngày khác nhau: 2018-07-25, 2019-07-25" in result.output


def test_kb_check_passes_with_warnings_only(library: Path) -> None:
    plan = library / "5-kh-ubnd.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        " và Điều 99 Luật An ninh thử số 10/2018/QH14", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--docs", str(library), "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "CẢNH BÁO" in result.output and "chưa có trong thư viện" in result.output


def test_kb_refs_json_contract(library: Path) -> None:
    text = "theo khoản 1 và khoản 2 Điều 2 của Luật An ninh thử số 10/2018/QH14"
    result = CliRunner().invoke(main, ["refs", "-", "--json", "--docs", str(library)], input=text)
    rows = json.loads(result.output)
    assert [r["clause"] for r in rows] == ["1", "2"]
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"]
        assert set(row) == {"text", "start", "end", "doc_type", "number", "title", "date",
                            "issuer", "article", "clause", "point", "self", "target"}
        assert row["number"] == "10/2018/QH14" and row["article"] == "2"
    assert rows[1]["target"] == "van-ban/10-2018-qh14/#dieu-2-khoan-2"


def test_browsing_pages_list_documents_by_type_year_and_newest(library: Path) -> None:
    link_library(library, AFTER)
    docs = library.parent
    laws = (docs / "tra-cuu" / "loai" / "luat.md").read_text(encoding="utf-8")
    rows = [line for line in laws.splitlines() if line.startswith("| 20/") or
            line.startswith("| 10/")]
    assert rows == [
        "| 20/2025/QH15 | [Luật An ninh thử số 20/2025/QH15](../../van-ban/20-2025-qh15.md) | 10/12/2025 | Còn hiệu lực |",
        "| 10/2018/QH14 | [Luật An ninh thử số 10/2018/QH14](../../van-ban/10-2018-qh14.md) | 12/6/2018 | Hết hiệu lực |",
    ]
    years = (docs / "tra-cuu" / "nam" / "index.md").read_text(encoding="utf-8")
    assert years.index("[2025](2025.md)") < years.index("[2018](2018.md)")
    index = (docs / "van-ban" / "index.md").read_text(encoding="utf-8")
    assert "Thư viện có 3 văn bản, trong đó 1 văn bản đang có hiệu lực." in index


def test_browsing_page_of_a_value_gone_is_removed(library: Path) -> None:
    link_library(library, AFTER)
    stale = library.parent / "tra-cuu" / "nam" / "1999.md"
    stale.write_text("cũ", encoding="utf-8")
    link_library(library, AFTER)
    assert not stale.exists()


def test_effective_date_is_read_from_the_law_and_linked_to_its_clause(library: Path) -> None:
    link_library(library, AFTER)
    new = page(library, "20-2025-qh15")
    assert "ngay_hieu_luc: '2026-07-01'" in new and "can_cu_hieu_luc: dieu-2-khoan-1" in new
    assert '<dt>Ngày có hiệu lực</dt><dd>01/7/2026 (<a href="#dieu-2-khoan-1">khoản 1 Điều 2</a>)</dd>' in new


def test_related_documents_are_those_the_text_cites(library: Path) -> None:
    link_library(library, AFTER)
    related = page(library, "5-kh-ubnd").split("## Văn bản liên quan {#lien-quan}", 1)[1]
    assert related.strip().split("\n\n")[1].splitlines() == [
        "- [Luật An ninh thử số 10/2018/QH14](10-2018-qh14.md)"]


def test_guides_are_linked_to_the_law_in_force_and_listed_as_citing(library: Path) -> None:
    guides = library.parent / "cam-nang"
    guides.mkdir()
    (guides / "lua-dao.md").write_text(
        "---\ntitle: Phòng tránh lừa đảo\nngay_cap_nhat: '2026-11-01'\n---\n\n"
        "Theo Luật An ninh thử, hành vi này bị nghiêm cấm (Điều 1 Luật An ninh thử số 20/2025/QH15).\n",
        encoding="utf-8")
    link_library(library, AFTER)
    guide = (guides / "lua-dao.md").read_text(encoding="utf-8")
    assert "[Luật An ninh thử](../van-ban/20-2025-qh15.md " in guide
    assert "[Điều 1](../van-ban/20-2025-qh15.md#dieu-1 " in guide
    assert "## Văn bản liên quan {#lien-quan}" in guide
    cited_by = page(library, "20-2025-qh15").split("## Văn bản dẫn chiếu đến văn bản này", 1)[1]
    assert "[Phòng tránh lừa đảo](../cam-nang/lua-dao.md)" in cited_by
