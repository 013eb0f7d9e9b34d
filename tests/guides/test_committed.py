"""The committed guides: checked, up to date, citing the law in force, with their pictures."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kb.catalog.entries import split_front_matter
from kb.guides import update_guides
from kb.guides.build import GUIDE_TEMPLATE
from kb.guides.quiz import parse_quiz
from tests.test_library import DOCS, ROOT, linked_on

GUIDES = sorted(path for path in (DOCS / "cam-nang").glob("*.md")
                if split_front_matter(path.read_text(encoding="utf-8"))[0].get("template")
                == GUIDE_TEMPLATE)
IN_FORCE = ("../van-ban/116-2025-qh15.md", "../van-ban/91-2025-qh15.md")
IMAGES = DOCS / "assets" / "images" / "cam-nang"


def test_committed_guides_pass_their_checks_and_are_up_to_date(tmp_path: Path) -> None:
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy, ignore=shutil.ignore_patterns("search"))
    report = update_guides(copy, ROOT / "mkdocs.yml", linked_on())
    assert report.errors == []
    assert report.written == 0, "chạy `make link` (kb guides rồi kb link) rồi commit lại docs/"


def test_there_is_a_guide_for_every_topic_of_the_plans() -> None:
    names = {path.stem for path in GUIDES}
    assert len(names) >= 12
    assert {"gia-danh-co-quan-chuc-nang", "trang-web-gia-mao", "tuyen-dung-lua-dao",
            "mua-sam-truc-tuyen", "ngoai-hoi-danh-bac", "bao-ve-du-lieu-ca-nhan",
            "tin-nhan-rac-ma-doc", "tin-gia", "thiet-bi-thong-minh", "bi-lua-dao-lam-gi",
            "can-bo-cong-chuc", "cha-me-va-con"} <= names


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.stem)
def test_guide_cites_the_law_in_force_and_lists_it_as_related(guide: Path) -> None:
    meta, body = split_front_matter(guide.read_text(encoding="utf-8"))
    related = body.split("## Văn bản liên quan {#lien-quan}", 1)[1]
    assert any(f"]({law})" in related for law in IN_FORCE)
    assert "24-2018-qh14" not in body and "86-2015-qh13" not in body
    for heading in ("{#dau-hieu}", "{#vi-du}", "{#phap-luat}", "{#trinh-bao}", "{#tu-kiem-tra}"):
        assert heading in body, heading
    assert '!!! example "' in body and meta["tom_tat"] and meta["doi_tuong"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.stem)
def test_every_explanation_links_to_the_guide_and_to_a_clause_of_the_law(guide: Path) -> None:
    quiz = parse_quiz(guide.read_text(encoding="utf-8"))
    assert quiz is not None and len(quiz.questions) >= 3
    for question in quiz.questions:
        explanation = question.explanation or ""
        assert re.search(r"\]\(#[a-z0-9-]+\)", explanation), question.text
        assert re.search(r"\]\(\.\./van-ban/(116-2025-qh15|91-2025-qh15)\.md#dieu-\d+",
                         explanation), question.text


def test_guides_state_no_phone_number_or_address_but_the_national_113() -> None:
    """Numbers and addresses of a province come from mkdocs.yml, into the contacts section."""
    contacts = re.compile(r"<!-- kb:cam-nang:lien-he -->.*?<!-- kb:cam-nang:het -->", re.DOTALL)
    for guide in GUIDES:
        text = contacts.sub("", guide.read_text(encoding="utf-8"))
        assert not re.search(r"\b\d[\d .]{7,}\d\b", text), guide
        assert not re.search(r"https?://|www\.", text), guide
        assert set(re.findall(r"tel:[^)\s]+", text)) <= {"tel:113"}, guide


def test_glossary_has_the_definitions_of_the_laws_in_force_linked_to_their_clauses() -> None:
    glossary = (DOCS / "cam-nang" / "thuat-ngu.md").read_text(encoding="utf-8")
    for term, law, clause in (("An ninh mạng", "116-2025-qh15", 1),
                              ("Tấn công mạng", "116-2025-qh15", 13),
                              ("Khủng bố mạng", "116-2025-qh15", 14),
                              ("Tài khoản số", "116-2025-qh15", 19),
                              ("Dữ liệu cá nhân", "91-2025-qh15", 1),
                              ("Dữ liệu cá nhân nhạy cảm", "91-2025-qh15", 3),
                              ("Chủ thể dữ liệu cá nhân", "91-2025-qh15", 5)):
        entry = glossary.split(f"\n### {term} {{#", 1)[1].split("\n### ", 1)[0]
        assert f"Nguồn: [khoản {clause} Điều 2](../van-ban/{law}.md#dieu-2-khoan-{clause} " in entry
    assert "[khoản 1 Điều 9](../van-ban/91-2025-qh15.md#dieu-9-khoan-1 " in glossary
    assert glossary.count("\n### ") == 23 + 12 + 3


def test_every_picture_is_a_small_accessible_svg_made_here() -> None:
    pictures = sorted(IMAGES.glob("*.svg"))
    assert len(pictures) >= 12
    for picture in pictures:
        svg = picture.read_text(encoding="utf-8")
        assert 'role="img"' in svg and re.search(r'<title id="([^"]+)">[^<]+</title>', svg)
        title_id = re.search(r'<title id="([^"]+)"', svg)[1]
        assert re.search(rf'aria-labelledby="[^"]*\b{title_id}\b', svg), picture
        assert not re.search(r"(?:href|src)=", svg), picture  # nothing loaded from elsewhere
        assert len(svg) < 4096, picture
