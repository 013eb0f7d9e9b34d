"""The front matter schema: types and formats of every field, checked before anything reads them.

An editor who types ``ngay_ban_hanh: 24/11/2021`` or ``so_hieu: Số 25/KH-UBND`` must learn
which file and which field are wrong, in Vietnamese, with an example of the right form —
not meet a Python traceback in ``kb link`` or a page dated nonsense on the portal. YAML
itself turns an unquoted ``2021-13-45`` into an exception without a field name, so the
front matter is read here with dates kept as text: each field is then judged on its own.

Errors stop ``kb check`` (and the build); warnings are what a reviewer should look at.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.structure.patterns import DOCUMENT_TYPES
from kb.yamlread import SAFE_LOADER, safe_load

#: Where documents and guides live under ``docs/``.
DOCUMENTS = "van-ban"
GUIDES = "cam-nang"

#: Document types a page may declare: those ``kb import`` recognises in a text's heading.
KNOWN_TYPES = tuple(DOCUMENT_TYPES.values())

#: "24/2018/QH14", "13/2023/NĐ-CP", "3250/QĐ-UBND", "30-NQ/TW", "05/2022/TTLT-BCA-BQP".
NUMBER = re.compile(r"^\d+[a-zđ]?(?:/\d{4})?[/-][A-ZĐ][A-ZĐ0-9]*(?:[-/][A-ZĐ0-9]+)*$")
NUMBER_EXAMPLE = "25/KH-UBND, 13/2023/NĐ-CP hoặc 24/2018/QH14"

#: A page address (slug) as ``kb import`` makes them.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Date fields; issue dates may leave the day or month blank ("2021-06", "2023") as drafts do.
PARTIAL_DATES = {"ngay_ban_hanh"}
DATES = {"ngay_ban_hanh", "ngay_hieu_luc", "ngay_cap_nhat"}

TEXTS = {"title", "so_hieu", "loai_van_ban", "co_quan_ban_hanh", "noi_ban_hanh", "nguoi_ky",
         "chuc_vu", "trich_yeu", "can_cu_hieu_luc"}
LISTS = {"linh_vuc", "tags", "ten_goi_khac", "dau_van_ban", "ghi_chu_nguon", "dia_chi_cu"}
MAPPINGS = {"nguon", "quan_he"}
KNOWN_FIELDS = TEXTS | LISTS | MAPPINGS | DATES

REQUIRED = ("title", "loai_van_ban")

#: What every place left to fill in of a ``kb new`` skeleton starts with.
PLACEHOLDER = "(Nhập nội dung"
RELATIONS = ("thay_the", "sua_doi", "huong_dan")


class _TextDates(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """YAML without implicit timestamps: ``2021-13-45`` stays text for its field to be named."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)?---\n", re.DOTALL)


@dataclass
class Findings:
    """Errors and warnings, each a line that starts with the file (and names the field)."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)  # pages nothing else can read


def _field(path: Path, name: str, problem: str) -> str:
    return f"{path}: trường “{name}”: {problem}"


def parse_date(value: object, partial: bool = False) -> dt.date | None:
    """The date ``value`` names (ISO), or None; ``partial`` admits "YYYY-MM" and "YYYY"."""
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        if partial and re.fullmatch(r"\d{4}-\d{2}", text):
            return dt.date.fromisoformat(f"{text}-01")
        if partial and re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1)
    except ValueError:
        return None
    return None


def date_problem(value: object, partial: bool = False) -> str | None:
    """Why ``value`` is not a date of the schema, with the right form; None when it is one."""
    if parse_date(value, partial) is not None:
        return None
    text = str(value)
    vietnamese = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text.strip())
    if vietnamese:
        day, month, year = (int(part) for part in vietnamese.groups())
        hint = f"{year:04d}-{month:02d}-{day:02d}"
        return f"“{text}” viết theo kiểu ngày/tháng/năm; hãy viết năm-tháng-ngày: {hint}"
    forms = "YYYY-MM-DD (hoặc YYYY-MM, YYYY khi bản gốc để trống ngày)" if partial \
        else "YYYY-MM-DD"
    return f"“{text}” không phải ngày hợp lệ — viết theo dạng {forms}, ví dụ 2024-06-15"


def number_problem(value: object) -> str | None:
    """Why ``value`` is not a document number ("số hiệu"); None when it looks like one."""
    text = str(value)
    if NUMBER.match(text):
        return None
    if re.match(r"(?i)^\s*số\b", text):
        return f"“{text}”: chỉ ghi số hiệu, bỏ chữ “Số:” — ví dụ {NUMBER_EXAMPLE}"
    if re.search(r"\s", text):
        return f"“{text}” có khoảng trắng — viết liền, ví dụ {NUMBER_EXAMPLE}"
    return f"“{text}” không đúng dạng số hiệu văn bản — ví dụ {NUMBER_EXAMPLE}"


def type_problem(value: object) -> str | None:
    """Why ``value`` is not a known document type, with the nearest known one."""
    if value in KNOWN_TYPES:
        return None
    nearest = difflib.get_close_matches(str(value), KNOWN_TYPES, n=1, cutoff=0.6)
    hint = f"có phải “{nearest[0]}”? " if nearest else ""
    return (f"“{value}” không phải loại văn bản đã biết — {hint}"
            f"các loại được nhận: {', '.join(KNOWN_TYPES)}")


def read_front_matter(path: Path) -> tuple[dict | None, str | None]:
    """(front matter with dates as text, None) or (None, why the file cannot be read)."""
    return _read_page(path)[1:]


def _read_page(path: Path) -> tuple[str, dict | None, str | None]:
    """The page's text ("" if unreadable) and :func:`read_front_matter`: the schema check
    also looks for blanks in the text, which it need not read twice."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return "", None, f"không đọc được tệp ({error})"
    return text, *_parse_front_matter(text)


