"""Vietnamese letters without their marks, for slugs, anchors and matching.

Folding keeps one character per character (so offsets found in a folded copy
are offsets in the original) and maps đ/Đ to d/D, which Unicode decomposition
alone does not: NFD leaves "đ" whole, and naive ASCII folding drops it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() else char


def fold(text: str) -> str:
    """"Điều 8 Luật An ninh mạng" → "Dieu 8 Luat An ninh mang", same length as ``text``."""
    return "".join(_fold_char(c) for c in text)


def slugify(text: str) -> str:
    """"3250/QĐ-UBND" → "3250-qd-ubnd": lowercase ASCII words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text).lower()))
