"""``kb guides``: write the generated sections of the guides and the home page, then check them.

The pages and what each gets, from its front matter:

- a guide (``template: guide.html``, in ``docs/cam-nang``): the "Trình báo ở đâu"
  section from ``extra.lien_he`` of ``mkdocs.yml``; its quiz is checked;
- a page with ``thuat_ngu:`` (the glossary): the terms of the laws it names;
- a page with ``the_cam_nang: true`` (the home page, the guides' index): the guides as
  cards;
- a page with ``van_ban_moi: <số>`` (the home page): the newest documents.

Every page of ``docs/cam-nang`` is also checked for links to laws no longer in force.
The pages are checked as they are written, so that an error's line is the line an editor
finds in the file; the generated sections are derived data and are written even when a
hand-written part has an error, which fails the command (and the build) all the same.
With ``write=False`` (``kb guides --check``) nothing is written and the pages are checked
as they would be, which is how they are on disk when the committed pages are up to date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kb.catalog import Catalog, Entry, Graph
from kb.catalog.entries import split_front_matter
from kb.catalog.store import CatalogStore, versioned
from kb.checks import Report
from kb.guides.cards import card_problems, guide_card, render_cards
from kb.guides.contacts import read_settings, render_contacts
from kb.guides.glossary import collect_terms, render_glossary
from kb.guides.history import expired_citations
from kb.guides.newest import render_newest
from kb.guides.quiz import check_quiz
from kb.guides.sections import replace_section
from kb.importer import write_atomic
from kb.linking import GUIDES, SITE_FOLDER

#: The template of the guides (overrides/guide.html): what makes a page a guide.
GUIDE_TEMPLATE = "guide.html"


@dataclass
class GuidesReport(Report):
    """Errors and warnings of ``kb guides``, and how many pages it rewrote."""

    written: int = 0


@dataclass
class Page:
    path: Path
    front: str  # the front matter block, fences included, kept byte for byte
    meta: dict
    body: str

    @classmethod
    def read(cls, path: Path) -> Page:
        text = path.read_text(encoding="utf-8")
        meta, body = split_front_matter(text)
        return cls(path, text[:len(text) - len(body)], meta, body)

    @property
    def is_guide(self) -> bool:
        return self.meta.get("template") == GUIDE_TEMPLATE

    @property
    def entry(self) -> Entry:
        """The page as the citation engine sees a citing document (its date: ``ngay_cap_nhat``)."""
        return Entry(self.path.stem, self.path, self.meta)

    def text(self) -> str:
        return self.front + self.body


def update_guides(docs: Path, config: Path, today: dt.date, write: bool = True,
                  cache: Path | None = None) -> GuidesReport:
    """Regenerate the sections of ``docs/index.md`` and ``docs/cam-nang``, then check them.

    ``cache`` is the store of the catalogue ``kb link`` keeps (:mod:`kb.catalog.store`):
    with it, the library's pages are not read again unless they changed, so the guides
    cost the same whatever the size of the library.
    """
    report = GuidesReport()
    folder = docs / SITE_FOLDER
    catalog = (CatalogStore(versioned(cache)).load(folder) if cache is not None
               else Catalog.load(folder))
    pages = [Page.read(path) for path in [docs / "index.md",
                                          *sorted((docs / GUIDES).glob("*.md"))] if path.is_file()]
    guides = [page for page in pages if page.is_guide]
    contacts = render_contacts(read_settings(config), str(config))
    report.errors += contacts.errors
    report.warnings += contacts.warnings
    cards = [guide_card(page.path, page.meta, docs) for page in guides]
    for page, card in zip(guides, cards, strict=True):
        report.errors += card_problems(card, str(page.path)) + _summary_problems(page)
    for page in pages:
        where = str(page.path)
        if page.is_guide:
            page.body = replace_section(page.body, "lien-he", contacts.lines)
        if page.meta.get("thuat_ngu"):
            glossary = collect_terms(list(page.meta["thuat_ngu"]), page.entry, catalog, where)
            report.errors += glossary.errors
            page.body = replace_section(page.body, "thuat-ngu", render_glossary(glossary.terms))
        if page.meta.get("the_cam_nang"):
            page.body = replace_section(page.body, "the", render_cards(cards, page.path))
        if page.meta.get("van_ban_moi"):
            newest = render_newest(catalog, int(page.meta["van_ban_moi"]), page.path, docs, today)
            page.body = replace_section(page.body, "van-ban-moi", newest)
    if write:
        report.written = sum(write_atomic(page.path, page.text()) for page in pages)
    _check(pages, catalog, today, report)
    return report


def _summary_problems(page: Page) -> list[str]:
    """What the summary box of overrides/guide.html needs as text and the guide lacks.

    YAML reads an unquoted "Dữ liệu cá nhân: họ tên…" in a list as a mapping, which the
    template would print as such: the editor learns it here instead.
    """
    summary, audience = page.meta.get("tom_tat"), page.meta.get("doi_tuong")
    problems = []
    if not (isinstance(summary, str) or isinstance(summary, list) and summary
            and all(isinstance(point, str) for point in summary)):
        problems.append(f"{page.path}: “tom_tat” phải là một câu hoặc danh sách các câu (câu "
                        "có dấu “: ” đặt trong dấu ngoặc kép)")
    if not isinstance(audience, str):
        problems.append(f"{page.path}: “doi_tuong” phải là một dòng chữ: cẩm nang dành cho ai")
    return problems


def _check(pages: list[Page], catalog: Catalog, today: dt.date, report: GuidesReport) -> None:
    """Quizzes of the guides, and links to laws no longer in force on every guides' page."""
    graph = Graph.build(catalog)
    for page in pages:
        where = str(page.path)
        if page.is_guide:
            report.errors += check_quiz(where, page.text())
        if page.path.parent.name == GUIDES and page.path.name != "index.md":
            report.errors += expired_citations(page.entry, page.front, page.body, catalog, graph,
                                               today, where)
