"""`kb serve`: a saved source or page is imported, linked and indexed; bad input loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kb.search.normalize import find_shard
from kb.serve import Ours, Project, Rebuilder, matters
from tests.linking.conftest import OLD_LAW, PLAN

CONFIG = """site_name: Thư viện thử
site_url: http://127.0.0.1/thu-vien/
theme:
  name: material
markdown_extensions:
  - attr_list
  - toc
"""
MANIFEST = """root: nguon
into: docs/van-ban
documents:
  - source: luat.txt
  - source: ke-hoach.txt
    meta:
      co_quan_ban_hanh: UBND tỉnh Thử
"""
ADDED = "Các cơ quan thực hiện khoản 2 Điều 2 Luật An ninh thử số 10/2018/QH14."


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project as the Makefile sees it: mkdocs.yml, sources.yml and two sources."""
    (tmp_path / "nguon").mkdir()
    (tmp_path / "nguon" / "luat.txt").write_text(OLD_LAW, encoding="utf-8")
    (tmp_path / "nguon" / "ke-hoach.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "sources.yml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs" / "van-ban").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Thư viện thử\n", encoding="utf-8")
    return Project(tmp_path, tmp_path / "sources.yml", tmp_path / ".cache" / "kb",
                   today=lambda: dt.date(2026, 11, 23))


def sources(project: Project) -> list[Path]:
    return [project.root / "nguon" / "luat.txt", project.root / "nguon" / "ke-hoach.txt"]


def add_sentence(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("và Kế hoạch này.", f"và Kế hoạch này. {ADDED}", 1),
                      encoding="utf-8")


def test_a_saved_source_is_imported_and_its_new_citation_linked(project: Project) -> None:
    rebuilder = Rebuilder(project)
    first = rebuilder.run(sources(project))
    assert not first.failed, first.render()
    assert first.imported == 2
    plan_page = project.library / "5-kh-ubnd.md"
    law_page = project.library / "10-2018-qh14.md"
    assert "Các cơ quan thực hiện" not in plan_page.read_text(encoding="utf-8")
    add_sentence(project.root / "nguon" / "ke-hoach.txt")
    second = rebuilder.run([project.root / "nguon" / "ke-hoach.txt"])
    assert not second.failed and second.imported == 1, second.render()
    plan = plan_page.read_text(encoding="utf-8")
    assert "Các cơ quan thực hiện [khoản 2 Điều 2](10-2018-qh14.md#dieu-2-khoan-2 " in plan
    assert "5-kh-ubnd.md" in law_page.read_text(encoding="utf-8")  # cited by, on the law


def test_a_source_that_does_not_convert_stops_the_round_and_changes_nothing(
        project: Project) -> None:
    rebuilder = Rebuilder(project)
    rebuilder.run(sources(project))
    before = {p: p.read_bytes() for p in project.docs.rglob("*") if p.is_file()}
    broken = project.root / "nguon" / "ke-hoach.txt"
    broken.write_bytes(b"")
    result = rebuilder.run([broken])
    assert result.failed
    assert any("ke-hoach.txt" in message for message in result.messages), result.messages
    assert "DỪNG" in result.render()
    assert {p: p.read_bytes() for p in project.docs.rglob("*") if p.is_file()} == before


def test_only_sources_pages_of_the_library_and_settings_start_a_round(project: Project) -> None:
    check = matters(project, Rebuilder(project))
    docs = project.docs
    assert check(project.root / "nguon" / "luat.txt")
    assert check(docs / "van-ban" / "5-kh-ubnd.md")
    assert check(docs / "cam-nang" / "lua-dao.md")
    assert check(project.root / "sources.yml") and check(project.root / "mkdocs.yml")
    assert not check(project.root / "nguon" / "khong-liet-ke.txt")
    assert not check(docs / "van-ban" / ".5-kh-ubnd.md.abc123")  # an atomic write's temporary
    assert not check(docs / "tra-cuu" / "index.md")  # written by kb link
    assert not check(docs / "assets" / "search" / "manifest.json")


def test_pages_written_during_a_round_are_not_taken_for_the_editors_saves(
        tmp_path: Path) -> None:
    before = tmp_path / "truoc.md"
    before.write_text("a", encoding="utf-8")
    ours = Ours()
    ours.start()
    written = tmp_path / "viet.md"
    written.write_text("b", encoding="utf-8")
    ours.stop()
    source = tmp_path / "nguon.txt"
    source.write_text("c", encoding="utf-8")
    later = tmp_path / "sau.md"
    later.write_text("d", encoding="utf-8")
    assert ours.discard([before, written, source, later]) == [before, source, later]


