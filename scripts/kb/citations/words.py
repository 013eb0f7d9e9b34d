"""Regex pieces for Vietnamese words that also match the words typed without marks.

Citations are matched on the original text (so offsets need no mapping) with
patterns that accept each marked letter *or* its bare letter: "Điều" is
written ``[DdĐđ]i[eề]u``. This is stricter than matching a folded copy,
which cannot tell "về" (a stop word) from "vệ" (in "Bảo vệ"): the tolerant
class for "về" accepts "về" and "ve" but not "vệ". Where the tone may be
placed differently ("hoá"/"hóa" in law titles), :func:`phrase` with
``fuzzy=True`` accepts any mark on a vowel.

Case: a word's first letter may be upper or lower case (sentence starts,
"kết luận" typed in lower case); the other letters must be lower case, so
headings in capitals ("LUẬT", "KẾ HOẠCH") are not citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from kb.vietnamese import fold

# Every Vietnamese form of each bare letter (the alphabet's vowels and d).
VARIANTS: dict[str, str] = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
    "d": "dđ",
}

LOWER = "a-z" + "".join(v[1:] for v in VARIANTS.values())
UPPER = "A-Z" + "".join(v[1:] for v in VARIANTS.values()).upper()
UPPER_CLASS = f"[{UPPER}]"

# Whitespace between two words of a citation: spaces, or one hard line break
# (a wrapped line), never a blank line (a new paragraph).
S = r"(?:[ \t\xa0\r]{1,8}|[ \t\xa0\r]{0,8}\n[ \t\xa0]{0,8})"
# At most one space, where a number may be typed "3250 /QĐ-UBND".
S0 = r"[ \t\xa0]?"

Initial = Literal["any", "upper", "lower"]


def _forms(char: str, *, fuzzy: bool, case: Initial) -> set[str]:
    """The forms one letter may take: as written and bare (or every marked form if ``fuzzy``)."""
    bare = fold(char).lower()
    lower = set(VARIANTS.get(bare, bare)) if fuzzy else {char.lower(), bare}
    upper = {f.upper() for f in lower}
    return {"any": lower | upper, "upper": upper, "lower": lower}[case]


def _letter(char: str, *, fuzzy: bool, case: Initial) -> str:
    """A character class for one letter of a word, in the given ``case``."""
    if not char.isalpha():
        return re.escape(char)
    forms = _forms(char, fuzzy=fuzzy, case=case)
    return "[" + "".join(sorted(forms)) + "]" if len(forms) > 1 else re.escape(forms.pop())


def word(text: str, initial: Initial = "any", *, fuzzy: bool = False) -> str:
    """A pattern for one word: ``word("Điều")`` → ``[DĐdđ]i[eềEỀ]u``-like pattern.

    ``initial`` says which case the first letter may take; later letters are
    lower case only.
    """
    head = _letter(text[0], fuzzy=fuzzy, case=initial)
    return head + "".join(_letter(c, fuzzy=fuzzy, case="lower") for c in text[1:])


def phrase(text: str, initial: Initial = "any", *, fuzzy: bool = False) -> str:
    """A pattern for words separated by :data:`S` (and commas kept as written).

    The first word's first letter follows ``initial``; every later word may
    start in either case ("Tổ chức Chính phủ", "An ninh Quốc gia").
    """
    parts = re.findall(r"\w+|,", text)
    out: list[str] = []
    for i, part in enumerate(parts):
        if part == ",":
            out.append(S0 + ",")
            continue
        out.append((S if out else "") + word(part, initial if i == 0 else "any", fuzzy=fuzzy))
    return "".join(out)


def alternation(phrases: Iterable[str], initial: Initial = "any", *, fuzzy: bool = False) -> str:
    """``(?:p1|p2|…)`` longest first, so "Thông tư liên tịch" wins over "Thông tư"."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(phrase(p, initial, fuzzy=fuzzy) for p in ordered) + ")"


def has_marks(text: str) -> bool:
    """Whether ``text`` carries any Vietnamese mark (typed with diacritics)."""
    return fold(text) != text


def word_start(words: Iterable[str]) -> str:
    """A cheap guard before a long alternation: a word starts here, with one of these letters.

    Python's regex engine tries every position; failing on one character class
    instead of twenty alternatives halves the time of a pass.
    """
    letters = {f for w in words for f in _forms(w[0], fuzzy=False, case="any")}
    return "(?<!\\w)(?=[" + "".join(sorted(letters)) + "])"
