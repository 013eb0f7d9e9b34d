"""find_references, one table row per citation form; spans are marked inline (eyecite style).

Each row is ``(marked text, {mark number: expected fields})``; fields not
listed are not checked. Every found reference must be marked and every mark
found, so a row also says what must *not* be found.
"""

from __future__ import annotations

import pytest

from kb.citations import Reference, find_references
from kb.citations.find import _matches
from kb.citations.normalize import ALL_TYPES
from kb.citations.patterns import DOCUMENT_FORMS, TYPE_WORD, DocumentForm
from kb.citations.titles import known_titles
from kb.vietnamese import fold
from tests.citations.marked import mark, unmark

LUAT_NAY = {"doc_type": "Luật", "self": True}

DOCUMENTS_BY_NUMBER = [
    ("Căn cứ <0>Luật An ninh mạng số 24/2018/QH14</0>;",
     {0: {"doc_type": "Luật", "number": "24/2018/QH14", "title": "Luật An ninh mạng"}}),
    ("<0>Nghị định số 13/2023/NĐ-CP</0> ngày 17/4/2023 của Chính phủ.",
     {0: {"doc_type": "Nghị định", "number": "13/2023/NĐ-CP", "date": "2023-04-17",
          "issuer": "Chính phủ"}}),
    ("kèm theo <0>Quyết định số 3250 /QĐ-UBND</0> ngày 24 tháng 11 năm 2021",
     {0: {"doc_type": "Quyết định", "number": "3250/QĐ-UBND", "date": "2021-11-24"}}),
    ("<0>Chỉ thị 15/CT-TTg</0> của Thủ tướng Chính phủ về tăng cường",
     {0: {"doc_type": "Chỉ thị", "number": "15/CT-TTg", "issuer": "Thủ tướng Chính phủ"}}),
    ("Thực hiện <0>Chỉ thị số 03/CT-UBND</0> ngày 28/4/2022 của Chủ tịch UBND tỉnh về việc",
     {0: {"number": "03/CT-UBND", "date": "2022-04-28", "issuer": "Chủ tịch UBND tỉnh"}}),
    ("<0>Thông tư liên tịch số 14/2015/TTLT-BTTTT-BCA</0>",
     {0: {"doc_type": "Thông tư liên tịch", "number": "14/2015/TTLT-BTTTT-BCA"}}),
    ("<0>Nghị quyết số 30-NQ/TW</0> ngày 25/7/2018 của Bộ Chính trị về Chiến lược",
     {0: {"doc_type": "Nghị quyết", "number": "30-NQ/TW", "date": "2018-07-25",
          "issuer": "Bộ Chính trị"}}),
    ("<0>Nghị quyết 29-NQ/TW</0> ngày 25/7/2019 của Bộ Chính trị Về “Chiến lược”",
     {0: {"number": "29-NQ/TW", "issuer": "Bộ Chính trị"}}),
    ("<0>Kết luận số 44-KL/TW</0> ngày 22/01/2019 của Ban Bí thư về việc",
     {0: {"doc_type": "Kết luận", "number": "44-KL/TW", "issuer": "Ban Bí thư"}}),
    ("Thực hiện <0>kết luận số 631-KL/BTGTU</0> của Ban Tuyên giáo Tỉnh ủy tại Hội nghị",
     {0: {"doc_type": "Kết luận", "number": "631-KL/BTGTU", "issuer": "Ban Tuyên giáo Tỉnh ủy"}}),
    ("<0>Chỉ thị số 09-CT/TW</0> ngày 01/12/2011 của Ban Bí thư *Tăng cường*",
     {0: {"doc_type": "Chỉ thị", "number": "09-CT/TW", "issuer": "Ban Bí thư"}}),
    ("<0>Kế hoạch số 783/KH-BCĐ138</0> của Ban Chỉ đạo 138 tỉnh Quảng Ngãi thực hiện",
     {0: {"doc_type": "Kế hoạch", "number": "783/KH-BCĐ138",
          "issuer": "Ban Chỉ đạo 138 tỉnh Quảng Ngãi"}}),
    ("<0>Kế hoạch hành động số 180-KH/TU</0> của Ban Thường vụ Tỉnh ủy về triển khai",
     {0: {"doc_type": "Kế hoạch hành động", "issuer": "Ban Thường vụ Tỉnh ủy"}}),
    ("<0>Công văn số 2290/STTTT-CNTT</0> của Sở Thông tin và Truyền thông; tiếp",
     {0: {"doc_type": "Công văn", "issuer": "Sở Thông tin và Truyền thông"}}),
    ("<0>Văn bản số 123/UBND-NC</0> của Ủy ban nhân dân tỉnh Tuyên Quang (bản sao)",
     {0: {"doc_type": "Văn bản", "issuer": "Ủy ban nhân dân tỉnh Tuyên Quang"}}),
    ("<0>Tờ trình số 69/TTr-STTTT</0> ngày 04 tháng 11 năm 2021.",
     {0: {"doc_type": "Tờ trình", "number": "69/TTr-STTTT", "date": "2021-11-04"}}),
    ("theo <0>Luật số 35/2018/QH14</0>;", {0: {"doc_type": "Luật", "number": "35/2018/QH14"}}),
    ("nội dung của <0>Nghị quyết 30</0> gắn với", {0: {"doc_type": "Nghị quyết", "number": "30"}}),
]

