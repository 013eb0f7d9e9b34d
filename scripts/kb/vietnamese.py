"""Vietnamese letters without their marks, for slugs, anchors and matching.

Folding keeps one character per character (so offsets found in a folded copy
are offsets in the original) and maps đ/Đ to d/D, which Unicode decomposition
alone does not: NFD leaves "đ" whole, and naive ASCII folding drops it.
"""

from __future__ import annotations

import re
import unicodedata


def _base(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() else char


#: Every Latin letter with marks (Latin-1 to Latin Extended Additional, where Vietnamese
#: letters live) → its base letter; a table lookup in C, not a function call per character.
_FOLD = str.maketrans({chr(code): _base(chr(code)) for code in range(0xC0, 0x1F00)
                       if _base(chr(code)) != chr(code)})


def fold(text: str) -> str:
    """"Điều 8 Luật An ninh mạng" → "Dieu 8 Luat An ninh mang", same length as ``text``."""
    return text.translate(_FOLD)


def slugify(text: str) -> str:
    """"3250/QĐ-UBND" → "3250-qd-ubnd": lowercase ASCII words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text).lower()))
