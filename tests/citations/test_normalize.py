"""Field normalisation, as tables: numbers, types from codes, dates, titles."""

from __future__ import annotations

import pytest

from kb.citations import normalize


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("3250 /QĐ-UBND", "3250/QĐ-UBND"),
        ("3250 / QĐ-UBND", "3250/QĐ-UBND"),
        ("13/2023/ND-CP", "13/2023/NĐ-CP"),
        ("3250/QD-UBND", "3250/QĐ-UBND"),
        ("783/KH-BCD138", "783/KH-BCĐ138"),
        ("30-NQ/TW", "30-NQ/TW"),
        ("30–NQ/TW", "30-NQ/TW"),
        ("15/CT-TTG", "15/CT-TTg"),
        ("69/TTR-STTTT", "69/TTr-STTTT"),
        ("05-NQ/DU", "05-NQ/ĐU"),
        ("14/2015/TTLT-BTTTT-BCA", "14/2015/TTLT-BTTTT-BCA"),
    ],
)
def test_number(written: str, official: str) -> None:
    assert normalize.number(written) == official


@pytest.mark.parametrize(
    ("number", "doc_type"),
    [
        ("631-KL/BTGTU", "Kết luận"),
        ("30-NQ/TW", "Nghị quyết"),
        ("09-CT/TW", "Chỉ thị"),
        ("180-KH/TU", "Kế hoạch"),
        ("3250/QĐ-UBND", "Quyết định"),
        ("13/2023/NĐ-CP", "Nghị định"),
        ("01/NQ-CP", "Nghị quyết"),
        ("24/2018/QH14", "Luật"),
        ("02/2017/TT-BTTTT", "Thông tư"),
        ("14/2015/TTLT-BTTTT-BCA", "Thông tư liên tịch"),
        ("69/TTr-STTTT", "Tờ trình"),
        ("15/CT-TTg", "Chỉ thị"),
        ("123/CV-UBND", "Công văn"),
        ("2290/STTTT-CNTT", "Công văn"),
        ("123/UBND-NC", "Công văn"),
    ],
)
def test_type_from_number(number: str, doc_type: str) -> None:
    assert normalize.type_from_number(number) == doc_type


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("28/4/2022", "2022-04-28"),
        ("03/12/2004", "2004-12-03"),
        ("28-4-2022", "2022-04-28"),
        ("24 tháng 11 năm 2021", "2021-11-24"),
        ("04 tháng\n11 năm 2021", "2021-11-04"),
        ("31/2/2022", None),
        (None, None),
    ],
)
def test_date(written: str | None, iso: str | None) -> None:
    assert normalize.date(written) == iso


@pytest.mark.parametrize(
    ("words", "doc_type"),
    [("Nghị định", "Nghị định"), ("nghi dinh", "Nghị định"), ("kết luận", "Kết luận"),
     ("Thong tu lien tich", "Thông tư liên tịch"), ("Bộ\nluật", "Bộ luật")],
)
def test_doc_type(words: str, doc_type: str) -> None:
    assert normalize.doc_type(words) == doc_type


@pytest.mark.parametrize(
    ("doc_type", "name", "title"),
    [
        ("Luật", "An ninh mạng", "Luật An ninh mạng"),
        ("Luật", "An ninh Quốc gia", "Luật An ninh Quốc gia"),  # as written when marked
        ("Luật", "an ninh mang", "Luật An ninh mạng"),  # restored when typed bare
        ("Luật", "Cong\nnghe thong tin", "Luật Công nghệ thông tin"),
        ("Luật", "Quy hoach do thi", "Luật Quy hoach do thi"),  # unknown: as written
        ("Bộ luật", "Hinh su", "Bộ luật Hình sự"),
        ("Luật", None, None),
    ],
)
def test_title(doc_type: str, name: str | None, title: str | None) -> None:
    assert normalize.title(doc_type, name) == title
