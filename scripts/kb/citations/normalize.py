"""From matched words to field values: document types, numbers, dates, names.

Values are normalised so the resolve stage compares like with like: the
official spelling of a number ("13/2023/NĐ-CP" also when typed "13/2023/ND-CP"
or "13/2023 /NĐ-CP"), the canonical type ("Nghị định" for "nghi dinh"), an
ISO date. The tables are data; the functions only look things up.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from kb.citations.titles import known_titles, title_key
from kb.citations.words import has_marks
from kb.vietnamese import fold

# Document types, canonical spelling. Longer names first wins in the patterns.
NUMBERED_TYPES: tuple[str, ...] = (
    "Nghị định", "Nghị quyết", "Nghị quyết liên tịch", "Quyết định", "Chỉ thị", "Kết luận",
    "Thông tư", "Thông tư liên tịch", "Kế hoạch", "Kế hoạch hành động", "Công văn", "Văn bản",
    "Tờ trình", "Thông báo", "Hướng dẫn", "Báo cáo", "Chương trình", "Chương trình hành động",
    "Quy định", "Quy chế", "Đề án",
)
# Types whose citation may carry a name between the type word and the number.
LAW_TYPES: tuple[str, ...] = ("Luật", "Bộ luật", "Pháp lệnh")
# Types commonly cited by a bare serial ("Nghị quyết 30", "Nghị định 13").
SHORT_NUMBER_TYPES: tuple[str, ...] = ("Nghị quyết", "Nghị định", "Chỉ thị", "Thông tư", "Kết luận")
# "X này" alone is a citation of the current text only for legal (normative)
# texts: in plans, "Kế hoạch này" is everywhere and points nowhere useful.
STANDALONE_SELF_TYPES: frozenset[str] = frozenset(
    {"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp", "Nghị định", "Nghị quyết",
     "Nghị quyết liên tịch", "Quyết định", "Thông tư", "Thông tư liên tịch"}
)
# Types of which there is one in force, cited by the type alone: the type is the title.
NAMELESS_TYPES: frozenset[str] = frozenset({"Hiến pháp"})
ALL_TYPES: tuple[str, ...] = (*LAW_TYPES, "Hiến pháp", *NUMBERED_TYPES)

# The type a number's code names: "30-NQ/TW" → NQ, "3250/QĐ-UBND" → QĐ.
# Keys are folded upper case without trailing digits.
CODE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết", "NQLT": "Nghị quyết liên tịch", "ND": "Nghị định", "QD": "Quyết định",
    "QDI": "Quy định", "CT": "Chỉ thị", "KL": "Kết luận", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "KH": "Kế hoạch", "CTR": "Chương trình", "TTR": "Tờ trình",
    "TB": "Thông báo", "HD": "Hướng dẫn", "BC": "Báo cáo", "CV": "Công văn", "PL": "Pháp lệnh",
    "QC": "Quy chế",
}
CODE_YEAR_TYPES: dict[str, str] = {"QH": "Luật"}  # "24/2018/QH14": a law when a year is given
DEFAULT_CODE_TYPE = "Công văn"  # "2290/STTTT-CNTT": an office's letter

# Official spellings of code parts, restored when typed without marks or in
# another case. Keys are folded upper case without trailing digits.
OFFICIAL_CODES: dict[str, str] = {
    "ND": "NĐ", "QD": "QĐ", "QDI": "QĐi", "BCD": "BCĐ", "HDND": "HĐND", "DU": "ĐU",
    "TTG": "TTg", "TTR": "TTr", "CTR": "CTr", "BGDDT": "BGDĐT", "BKHDT": "BKHĐT",
    "SGDDT": "SGDĐT",
}

_TOKEN = re.compile(r"([^\W\d_]+)(\d*)")
_SEPARATOR = re.compile(r"\s*([/\-–])\s*")
_DATE = re.compile(
    r"(?P<d>\d{1,2})\s*(?:[/.\-]|\s+\w+\s+)(?P<m>\d{1,2})\s*(?:[/.\-]|\s+\w+\s+)(?P<y>\d{4})"
)


def _code_key(token: str) -> str:
    return fold(token).upper().rstrip("0123456789")


@lru_cache(maxsize=512)
def doc_type(words: str) -> str:
    """The canonical type for matched type words: "nghi  dinh" → "Nghị định"."""
    key = title_key(words)
    return next((t for t in ALL_TYPES if title_key(t) == key), words)


def number(text: str) -> str:
    """The official form of a document number: spaces dropped, code spelling restored.

    "3250 /QĐ-UBND" → "3250/QĐ-UBND"; "13/2023/ND-CP" → "13/2023/NĐ-CP";
    "783/KH-BCD138" → "783/KH-BCĐ138".
    """
    compact = _SEPARATOR.sub(lambda m: "-" if m.group(1) == "–" else m.group(1), text.strip())

    def official(match: re.Match[str]) -> str:
        letters, digits = match.groups()
        return OFFICIAL_CODES.get(_code_key(letters), letters) + digits

    return _TOKEN.sub(official, compact)


def type_from_number(num: str) -> str:
    """The type a document number's code names, for numbers cited without a type word.

    Party numbers put the type before the slash ("30-NQ/TW"); state numbers
    put it first after the serial and year ("3250/QĐ-UBND", "13/2023/NĐ-CP").
    """
    party = re.match(r"\d+-([^/\-]+)/", num)
    if party:
        code = party.group(1)
    else:
        parts = num.split("/")
        code = parts[-1].split("-")[0]
        if len(parts) == 3 and _code_key(code) in CODE_YEAR_TYPES:
            return CODE_YEAR_TYPES[_code_key(code)]
    return CODE_TYPES.get(_code_key(code), DEFAULT_CODE_TYPE)


def date(text: str | None) -> str | None:
    """ISO date from "28/4/2022" or "24 tháng 11 năm 2021"; None when not a real date."""
    if not text:
        return None
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return None


def spaced(text: str | None) -> str | None:
    """Words of a name joined by single spaces (names may be wrapped over lines)."""
    return " ".join(text.split()) if text else None


def title(doc: str, name: str | None) -> str | None:
    """The title of a law: type word + name, "Luật An ninh mạng"; "Hiến pháp" alone.

    The name is kept as written (the citing text's spelling) unless it was
    typed without marks: then the official spelling of a known title is
    restored, as numbers are.
    """
    if doc in NAMELESS_TYPES:
        return doc
    if not name:
        return None
    written = spaced(name) or ""
    if not has_marks(written):
        written = known_titles().official(doc, written) or written
    return f"{doc} {written}"
