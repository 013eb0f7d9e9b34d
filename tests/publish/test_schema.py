"""Front matter schema: each wrong field is reported with its file and name, in Vietnamese."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.schema import date_problem, number_problem, type_problem, validate

GOOD = """---
title: 'Kế hoạch số 25/KH-UBND: Tuyên truyền an ninh mạng'
so_hieu: 25/KH-UBND
loai_van_ban: Kế hoạch
co_quan_ban_hanh: Ủy ban nhân dân tỉnh Thử
ngay_ban_hanh: '2024-03-02'
linh_vuc: [An ninh mạng]
---

## I. MỤC ĐÍCH {#muc-i}

Tuyên truyền.
"""


def write_page(docs: Path, name: str, text: str, folder: str = "van-ban") -> Path:
    path = docs / folder / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def with_field(line: str, replacing: str | None = None) -> str:
    """GOOD with ``line`` added to the front matter (replacing the line ``replacing``)."""
    text = GOOD.replace(f"{replacing}\n", "") if replacing else GOOD
    return text.replace("---\n\n", f"{line}\n---\n\n", 1)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    write_page(docs, "25-kh-ubnd", GOOD)
    return docs


def test_a_well_formed_library_has_no_findings(docs: Path) -> None:
    findings = validate(docs)
    assert (findings.errors, findings.warnings, findings.unreadable) == ([], [], [])


@pytest.mark.parametrize(("value", "expected"), [
    ("24/11/2021", "hãy viết năm-tháng-ngày: 2021-11-24"),
    ("2021-13-45", "không phải ngày hợp lệ — viết theo dạng YYYY-MM-DD"),
    ("ngày 24 tháng 11", "không phải ngày hợp lệ"),
])
def test_a_wrong_date_names_the_file_the_field_and_the_right_form(
        docs: Path, value: str, expected: str) -> None:
    path = write_page(docs, "25-kh-ubnd", with_field(f"ngay_ban_hanh: {value}",
                                                     "ngay_ban_hanh: '2024-03-02'"))
    [error] = validate(docs).errors
    assert error.startswith(f"{path}: trường “ngay_ban_hanh”: “{value}”")
    assert expected in error


def test_an_unquoted_impossible_date_does_not_crash_yaml_and_stops_the_other_steps(
        docs: Path) -> None:
    """YAML would raise "month must be in 1..12" without a field name; kb names it."""
    path = write_page(docs, "25-kh-ubnd", with_field("ngay_hieu_luc: 2024-13-01"))
    findings = validate(docs)
    assert findings.unreadable == [path]
    assert findings.errors == [f"{path}: trường “ngay_hieu_luc”: “2024-13-01” không phải ngày "
                               "hợp lệ — viết theo dạng YYYY-MM-DD, ví dụ 2024-06-15"]


def test_issue_dates_may_leave_the_day_blank_but_effective_dates_may_not() -> None:
    assert date_problem("2021-06", partial=True) is None
    assert date_problem("2023", partial=True) is None
    assert date_problem("2021-06") is not None


@pytest.mark.parametrize("number", ["24/2018/QH14", "13/2023/NĐ-CP", "3250/QĐ-UBND", "30-NQ/TW",
                                    "05/2022/TTLT-BCA-BQP", "1234/UBND-KGVX"])
def test_real_document_numbers_are_accepted(number: str) -> None:
    assert number_problem(number) is None


@pytest.mark.parametrize(("number", "hint"), [
    ("Số: 25/KH-UBND", "bỏ chữ “Số:”"),
    ("3250 /QĐ-UBND", "có khoảng trắng"),
    ("25KH-UBND", "không đúng dạng số hiệu"),
])
def test_a_malformed_number_says_what_is_wrong(docs: Path, number: str, hint: str) -> None:
    path = write_page(docs, "25-kh-ubnd", with_field(f"so_hieu: '{number}'",
                                                     "so_hieu: 25/KH-UBND"))
    [error] = validate(docs).errors
    assert error.startswith(f"{path}: trường “so_hieu”:")
    assert hint in error


def test_an_unknown_type_suggests_the_nearest_known_one() -> None:
    assert "có phải “Kế hoạch”?" in type_problem("Kế hoach")
    assert type_problem("Nghị định") is None


def test_missing_required_fields_and_unknown_fields(docs: Path) -> None:
    path = write_page(docs, "x", "---\nso_hieu: 1/KH-UBND\nngay_ban_hnh: '2024-01-01'\n---\n\nA\n")
    findings = validate(docs)
    assert f"{path}: trường “title”: bắt buộc nhưng chưa có" in findings.errors
    assert f"{path}: trường “loai_van_ban”: bắt buộc nhưng chưa có" in findings.errors
    assert f"{path}: trường “ngay_ban_hnh”: trường lạ, không được dùng — có phải " \
           "“ngay_ban_hanh”?" in findings.warnings


def test_a_number_whose_year_differs_from_the_issue_date_is_a_warning(docs: Path) -> None:
    write_page(docs, "24-2018-qh14", "---\ntitle: Luật\nloai_van_ban: Luật\n"
                                     "so_hieu: 24/2018/QH14\nngay_ban_hanh: '2019-06-12'\n---\n\nA\n")
    assert any("năm 2018 trong số hiệu khác năm ban hành 2019" in w
               for w in validate(docs).warnings)


def test_broken_yaml_is_reported_with_its_line(docs: Path) -> None:
    path = write_page(docs, "25-kh-ubnd", GOOD.replace("linh_vuc: [An ninh mạng]",
                                                       "linh_vuc: [An ninh mạng"))
    findings = validate(docs)
    assert findings.unreadable == [path]
    assert findings.errors[0].startswith(f"{path}: phần đầu YAML sai cú pháp (dòng ")


def test_an_old_address_may_not_be_a_live_page(docs: Path) -> None:
    path = write_page(docs, "26-kh-ubnd", GOOD.replace("25/KH-UBND", "26/KH-UBND")
                      .replace("---\n\n", "dia_chi_cu: [25-kh-ubnd]\n---\n\n", 1))
    assert validate(docs).errors == [f"{path}: trường “dia_chi_cu”: “25-kh-ubnd” đang là địa chỉ "
                                     f"của {docs / 'van-ban' / '25-kh-ubnd'}.md"]


def test_a_skeleton_with_blanks_left_is_an_error(docs: Path) -> None:
    path = write_page(docs, "25-kh-ubnd", GOOD + "\n(Nhập nội dung mục đích.)\n")
    assert validate(docs).errors == [f"{path} (dòng 14): còn chỗ “(Nhập nội dung…)” của mẫu "
                                     "chưa điền"]


def test_guides_are_checked_for_dates_but_not_for_document_fields(docs: Path) -> None:
    path = write_page(docs, "lua-dao", "---\ntitle: Lừa đảo\nngay_cap_nhat: 01/11/2026\n---\n\nA\n",
                      folder="cam-nang")
    [error] = validate(docs).errors
    assert error.startswith(f"{path}: trường “ngay_cap_nhat”: “01/11/2026” viết theo kiểu")


def test_kb_check_and_kb_link_stop_with_the_field_named_instead_of_a_traceback(
        docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_page(docs, "25-kh-ubnd", with_field("ngay_hieu_luc: 2024-02-30"))
    monkeypatch.chdir(docs.parent)
    for command in ("check", "link"):
        result = CliRunner().invoke(main, [command, "--docs", "docs/van-ban"])
        assert result.exit_code == 1, result.output
        assert "LỖI docs/van-ban/25-kh-ubnd.md: trường “ngay_hieu_luc”: “2024-02-30” không phải " \
               "ngày hợp lệ" in result.output
        assert "Traceback" not in result.output


def test_kb_check_reports_schema_errors_with_the_library_report(
        docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_page(docs, "25-kh-ubnd", GOOD.replace("so_hieu: 25/KH-UBND", "so_hieu: 25 /KH-UBND"))
    monkeypatch.chdir(docs.parent)
    result = CliRunner().invoke(main, ["check", "--docs", "docs/van-ban"])
    assert result.exit_code == 1
    assert "LỖI docs/van-ban/25-kh-ubnd.md: trường “so_hieu”: “25 /KH-UBND” có khoảng trắng" \
        in result.output


def test_a_number_printed_on_the_original_but_missing_from_the_page_is_an_error(
        docs: Path) -> None:
    path = write_page(docs, "25-kh-ubnd", GOOD.replace("so_hieu: 25/KH-UBND\n", "").replace(
        "---\n\n", "dau_van_ban:\n- 'Số: 25 /KH-UBND'\n---\n\n", 1))
    assert validate(docs).errors == [f"{path}: trường “so_hieu”: bản gốc ghi số “25/KH-UBND” nhưng "
                                     "trang chưa có số hiệu — thêm dòng: so_hieu: 25/KH-UBND"]


def test_a_draft_with_a_blank_number_line_is_not_an_error(docs: Path) -> None:
    write_page(docs, "ke-hoach", GOOD.replace("so_hieu: 25/KH-UBND\n", "").replace(
        "---\n\n", "dau_van_ban:\n- 'Số: /KH-UBND'\n---\n\n", 1))
    assert validate(docs).errors == []


def test_kb_check_repeats_the_findings_about_the_pages_being_changed(
        docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor's new page must not drown in the library's accepted warnings."""
    monkeypatch.chdir(docs.parent)
    write_page(docs, "1-kh-ubnd", GOOD.replace("25/KH-UBND", "1/KH-UBND"))
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "đầu"]):
        subprocess.run(["git", *args], check=True)
    write_page(docs, "25-kh-ubnd", with_field("ngay_hieu_luc: 1/4/2024"))
    result = CliRunner().invoke(main, ["check", "--docs", "docs/van-ban"])
    summary = result.output.split("\nTrong các trang đang thay đổi (1 trang): ", 1)[1]
    assert summary.splitlines() == [
        "1 điểm cần xem:",
        "LỖI docs/van-ban/25-kh-ubnd.md: trường “ngay_hieu_luc”: “1/4/2024” viết theo kiểu "
        "ngày/tháng/năm; hãy viết năm-tháng-ngày: 2024-04-01"]