NUMBERS_ALONE = [
    (f"theo <0>{number}</0>, triển khai", {0: {"doc_type": doc_type, "number": number}})
    for number, doc_type in [
        ("631-KL/BTGTU", "Kết luận"), ("30-NQ/TW", "Nghị quyết"), ("3250/QĐ-UBND", "Quyết định"),
        ("13/2023/NĐ-CP", "Nghị định"), ("24/2018/QH14", "Luật"), ("783/KH-BCĐ138", "Kế hoạch"),
        ("15/CT-TTg", "Chỉ thị"), ("02/2017/TT-BTTTT", "Thông tư"),
        ("14/2015/TTLT-BTTTT-BCA", "Thông tư liên tịch"), ("69/TTr-STTTT", "Tờ trình"),
        ("2290/STTTT-CNTT", "Công văn"), ("123/CV-UBND", "Công văn"),
    ]
]

DOCUMENTS_BY_NAME = [
    ("Quốc hội ban hành <0>Luật An ninh mạng</0>.", {0: {"title": "Luật An ninh mạng"}}),
    ("<0>Luật An ninh Quốc gia</0> ngày 03/12/2004, <1>Luật An ninh mạng</1> ngày 12/6/2018,",
     {0: {"title": "Luật An ninh Quốc gia", "date": "2004-12-03"},
      1: {"title": "Luật An ninh mạng", "date": "2018-06-12"}}),
    ("quy định tại <0>Bộ luật Hình sự</0>.",
     {0: {"doc_type": "Bộ luật", "title": "Bộ luật Hình sự"}}),
    ("Tuân thủ <0>Hiến pháp</0> và pháp luật",
     {0: {"doc_type": "Hiến pháp", "title": "Hiến pháp"}}),
    ("Căn cứ <0>Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam</0>;",
     {0: {"doc_type": "Hiến pháp", "title": "Hiến pháp"}}),
    ("Căn cứ <0>Luật Tổ chức chính quyền địa phương</0> ngày 19 tháng 6 năm 2015;",
     {0: {"title": "Luật Tổ chức chính quyền địa phương", "date": "2015-06-19"}}),
    ("<0>Luật Công nghệ thông tin</0>, <1>Luật An toàn thông tin mạng</1> và "
     "<2>Luật Bảo vệ dữ liệu cá nhân</2>",
     {0: {"title": "Luật Công nghệ thông tin"}, 1: {"title": "Luật An toàn thông tin mạng"},
      2: {"title": "Luật Bảo vệ dữ liệu cá nhân"}}),
    ("<0>Luật An ninh mạng</0> và các văn bản hướng dẫn thi hành",
     {0: {"title": "Luật An ninh mạng"}}),
    ("<0>Luật Phí và lệ phí</0>, <1>Luật Xuất bản</1> (quy tắc chung)",
     {0: {"title": "Luật Phí và lệ phí"}, 1: {"title": "Luật Xuất bản"}}),
    ("Căn cứ <0>Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
     "chính quyền địa phương</0> ngày 22 tháng 11 năm 2019;",
     {0: {"doc_type": "Luật", "date": "2019-11-22",
          "title": "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và "
                   "Luật Tổ chức chính quyền địa phương"}}),
]

