"""The office reader: .docx and .odt through pandoc, numbering kept as text."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypandoc
import pytest

from kb.errors import SourceError
from kb.model import Block
from kb.sources import office
from kb.text import repair

NUMBERED_MARKDOWN = """\
Chương I

1. Khoản một.
2. Khoản hai gồm:

    a) điểm a;
    b) điểm b.

3) Khoản ba.

(iv) Mục bốn.
"""

NUMBERED_BLOCKS = [
    "Chương I",
    "1. Khoản một.",
    "2. Khoản hai gồm:",
    "a) điểm a;",
    "b) điểm b.",
    "3) Khoản ba.",
    "(iv) Mục bốn.",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def pandoc_file(folder: Path, source: str, extension: str, source_format: str = "md") -> Path:
    """Write ``source`` (Markdown or HTML) as a .docx/.odt made by pandoc."""
    path = folder / f"van-ban.{extension}"
    pypandoc.convert_text(source, extension, format=source_format, outputfile=str(path))
    return path


def with_parts(path: Path, changes: dict[str, Callable[[str], str]]) -> Path:
    """Rewrite some XML parts of a zip file in place (``changes``: part → edit)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name in changes:
                content = changes[name](content.decode("utf-8")).encode("utf-8")
            target.writestr(name, content)
    path.write_bytes(output.getvalue())
    return path


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return output.getvalue()


def read(path: Path) -> list[Block]:
    return office.read(path.read_bytes(), path)


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def block_words(blocks: list[Block]) -> list[str]:
    return re.sub(r"\\(.)", r"\1", " ".join(texts(blocks))).split()


def plain_words(path: Path) -> list[str]:
    return repair(office.plain_text(path.read_bytes(), path)).split()


# --- numbering --------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["docx", "odt"])
def test_numbered_lists_keep_their_numbers_and_delimiters_as_text(
    tmp_path: Path, extension: str
) -> None:
    path = pandoc_file(tmp_path, NUMBERED_MARKDOWN, extension)
    assert texts(read(path)) == NUMBERED_BLOCKS


@pytest.mark.parametrize("extension", ["docx", "odt"])
def test_plain_text_has_the_words_of_the_blocks(tmp_path: Path, extension: str) -> None:
    source = NUMBERED_MARKDOWN + (
        "\nDiện tích 20 m^2^ có[^1] *nghiêng* **đậm**.\n\n- gạch một\n- gạch hai\n\n"
        "| Cơ quan | Quốc hiệu |\n|---|---|\n| QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "\n[^1]: Ghi chú cuối trang.\n"
    )
    path = pandoc_file(tmp_path, source, extension)
    assert plain_words(path) == block_words(read(path))


def test_docx_numbering_with_text_around_the_number_keeps_the_text(tmp_path: Path) -> None:
    # Word's "Điều %1." list format: pandoc alone would give "1." and lose "Điều".
    path = pandoc_file(tmp_path, "1. Phạm vi điều chỉnh\n2. Đối tượng áp dụng\n", "docx")
    with_parts(path, {"word/numbering.xml": lambda xml: xml.replace('"%1."', '"Điều %1."', 1)})
    blocks = read(path)
    assert texts(blocks) == ["Điều 1. Phạm vi điều chỉnh", "Điều 2. Đối tượng áp dụng"]
    assert plain_words(path) == block_words(blocks)


