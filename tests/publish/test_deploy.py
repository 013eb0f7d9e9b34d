"""Release artifact, atomic deploy and rollback, on small sites and a local target folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.publish.config import DeployConfig
from kb.publish.csp import inline_scripts, policy, script_hash, site_script_hashes
from kb.publish.deploy import HEADERS_FILE, Deployer, DeployError, Target
from kb.publish.release import (
    ReleaseError,
    file_sha256,
    make_release,
    unpack,
    verify_sums,
    verify_tarball,
)
from tests.portal import RSYNC, require_tools

BUILT = dt.datetime(2026, 11, 20, 8, 30, tzinfo=dt.UTC)
PALETTE = 'var palette=__md_get("__palette")'


def make_site(folder: Path, text: str) -> Path:
    """A small built site: two pages with Material-like inline scripts, an asset."""
    (folder / "van-ban" / "luat").mkdir(parents=True, exist_ok=True)
    (folder / "assets").mkdir(exist_ok=True)
    (folder / "index.html").write_text(
        f"<!doctype html><title>Thư viện</title><script>{PALETTE}</script>"
        '<script id="__config" type="application/json">{"base": "."}</script>'
        f"<p>{text}</p>", encoding="utf-8")
    (folder / "van-ban" / "luat" / "index.html").write_text(
        f"<!doctype html><script>{PALETTE}</script><p id='dieu-1'>{text}</p>", encoding="utf-8")
    (folder / "assets" / "bundle.js").write_text("console.log(1)", encoding="utf-8")
    return folder


def release(tmp_path: Path, text: str, when: dt.datetime = BUILT) -> Path:
    site = make_site(tmp_path / f"site-{when:%H%M%S}", text)
    return make_release(site, tmp_path / "dist", root=tmp_path, built=when).tarball


def deployer(target: Path, keep: int = 5, **changes: object) -> Deployer:
    """A deployer to a local folder; every deploy uploads with rsync (skip without it)."""
    require_tools(RSYNC)
    return Deployer(DeployConfig(str(target), keep, **changes))


def live_text(target: Path) -> str:
    return (target / "current" / "index.html").read_text(encoding="utf-8")


def test_inline_scripts_are_hashed_but_json_data_and_external_scripts_are_not() -> None:
    page = ('<script>a()</script><script src="x.js"></script>'
            '<script type="application/json">{"a": 1}</script><script type="module">b()</script>')
    assert list(inline_scripts(page)) == ["a()", "b()"]
    # The value Chromium reports for `a()` in a CSP violation message.
    assert script_hash("a()") == "'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"


def test_policy_allows_only_the_sites_origin_and_the_listed_scripts() -> None:
    csp = policy(["'sha256-b'", "'sha256-a'"])
    assert "script-src 'self' 'sha256-a' 'sha256-b';" in csp
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "*" not in csp


def test_release_is_a_checksummed_tarball_stamped_with_its_scripts(tmp_path: Path) -> None:
    tarball = release(tmp_path, "Điều 1")
    assert tarball.name == "thu-vien-20261120-083000-khong-git.tar.gz"
    checksum = tarball.with_name(tarball.name + ".sha256").read_text(encoding="utf-8")
    assert checksum == f"{verify_tarball(tarball)}  {tarball.name}\n"
    site, stamp = unpack(tarball, tmp_path / "unpacked")
    assert stamp["script_hashes"] == [script_hash(PALETTE)]
    assert stamp["ngay_dung"] == "2026-11-20T08:30:00+00:00"
    assert verify_sums(site) == []
    sums = (site / "SHA256SUMS").read_text(encoding="utf-8")
    assert "  van-ban/luat/index.html\n" in sums and "  release.json\n" in sums


def test_the_same_site_packs_to_the_same_bytes(tmp_path: Path) -> None:
    first = release(tmp_path / "a", "Điều 1")
    second = release(tmp_path / "b", "Điều 1")
    assert first.read_bytes() == second.read_bytes()


def test_a_release_names_the_commit_it_was_built_from(tmp_path: Path) -> None:
    subprocess.run(["git", "-C", str(tmp_path), "init", "-q"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-q", "--allow-empty", "-m", "init"], check=True)
    tarball = release(tmp_path, "Điều 1")
    _, stamp = unpack(tarball, tmp_path / "unpacked")
    assert stamp["commit"] and tarball.name.endswith(f"-{stamp['commit'][:7]}.tar.gz")


def test_a_tampered_tarball_is_refused(tmp_path: Path) -> None:
    tarball = release(tmp_path, "Điều 1")
    tarball.write_bytes(tarball.read_bytes()[:-10] + b"0" * 10)
    with pytest.raises(ReleaseError, match="không khớp mã kiểm tra SHA-256"):
        verify_tarball(tarball)


def test_a_release_whose_files_do_not_match_its_sums_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "Điều 1")
    make_release(site, tmp_path / "dist", root=tmp_path, built=BUILT)
    (site / "index.html").write_text("sửa sau khi đóng gói", encoding="utf-8")
    tarball = tmp_path / "dist" / "sai.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(site, arcname="thu-vien-sai")
    digest = file_sha256(tarball)
    tarball.with_name(tarball.name + ".sha256").write_text(f"{digest}  {tarball.name}\n")
    with pytest.raises(ReleaseError, match="1 tệp không khớp SHA256SUMS: index.html"):
        unpack(tarball, tmp_path / "unpacked")


def test_deploy_switches_atomically_and_keeps_the_previous_release(tmp_path: Path) -> None:
    target = tmp_path / "portal"
    first = release(tmp_path, "bản một", BUILT)
    second = release(tmp_path, "bản hai", BUILT + dt.timedelta(hours=1))
    done = deployer(target).deploy(first)
    assert (done.live, done.previous) == ("20261120-083000-khong-git", None)
    assert "bản một" in live_text(target)
    done = deployer(target).deploy(second)
    assert (done.live, done.previous) == ("20261120-093000-khong-git", "20261120-083000-khong-git")
    assert os.readlink(target / "current") == "releases/20261120-093000-khong-git"
    assert "bản hai" in live_text(target)
    assert sorted(p.name for p in (target / "releases").iterdir()) == [
        "20261120-083000-khong-git", "20261120-093000-khong-git"]
    log = (target / "deploy.log").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[1:] for line in log] == [
        ["deploy", "20261120-083000-khong-git"], ["deploy", "20261120-093000-khong-git"]]


def test_unchanged_files_are_hard_links_to_the_live_release(tmp_path: Path) -> None:
    target = tmp_path / "portal"
    deployer(target).deploy(release(tmp_path, "bản một", BUILT))
    deployer(target).deploy(release(tmp_path, "bản hai", BUILT + dt.timedelta(hours=1)))
    old, new = (target / "releases" / name for name in
                ("20261120-083000-khong-git", "20261120-093000-khong-git"))
    assert (old / "assets/bundle.js").stat().st_ino == (new / "assets/bundle.js").stat().st_ino
    assert (old / "index.html").stat().st_ino != (new / "index.html").stat().st_ino
    assert stat.S_IMODE((new / "index.html").stat().st_mode) == 0o644


def test_rollback_switches_back_and_forth_instantly(tmp_path: Path) -> None:
    target = tmp_path / "portal"
    deployer(target).deploy(release(tmp_path, "bản một", BUILT))
    deployer(target).deploy(release(tmp_path, "bản hai", BUILT + dt.timedelta(hours=1)))
    done = deployer(target).rollback()
    assert (done.live, done.previous) == ("20261120-083000-khong-git", "20261120-093000-khong-git")
    assert "bản một" in live_text(target)
    deployer(target).rollback(to="20261120-093000-khong-git")
    assert "bản hai" in live_text(target)
    with pytest.raises(DeployError, match="không có bản phát hành 2020"):
        deployer(target).rollback(to="2020")
    deployer(target).rollback()
    with pytest.raises(DeployError, match="không có bản phát hành nào trước"):
        deployer(target).rollback()


def test_old_releases_are_pruned_but_never_the_live_one(tmp_path: Path) -> None:
    target = tmp_path / "portal"
    for hour in range(4):
        done = deployer(target, keep=2).deploy(
            release(tmp_path, f"bản {hour}", BUILT + dt.timedelta(hours=hour)))
    assert done.removed == ("20261120-093000-khong-git",)
    names, live = deployer(target).releases()
    assert names == ["20261120-103000-khong-git", "20261120-113000-khong-git"]
    assert live == "20261120-113000-khong-git"


def fake_rsync(tmp_path: Path, after: str) -> Path:
    """An rsync that runs the real one, then does ``after`` (a shell command) and fails."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    script = folder / "rsync"
    script.write_text(f'#!/bin/sh\nfor last; do :; done\n/usr/bin/rsync "$@"\n{after}\n')
    script.chmod(0o755)
    return folder