PARTS = [
    ("theo <0>khoản 2 Điều 5</0> của Luật này",
     {0: {"clause": "2", "article": "5", **LUAT_NAY}}),
    ("tại <0>điểm a khoản 1 Điều 12</0> Nghị định số 13/2023/NĐ-CP",
     {0: {"point": "a", "clause": "1", "article": "12", "number": "13/2023/NĐ-CP",
          "doc_type": "Nghị định"}}),
    ("<0>khoản 1</0> và <1>khoản 2 Điều 8</1> của Luật An ninh mạng",
     {0: {"clause": "1", "article": "8", "title": "Luật An ninh mạng"},
      1: {"clause": "2", "article": "8", "title": "Luật An ninh mạng"}}),
    ("<0>Điều 26</0> và <1>Điều 27</1>",
     {0: {"article": "26", "self": False, "doc_type": None}, 1: {"article": "27"}}),
    ("các <0>Điều 16</0>, <1>17</1> và <2>18</2> của Luật này",
     {0: {"article": "16", **LUAT_NAY}, 1: {"article": "17", **LUAT_NAY},
      2: {"article": "18", **LUAT_NAY}}),
    ("vi phạm <0>điểm đ khoản 1 Điều 16</0>",
     {0: {"point": "đ", "clause": "1", "article": "16"}}),
    ("các <0>điểm a</0>, <1>b</1> và <2>c</2>",
     {0: {"point": "a", "clause": None}, 1: {"point": "b"}, 2: {"point": "c"}}),
    ("các <0>điểm a</0>, <1>b</1> và <2>c khoản 1 Điều 5</2>",
     {2: {"point": "c", "clause": "1", "article": "5"}}),
    ("tại <0>khoản 4 Điều 7</0> của Luật Năng lượng nguyên tử số 94/2025/QH15.",
     {0: {"clause": "4", "article": "7", "number": "94/2025/QH15",
          "title": "Luật Năng lượng nguyên tử"}}),
    ("<0>Điều 10a</0> được bổ sung", {0: {"article": "10a", "level": "article"}}),
    ("<0>khoản 3 Điều 51</0>, <1>khoản 1</1> và <2>khoản 5 Điều 52</2> của Luật Đấu thầu số "
     "22/2023/QH15",
     {0: {"article": "51", "number": "22/2023/QH15"}, 1: {"article": "52"},
      2: {"article": "52", "number": "22/2023/QH15"}}),
    ("- Như <0>Điều 3</0>;", {0: {"article": "3", "self": False}}),
    # Parts joined in one phrase share the higher units and the document named last.
    ("các <0>điểm a</0>, <1>b khoản 1</1> và <2>điểm a khoản 2 Điều 41</2> của Luật này",
     {0: {"point": "a", "clause": "1", "article": "41", **LUAT_NAY},
      1: {"point": "b", "clause": "1", "article": "41"}, 2: {"clause": "2", "article": "41"}}),
    ("tại <0>điểm k khoản 1</0> và <1>điểm đ khoản 2 Điều này</1>.",
     {0: {"point": "k", "clause": "1", "article": None, "self": True}}),
    ("tại <0>khoản 2</0> và <1>Điều 5</1>.", {0: {"article": None}, 1: {"article": "5"}}),
    ("theo <0>Khoản 1, Điều 5</0> Luật An ninh mạng và <1>điểm a, khoản 2, Điều 8</1>",
     {0: {"clause": "1", "article": "5", "title": "Luật An ninh mạng"},
      1: {"point": "a", "clause": "2", "article": "8"}}),
    ("tại <0>khoản 8 Điều 29</0>; cụm từ “x” tại <1>khoản 2</1> và <2>khoản 7 Điều 29</2> của "
     "Luật Hóa chất số 69/2025/QH15.",
     {0: {"number": None}, 1: {"number": "69/2025/QH15"}, 2: {"number": "69/2025/QH15"}}),
]

