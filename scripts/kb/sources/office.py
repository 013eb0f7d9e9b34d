"""Reader for Word (.docx) and OpenDocument (.odt) files, through pandoc.

pandoc (shipped by pypandoc-binary) converts the file to HTML, and the HTML
reader's paragraph extraction (:func:`kb.sources.html.blocks_from_element`)
turns that into blocks, so both formats obey the same rules as saved web pages
(text only, no emphasis, ``<br>`` kept as ``\\n``, table cells with their
``(row, column)``).

Automatic numbering is text the editor sees, so it must survive as text:

* .docx: pandoc keeps Word numbering only as a list number and loses any
  literal text around it, so a paragraph numbered "Điều %1." would come out as
  "1." and the article would look like a clause. Before pandoc runs, Word's
  numbering is therefore rendered into the paragraphs themselves
  (:func:`render_docx_numbering`): the counters of ``numbering.xml`` are run in
  document order (direct and style-linked numbering, ``start``,
  ``startOverride``, ``lvlRestart``, ``isLgl``), the printed marker ("Điều 3.",
  "2.", "b)", "II.") is inserted as the first run, and the paragraph's
  numbering is switched off. Bullets are left to pandoc (they become "-").
* .odt, and whatever list pandoc still produces: ordered lists come out of
  pandoc as ``<ol type start>``; a small Lua filter passes pandoc's delimiter
  (".", ")", "(…)") on in ``data-delim``, and each item starts with its number.
  LIMITATION: for .odt, text of the list style around the number
  (``style:num-prefix="Điều "``) is lost by pandoc's reader and not restored;
  numbers and delimiters are kept.

:func:`plain_text` is pandoc's "plain" output of the same prepared file: it
does not go through HTML or the paragraph extraction, so the import check can
use it as an independent witness. It includes the rendered numbering (the
numbers are words the editor sees in Word). A Lua filter keeps it to words:
tables become their cells' paragraphs (no rule lines), superscripts stay
digits ("m2", not "m²"), image descriptions are left out (the HTML path
drops images). Footnote markers are written "[1]" in both outputs, as
pandoc's plain writer does.

Other limitations: pandoc does not read paragraph alignment, so office
blocks always have ``align=None``; a Word table's ``rowspan``/merged cells
are numbered by position in their row.

Every problem with the file itself (empty, not a zip, a part missing, XML or
pandoc errors, no text) is a :class:`~kb.errors.SourceError` with the message
"tệp .docx hỏng hoặc rỗng: <lý do>", never a traceback.
"""

from __future__ import annotations

import io
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc
from bs4 import BeautifulSoup

from kb.errors import SourceError
from kb.model import Block
from kb.sources.html import blocks_from_element, format_number

# The part each format cannot do without, and pandoc's name of the format.
_MAIN_PART = {".docx": "word/document.xml", ".odt": "content.xml"}
_PANDOC_FORMAT = {".docx": "docx", ".odt": "odt"}

# Run by pandoc before writing HTML. pandoc loses an ordered list's delimiter in
# HTML: keep it on a wrapping div. A "Plain" block (Word's "Compact" paragraphs,
# tight list items) is written as bare text without <p>, which would run into
# the next one: make every block a paragraph.
_HTML_FILTER = """\
function OrderedList(list)
  return pandoc.Div({list}, pandoc.Attr("", {}, {delim = list.listAttributes.delimiter}))
end

function Plain(block)
  return pandoc.Para(block.content)
end
"""

# Run by pandoc before writing plain text, which the import check compares word by
# word: a table would be drawn with rule lines ("------", "+===+") that are not
# words of the file, so it is replaced by its cells' contents, row by row;
# superscripts and subscripts would become "²"/"₂" where the HTML path keeps "2";
# an image would be written as its description (Word fills it in by itself), which
# the HTML path drops with the image.
_PLAIN_FILTER = """\
local function add_rows(blocks, rows)
  for _, row in ipairs(rows) do
    for _, cell in ipairs(row.cells) do
      blocks:extend(cell.contents)
    end
  end
end

function Table(tbl)
  local blocks = pandoc.Blocks(tbl.caption.long)
  add_rows(blocks, tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    add_rows(blocks, body.head)
    add_rows(blocks, body.body)
  end
  add_rows(blocks, tbl.foot.rows)
  return blocks
end

function Superscript(element)
  return element.content
end

function Subscript(element)
  return element.content
end

function Image(image)
  return {}
end
"""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_LEVEL_PLACEHOLDER = re.compile(r"%([1-9])")
# Word's numFmt → the HTML list types :func:`format_number` knows.
_WORD_FORMATS = {
    "decimal": "1",
    "lowerLetter": "a",
    "upperLetter": "A",
    "lowerRoman": "i",
    "upperRoman": "I",
}