def test_files_written_while_a_round_runs_are_its_own_before_it_ends(tmp_path: Path) -> None:
    ours = Ours()
    before = tmp_path / "truoc.md"
    before.write_text("a", encoding="utf-8")
    assert not ours.wrote(before)  # no round yet
    ours.start()
    written = tmp_path / "viet.md"
    written.write_text("b", encoding="utf-8")
    assert ours.wrote(written) and not ours.wrote(before)
    assert ours.wrote(tmp_path / ".viet.md.x1y2")  # an atomic write's temporary, renamed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "kb serve stopped"
        page = _page(url)
        if text in page:
            return page
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {text!r}")


def _indexed(base: str, folded: str) -> bool:
    """Whether the search index served under ``base`` files the word ``folded``."""
    manifest = json.loads(_page(f"{base}assets/search/manifest.json"))
    shard = find_shard(folded, manifest["shards"])
    return shard is not None and folded in json.loads(_page(f"{base}assets/search/terms/"
                                                            f"{shard}.json"))


@pytest.fixture
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where kb serve's messages go: outside the project, whose root the server watches."""
    return tmp_path_factory.mktemp("serve") / "serve.log"


@contextmanager
def served(project: Project, log: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``kb serve`` running in ``project`` (its messages in ``log``): base URL, process."""
    port = _free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "-a",
                                   f"127.0.0.1:{port}"], cwd=project.root, env=environment,
                                  stdout=output, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}/thu-vien/", server
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_the_served_page_and_search_index_follow_a_saved_source(project: Project,
                                                                 log: Path) -> None:
    """What `make serve` gives an editor: save the source, the page shows it, linked, and
    search finds its words."""
    Rebuilder(project).run(sources(project))
    with served(project, log) as (base, server):
        url = f"{base}van-ban/5-kh-ubnd/"
        _wait_for(url, "Tuyên truyền", server)
        assert _indexed(base, "tuyen") and not _indexed(base, "quan")
        add_sentence(project.root / "nguon" / "ke-hoach.txt")
        page = _wait_for(url, "Các cơ quan thực hiện", server)
        assert 'href="../10-2018-qh14/#dieu-2-khoan-2"' in page
        deadline = time.monotonic() + 60  # the index follows the page, in the background
        while not _indexed(base, "quan"):
            assert time.monotonic() < deadline, "the search index never had the new words"
            time.sleep(0.1)


def test_a_save_costs_one_build_not_one_more_for_the_pages_the_round_wrote(
        project: Project, log: Path) -> None:
    Rebuilder(project).run(sources(project))
    with served(project, log) as (base, server):
        url = f"{base}van-ban/5-kh-ubnd/"
        _wait_for(url, "Tuyên truyền", server)
        builds = log.read_text(encoding="utf-8").count("Documentation built")
        add_sentence(project.root / "nguon" / "ke-hoach.txt")
        _wait_for(url, "Các cơ quan thực hiện", server)
        time.sleep(3)  # MkDocs waits for files to stay quiet before it builds again
        assert log.read_text(encoding="utf-8").count("Documentation built") == builds + 1


def test_a_build_does_not_start_another_by_reading_files(project: Project, log: Path) -> None:
    """Reading a file is not changing it: a build, which reads mkdocs.yml and the pages,
    must not start the next one (the system's file events report files opened too)."""
    Rebuilder(project).run(sources(project))
    with served(project, log) as (base, server):
        _wait_for(f"{base}van-ban/5-kh-ubnd/", "Tuyên truyền", server)
        builds = log.read_text(encoding="utf-8").count("Documentation built")
        home = project.docs / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\nThư viện mở.\n", encoding="utf-8")
        _wait_for(base, "Thư viện mở.", server)
        time.sleep(3)  # MkDocs waits for files to stay quiet before it builds again
        assert log.read_text(encoding="utf-8").count("Documentation built") == builds + 1


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_stopped_server_leaves_no_search_index_process_behind(project: Project,
                                                                 log: Path) -> None:
    Rebuilder(project).run(sources(project))
    with served(project, log) as (base, server):
        _wait_for(f"{base}van-ban/5-kh-ubnd/", "Tuyên truyền", server)
        workers = _children(server.pid)
        assert workers  # the search index's process
    deadline = time.monotonic() + 10
    while alive := [pid for pid in workers if Path(f"/proc/{pid}").exists()
                    and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]]:
        assert time.monotonic() < deadline, f"left behind: {alive}"
        time.sleep(0.2)