SELF = [
    ("<0>Luật này</0> có hiệu lực", {0: {**LUAT_NAY, "level": "document"}}),
    ("thi hành <0>Quyết định này</0>./.", {0: {"doc_type": "Quyết định", "self": True}}),
    ("theo <0>Nghị định này</0>", {0: {"doc_type": "Nghị định", "self": True}}),
    ("<0>Khoản 3 Điều này</0> không áp dụng",
     {0: {"clause": "3", "article": None, "self": True, "doc_type": None}}),
    ("tại <0>khoản 2</0> và <1>khoản 3 Điều này</1>",
     {0: {"clause": "2", "self": True}, 1: {"clause": "3", "self": True}}),
    ("quy định tại <0>Điều này</0>.", {0: {"article": None, "self": True, "level": "article"}}),
    ("quy định tại <0>khoản này</0>.", {0: {"clause": None, "self": True, "level": "clause"}}),
    ("<0>Điều 3</0> Kế hoạch này giao",
     {0: {"article": "3", "doc_type": "Kế hoạch", "self": True}}),
    ("<0>Luật\nnày</0> quy định", {0: LUAT_NAY}),
]

MORE_DOCUMENT_FORMS = [
    ("<0>Luật An ninh mạng</0> năm 2018 và <1>Bộ luật Hình sự</1> năm 2015",
     {0: {"date": "2018"}, 1: {"date": "2015"}}),
    ("Căn cứ <0>Hiến pháp</0> năm 2013;", {0: {"date": "2013"}}),
    ("sau đó\n<0>Điều 12</0> Luật An ninh mạng quy định", {0: {"title": "Luật An ninh mạng"}}),
    ("Căn cứ <0>Nghị quyết số 203/2025/QH15</0>;",
     {0: {"doc_type": "Nghị quyết", "number": "203/2025/QH15"}}),
    ("theo <0>Luật số 118/2025/QH15</0>như sau:", {0: {"number": "118/2025/QH15"}}),
    ("của <0>Luật Công nghiệp công nghệ số số 71/2025/QH15</0> như sau",
     {0: {"title": "Luật Công nghiệp công nghệ số", "number": "71/2025/QH15"}}),
]

LINE_BREAKS = [
    ("Căn cứ <0>Nghị định số\n13/2023/NĐ-CP</0>;", {0: {"number": "13/2023/NĐ-CP"}}),
    ("tại <0>khoản 2\nĐiều 8</0> của Luật này", {0: {"clause": "2", "article": "8", **LUAT_NAY}}),
    ("theo quy định tại <0>Điều\n12</0> của Luật này", {0: {"article": "12"}}),
    ("trọng tâm là: <0>Luật An ninh Quốc</0>\n\ngia ngày 03/12/2004", {}),
]