def word_paragraph(text: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        properties += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{properties}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def word_level(ilvl: int, number_format: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
        f'{extra}<w:lvlText w:val="{text}"/></w:lvl>'
    )


NUMBERING_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="10">
{word_level(0, "decimal", "Điều %1.", '<w:pStyle w:val="Dieu"/><w:suff w:val="space"/>')}
{word_level(1, "decimal", "%2.")}
{word_level(2, "lowerLetter", "%3)")}
</w:abstractNum>
<w:abstractNum w:abstractNumId="11">{word_level(0, "bullet", "-")}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="10"/>
<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="11"/></w:num>
</w:numbering>"""

STYLES = (
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Dieu"><w:name w:val="Dieu"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="DieuDam"><w:name w:val="Dieu dam"/>'
    '<w:basedOn w:val="Dieu"/></w:style>'
)


def test_docx_word_numbering_is_rendered_like_word_prints_it(tmp_path: Path) -> None:
    paragraphs = [
        word_paragraph("Phạm vi điều chỉnh", style="Dieu"),  # numbered by its style
        word_paragraph("Luật này quy định về an ninh mạng.", num=(1, 1)),
        word_paragraph("Các hành vi gồm:", num=(1, 1)),
        word_paragraph("hành vi thứ nhất;", num=(1, 2)),
        word_paragraph("hành vi thứ hai.", num=(1, 2)),
        word_paragraph("Đối tượng áp dụng", style="DieuDam"),  # style based on "Dieu"
        word_paragraph("Khoản sau điều mới.", num=(1, 1)),  # level 2 restarts
        word_paragraph("Hiệu lực thi hành", num=(2, 0)),  # list restarted at 7
        word_paragraph("gạch đầu dòng", num=(3, 0)),  # bullets stay pandoc's
        word_paragraph("Đoạn không đánh số.", style="DieuDam", num=(0, 0)),  # numbering off
    ]
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{"".join(paragraphs)}</w:body></w:document>'
    )
    path = pandoc_file(tmp_path, "Tạm", "docx")
    with_parts(
        path,
        {
            "word/document.xml": lambda _xml: document,
            "word/numbering.xml": lambda _xml: NUMBERING_XML,
            "word/styles.xml": lambda xml: xml.replace("</w:styles>", STYLES + "</w:styles>"),
        },
    )
    blocks = read(path)
    assert texts(blocks) == [
        "Điều 1. Phạm vi điều chỉnh",
        "1. Luật này quy định về an ninh mạng.",
        "2. Các hành vi gồm:",
        "a) hành vi thứ nhất;",
        "b) hành vi thứ hai.",
        "Điều 2. Đối tượng áp dụng",
        "1. Khoản sau điều mới.",
        "Điều 7. Hiệu lực thi hành",
        "- gạch đầu dòng",
        "Đoạn không đánh số.",
    ]
    assert plain_words(path) == block_words(blocks)


def test_docx_without_numbering_is_passed_to_pandoc_unchanged(tmp_path: Path) -> None:
    path = pandoc_file(tmp_path, "Chỉ một đoạn văn.", "docx")
    assert office.render_docx_numbering(path.read_bytes()) == path.read_bytes()


# --- paragraphs -------------------------------------------------------------------


def test_layout_table_cells_are_blocks_with_row_and_column(tmp_path: Path) -> None:
    table = """<table>
    <tr><td>QUỐC HỘI</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>
    <tr><td>Luật số: 99/2099/QH99</td><td>Hà Nội, ngày 01 tháng 01 năm 2099</td></tr>
    </table><p>LUẬT THỬ NGHIỆM</p>"""
    path = pandoc_file(tmp_path, table, "docx", source_format="html")
    assert [(block.cell, block.text) for block in read(path)] == [
        ((0, 0), "QUỐC HỘI"),
        ((0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ((1, 0), "Luật số: 99/2099/QH99"),
        ((1, 1), "Hà Nội, ngày 01 tháng 01 năm 2099"),
        (None, "LUẬT THỬ NGHIỆM"),
    ]


def test_line_break_is_kept_as_newline_and_emphasis_dropped(tmp_path: Path) -> None:
    source = "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\\\n*Độc lập - Tự do - Hạnh phúc*\n"
    path = pandoc_file(tmp_path, source, "docx")
    assert texts(read(path)) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]


def test_literal_markdown_characters_are_escaped(tmp_path: Path) -> None:
    path = pandoc_file(tmp_path, "Ký hiệu \\* và tên\\_tệp.", "docx")
    assert texts(read(path)) == ["Ký hiệu \\* và tên\\_tệp."]


def test_footnotes_are_numbered_like_pandoc_plain_text(tmp_path: Path) -> None:
    path = pandoc_file(
        tmp_path, "Luật An ninh mạng[^1] có hiệu lực.\n\n[^1]: Đã sửa đổi.\n", "docx"
    )
    assert texts(read(path)) == ["Luật An ninh mạng[1] có hiệu lực.", "[1] Đã sửa đổi."]


def test_image_description_is_in_neither_output(tmp_path: Path) -> None:
    # A 1×1 PNG: Word stores a description with every picture; it is not text.
    (tmp_path / "chu-ky.png").write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
        )
    )
    path = tmp_path / "anh.docx"
    pypandoc.convert_text(
        "Ký tên ![Chữ ký của Chủ tịch](chu-ky.png) ngày 1.",
        "docx",
        format="md",
        outputfile=str(path),
        cworkdir=str(tmp_path),
    )
    assert texts(read(path)) == ["Ký tên ngày 1."]
    assert plain_words(path) == ["Ký", "tên", "ngày", "1."]


# --- files that cannot be read ----------------------------------------------------


def broken_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Name → (file, expected reason after "tệp .xxx hỏng hoặc rỗng: ")."""
    files = {
        "zero bytes": ("rong.docx", b"", "tệp có 0 byte"),
        "text renamed": ("van-ban.docx", "Điều 1. Văn bản".encode(), "không phải tệp nén ZIP"),
        "no document.xml": (
            "thieu.docx",
            zip_bytes({"word/styles.xml": b"<w:styles/>"}),
            "thiếu phần word/",
        ),
        "no content.xml": ("thieu.odt", zip_bytes({"mimetype": b"x"}), "thiếu phần content.xml"),
        "bad document.xml": (
            "hong.docx",
            zip_bytes({"word/document.xml": b"<w:document"}),
            "pandoc không đọc",
        ),
    }
    result = {}
    for name, (file_name, content, reason) in files.items():
        path = folder / file_name
        path.write_bytes(content)
        result[name] = (path, reason)
    return result


@pytest.mark.parametrize(
    "case", ["zero bytes", "text renamed", "no document.xml", "no content.xml", "bad document.xml"]
)
@pytest.mark.parametrize("function", [office.read, office.plain_text])
def test_broken_file_is_refused_with_a_one_line_reason(
    tmp_path: Path, case: str, function: Callable[[bytes, Path], object]
) -> None:
    path, reason = broken_files(tmp_path)[case]
    with pytest.raises(SourceError) as error:
        function(path.read_bytes(), path)
    message = error.value.message
    assert message.startswith(f"tệp {path.suffix} hỏng hoặc rỗng: {reason}")
    assert "\n" not in message


def test_document_without_text_is_refused(tmp_path: Path) -> None:
    path = pandoc_file(tmp_path, "", "docx")
    with pytest.raises(SourceError, match="tệp .docx hỏng hoặc rỗng: không có chữ"):
        read(path)


def test_other_formats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"\.docx và \.odt"):
        office.read(b"\xd0\xcf\x11\xe0", tmp_path / "cu.doc")
