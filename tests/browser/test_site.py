"""The built site in Chromium, served under a sub-path: what a reader actually gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, SitePage

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
LAW_2018 = "van-ban/24-2018-qh14/"
LAW_2025 = "van-ban/116-2025-qh15/"
# The pages a reader meets first: the home page, the longest law and the library index.
KEY_PAGES = ["", LAW_2018, "van-ban/"]


def site_paths() -> list[str]:
    """Every Markdown page of docs/ as a path under the site's base URL (directory URLs)."""
    docs = ROOT / "docs"
    paths = []
    for source in sorted(docs.rglob("*.md")):
        parts = source.relative_to(docs).with_suffix("").parts
        if parts[-1] == "index":
            parts = parts[:-1]
        paths.append("".join(f"{part}/" for part in parts))
    return paths


def is_target(page: SitePage, element_id: str) -> bool:
    """Whether the element matches ``:target``, the state kb.css highlights."""
    return page.tab.evaluate("id => document.getElementById(id).matches(':target')", element_id)


@pytest.mark.parametrize("path", KEY_PAGES)
def test_page_requests_nothing_outside_the_site(page: SitePage, path: str) -> None:
    """No font, script or CDN elsewhere: the library must work on a closed network."""
    page.open(path)
    page.tab.wait_for_load_state("networkidle")
    page.assert_no_request_left_origin()


def test_search_results_page_requests_nothing_outside_the_site(page: SitePage) -> None:
    """The search index is fetched only for a query: the results page proves its files local."""
    page.open("tim-kiem/?q=an%20ninh%20m%E1%BA%A1ng")
    expect(page.tab.locator(f"[data-search-results] a[href*='{LAW_2018}']").first).to_be_attached()
    page.tab.wait_for_load_state("networkidle")
    page.assert_no_request_left_origin()
    page.assert_nothing_failed()


@pytest.mark.parametrize("path", site_paths())
def test_every_page_loads_its_styles_and_scripts_under_a_sub_path(
        page: SitePage, path: str) -> None:
    """A portal hosts the library in a folder: no URL may assume the domain root."""
    page.open(path)
    page.tab.wait_for_load_state("networkidle")
    page.assert_nothing_failed()
    # Material's stylesheet applied (the header is fixed to the top) and its script ran
    # (it publishes the document$ observable that other scripts subscribe to).
    assert page.tab.eval_on_selector(".md-header", "e => getComputedStyle(e).position") == "sticky"
    assert page.tab.evaluate("typeof window.document$") == "object"


def test_law_page_uses_the_system_font_and_downloads_no_font(page: SitePage) -> None:
    """No web font (92 KB, more than the page): the device's own font sets Vietnamese."""
    page.open(LAW_2018)
    page.tab.wait_for_load_state("networkidle")
    family = page.tab.eval_on_selector("article h1", "e => getComputedStyle(e).fontFamily")
    assert "Arial" in family and "sans-serif" in family, family
    assert not [url for url in page.requests if url.endswith((".woff2", ".woff", ".ttf"))]
    page.assert_nothing_failed()


def test_law_page_does_not_download_the_sitemap(page: SitePage) -> None:
    """The feed links are no language alternates: Material must not fetch sitemap.xml."""
    page.open(LAW_2018)
    page.tab.wait_for_load_state("networkidle")
    assert page.tab.locator('link[type="application/atom+xml"]').count() == 1
    assert not [url for url in page.requests if url.endswith("sitemap.xml")], page.requests
    page.assert_nothing_failed()


def test_citation_link_opens_the_cited_law(page: SitePage) -> None:
    """A reference that `kb link` turned into a link leads to the document it names."""
    page.open("van-ban/3250-qd-ubnd/")
    link = page.tab.locator("a.vb-ref", has_text="Luật An ninh mạng số 24/2018/QH14").first
    link.click()
    page.tab.wait_for_load_state("load")
    assert page.tab.url == page.url_of(LAW_2018)
    expect(page.tab.locator("article h1")).to_contain_text("24/2018/QH14")


def test_repealed_law_banner_links_to_the_repealing_clause(page: SitePage) -> None:
    """The reader of a repealed law can check, in one click, the clause that repealed it."""
    page.open(LAW_2018)
    banner = page.tab.locator(".admonition.danger")
    expect(banner.locator(".admonition-title")).to_have_text("Hết hiệu lực từ 01/7/2026")
    banner.locator("a", has_text="khoản 2 Điều 44").click()
    page.tab.wait_for_load_state("load")
    assert page.tab.url == page.url_of(LAW_2025 + "#dieu-44-khoan-2")
    expect(page.tab.locator("#dieu-44-khoan-2")).to_be_in_viewport()
    assert is_target(page, "dieu-44-khoan-2")


def test_clause_link_scrolls_the_clause_into_view_and_highlights_it(page: SitePage) -> None:
    """A shared clause URL shows that clause, clear of the sticky header and marked."""
    page.open(LAW_2018 + "#dieu-8-khoan-2")
    clause = page.tab.locator("#dieu-8-khoan-2")
    expect(clause).to_be_in_viewport()
    assert is_target(page, "dieu-8-khoan-2")
    background = clause.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", KEY_PAGES)
def test_page_has_no_serious_accessibility_violations(
        page: SitePage, path: str, scheme: str) -> None:
    """axe-core's serious and critical findings, in both colour schemes the site offers."""
    page.tab.emulate_media(color_scheme=scheme)
    page.open(path)
    page.tab.add_script_tag(path=AXE)
    violations = page.tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    serious = [
        f"{v['impact']} {v['id']}: {v['help']} — {node['target']}"
        for v in violations if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]
    assert not serious, "\n".join(serious)


def test_law_page_fits_a_phone_screen(page: SitePage) -> None:
    """Long laws are read on phones: no sideways scrolling at 360 px, the title in view."""
    page.tab.set_viewport_size({"width": 360, "height": 740})
    page.open(LAW_2018)
    assert page.tab.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.tab.locator("article h1")).to_be_visible()


def test_cite_button_copies_the_clause_citation_and_its_url(page: SitePage) -> None:
    """The copied text is a citation a reader can paste into a document, with its source."""
    page.tab.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                       origin=page.origin)
    page.open(LAW_2018)
    page.tab.locator("#dieu-8-khoan-2 button.kb-cite").click()
    page.tab.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
    copied = page.tab.evaluate("navigator.clipboard.readText()")
    # Pasted alone the citation opens with a capital, so only the first letter may differ.
    assert "khoản 2 Điều 8 Luật An ninh mạng số 24/2018/QH14" in copied[:1].lower() + copied[1:]
    assert page.url_of(LAW_2018 + "#dieu-8-khoan-2") in copied