def read(data: bytes, path: Path) -> list[Block]:
    """Return the paragraphs of a .docx or .odt file."""
    source = _prepare(data, path)
    html = _pandoc(source, path, "html", lua_filter=_HTML_FILTER)
    soup = BeautifulSoup(html, "html.parser")
    _carry_list_delimiters(soup)
    _mark_footnotes(soup)
    blocks = blocks_from_element(soup)
    if not blocks:
        raise _broken(path, "không có chữ nào trong nội dung")
    return blocks


def plain_text(data: bytes, path: Path) -> str:
    """Return pandoc's plain-text rendering of the file, for the import check."""
    return _pandoc(_prepare(data, path), path, "plain", lua_filter=_PLAIN_FILTER)


# --- the container ----------------------------------------------------------------


def _broken(path: Path, reason: str) -> SourceError:
    return SourceError(path, f"tệp {path.suffix.lower()} hỏng hoặc rỗng: {reason}")


def _prepare(data: bytes, path: Path) -> bytes:
    """Check that ``data`` is a readable .docx/.odt and render Word numbering into it."""
    suffix = path.suffix.lower()
    if suffix not in _MAIN_PART:
        raise SourceError(path, "chỉ đọc được tệp .docx và .odt")
    if not data:
        raise _broken(path, "tệp có 0 byte")
    main_part = _MAIN_PART[suffix]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if main_part not in archive.namelist():
                raise _broken(path, f"thiếu phần {main_part}")
            archive.read(main_part)  # a damaged entry fails here, not inside pandoc
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        raise _broken(path, "không phải tệp nén ZIP hợp lệ (tệp khác bị đổi đuôi?)") from None
    if suffix != ".docx":
        return data
    try:
        return render_docx_numbering(data)
    except (ET.ParseError, ValueError) as error:
        raise _broken(path, f"XML không hợp lệ ({error})") from None


def _pandoc(source: bytes, path: Path, to: str, lua_filter: str | None = None) -> str:
    """Run pandoc on ``source`` in a sandbox (it reads nothing but the file)."""
    suffix = path.suffix.lower()
    with tempfile.TemporaryDirectory(prefix="kb-office-") as folder:
        input_file = Path(folder) / f"source{suffix}"
        input_file.write_bytes(source)
        arguments = ["--wrap=none"]
        if lua_filter:
            filter_file = Path(folder) / "filter.lua"
            filter_file.write_text(lua_filter, encoding="utf-8")
            arguments += ["--lua-filter", str(filter_file)]
        try:
            return pypandoc.convert_file(
                str(input_file), to, format=_PANDOC_FORMAT[suffix],
                extra_args=arguments, sandbox=True,
            )  # fmt: skip
        except RuntimeError as error:
            raise _broken(path, f"pandoc không đọc được tệp ({_first_line(error)})") from None


def _first_line(error: Exception) -> str:
    """pandoc's own complaint, on one line, without pypandoc's preamble."""
    message = str(error).split("during conversion:")[-1]
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return (lines[0] if lines else type(error).__name__)[:120]


# --- pandoc's HTML ----------------------------------------------------------------


def _carry_list_delimiters(soup: BeautifulSoup) -> None:
    """Move the Lua filter's ``data-delim`` from the wrapping div onto its ``<ol>``."""
    for wrapper in soup.select("div[data-delim]"):
        for ordered in wrapper.find_all("ol", recursive=False):
            ordered["data-delim"] = wrapper["data-delim"]


def _mark_footnotes(soup: BeautifulSoup) -> None:
    """Write footnote numbers "[1]" in the text and before each note, like pandoc's plain.

    Without this, a note reference would glue its digit to the word before it
    ("mạng1") and the notes would read as a numbered list of clauses.
    """
    for reference in soup.select("a[role=doc-noteref]"):
        reference.replace_with(f"[{reference.get_text('').strip()}]")
    for notes in soup.select("[role=doc-endnotes]"):
        for number, note in enumerate(notes.select("li"), start=1):
            label = str(note.get("id", "")).removeprefix("fn") or str(number)
            note.name = "div"
            (note.find("p") or note).insert(0, f"[{label}] ")
        for ordered in notes.find_all("ol"):
            ordered.name = "div"


# --- Word numbering ---------------------------------------------------------------


