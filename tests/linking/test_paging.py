"""Long generated lists on pages of their own: browsing lists, cited-by, the finding aid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.catalog import paging
from kb.catalog.paging import paged, pager
from kb.linking import link_library

from .test_link_library import AFTER, page

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)\s]*)?(?: \"[^\"]*\")?\)")


def numbered(chunk: list[int], at: Path) -> list[str]:
    return [f"- {number}" for number in chunk]


def test_a_list_that_fits_one_page_has_no_pager(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_ROWS", 3)
    pages = paged(Path("docs/tra-cuu/loai/luat.md"), "Loại văn bản: Luật", [1, 2, 3], numbered)
    assert list(pages) == [Path("docs/tra-cuu/loai/luat.md")]
    assert "Trang 1/" not in pages[Path("docs/tra-cuu/loai/luat.md")]


def test_a_long_list_continues_in_a_folder_named_after_its_first_page(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_ROWS", 2)
    first = Path("docs/tra-cuu/loai/luat.md")
    pages = paged(first, "Loại văn bản: Luật", [1, 2, 3, 4, 5], numbered, intro=["Mở đầu."])
    assert list(pages) == [first, Path("docs/tra-cuu/loai/luat/trang-2.md"),
                           Path("docs/tra-cuu/loai/luat/trang-3.md")]
    texts = list(pages.values())
    assert [re.findall(r"^- (\d)", text, re.M) for text in texts] == [["1", "2"], ["3", "4"],
                                                                     ["5"]]
    assert "Mở đầu." in texts[0] and "Mở đầu." not in texts[1]
    assert 'title: "Loại văn bản: Luật (trang 2)"' in texts[1]
    assert "Văn bản 3–4 trong số 5. Trang 2/3: [‹ Trang trước](../luat.md) · [1](../luat.md) · " \
        "**2** · [3](trang-3.md) · [Trang sau ›](trang-3.md)" in texts[1]
    assert texts[2].rstrip().endswith("**3**")


def test_pager_links_the_ends_and_the_pages_around_the_current_one() -> None:
    paths = [Path("a.md"), *(Path(f"a/trang-{n}.md") for n in range(2, 11))]
    line = pager(paths, 5)
    assert line.startswith("Trang 6/10: [‹ Trang trước](trang-5.md) · [1](../a.md) · … · "
                           "[4](trang-4.md) · [5](trang-5.md) · **6** · [7](trang-7.md) · "
                           "[8](trang-8.md) · … · [10](trang-10.md) · [Trang sau ›](trang-7.md)")


def test_browsing_lists_are_paged_and_every_link_reaches_a_page(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_ROWS", 1)
    link_library(library, AFTER)
    docs = library.parent
    laws = docs / "tra-cuu" / "loai" / "luat.md"
    second = docs / "tra-cuu" / "loai" / "luat" / "trang-2.md"
    assert "20/2025/QH15" in laws.read_text(encoding="utf-8")
    assert "10/2018/QH14" in second.read_text(encoding="utf-8")
    in_force = (docs / "van-ban" / "index.md").read_text(encoding="utf-8")
    assert "Thư viện có 3 văn bản" in in_force
    generated = [*(docs / "tra-cuu").rglob("*.md"), docs / "van-ban" / "index.md"]
    for path in generated:
        for target in LINK.findall(path.read_text(encoding="utf-8")):
            assert (path.parent / target).resolve().is_file(), f"{path}: {target}"


def test_pages_of_a_list_now_shorter_are_removed_with_their_folder(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_ROWS", 1)
    link_library(library, AFTER)
    folder = library.parent / "tra-cuu" / "loai" / "luat"
    assert (folder / "trang-2.md").exists()
    monkeypatch.setattr(paging, "PAGE_ROWS", 100)
    link_library(library, AFTER)
    assert not folder.exists()
    assert (library.parent / "tra-cuu" / "loai" / "luat.md").exists()


def test_a_page_cited_by_more_than_it_shows_links_to_the_full_list(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kb.sections.CITED_BY_SHOWN", 1)
    link_library(library, AFTER)
    old = page(library, "10-2018-qh14").split("## Văn bản dẫn chiếu đến văn bản này", 1)[1]
    assert old.count("\n- [") == 1
    assert "[Xem đủ 2 văn bản dẫn chiếu đến văn bản này]" \
        "(../tra-cuu/duoc-dan-chieu/10-2018-qh14.md)" in old
    full = (library.parent / "tra-cuu" / "duoc-dan-chieu" / "10-2018-qh14.md").read_text(
        encoding="utf-8")
    assert "(../../van-ban/5-kh-ubnd.md) — dẫn chiếu điểm a khoản 2 Điều 2" in full
    assert "(../../van-ban/20-2025-qh15.md)" in full
    assert not (library.parent / "tra-cuu" / "duoc-dan-chieu" / "20-2025-qh15.md").exists()


def test_finding_aid_lists_each_replaced_law_on_a_page_of_its_own(library: Path) -> None:
    link_library(library, AFTER)
    aid = library.parent / "tra-cuu" / "dieu-tuong-ung.md"
    index = aid.read_text(encoding="utf-8")
    assert "| [Luật An ninh thử số 10/2018/QH14](dieu-tuong-ung/10-2018-qh14.md) | " \
        "[Luật An ninh thử số 20/2025/QH15](../van-ban/20-2025-qh15.md) | 1/3 điều |" in index
    own = (aid.with_suffix("") / "10-2018-qh14.md").read_text(encoding="utf-8")
    assert "Chỉ để tra cứu" in own
    assert "| [Điều 1. Phạm vi điều chỉnh](../../van-ban/10-2018-qh14.md#dieu-1) | " \
        "[Điều 1. Phạm vi điều chỉnh](../../van-ban/20-2025-qh15.md#dieu-1) |" in own


def test_replaced_law_banner_links_to_its_finding_aid_page(library: Path) -> None:
    link_library(library, AFTER)
    old = page(library, "10-2018-qh14")
    banner = old.split('!!! danger "Hết hiệu lực', 1)[1].split("\n\n", 1)[0]
    assert ("    Điều tương ứng trong văn bản mới: [tra cứu theo từng điều]"
            "(../tra-cuu/dieu-tuong-ung/10-2018-qh14.md).") in banner
    assert "dieu-tuong-ung" not in page(library, "20-2025-qh15").split("\n\n## ", 1)[0]
