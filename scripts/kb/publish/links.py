"""Every internal link and anchor of the built site, checked in the HTML readers get.

``mkdocs build --strict`` checks the links written in Markdown; this checks what the
templates, the generated HTML (header blocks, redirect pages) and raw HTML in pages add,
after the build, against the files really present: a link to a page that is not there,
to an anchor the target page does not have (``#dieu-8-khoan-2`` after a renumbering), or
a root-absolute URL that works on a test server but breaks under the portal's sub-path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Attributes holding URLs, per element.
_URL_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src",
                   "source": "src", "iframe": "src"}
#: Relations of <link> that name something fetched or navigated to on this site.
_LINK_RELATIONS = {"stylesheet", "icon", "prev", "next", "alternate", "manifest", "preload"}


class _Page(HTMLParser):
    """The ids of one page and the URLs it references (with the line of each)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        attribute = _URL_ATTRIBUTES.get(tag)
        if attribute is None or not values.get(attribute):
            return
        if tag == "link" and not _LINK_RELATIONS & set((values.get("rel") or "").split()):
            return  # canonical: the public address, not a file of this build
        self.urls.append((values[attribute], self.getpos()[0]))


@dataclass
class LinkReport:
    """Broken links, each "page (line N): URL — why", and how many links were checked."""

    broken: list[str] = field(default_factory=list)
    checked: int = 0
    pages: int = 0


class SiteLinks:
    """The built site in ``site``, published at ``site_url`` (absolute links to it count)."""

    def __init__(self, site: Path, site_url: str | None = None) -> None:
        self.site = site
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.prefix = urlsplit(self.site_url).path if self.site_url else None
        self._pages: dict[Path, _Page] = {}

    def parse(self, path: Path) -> _Page:
        """A page's ids and URLs, parsed once: a law is the target of many links."""
        if path not in self._pages:
            self._pages[path] = _Page()
            self._pages[path].feed(path.read_text(encoding="utf-8", errors="replace"))
        return self._pages[path]

    def _site_relative(self, page: Path, url: str) -> tuple[str | None, str | None]:
        """(URL relative to the site root, problem); (None, None) for another site."""
        parts = urlsplit(url)
        if self.site_url and url.startswith(self.site_url):
            return url[len(self.site_url):], None
        if parts.scheme or parts.netloc:
            return None, None
        if url.startswith("/"):
            if self.prefix and url.startswith(self.prefix):
                return url[len(self.prefix):], None
            return None, ("đường dẫn tuyệt đối từ gốc tên miền: hỏng khi thư viện đặt ở thư mục "
                          "con của cổng thông tin")
        folder = page.parent.relative_to(self.site).as_posix()
        if not parts.path:  # "#dieu-8" or "?q=…": this very page
            url = page.name + url
        return (url if folder == "." else f"{folder}/{url}"), None

    def resolve(self, page: Path, url: str) -> tuple[Path | None, str, str | None]:
        """(file the URL names or None when outside the site, fragment, problem)."""
        relative, problem = self._site_relative(page, url)
        if relative is None:
            return None, "", problem
        parts = urlsplit(relative)
        target = posixpath.normpath("/" + unquote(parts.path))
        if target.startswith("/.."):
            return None, "", "trỏ ra ngoài thư mục trang"
        file = self.site / target.lstrip("/")
        if file.is_dir() or parts.path.endswith("/"):
            file = file / "index.html"
        return file, unquote(parts.fragment), None

    def check(self) -> LinkReport:
        report = LinkReport()
        for page in sorted(self.site.rglob("*.html")):
            report.pages += 1
            where = page.relative_to(self.site).as_posix()
            for url, line in self.parse(page).urls:
                if url.startswith(("mailto:", "tel:", "data:", "javascript:")) or url == "#":
                    continue
                report.checked += 1
                problem = self._problem(page, url)
                if problem:
                    report.broken.append(f"{where} (dòng {line}): {url} — {problem}")
        return report

    def _problem(self, page: Path, url: str) -> str | None:
        file, fragment, problem = self.resolve(page, url)
        if problem or file is None:
            return problem
        if not file.is_file():
            return "không có trang hoặc tệp này"
        if fragment and file.suffix == ".html" and fragment not in self.parse(file).ids:
            return f"trang đích không có neo #{fragment}"
        return None
