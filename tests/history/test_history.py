"""What changed and when, from a small git repository made for each test."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import jinja2
import pytest

from kb.citations.annotate import GENERATED_END, GENERATED_START
from kb.history.changes import units
from kb.history.pages import Outputs, read_history, write_history

SITE = "https://tinh.example/thu-vien/"
REPO = "https://git.example/so/thu-vien"
LAW = """---
title: Luật Thử số 1/2020/QH14
so_hieu: 1/2020/QH14
loai_van_ban: Luật
ngay_hieu_luc: '2021-01-01'
---

## Điều 1. Phạm vi điều chỉnh {#dieu-1}

Luật này quy định về thử.

## Điều 2. Hiệu lực {#dieu-2}

1\\. Luật này có hiệu lực từ ngày 01/01/2021.
{: #dieu-2-khoan-1 }

## Điều 3. Điều khoản chuyển tiếp {#dieu-3}

Không có.
"""


def git(repo: Path, *args: str, when: str = "2026-01-05T09:00:00+07:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Biên tập viên",
                           "-c", "user.email=btv@example.org", *args], env=env, check=True,
                          capture_output=True, text=True).stdout


def commit(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose docs/ has a law (committed 5/1/2026) and a guide."""
    (tmp_path / "docs" / "van-ban").mkdir(parents=True)
    (tmp_path / "docs" / "cam-nang").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (tmp_path / "docs" / "van-ban" / "1-2020-qh14.md").write_text(LAW, encoding="utf-8")
    (tmp_path / "docs" / "cam-nang" / "lua-dao.md").write_text(
        "---\ntitle: Phòng tránh lừa đảo\nngay_cap_nhat: '2026-01-01'\n---\n\nĐừng tin.\n",
        encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "Thêm Luật Thử và cẩm nang", "2026-01-05T09:00:00+07:00")
    return tmp_path


def edit(repo: Path, old: str, new: str, path: str = "van-ban/1-2020-qh14.md") -> None:
    file = repo / "docs" / path
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def amend(repo: Path) -> None:
    """Điều 1 reworded, Điều 3 repealed, Điều 2a added, effective date moved."""
    edit(repo, "quy định về thử.", "quy định về thử nghiệm.")
    edit(repo, "## Điều 3. Điều khoản chuyển tiếp {#dieu-3}\n\nKhông có.\n", "")
    edit(repo, "## Điều 2. Hiệu lực", "## Điều 2a. Áp dụng {#dieu-2a}\n\nÁp dụng ngay.\n\n"
         "## Điều 2. Hiệu lực")
    edit(repo, "ngay_hieu_luc: '2021-01-01'", "ngay_hieu_luc: '2021-07-01'")
    commit(repo, "Sửa đổi Luật Thử", "2026-02-10T15:30:00+07:00")


def test_units_split_the_body_at_anchored_articles_and_headings() -> None:
    found = units(LAW.split("---\n", 2)[2])
    assert list(found) == ["dieu-1", "dieu-2", "dieu-3"]
    assert found["dieu-2"].name == "Điều 2. Hiệu lực"
    assert "dieu-2-khoan-1" in found["dieu-2"].text
    assert found["dieu-3"].short == "Điều 3"


def test_an_amendment_is_described_article_by_article(repo: Path) -> None:
    amend(repo)
    page = read_history(repo / "docs").pages["van-ban/1-2020-qh14.md"]
    latest, first = page.revisions
    assert first.added and first.summary() == "Thêm mới"
    assert latest.commit.description == "Sửa đổi Luật Thử"
    assert [u.short for u in latest.modified] == ["Điều 1"]
    assert [u.short for u in latest.inserted] == ["Điều 2a"]
    assert [u.short for u in latest.removed] == ["Điều 3"]
    assert latest.summary() == ("Sửa đổi Điều 1; bổ sung Điều 2a; bỏ Điều 3; "
                                "Ngày có hiệu lực: 2021-01-01 → 2021-07-01")


def test_regenerated_links_and_sections_are_not_revisions(repo: Path) -> None:
    edit(repo, "quy định về thử.", f"quy định về thử.\n\n{GENERATED_START}\n\n- Được dẫn chiếu"
         f"\n\n{GENERATED_END}")
    edit(repo, "Luật này có hiệu lực", 'Luật này có [hiệu lực](#dieu-2 "Điều 2"){.vb-ref}')
    commit(repo, "kb link: dẫn chiếu mới", "2026-03-01T08:00:00+07:00")
    history = read_history(repo / "docs")
    assert len(history.pages["van-ban/1-2020-qh14.md"].revisions) == 1
    assert history.last["van-ban/1-2020-qh14.md"].description == "kb link: dẫn chiếu mới"


def test_a_merge_counts_once_on_the_day_it_was_merged_with_the_request_title(
        repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "sua-doi")
    amend(repo)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "sua-doi", "-m", "Merge branch 'sua-doi' into 'main'\n\n"
        "Sửa đổi Luật Thử theo Luật số 2/2026/QH15\n\nSee merge request so/thu-vien!7",
        when="2026-02-12T10:00:00+07:00")
    latest = read_history(repo / "docs").pages["van-ban/1-2020-qh14.md"].revisions[0]
    assert latest.commit.description == "Sửa đổi Luật Thử theo Luật số 2/2026/QH15"
    assert latest.commit.date.isoformat() == "2026-02-12T10:00:00+07:00"


