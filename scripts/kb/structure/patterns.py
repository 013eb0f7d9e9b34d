"""What each unit of a Vietnamese legal or administrative text looks like.

One compiled pattern per unit kind, matched against a paragraph with its
emphasis markers removed. The patterns only recognise markers at the very
start of a paragraph: a wrapped line that begins with "Điều 18 của Luật này"
is a reference, not an article, because an article marker is "Điều 18." (a
number and a full stop) followed by its heading.
"""

from __future__ import annotations

import re

from kb.model import Kind

ROMAN = r"[IVXLC]+"
LETTER = r"[a-zđ]"

#: kind → pattern; groups ``number`` and ``text``. Order matters: first match wins.
UNIT_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.PHAN, re.compile(
        rf"^(?P<label>(?:PHẦN|Phần)\s+(?P<number>THỨ\s+[A-ZÀ-Ỹ]+|{ROMAN}|\d+)[.:]?)"
        r"\s*(?P<text>.*)$")),
    (Kind.CHUONG, re.compile(
        rf"^(?P<label>(?:Chương|CHƯƠNG)\s+(?P<number>{ROMAN}|\d+)[.:]?)(?:\s+(?P<text>.*))?$")),
    (Kind.MUC, re.compile(
        r"^(?P<label>(?:Mục|MỤC)\s+(?P<number>\d+)[.:]?)(?:\s+(?P<text>.*))?$")),
    # "Điều 8." — or "Điều 5 Chính sách…" where a source lost the full stop; the parser
    # accepts the second form only for the next article in sequence.
    (Kind.DIEU, re.compile(
        r"^(?P<label>Điều\s+(?P<number>\d+[a-zđ]?)(?P<stop>[.:])?)(?:\s*(?P<text>.*))?$")),
    (Kind.SECTION, re.compile(rf"^(?P<label>(?P<number>{ROMAN})\.)\s+(?P<text>\S.*)$")),
    (Kind.ITEM, re.compile(r"^(?P<label>(?P<number>\d+(?:\.\d+)*)\.)\s*(?P<text>\S.*)$")),
    (Kind.SUBITEM, re.compile(rf"^(?P<label>(?P<number>{LETTER})\))\s*(?P<text>\S.*)$")),
]

#: "1 Cá nhân có quyền…": a clause whose number lost its full stop in the source; accepted
#: only inside an article and for the next clause in sequence.
CLAUSE_WITHOUT_STOP = re.compile(r"^(?P<label>(?P<number>\d{1,2}))\s+(?P<text>[^\W\d_].*)$")

#: A bullet ("- ", "+ ", "• ") is running text, never a numbered unit.
BULLET = re.compile(r"^[-+•–]\s")

#: Emphasis wrapping a paragraph or part of it; removed before classifying.
EMPHASIS = re.compile(r"\*+")

#: A line that is only a separator drawn with dashes or underscores.
SEPARATOR = re.compile(r"^[\s\-_=~*.·…]+$")

#: Ends a sentence or a heading that must not be joined with what follows.
SENTENCE_END = re.compile(r"[.;:!?…”\")\]]\s*\**$")

#: The document types that head a text, as they are printed in capitals.
DOCUMENT_TYPES: dict[str, str] = {
    "HIẾN PHÁP": "Hiến pháp",
    "BỘ LUẬT": "Bộ luật",
    "LUẬT": "Luật",
    "PHÁP LỆNH": "Pháp lệnh",
    "NGHỊ QUYẾT": "Nghị quyết",
    "NGHỊ ĐỊNH": "Nghị định",
    "QUYẾT ĐỊNH": "Quyết định",
    "CHỈ THỊ": "Chỉ thị",
    "THÔNG TƯ LIÊN TỊCH": "Thông tư liên tịch",
    "THÔNG TƯ": "Thông tư",
    "KẾ HOẠCH": "Kế hoạch",
    "KẾT LUẬN": "Kết luận",
    "CÔNG VĂN": "Công văn",
    "THÔNG BÁO": "Thông báo",
    "HƯỚNG DẪN": "Hướng dẫn",
    "ĐỀ ÁN": "Đề án",
    "CHƯƠNG TRÌNH": "Chương trình",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
    "PHỤ LỤC": "Phụ lục",
    "CẨM NANG": "Cẩm nang",
}

#: Documents attached to a decision ("ban hành kèm theo Quyết định …").
ATTACHMENT_TYPES = ("ĐỀ ÁN", "QUY CHẾ", "QUY ĐỊNH", "PHỤ LỤC", "KẾ HOẠCH", "CHƯƠNG TRÌNH")

NATIONAL_MOTTO = re.compile(
    r"^(CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc",
    re.IGNORECASE,
)

#: "Số: 812/KH-SCT", "Luật số: 24/2018/QH14", "Số: /KH-UBND", "Số:".
#: "Khóa XI, kỳ họp thứ 9 (Từ ngày …)": the session line of a law passed before 2008.
SESSION_LINE = re.compile(r"^Khó[aá]\s+[IVXLC]+\s*,\s*kỳ họp", re.IGNORECASE)

NUMBER_LINE = re.compile(r"^(?:(?:Luật|Nghị quyết|Bộ luật)\s+)?[Ss]ố\s*:\s*(?P<number>.*?)\s*$")

#: "Hà Nội, ngày 12 tháng 6 năm 2018", "Sơn Dương, ngày tháng 6 năm 2021", "Đắk Nông, ngày".
PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,]{2,40}),\s*ngày\s*(?P<day>\d{1,2})?\s*"
    r"(?:tháng\s*(?P<month>\d{1,2})?\s*(?:năm\s*(?P<year>\d{4}))?)?\s*$"
)

#: "… thông qua ngày 10 tháng 12 năm 2025": the date of a law passed by the National Assembly.
ADOPTION_DATE = re.compile(
    r"thông qua ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})"
)

#: First line of a signature block: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH QUỐC HỘI".
SIGNATURE_TITLE = re.compile(
    r"^(?:(?:KT|TM|TL|TUQ|Q)\.\s*\S"
    r"|(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|"
    r"PHÓ THỦ TƯỚNG|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|CHÁNH VĂN PHÒNG|BÍ THƯ|TỔNG BÍ THƯ|CHỦ NHIỆM|"
    r"TRƯỞNG PHÒNG)\b)"
)
SIGNED = re.compile(r"^\((?:Đã ký|đã ký)[^)]*\)$")


#: The heading of a constitution's or a law's preamble, which is not part of its title.
PREAMBLE = re.compile(r"^LỜI (?:NÓI|MỞ) ĐẦU$")

RECIPIENTS = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)


def strip_emphasis(text: str) -> str:
    """The words of a paragraph without its ``**``/``*`` emphasis markers."""
    return EMPHASIS.sub("", text).strip()


def is_person_name(text: str) -> bool:
    """A signer's name: two to six capitalised words ("Nguyễn Đức Huy", "Trần Thanh Mẫn")."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words
    )


def is_upper(text: str) -> bool:
    """True when every letter of ``text`` is a capital (a heading printed in capitals)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
