"""The files ``kb history`` writes before MkDocs runs, all ignored by git.

``docs/lich-su/<slug>.md``
    The changelog of each document: its revisions, newest first, with what changed.
``docs/atom.xml``, ``docs/rss.xml``
    The feeds of added and changed documents and guides, for agencies and citizens to
    subscribe to; absolute links from ``site_url``. Every page announces them
    (``<link rel="alternate feed">`` in ``overrides/main.html``).
``SNIPPETS/cap-nhat.md``
    The list of the page "Mới cập nhật" (``docs/cap-nhat/index.md``, committed, includes it
    with ``pymdownx.snippets``: without a history the page still builds, with no list).
``overrides/generated/page-info.html``, ``page-rows.html``
    Per page, when it last changed, its changelog, whether it may be edited (a page
    written by a script may not) and whether it has uncommitted changes: read by
    ``overrides/partials/source-file.html`` at the foot of every page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from kb.catalog.entries import split_front_matter
from kb.citations.annotate import unlink
from kb.history.changes import Revision, field_change, revisions, units
from kb.history.git import Commit, FileChange, Repository
from kb.importer import write_atomic
from kb.render import escape
from kb.schema import DOCUMENTS, GUIDES
from kb.sections import vietnamese_date

HISTORY = "lich-su"
UPDATES = "cap-nhat"
FEEDS = {"atom": "atom.xml", "rss": "rss.xml"}
FEED_SIZE = 50
SITE_NAME = "Thư viện pháp luật an ninh mạng"
NOTE = ("<!-- Trang do `kb history` tạo từ lịch sử git: đừng sửa tay, "
        "mọi thay đổi sẽ bị ghi đè. -->")
#: The note scripts put in the pages they write (``kb link``, ``kb history``).
_GENERATED = re.compile(r"<!-- Trang do `kb \w+` tạo .*?đừng sửa tay")
_ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Page:
    """A page of the library with a history: document or guide."""

    path: str  # "van-ban/24-2018-qh14.md"
    title: str
    revisions: list[Revision]
    anchors: set[str] = field(default_factory=set)

    @property
    def slug(self) -> str:
        return Path(self.path).stem

    @property
    def url(self) -> str:
        return self.path.removesuffix(".md") + "/"


@dataclass(frozen=True)
class Event:
    """One revision of one page, for the list and the feeds."""

    page: Page
    revision: Revision


@dataclass
class History:
    """What git says about ``docs``: pages with revisions, last commits, pending files."""

    available: bool
    pages: dict[str, Page] = field(default_factory=dict)
    last: dict[str, Commit] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)

    def events(self) -> list[Event]:
        """Revisions of every page, newest first; layout-only ones are no news."""
        events = [Event(p, r) for p in self.pages.values() for r in p.revisions
                  if not r.cosmetic]
        return sorted(events, key=lambda e: (e.revision.commit.date, e.page.path), reverse=True)


def _library_pages(docs: Path) -> list[str]:
    return [f"{folder}/{path.name}" for folder in (DOCUMENTS, GUIDES)
            for path in sorted((docs / folder).glob("*.md")) if path.name != "index.md"]


def read_history(docs: Path) -> History:
    """The history of every document and guide of ``docs`` (empty outside a git repository)."""
    repository = Repository.find(docs)
    if repository is None:
        return History(available=False)
    history = History(available=True, pending=repository.pending())
    by_path: dict[str, list[FileChange]] = defaultdict(list)
    for change in repository.changes():
        history.last.setdefault(change.path, change.commit)
        by_path[change.path].append(change)
    for path in _library_pages(docs):
        if not by_path.get(path):
            continue
        meta, body = split_front_matter((docs / path).read_text(encoding="utf-8"))
        texts = repository.read(c.blob for c in by_path[path] if c.blob)
        history.pages[path] = Page(path, str(meta.get("title") or Path(path).stem),
                                   revisions(by_path[path], texts), set(units(unlink(body))))
    return history


def _cell(text: str) -> str:
    return escape(" ".join(text.split())).replace("|", "\\|")


def _date(commit: Commit) -> str:
    return vietnamese_date(commit.date.date().isoformat())


def _unit_line(page: Page, verb: str, changed: list, link: bool) -> str:
    names = []
    for unit in changed:
        name = _cell(unit.name or "Phần mở đầu")
        if link and unit.anchor and unit.anchor in page.anchors:
            name = f"[{name}](../{page.path}#{unit.anchor})"
        names.append(name)
    return f"- {verb}: {'; '.join(names)}"


def changelog(page: Page, repo_url: str | None) -> str:
    """The Markdown of a document's changelog page."""
    lines = ["---", f"title: {json.dumps(f'Lịch sử thay đổi: {page.title}', ensure_ascii=False)}",
             "---", "", NOTE, "", "# Lịch sử thay đổi", "",
             f"[{_cell(page.title)}](../{page.path}): các lần cập nhật đã được duyệt và đưa lên "
             "thư viện, mới nhất trước.", ""]
    for revision in page.revisions:
        commit = revision.commit
        lines += [f"## {_date(commit)}: {_cell(commit.description)} {{#r-{commit.sha[:7]}}}", ""]
        if revision.added:
            lines.append("- Thêm vào thư viện.")
        lines += [_unit_line(page, verb, changed, link) for verb, changed, link in (
            ("Sửa đổi", revision.modified, True), ("Bổ sung", revision.inserted, True),
            ("Bỏ (không còn trong văn bản)", revision.removed, False)) if changed]
        lines += [f"- {_cell(field_change(*change))}" for change in revision.fields]
        if revision.source_replaced:
            lines.append("- Tệp gốc được thay bằng bản mới.")
        if revision.cosmetic:
            lines.append("- Chỉnh sửa trình bày, không đổi nội dung các điều.")
        sha = f"`{commit.sha[:7]}`"
        lines += ["", f"Mã thay đổi: [{sha}]({repo_url.rstrip('/')}/commit/{commit.sha})"
                  if repo_url else f"Mã thay đổi: {sha}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def updates_list(history: History) -> str:
    """The Markdown list of "Mới cập nhật" (links relative to ``cap-nhat/index.md``)."""
    if not history.available:
        return "Chưa có lịch sử cập nhật: thư mục này không nằm trong một kho git.\n"
    rows = ["| Ngày | Văn bản | Thay đổi |", "| --- | --- | --- |"]
    for event in history.events()[:FEED_SIZE]:
        page, revision = event.page, event.revision
        changes = _cell(revision.summary())
        if page.path.startswith(f"{DOCUMENTS}/"):
            changes += f" ([lịch sử](../{HISTORY}/{page.slug}.md#r-{revision.commit.sha[:7]}))"
        rows.append(f"| {_date(revision.commit)} | [{_cell(page.title)}](../{page.path}) | "
                    f"{changes}<br>{_cell(revision.commit.description)} |")
    return "\n".join(rows) + "\n"


def _entry_title(event: Event) -> str:
    return f"{'Thêm mới' if event.revision.added else 'Cập nhật'}: {event.page.title}"


def _summary(event: Event) -> str:
    return f"{event.revision.summary()}. {event.revision.commit.description}"


def atom_feed(history: History, site_url: str) -> str:
    """The Atom feed of the latest revisions (RFC 4287)."""
    ElementTree.register_namespace("", _ATOM)

    def sub(parent: ElementTree.Element, tag: str, text: str | None = None,
            **attributes: str) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{_ATOM}}}{tag}", attributes)
        element.text = text
        return element

    events = history.events()[:FEED_SIZE]
    feed = ElementTree.Element(f"{{{_ATOM}}}feed", {"xml:lang": "vi"})
    sub(feed, "title", f"{SITE_NAME} — Mới cập nhật")
    sub(feed, "id", f"{site_url}{UPDATES}/")
    sub(feed, "link", href=f"{site_url}{FEEDS['atom']}", rel="self")
    sub(feed, "link", href=f"{site_url}{UPDATES}/", rel="alternate", type="text/html")
    updated = events[0].revision.commit.date if events else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    sub(feed, "updated", updated.isoformat())
    sub(sub(feed, "author"), "name", SITE_NAME)
    host = re.sub(r"^https?://([^/:]+).*$", r"\1", site_url)
    for event in events:
        commit = event.revision.commit
        entry = sub(feed, "entry")
        sub(entry, "title", _entry_title(event))
        sub(entry, "id", f"tag:{host},{commit.date.date().isoformat()}:"
                         f"{event.page.url}{commit.sha[:12]}")
        sub(entry, "link", href=f"{site_url}{event.page.url}", rel="alternate", type="text/html")
        sub(entry, "updated", commit.date.isoformat())
        sub(entry, "summary", _summary(event))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + \
        ElementTree.tostring(feed, encoding="unicode") + "\n"


