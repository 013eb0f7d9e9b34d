"""Structure recognition: units, nesting, anchors, header and closing, page-break joins."""

from __future__ import annotations

from kb.model import Block, Kind
from kb.structure import parse_document
from kb.structure.paragraphs import join_page_breaks, split_block, to_paragraphs
from tests.conftest import anchors, parse_lines, walk

LAW = [
    "QUỐC HỘI -------",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------",
    "Luật số: 99/2025/QH15",
    "LUẬT",
    "THỬ NGHIỆM",
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
    "PHẦN THỨ NHẤT",
    "QUY ĐỊNH CHUNG",
    "Chương I",
    "NHỮNG QUY ĐỊNH CHUNG",
    "Mục 1",
    "PHẠM VI",
    "Điều 1. Phạm vi điều chỉnh",
    "1. Luật này quy định về thử nghiệm.",
    "2. Luật này áp dụng đối với:",
    "a) Cơ quan nhà nước;",
    "d) Doanh nghiệp;",
    "Điều 18 của Luật này không áp dụng cho trường hợp này.",
    "Điều 10a. Điều được bổ sung",
    "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, "
    "kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025.",
    "CHỦ TỊCH QUỐC HỘI",
    "(Đã ký)",
    "Trần Văn Thử",
]


def test_every_legal_level_is_recognised_and_nested() -> None:
    document = parse_lines(*LAW)
    part = next(u for u in document.body if u.kind is Kind.PHAN)
    chapter = part.children[0]
    section = chapter.children[0]
    article = section.children[0]
    assert (part.label, part.text) == ("PHẦN THỨ NHẤT", "QUY ĐỊNH CHUNG")
    assert (chapter.kind, chapter.text) == (Kind.CHUONG, "NHỮNG QUY ĐỊNH CHUNG")
    assert (section.kind, section.number, section.text) == (Kind.MUC, "1", "PHẠM VI")
    assert (article.kind, article.number, article.text) == (Kind.DIEU, "1", "Phạm vi điều chỉnh")
    clauses = [c for c in article.children if c.kind is Kind.KHOAN]
    assert [c.number for c in clauses] == ["1", "2"]
    assert [p.number for p in clauses[1].children if p.kind is Kind.DIEM] == ["a"]


def test_anchors_come_from_official_numbers() -> None:
    document = parse_lines(*LAW)
    assert anchors(document) == [
        "phan-thu-nhat", "chuong-i", "chuong-i-muc-1", "dieu-1", "dieu-1-khoan-1",
        "dieu-1-khoan-2", "dieu-1-khoan-2-diem-a", "dieu-10a",
    ]


def test_point_dd_never_collides_with_d() -> None:
    document = parse_lines("Điều 5. Các điểm", "1. Gồm:", "a) Một;", "b) Hai;", "c) Ba;",
                           "d) Bốn;", "đ) Năm;")
    assert anchors(document, Kind.DIEM)[-2:] == ["dieu-5-khoan-1-diem-d", "dieu-5-khoan-1-diem-dd"]


def test_points_directly_under_an_article_are_anchored_to_it() -> None:
    document = parse_lines("Điều 3. Nguyên tắc", "a) Thứ nhất;", "b) Thứ hai.")
    assert anchors(document, Kind.DIEM) == ["dieu-3-diem-a", "dieu-3-diem-b"]


def test_wrapped_line_starting_with_an_article_reference_is_not_an_article() -> None:
    document = parse_lines(*LAW)
    articles = [u.number for u in walk(document.body) if u.kind is Kind.DIEU]
    assert articles == ["1", "10a"]
    assert any(u.text.startswith("Điều 18 của Luật này") for u in walk(document.body))


def test_out_of_sequence_point_stays_text() -> None:
    document = parse_lines(*LAW)
    assert "dieu-1-khoan-2-diem-d" not in anchors(document)
    assert any(u.kind is Kind.PARAGRAPH and u.text == "d) Doanh nghiệp;"
               for u in walk(document.body))


def test_article_without_full_stop_is_accepted_only_in_sequence() -> None:
    document = parse_lines("Điều 1. Một", "Nội dung.", "Điều 2 Chính sách của Nhà nước",
                           "Nội dung.", "Điều 7 Luật này được áp dụng")
    assert anchors(document, Kind.DIEU) == ["dieu-1", "dieu-2"]


