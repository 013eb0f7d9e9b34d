"""When a text takes effect, read from its own "Hiệu lực thi hành" article.

"Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026." gives the date;
"Quyết định có hiệu lực kể từ ngày ký ban hành." gives the date of signature.
The anchor of the sentence that says so is kept, so the page can link the
date to its source instead of asking anyone to type a status.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.model import Metadata, Unit, articles
from kb.structure.header import iso_date

_FROM_DATE = re.compile(
    r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày (?P<day>\d{1,2}) tháng (?P<month>\d{1,2}) "
    r"năm (?P<year>\d{4})"
)
_FROM_SIGNATURE = re.compile(r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày ký")


def _walk(unit: Unit, anchor: str | None) -> Iterator[tuple[Unit, str | None]]:
    anchor = unit.anchor or anchor
    yield unit, anchor
    for child in unit.children:
        yield from _walk(child, anchor)



def read_effective_date(units: list[Unit], meta: Metadata) -> None:
    """Fill ``ngay_hieu_luc`` and ``can_cu_hieu_luc`` from the text, when it says."""
    for article in articles(units):
        for unit, anchor in _walk(article, None):
            if found := _FROM_DATE.search(unit.text):
                meta.ngay_hieu_luc = iso_date(found["day"], found["month"], found["year"])
            elif _FROM_SIGNATURE.search(unit.text) and meta.ngay_ban_hanh:
                meta.ngay_hieu_luc = meta.ngay_ban_hanh
            else:
                continue
            meta.can_cu_hieu_luc = anchor
            return
