"""A document that gets a new address keeps its old one working."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.addresses import REDIRECT_SCRIPT, old_addresses, write_redirects
from kb.cli import main
from kb.library import read_front_matter
from kb.publish.csp import inline_scripts

DRAFT = """Số: /KH-UBND

Sơn Dương, ngày 03 tháng 3 năm 2023

KẾ HOẠCH

Tuyên truyền an ninh mạng

I. MỤC ĐÍCH

1. Nâng cao nhận thức.
"""
SIGNED = DRAFT.replace("Số: /KH-UBND", "Số: 25/KH-UBND")
OTHER = DRAFT.replace("Số: /KH-UBND", "Số: 26/KH-UBND").replace(
    "Tuyên truyền an ninh mạng", "Diễn tập ứng cứu sự cố")


def import_file(tmp_path: Path, text: str, name: str = "ke-hoach.txt") -> str:
    source = tmp_path / "nguon" / name
    source.parent.mkdir(exist_ok=True)
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "--into", str(tmp_path / "van-ban"),
                                       "--set", "co_quan_ban_hanh=Ủy ban nhân dân huyện Sơn Dương",
                                       "--no-cache", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return result.output


def pages(tmp_path: Path) -> list[str]:
    return sorted(p.stem for p in (tmp_path / "van-ban").glob("*.md"))


def test_a_draft_that_gets_its_number_moves_and_records_its_old_address(tmp_path: Path) -> None:
    import_file(tmp_path, DRAFT)
    assert pages(tmp_path) == ["ke-hoach-son-duong-2023-03-03"]
    output = import_file(tmp_path, SIGNED)
    assert "Đổi địa chỉ ke-hoach-son-duong-2023-03-03 → 25-kh-ubnd" in output
    assert pages(tmp_path) == ["25-kh-ubnd"]
    meta = read_front_matter(tmp_path / "van-ban" / "25-kh-ubnd.md")
    assert meta["dia_chi_cu"] == ["ke-hoach-son-duong-2023-03-03"]
    assert sorted(p.name for p in (tmp_path / "van-ban" / "goc").iterdir()) == ["25-kh-ubnd.txt"]


def test_reimporting_keeps_the_old_addresses_and_a_renumbering_adds_one(tmp_path: Path) -> None:
    import_file(tmp_path, DRAFT)
    import_file(tmp_path, SIGNED)
    import_file(tmp_path, SIGNED)
    assert read_front_matter(tmp_path / "van-ban" / "25-kh-ubnd.md")["dia_chi_cu"] == [
        "ke-hoach-son-duong-2023-03-03"]
    import_file(tmp_path, SIGNED.replace("25/KH-UBND", "52/KH-UBND"))  # a typo corrected
    assert pages(tmp_path) == ["52-kh-ubnd"]
    assert read_front_matter(tmp_path / "van-ban" / "52-kh-ubnd.md")["dia_chi_cu"] == [
        "25-kh-ubnd", "ke-hoach-son-duong-2023-03-03"]


def test_another_document_in_a_file_of_the_same_name_is_not_a_move(tmp_path: Path) -> None:
    import_file(tmp_path, SIGNED)
    import_file(tmp_path, OTHER)
    assert pages(tmp_path) == ["25-kh-ubnd", "26-kh-ubnd"]
    assert "dia_chi_cu" not in read_front_matter(tmp_path / "van-ban" / "26-kh-ubnd.md")


def site_with_page(tmp_path: Path, slug: str) -> Path:
    page = tmp_path / "site" / "van-ban" / slug / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<h1>Kế hoạch</h1>", encoding="utf-8")
    return tmp_path / "site"


def test_redirect_pages_keep_the_anchor_and_name_the_canonical_address(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "van-ban").mkdir(parents=True)
    (docs / "van-ban" / "25-kh-ubnd.md").write_text(
        "---\ntitle: Kế hoạch số 25/KH-UBND\ndia_chi_cu: [ke-hoach-cu, ke-hoach-rat-cu]\n---\n",
        encoding="utf-8")
    site = site_with_page(tmp_path, "25-kh-ubnd")
    written = write_redirects(old_addresses(docs), site, "https://tinh.example/thu-vien/")
    assert written == ["ke-hoach-cu", "ke-hoach-rat-cu"]
    page = (site / "van-ban" / "ke-hoach-cu" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../25-kh-ubnd/">' in page
    assert '<link rel="canonical" href="https://tinh.example/thu-vien/van-ban/25-kh-ubnd/">' in page
    assert '<a href="../25-kh-ubnd/">Kế hoạch số 25/KH-UBND</a>' in page
    # One script for all redirect pages: one hash in the CSP, however many old addresses.
    assert list(inline_scripts(page)) == [REDIRECT_SCRIPT]


def test_a_redirect_never_replaces_a_real_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "van-ban").mkdir(parents=True)
    (docs / "van-ban" / "25-kh-ubnd.md").write_text(
        "---\ntitle: Kế hoạch\ndia_chi_cu: [26-kh-ubnd]\n---\n", encoding="utf-8")
    site = site_with_page(tmp_path, "26-kh-ubnd")
    assert write_redirects(old_addresses(docs), site, None) == []
    assert (site / "van-ban" / "26-kh-ubnd" / "index.html").read_text() == "<h1>Kế hoạch</h1>"


@pytest.mark.parametrize(("element", "problem"), [
    ('<a href="../luat/#dieu-9">', "trang đích không có neo #dieu-9"),
    ('<a href="../khong-co/">', "không có trang hoặc tệp này"),
    ('<script src="/assets/x.js">', "đường dẫn tuyệt đối từ gốc tên miền"),
])
def test_check_site_reports_broken_links_and_anchors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, element: str, problem: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mkdocs.yml").write_text("site_url: https://tinh.example/thu-vien/\n", encoding="utf-8")
    pages = {"index.html": '<a href="van-ban/luat/">luật</a>',
             "van-ban/luat/index.html": '<p id="dieu-1">Điều 1</p>',
             "van-ban/ke-hoach/index.html":
                 '<a href="../luat/#dieu-1">a</a><a href="#tren" id="tren">b</a>'
                 '<a href="https://example.org/">c</a><a href="/thu-vien/van-ban/luat/">d</a>'
                 f'\n{element}</a>'}
    for name, body in pages.items():
        Path("site", name).parent.mkdir(parents=True, exist_ok=True)
        Path("site", name).write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, ["check-site"])
    assert result.exit_code == 1
    url = element.split('"')[1]
    assert f"LỖI van-ban/ke-hoach/index.html (dòng 2): {url} — {problem}" in result.output
    assert result.output.endswith("3 trang, 6 liên kết, 1 hỏng.\n")