def test_law_header_becomes_metadata_and_leaves_the_body() -> None:
    document = parse_lines(*LAW)
    meta = document.meta
    assert meta.so_hieu == "99/2025/QH15"
    assert meta.loai_van_ban == "Luật"
    assert meta.co_quan_ban_hanh == "Quốc hội"
    assert meta.trich_yeu == "Thử nghiệm"
    assert document.header[0] == "QUỐC HỘI -------"
    assert document.body[0].text.startswith("Căn cứ Hiến pháp")


def test_law_date_comes_from_the_adoption_sentence_and_signature_from_the_closing() -> None:
    meta = parse_lines(*LAW).meta
    assert meta.ngay_ban_hanh == "2025-12-10"
    assert (meta.chuc_vu, meta.nguoi_ky) == ("CHỦ TỊCH QUỐC HỘI", "Trần Văn Thử")


PLAN = [
    "SỞ THÔNG TIN\nVÀ TRUYỀN THÔNG",
    "Số: 25 /KH-STTTT",
    "Thử, ngày 03 tháng 3 năm 2020",
    "KẾ HOẠCH\nTuyên truyền về an ninh mạng\nnăm 2020",
    "Thực hiện Kế hoạch số 1/KH-UBND, Sở xây dựng Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "- Nâng cao nhận thức.",
    "2. Yêu cầu",
    "a) Thiết thực;",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Các phòng thực hiện Kế hoạch này./.",
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
    "**KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC**",
    "Nguyễn Văn Ký",
]


def test_plan_header_number_place_date_type_and_title() -> None:
    meta = parse_lines(*PLAN).meta
    assert meta.so_hieu == "25/KH-STTTT"
    assert (meta.noi_ban_hanh, meta.ngay_ban_hanh) == ("Thử", "2020-03-03")
    assert meta.loai_van_ban == "Kế hoạch"
    assert meta.trich_yeu == "Tuyên truyền về an ninh mạng năm 2020"
    assert meta.co_quan_ban_hanh == "Sở thông tin và truyền thông"


def test_plan_sections_items_and_subitems_get_anchors() -> None:
    document = parse_lines(*PLAN)
    assert anchors(document) == ["muc-i", "muc-i-1", "muc-i-2", "muc-i-2-a", "muc-ii",
                                 "muc-ii-1"]


def test_signature_block_keeps_its_lines() -> None:
    meta = parse_lines(*PLAN).meta
    assert meta.chuc_vu == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert meta.nguoi_ky == "Nguyễn Văn Ký"


def test_recipients_are_split_into_their_lines() -> None:
    texts = [u.text for u in walk(parse_lines(*PLAN).body) if u.kind is Kind.PARAGRAPH]
    assert texts[-3:] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]


def test_unnumbered_draft_warns() -> None:
    document = parse_lines("Số: /KH-UBND", "Sơn Dương, ngày tháng 6 năm 2021", "KẾ HOẠCH",
                           "Triển khai", "I. MỤC ĐÍCH")
    assert document.meta.so_hieu is None
    assert document.meta.ngay_ban_hanh == "2021-06"
    assert any("chưa có số hiệu" in w for w in document.warnings)


def test_text_without_structure_is_kept_with_a_warning() -> None:
    document = parse_lines("Một đoạn văn.", "Một đoạn khác.")
    assert [u.text for u in document.body] == ["Một đoạn văn.", "Một đoạn khác."]
    assert any("không nhận ra cấu trúc" in w for w in document.warnings)


def test_attachment_after_the_signature_starts_its_own_anchors() -> None:
    document = parse_lines(
        "Điều 1. Phê duyệt kèm theo Quyết định này Đề án.", "Điều 2. Hiệu lực.",
        "**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**", "Nguyễn Minh", "ĐỀ ÁN", "Tuyên truyền",
        "PHẦN I**CĂN CỨ****I. CĂN CỨ PHÁP LÝ**", "- Luật An ninh mạng.",
    )
    assert anchors(document) == ["dieu-1", "dieu-2", "de-an", "de-an-phan-i",
                                 "de-an-phan-i-muc-i"]
    part = next(u for u in walk(document.body) if u.kind is Kind.PHAN)
    assert part.text == "CĂN CỨ"


def test_page_break_inside_a_sentence_is_joined() -> None:
    paragraphs = to_paragraphs([
        Block("trọng tâm là: Luật An ninh Quốc"), Block("gia ngày 03/12/2004, Luật An ninh mạng."),
        Block("hoạt động tội phạm tín dụng đen, lừa"), Block("đảo; phát tán thông tin."),
    ])
    assert [p.text for p in paragraphs] == [
        "trọng tâm là: Luật An ninh Quốc gia ngày 03/12/2004, Luật An ninh mạng.",
        "hoạt động tội phạm tín dụng đen, lừa đảo; phát tán thông tin.",
    ]


