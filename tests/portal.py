"""The portal end to end, shared by tests/publish and tests/browser.

The work tree is copied into a fresh git repository (history: the initial library, then
an amendment of one law that also renames it), built and released twice with the
project's own ``make site`` and ``make release``, deployed with ``kb deploy`` to a local
folder, and served by Debian's nginx on 127.0.0.1 with the configuration ``kb nginx``
renders, under the sub-path of ``site_url``. Nothing is written into the work tree.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypandoc
import pytest

from kb.publish.config import DeployConfig, site_url, sub_path
from kb.publish.deploy import Deployer
from kb.publish.nginx import server

ROOT = Path(__file__).resolve().parents[1]
NGINX = Path("/usr/sbin/nginx")
RSYNC = Path("/usr/bin/rsync")
AMENDED_LAW = "van-ban/24-2018-qh14.md"
AMENDED_WORDS = "(văn bản sửa đổi dùng để kiểm thử)"
OLD_ADDRESS = "luat-an-ninh-mang-2018"
FIRST_DATE = "2026-01-05T09:00:00+07:00"
SECOND_DATE = "2026-02-10T15:30:00+07:00"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def require_tools(*paths: Path) -> None:
    """Skip without one of ``paths`` (fail in CI, where a skipped test would prove nothing)."""
    for path in paths:
        if not path.exists():
            reason = f"{path} không có: cài bằng `make deploy-deps` (apt-get, cần quyền root)"
            if in_ci():
                pytest.fail(f"CI: {reason}")
            pytest.skip(reason)


def require_nginx() -> None:
    """Skip without nginx, which serves the portal, or rsync, which deploys to it."""
    require_tools(NGINX, RSYNC)


def run(command: list[str], cwd: Path, **env: str) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False,
                            env={**os.environ, **env})
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} thất bại:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def commit(work: Path, message: str, when: str) -> None:
    run(["git", "add", "-A"], work)
    run(["git", "-c", "user.name=Biên tập viên", "-c", "user.email=btv@example.org",
         "commit", "-q", "-m", message], work, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)


def copy_work_tree(into: Path) -> Path:
    """The files git would commit from the work tree (tracked and new, not ignored)."""
    listing = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    (into / ".venv").symlink_to(ROOT / ".venv")
    return into


NEW_PLAN = "van-ban/45-kh-ubnd/"
#: A plan as a department receives it: a Word file (written here with the pandoc the
#: importer itself uses).
PLAN_TEXT = """ỦY BAN NHÂN DÂN TỈNH THỬ

Số: 45/KH-UBND

Thử, ngày 12 tháng 3 năm 2026

KẾ HOẠCH

Diễn tập ứng cứu sự cố an ninh mạng năm 2026

I. MỤC ĐÍCH, YÊU CẦU

1. Kiểm tra phương án theo khoản 1 Điều 12 Luật An ninh mạng số 116/2025/QH15.
"""


def import_plan(work: Path) -> None:
    """What an editor does with a .docx received from an agency: ``kb import`` it."""
    source = work.parent / "ke-hoach-45-dien-tap.docx"
    pypandoc.convert_text(PLAN_TEXT, "docx", format="markdown-auto_identifiers",
                          outputfile=str(source))
    run([".venv/bin/kb", "import", str(source), "--jobs", "1",
         "--set", "co_quan_ban_hanh=Ủy ban nhân dân tỉnh Thử"], work)


def amend(work: Path) -> None:
    """Change the wording of Điều 1 and give the law a new address (the old one recorded)."""
    path = work / "docs" / AMENDED_LAW
    text = path.read_text(encoding="utf-8")
    text = text.replace("Luật này quy định về hoạt động bảo vệ an ninh quốc gia",
                        f"Luật này {AMENDED_WORDS} quy định về hoạt động bảo vệ an ninh quốc gia",
                        1)
    end = text.index("\n---\n", 4)
    path.write_text(text[:end] + f"\ndia_chi_cu: [{OLD_ADDRESS}]" + text[end:], encoding="utf-8")


@dataclass(frozen=True)
class Portal:
    """The built copy and its two releases (before and after the amendment)."""

    work: Path
    first: Path
    second: Path

    @property
    def sub_path(self) -> str:
        return sub_path(site_url(self.work / "mkdocs.yml"))


def make(work: Path, target: str) -> None:
    # The venv is the work tree's (a symlink): its install stamp is taken as up to date.
    run(["make", "-o", ".venv/.installed", target], work)


def link(work: Path) -> None:
    """What an editor runs before committing (make serve, make check do it)."""
    make(work, "link")


def _make_release(work: Path) -> Path:
    make(work, "release")
    return sorted((work / "dist").glob("*.tar.gz"))[-1]


@cache
def build_portal(base: Path) -> Portal:
    """Build once per test session (``base``: a session temporary folder)."""
    work = copy_work_tree(base / "kho")
    run(["git", "init", "-q", "-b", "main"], work)
    link(work)
    commit(work, "Thư viện ban đầu", FIRST_DATE)
    first = _make_release(work)
    amend(work)
    import_plan(work)
    link(work)
    commit(work, "Sửa đổi Điều 1 Luật An ninh mạng 2018", SECOND_DATE)
    time.sleep(1)  # release ids are to the second
    return Portal(work, first, _make_release(work))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """Debian's nginx serving a deploy target under ``sub_path`` on 127.0.0.1."""

    def __init__(self, prefix: Path, target: Path, sub_path: str) -> None:
        self.prefix = prefix
        self.target = target
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}{sub_path}"
        prefix.mkdir(parents=True, exist_ok=True)
        (prefix / "site.conf").write_text(
            server(sub_path, str(target), f"127.0.0.1:{self.port}", "localhost"),
            encoding="utf-8")
        # Workers read pytest's private temporary folders: as root they run as root.
        user = "user root;\n" if os.geteuid() == 0 else ""
        temporary = "".join(f"{kind}_temp_path {prefix}/{kind};\n"
                            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(
            f"daemon off;\n{user}worker_processes 1;\npid {prefix}/nginx.pid;\n"
            f"error_log {prefix}/error.log;\nevents {{}}\nhttp {{\n"
            "include /etc/nginx/mime.types;\ndefault_type application/octet-stream;\n"
            f"access_log {prefix}/access.log;\n{temporary}include {prefix}/site.conf;\n}}\n",
            encoding="utf-8")
        self.process: subprocess.Popen | None = None

    @property
    def reload_command(self) -> str:
        return f"{NGINX} -p {self.prefix} -c {self.conf} -s reload"

    def start(self) -> None:
        self.process = subprocess.Popen([str(NGINX), "-p", str(self.prefix), "-c",
                                         str(self.conf)], stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"nginx không chạy được: {self.process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        pytest.fail("nginx không nhận kết nối sau 10 giây")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def deployer(target: Path, nginx: Nginx) -> Deployer:
    return Deployer(DeployConfig(str(target), keep=5, reload=nginx.reload_command))


def wait_for_headers(target: Path, nginx: Nginx) -> None:
    """nginx re-reads its configuration in the background after a reload signal."""
    wanted = re.search(r'Content-Security-Policy "([^"]+)"',
                       (target / "nginx-headers.conf").read_text(encoding="utf-8"))[1]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with urllib.request.urlopen(nginx.base_url) as response:
            if response.headers["Content-Security-Policy"] == wanted:
                return
        time.sleep(0.05)
    pytest.fail("nginx không đọc lại nginx-headers.conf sau khi tải lại")