def render_docx_numbering(data: bytes) -> bytes:
    """Return the .docx ``data`` with automatic numbering written into the paragraphs.

    Each numbered (not bulleted) paragraph of ``word/document.xml`` gets its
    marker as printed by Word ("Điều 3.", "a)", "1.2.") as a first run, and
    its numbering switched off, so that pandoc sees the marker as text. The
    file is returned unchanged when nothing is numbered.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if "word/numbering.xml" not in names:
            return data
        definitions = _NumberingDefinitions.parse(
            archive.read("word/numbering.xml"),
            archive.read("word/styles.xml") if "word/styles.xml" in names else None,
        )
        document_xml = archive.read("word/document.xml")
    document = _parse_keeping_prefixes(document_xml)
    if not _render_paragraph_numbers(document, definitions):
        return data
    new_xml = ET.tostring(document, encoding="utf-8", xml_declaration=True)
    return _replace_part(data, "word/document.xml", new_xml)


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def _value(element: ET.Element | None, child: str | None = None) -> str | None:
    """``w:val`` of ``element`` (or of its child ``w:<child>``)."""
    if element is not None and child is not None:
        element = element.find(_w(child))
    return None if element is None else element.get(_w("val"))


def _int_value(element: ET.Element | None, child: str) -> int | None:
    """``w:val`` of ``element``'s child as a number; None when absent or not a number."""
    text = _value(element, child)
    try:
        return None if text is None else int(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Level:
    """One level of a Word list definition (``w:lvl``)."""

    start: int = 1
    number_format: str = "decimal"
    text: str = "%1."
    separator: str = " "  # after the marker: tab or space → " ", "nothing" → ""
    restart_after: int | None = None  # w:lvlRestart (1-based level; 0 = never)
    legal: bool = False  # w:isLgl: every placeholder in arabic digits
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to

    @classmethod
    def parse(cls, lvl: ET.Element) -> _Level:
        suffix = _value(lvl, "suff")
        return cls(
            start=_int_value(lvl, "start") or 0,  # absent: 0, as the standard says
            number_format=_value(lvl, "numFmt") or "decimal",
            text=_value(lvl, "lvlText") or "",
            separator="" if suffix == "nothing" else " ",
            restart_after=_int_value(lvl, "lvlRestart"),
            legal=lvl.find(_w("isLgl")) is not None,
            style=_value(lvl, "pStyle"),
        )


@dataclass
class _NumberingDefinitions:
    """What ``numbering.xml`` and ``styles.xml`` say about list numbering."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # by abstractNumId
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # by numId
    level_overrides: dict[str, dict[int, _Level]] = field(default_factory=dict)  # by numId
    style_numbering: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)

    @classmethod
    def parse(cls, numbering_xml: bytes, styles_xml: bytes | None) -> _NumberingDefinitions:
        definitions = cls()
        root = ET.fromstring(numbering_xml)
        for abstract in root.iter(_w("abstractNum")):
            definitions.levels[abstract.get(_w("abstractNumId"), "")] = _parse_levels(abstract)
        for num in root.iter(_w("num")):
            definitions._add_num(num)
        if styles_xml:
            definitions.style_numbering = _style_numbering(ET.fromstring(styles_xml))
        return definitions

    def _add_num(self, num: ET.Element) -> None:
        num_id = num.get(_w("numId"), "")
        self.abstract_of[num_id] = _value(num, "abstractNumId") or ""
        for override in num.iter(_w("lvlOverride")):
            ilvl = int(override.get(_w("ilvl"), "0"))  # ValueError: reported as broken
            start = _int_value(override, "startOverride")
            if start is not None:
                self.start_overrides.setdefault(num_id, {})[ilvl] = start
            lvl = override.find(_w("lvl"))
            if lvl is not None:
                self.level_overrides.setdefault(num_id, {})[ilvl] = _Level.parse(lvl)

    def levels_of(self, num_id: str) -> dict[int, _Level]:
        """The levels a ``w:num`` prints with, its overrides applied."""
        levels = dict(self.levels.get(self.abstract_of.get(num_id, ""), {}))
        levels.update(self.level_overrides.get(num_id, {}))
        return levels

    def paragraph_numbering(self, paragraph: ET.Element) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph, from its own properties or its style's."""
        properties = paragraph.find(_w("pPr"))
        numbering = properties.find(_w("numPr")) if properties is not None else None
        style = _value(properties, "pStyle") or ""
        style_num_id, style_ilvl = self.style_numbering.get(style, (None, None))
        num_id = _value(numbering, "numId") or style_num_id
        if num_id is None or num_id == "0" or num_id not in self.abstract_of:
            return None
        ilvl = _int_value(numbering, "ilvl")
        if ilvl is None:
            ilvl = style_ilvl if style_ilvl is not None else self._level_of_style(num_id, style)
        return num_id, ilvl

    def _level_of_style(self, num_id: str, style: str) -> int:
        """The level a list definition ties to ``style`` (Word's heading numbering), else 0."""
        for ilvl, level in self.levels_of(num_id).items():
            if style and level.style == style:
                return ilvl
        return 0


def _parse_levels(abstract: ET.Element) -> dict[int, _Level]:
    return {int(lvl.get(_w("ilvl"), "0")): _Level.parse(lvl) for lvl in abstract.findall(_w("lvl"))}


def _style_numbering(styles: ET.Element) -> dict[str, tuple[str | None, int | None]]:
    """numId and ilvl each paragraph style numbers with, following ``w:basedOn``."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(_w("style")):
        style_id = style.get(_w("styleId"), "")
        properties = style.find(_w("pPr"))
        numbering = properties.find(_w("numPr")) if properties is not None else None
        if numbering is not None:
            own[style_id] = (_value(numbering, "numId"), _int_value(numbering, "ilvl"))
        parent = _value(style, "basedOn")
        if parent:
            based_on[style_id] = parent
    resolved: dict[str, tuple[str | None, int | None]] = {}
    for style_id in {*own, *based_on}:
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current)
        if current in own:
            resolved[style_id] = own[current]
    return resolved


class _Counters:
    """Word's list counters: one set per list definition, in document order."""

    def __init__(self, definitions: _NumberingDefinitions) -> None:
        self._definitions = definitions
        self._values: dict[str, list[int | None]] = {}
        self._started: set[tuple[str, int]] = set()

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (num_id, ilvl) and return the printed marker.

        None for bullets and for levels that print nothing.
        """
        levels = self._definitions.levels_of(num_id)
        level = levels.get(ilvl)
        if level is None or level.number_format == "bullet":
            return None
        values = self._values.setdefault(self._definitions.abstract_of[num_id], [None] * 9)
        override = self._definitions.start_overrides.get(num_id, {}).get(ilvl)
        if (num_id, ilvl) not in self._started and override is not None:
            values[ilvl] = override - 1
        self._started.add((num_id, ilvl))
        current = values[ilvl]
        values[ilvl] = level.start if current is None else current + 1
        _restart_deeper_levels(values, levels, ilvl)
        text = _LEVEL_PLACEHOLDER.sub(
            lambda match: _placeholder(match, values, levels, level.legal), level.text
        ).strip()
        return text + level.separator if text else None


def _restart_deeper_levels(values: list[int | None], levels: dict[int, _Level], ilvl: int) -> None:
    for deeper in range(ilvl + 1, len(values)):
        level = levels.get(deeper)
        restart_after = level.restart_after if level else None
        if restart_after is None or (restart_after != 0 and ilvl < restart_after):
            values[deeper] = None


def _placeholder(
    match: re.Match[str], values: list[int | None], levels: dict[int, _Level], legal: bool
) -> str:
    index = int(match.group(1)) - 1
    level = levels.get(index, _Level())
    number = values[index] if values[index] is not None else level.start
    if level.number_format == "decimalZero" and not legal:
        return f"{number:02d}"
    style = "1" if legal else _WORD_FORMATS.get(level.number_format, "1")
    return format_number(number or 0, style)


def _render_paragraph_numbers(document: ET.Element, definitions: _NumberingDefinitions) -> int:
    """Write markers into numbered paragraphs; return how many were written."""
    counters = _Counters(definitions)
    # Text boxes are stored twice (mc:Choice and mc:Fallback): count them once.
    copies = {id(p) for fallback in document.iter(_MC_FALLBACK) for p in fallback.iter(_w("p"))}
    written = 0
    for paragraph in document.iter(_w("p")):
        if id(paragraph) in copies:
            continue
        numbering = definitions.paragraph_numbering(paragraph)
        if numbering is None:
            continue
        marker = counters.marker(*numbering)
        if marker is None:
            continue
        _insert_marker(paragraph, marker)
        written += 1
    return written


def _insert_marker(paragraph: ET.Element, marker: str) -> None:
    """Put ``marker`` as the first run of ``paragraph`` and switch its numbering off."""
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        properties = ET.Element(_w("pPr"))
        paragraph.insert(0, properties)
    numbering = properties.find(_w("numPr"))
    if numbering is None:
        numbering = ET.Element(_w("numPr"))
        style = properties.find(_w("pStyle"))
        properties.insert(0 if style is None else list(properties).index(style) + 1, numbering)
    numbering.clear()
    ET.SubElement(numbering, _w("ilvl"), {_w("val"): "0"})
    ET.SubElement(numbering, _w("numId"), {_w("val"): "0"})  # numId 0: not numbered
    run = ET.Element(_w("r"))
    text = ET.SubElement(run, _w("t"), {_XML_SPACE: "preserve"})
    text.text = marker
    paragraph.insert(list(paragraph).index(properties) + 1, run)


def _parse_keeping_prefixes(xml: bytes) -> ET.Element:
    """Parse XML so that writing it back keeps Word's namespace prefixes (w:, r:, …)."""
    for _event, (prefix, uri) in ET.iterparse(io.BytesIO(xml), events=("start-ns",)):
        if prefix and not re.fullmatch(r"ns\d+", prefix):
            ET.register_namespace(prefix, uri)
    return ET.fromstring(xml)


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """Return the zip ``data`` with the part ``name`` replaced by ``content``."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return output.getvalue()
