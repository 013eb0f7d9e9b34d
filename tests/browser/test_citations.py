"""Citation links in the browser: where a link goes is shown on hover and on keyboard focus."""

from __future__ import annotations

from tests.browser.conftest import SitePage

DECISION = "van-ban/3250-qd-ubnd/"


def test_citation_link_shows_its_target_on_keyboard_focus(page: SitePage) -> None:
    page.open(DECISION)
    link = page.tab.locator("a.vb-ref", has_text="Luật An ninh mạng số 24/2018/QH14").first
    title = link.get_attribute("title")
    assert title == "Luật An ninh mạng số 24/2018/QH14"
    link.focus()
    page.tab.keyboard.press("Shift+Tab")
    page.tab.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert shown == f'"{title}"'


def test_document_not_in_the_library_is_said_on_hover(page: SitePage) -> None:
    page.open("van-ban/812-kh-sct/")
    missing = page.tab.locator(".vb-ref-missing", has_text="Luật An ninh Quốc gia").first
    assert missing.get_attribute("title") == "Văn bản này chưa có trong thư viện"
    assert missing.evaluate("e => e.closest('a')") is None