def test_the_changelog_links_each_changed_article_to_its_current_text(repo: Path) -> None:
    amend(repo)
    write_history(Outputs.beside(repo / "docs"), SITE, REPO)
    changelog = (repo / "docs" / "lich-su" / "1-2020-qh14.md").read_text(encoding="utf-8")
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert f"## 10/2/2026: Sửa đổi Luật Thử {{#r-{sha[:7]}}}" in changelog
    assert "- Sửa đổi: [Điều 1. Phạm vi điều chỉnh](../van-ban/1-2020-qh14.md#dieu-1)" in changelog
    assert "- Bổ sung: [Điều 2a. Áp dụng](../van-ban/1-2020-qh14.md#dieu-2a)" in changelog
    assert "- Bỏ (không còn trong văn bản): Điều 3. Điều khoản chuyển tiếp" in changelog
    assert "- Ngày có hiệu lực: 2021-01-01 → 2021-07-01" in changelog
    assert f"Mã thay đổi: [`{sha[:7]}`]({REPO}/commit/{sha})" in changelog
    assert "## 05/1/2026: Thêm Luật Thử và cẩm nang" in changelog


def test_what_is_new_lists_documents_and_guides_newest_first(repo: Path) -> None:
    amend(repo)
    edit(repo, "Đừng tin.", "Đừng tin, hãy kiểm tra.", path="cam-nang/lua-dao.md")
    commit(repo, "Cập nhật cẩm nang lừa đảo", "2026-03-01T08:00:00+07:00")
    write_history(Outputs.beside(repo / "docs"), SITE, REPO)
    rows = (repo / ".cache/kb/history/cap-nhat.md").read_text(encoding="utf-8").splitlines()
    assert rows[2].startswith("| 01/3/2026 | [Phòng tránh lừa đảo](../cam-nang/lua-dao.md) | "
                              "Sửa đổi phần mở đầu<br>Cập nhật cẩm nang lừa đảo |")
    assert rows[3].startswith("| 10/2/2026 | [Luật Thử số 1/2020/QH14](../van-ban/1-2020-qh14.md)")
    assert "([lịch sử](../lich-su/1-2020-qh14.md#r-" in rows[3]
    assert len(rows) == 6  # header, rule, two changes and the two pages added