def rss_feed(history: History, site_url: str) -> str:
    """The same items as RSS 2.0, for readers that know only RSS."""
    events = history.events()[:FEED_SIZE]
    rss = ElementTree.Element("rss", {"version": "2.0"})
    channel = ElementTree.SubElement(rss, "channel")
    for tag, text in (("title", f"{SITE_NAME} — Mới cập nhật"), ("link", f"{site_url}{UPDATES}/"),
                      ("description", "Văn bản và cẩm nang mới thêm hoặc vừa cập nhật"),
                      ("language", "vi")):
        ElementTree.SubElement(channel, tag).text = text
    for event in events:
        commit = event.revision.commit
        item = ElementTree.SubElement(channel, "item")
        ElementTree.SubElement(item, "title").text = _entry_title(event)
        ElementTree.SubElement(item, "link").text = f"{site_url}{event.page.url}"
        ElementTree.SubElement(item, "guid", {"isPermaLink": "false"}).text = \
            f"{event.page.url}{commit.sha[:12]}"
        ElementTree.SubElement(item, "pubDate").text = \
            commit.date.strftime("%a, %d %b %Y %H:%M:%S %z")
        ElementTree.SubElement(item, "description").text = _summary(event)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + \
        ElementTree.tostring(rss, encoding="unicode") + "\n"


