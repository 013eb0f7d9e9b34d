"""`kb import` end to end: files in, Markdown out, the text check, bad input, slugs, cache."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import kb.importer
from kb.cli import main
from kb.library import read_front_matter

PLAN = """UBND TỈNH THỬ

Số: 25/KH-UBND

Thử, ngày 03 tháng 3 năm 2020

KẾ HOẠCH

Tuyên truyền về an ninh mạng

I. MỤC ĐÍCH

1. Nâng cao nhận thức về Luật An ninh Quốc

gia và ÐIỀU KIỆN bảo đảm.

2. Yêu cầu thực hiện.
"""


def run_import(tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    """Run ``kb import`` inside ``tmp_path``; returns exit code, output and the docs folder."""
    docs = tmp_path / "docs" / "van-ban"
    result = CliRunner().invoke(main, ["import", "--into", str(docs), "--jobs", "1", *args],
                                catch_exceptions=False)
    return result.exit_code, result.output, docs


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kb.cli.CACHE_DIR", tmp_path / "cache")


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_text_file_becomes_a_page_named_after_its_number(tmp_path: Path) -> None:
    source = write(tmp_path / "ke-hoach.txt", PLAN)
    code, output, docs = run_import(tmp_path, str(source))
    assert code == 0, output
    page = docs / "25-kh-ubnd.md"
    meta = read_front_matter(page)
    assert meta["so_hieu"] == "25/KH-UBND" and meta["ngay_ban_hanh"] == "2020-03-03"
    assert meta["nguon"]["tep"] == "ke-hoach.txt" and len(meta["nguon"]["sha256"]) == 64
    text = page.read_text(encoding="utf-8")
    assert "Luật An ninh Quốc gia và ĐIỀU KIỆN" in text  # page break joined, Ð repaired
    assert "2\\. Yêu cầu thực hiện." in text


def test_same_number_from_another_issuer_gets_its_own_slug(tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", PLAN)
    second = write(tmp_path / "b.txt", PLAN.replace("2020", "2021"))
    run_import(tmp_path, str(first), "--set", "co_quan_ban_hanh=UBND tỉnh Thử")
    code, output, docs = run_import(tmp_path, str(second), "--set",
                                    "co_quan_ban_hanh=UBND tỉnh Khác")
    assert code == 0, output
    assert sorted(p.name for p in docs.glob("*.md")) == [
        "25-kh-ubnd-ubnd-tinh-khac-2021.md", "25-kh-ubnd.md"]


def test_reimport_of_the_same_document_keeps_its_slug(tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", PLAN)
    run_import(tmp_path, str(source))
    write(source, PLAN.replace("Yêu cầu thực hiện.", "Yêu cầu thực hiện ngay."))
    code, _, docs = run_import(tmp_path, str(source))
    assert code == 0 and [p.name for p in docs.glob("*.md")] == ["25-kh-ubnd.md"]
    assert "thực hiện ngay" in (docs / "25-kh-ubnd.md").read_text(encoding="utf-8")


def test_unchanged_file_is_not_converted_again(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    source = write(tmp_path / "a.txt", PLAN)
    run_import(tmp_path, str(source))

    def must_not_run(job: kb.importer.Job) -> None:
        raise AssertionError(f"converted again: {job.source}")

    monkeypatch.setattr(kb.importer, "convert", must_not_run)
    code, output, _ = run_import(tmp_path, str(source))
    assert code == 0 and "0 tệp thay đổi" in output


def test_lost_word_fails_the_import_and_writes_nothing(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    source = write(tmp_path / "a.txt", PLAN)
    original_render = kb.importer.render
    monkeypatch.setattr(kb.importer, "render",
                        lambda doc: original_render(doc).replace("Nâng cao ", ""))
    code, output, docs = run_import(tmp_path, str(source))
    assert code == 1
    assert "a.txt" in output and "Nâng cao" in output and "mất hoặc đổi chữ" in output
    assert not docs.exists()


def test_wrong_metadata_field_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", PLAN)
    code, output, _ = run_import(tmp_path, str(source), "--set", "so_hieux=1/KH")
    assert code == 1 and "so_hieux" in output


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


BAD_INPUTS = {
    "rong.txt": b"",
    "nhi-phan.txt": b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 4,
    "rong.docx": b"",
    "hong.docx": b"day khong phai tep docx",
    "khong-than.html": b"<html><head><script>x()</script></head><body><nav>Menu</nav></body>"
                       b"</html>",
    "bang.xls": b"whatever",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_names_the_file_exits_non_zero_and_leaves_docs_untouched(
        tmp_path: Path, name: str) -> None:
    good = write(tmp_path / "good.txt", PLAN)
    run_import(tmp_path, str(good))
    docs = tmp_path / "docs" / "van-ban"
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    bad = write(tmp_path / name, BAD_INPUTS[name])
    changed = write(good, PLAN.replace("Yêu cầu", "Nội dung"))
    code, output, _ = run_import(tmp_path, str(changed), str(bad))
    assert code == 1
    error_lines = [line for line in output.splitlines() if line.startswith("LỖI")]
    assert len(error_lines) == 1 and name in error_lines[0]
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before


def test_docx_without_document_part_is_refused(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "thieu.docx", {"[Content_Types].xml": "<Types/>"})
    code, output, _ = run_import(tmp_path, str(bad))
    assert code == 1 and "thieu.docx" in output


def test_manifest_lists_sources_and_their_metadata(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PLAN)
    manifest = tmp_path / "sources.yml"
    manifest.write_text("root: .\ninto: docs/van-ban\ndocuments:\n  - source: a.txt\n"
                        "    meta:\n      co_quan_ban_hanh: Ủy ban nhân dân tỉnh Thử\n"
                        "      tags: [an ninh mạng]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "--manifest", str(manifest), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    meta = read_front_matter(tmp_path / "docs" / "van-ban" / "25-kh-ubnd.md")
    assert meta["co_quan_ban_hanh"] == "Ủy ban nhân dân tỉnh Thử"
    assert meta["tags"] == ["an ninh mạng"]


LAW_MARKDOWN = """QUỐC HỘI

