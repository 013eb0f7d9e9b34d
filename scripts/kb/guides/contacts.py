"""Where a reader reports: the contact channels each province sets in ``mkdocs.yml``.

A police hotline, an address, an official page on Zalo differ from one province to the
next, so no guide writes them: each province fills in ``extra.lien_he`` and ``kb guides``
renders the same "Trình báo ở đâu" section into every guide. A channel left empty is
never made up: the guide gives the reader the general advice for it ("Liên hệ Công an
xã, phường nơi gần nhất") with a visible "chưa cấu hình" note, and ``kb guides`` warns
the editor. Only the national emergency number 113 is written here, as it is the same
everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

SETTINGS = "lien_he"


class _SettingsLoader(yaml.SafeLoader):
    """A safe loader that reads tags it does not know (``!!python/name:…``) as null.

    ``mkdocs.yml`` may name Python objects for Markdown extensions; the guides need only
    plain values from ``extra``, and must not import anything to read them.
    """


_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(config: Path) -> dict:
    """``extra.lien_he`` of ``mkdocs.yml`` (empty when the site has none)."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_SettingsLoader) or {}
    return ((data.get("extra") or {}).get(SETTINGS)) or {}


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # "text", "phone" (a tel: link), "email", "url"


@dataclass(frozen=True)
class Channel:
    """One place to report: what it is for, its fields, what to say when it is not set."""

    key: str
    name: str  # shown when the province has not given the channel's own name
    purpose: str
    fallback: str
    fields: tuple[Field, ...]


#: The field of every channel that names it ("Công an tỉnh …").
NAME = "ten"
PHONE, EMAIL, ADDRESS = (Field("dien_thoai", "Điện thoại", "phone"),
                         Field("thu_dien_tu", "Thư điện tử", "email"), Field("dia_chi", "Địa chỉ"))
CHANNELS = (
    Channel("cong_an", "Công an tỉnh",
            "tiếp nhận tin báo lừa đảo, chiếm đoạt tài sản, xâm nhập tài khoản, tin giả",
            "Liên hệ Công an xã, phường nơi gần nhất.",
            (Field("duong_day_nong", "Đường dây nóng", "phone"), ADDRESS)),
    Channel("co_quan_chuyen_mon", "Cơ quan chuyên môn về an toàn thông tin của tỉnh",
            "hướng dẫn, hỗ trợ về an toàn thông tin và tiếp nhận góp ý cho cẩm nang này",
            "Liên hệ Ủy ban nhân dân xã, phường nơi cư trú.",
            (PHONE, EMAIL, ADDRESS)),
    Channel("ung_cuu_su_co", "Đầu mối ứng cứu sự cố an ninh mạng của tỉnh",
            "cơ quan, đơn vị nhà nước báo sự cố an ninh mạng",
            "Cán bộ, công chức báo ngay cho người phụ trách an ninh mạng của cơ quan mình.",
            (PHONE, EMAIL)),
    Channel("zalo", "Trang chính thức của tỉnh trên Zalo",
            "cảnh báo thủ đoạn mới, thông tin chính thức của tỉnh",
            "Chỉ tin thông tin từ trang, kênh chính thức của cơ quan nhà nước.",
            (Field("duong_dan", "Địa chỉ", "url"),)),
)

_PHONE = re.compile(r"^\+?\(?[0-9][0-9 .()-]{1,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https://\S+$")


@dataclass
class Contacts:
    """The rendered section and what the editor should know about the settings."""

    lines: list[str]
    warnings: list[str]
    errors: list[str]


def _value(field: Field, value: str) -> str | None:
    """The Markdown of a field's value, or None when the value is not of its kind."""
    if field.kind == "phone":
        return f"[{value}](tel:{re.sub(r'[^0-9+]', '', value)})" if _PHONE.match(value) else None
    if field.kind == "email":
        return f"[{value}](mailto:{value})" if _EMAIL.match(value) else None
    if field.kind == "url":
        return f"<{value}>" if _URL.match(value) else None
    return value


def _channel(channel: Channel, settings: dict, where: str, contacts: Contacts) -> list[str]:
    values = settings.get(channel.key) or {}
    name = str(values.get(NAME) or "").strip() or channel.name
    rows = []
    for field in channel.fields:
        value = str(values.get(field.key) or "").strip()
        if not value:
            continue
        shown = _value(field, value)
        if shown is None:
            contacts.errors.append(f"{where}: extra.{SETTINGS}.{channel.key}.{field.key} "
                                   f"không hợp lệ: “{value}”")
        else:
            rows.append(f"    - {field.label}: {shown}")
    if rows:
        return [f"- **{name}** — {channel.purpose}:", *rows]
    contacts.warnings.append(f"{where}: chưa cấu hình extra.{SETTINGS}.{channel.key}: các cẩm "
                             f"nang hiện “{channel.fallback}”")
    return [f"- **{name}** — {channel.purpose}: {channel.fallback} "
            '<span class="kb-chua-cau-hinh">(Thông tin liên hệ của tỉnh chưa cấu hình.)</span>']


def render_contacts(settings: dict, where: str) -> Contacts:
    """The "Trình báo ở đâu" section of every guide, from ``extra.lien_he`` of ``where``."""
    contacts = Contacts([], [], [])
    channels = [line for channel in CHANNELS
                for line in _channel(channel, settings, where, contacts)]
    contacts.lines = [
        "## Trình báo ở đâu {#trinh-bao}",
        "",
        '!!! danger "Khẩn cấp"',
        "    Khi có nguy hiểm tức thời đến tính mạng, tài sản, gọi ngay "
        "**[113](tel:113)** (Công an).",
        "",
        *channels,
    ]
    return contacts
