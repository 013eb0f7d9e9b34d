"""A small library built with the real pipeline: texts → kb import → docs/van-ban."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main

OLD_LAW = """QUỐC HỘI
Luật số: 10/2018/QH14
Hà Nội, ngày 12 tháng 6 năm 2018
LUẬT
AN NINH THỬ
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về an ninh thử.
Điều 2. Giải thích từ ngữ
1. An ninh thử là sự bảo đảm thử nghiệm.
2. Tấn công thử là hành vi:
a) Phá hoại hệ thống;
b) Gây gián đoạn theo điểm a khoản này.
Điều 3. Hành vi bị nghiêm cấm
Nghiêm cấm hành vi quy định tại khoản 2 Điều 2 và Điều 1 của Luật này.
"""

NEW_LAW = """QUỐC HỘI
Luật số: 20/2025/QH15
LUẬT
AN NINH THỬ
Điều 1. Phạm vi điều chỉnh
Luật này thay thế Luật An ninh thử số 10/2018/QH14.
Điều 2. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.
2. Luật An ninh thử số 10/2018/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.
Điều 3. Sửa đổi luật khác
1. Sửa đổi, bổ sung một số điều của Luật Viễn thông số 24/2023/QH15:
a) Sửa đổi điểm b khoản 1 Điều 35 như sau:
Luật này được Quốc hội khóa XV thông qua ngày 10 tháng 12 năm 2025.
"""

PLAN = """Số: 5/KH-UBND

Thử, ngày 03 tháng 3 năm 2023

KẾ HOẠCH

Tuyên truyền Luật An ninh thử

Căn cứ Luật An ninh thử số 10/2018/QH14;

Căn cứ Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ;

Thực hiện Luật An ninh thử ngày 12/6/2018 và Nghị quyết số 30-NQ/TW ngày 25/7/2019 của Bộ Chính trị, Ủy ban nhân dân xây dựng Kế hoạch như sau:

I. NỘI DUNG

1. Phổ biến điểm a khoản 2 Điều 2 Luật An ninh thử số 10/2018/QH14 và Điều 99 Luật An ninh thử số 10/2018/QH14.

2. Phổ biến Nghị quyết số 30-NQ/TW ngày 25/7/2018 và Kế hoạch này.
"""


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kb`` commands keep their stores under the test's folder, not the repository's."""
    monkeypatch.setattr("kb.cli.CACHE_DIR", tmp_path / "cache")

@pytest.fixture
def library(tmp_path: Path) -> Path:
    """docs/van-ban of a library with an old law, its successor and a plan citing both."""
    sources = tmp_path / "nguon"
    sources.mkdir()
    for name, text in (("cu.txt", OLD_LAW), ("moi.txt", NEW_LAW), ("ke-hoach.txt", PLAN)):
        (sources / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "docs" / "van-ban"
    manifest = tmp_path / "sources.yml"
    manifest.write_text(
        "root: nguon\ninto: docs/van-ban\ndocuments:\n"
        "  - source: cu.txt\n    meta: {ngay_hieu_luc: '2019-01-01'}\n"
        "  - source: moi.txt\n    meta:\n"
        "      quan_he:\n        thay_the:\n          - {so_hieu: 10/2018/QH14, nguon: khoản 2 Điều 2}\n"
        "          - {so_hieu: 99/2015/QH13, ten: Luật Thử cũ}\n"
        "  - source: ke-hoach.txt\n    meta: {co_quan_ban_hanh: Ủy ban nhân dân tỉnh Thử}\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "--manifest", str(manifest), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return folder
