"""The citation forms as data: one regex per form, built from small named pieces.

Document forms (:data:`DOCUMENT_FORMS`) share one vocabulary of named groups,
read by :mod:`kb.citations.find`:

``core``     the span reported (type word, name, number; never date or issuer)
``type``     a type word ("Nghị định"); ``ltype`` one that may carry a name (Luật)
``name``     a law's name after its type word ("An ninh mạng")
``number``   a document number ("13/2023/NĐ-CP")
``date``, ``year``, ``issuer``  what follows the core ("ngày 28/4/2022 của Bộ Chính trị")
``header``   "Số:" before a number: the text's own number, not a citation

Parts of documents are found by :data:`CHAIN` ("các điểm a, b và c khoản 1
Điều 5") and split into units by :data:`CHAIN_TOKEN`; :data:`HEADING` marks
article headings ("Điều 5. Phạm vi …"), which are not citations.

Every repetition is bounded, whitespace between words is at most one line
break, and each pattern starts with a one-character guard (:func:`word_start`),
so a pass over a long text stays fast (``test_find`` times pathological input).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kb.citations.normalize import (
    ALL_TYPES,
    LAW_TYPES,
    NUMBERED_TYPES,
    SHORT_NUMBER_TYPES,
)
from kb.citations.titles import known_titles
from kb.citations.words import (
    S0,
    UPPER,
    UPPER_CLASS,
    S,
    alternation,
    phrase,
    word,
    word_start,
)


def _any(*patterns: str) -> str:
    return "(?:" + "|".join(patterns) + ")"


# --- small words ------------------------------------------------------------
CUA, SO, NGAY, NAM, THANG = (phrase(w) for w in ("của", "số", "ngày", "năm", "tháng"))
VA, HOAC, CAC, TU, DEN, TEN = (phrase(w) for w in ("và", "hoặc", "các", "từ", "đến", "tên"))
NAY = phrase("này") + r"(?!\w)"

# --- document numbers ---------------------------------------------------------
# A code part: upper case letters and digits ("QĐ", "BCĐ138", "QH14"), or one of
# the few official parts ending in a lower-case letter ("CT-TTg", "TTr-STTTT").
# A part ends where upper case letters and digits stop, so a typo gluing the
# next word on ("118/2025/QH15như") still leaves the number.
CODE_PART = r"(?:TTg|TTr|CTr|QĐi|QDi|[A-ZĐ]{1,10}\d{0,4})(?![A-ZĐ\d])"
CODE = rf"{CODE_PART}(?:[-–]{CODE_PART}){{0,5}}"
# State numbers "3250/QĐ-UBND", "13/2023/NĐ-CP" (spaces tolerated around "/");
# Party numbers "30-NQ/TW", "631-KL/BTGTU".
NUMBER = (
    rf"\d{{1,5}}(?:[-–]{CODE_PART}{S0}/{S0}{CODE}"
    rf"|(?:{S0}/{S0}\d{{4}})?{S0}/{S0}{CODE})"
)
SHORT_NUMBER = r"\d{1,4}(?![\w/\-–]|[.,]\d)"  # "Nghị quyết 30": a serial alone

DATE = _any(
    r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}",
    rf"\d{{1,2}}{S}{THANG}{S}\d{{1,2}}{S}{NAM}{S}\d{{4}}",
)


def _stops(words: tuple[str, ...]) -> str:
    """A guard that no stop word starts here (the word must end there too)."""
    return rf"(?!{alternation(words)}(?!\w))"


# --- issuer: "của Ủy ban nhân dân tỉnh Tuyên Quang" -------------------------------
# Starts with a capital, then words until a word that starts the next part of
# the sentence ("về", "thực hiện", "tại" …) or punctuation. "và" joins two
# names only when a capital follows ("Bộ Thông tin và Truyền thông").
ISSUER_STOP_WORDS: tuple[str, ...] = (
    "về", "về việc", "thực hiện", "tại", "quy định", "hướng dẫn", "ban hành", "phê duyệt",
    "triển khai", "đã", "được", "đang", "theo", "trong", "với", "nhằm", "để", "là", "có",
    "cho", "ngày", "số", "năm", "này", "sau", "trước", "khi", "thì", "đối với", "hoặc",
    "các", "những", "kèm theo", "tiếp tục", "gửi", "Điều", "khoản", "điểm", "Nghị định",
    "Nghị quyết", "Quyết định", "Chỉ thị", "Thông tư", "Kết luận", "Công văn", "Tờ trình",
)
_ISSUER_GAP = _any(S, rf"{S0}[-–]{S0}(?={UPPER_CLASS})")
_ISSUER_WORD = rf"{_stops(ISSUER_STOP_WORDS)}(?!{VA}{S}[^{UPPER}])\w+"
ISSUER = rf"{UPPER_CLASS}\w*(?:{_ISSUER_GAP}{_ISSUER_WORD}){{0,12}}"

# What may follow a document's core: its date or year, then its issuer.
TAIL = (
    rf"(?:{S}{NGAY}{S}(?P<date>{DATE})|{S}{NAM}{S}(?P<year>\d{{4}})(?!\w))?"
    rf"(?:{S}{CUA}{S}(?P<issuer>{ISSUER}))?"
)

# --- law names -----------------------------------------------------------------
_TITLES = known_titles()
KNOWN_TITLE = alternation((*_TITLES.luat, *_TITLES.bo_luat), fuzzy=True) + r"(?!\w)"
# The generic rule: a capitalised word, then words up to a stop word, a digit
# or punctuation ("Luật Xuất bản, …", "Luật Cơ yếu và …").
TITLE_STOP_WORDS: tuple[str, ...] = (
    "của", "đã", "được", "và", "hoặc", "này", "về", "theo", "tại", "quy định", "có", "thì",
    "là", "để", "khi", "hướng dẫn", "trong", "với", "đối với", "sửa đổi", "bổ sung", "hết",
    "cũng", "hiện hành", "nhằm", "do", "ban hành", "thi hành", "các", "những", "như", "Điều",
    "khoản", "điểm", "Chương", "Mục", "Phần",
)
_DATED = rf"(?:{SO}|{NGAY}|{NAM})(?={S}\d)"  # "số 24/…", "ngày 12/…": the name has ended
GENERIC_TITLE = (
    rf"{UPPER_CLASS}\w*(?:{S}(?!{_DATED}){_stops(TITLE_STOP_WORDS)}[^\W\d_]\w*){{0,8}}"
)
TITLE = _any(KNOWN_TITLE, GENERIC_TITLE)

# --- type words ------------------------------------------------------------------
_NOT_PHAP_LUAT = r"(?<![Pp]háp )(?<![Pp]hap )(?<![Bb]ộ )(?<![Bb]o )"  # "pháp luật", "Bộ luật"
LUAT = rf"{_NOT_PHAP_LUAT}\b{word('Luật')}"
LAW_TYPE = rf"\b{alternation(LAW_TYPES[1:])}|{LUAT}"
LAW_TYPE_CAPITAL = rf"{_NOT_PHAP_LUAT}\b{alternation(LAW_TYPES, 'upper')}"
NUMBERED_TYPE = rf"\b{alternation(NUMBERED_TYPES)}"
SHORT_TYPE = rf"\b{alternation(SHORT_NUMBER_TYPES, 'upper')}"
SELF_TYPE = _any(rf"\b{alternation(t for t in ALL_TYPES if t != 'Luật')}", LUAT)
AMENDED_LAW = rf"{_any(LAW_TYPE)}{S}{TITLE}"


@dataclass(frozen=True)
class DocumentForm:
    """One way of citing a document; on overlaps the lower ``priority`` wins.

    ``this`` marks the form citing the current text itself ("Luật này"). The regex is
    compiled when first used: compiling them all takes half a second, which every ``kb``
    command would pay at start-up although most never look for a citation.
    """

    name: str
    pattern: str
    priority: int
    this: bool = False
    #: Whether every match starts with a type word (:data:`TYPE_WORD`): then the form is
    #: tried only where one starts instead of at every position of the text.
    typed: bool = True

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


_DOCUMENT_START = word_start((*ALL_TYPES, "Bộ"))
HIEN_PHAP = rf"\b{phrase('Hiến pháp', 'upper')}"
#: Where a document form with a type word may start: any type word, with any mark and
#: any spacing between its words (more than the forms accept, never less). Zero-width,
#: so that overlapping starts are all found. One pass of this, then each form tried only
#: there, instead of one pass of each form at every position: the finder twice as fast.
TYPE_WORD = re.compile(_DOCUMENT_START + "(?=" + "|".join(
    r"\s+".join(word(w, fuzzy=True) for w in t.split())
    for t in sorted({*ALL_TYPES, "Bộ", "Hiến pháp"}, key=len, reverse=True)) + ")")


def _form(
    name: str, priority: int, core: str, tail: str = TAIL, this: bool = False
) -> DocumentForm:
    return DocumentForm(name, rf"{_DOCUMENT_START}(?P<core>{core}){tail}", priority, this)


DOCUMENT_FORMS: tuple[DocumentForm, ...] = (
    # "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật …"
    _form(
        "amending_law", 0,
        rf"(?P<ltype>{LUAT}){S}(?P<name>{phrase('sửa đổi')}{S0},?{S}{phrase('bổ sung')}{S}"
        rf"{phrase('một số điều')}{S}{CUA}{S}{AMENDED_LAW}"
        rf"(?:(?:{S0},|{S}{VA}){S}{AMENDED_LAW}){{0,4}})(?:{S}{SO}{S}(?P<number>{NUMBER}))?",
    ),
    # "Luật An ninh mạng số 24/2018/QH14", "Nghị định số 13/2023/NĐ-CP", "Chỉ thị 15/CT-TTg"
    _form(
        "numbered", 1,
        rf"(?:(?P<ltype>{LAW_TYPE})(?:{S}(?P<name>{TITLE}))?|(?P<type>{NUMBERED_TYPE}))"
        rf"{S}(?:{SO}{S})?(?P<number>{NUMBER})",
    ),
    # "Nghị quyết 30", "Nghị định 13"
    _form("numbered_short", 2, rf"(?P<type>{SHORT_TYPE}){S}(?:{SO}{S})?(?P<number>{SHORT_NUMBER})"),
    # "Hiến pháp", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "Hiến pháp năm 2013"
    _form(
        "constitution", 3,
        rf"(?P<type>{HIEN_PHAP})"
        rf"(?:{S}{phrase('nước Cộng hòa xã hội chủ nghĩa Việt Nam', fuzzy=True)})?(?!{S}{NAY})",
    ),
    # "Luật An ninh mạng", "luat an ninh mang", "Bộ luật Hình sự": a known name
    _form("known_law", 4, rf"(?P<ltype>{LAW_TYPE}){S}(?P<name>{KNOWN_TITLE})"),
    # "Luật Xuất bản", "Pháp lệnh Quản lý thị trường": the generic rule
    _form("named_law", 5, rf"(?P<ltype>{LAW_TYPE_CAPITAL}){S}(?P<name>{GENERIC_TITLE})"),
    # "Luật này", "Quyết định này", "Kế hoạch này" (the last only after a part)
    _form("this_document", 6, rf"(?P<type>{SELF_TYPE}){S}{NAY}", tail="", this=True),
    # "631-KL/BTGTU", "3250/QĐ-UBND" without a type word; "Số: 812/KH-SCT" is a header;
    # "QCVN 01:2019/BTTTT" (a standard) is not a document number
    DocumentForm(
        "number_only",
        rf"(?<!\w)(?=[Ss\d])(?P<header>\b{SO}{S0}:{S}?)?(?<![\w/.,:\-–])"
        rf"(?P<core>(?P<number>{NUMBER})){TAIL}",
        7,
        typed=False,
    ),
)


def compile_forms() -> None:
    """Compile every document form's regex now rather than at the first citation found: a
    server does it before the editor's first save, which would otherwise wait for it."""
    for form in DOCUMENT_FORMS:
        form.regex.pattern  # noqa: B018 — reading the property compiles it


