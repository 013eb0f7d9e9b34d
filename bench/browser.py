"""Search and page weight in headless Chromium, against a built site served on localhost.

The site is served as a static host serves it: gzip for text types, an ETag and
``Cache-Control: max-age=600`` (what GitHub Pages sends), 304 on revalidation.
The server counts the bytes it writes — status line, headers and body, per
request — so "bytes transferred" includes what a Web Worker fetches (Material's
search runs in one) and excludes what the browser took from its cache.

Time to first results is measured in the page: an init script records
``performance.now()`` (milliseconds since navigation start) when the first result
element appears.
"""

from __future__ import annotations

import gzip
import mimetypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from statistics import median
from typing import BinaryIO
from urllib.parse import quote, unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
COMPRESSED = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map"}
TIMEOUT_MS = 180_000
_KINDS = {".css": "css", ".js": "js", ".woff2": "font", ".woff": "font", ".ttf": "font",
          ".json": "json"}


@dataclass(frozen=True)
class Flavour:
    """How a site shows search results: the page to open for a query, the result element."""

    results_url: str  # relative to the site root; {q} is the quoted query
    result: str  # CSS selector of one result
    index_prefixes: tuple[str, ...]  # URL paths of the search index, loaded on demand


PROJECT = Flavour("tim-kiem/?q={q}", "[data-search-results] .kb-result",
                  ("/assets/search/",))
# Material opens its search with the query of a ``?q=`` URL (what its share button copies).
STOCK = Flavour("?q={q}", ".md-search-result__item", ("/search/",))


@dataclass
class Ledger:
    """Bytes the server wrote, per request path, since the last :meth:`reset`."""

    entries: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, sent: int) -> None:
        with self.lock:
            self.entries.append((path, sent))

    def reset(self) -> None:
        with self.lock:
            self.entries.clear()

    def total(self, excluding: tuple[str, ...] = ()) -> int:
        with self.lock:
            return sum(n for path, n in self.entries if not path.startswith(excluding))

    def requests(self) -> int:
        with self.lock:
            return len(self.entries)

    def largest(self, count: int = 8) -> list[tuple[str, int]]:
        """The ``count`` largest responses: (path, bytes)."""
        with self.lock:
            return sorted(self.entries, key=lambda e: e[1], reverse=True)[:count]

    def by_kind(self) -> dict[str, int]:
        """Bytes per kind of file: html, css, js, font, json, other."""
        kinds: dict[str, int] = {}
        with self.lock:
            for path, sent in self.entries:
                suffix = Path(path).suffix.lower()
                kind = "html" if path.endswith("/") or suffix == ".html" else \
                    _KINDS.get(suffix, "other")
                kinds[kind] = kinds.get(kind, 0) + sent
        return kinds


