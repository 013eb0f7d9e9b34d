"""The HTML reader: portal pages in, text-only paragraphs out."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from kb.errors import SourceError
from kb.model import Block
from kb.sources import html
from kb.text import repair

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "laws"
PAGE_PATH = Path("luat-thu-nghiem.html")

# A page as a portal serves it: menus, ads, scripts, an iframe, a form and event
# handlers around (and some inside) the document body ``div#divContentDoc``.
PORTAL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Luật thử nghiệm - Cổng pháp luật</title>
<script>var theoDoi = "Mã theo dõi";</script>
<style>.content1 { color: red }</style>
<link rel="stylesheet" href="https://cdn.example/site.css"></head>
<body onload="khoiDong()">
<div id="top_menu"><ul><li><a href="/">Trang chủ</a></li>
<li><a href="/van-ban">Văn bản mới</a></li></ul></div>
<nav><a href="/dang-nhap">Đăng nhập</a></nav>
<div class="box-ads"><a href="https://ads.example/"><img src="https://ads.example/b.gif">
Vay tiền nhanh</a></div>
<div id="divContentDoc" class="cldivContentDocVn">
 <div id="hdsd" style="position:absolute; display:none">Hướng dẫn ẩn của cổng</div>
 <div class="content1">
 <table border=0 cellspacing=0 cellpadding=0>
  <tr>
   <td><p align=center style='text-align:center'><b>QUỐC HỘI<br>
   --------</b></p></td>
   <td><p align=center style='text-align:center'><b>CỘNG HÒA XÃ
   HỘI CHỦ NGHĨA VIỆT NAM<br>
   Độc lập - Tự do - Hạnh phúc</b></p></td>
  </tr>
  <tr>
   <td><p align=center style='text-align:center'>Luật số:
   99/2099/QH99</p></td>
   <td><p align=right style='text-align:right'><i>Hà Nội, ngày
   01 tháng 01 năm 2099</i></p></td>
  </tr>
 </table>
 <p style='margin-bottom:6.0pt'>&nbsp;</p>
 <p align=center><a name="loai_1"><b><span style='font-size:12.0pt'>LUẬT</span></b></a></p>
 <p align=center><b>THỬ NGHIỆM</b></p>
 <p><a name="chuong_1"><b>Chương I</b></a></p>
 <p style='text-align:center'><b>NHỮNG QUY ĐỊNH CHUNG</b></p>
 <p><a name="dieu_1"><b>Điều 1. Phạm vi
 điều chỉnh</b></a></p>
 <p>1. Luật này quy định về bảo vệ an ninh quốc
 gia trên không gian mạng, theo <a href="javascript:void(0)" onclick="moVanBan(1)"
 onmouseover="goiY()">Luật An ninh mạng</a>.</p>
 <p>a) <i>C</i><i><span lang=DE>ổng kết nối mạng quốc
 tế</span></i><span lang=DE> </span>là nơi diễn ra hoạt động kết nối<span lang=IT>.</span></p>
 <iframe src="https://evil.example/khung"></iframe>
 <p>Ký hiệu * và tên_tệp giữ nguyên.</p>
 <button onclick="window.print()">In văn bản</button>
 </div>
</div>
<form action="/tim-kiem"><input name="q" value="Tìm kiếm"><button>Tìm</button></form>
<div class="footer">Bản quyền thuộc Cổng pháp luật</div>
<script>document.write("<p>Chèn bởi script</p>")</script>
</body></html>
"""

CHROME_TEXTS = (
    "Trang chủ", "Văn bản mới", "Đăng nhập", "Vay tiền", "Hướng dẫn ẩn", "In văn bản",
    "Tìm", "Bản quyền", "Chèn bởi script", "Mã theo dõi", "Cổng pháp luật",
)  # fmt: skip


def read_page(page: str) -> list[Block]:
    return html.read(page.encode("utf-8"), PAGE_PATH)


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.fixture(scope="module")
def portal_blocks() -> list[Block]:
    return read_page(PORTAL_PAGE)


def test_body_is_the_known_portal_element(portal_blocks: list[Block]) -> None:
    assert portal_blocks[0].text == "QUỐC HỘI\n--------"
    assert portal_blocks[-1].text == "Ký hiệu \\* và tên\\_tệp giữ nguyên."


def test_portal_chrome_never_reaches_blocks(portal_blocks: list[Block]) -> None:
    joined = "\n".join(texts(portal_blocks))
    for chrome in CHROME_TEXTS:
        assert chrome not in joined


def test_blocks_carry_text_only_no_markup_or_link_targets(portal_blocks: list[Block]) -> None:
    joined = "\n".join(texts(portal_blocks))
    for markup in ("<", ">", "javascript", "onclick", "evil.example", "https:", "href"):
        assert markup not in joined


