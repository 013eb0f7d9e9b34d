"""`kb guides` then `kb link`: sections of both kept apart, and a second run changes no byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.guides import update_guides
from kb.linking import link_library
from tests.guides.conftest import TODAY, Site


def run_both(site: Site) -> None:
    for command in (["guides", "--docs", str(site.docs), "--config", str(site.config)],
                    ["link", "--docs", str(site.docs / "van-ban")]):
        result = CliRunner().invoke(main, [*command, "--today", TODAY.isoformat()])
        assert result.exit_code == 0, result.output


def test_running_guides_and_link_twice_leaves_no_change(site: Site) -> None:
    run_both(site)
    first = site.texts()
    run_both(site)
    assert site.texts() == first
    assert update_guides(site.docs, site.config, TODAY).written == 0
    assert link_library(site.docs / "van-ban", TODAY).written == 0


def test_guides_from_the_catalogue_store_write_what_guides_without_it_write(
        site: Site, tmp_path: Path) -> None:
    other = Site(tmp_path / "khong-luu" / "docs", site.config)
    shutil.copytree(site.docs, other.docs)
    cache = tmp_path / "luu"
    link_library(site.docs / "van-ban", TODAY, cache=cache)  # the store learns linked pages
    link_library(other.docs / "van-ban", TODAY)
    stored = update_guides(site.docs, site.config, TODAY, cache=cache)
    read = update_guides(other.docs, other.config, TODAY)
    assert (stored.errors, stored.warnings, stored.written) == (read.errors, read.warnings,
                                                                 read.written)
    assert {p.relative_to(site.docs): t for p, t in site.texts().items()} == {
        p.relative_to(other.docs): t for p, t in other.texts().items()}


def test_kb_link_keeps_the_guides_sections_and_adds_its_own_after_them(site: Site) -> None:
    run_both(site)
    guide = site.guide.read_text(encoding="utf-8")
    assert guide.count("<!-- kb:cam-nang:lien-he -->") == 1
    assert guide.index("<!-- kb:cam-nang:het -->") < guide.index("## Tự kiểm tra") < guide.index(
        "<!-- kb:tu-dong:bat-dau -->\n\n## Văn bản liên quan {#lien-quan}")
    assert "- [Luật An ninh thử số 20/2025/QH15](../van-ban/20-2025-qh15.md)" in guide
    assert "[khoản 1 Điều 7](../van-ban/20-2025-qh15.md#dieu-7-khoan-1 " in guide


def test_home_page_shows_the_guides_as_cards_and_the_newest_documents(site: Site) -> None:
    update_guides(site.docs, site.config, TODAY)
    home = site.home.read_text(encoding="utf-8")
    assert ('<div class="grid cards" markdown>\n\n'
            '-   ![](assets/images/cam-nang/thu.svg){ .kb-the__hinh width="56" height="56" }\n\n'
            "    **[Phòng tránh lừa đảo thử](cam-nang/lua-dao.md)**\n\n"
            "    Lừa đảo trên mạng thử.\n\n</div>") in home
    assert ("- [Luật An ninh thử số 20/2025/QH15](van-ban/20-2025-qh15.md) — ban hành "
            "10/12/2025, còn hiệu lực\n\n[Xem tất cả văn bản mới](tra-cuu/moi-ban-hanh.md)") in home
    assert "10/2018/QH14" not in home  # van_ban_moi: 1


def test_a_guide_without_its_picture_or_description_is_an_error(site: Site) -> None:
    text = site.guide.read_text(encoding="utf-8")
    site.guide.write_text(text.replace("hinh: thu.svg", "hinh: khong-co.svg").replace(
        "mo_ta: Lừa đảo trên mạng thử.\n", ""), encoding="utf-8")
    assert update_guides(site.docs, site.config, TODAY).errors == [
        f"{site.guide}: thiếu “mo_ta” (mô tả ngắn trên thẻ)",
        f"{site.guide}: “hinh” phải là tên một tệp .svg trong docs/assets/images/cam-nang"]


def test_a_summary_point_yaml_reads_as_a_mapping_is_an_error(site: Site) -> None:
    text = site.guide.read_text(encoding="utf-8")
    site.guide.write_text(text.replace("tom_tat: Đừng chuyển tiền cho người lạ.",
                                       "tom_tat:\n  - Dấu hiệu: người lạ đòi tiền.")
                          .replace("doi_tuong: Mọi người\n", ""), encoding="utf-8")
    assert update_guides(site.docs, site.config, TODAY).errors == [
        f"{site.guide}: “tom_tat” phải là một câu hoặc danh sách các câu (câu có dấu “: ” đặt "
        "trong dấu ngoặc kép)",
        f"{site.guide}: “doi_tuong” phải là một dòng chữ: cẩm nang dành cho ai"]


def test_kb_check_fails_on_a_guide_citing_an_article_of_a_replaced_law(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "docs", tmp_path / "docs")
    shutil.copy(root / "mkdocs.yml", tmp_path / "mkdocs.yml")
    guide = tmp_path / "docs" / "cam-nang" / "tin-gia.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "## Pháp luật quy định", "## Pháp luật quy định\n\nXem Điều 8 Luật An ninh mạng số 24/2018/QH14.", 1),
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--docs", "docs/van-ban", "--today", "2026-11-23"])
    assert result.exit_code == 1
    assert "docs/cam-nang/tin-gia.md" in result.output and "24/2018/QH14 đã hết hiệu lực" in result.output
