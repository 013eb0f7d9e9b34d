"""Reader for HTML pages saved from Vietnamese legal portals.

Editors save pages from thuvienphapluat.vn, vbpl.vn and similar portals. The
law is one element of the page (thuvienphapluat's ``div#divContentDoc``,
vbpl's ``#toanvancontent``); everything around it, and some things inside it,
belong to the portal: scripts, menus, forms, advertising, hidden tool tips.

What comes out is TEXT: one :class:`~kb.model.Block` per paragraph, with its
alignment and, inside a table, its cell. No tag, attribute, link target or
resource of the page survives, so a hostile or merely noisy page cannot put
scripts, event handlers, ``javascript:`` links or iframes into ``docs/``.

Choices made on purpose:

* Emphasis (``<b>``, ``<i>``) is dropped. On these pages it is layout (every
  heading, the whole header table and the signature are bold; definitions are
  italic), and it is applied per word fragment, so carrying it would produce
  broken Markdown such as ``*C**ổng*``. The structure step recognises headings
  by their words ("Chương I", "Điều 8."), not by their weight. Literal ``*``,
  ``_`` and ``\\`` are escaped with a backslash because Block text is inline
  Markdown.
* Text nodes are joined exactly as they are: Word-exported pages split words
  across inline elements (``<i>C</i><i><span>ổng</span></i>``), and adding a
  space between inline elements would split those words. Newlines inside the
  HTML source are hard wraps and become spaces; ``<br>`` becomes ``\\n`` (empty
  lines, e.g. the space left for a signature, are dropped).
* List items are given the marker a browser would print ("1.", "a.", "-"),
  so numbering that exists only in the markup is not lost.

:func:`plain_text` is deliberately dumb (``get_text`` of the same body element
with only scripts and styles removed): the import check compares its words with
the produced Markdown, and an extraction that shares no code with
:func:`read` is what makes that comparison a proof that no words were lost.
The one thing it shares is the list numbers of ``<ol>`` items: they are words
a reader of the page sees, the check compares word for word, and without them
the witness would call every numbered list a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from kb.errors import SourceError
from kb.model import Block
from kb.text import repair

NO_BODY_MESSAGE = "không tìm thấy nội dung văn bản trong trang HTML"
TOO_DEEP_MESSAGE = "trang HTML lồng thẻ quá sâu, không đọc được"

# Where known portals put the text of the document, most specific first.
BODY_SELECTORS: tuple[str, ...] = (
    "#divContentDoc",  # thuvienphapluat.vn
    "#toanvancontent",  # vbpl.vn
    ".content1",  # thuvienphapluat.vn, inside #divContentDoc
    ".toanvancontent",  # vbpl.vn
    ".fulltext",
    "article",
    "main",
)

# Elements whose content is never document text.
_CHROME_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset",
    "object", "embed", "applet", "svg", "canvas", "img", "picture", "audio",
    "video", "map", "form", "button", "input", "select", "textarea", "nav",
    "menu", "aside", "dialog", "head", "link", "meta", "base",
)  # fmt: skip

# ARIA roles of navigation and page furniture; "doc-backlink" is pandoc's "↩" in footnotes.
_CHROME_ROLES = frozenset(
    {"navigation", "menu", "menubar", "toolbar", "banner", "search", "dialog", "doc-backlink"}
)

# Words of class names and ids that mark menus and advertising ("top_menu", "box-ads").
_CHROME_NAME_WORDS = frozenset(
    {
        "ad", "ads", "adsbygoogle", "advert", "advertisement", "banner", "quangcao",
        "qc", "sponsor", "sponsored", "menu", "nav", "navbar", "navigation",
        "breadcrumb", "breadcrumbs", "toolbar",
    }
)  # fmt: skip

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*([a-z]+)", re.IGNORECASE)
_NAME_WORD_SPLIT = re.compile(r"[^a-z0-9]+")

# Elements after which a browser starts a new line: they end the running paragraph.
_PARAGRAPH_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "caption", "figcaption",
     "blockquote", "pre", "address", "td", "th"}
)  # fmt: skip
_BLOCK_TAGS = _PARAGRAPH_TAGS | {
    "html", "body", "div", "section", "article", "main", "header", "footer", "center",
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "hr", "figure",
    "details", "summary", "fieldset", "legend", "hgroup",
}  # fmt: skip

_WHITESPACE = re.compile(r"\s+")
_SPACES_NOT_NEWLINE = re.compile(r"[^\S\n]+")
_MARKDOWN_SPECIAL = re.compile(r"([\\*_])")

# Delimiters of an ordered list, by pandoc's names (the office reader passes them on
# in ``data-delim``); an HTML page's own ``<ol>`` prints "1." like a browser.
_LIST_DELIMITERS = {"OneParen": "{})", "TwoParens": "({})"}
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def read(data: bytes, path: Path) -> list[Block]:
    """Return the paragraphs of the document body of an HTML page."""
    body = _find_body_or_fail(_parse(data), path)
    try:
        blocks = blocks_from_element(body)
    except RecursionError:  # hundreds of nested elements: no real document, refuse it
        raise SourceError(path, TOO_DEEP_MESSAGE) from None
    if not blocks:
        raise SourceError(path, NO_BODY_MESSAGE)
    return blocks


def plain_text(data: bytes, path: Path) -> str:
    """Return the raw text of the body element, for the import check.

    Only what is not document text is removed (scripts, styles, hidden
    elements, menus and ads: :func:`strip_chrome`, the sanitiser both sides
    share); nothing is normalised (the check applies :func:`kb.text.repair`
    itself) and no paragraph logic runs: this is the witness :func:`read` is
    checked against. List items of ``<ol>`` get their number,
    as on screen. Block elements and ``<br>`` end a word, as a browser shows
    them, even where the page's source has no whitespace between them; inline
    elements do not ("<i>C</i><i>ổng</i>" is one word).
    """
    body = _find_body_or_fail(_parse(data), path)
    strip_chrome(body)
    for item in body.find_all("li"):
        marker = _item_marker(item)
        if marker:
            item.insert(0, f" {marker} ")
    for element in body.find_all(_WORD_BREAKING):
        element.append("\n")
    return body.get_text("")


#: Elements after which a browser starts a new line: the end of one ends a word.
_WORD_BREAKING = ["p", "div", "br", "li", "td", "th", "tr", "table", "h1", "h2", "h3", "h4",
                  "h5", "h6", "blockquote", "section", "article"]


def find_body(soup: BeautifulSoup) -> Tag | None:
    """Return the element that holds the document text, or None if the page has no text.

    Known portal selectors are tried first; otherwise the element whose own
    paragraphs carry the most text wins, which is where any page keeps its
    article and never where it keeps menus (short link labels).
    """
    for selector in BODY_SELECTORS:
        for element in soup.select(selector):
            if _has_text(element):
                return element
    return _densest_paragraph_parent(soup)


def blocks_from_element(element: Tag) -> list[Block]:
    """Return one Block per paragraph of ``element``, after removing its chrome.

    ``element`` is changed in place (chrome removed). This is the common
    extraction of the HTML and office readers (pandoc's HTML goes through it).
    """
    strip_chrome(element)
    out = _Paragraphs()
    _walk_children(element, _Context(), out)
    out.end(_Context())
    return out.blocks


def strip_chrome(element: Tag) -> None:
    """Remove from ``element`` (not the element itself) what is not document text."""
    doomed = [tag for tag in element.find_all(True) if _is_chrome(tag)]
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def format_number(number: int, style: str = "1") -> str:
    """Write a list number in a numbering style: "1", "a", "A", "i" or "I" (HTML ``type``).

    Shared with the office reader, which renders Word's numbering with it.
    """
    if style in ("a", "A"):
        label = _alphabetic(number)
    elif style in ("i", "I"):
        label = _roman(number)
    else:
        label = str(number)
    return label.upper() if style in ("A", "I") else label


# --- parsing and finding the body -------------------------------------------------


def _parse(data: bytes) -> BeautifulSoup:
    """Parse the page (charset from ``<meta>``/BOM, else detected) without scripts and styles."""
    soup = BeautifulSoup(data, "html.parser")
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    return soup


def _find_body_or_fail(soup: BeautifulSoup, path: Path) -> Tag:
    body = find_body(soup)
    if body is None:
        raise SourceError(path, NO_BODY_MESSAGE)
    return body


def _has_text(element: Tag) -> bool:
    return bool(element.get_text("").strip())


def _densest_paragraph_parent(soup: BeautifulSoup) -> Tag | None:
    best: Tag | None = None
    best_score = 0
    for tag in soup.find_all(True):
        score = sum(
            len(child.get_text("").strip())
            for child in tag.find_all(_PARAGRAPH_TAGS, recursive=False)
        )
        if score > best_score:
            best, best_score = tag, score
    if best is None:
        best = soup.body or soup
    return best if _has_text(best) else None


# --- chrome -----------------------------------------------------------------------


def _is_chrome(tag: Tag) -> bool:
    return (
        tag.name in _CHROME_TAGS
        or _is_hidden(tag)
        or str(tag.get("role", "")).lower() in _CHROME_ROLES
        or _has_chrome_name(tag)
    )


def _is_hidden(tag: Tag) -> bool:
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).lower() == "true"
        or bool(_HIDDEN_STYLE.search(str(tag.get("style", ""))))
    )


def _has_chrome_name(tag: Tag) -> bool:
    classes = tag.get("class") or []
    names = [*classes] if isinstance(classes, list) else [str(classes)]
    names.append(str(tag.get("id", "")))
    words = {word for name in names for word in _NAME_WORD_SPLIT.split(name.lower())}
    return not words.isdisjoint(_CHROME_NAME_WORDS)


# --- paragraphs -------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What a paragraph inherits from the blocks around it."""

    align: str | None = None  # as declared: "left", "center", "right", "justify"
    cell: tuple[int, int] | None = None


class _Paragraphs:
    """Collects inline text and turns it into a Block when a paragraph ends."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._marker: str | None = None

    def add_text(self, text: str) -> None:
        # Newlines in the HTML source are hard wraps: a space, like a browser shows.
        self._parts.append(_WHITESPACE.sub(" ", text))

    def add_break(self) -> None:
        self._parts.append("\n")

    def begin_item(self, marker: str | None, context: _Context) -> None:
        """Start a list item: its first paragraph will begin with ``marker``."""
        self._emit_pending_marker(context)
        self._marker = marker

    def end_item(self, context: _Context) -> None:
        """End a list item; a marker with no text after it still appears."""
        self._emit_pending_marker(context)

    def end(self, context: _Context) -> None:
        """End the running paragraph (if it has text) with ``context``'s layout."""
        text = _finish_text("".join(self._parts))
        self._parts = []
        if not text:
            return
        if self._marker:
            text = f"{self._marker} {text}"
            self._marker = None
        self._emit(text, context)

    def _emit_pending_marker(self, context: _Context) -> None:
        if self._marker:
            self._emit(self._marker, context)
        self._marker = None

    def _emit(self, text: str, context: _Context) -> None:
        align = context.align if context.align in ("center", "right") else None
        self.blocks.append(Block(text=text, align=align, cell=context.cell))


def _finish_text(raw: str) -> str:
    """Repair, collapse spaces, drop empty lines and escape Markdown in a paragraph's text."""
    lines = (_SPACES_NOT_NEWLINE.sub(" ", line).strip() for line in repair(raw).split("\n"))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "\n".join(line for line in lines if line))