WITHOUT_MARKS = [
    ("<0>Nghi dinh so 13/2023/ND-CP</0>",
     {0: {"doc_type": "Nghị định", "number": "13/2023/NĐ-CP"}}),
    ("<0>Luat An ninh mang so 24/2018/QH14</0>",
     {0: {"doc_type": "Luật", "number": "24/2018/QH14", "title": "Luật An ninh mạng"}}),
    ("xem <0>dieu 8</0> luat an ninh mang",
     {0: {"article": "8", "doc_type": "Luật", "title": "Luật An ninh mạng"}}),
    ("<0>khoan 2 dieu 8</0>", {0: {"clause": "2", "article": "8"}}),
    ("<0>Quyet dinh so 3250/QD-UBND</0>",
     {0: {"doc_type": "Quyết định", "number": "3250/QĐ-UBND"}}),
    ("<0>Ke hoach so 783/KH-BCD138</0>", {0: {"doc_type": "Kế hoạch", "number": "783/KH-BCĐ138"}}),
    ("<0>diem d khoan 1 Dieu 16</0> Luat nay", {0: {"point": "d", **LUAT_NAY}}),
]

HEADINGS = [
    "Điều 5. Phạm vi điều chỉnh",
    "### Điều 5. Phạm vi điều chỉnh",
    "**Điều 5.** Phạm vi điều chỉnh",
    "Điều 2.Đối\ntượng áp dụng",
    "Điều 5 Chính\nsách của Nhà nước",
    "Điều 10\nThanh tra về công nghệ thông tin",
    "Điều\n24:Nguyên tắc ứng dụng",
    "Chương I\n\nĐiều 1.\n\nNước Cộng hòa xã hội chủ nghĩa Việt Nam",
]

NOT_CITATIONS = HEADINGS + [
    "Anh ấy là Luật sư giỏi, hiểu rõ luật chơi và luật pháp.",
    "Chấp hành nghiêm pháp luật của Nhà nước.",
    "Các đơn vị nghiêm túc thực hiện Kế hoạch này.",
    "Gọi 0912 345 678, 1900.1234 hoặc 113.",
    "Có 12/15 lớp đạt yêu cầu.",
    "Báo cáo trước ngày 25/10; trước ngày 30/10; tổng kết 25/7/2018.",
    "Quán triệt các nghị quyết của Đảng, Nghị quyết của Đảng bộ.",
    "Xây dựng kế hoạch chi tiết.",
    "Tuyên truyền quy định pháp luật về an ninh mạng.",
    "Số: 812/KH-SCT",
    "Luật số:\n  24/2018/QH14",
    "LUẬT\nAN NINH MẠNG",
    "Pháp Luật Nhà Đất; theo QCVN 01:2019/BTTTT và TCVN 11930:2017.",
    "Tài khoản số là thông tin dùng để xác thực; tài khoản 123 bị khóa.",
    "Thời điểm có yêu cầu; các điểm yếu, lỗ hổng bảo mật.",
    "Một số điều của luật cần sửa đổi.",
    "Nghị định về quản lý dịch vụ internet và thông tin trên mạng.",
    "Giai đoạn 2021-2025, kinh tế - xã hội phát triển.",
    "Quyết định có hiệu lực kể từ ngày ký.",
]

CASES = DOCUMENTS_BY_NUMBER + NUMBERS_ALONE + DOCUMENTS_BY_NAME + MORE_DOCUMENT_FORMS + PARTS
CASES += SELF + LINE_BREAKS
CASES += WITHOUT_MARKS + [(text, {}) for text in NOT_CITATIONS]


def _describe(text: str, refs: list[Reference]) -> str:
    return mark(text, [(r.start, r.end) for r in refs])


@pytest.mark.parametrize(("marked", "fields"), CASES, ids=[c[0][:40] for c in CASES])
def test_spans_and_fields(marked: str, fields: dict[int, dict[str, object]]) -> None:
    text, spans = unmark(marked)
    refs = find_references(text)
    assert [(r.start, r.end) for r in refs] == spans, _describe(text, refs)
    for i, expected in fields.items():
        ref = refs[i]
        got = {key: getattr(ref, key) for key in expected}
        assert got == expected, f"<{i}>{ref.text}</{i}>"