# --- parts: "điểm a khoản 1 Điều 12", "các Điều 16, 17 và 18", "từ Điều 10 đến Điều 15" ---
DIEU = rf"\b{word('Điều')}"
KHOAN = rf"(?<![Tt]ài )(?<![Tt]ai )\b{word('khoản')}"  # not "tài khoản" (an account)
DIEM = rf"\b{word('điểm')}"
NUM = r"\d{1,3}[a-zđ]?(?!\w)"  # "8", "10a"
LETTER = r"(?<!\w)[a-zđ](?!\w)"  # "a", "đ"
SEP = _any(rf"{S0},{S}(?:{_any(VA, HOAC)}{S})?", rf"{S}{_any(VA, HOAC)}{S}")


def _level(unit: str, num: str) -> str:
    """The lowest unit of a chain: "này", a range or a list of numbers."""
    item = rf"(?:{unit}{S})?{num}"
    return rf"{unit}{S}(?:{NAY}|{num}{S}{DEN}{S}{item}|{num}(?:{SEP}{item}){{0,30}})"


def _one(unit: str, num: str) -> str:
    """A higher unit of a chain: one number or "này"."""
    return rf"{unit}{S}(?:{NAY}|{num})"


# Before a higher unit, a comma is tolerated: "khoản 1, Điều 5" (informal) is "khoản 1 Điều 5".
_UP = rf"(?:{S0},)?{S}"
_ARTICLE = _one(DIEU, NUM)
CHAIN = re.compile(
    rf"{word_start(('các', 'từ', 'Điều', 'khoản', 'điểm'))}(?:\b{_any(CAC, TU)}{S})?(?P<chain>"
    rf"{_level(DIEM, LETTER)}(?:{_UP}{_one(KHOAN, NUM)}(?:{_UP}{_ARTICLE})?|{_UP}{_ARTICLE})?"
    rf"|{_level(KHOAN, NUM)}(?:{_UP}{_ARTICLE})?"
    rf"|{_level(DIEU, NUM)})"
)
CHAIN_TOKEN = re.compile(
    rf"(?P<article>{DIEU})|(?P<clause>{KHOAN})|(?P<point>{DIEM})"
    rf"|(?P<this>{NAY})|(?P<to>{DEN})|(?P<num>{NUM}|{LETTER})"
)
# An article's own heading at the start of a line, as sources print it: "Điều 5. Phạm vi",
# "Điều 2.Đối tượng", "Điều 1." alone (Hiến pháp), "Điều 5 Chính sách", "Điều 10" /
# "Thanh tra…", "**Điều 5.** …". Without "." or ":" the title's capital must not start a
# document ("Điều 12 Luật An ninh mạng" wrapped onto a new line is a citation).
_DOCUMENT_WORD = _any(SELF_TYPE, rf"\b{word('Bộ')}")
HEADING = re.compile(
    rf"(?m)^[ \t>#*]*(?P<core>{DIEU}{S}\d{{1,3}}[a-zđ]?)"
    rf"(?:[ \t]*[.:]\**(?:{S}?{UPPER_CLASS}|[ \t]*$)|{S}(?!{_DOCUMENT_WORD}){UPPER_CLASS})"
)
# Between a part and the document it belongs to: "Điều 8 của Luật An ninh mạng".
PART_OF = re.compile(rf"{S}(?:{CUA}{S})?")
# Between two parts of one phrase, which share the document named at its end:
# "khoản 3 Điều 51, khoản 1 và khoản 5 Điều 52 của Luật Đấu thầu".
SAME_PHRASE = re.compile(rf"[ \t]*,?{S}(?:{_any(VA, HOAC)}{S})?(?:{TEN}{S})?")