def _walk_children(element: Tag, context: _Context, out: _Paragraphs) -> None:
    for child in element.children:
        if isinstance(child, Tag):
            _walk_tag(child, context, out)
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            out.add_text(str(child))  # comments, doctype, CDATA are PreformattedString


def _walk_tag(tag: Tag, context: _Context, out: _Paragraphs) -> None:
    if tag.name == "br":
        out.add_break()
    elif tag.name == "table":
        _walk_table(tag, context, out)
    elif tag.name in _BLOCK_TAGS:
        _walk_block(tag, context, out)
    else:  # inline (span, b, i, a, font, sup, …): its text joins the running paragraph
        _walk_children(tag, context, out)


def _walk_block(tag: Tag, context: _Context, out: _Paragraphs) -> None:
    out.end(context)  # text before the block belongs to the enclosing block
    declared = _declared_align(tag)
    inner = _Context(align=declared if declared else context.align, cell=context.cell)
    if tag.name == "li":
        out.begin_item(_item_marker(tag), inner)
    _walk_children(tag, inner, out)
    out.end(inner)
    if tag.name == "li":
        out.end_item(inner)


def _walk_table(table: Tag, context: _Context, out: _Paragraphs) -> None:
    """Emit each cell's paragraphs with ``cell=(row, column)``, rows first."""
    out.end(context)
    for caption in table.find_all("caption", recursive=False):
        _walk_block(caption, context, out)
    for row_index, row in enumerate(_table_rows(table)):
        column = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            _walk_block(cell, _Context(align=None, cell=(row_index, column)), out)
            column += _colspan(cell)