def page_rows(docs: Path, history: History) -> str:
    """The Jinja module holding, per page, what ``source-file.html`` shows at its foot.

    A module, imported by ``page-info.html``: Jinja builds an imported module once per
    build, whereas a table written into the included partial itself was rebuilt for every
    page — 63 % of the build time at 10,000 documents (BENCHMARKS.md).
    """
    rows: dict[str, list] = {}
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if relative.startswith(f"{HISTORY}/"):
            continue
        page = history.pages.get(relative)
        commit = page.revisions[0].commit if page and page.revisions else \
            history.last.get(relative)
        generated = bool(_GENERATED.search(path.read_text(encoding="utf-8")))
        changelog_url = f"{HISTORY}/{page.slug}/" if page and page.revisions and \
            relative.startswith(f"{DOCUMENTS}/") else ""
        rows[relative] = [commit.date.date().isoformat() if commit else "",
                          _date(commit) if commit else "", changelog_url,
                          relative in history.last and not generated,
                          relative in history.pending and not generated]
    table = json.dumps(rows, separators=(",", ":"))
    return ("{#- Tạo bởi `kb history`: đừng sửa tay. [ngày ISO, ngày hiển thị, lịch sử, "
            f"được sửa, chưa commit] -#}}\n{{%- set table = {table} -%}}\n")


#: The partial ``source-file.html`` includes: the page's row of the module above.
PAGE_INFO = ("{#- Tạo bởi `kb history`: đừng sửa tay. -#}\n"
             '{%- import "generated/page-rows.html" as kb_rows -%}\n'
             "{%- set kb_row = kb_rows.table.get(page.file.src_uri) -%}\n"
             "{%- if kb_row -%}\n"
             + "".join(f"{{%- set kb_page.{name} = kb_row[{i}] -%}}\n" for i, name in
                       enumerate(("updated", "shown", "history", "editable", "pending"))) +
             "{%- endif -%}\n")


@dataclass(frozen=True)
class Outputs:
    """Where ``kb history`` writes (defaults beside ``docs/``)."""

    docs: Path
    snippets: Path
    templates: Path

    @classmethod
    def beside(cls, docs: Path) -> Outputs:
        root = docs.parent
        return cls(docs, root / ".cache" / "kb" / "history", root / "overrides" / "generated")


def write_history(outputs: Outputs, site_url: str, repo_url: str | None) -> History:
    """Read the history of ``outputs.docs`` and write every file listed in the module doc."""
    docs = outputs.docs
    history = read_history(docs)
    folder = docs / HISTORY
    staging = docs / f".{HISTORY}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for page in history.pages.values():
        if page.path.startswith(f"{DOCUMENTS}/") and page.revisions:
            (staging / f"{page.slug}.md").write_text(changelog(page, repo_url), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    write_atomic(docs / FEEDS["atom"], atom_feed(history, site_url))
    write_atomic(docs / FEEDS["rss"], rss_feed(history, site_url))
    write_atomic(outputs.snippets / "cap-nhat.md", updates_list(history))
    write_atomic(outputs.templates / "page-rows.html", page_rows(docs, history))
    write_atomic(outputs.templates / "page-info.html", PAGE_INFO)
    return history
