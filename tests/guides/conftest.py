"""A tiny site for the guides: two versions of a law through `kb import`, a guide, a home page."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main

#: A day after the new law took effect (01/7/2026) and the old one ceased.
TODAY = dt.date(2026, 11, 23)

OLD_LAW = """QUỐC HỘI
Luật số: 10/2018/QH14
Hà Nội, ngày 12 tháng 6 năm 2018
LUẬT
AN NINH THỬ
Điều 1. Phạm vi điều chỉnh
Luật này quy định về an ninh thử.
Điều 8. Các hành vi bị nghiêm cấm
1. Lừa đảo trên mạng thử.
"""

NEW_LAW = """QUỐC HỘI
Luật số: 20/2025/QH15
LUẬT
AN NINH THỬ
Điều 1. Phạm vi điều chỉnh
Luật này quy định về an ninh thử.
Điều 2. Giải thích từ ngữ
Trong Luật này, các từ ngữ dưới đây được hiểu như sau:
1. An ninh thử là sự bảo đảm thử nghiệm trên không gian thử.
2. Tấn công thử là hành vi:
a) Phá hoại hệ thống thử;
b) Gây gián đoạn hệ thống thử.
Điều 7. Các hành vi bị nghiêm cấm
1. Lừa đảo trên mạng thử.
Điều 9. Sự đồng ý
1. Sự đồng ý thử là việc cho phép thử.
2. Sự đồng ý thử phải rõ ràng.
Điều 10. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.
2. Luật An ninh thử số 10/2018/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.
Luật này được Quốc hội khóa XV thông qua ngày 10 tháng 12 năm 2025.
"""

GUIDE = """---
title: Phòng tránh lừa đảo thử
template: guide.html
ngay_cap_nhat: '2026-11-01'
doi_tuong: Mọi người
mo_ta: Lừa đảo trên mạng thử.
hinh: thu.svg
tom_tat: Đừng chuyển tiền cho người lạ.
---

# Phòng tránh lừa đảo thử

Lừa đảo trên mạng bị nghiêm cấm (khoản 1 Điều 7 Luật An ninh thử).

## Tự kiểm tra {#tu-kiem-tra}

1. Người lạ đòi chuyển tiền. Bạn làm gì?

    - [ ] Chuyển ngay.
    - [x] Không chuyển.

    > Giải thích: Xem [phần tự kiểm tra](#tu-kiem-tra). Lừa đảo bị nghiêm cấm (khoản 1 Điều 7 Luật An ninh thử).
"""

GLOSSARY = """---
title: Thuật ngữ
ngay_cap_nhat: '2026-11-01'
thuat_ngu:
  - Luật An ninh thử số 20/2025/QH15
  - khoản 1 Điều 9 Luật An ninh thử số 20/2025/QH15
---

# Thuật ngữ
"""

HOME = """---
title: Trang chủ
the_cam_nang: true
van_ban_moi: 1
---

# Trang chủ
"""

CONFIG = """site_name: Thử
extra:
  generator: false
  lien_he:
    cong_an:
      ten: Công an tỉnh Thử
      duong_day_nong: "0200 000 000"
      dia_chi: Số 1 đường Thử
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kb`` commands keep their stores under the test's folder, not the repository's."""
    monkeypatch.setattr("kb.cli.CACHE_DIR", tmp_path / "cache")


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/van-ban of the old law and its successor, imported once for the session."""
    root = tmp_path_factory.mktemp("thu-vien")
    sources = root / "nguon"
    sources.mkdir()
    for name, text in (("cu.txt", OLD_LAW), ("moi.txt", NEW_LAW)):
        (sources / name).write_text(text, encoding="utf-8")
    manifest = root / "sources.yml"
    manifest.write_text("root: nguon\ninto: docs/van-ban\ndocuments:\n"
                        "  - source: cu.txt\n  - source: moi.txt\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "--manifest", str(manifest), "--jobs", "1",
                                       "--no-cache"])
    assert result.exit_code == 0, result.output
    return root / "docs" / "van-ban"


@dataclass(frozen=True)
class Site:
    """A site's ``docs/`` and ``mkdocs.yml``, with the paths the tests read."""

    docs: Path
    config: Path

    @property
    def guide(self) -> Path:
        return self.docs / "cam-nang" / "lua-dao.md"

    @property
    def glossary(self) -> Path:
        return self.docs / "cam-nang" / "thuat-ngu.md"

    @property
    def home(self) -> Path:
        return self.docs / "index.md"

    def texts(self) -> dict[Path, str]:
        """Every Markdown page of the site, to compare a run with the next."""
        return {path: path.read_text(encoding="utf-8") for path in self.docs.rglob("*.md")}


@pytest.fixture
def site(imported: Path, tmp_path: Path) -> Site:
    """A fresh copy of the imported laws with a guide, a glossary, a home page and settings."""
    docs = tmp_path / "docs"
    shutil.copytree(imported, docs / "van-ban")
    images = docs / "assets" / "images" / "cam-nang"
    images.mkdir(parents=True)
    (images / "thu.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" role="img"/>',
                                    encoding="utf-8")
    result = Site(docs, tmp_path / "mkdocs.yml")
    result.guide.parent.mkdir()
    for path, text in ((result.guide, GUIDE), (result.glossary, GLOSSARY), (result.home, HOME),
                       (result.config, CONFIG)):
        path.write_text(text, encoding="utf-8")
    return result
