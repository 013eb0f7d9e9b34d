"""``kb new``: a correctly named skeleton for a document typed by hand, or for a guide.

Most documents arrive as files and go through ``kb import``; a short plan or a guide is
often written directly. The editor answers four questions (type, number, date, issuer)
and gets a page at the address ``kb import`` would give it, with the front matter filled
in and a body whose units already carry the anchors the parser would give them — the
skeleton's text runs through the same parser. Each place to fill in says "(Nhập nội dung…)",
and ``kb check`` refuses a page that still has one: a skeleton is never published.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from kb.library import Library
from kb.model import Block, Metadata
from kb.render import page_title, render_units
from kb.schema import DOCUMENTS, GUIDES, PLACEHOLDER
from kb.structure import parse_document
from kb.vietnamese import slugify

#: Types whose body is articles (Điều); the others are plans and the like (I., 1., a)).
ARTICLE_TYPES = {"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định",
                 "Quyết định", "Thông tư", "Thông tư liên tịch", "Quy chế", "Quy định"}

_ARTICLES = ["Điều 1. Phạm vi điều chỉnh", f"{PLACEHOLDER} Điều 1.)",
             "Điều 2. Hiệu lực thi hành", f"1. {PLACEHOLDER}: văn bản có hiệu lực từ ngày …)"]
_SECTIONS = ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", f"{PLACEHOLDER} mục đích.)",
             "2. Yêu cầu", f"{PLACEHOLDER} yêu cầu.)", "II. NHIỆM VỤ, GIẢI PHÁP",
             f"1. {PLACEHOLDER} nhiệm vụ thứ nhất.)", "III. TỔ CHỨC THỰC HIỆN",
             f"{PLACEHOLDER} phân công cơ quan, đơn vị thực hiện.)"]
_GUIDE = ["## Dấu hiệu nhận biết {#dau-hieu}", f"{PLACEHOLDER} các dấu hiệu.)",
          "## Ví dụ {#vi-du}", f"{PLACEHOLDER} một tình huống, không số điện thoại hay "
                               "đường link thật.)",
          "## Việc cần làm {#viec-can-lam}", f"{PLACEHOLDER} các việc nên làm.)",
          "## Pháp luật quy định {#phap-luat}",
          f"{PLACEHOLDER} dẫn chiếu bằng chữ, ví dụ khoản 1 Điều 8 Luật An ninh mạng.)"]


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def document_page(meta: Metadata) -> str:
    """Front matter from ``meta`` and a skeleton body for its type, as ``kb import`` writes."""
    lines = _ARTICLES if meta.loai_van_ban in ARTICLE_TYPES else _SECTIONS
    body = render_units(parse_document([Block(line) for line in lines]).body)
    fields = {k: v for k, v in vars(meta).items() if v not in (None, "", [], {})}
    return f"---\n{_dump({'title': page_title(meta), **fields})}---\n\n" + \
        "\n\n".join(body) + "\n"


def guide_page(title: str, today: dt.date) -> str:
    """A guide (template guide.html, see README "Cẩm nang") with its review date
    (``ngay_cap_nhat``), the fields of its card and the usual sections."""
    front = _dump({"title": title, "template": "guide.html",
                   "ngay_cap_nhat": today.isoformat(),
                   "doi_tuong": f"{PLACEHOLDER}: dành cho ai)",
                   "mo_ta": f"{PLACEHOLDER}: một dòng trên thẻ chủ đề)",
                   "tom_tat": [f"{PLACEHOLDER}: điều quan trọng nhất)"]})
    return f"---\n{front}---\n\n# {title}\n\n{PLACEHOLDER}: đoạn mở đầu.)\n\n" + \
        "\n\n".join(_GUIDE) + "\n"


def new_document(docs: Path, meta: Metadata) -> tuple[Path, list[str]]:
    """Write the skeleton of the document ``meta`` at its address; (path, warnings).

    The address is the one ``kb import`` would choose (from the number; issuer and year
    added when the number is already taken), so importing the signed file later
    replaces this page instead of adding a second one.
    """
    folder = docs / DOCUMENTS
    warnings: list[str] = []
    slug = Library.load(folder).slug_for(vars(meta), "", warnings)
    path = folder / f"{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} đã có: văn bản này đã ở trong thư viện")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(document_page(meta), encoding="utf-8")
    return path, warnings


def new_guide(docs: Path, title: str, today: dt.date) -> Path:
    """Write the skeleton of a guide named ``title`` in ``docs/cam-nang``."""
    path = docs / GUIDES / f"{slugify(title)}.md"
    if path.exists():
        raise FileExistsError(f"{path} đã có: chọn tên khác cho cẩm nang")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(guide_page(title, today), encoding="utf-8")
    return path
