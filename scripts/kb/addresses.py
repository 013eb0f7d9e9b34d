"""Old addresses keep working: a renamed or renumbered document redirects from its old slug.

A page's address comes from its number, so a draft that gets its number, or a number
corrected after a typo, moves the page (``ke-hoach-son-duong-2021-06`` →
``25-kh-ubnd``). Agencies have linked and printed the old address, so ``kb import``
records it in the new page's front matter (``dia_chi_cu``) and removes the old page, and
``kb redirects`` writes after each build a small static page at every old address that
sends the reader on — keeping the ``#dieu-8`` part, which ``<meta http-equiv="refresh">``
alone would drop. No web server rule and no MkDocs plugin is needed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import yaml

from kb.importer import ORIGINALS, write_atomic
from kb.library import read_front_matter
from kb.schema import SLUG
from kb.vietnamese import fold

FIELD = "dia_chi_cu"

#: The same for every redirect page, so the CSP needs one hash for all of them: it reads
#: the target from the refresh tag and keeps the fragment (#dieu-8-khoan-2).
REDIRECT_SCRIPT = ("location.replace(document.querySelector('meta[http-equiv=refresh]')"
                   ".content.split('url=')[1] + location.hash)")


def _key(text: object) -> str:
    return " ".join(fold(str(text or "")).lower().split())


def moved_from(before: dict[str, dict], slug: str, meta: dict) -> list[str]:
    """Pages the document ``meta`` (now at ``slug``) used to be: the same source file, of the
    same type and trích yếu, at another address. A file name alone is not enough —
    "ke-hoach.docx" of two agencies are two documents."""
    source = (meta.get("nguon") or {}).get("tep")
    return sorted(old for old, existing in before.items()
                  if old != slug and source and (existing.get("nguon") or {}).get("tep") == source
                  and _key(existing.get("loai_van_ban")) == _key(meta.get("loai_van_ban"))
                  and _key(existing.get("trich_yeu")) == _key(meta.get("trich_yeu")))


def with_old_addresses(markdown: str, addresses: list[str]) -> str:
    """The page with ``dia_chi_cu`` set to ``addresses`` at the end of its front matter."""
    if not addresses:
        return markdown
    end = markdown.index("\n---\n", 4)
    field = yaml.safe_dump({FIELD: addresses}, allow_unicode=True, sort_keys=False)
    return markdown[:end + 1] + field + markdown[end + 1:]


@dataclass(frozen=True)
class Move:
    """The result for one imported page: its Markdown and the pages it replaces."""

    markdown: str
    retired: list[str]


def carry_over(before: dict[str, dict], slug: str, meta: dict, markdown: str) -> Move:
    """Keep the old addresses a page had and add those of the pages it replaces."""
    retired = moved_from(before, slug, meta)
    addresses = {str(a) for a in (before.get(slug) or {}).get(FIELD) or []}
    for old in retired:
        addresses |= {old, *map(str, before[old].get(FIELD) or [])}
    addresses.discard(slug)
    return Move(with_old_addresses(markdown, sorted(addresses)), retired)


def retire(folder: Path, slug: str) -> None:
    """Remove a page that moved, and its published original."""
    (folder / f"{slug}.md").unlink(missing_ok=True)
    for original in (folder / ORIGINALS).glob(f"{slug}.*"):
        original.unlink()


def redirect_page(title: str, target: str, canonical: str | None) -> str:
    """A static page that sends the reader to ``target`` (relative URL), fragment kept."""
    href = html.escape(target, quote=True)
    name = html.escape(title)
    link = f'<link rel="canonical" href="{html.escape(canonical, quote=True)}">\n' \
        if canonical else ""
    return ("<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>Đã chuyển địa chỉ: {name}</title>\n"
            "<meta name=\"robots\" content=\"noindex\">\n"
            f"{link}<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n"
            f"<script>{REDIRECT_SCRIPT}</script>\n</head>\n<body>\n"
            f"<p>Văn bản này đã chuyển sang địa chỉ mới: <a href=\"{href}\">{name}</a>.</p>\n"
            "</body>\n</html>\n")


@dataclass(frozen=True)
class Redirect:
    """An old address (``old``, a slug) of the page now at ``slug``."""

    old: str
    slug: str
    title: str


def old_addresses(docs: Path, folder: str = "van-ban") -> list[Redirect]:
    """Every old address the pages of ``docs/folder`` record, from their front matter."""
    found = []
    for path in sorted((docs / folder).glob("*.md")):
        meta = read_front_matter(path)
        title = str(meta.get("title") or path.stem)
        found += [Redirect(old, path.stem, title) for old in map(str, meta.get(FIELD) or [])
                  if SLUG.match(old)]
    return found


def write_redirects(redirects: list[Redirect], site: Path, site_url: str | None,
                    folder: str = "van-ban") -> list[str]:
    """Write a redirect page into the built ``site`` for each of ``redirects``.

    Returns the old addresses written. An old address that is a real page of the build is
    never overwritten (``kb check`` reports it as an error).
    """
    written = []
    for redirect in redirects:
        page = site / folder / redirect.old / "index.html"
        if page.exists() and REDIRECT_SCRIPT not in page.read_text(encoding="utf-8"):
            continue
        canonical = f"{site_url.rstrip('/')}/{folder}/{redirect.slug}/" if site_url else None
        write_atomic(page, redirect_page(redirect.title, f"../{redirect.slug}/", canonical))
        written.append(redirect.old)
    return written