def test_range_gives_every_article() -> None:
    text = "từ Điều 10 đến Điều 15 của Luật này"
    refs = find_references(text)
    assert [r.article for r in refs] == ["10", "11", "12", "13", "14", "15"]
    assert [r.text for r in refs] == ["Điều 10", *["Điều 10 đến Điều 15"] * 4, "Điều 15"]
    assert all(r.self and r.doc_type == "Luật" for r in refs)


def test_point_range_follows_the_vietnamese_alphabet() -> None:
    refs = find_references("từ điểm c đến điểm g khoản 2 Điều 9")
    assert [r.point for r in refs] == ["c", "d", "đ", "e", "g"]
    assert {(r.clause, r.article) for r in refs} == {("2", "9")}


def test_as_json_has_the_agreed_keys() -> None:
    (ref,) = find_references("khoản 2 Điều 5 của Luật này")
    assert ref.as_json() == {
        "text": "khoản 2 Điều 5", "start": 0, "end": 14, "doc_type": "Luật", "number": None,
        "title": None, "date": None, "issuer": None, "article": "5", "clause": "2",
        "point": None, "self": True, "target": None,
    }


PATHOLOGICAL = {
    "long list": "các khoản " + ", ".join(str(i) for i in range(1, 400)) + " Điều 5",
    "capitalised words": "Luật " + " ".join(["Abc"] * 5000),
    "code parts": "1/" + "-".join(["AB"] * 3000),
    "spaces": "Điều" + " " * 10000 + "5",
    "slashes": "/".join(["12"] * 5000),
    "issuer words": "Luật An ninh mạng của " + " ".join(["Bộ"] * 5000),
    "line breaks": "khoản 1\n" * 5000,
    "letters": "điểm " + ", ".join("abcdeghiklmn" * 100),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_gives_bounded_references(text: str) -> None:
    # Repetitions in the patterns are bounded: a catastrophic one would hang here, and no
    # span may run on over the whole input. (Speed itself is measured by `make bench`.)
    references = find_references(text)
    assert all(text[r.start:r.end] == r.text and r.end - r.start <= 500 for r in references)


def _known_titles() -> list[str]:
    titles = known_titles()
    return [f"Luật {t}" for t in titles.luat] + [f"Bộ luật {t}" for t in titles.bo_luat]


@pytest.mark.parametrize("title", _known_titles())
def test_every_known_title_is_found_whole(title: str) -> None:
    """Each title in law_titles.yaml is found whole, also in lower case and without marks."""
    bare = fold(title).lower()
    for written in (title, bare):
        (ref,) = find_references(f"theo quy định của {written} và quy định khác.")
        assert (ref.text, ref.title) == (written, title)


def _type_word_sentences() -> list[str]:
    """Each type word as typed in the sources: marked, bare, in lower case, wrapped."""
    sentences = []
    for written in sorted({*ALL_TYPES, "Bộ luật", "Hiến pháp"}):
        for form in (written, fold(written), written.lower(), written.replace(" ", "\n")):
            sentences.append(f"Theo {form} số 12/2020/NĐ-CP ngày 1/2/2020 và {form} này; "
                             f"({form} An ninh mạng), {form} 30.")
    return sentences


@pytest.mark.parametrize("form", DOCUMENT_FORMS, ids=[form.name for form in DOCUMENT_FORMS])
def test_trying_a_form_only_at_type_words_finds_what_a_full_scan_finds(
        form: DocumentForm) -> None:
    """The finder tries the forms only where TYPE_WORD says a type word starts: a type
    word it does not know would silently lose every citation written with it."""
    texts = [unmark(marked)[0] for marked, _ in CASES] + _type_word_sentences()
    for text in texts:
        starts = [match.start() for match in TYPE_WORD.finditer(text)]
        expected = [match.span() for match in form.regex.finditer(text)]
        assert [match.span() for match in _matches(form, text, starts)] == expected, text