Luật số: 99/2025/QH15

Hà Nội, ngày 10 tháng 12 năm 2025

LUẬT

THỬ NGHIỆM

Chương I

NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

1. Luật này quy định về thử nghiệm.

2. Luật này áp dụng đối với:

a) Cơ quan nhà nước;

đ) Không phải điểm tiếp theo.
"""


@pytest.mark.parametrize("extension", ["docx", "odt"])
def test_office_documents_import_with_their_structure(tmp_path: Path, extension: str) -> None:
    import pypandoc

    source = tmp_path / f"luat.{extension}"
    pypandoc.convert_text(LAW_MARKDOWN.replace("1. ", "1\\. ").replace("2. ", "2\\. "),
                          extension, format="markdown", outputfile=str(source))
    code, output, docs = run_import(tmp_path, str(source))
    assert code == 0, output
    text = (docs / "99-2025-qh15.md").read_text(encoding="utf-8")
    assert (docs / "goc" / f"99-2025-qh15.{extension}").read_bytes() == source.read_bytes()
    assert "### Điều 1. Phạm vi điều chỉnh {#dieu-1}" in text
    assert "2\\. Luật này áp dụng đối với:\n{: #dieu-1-khoan-2 }" in text
    assert "{: #dieu-1-khoan-2-diem-a }" in text


def test_legacy_encoded_text_is_converted(tmp_path: Path) -> None:
    from tests.test_encoding import cp1258_bytes

    source = write(tmp_path / "cu.txt", cp1258_bytes(PLAN.replace("Ð", "Đ")))
    code, output, docs = run_import(tmp_path, str(source))
    assert code == 0, output
    assert "cu.txt: đã chuyển từ bảng mã Windows-1258 sang Unicode" in output
    assert "Nâng cao nhận thức" in (docs / "25-kh-ubnd.md").read_text(encoding="utf-8")


def test_portal_page_is_sanitised(tmp_path: Path) -> None:
    import markdown

    page = """<html><head><script src="http://evil/x.js"></script>
    <link rel="stylesheet" href="http://cdn/x.css"></head><body>
    <div class="menu"><a href="/">Trang chủ</a></div>
    <div id="divContentDoc"><p>Luật số: 99/2025/QH15</p><p>LUẬT</p><p>THỬ NGHIỆM</p>
    <p onclick="alert(1)">Điều 1. Phạm vi <a href="javascript:alert(2)">điều chỉnh</a></p>
    <p>Nội dung &lt;script&gt;alert(3)&lt;/script&gt; <img src="http://x/y.png" onerror="z()"></p>
    <div class="quang-cao" style="display:none">Quảng cáo</div>
    <iframe src="http://ads/"></iframe><script>track()</script></div></body></html>"""
    source = write(tmp_path / "trang.html", page)
    code, output, docs = run_import(tmp_path, str(source))
    assert code == 0, output
    text = (docs / "99-2025-qh15.md").read_text(encoding="utf-8")
    html = markdown.markdown(text.split("\n---\n", 1)[1], extensions=["attr_list"])
    assert "Quảng cáo" not in html
    for forbidden in ("<script", "onclick", "onerror", "javascript:", "<iframe", "<img",
                      "http://", "Trang chủ", "track()"):
        assert forbidden not in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    original = (docs / "goc" / "99-2025-qh15.txt").read_text(encoding="utf-8")
    assert "Điều 1. Phạm vi điều chỉnh" in original and "<script src" not in original
    assert "track()" not in original and "onclick" not in original


def test_parallel_conversion_gives_the_same_pages(tmp_path: Path) -> None:
    sources = [write(tmp_path / f"{n}.txt", PLAN.replace("25/KH", f"{n}/KH")) for n in range(4)]
    serial = kb.importer.convert_all([kb.importer.Job(s) for s in sources], None, workers=1)
    parallel = kb.importer.convert_all([kb.importer.Job(s) for s in sources], None, workers=2)
    assert [c.markdown for c in serial[0]] == [c.markdown for c in parallel[0]]
    assert len(serial[0]) == 4 and not serial[1] and not parallel[1]