def test_an_interrupted_upload_never_reaches_readers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "portal"
    deployer(target).deploy(release(tmp_path, "bản một", BUILT))
    second = release(tmp_path, "bản hai", BUILT + dt.timedelta(hours=1))
    # The connection drops after part of the files arrived: rsync exits 12.
    bin_folder = fake_rsync(tmp_path, 'rm -f "$last/index.html"; exit 12')
    monkeypatch.setenv("PATH", f"{bin_folder}:{os.environ['PATH']}")
    with pytest.raises(DeployError, match="rsync mã 12.*trang đang chạy không đổi"):
        deployer(target).deploy(second)
    assert "bản một" in live_text(target)
    assert (target / "releases" / "20261120-093000-khong-git.partial").is_dir()
    assert deployer(target).releases() == (["20261120-083000-khong-git"],
                                           "20261120-083000-khong-git")
    monkeypatch.undo()
    deployer(target).deploy(second)
    assert "bản hai" in live_text(target)
    assert not list((target / "releases").glob("*.partial"))


def test_a_file_damaged_on_the_way_is_caught_before_the_switch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "portal"
    deployer(target).deploy(release(tmp_path, "bản một", BUILT))
    bin_folder = fake_rsync(tmp_path, 'echo hỏng >> "$last/index.html"; exit 0')
    monkeypatch.setenv("PATH", f"{bin_folder}:{os.environ['PATH']}")
    with pytest.raises(DeployError, match="không khớp SHA256SUMS"):
        deployer(target).deploy(release(tmp_path, "bản hai", BUILT + dt.timedelta(hours=1)))
    assert "bản một" in live_text(target)


