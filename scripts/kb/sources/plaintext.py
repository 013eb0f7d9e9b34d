"""Reader for ``.txt`` and ``.md`` files: the seeds, laws copied from official pages.

Two layouts occur. Most files separate paragraphs with blank lines and keep
the lines of a list or a title together; laws copied from an official page
put one paragraph per line with no blank line at all. The reader tells them
apart by counting blank lines, so that both reach the structure step as
paragraphs. Markdown heading marks ("## Chương I") are layout and are
dropped; a third party's title block above the text ("# Luật 86/2015/QH13 —
…" and its notes) is kept, marked as a note, outside the legal text.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.model import Block
from kb.sources.encoding import decode, detect_encoding
from kb.text import repair

_HEADING_MARK = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_ATX_TITLE = re.compile(r"^#\s+\S")


def _paragraph_runs(text: str) -> list[str]:
    """Blank-line separated runs, or single lines when the file has no blank lines to speak of."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    blank_separated = len(lines) - len(filled) >= len(filled) // 4
    if not blank_separated:
        return filled
    return [run for run in re.split(r"\n\s*\n", text) if run.strip()]


def read(data: bytes, path: Path) -> list[Block]:
    """The paragraphs of a text file, each a block; lines inside a paragraph kept as ``\\n``."""
    text = repair(decode(data, path))
    runs = _paragraph_runs(text)
    blocks: list[Block] = []
    for index, run in enumerate(runs):
        is_note = index == 0 and path.suffix.lower() == ".md" and bool(_ATX_TITLE.match(run))
        blocks.append(Block(_HEADING_MARK.sub("", run).strip(), note=is_note))
    return blocks


def plain_text(data: bytes, path: Path) -> str:
    """The decoded file as it is: the import check compares its words with the output."""
    return decode(data, path)


#: How the editor is told which legacy encoding a file was converted from.
_LEGACY_NAMES = {"cp1258": "Windows-1258", "tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


def warnings(data: bytes, path: Path) -> list[str]:
    """A note when the file was not Unicode: the editor should check the converted text."""
    name = _LEGACY_NAMES.get(detect_encoding(data, path))
    return [f"đã chuyển từ bảng mã {name} sang Unicode: hãy soát lại chữ"] if name else []
