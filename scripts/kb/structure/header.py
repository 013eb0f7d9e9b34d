"""The header and the closing of a text become metadata.

The header is the two-column block above the title (issuer | Quốc hiệu,
"Số: …" | "Hà Nội, ngày …"), the document type in capitals and the title
(trích yếu). Its lines leave the body, and are kept verbatim in the front
matter so the import check can still account for every word. The closing
(the adoption sentence of a law, the signature block) stays in the body:
its facts are copied into the metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.model import Metadata
from kb.structure.paragraphs import Paragraph, is_marker
from kb.structure.patterns import (
    ADOPTION_DATE,
    DOCUMENT_TYPES,
    NATIONAL_MOTTO,
    NUMBER_LINE,
    PLACE_DATE,
    PREAMBLE,
    SEPARATOR,
    SESSION_LINE,
    SIGNATURE_TITLE,
    SIGNED,
    is_person_name,
    is_upper,
)

#: Types whose title is a name printed in capitals under the type ("LUẬT" / "AN NINH MẠNG").
NAMED_TYPES = {"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"}


@dataclass
class Header:
    """What the header says, and how many paragraphs of the source it took."""

    meta: Metadata
    lines: list[str] = field(default_factory=list)
    consumed: int = 0
    warnings: list[str] = field(default_factory=list)


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO date from the printed parts; "YYYY-MM" when the day was left blank in a draft."""
    if not year:
        return None
    if not month:
        return year
    if not day:
        return f"{int(year):04d}-{int(month):02d}"
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def normalize_number(number: str) -> str:
    """"3250 /QĐ-UBND" → "3250/QĐ-UBND": the spaces typed around a number's separators go."""
    return re.sub(r"\s*([/-])\s*", r"\1", " ".join(number.split()))


def sentence_case(text: str) -> str:
    """"AN NINH MẠNG" → "An ninh mạng": a capitalised title as it is cited in running text."""
    lowered = text.strip().lower()
    return lowered[:1].upper() + lowered[1:]


def _strip_separators(text: str) -> str:
    """"QUỐC HỘI -------" → "QUỐC HỘI": the dashes under an issuer are drawing, not words."""
    return " ".join(word for word in text.split() if not SEPARATOR.match(word))


def _is_header_line(paragraph: Paragraph) -> bool:
    plain = paragraph.plain
    return bool(
        paragraph.cell
        or NATIONAL_MOTTO.match(plain)
        or SEPARATOR.match(plain)
        or NUMBER_LINE.match(plain)
        or SESSION_LINE.match(plain)
        or PLACE_DATE.match(plain)
    )


def _document_type(plain: str) -> str | None:
    return DOCUMENT_TYPES.get(" ".join(plain.split()).upper()) if is_upper(plain) else None


def _read_line(plain: str, header: Header, issuers: list[str]) -> None:
    """Take the facts one header line states."""
    if number := NUMBER_LINE.match(plain):
        value = number["number"].strip()
        if value and value[0].isdigit():
            header.meta.so_hieu = normalize_number(value)
        else:
            header.warnings.append(
                f"văn bản chưa có số hiệu (dòng “{plain}”): đây có thể là bản dự thảo"
            )
    elif place := PLACE_DATE.match(plain):
        header.meta.noi_ban_hanh = place["place"].strip()
        header.meta.ngay_ban_hanh = iso_date(place["day"], place["month"], place["year"])
    elif NATIONAL_MOTTO.match(plain) or SEPARATOR.match(plain) or SESSION_LINE.match(plain):
        return
    elif (issuer := _strip_separators(plain)) and is_upper(issuer) and not header.meta.so_hieu:
        issuers.append(issuer)  # the issuer stands above the number, in the left column


def read_header(paragraphs: list[Paragraph]) -> Header:
    """Read the header at the top of ``paragraphs``; the rest is the body."""
    header = Header(Metadata())
    issuers: list[str] = []
    i = 0
    while i < len(paragraphs) and paragraphs[i].note:
        i += 1  # a third party's lines above the text are not its header
    start = i
    while i < len(paragraphs):
        paragraph, plain = paragraphs[i], paragraphs[i].plain
        doc_type = _document_type(plain)
        if doc_type:
            header.meta.loai_van_ban = doc_type
            i = _read_title(paragraphs, i + 1, header)
            break
        if not (_is_header_line(paragraph) or (is_upper(plain) and not is_marker(plain))):
            break
        _read_line(_strip_separators(plain) or plain, header, issuers)
        i += 1
    if header.meta.loai_van_ban is None:  # no type line: nothing above was a header either
        i = start
        issuers.clear()
        header.meta = Metadata()
    header.lines = [p.text for p in paragraphs[start:i]]
    header.consumed = i
    if issuers:
        header.meta.co_quan_ban_hanh = sentence_case(issuers[-1])
    return header


def _read_title(paragraphs: list[Paragraph], i: int, header: Header) -> int:
    """The trích yếu under the type line; returns the index of the first body paragraph."""
    meta = header.meta
    if meta.loai_van_ban in NAMED_TYPES:
        names: list[str] = []
        while (i < len(paragraphs) and is_upper(paragraphs[i].plain)
               and not is_marker(paragraphs[i].plain) and not PREAMBLE.match(paragraphs[i].plain)):
            if not SEPARATOR.match(paragraphs[i].plain):
                names.append(paragraphs[i].plain)
            i += 1
        while i < len(paragraphs) and SEPARATOR.match(paragraphs[i].plain):
            i += 1
        if names:
            meta.trich_yeu = sentence_case(" ".join(names))
        return i
    if i < len(paragraphs):
        plain = paragraphs[i].plain
        if not is_marker(plain) and not plain.startswith("Căn cứ") and not is_upper(plain):
            meta.trich_yeu = plain
            return i + 1
    return i


def read_closing(paragraphs: list[Paragraph], meta: Metadata) -> None:
    """Copy the signature block and a law's adoption date into ``meta``."""
    for paragraph in paragraphs:
        if meta.ngay_ban_hanh is None and (adopted := ADOPTION_DATE.search(paragraph.plain)):
            meta.ngay_ban_hanh = iso_date(adopted["day"], adopted["month"], adopted["year"])
    signature = find_signature(paragraphs)
    if signature is not None:
        title_index, name_index = signature
        lines = [
            line.strip("* ")
            for paragraph in paragraphs[title_index:name_index]
            if not SIGNED.match(paragraph.plain)
            for line in paragraph.text.split("\n")
        ]
        meta.chuc_vu = "\n".join(lines)
        meta.nguoi_ky = paragraphs[name_index].plain


def find_signature(paragraphs: list[Paragraph], start: int = 0) -> tuple[int, int] | None:
    """The first signature block at or after ``start``: (title paragraph, name paragraph)."""
    for i in range(start, len(paragraphs)):
        plain = paragraphs[i].plain
        if not (SIGNATURE_TITLE.match(plain) and is_upper(plain)):
            continue
        j = i + 1
        while j < len(paragraphs) and (
            SIGNED.match(paragraphs[j].plain) or is_upper(paragraphs[j].plain)
        ) and j - i < 4:
            j += 1
        if j < len(paragraphs) and is_person_name(paragraphs[j].plain):
            return i, j
    return None
