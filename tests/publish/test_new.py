"""``kb new``: four questions, a page at the right address, blanks that block publishing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.library import read_front_matter
from kb.schema import KNOWN_TYPES, validate


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("docs")


def new(*args: str, answers: str = "") -> str:
    result = CliRunner().invoke(main, ["new", *args], input=answers)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_plan_gets_its_numbers_address_front_matter_and_anchored_sections(docs: Path) -> None:
    output = new("--loai", "Kế hoạch", "--so-hieu", "25/KH-UBND", "--ngay", "2026-03-02",
                 "--co-quan", "Ủy ban nhân dân tỉnh Thử", "--trich-yeu", "Tuyên truyền an ninh mạng")
    path = docs / "van-ban" / "25-kh-ubnd.md"
    assert f"Đã tạo {path}" in output
    assert read_front_matter(path) == {
        "title": "Kế hoạch số 25/KH-UBND: Tuyên truyền an ninh mạng", "so_hieu": "25/KH-UBND",
        "loai_van_ban": "Kế hoạch", "co_quan_ban_hanh": "Ủy ban nhân dân tỉnh Thử",
        "ngay_ban_hanh": "2026-03-02", "trich_yeu": "Tuyên truyền an ninh mạng"}
    text = path.read_text(encoding="utf-8")
    assert "## I. MỤC ĐÍCH, YÊU CẦU {#muc-i}" in text
    assert "1\\. Mục đích\n{: #muc-i-1 }" in text


def test_a_decree_gets_articles(docs: Path) -> None:
    new("--loai", "Nghị định", "--so-hieu", "13/2023/NĐ-CP", "--ngay", "2023-04-17",
        "--co-quan", "Chính phủ", "--trich-yeu", "Bảo vệ dữ liệu cá nhân")
    text = (docs / "van-ban" / "13-2023-nd-cp.md").read_text(encoding="utf-8")
    assert "## Điều 1. Phạm vi điều chỉnh {#dieu-1}" in text
    assert "{: #dieu-2-khoan-1 }" in text


def test_the_skeleton_cannot_be_published_until_its_blanks_are_filled(docs: Path) -> None:
    new("--loai", "Kế hoạch", "--so-hieu", "25/KH-UBND", "--ngay", "2026-03-02",
        "--co-quan", "UBND tỉnh Thử", "--trich-yeu", "Tuyên truyền")
    path = docs / "van-ban" / "25-kh-ubnd.md"
    assert validate(docs).errors == [f"{path} (dòng 15): còn chỗ “(Nhập nội dung…)” của mẫu "
                                     "chưa điền"]
    filled = path.read_text(encoding="utf-8").replace("(Nhập nội dung", "(Đã điền")
    path.write_text(filled, encoding="utf-8")
    assert validate(docs).errors == []


def test_questions_are_asked_again_until_the_answer_is_right(docs: Path) -> None:
    kind = KNOWN_TYPES.index("Quyết định") + 1
    output = new(answers=f"{kind}\nSố 12/QĐ-UBND\n12/QĐ-UBND\n12/3/2026\n2026-03-12\n"
                         "Ủy ban nhân dân tỉnh Thử\nPhê duyệt đề án\n")
    assert "chỉ ghi số hiệu, bỏ chữ “Số:”" in output
    assert "“12/3/2026” viết theo kiểu ngày/tháng/năm; hãy viết năm-tháng-ngày: 2026-03-12" \
        in output
    assert read_front_matter(docs / "van-ban" / "12-qd-ubnd.md")["ngay_ban_hanh"] == "2026-03-12"


def test_a_draft_without_number_is_named_by_type_and_date_with_a_warning(docs: Path) -> None:
    output = new("--loai", "Kế hoạch", "--so-hieu", "", "--ngay", "2026-03-02",
                 "--co-quan", "UBND huyện Thử", "--trich-yeu", "Diễn tập")
    assert "văn bản không có số hiệu" in output
    assert (docs / "van-ban" / "ke-hoach-2026-03-02.md").exists()


def test_a_document_already_in_the_library_is_not_overwritten(docs: Path) -> None:
    args = ["--loai", "Kế hoạch", "--so-hieu", "25/KH-UBND", "--ngay", "2026-03-02",
            "--co-quan", "UBND tỉnh Thử", "--trich-yeu", "Tuyên truyền"]
    new(*args)
    result = CliRunner().invoke(main, ["new", *args])
    assert result.exit_code == 1
    assert "đã có: văn bản này đã ở trong thư viện" in result.output


def test_a_wrong_type_on_the_command_line_names_the_nearest(docs: Path) -> None:
    result = CliRunner().invoke(main, ["new", "--loai", "Ke hoach"])
    assert result.exit_code == 2
    assert "có phải “Kế hoạch”?" in result.output


def test_a_guide_gets_its_review_date_and_sections(docs: Path) -> None:
    new("--loai", "Cẩm nang", "--trich-yeu", "Lừa đảo qua mạng xã hội")
    path = docs / "cam-nang" / "lua-dao-qua-mang-xa-hoi.md"
    meta = read_front_matter(path)
    assert (meta["title"], meta["template"]) == ("Lừa đảo qua mạng xã hội", "guide.html")
    assert "ngay_cap_nhat" in meta
    assert "## Dấu hiệu nhận biết {#dau-hieu}" in path.read_text(encoding="utf-8")
    assert validate(docs).errors[0].startswith(f"{path} (dòng 5): còn chỗ “(Nhập nội dung")