def test_the_feeds_are_valid_and_link_to_the_public_address(repo: Path) -> None:
    amend(repo)
    write_history(Outputs.beside(repo / "docs"), SITE, REPO)
    atom = ElementTree.parse(repo / "docs" / "atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.tag == "{http://www.w3.org/2005/Atom}feed"
    assert atom.find("a:updated", ns).text == "2026-02-10T15:30:00+07:00"
    first = atom.find("a:entry", ns)
    assert first.find("a:title", ns).text == "Cập nhật: Luật Thử số 1/2020/QH14"
    assert first.find("a:link", ns).get("href") == f"{SITE}van-ban/1-2020-qh14/"
    assert first.find("a:id", ns).text.startswith("tag:tinh.example,2026-02-10:van-ban/")
    assert "Sửa đổi Điều 1" in first.find("a:summary", ns).text
    rss = ElementTree.parse(repo / "docs" / "rss.xml").getroot()
    items = rss.findall("channel/item")
    assert [i.find("title").text for i in items][:1] == ["Cập nhật: Luật Thử số 1/2020/QH14"]
    assert items[0].find("pubDate").text == "Tue, 10 Feb 2026 15:30:00 +0700"


def render_info(repo: Path, src_uri: str, environment: jinja2.Environment | None = None) -> str:
    """The page-info partial rendered for one page, as source-file.html includes it."""
    loader = jinja2.FileSystemLoader(str(repo / "overrides"))
    template = (environment or jinja2.Environment(loader=loader)).from_string(
        '{% set kb_page = namespace(updated="", shown="", history="", editable=false, '
        'pending=false) %}{% include "generated/page-info.html" ignore missing %}'
        "{{ kb_page.shown }}|{{ kb_page.history }}|{{ kb_page.editable }}|{{ kb_page.pending }}")
    return template.render(page=SimpleNamespace(file=SimpleNamespace(src_uri=src_uri)))


def test_every_page_knows_when_it_changed_and_whether_it_may_be_edited(repo: Path) -> None:
    amend(repo)
    (repo / "docs" / "tra-cuu").mkdir()
    (repo / "docs" / "tra-cuu" / "index.md").write_text(
        "<!-- Trang do `kb link` tạo từ danh mục văn bản: đừng sửa tay, mọi thay đổi sẽ bị "
        "ghi đè. -->\n", encoding="utf-8")
    commit(repo, "kb link", "2026-02-11T08:00:00+07:00")
    (repo / "docs" / "van-ban" / "moi.md").write_text("---\ntitle: Mới\n---\n", encoding="utf-8")
    write_history(Outputs.beside(repo / "docs"), SITE, REPO)
    assert render_info(repo, "van-ban/1-2020-qh14.md") == "10/2/2026|lich-su/1-2020-qh14/|True|False"
    assert render_info(repo, "index.md") == "05/1/2026||True|False"
    assert render_info(repo, "tra-cuu/index.md") == "11/2/2026||False|False"
    assert render_info(repo, "van-ban/moi.md") == "||False|True"
    assert render_info(repo, "khong-co.md") == "||False|False"


def test_the_table_of_pages_is_built_once_per_build_not_once_per_page(repo: Path) -> None:
    """Rebuilding a table of every page for every page made the build quadratic."""
    write_history(Outputs.beside(repo / "docs"), SITE, REPO)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(repo / "overrides")))
    assert render_info(repo, "van-ban/1-2020-qh14.md", environment).startswith("05/1/2026|")
    module = environment.get_template("generated/page-rows.html")._module
    assert module is not None and "van-ban/1-2020-qh14.md" in module.table
    assert render_info(repo, "index.md", environment) == "05/1/2026||True|False"
    assert environment.get_template("generated/page-rows.html")._module is module


def test_without_git_the_site_still_builds_with_no_history(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "van-ban").mkdir(parents=True)
    (docs / "van-ban" / "1-2020-qh14.md").write_text(LAW, encoding="utf-8")
    history = write_history(Outputs.beside(docs), SITE, None)
    assert not history.available
    assert "không nằm trong một kho git" in (tmp_path / ".cache/kb/history/cap-nhat.md").read_text(
        encoding="utf-8")
    assert not list((docs / "lich-su").iterdir())
    assert ElementTree.parse(docs / "atom.xml").getroot().find(
        "{http://www.w3.org/2005/Atom}entry") is None
    assert render_info(tmp_path, "van-ban/1-2020-qh14.md") == "||False|False"


def test_changelogs_of_removed_documents_are_removed(repo: Path) -> None:
    write_history(Outputs.beside(repo / "docs"), SITE, REPO)
    assert (repo / "docs" / "lich-su" / "1-2020-qh14.md").exists()
    (repo / "docs" / "van-ban" / "1-2020-qh14.md").unlink()
    commit(repo, "Gỡ Luật Thử", "2026-03-01T08:00:00+07:00")
    write_history(Outputs.beside(repo / "docs"), SITE, REPO)
    assert not (repo / "docs" / "lich-su" / "1-2020-qh14.md").exists()