def _table_rows(table: Tag) -> list[Tag]:
    """Rows of ``table`` itself (directly or in thead/tbody/tfoot), not of nested tables."""
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _colspan(cell: Tag) -> int:
    try:
        return max(1, int(str(cell.get("colspan", "1"))))
    except ValueError:
        return 1


def _declared_align(tag: Tag) -> str | None:
    if tag.name == "center":
        return "center"
    match = _TEXT_ALIGN.search(str(tag.get("style", "")))
    if match:
        return match.group(1).lower()
    align = tag.get("align")
    return str(align).lower() if align else None


# --- list markers -----------------------------------------------------------------


def _item_marker(item: Tag) -> str | None:
    """The marker a browser prints before ``item``: "-" in ``<ul>``, its number in ``<ol>``."""
    parent = item.parent
    if parent is None or parent.name not in ("ol", "ul"):
        return None
    if parent.name == "ul":
        return "-"
    label = format_number(_item_number(parent, item), str(parent.get("type", "1")))
    return _LIST_DELIMITERS.get(str(parent.get("data-delim", "")), "{}.").format(label)


def _item_number(ordered_list: Tag, item: Tag) -> int:
    """Ordinal of ``item``, honouring the list's ``start`` and items' ``value``."""
    number = _int_attribute(ordered_list, "start", 1)
    for sibling in ordered_list.find_all("li", recursive=False):
        number = _int_attribute(sibling, "value", number)
        if sibling is item:
            break
        number += 1
    return number


def _int_attribute(tag: Tag, name: str, default: int) -> int:
    try:
        return int(str(tag.get(name, default)))
    except ValueError:
        return default


def _alphabetic(number: int) -> str:
    """1 → "a", 26 → "z", 27 → "aa", as browsers count."""
    if number < 1:
        return str(number)
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    digits = ""
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        digits += symbol * count
    return digits
