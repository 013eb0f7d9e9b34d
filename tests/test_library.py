"""The committed library itself: linked and up to date, free of errors, and it builds strictly."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

from kb.checks import check_library
from kb.linking import link_library

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def linked_on() -> dt.date:
    """The day the committed pages were linked (statuses depend on it)."""
    catalog = json.loads((DOCS / "catalog.json").read_text(encoding="utf-8"))
    return dt.date.fromisoformat(catalog["ngay_tao"])


def test_committed_pages_are_linked_and_up_to_date(tmp_path: Path) -> None:
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy)
    run = link_library(copy / "van-ban", linked_on(), correspondence_file=ROOT / "tuong-ung.yml")
    assert run.written == 0, "chạy `make link` rồi commit lại docs/"


def test_library_has_no_errors() -> None:
    report = check_library(DOCS / "van-ban", linked_on())
    assert report.errors == []


def test_site_builds_strictly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "catalog.json").exists()
    assert (tmp_path / "site" / "van-ban" / "24-2018-qh14" / "index.html").exists()


def test_finding_aid_pairs_every_identical_heading_of_the_replaced_laws() -> None:
    from kb.catalog import Catalog
    from kb.catalog.correspondence import article_headings, match_articles

    catalog = Catalog.load(DOCS / "van-ban")
    new = catalog.entries["116-2025-qh15"]
    new_headings = article_headings(new)
    for slug in ("24-2018-qh14", "86-2015-qh13"):
        old = catalog.entries[slug]
        matches = {m.old: m.new for m in match_articles(old, new, {})}
        identical = {number: other for number, heading in article_headings(old).items()
                     for other, new_heading in new_headings.items() if heading == new_heading}
        assert identical and all(matches.get(k) == v for k, v in identical.items())
    old_2018 = {m.old: m.new
                for m in match_articles(catalog.entries["24-2018-qh14"], new, {})}
    assert old_2018["8"] == "7"
    assert "13" not in old_2018  # "Kiểm tra …" is not "Trách nhiệm bảo vệ …" (Điều 11)


def test_replaced_law_pages_show_the_corresponding_article() -> None:
    page = (DOCS / "van-ban" / "24-2018-qh14.md").read_text(encoding="utf-8")
    heading = page.index("### Điều 8. Các hành vi bị nghiêm cấm về an ninh mạng {#dieu-8}")
    aid = page.index("[Điều 7. Các hành vi bị nghiêm cấm về an ninh mạng](116-2025-qh15.md#dieu-7)")
    assert heading < aid < page.index("{#dieu-9}")
    assert "không phải tương đương pháp lý" in page[heading:aid]


def test_law_in_force_lists_what_it_replaces_and_amends_with_their_sources() -> None:
    page = (DOCS / "van-ban" / "116-2025-qh15.md").read_text(encoding="utf-8")
    relations = page.split("## Quan hệ văn bản {#quan-he}", 1)[1].split("\n## ", 1)[0]
    source = ("[khoản 2 Điều 44 Luật An ninh mạng số 116/2025/QH15]"
              "(116-2025-qh15.md#dieu-44-khoan-2)")
    assert f"- Thay thế: [Luật An ninh mạng số 24/2018/QH14](24-2018-qh14.md) — căn cứ: {source}" \
        in relations
    assert "- Sửa đổi, bổ sung: Luật Viễn thông (24/2023/QH15) — chưa có trong thư viện" in relations
    assert relations.count("- Sửa đổi, bổ sung:") == 17
    assert '<dt>Ngày có hiệu lực</dt><dd>01/7/2026 (<a href="#dieu-44-khoan-1">khoản 1 Điều 44</a>)' \
        in page


def test_replaced_laws_say_since_when_and_why() -> None:
    for slug in ("24-2018-qh14", "86-2015-qh13"):
        page = (DOCS / "van-ban" / f"{slug}.md").read_text(encoding="utf-8")
        assert '!!! danger "Hết hiệu lực từ 01/7/2026"' in page
        assert "(116-2025-qh15.md#dieu-44-khoan-2)" in page