def _parse_front_matter(text: str) -> tuple[dict | None, str | None]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, "thiếu phần đầu YAML (tệp phải bắt đầu bằng dòng “---”)"
    try:
        data = yaml.load(match[1] or "", Loader=_TextDates)  # a SafeLoader: no objects
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (dòng {mark.line + 2})" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error)
        return None, f"phần đầu YAML sai cú pháp{where}: {reason}"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return None, "phần đầu YAML phải là các dòng “trường: giá trị”"
    return data, None


def _unreadable_by_yaml(path: Path) -> bool:
    """Whether plain ``safe_load`` (what the rest of kb uses) fails on the page."""
    try:
        safe_load(_FRONT_MATTER.match(path.read_text(encoding="utf-8"))[1] or "")
    except (yaml.YAMLError, ValueError):
        return True
    return False


def _relations(path: Path, value: object, out: Findings) -> None:
    if not isinstance(value, dict):
        out.errors.append(_field(path, "quan_he", "phải là các mục thay_the, sua_doi, "
                                                  "huong_dan, het_hieu_luc"))
        return
    for key, items in value.items():
        name = f"quan_he.{key}"
        if key == "het_hieu_luc":
            day = items.get("ngay") if isinstance(items, dict) else None
            problem = "phải có “ngay” (YYYY-MM-DD)" if day is None else date_problem(day)
            if problem:
                out.errors.append(_field(path, f"{name}.ngay", problem))
        elif key not in RELATIONS:
            out.errors.append(_field(path, name, f"quan hệ lạ — chỉ nhận {', '.join(RELATIONS)}, "
                                                 "het_hieu_luc"))
        elif not isinstance(items, list) or not all(
                isinstance(item, dict) and item.get("so_hieu") for item in items):
            out.errors.append(_field(path, name, "phải là danh sách, mỗi mục có “so_hieu”"))


def _printed_number(meta: dict) -> str | None:
    """The number on the original's "Số: 25/KH-UBND" line (``dau_van_ban``), if it has one."""
    for line in meta.get("dau_van_ban") or []:
        match = re.match(r"(?i)^\W*số\s*:\s*(\d.*?)\W*$", str(line))
        if match:
            return re.sub(r"\s+", "", match[1])
    return None


