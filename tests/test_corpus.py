"""The shared corpus imports with the text check passing and the structure its README states."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.importer import Job, convert, reader_for
from kb.model import Kind
from kb.structure import parse_document
from tests.conftest import walk

#: file → (chapters, articles, Mục) as the corpus README and the texts state them.
LAWS = {
    "laws/luat-an-ninh-mang-2018.tvpl.html": (7, 43, 0),
    "laws/luat-an-ninh-mang-2025.txt": (8, 45, 0),
    "laws/luat-bao-ve-du-lieu-ca-nhan-2025.txt": (5, 39, 2),
    "laws/luat-an-toan-thong-tin-mang-2015.md": (8, 54, 6),
    "laws/luat-cong-nghe-thong-tin-2006.tvpl.html": (6, 79, 12),
    "laws/hien-phap-2013.tvpl.html": (11, 120, 0),
}
SEEDS = sorted(f"seeds/{name}" for name in (
    "000_7c5f76ff8d25dcab.txt", "001_af83268f5c199244.txt", "002_e42e334a0c03f825.txt",
    "003_13f3749f3af3760e.txt", "004_39ef1abb2e4478f9.txt"))


def parse(path: Path):
    return parse_document(reader_for(path).read(path.read_bytes(), path))


@pytest.mark.parametrize("name", sorted(LAWS) + SEEDS)
def test_every_corpus_file_imports_with_the_text_check(corpus: Path, name: str) -> None:
    converted = convert(Job(corpus / name))
    assert converted.markdown.startswith("---\n")


@pytest.mark.parametrize("name", sorted(LAWS))
def test_laws_have_their_chapters_articles_and_sections(corpus: Path, name: str) -> None:
    units = list(walk(parse(corpus / name).body))
    count = {kind: sum(u.kind is kind for u in units) for kind in (Kind.CHUONG, Kind.DIEU,
                                                                   Kind.MUC)}
    assert (count[Kind.CHUONG], count[Kind.DIEU], count[Kind.MUC]) == LAWS[name]
    articles = [u.number for u in units if u.kind is Kind.DIEU]
    assert articles == [str(n) for n in range(1, len(articles) + 1)]


def test_cyber_security_law_2018_metadata_and_anchors(corpus: Path) -> None:
    document = parse(corpus / "laws/luat-an-ninh-mang-2018.tvpl.html")
    meta = document.meta
    assert (meta.so_hieu, meta.loai_van_ban, meta.ngay_ban_hanh) == (
        "24/2018/QH14", "Luật", "2018-06-12")
    assert (meta.trich_yeu, meta.co_quan_ban_hanh) == ("An ninh mạng", "Quốc hội")
    article = next(u for u in walk(document.body) if u.anchor == "dieu-8")
    assert article.text == "Các hành vi bị nghiêm cấm về an ninh mạng"
    assert [u.anchor for u in walk(article.children)][:3] == [
        "dieu-8-khoan-1", "dieu-8-khoan-1-diem-a", "dieu-8-khoan-1-diem-b"]


def test_personal_data_law_2025_has_sections_inside_chapter_two(corpus: Path) -> None:
    document = parse(corpus / "laws/luat-bao-ve-du-lieu-ca-nhan-2025.txt")
    chapter = next(u for u in document.body if u.anchor == "chuong-ii")
    assert [u.anchor for u in chapter.children if u.kind is Kind.MUC] == [
        "chuong-ii-muc-1", "chuong-ii-muc-2"]
    assert document.meta.so_hieu == "91/2025/QH15"
    assert document.meta.ngay_ban_hanh == "2025-06-26"
    assert document.header[0] == "QUỐC HỘI -------"


def test_cyber_security_law_2025_keeps_the_sources_typos(corpus: Path) -> None:
    markdown = convert(Job(corpus / "laws/luat-an-ninh-mang-2025.txt")).markdown
    assert "118/2025/QH15như sau" in markdown
    assert "số số 71/2025/QH15" in markdown
    assert "ngay_ban_hanh: '2025-12-10'" in markdown


def test_seed_typos_and_page_breaks(corpus: Path) -> None:
    markdown = convert(Job(corpus / "seeds/000_7c5f76ff8d25dcab.txt")).markdown
    assert "đề tụt" in markdown and "cô sứt" in markdown
    assert "Luật An ninh Quốc gia ngày 03/12/2004" in markdown
    seed_003 = convert(Job(corpus / "seeds/003_13f3749f3af3760e.txt")).markdown
    assert "tín dụng đen, lừa đảo;" in seed_003 or "tin dụng đen, lừa đảo;" in seed_003


def test_decision_with_attached_scheme(corpus: Path) -> None:
    document = parse(corpus / "seeds/003_13f3749f3af3760e.txt")
    assert document.meta.so_hieu == "3250/QĐ-UBND"
    assert document.meta.nguoi_ky == "Nguyễn Minh"
    anchors = [u.anchor for u in walk(document.body) if u.anchor]
    assert anchors[:4] == ["dieu-1", "dieu-2", "dieu-3", "de-an"]
    assert "de-an-phan-iv-muc-i-2-dd" in anchors


def test_cyber_security_law_2025_states_what_it_replaces_and_amends(corpus: Path) -> None:
    meta = parse(corpus / "laws/luat-an-ninh-mang-2025.txt").meta
    assert (meta.ngay_hieu_luc, meta.can_cu_hieu_luc) == ("2026-07-01", "dieu-44-khoan-1")
    replaced = [(r["so_hieu"], r["nguon"]) for r in meta.quan_he["thay_the"]]
    assert replaced == [("86/2015/QH13", "khoản 2 Điều 44"), ("24/2018/QH14", "khoản 2 Điều 44")]
    amended = meta.quan_he["sua_doi"]
    assert len(amended) == 17
    assert amended[6] == {"so_hieu": "24/2023/QH15", "ten": "Luật Viễn thông",
                          "nguon": "khoản 7 Điều 43"}


def test_personal_data_law_takes_effect_by_its_article_38(corpus: Path) -> None:
    meta = parse(corpus / "laws/luat-bao-ve-du-lieu-ca-nhan-2025.txt").meta
    assert (meta.ngay_hieu_luc, meta.can_cu_hieu_luc) == ("2026-01-01", "dieu-38-khoan-1")
    assert "thay_the" not in meta.quan_he
