"""The released site in Chromium, served by nginx with the portal's real headers.

The Content-Security-Policy allows the site's own origin and the hashes of its inline
scripts only: every violation Chromium reports (console message or
``securitypolicyviolation`` event) on the pages readers use is a failure — and an inline
script that is not part of the release is blocked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage

from kb.publish.config import DeployConfig
from kb.publish.deploy import Deployer
from tests.browser.conftest import VIEWPORT, SitePage
from tests.portal import OLD_ADDRESS, Nginx, Portal, build_portal, require_nginx

LAW = "van-ban/24-2018-qh14/"
PROBE = "kiem-tra-csp/"
#: Records violations from the first script on: Playwright's init scripts are not subject
#: to the page's CSP.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
"""
PAGES = ["", LAW, "van-ban/", "tra-cuu/", "tra-cuu/loai/", "cap-nhat/", "lich-su/24-2018-qh14/",
         "tim-kiem/?q=an%20ninh%20m%E1%BA%A1ng"]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    """nginx serving the amended release, plus a probe page with a script of its own."""
    require_nginx()
    portal: Portal = build_portal(tmp_path_factory.getbasetemp())
    base = tmp_path_factory.mktemp("nginx-browser")
    target = base / "srv"
    Deployer(DeployConfig(str(target))).deploy(portal.second)
    probe = target / "current" / PROBE / "index.html"
    probe.parent.mkdir()
    probe.write_text('<!doctype html><title>chưa chạy</title><script>document.title = "đã chạy"'
                     "</script>", encoding="utf-8")
    nginx = Nginx(base / "nginx", target, portal.sub_path)
    nginx.start()
    yield nginx
    nginx.stop()


@pytest.fixture
def tab(browser: Browser, live: Nginx) -> Iterator[tuple[SitePage, list[str]]]:
    """A recording tab on the nginx-served site and the CSP violations it reports."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RECORD_VIOLATIONS)
    site = SitePage(context.new_page(), live.base_url)
    console: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            console.append(message.text)

    site.tab.on("console", record)
    yield site, console
    context.close()


def violations(site: SitePage, console: list[str]) -> list[str]:
    return console + site.tab.evaluate("window.__cspViolations")


@pytest.mark.parametrize("path", PAGES)
def test_the_csp_blocks_nothing_the_site_needs(tab: tuple[SitePage, list[str]], path: str) -> None:
    site, console = tab
    site.open(path)
    site.tab.wait_for_load_state("networkidle")
    assert violations(site, console) == []
    # Material's inline scripts ran (they define __md_get) and so did its bundle.
    assert site.tab.evaluate("typeof __md_get") == "function"
    assert site.tab.evaluate("typeof window.document$") == "object"
    site.assert_nothing_failed()
    site.assert_no_request_left_origin()


def test_the_palette_switch_works_under_the_csp(tab: tuple[SitePage, list[str]]) -> None:
    site, console = tab
    site.open(LAW)
    before = site.tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
    site.tab.locator("label.md-header__button[for^='__palette_']:visible").first.click()
    site.tab.wait_for_function(
        f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    assert violations(site, console) == []


def test_an_old_address_leads_to_the_same_article_of_the_new_one(
        tab: tuple[SitePage, list[str]]) -> None:
    site, console = tab
    site.open(f"van-ban/{OLD_ADDRESS}/#dieu-1")
    site.tab.wait_for_url(site.url_of(f"{LAW}#dieu-1"))
    site.tab.wait_for_load_state("load")
    assert violations(site, console) == []


def test_a_missing_page_shows_the_404_page_without_violations(
        tab: tuple[SitePage, list[str]]) -> None:
    site, console = tab
    site.open("van-ban/khong-co-trang-nay/")
    site.tab.wait_for_load_state("networkidle")
    assert site.tab.evaluate("typeof window.document$") == "object"
    assert violations(site, console) == []
    assert [f for f in site.failures if "khong-co-trang-nay" not in f] == []


def test_an_inline_script_that_is_not_part_of_the_release_is_blocked(
        tab: tuple[SitePage, list[str]]) -> None:
    site, console = tab
    site.open(PROBE)
    assert site.tab.title() == "chưa chạy"
    assert any("script-src" in v for v in violations(site, console))