def test_a_second_deploy_at_the_same_time_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "portal"
    (target / ".deploy.lock").mkdir(parents=True)
    with pytest.raises(DeployError, match="đang có một lần triển khai khác"):
        deployer(target).deploy(release(tmp_path, "bản một", BUILT))
    assert not (target / "current").exists()


def test_headers_allow_the_scripts_of_every_kept_release_and_reload_runs_before_switch(
        tmp_path: Path) -> None:
    target = tmp_path / "portal"
    deployer(target).deploy(release(tmp_path, "bản một", BUILT))
    other = make_site(tmp_path / "other", "bản hai")
    (other / "index.html").write_text("<script>moi()</script>", encoding="utf-8")
    tarball = make_release(other, tmp_path / "dist", root=tmp_path,
                           built=BUILT + dt.timedelta(hours=1)).tarball
    reload = "readlink current > reloaded-while-live-was"
    deployer(target, reload=reload).deploy(tarball)
    headers = (target / HEADERS_FILE).read_text(encoding="utf-8")
    assert script_hash(PALETTE) in headers and script_hash("moi()") in headers
    assert 'add_header X-Content-Type-Options "nosniff" always;' in headers
    assert (target / "reloaded-while-live-was").read_text().strip() == \
        "releases/20261120-083000-khong-git"


def test_an_ssh_target_runs_the_same_steps_through_ssh(tmp_path: Path) -> None:
    """A stand-in ssh runs the remote command here: the ssh code path end to end."""
    require_tools(RSYNC)
    fake_ssh = tmp_path / "ssh"
    fake_ssh.write_text('#!/bin/sh\nshift\nexec sh -c "$*"\n')
    fake_ssh.chmod(0o755)
    target = tmp_path / "portal"
    config = DeployConfig(f"web.example:{target}", 5, None, (str(fake_ssh),))
    assert Target.parse(config.target, config.ssh).host == "web.example"
    Deployer(config).deploy(release(tmp_path, "bản một", BUILT))
    assert "bản một" in live_text(target)


def test_make_deploy_and_rollback_commands_read_the_target_from_deploy_yml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_tools(RSYNC)
    monkeypatch.chdir(tmp_path)
    Path("deploy.yml").write_text("target: ./portal\nkeep: 3\n", encoding="utf-8")
    for hour, text in enumerate(("bản một", "bản hai")):
        release(tmp_path, text, BUILT + dt.timedelta(hours=hour))
    runner = CliRunner()
    first = runner.invoke(main, ["deploy", "dist/thu-vien-20261120-083000-khong-git.tar.gz"])
    assert first.exit_code == 0, first.output
    latest = runner.invoke(main, ["deploy"])
    assert "Đã xuất bản 20261120-093000-khong-git" in latest.output
    assert "bản trước: 20261120-083000-khong-git" in latest.output
    listing = runner.invoke(main, ["releases"])
    assert listing.output.splitlines() == ["  20261120-083000-khong-git",
                                           "* 20261120-093000-khong-git"]
    back = runner.invoke(main, ["rollback"])
    assert back.exit_code == 0 and "Đã quay lại 20261120-083000-khong-git" in back.output
    assert json.loads((tmp_path / "portal/current/release.json").read_text())["id"] == \
        "20261120-083000-khong-git"


def test_a_missing_target_is_a_clear_message(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("deploy.yml").write_text("keep: 3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rollback"])
    assert result.exit_code == 1
    assert "deploy.yml: chưa có “target”" in result.output


def test_without_rsync_a_deploy_stops_before_touching_the_server(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tarball = release(tmp_path, "bản một", BUILT)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    target = tmp_path / "portal"
    with pytest.raises(DeployError, match="không tìm thấy lệnh rsync.*make deploy-deps"):
        Deployer(DeployConfig(str(target), 5)).deploy(tarball)
    assert not target.exists()


def test_site_script_hashes_cover_every_page(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "x")
    (site / "van-ban" / "luat" / "index.html").write_text("<script>other()</script>")
    assert site_script_hashes(site) == sorted([script_hash(PALETTE), script_hash("other()")])