def check_fields(path: Path, meta: dict, out: Findings, document: bool) -> None:
    """Types and formats of one page's fields; ``document``: a page of the library (van-ban)."""
    for name, value in meta.items():
        if value in (None, "", []):
            if name in REQUIRED and document:
                continue  # reported as missing below
            out.warnings.append(_field(path, name, "để trống"))
            continue
        if name in DATES:
            problem = date_problem(value, partial=name in PARTIAL_DATES)
            if problem:
                out.errors.append(_field(path, name, problem))
        elif name in TEXTS and not isinstance(value, str | int | float):
            out.errors.append(_field(path, name, "phải là một dòng chữ"))
        elif name in LISTS and not (isinstance(value, list)
                                    and all(isinstance(v, str | int) for v in value)):
            out.errors.append(_field(path, name, "phải là danh sách, ví dụ [An ninh mạng]"))
        elif name == "nguon" and not isinstance(value, dict):
            out.errors.append(_field(path, name, "phải có dạng {tep: tên tệp, sha256: …}"))
        elif name == "quan_he":
            _relations(path, value, out)
        elif document and name not in KNOWN_FIELDS:
            nearest = difflib.get_close_matches(name, sorted(KNOWN_FIELDS), n=1)
            hint = f" — có phải “{nearest[0]}”?" if nearest else ""
            out.warnings.append(_field(path, name, f"trường lạ, không được dùng{hint}"))
    if not document:
        return
    for name in REQUIRED:
        if not meta.get(name):
            out.errors.append(_field(path, name, "bắt buộc nhưng chưa có"))
    if meta.get("loai_van_ban"):
        problem = type_problem(meta["loai_van_ban"])
        if problem:
            out.errors.append(_field(path, "loai_van_ban", problem))
    number = meta.get("so_hieu")
    printed = _printed_number(meta)
    if not number and printed:
        out.errors.append(_field(path, "so_hieu", f"bản gốc ghi số “{printed}” nhưng trang chưa có "
                                                  f"số hiệu — thêm dòng: so_hieu: {printed}"))
    if number:
        problem = number_problem(number)
        if problem:
            out.errors.append(_field(path, "so_hieu", problem))
        year = re.match(r"^\d+[a-zđ]?/(\d{4})/", str(number))
        issued = str(meta.get("ngay_ban_hanh") or "")[:4]
        if year and issued.isdigit() and year[1] != issued:
            out.warnings.append(_field(path, "so_hieu", f"năm {year[1]} trong số hiệu khác năm "
                                                        f"ban hành {issued}"))
    issued = parse_date(meta.get("ngay_ban_hanh") or "", partial=True)
    effective = parse_date(meta.get("ngay_hieu_luc") or "")
    if issued and effective and effective < issued and len(str(meta["ngay_ban_hanh"])) == 10:
        out.warnings.append(_field(path, "ngay_hieu_luc", "trước ngày ban hành — kiểm tra lại"))
    for old in meta.get("dia_chi_cu") or []:
        if not SLUG.match(str(old)):
            out.errors.append(_field(path, "dia_chi_cu", f"“{old}” không phải địa chỉ trang "
                                                         "(chữ thường, số và dấu “-”)"))


def _placeholders(path: Path, text: str, out: Findings) -> None:
    """A skeleton of ``kb new`` whose blanks are not all filled in is not a text to publish."""
    if PLACEHOLDER not in text:
        return
    for number, line in enumerate(text.splitlines(), 1):
        if PLACEHOLDER in line:
            out.errors.append(f"{path} (dòng {number}): còn chỗ “{PLACEHOLDER}…)” của mẫu "
                              "chưa điền")
            return


def pages(docs: Path) -> Iterable[tuple[Path, bool]]:
    """Every document and guide page of ``docs`` with whether it is a document."""
    for folder, document in ((DOCUMENTS, True), (GUIDES, False)):
        for path in sorted((docs / folder).glob("*.md")):
            if path.name != "index.md":
                yield path, document


def validate(docs: Path) -> Findings:
    """Check the front matter of every page under ``docs/van-ban`` and ``docs/cam-nang``."""
    out = Findings()
    slugs = {path.stem for path, document in pages(docs) if document}
    claimed: dict[str, Path] = {}
    for path, document in pages(docs):
        text, meta, problem = _read_page(path)
        if meta is None:
            out.errors.append(f"{path}: {problem}")
            out.unreadable.append(path)
            continue
        before = len(out.errors)
        check_fields(path, meta, out, document)
        _placeholders(path, text, out)
        if len(out.errors) > before and _unreadable_by_yaml(path):
            out.unreadable.append(path)
        for old in map(str, meta.get("dia_chi_cu") or [] if document else []):
            if old in slugs:
                out.errors.append(_field(path, "dia_chi_cu", f"“{old}” đang là địa chỉ của "
                                                             f"{path.parent / old}.md"))
            elif old in claimed:
                out.errors.append(_field(path, "dia_chi_cu", f"“{old}” cũng là địa chỉ cũ của "
                                                             f"{claimed[old]}"))
            claimed.setdefault(old, path)
    return out