def test_page_break_inside_a_proper_name_is_joined() -> None:
    before = ("b) Công an huyện chủ trì, phối hợp với Phòng Văn hóa và Thông tin, "
              "Ban Chỉ huy Quân sự huyện, Ban")
    paragraphs = join_page_breaks(to_paragraphs([Block(before), Block("Tuyên giáo Huyện ủy.")]))
    assert paragraphs[0].text.endswith("Ban Tuyên giáo Huyện ủy.")


def test_heading_followed_by_its_paragraph_is_not_joined() -> None:
    paragraphs = to_paragraphs([
        Block("1. Nâng cao nhận thức trong xây dựng phong trào trên không gian mạng"),
        Block("Tiếp tục quán triệt đến toàn thể đảng viên."),
        Block("2. Yêu cầu"), Block("- thực hiện thường xuyên."),
    ])
    assert len(paragraphs) == 4


def test_hard_wrapped_title_is_joined_but_list_lines_are_split() -> None:
    title = split_block(Block("**Phê duyệt Đề án Thông tin,\nnâng cao nhận thức**"))
    recipients = split_block(Block("- Như Điều 3;\n- Lưu: VT."))
    assert [p.text for p in title] == ["**Phê duyệt Đề án Thông tin, nâng cao nhận thức**"]
    assert [p.text for p in recipients] == ["- Như Điều 3;", "- Lưu: VT."]


def test_duplicate_numbers_get_a_unique_anchor_and_a_warning() -> None:
    document = parse_document([Block(t) for t in ("I. MỘT", "1. A", "1. B")])
    assert anchors(document) == ["muc-i", "muc-i-1", "muc-i-1-2"]
    assert any("lặp lại" in w for w in document.warnings)


def test_clause_number_without_full_stop_is_accepted_in_sequence() -> None:
    document = parse_lines("Điều 1 Lưu trữ thông tin", "1 Cá nhân có quyền yêu cầu.",
                           "2. Tổ chức không được cung cấp.", "3 tổ chức khác.")
    assert anchors(document) == ["dieu-1", "dieu-1-khoan-1", "dieu-1-khoan-2"]


def test_plan_items_outside_a_section_get_a_word() -> None:
    assert anchors(parse_lines("1. Mục đích", "a) Một;")) == ["muc-1", "muc-1-a"]


def test_title_ending_on_a_place_name_is_not_joined_with_the_first_paragraph() -> None:
    paragraphs = to_paragraphs([
        Block("Tuyên truyền đấu tranh trên không gian mạng tại Sở Khoa học và Công nghệ tỉnh Đắk Nông"),
        Block("Thực hiện kết luận số 631-KL/BTGTU của Ban Tuyên giáo Tỉnh ủy."),
    ])
    assert len(paragraphs) == 2


def test_effect_article_gives_the_effective_date_and_the_laws_replaced() -> None:
    document = parse_lines(
        "Điều 1. Sửa đổi, bổ sung một số điều của các luật có liên quan",
        "1. Sửa đổi, bổ sung một số điều của Luật Viễn thông số 24/2023/QH15:",
        "a) Sửa đổi điểm b khoản 1 Điều 35.",
        "Điều 2. Hiệu lực thi hành",
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.",
        "2. Luật A số 86/2015/QH13 đã được sửa đổi, bổ sung theo Luật số 35/2018/QH14; "
        "Luật B số 24/2018/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.")
    meta = document.meta
    assert (meta.ngay_hieu_luc, meta.can_cu_hieu_luc) == ("2026-07-01", "dieu-2-khoan-1")
    assert [r["so_hieu"] for r in meta.quan_he["thay_the"]] == ["86/2015/QH13", "24/2018/QH14"]
    assert meta.quan_he["sua_doi"] == [{"so_hieu": "24/2023/QH15", "ten": "Luật Viễn thông",
                                        "nguon": "khoản 1 Điều 1"}]


def test_decision_takes_effect_on_signature() -> None:
    document = parse_lines("Số: 1/QĐ-UBND", "Thử, ngày 24 tháng 11 năm 2021", "QUYẾT ĐỊNH",
                           "Phê duyệt", "Điều 1. Phê duyệt Đề án.",
                           "Điều 2. Quyết định có hiệu lực kể từ ngày ký ban hành.")
    assert (document.meta.ngay_hieu_luc, document.meta.can_cu_hieu_luc) == ("2021-11-24",
                                                                           "dieu-2")