class _Counting:
    """A write-only stream that counts what passes through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    @property
    def closed(self) -> bool:
        return self.stream.closed

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()


def _handler(root: Path, ledger: Ledger) -> type[BaseHTTPRequestHandler]:
    """A static-site handler for ``root`` that records the bytes of each response."""
    compressed: dict[tuple[Path, str], bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            self.wfile = _Counting(self.wfile)

        def log_message(self, *_: object) -> None:
            """Silent: thousands of requests per run."""

        def do_GET(self) -> None:  # noqa: N802 (the http.server interface)
            before = self.wfile.count
            path = unquote(urlsplit(self.path).path)
            self._respond(path)
            ledger.add(path, self.wfile.count - before)

        def _respond(self, path: str) -> None:
            file = (root / path.lstrip("/")).resolve()
            if root not in (file, *file.parents) or not file.exists():
                self._send(HTTPStatus.NOT_FOUND, b"", {})
                return
            if file.is_dir():
                if not path.endswith("/"):
                    self._send(HTTPStatus.MOVED_PERMANENTLY, b"", {"Location": path + "/"})
                    return
                file = file / "index.html"
            stat = file.stat()
            etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            headers = {"ETag": etag, "Cache-Control": "max-age=600",
                       "Content-Type": mimetypes.guess_type(file.name)[0]
                       or "application/octet-stream"}
            if self.headers.get("If-None-Match") == etag:
                self._send(HTTPStatus.NOT_MODIFIED, b"", headers)
                return
            body = file.read_bytes()
            if file.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                key = (file, etag)
                if key not in compressed:
                    compressed[key] = gzip.compress(body, compresslevel=6, mtime=0)
                body = compressed[key]
                headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
            self._send(HTTPStatus.OK, body, headers)

        def _send(self, status: HTTPStatus, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status is not HTTPStatus.NOT_MODIFIED:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, Ledger]]:
    """Serve ``site`` on an ephemeral localhost port: (base URL, ledger)."""
    ledger = Ledger()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site.resolve(), ledger))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", ledger
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        try:
            yield browser
        finally:
            browser.close()


_FIRST_RESULT = """
(() => {
  const selector = %s;
  const seen = () => {
    if (window.__benchFirst === undefined && document.querySelector(selector)) {
      window.__benchFirst = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, {childList: true, subtree: true});
})();
"""


def _new_context(browser: Browser, flavour: Flavour) -> BrowserContext:
    """A fresh browser profile (empty cache) that records when the first result appears."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    selector = flavour.result.replace("\\", "\\\\").replace('"', '\\"')
    context.add_init_script(_FIRST_RESULT % f'"{selector}"')
    return context


def _settle(ledger: Ledger, quiet: float = 1.0, limit: float = 60.0) -> None:
    """Wait until the server has seen no request for ``quiet`` seconds (late fetches)."""
    deadline = time.monotonic() + limit
    count = ledger.requests()
    while time.monotonic() < deadline:
        time.sleep(quiet)
        if ledger.requests() == count:
            return
        count = ledger.requests()


@dataclass
class QueryRun:
    """One measured query: ms from navigation to the first result, bytes the server sent."""

    ms: float | None  # None: no result appeared
    dom_ms: float  # DOMContentLoaded done: the page and its scripts, before any search work
    bytes: int
    index_bytes: int  # of which search index files
    results: int


def _query(context: BrowserContext, base: str, ledger: Ledger, flavour: Flavour,
           query: str) -> QueryRun:
    """Open the results of ``query`` in a new tab of ``context``; measure until it is quiet."""
    page = context.new_page()
    ledger.reset()
    page.goto(base + flavour.results_url.format(q=quote(query)), wait_until="commit")
    try:
        page.wait_for_function("window.__benchFirst !== undefined", timeout=TIMEOUT_MS)
        ms = page.evaluate("window.__benchFirst")
    except PlaywrightTimeout:  # no result at all
        ms = None
    _settle(ledger)
    count = page.locator(flavour.result).count()
    dom_ms = page.evaluate("performance.getEntriesByType('navigation')[0]"
                           ".domContentLoadedEventEnd")
    page.close()
    index = ledger.total() - ledger.total(excluding=flavour.index_prefixes)
    return QueryRun(ms, dom_ms, ledger.total(), index, count)


def measure_search(browser: Browser, base: str, ledger: Ledger, flavour: Flavour,
                   queries: tuple[str, ...], primer: str, runs: int) -> dict:
    """Cold (a new browser profile) and warm (after one other query) runs of each query."""
    out: dict = {}
    for query in queries:
        cold, warm = [], []
        for _ in range(runs):
            context = _new_context(browser, flavour)
            cold.append(_query(context, base, ledger, flavour, query))
            context.close()
            context = _new_context(browser, flavour)
            _query(context, base, ledger, flavour, primer)
            warm.append(_query(context, base, ledger, flavour, query))
            context.close()
        out[query] = {"cold": _summary(cold), "warm": _summary(warm)}
    return out


def _summary(runs: list[QueryRun]) -> dict:
    times = [r.ms for r in runs if r.ms is not None]
    return {"ms": median(times) if len(times) == len(runs) else None,
            "dom_ms": median(r.dom_ms for r in runs),
            "bytes": median(r.bytes for r in runs),
            "index_bytes": median(r.index_bytes for r in runs),
            "results": max(r.results for r in runs), "runs_ms": [r.ms for r in runs]}


def measure_pages(browser: Browser, base: str, ledger: Ledger, pages: dict[str, str],
                  index_prefixes: tuple[str, ...], runs: int) -> dict:
    """Bytes of a first visit (empty cache) and a repeat visit (same profile) of each page."""
    out: dict = {}
    for name, path in pages.items():
        first, first_without_index, repeat, load_ms, kinds, largest = [], [], [], [], [], []
        for _ in range(runs):
            context = _new_context(browser, PROJECT)
            page = context.new_page()
            ledger.reset()
            page.goto(base + path, wait_until="load")
            _settle(ledger)
            first.append(ledger.total())
            first_without_index.append(ledger.total(excluding=index_prefixes))
            kinds.append(ledger.by_kind())
            largest.append(ledger.largest())
            load_ms.append(page.evaluate(
                "performance.getEntriesByType('navigation')[0].loadEventEnd"))
            page.goto("about:blank")
            ledger.reset()
            page.goto(base + path, wait_until="load")
            _settle(ledger)
            repeat.append(ledger.total())
            context.close()
        out[name] = {"path": path, "first_bytes": median(first),
                     "first_bytes_without_index": median(first_without_index),
                     "repeat_bytes": median(repeat), "load_ms": median(load_ms),
                     "first_by_kind": kinds[0], "first_largest": largest[0]}
    return out
