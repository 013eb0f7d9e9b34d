"""The guides in Chromium: a reader answers a quiz, ticks a checklist and searches from home."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from kb.guides.quiz import parse_quiz
from tests.browser.conftest import ROOT, SitePage

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

GUIDE = "gia-danh-co-quan-chuc-nang"
GUIDE_PATH = f"cam-nang/{GUIDE}/"
CHECKLIST_GUIDE = "cam-nang/bi-lua-dao-lam-gi/"


def answers() -> list[int]:
    """The right choice of each question of the guide, read from its Markdown."""
    quiz = parse_quiz((ROOT / "docs" / "cam-nang" / f"{GUIDE}.md").read_text(encoding="utf-8"))
    assert quiz is not None
    return [question.answer for question in quiz.questions]


def serious_violations(page: SitePage) -> list[str]:
    page.tab.add_script_tag(path=AXE)
    found = page.tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['impact']} {v['id']}: {v['help']} — {node['target']}"
            for v in found if v["impact"] in ("serious", "critical") for node in v["nodes"]]


def test_quiz_is_answered_and_scored_in_the_page(page: SitePage) -> None:
    page.open(GUIDE_PATH)
    right = answers()
    quiz = page.tab.locator("form.kb-quiz")
    questions = quiz.locator("fieldset.kb-quiz__cau-hoi")
    expect(questions).to_have_count(len(right))
    expect(quiz.locator(".kb-quiz__ket-qua").first).to_be_hidden()
    # Every answer right but the first, which gets the choice after the right one.
    for number, answer in enumerate(right):
        chosen = (0 if answer else 1) if number == 0 else answer
        questions.nth(number).locator("input[type=radio]").nth(chosen).check()
    quiz.get_by_role("button", name="Chấm điểm").click()
    expect(quiz.locator(".kb-quiz__diem")).to_have_text(
        f"Bạn trả lời đúng {len(right) - 1}/{len(right)} câu. Đọc lời giải thích dưới mỗi câu.")
    first = questions.first
    expect(first.locator(".kb-quiz__nhan-xet")).to_contain_text("Chưa đúng. Đáp án đúng:")
    expect(first.locator(".kb-quiz__lua-chon--sai")).to_have_count(1)
    expect(questions.nth(1).locator(".kb-quiz__nhan-xet")).to_have_text("Đúng.")
    explanation = first.locator(".kb-quiz__ket-qua blockquote")
    expect(explanation).to_be_visible()
    expect(explanation.locator("a[href^='#']").first).to_be_attached()
    law = explanation.locator("a.vb-ref[href*='van-ban/116-2025-qh15/#dieu-']").first
    expect(law).to_be_visible()
    # The explanation's citation opens the clause of the law in force.
    law.click()
    page.tab.wait_for_load_state("load")
    assert "van-ban/116-2025-qh15/#dieu-7-khoan-2-diem-dd" in page.tab.url
    page.assert_no_request_left_origin()
    page.assert_nothing_failed()


def test_quiz_starts_over_when_reset(page: SitePage) -> None:
    page.open(GUIDE_PATH)
    quiz = page.tab.locator("form.kb-quiz")
    quiz.get_by_role("button", name="Chấm điểm").click()
    expect(quiz.locator(".kb-quiz__diem")).to_contain_text(f"Bạn trả lời đúng 0/{len(answers())}")
    quiz.get_by_role("button", name="Làm lại").click()
    expect(quiz.locator(".kb-quiz__diem")).to_have_text("")
    expect(quiz.locator(".kb-quiz__ket-qua:visible")).to_have_count(0)
    expect(quiz.locator(".kb-quiz__lua-chon--dung")).to_have_count(0)


def test_checklist_items_can_be_ticked_by_their_label(page: SitePage) -> None:
    page.open(CHECKLIST_GUIDE)
    item = page.tab.get_by_label("Giấy tờ tùy thân.")
    expect(item).not_to_be_checked()
    page.tab.get_by_text("Giấy tờ tùy thân.", exact=True).click()
    expect(item).to_be_checked()


def test_home_page_search_box_opens_the_results_page(page: SitePage) -> None:
    page.open("")
    page.tab.get_by_role("searchbox", name="Tìm trong thư viện pháp luật").fill("lừa đảo")
    page.tab.get_by_role("button", name="Tìm kiếm", exact=True).click()
    page.tab.wait_for_load_state("load")
    assert page.tab.url == page.url_of("tim-kiem/?q=l%E1%BB%ABa+%C4%91%E1%BA%A3o")


def test_home_page_leads_to_the_guide_for_scam_victims_and_to_every_topic(
        page: SitePage) -> None:
    page.open("")
    cards = page.tab.locator(".grid.cards > ul > li")
    expect(cards).to_have_count(12)
    expect(cards.locator("img[src$='.svg']")).to_have_count(12)
    page.tab.get_by_role("link", name="Xem hướng dẫn đầy đủ").click()
    page.tab.wait_for_load_state("load")
    assert page.tab.url == page.url_of("cam-nang/bi-lua-dao-lam-gi/")
    expect(page.tab.locator(".kb-tom-tat")).to_contain_text("Thời gian đọc")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", GUIDE_PATH, CHECKLIST_GUIDE, "cam-nang/thuat-ngu/",
                                  "cam-nang/hoi-dap/"])
def test_guide_pages_have_no_serious_accessibility_violations(
        page: SitePage, path: str, scheme: str) -> None:
    page.tab.emulate_media(color_scheme=scheme)
    page.open(path)
    quiz = page.tab.locator("form.kb-quiz")
    if quiz.count():  # checked with its results shown too
        quiz.locator("input[type=radio]").first.check()
        quiz.get_by_role("button", name="Chấm điểm").click()
    assert serious_violations(page) == []


def test_guide_fits_a_phone_screen(page: SitePage) -> None:
    page.tab.set_viewport_size({"width": 360, "height": 740})
    page.open(GUIDE_PATH)
    assert page.tab.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.tab.locator("form.kb-quiz")).to_be_attached()
