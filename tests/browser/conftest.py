"""Browser fixtures: the site built once, served under a sub-path, and a recording Chromium tab.

The browser is Debian's Chromium (``/usr/bin/chromium``, installed by ``make browser-deps``),
driven by the ``playwright`` package: Playwright's own browser download needs a host that
this project cannot reach. Without Chromium the browser tests skip, so a developer without
root still gets a passing run; in CI (``CI`` set) a missing Chromium is a failure, because a
green run that skipped them would prove nothing about the site.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, Response, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: Chromium will not start its sandbox as root, and CI runs as root. The rest
# keeps Chromium from calling home (updates, sync, first-run pages) during a test.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The site is served under a folder, as a ministry or provincial portal would host it:
# every browser test thereby also checks that no link or asset assumes the domain root.
SUB_PATH = "/thu-vien-an-ninh-mang/"
VIEWPORT = {"width": 1280, "height": 900}


def in_ci() -> bool:
    """Whether this run is CI's (``CI=true``), where nothing may be skipped for lack of a tool."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def site_build_commands(site_dir: Path) -> list[list[str]]:
    """The steps of ``make site`` after ``kb link`` and ``kb history``, writing the site
    into ``site_dir``.

    ``kb link`` is left out: the committed pages are already linked, and running it would
    rewrite ``docs/``; ``kb history`` too, which writes what changed from git into
    ``docs/``. ``kb site`` leaves the work tree alone (its staging index is in ``.cache``).
    The list mirrors the Makefile rather than parsing it, so that a test run needs neither
    ``make`` nor the Makefile's venv paths: a step added to the ``site`` target belongs
    here too.
    """
    return [[sys.executable, "-m", "kb.cli", "site", "--site-dir", str(site_dir)]]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per session from the committed ``docs/``, outside the work tree."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    # Without Material's end-of-life banner, a failed build's message is only the build's.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for command in site_build_commands(site_dir):
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                                check=False)
        if result.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return site_dir


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site's folder at ``SUB_PATH`` only; anything else is 404."""

    def send_head(self) -> BinaryIO | None:
        """404 outside ``SUB_PATH``: an asset linked from the domain root must show up broken."""
        if not urlsplit(self.path).path.startswith(SUB_PATH):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        """``SUB_PATH`` is the site folder's root."""
        return super().translate_path("/" + path.removeprefix(SUB_PATH))

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: failed requests are asserted on from the browser's side."""


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    """The base URL (ending in ``SUB_PATH``) of the built site served on 127.0.0.1."""
    handler = partial(SubPathHandler, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    yield f"http://{host}:{port}{SUB_PATH}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium; skips without it, except in CI where it fails."""
    if not CHROMIUM.exists():
        reason = (f"{CHROMIUM} không có: cài bằng `make browser-deps` (apt-get, cần quyền root) "
                  "để chạy các kiểm thử trên trình duyệt")
        if in_ci():
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class SitePage:
    """A browser tab on the served site that records every request it makes.

    ``tab`` is the Playwright page; ``open`` takes paths relative to the site's base URL.
    """

    tab: Page
    base_url: str
    requests: list[str] = field(default_factory=list, repr=False)
    failures: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.tab.on("request", self._record_request)
        self.tab.on("response", self._record_response)
        self.tab.on("requestfailed", self._record_failure)

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:<port>``: the only place the site may load anything from."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def open(self, path: str) -> None:
        """Load ``base_url + path`` and wait until the page and its assets have loaded."""
        self.tab.goto(self.base_url + path, wait_until="load")

    def url_of(self, path: str) -> str:
        """The absolute URL of a site path, to compare with ``tab.url``."""
        return self.base_url + path

    def assert_no_request_left_origin(self) -> None:
        """Every recorded request went to the site's own origin (or was data:/blob:)."""
        assert self.requests, "no request was recorded"
        outside = [url for url in self.requests
                   if not url.startswith((self.origin + "/", "data:", "blob:"))]
        assert not outside, f"requests outside {self.origin}: {outside}"

    def assert_nothing_failed(self) -> None:
        """No request got an HTTP error (a 404 under the sub-path) or failed outright."""
        assert not self.failures, f"failed requests: {self.failures}"

    def _record_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _record_response(self, response: Response) -> None:
        if response.status >= HTTPStatus.BAD_REQUEST:
            self.failures.append(f"{response.status} {response.url}")

    def _record_failure(self, request: Request) -> None:
        # A request the page itself cancelled (a superseded fetch, a navigation away) is not
        # a broken asset; a missing one shows up as an HTTP error response above.
        if request.failure != "net::ERR_ABORTED":
            self.failures.append(f"{request.failure} {request.url}")


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[SitePage]:
    """A fresh 1280×900 tab (own context: no cookies, storage or permissions carried over)."""
    context = browser.new_context(viewport=VIEWPORT)
    yield SitePage(context.new_page(), server)
    context.close()