def test_link_text_is_kept_without_its_target(portal_blocks: list[Block]) -> None:
    assert (
        "1. Luật này quy định về bảo vệ an ninh quốc gia trên không gian mạng, "
        "theo Luật An ninh mạng." in texts(portal_blocks)
    )


def test_hard_wrapped_source_lines_become_single_spaces(portal_blocks: list[Block]) -> None:
    assert "Điều 1. Phạm vi điều chỉnh" in texts(portal_blocks)


def test_words_split_across_spans_are_joined(portal_blocks: list[Block]) -> None:
    assert "a) Cổng kết nối mạng quốc tế là nơi diễn ra hoạt động kết nối." in texts(portal_blocks)


def test_anchor_text_is_kept(portal_blocks: list[Block]) -> None:
    assert "Chương I" in texts(portal_blocks)
    assert "LUẬT" in texts(portal_blocks)


def test_br_becomes_a_newline_inside_the_block(portal_blocks: list[Block]) -> None:
    assert portal_blocks[1].text == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    )


def test_layout_table_cells_are_blocks_with_row_and_column(portal_blocks: list[Block]) -> None:
    cells = [(block.cell, block.text) for block in portal_blocks if block.cell is not None]
    assert cells == [
        ((0, 0), "QUỐC HỘI\n--------"),
        ((0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
        ((1, 0), "Luật số: 99/2099/QH99"),
        ((1, 1), "Hà Nội, ngày 01 tháng 01 năm 2099"),
    ]


def test_alignment_comes_from_align_attribute_or_text_align_style(
    portal_blocks: list[Block],
) -> None:
    align = {block.text: block.align for block in portal_blocks}
    assert align["LUẬT"] == "center"  # align=center
    assert align["NHỮNG QUY ĐỊNH CHUNG"] == "center"  # style text-align:center
    assert align["Hà Nội, ngày 01 tháng 01 năm 2099"] == "right"
    assert align["Chương I"] is None


def test_empty_and_nbsp_only_paragraphs_are_skipped(portal_blocks: list[Block]) -> None:
    assert all(block.text.strip() for block in portal_blocks)
    assert texts(portal_blocks)[4:6] == ["LUẬT", "THỬ NGHIỆM"]


def test_emphasis_is_dropped_and_literal_markdown_characters_escaped(
    portal_blocks: list[Block],
) -> None:
    assert "Chương I" in texts(portal_blocks)  # was <b>, no "**"
    assert "Ký hiệu \\* và tên\\_tệp giữ nguyên." in texts(portal_blocks)


def test_lookalikes_nbsp_zero_width_and_decomposed_text_are_repaired() -> None:
    decomposed = unicodedata.normalize("NFD", "quyền của đối tượng")
    page = f"<main><p>\u00d0iều&nbsp;2.\u200b Quy{decomposed[3:]} \u00f0ây</p></main>"
    (block,) = read_page(page)
    assert block.text == "Điều 2. Quyền của đối tượng đây"
    assert unicodedata.is_normalized("NFC", block.text)


def test_repair_is_nfc_with_vietnamese_d_and_visible_spaces_only() -> None:
    assert repair("\u00d0\u00f0a\u00a0b\u200bc\u00add") == "\u0110\u0111a bcd"
    assert repair("e\u0302\u0301") == "ế"
    assert repair("a\nb") == "a\nb"


def test_meta_charset_is_honoured() -> None:
    page = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; '
        b'charset=windows-1258"></head><body><p>\xd0i\xea\xccu 1.</p></body></html>'
    )
    assert texts(html.read(page, PAGE_PATH)) == ["Điều 1."]


def test_body_falls_back_to_the_element_with_most_paragraph_text() -> None:
    page = """<html><body>
    <div class="links"><p><a href="/a">Trang chủ</a></p><p><a href="/b">Liên hệ</a></p></div>
    <div class="noi-dung"><p>Điều 1. Phạm vi điều chỉnh</p>
    <p>Luật này quy định về an ninh mạng và trách nhiệm của cơ quan, tổ chức.</p></div>
    </body></html>"""
    assert texts(read_page(page)) == [
        "Điều 1. Phạm vi điều chỉnh",
        "Luật này quy định về an ninh mạng và trách nhiệm của cơ quan, tổ chức.",
    ]


def test_div_with_direct_text_is_a_paragraph() -> None:
    page = "<article><div>Điều 2.<p>Khoản một.</p>Câu sau khoản.</div></article>"
    assert texts(read_page(page)) == ["Điều 2.", "Khoản một.", "Câu sau khoản."]


def test_list_items_start_with_the_marker_a_browser_prints() -> None:
    page = """<main><ol start="3" type="a"><li>điểm c</li><li>điểm d
    <ol type="I"><li>mục một</li></ol></li></ol>
    <ol><li value="5">năm</li><li>sáu</li></ol><ul><li>gạch đầu dòng</li></ul></main>"""
    assert texts(read_page(page)) == [
        "c. điểm c", "d. điểm d", "I. mục một", "5. năm", "6. sáu", "- gạch đầu dòng",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "page",
    [
        "",
        "<html><body></body></html>",
        "<html><body><div id='divContentDoc'>&nbsp;</div><script>x = 'chữ'</script></body></html>",
        "<html><body><main><p style='display:none'>ẩn</p></main></body></html>",
    ],
)
def test_page_without_document_text_is_refused(page: str) -> None:
    with pytest.raises(SourceError) as error:
        read_page(page)
    assert error.value.message == "không tìm thấy nội dung văn bản trong trang HTML"
    assert error.value.path == PAGE_PATH


def test_absurdly_nested_page_is_refused_not_crashed() -> None:
    page = "<main><p>Điều 1.</p>" + "<div>" * 3000 + "chữ" + "</div>" * 3000 + "</main>"
    with pytest.raises(SourceError, match="lồng thẻ quá sâu"):
        read_page(page)


def test_plain_text_is_the_raw_text_of_the_same_body() -> None:
    text = html.plain_text(PORTAL_PAGE.encode("utf-8"), PAGE_PATH)
    assert "C" + "ổng kết nối mạng quốc\n tế" in text  # joined, wraps kept as they are
    assert "Trang chủ" not in text  # outside the body
    assert "Mã theo dõi" not in text  # script


def test_plain_text_and_blocks_have_the_same_words_on_a_clean_page() -> None:
    page = PORTAL_PAGE.replace('<button onclick="window.print()">In văn bản</button>', "")
    page = page.replace("Hướng dẫn ẩn của cổng", "")
    words = repair(html.plain_text(page.encode("utf-8"), PAGE_PATH)).split()
    assert words == unescape(" ".join(texts(read_page(page)))).split()


# --- the real pages of the shared corpus --------------------------------------------


def corpus_page(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path


@pytest.fixture(scope="module")
def an_ninh_mang() -> tuple[Path, list[Block]]:
    path = corpus_page("luat-an-ninh-mang-2018.tvpl.html")
    return path, html.read(path.read_bytes(), path)


def test_real_page_yields_chapter_and_article_headings(
    an_ninh_mang: tuple[Path, list[Block]],
) -> None:
    blocks = texts(an_ninh_mang[1])
    assert "Chương I" in blocks
    assert "Điều 8. Các hành vi bị nghiêm cấm về an ninh mạng" in blocks
    assert blocks[0] == "QUỐC HỘI\n--------"
    assert blocks[-1] == "CHỦ TỊCH QUỐC HỘI\nNguyễn Thị Kim Ngân"


def test_real_page_chrome_is_left_out(an_ninh_mang: tuple[Path, list[Block]]) -> None:
    path, blocks = an_ninh_mang
    page = path.read_text(encoding="utf-8")
    joined = "\n".join(texts(blocks))
    # Portal texts outside div#divContentDoc: tools, table of contents, English tab.
    for chrome in (
        "Theo dõi hiệu lực VB",
        "MỤC LỤC VĂN BẢN",
        "Hãy đăng nhập hoặc đăng ký",
        "Lưu trữ",
    ):
        assert chrome in page
        assert chrome not in joined
    assert "Prohibited acts" not in joined


def test_real_page_plain_text_has_the_words_of_the_blocks(
    an_ninh_mang: tuple[Path, list[Block]],
) -> None:
    path, blocks = an_ninh_mang
    words = html.plain_text(path.read_bytes(), path).split()
    assert words == unescape(" ".join(texts(blocks))).split()


@pytest.mark.parametrize(
    "name", ["luat-cong-nghe-thong-tin-2006.tvpl.html", "hien-phap-2013.tvpl.html"]
)
def test_other_real_pages_keep_every_word_after_repair(name: str) -> None:
    # These two carry a soft hyphen and decomposed (NFD) letters: words match once
    # the raw text gets the same repair as the blocks.
    path = corpus_page(name)
    blocks = html.read(path.read_bytes(), path)
    words = repair(html.plain_text(path.read_bytes(), path)).split()
    assert words == unescape(" ".join(texts(blocks))).split()


def test_plain_text_carries_the_list_numbers_the_blocks_carry() -> None:
    page = "<main><ol start='2'><li>Khoản hai.</li><li>Khoản ba.</li></ol></main>"
    words = html.plain_text(page.encode("utf-8"), PAGE_PATH).split()
    assert words == unescape(" ".join(texts(read_page(page)))).split()
    assert words == ["2.", "Khoản", "hai.", "3.", "Khoản", "ba."]
