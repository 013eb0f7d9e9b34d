"""Markdown output: numbering kept as text, explicit anchors, nothing executable."""

from __future__ import annotations

import markdown

from kb.render import escape, render
from tests.conftest import parse_lines


def to_html(text: str) -> str:
    """Render as MkDocs does for these pages (attr_list gives the explicit ids)."""
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables"])


def body(text: str) -> str:
    return text.split("\n---\n", 1)[1]


def test_numbered_sections_are_never_renumbered() -> None:
    output = render(parse_lines("I. MỤC ĐÍCH", "2. Yêu cầu", "- Thực hiện.", "5. Kinh phí"))
    html = to_html(body(output))
    assert "<ol" not in html
    assert ">2. Yêu cầu</p>" in html and ">5. Kinh phí</p>" in html


def test_clause_and_point_paragraphs_carry_their_anchor() -> None:
    html = to_html(body(render(parse_lines("Điều 8. Các hành vi bị nghiêm cấm", "1. Một:",
                                           "a) Hai;"))))
    assert '<h2 id="dieu-8">Điều 8. Các hành vi bị nghiêm cấm</h2>' in html
    assert '<p id="dieu-8-khoan-1">1. Một:</p>' in html
    assert '<p id="dieu-8-khoan-1-diem-a">a) Hai;</p>' in html


def test_chapter_heading_keeps_number_and_title() -> None:
    html = to_html(body(render(parse_lines("Chương II", "BẢO VỆ AN NINH MẠNG", "Điều 1. A"))))
    assert '<h2 id="chuong-ii">Chương II <span class="unit-title">BẢO VỆ AN NINH MẠNG</span></h2>' \
        in html
    assert '<h3 id="dieu-1">' in html


def test_long_decision_article_stays_a_paragraph_with_its_anchor() -> None:
    text = "Điều 1. Phê duyệt kèm theo Quyết định này Đề án tuyên truyền về an ninh mạng."
    html = to_html(body(render(parse_lines(text))))
    assert '<p id="dieu-1"><strong>Điều 1.</strong> Phê duyệt' in html


def test_markup_in_source_text_is_escaped_not_executed() -> None:
    hostile = ('Xem <script>alert(1)</script> và [bấm](javascript:alert(2)) '
               '<img src=x onerror=alert(3)> `mã` &amp; <iframe src="http://x">')
    html = to_html(escape(hostile))
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<a " not in html and "<code>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_leading_markdown_syntax_is_escaped() -> None:
    assert to_html(escape("# không phải tiêu đề")) == "<p># không phải tiêu đề</p>"
    assert to_html(escape("> không phải trích dẫn")) == "<p>&gt; không phải trích dẫn</p>"
    assert to_html(escape("3) ba")) == "<p>3) ba</p>"


def test_front_matter_holds_metadata_and_the_original_header() -> None:
    output = render(parse_lines("Số: 812/KH-SCT", "Quảng Ngãi, ngày 14 tháng 4 năm 2023",
                                "KẾ HOẠCH", "Thực hiện Chỉ thị", "I. MỤC ĐÍCH"))
    head = output.split("\n---\n", 1)[0]
    assert "so_hieu: 812/KH-SCT" in head
    assert "ngay_ban_hanh: '2023-04-14'" in head
    assert "title: 'Kế hoạch số 812/KH-SCT: Thực hiện Chỉ thị'" in head
    assert "dau_van_ban:\n- 'Số: 812/KH-SCT'" in head
