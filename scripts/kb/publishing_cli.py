"""The ``kb`` commands of the path from a new file to the live portal.

``kb new`` (a skeleton), ``kb history`` (what changed, from git), ``kb redirects`` (old
addresses), ``kb check-site`` (links and anchors of the built site), ``kb release``,
``kb deploy``, ``kb rollback``, ``kb releases`` and ``kb nginx``. They are registered on
the main ``kb`` group by :mod:`kb.cli`. Every failure is one Vietnamese line and a
non-zero exit: nothing half-done is left where readers could see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from kb.addresses import old_addresses, write_redirects
from kb.authoring import new_document, new_guide
from kb.history.pages import Outputs, write_history
from kb.model import Metadata
from kb.publish.config import DEPLOY_FILE, MKDOCS_FILE, ConfigError, DeployConfig, read_yaml
from kb.publish.config import site_url as read_site_url
from kb.publish.config import sub_path as url_sub_path
from kb.publish.deploy import Deployer, DeployError, Target
from kb.publish.links import SiteLinks
from kb.publish.nginx import locations, server
from kb.publish.release import ReleaseError, latest_tarball, make_release
from kb.schema import KNOWN_TYPES, date_problem, number_problem, type_problem

T = TypeVar("T")
GUIDE_CHOICE = "Cẩm nang"
DOCS_OPTION = click.option("--docs", type=click.Path(file_okay=False, path_type=Path),
                           default=Path("docs"), show_default=True, help="Thư mục docs/.")
SITE_OPTION = click.option("--site", type=click.Path(file_okay=False, path_type=Path),
                           default=Path("site"), show_default=True, help="Trang đã dựng.")
TARGET_OPTION = click.option("--target", default=None, metavar="NƠI",
                             help=f"Nơi xuất bản, thay cho “target” trong {DEPLOY_FILE}.")


def _fail(error: Exception) -> click.ClickException:
    return click.ClickException(str(error))


def _site_url() -> str:
    try:
        return read_site_url()
    except ConfigError as error:
        raise _fail(error) from error


def _checked(problem: Callable[[str], str | None], optional: bool = False) -> Callable:
    """A prompt's value check: the schema's own message when the answer is wrong."""
    def check(value: str) -> str:
        value = value.strip()
        if optional and not value:
            return value
        message = problem(value) if value else "cần nhập"
        if message:
            raise click.BadParameter(message)
        return value
    return check


def _ask_type(value: str | None) -> str:
    choices = [*KNOWN_TYPES, GUIDE_CHOICE]
    if value is None:
        click.echo("Loại văn bản:")
        for number, name in enumerate(choices, 1):
            click.echo(f"  {number:2d}. {name}")
        value = click.prompt("Chọn số hoặc gõ tên loại")
    if value.isdigit() and 1 <= int(value) <= len(choices):
        return choices[int(value) - 1]
    if value == GUIDE_CHOICE:
        return value
    problem = type_problem(value)
    if problem:
        raise click.BadParameter(problem, param_hint="loại văn bản")
    return value


def _answer(value: str | None, prompt: str, check: Callable[[str], str],
            default: str | None = None) -> str:
    if value is not None:
        try:
            return check(value)
        except click.BadParameter as error:
            raise click.BadParameter(error.message, param_hint=prompt) from error
    return click.prompt(prompt, default=default, value_proc=check, show_default=bool(default))


@click.command("new")
@click.option("--loai", default=None, help="Loại văn bản (Kế hoạch, Quyết định…) hoặc “Cẩm nang”.")
@click.option("--so-hieu", default=None, help="Số hiệu, ví dụ 25/KH-UBND (để trống nếu chưa có).")
@click.option("--ngay", default=None, metavar="YYYY-MM-DD", help="Ngày ban hành.")
@click.option("--co-quan", default=None, help="Cơ quan ban hành.")
@click.option("--trich-yeu", default=None, help="Trích yếu (hoặc tên cẩm nang).")
@DOCS_OPTION
def new_command(loai: str | None, so_hieu: str | None, ngay: str | None, co_quan: str | None,
                trich_yeu: str | None, docs: Path) -> None:
    """Tạo khung một văn bản hoặc cẩm nang mới, đặt đúng tên và đúng chỗ (hỏi từng mục)."""
    kind = _ask_type(loai)
    if kind == GUIDE_CHOICE:
        title = _answer(trich_yeu, "Tên cẩm nang", _checked(lambda _: None))
        path = _create(lambda: new_guide(docs, title, dt.date.today()))
        click.echo(f"Đã tạo {path}: điền các chỗ “(Nhập nội dung…)”, rồi xem bằng make serve.")
        return
    number = _answer(so_hieu, "Số hiệu (Enter nếu văn bản chưa có số)",
                     _checked(number_problem, optional=True), default="")
    date = _answer(ngay, "Ngày ban hành (YYYY-MM-DD)", _checked(date_problem))
    issuer = _answer(co_quan, "Cơ quan ban hành", _checked(lambda _: None))
    about = _answer(trich_yeu, "Trích yếu (nội dung chính của văn bản)", _checked(lambda _: None))
    meta = Metadata(so_hieu=number or None, loai_van_ban=kind, co_quan_ban_hanh=issuer,
                    ngay_ban_hanh=date, trich_yeu=about)
    path, warnings = _create(lambda: new_document(docs, meta))
    for warning in warnings:
        click.echo(f"CẢNH BÁO {path}: {warning}", err=True)
    click.echo(f"Đã tạo {path}: điền các chỗ “(Nhập nội dung…)”, rồi xem bằng make serve.")


def _create(make: Callable[[], T]) -> T:
    """Run ``make``; an existing page is a one-line message, never overwritten."""
    try:
        return make()
    except FileExistsError as error:
        raise _fail(error) from error


@click.command("history")
@DOCS_OPTION
def history_command(docs: Path) -> None:
    """Tạo “Mới cập nhật”, bản tin Atom/RSS, lịch sử từng văn bản và ngày cập nhật (từ git)."""
    repo_url = read_yaml(MKDOCS_FILE).get("repo_url") if MKDOCS_FILE.exists() else None
    history = write_history(Outputs.beside(docs), _site_url(), repo_url)
    if not history.available:
        click.echo("Không có lịch sử git: “Mới cập nhật” để trống, trang không ghi ngày cập nhật.")
        return
    click.echo(f"Đã tạo lịch sử của {len(history.pages)} trang "
               f"({len(history.events())} lần cập nhật).")


@click.command("redirects")
@DOCS_OPTION
@SITE_OPTION
def redirects_command(docs: Path, site: Path) -> None:
    """Tạo trang chuyển hướng từ địa chỉ cũ (dia_chi_cu) trong trang đã dựng."""
    written = write_redirects(old_addresses(docs), site, _site_url())
    click.echo(f"Đã tạo {len(written)} trang chuyển hướng từ địa chỉ cũ.")


@click.command("check-site")
@SITE_OPTION
def check_site_command(site: Path) -> None:
    """Kiểm tra mọi liên kết và neo nội bộ của trang đã dựng."""
    if not (site / "index.html").is_file():
        raise click.ClickException(f"{site} chưa có trang đã dựng (chạy make site trước)")
    report = SiteLinks(site, _site_url()).check()
    for broken in report.broken:
        click.echo(f"LỖI {broken}", err=True)
    click.echo(f"{report.pages} trang, {report.checked} liên kết, {len(report.broken)} hỏng.")
    if report.broken:
        raise SystemExit(1)


@click.command("release")
@SITE_OPTION
@click.option("--dist", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"),
              show_default=True, help="Thư mục ghi bản phát hành.")
def release_command(site: Path, dist: Path) -> None:
    """Đóng gói site/ thành bản phát hành (.tar.gz) kèm mã kiểm tra SHA-256."""
    try:
        release = make_release(site, dist)
    except ReleaseError as error:
        raise _fail(error) from error
    if release.stamp["chua_commit"]:
        click.echo("CẢNH BÁO: có thay đổi chưa commit; bản này không khớp commit nào.", err=True)
    click.echo(f"Đã tạo {release.tarball} (SHA-256 {release.sha256}).")


def _deployer(target: str | None) -> Deployer:
    try:
        return Deployer(DeployConfig.load(DEPLOY_FILE, target))
    except ConfigError as error:
        raise _fail(error) from error


@click.command("deploy")
@click.argument("tarball", required=False, type=click.Path(exists=True, dir_okay=False,
                                                           path_type=Path))
@click.option("--dist", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"),
              show_default=True, help="Nơi tìm bản phát hành mới nhất khi không nêu TARBALL.")
@TARGET_OPTION
def deploy_command(tarball: Path | None, dist: Path, target: str | None) -> None:
    """Xuất bản một bản phát hành lên máy chủ, chuyển sang bản mới trong một bước."""
    deployer = _deployer(target)
    try:
        done = deployer.deploy(tarball or latest_tarball(dist))
    except (DeployError, ReleaseError) as error:
        raise _fail(error) from error
    click.echo(f"Đã xuất bản {done.live} lên {deployer.target}"
               + (f" (bản trước: {done.previous}; quay lại bằng make rollback)"
                  if done.previous else "") + ".")
    if done.removed:
        click.echo(f"Đã xoá các bản cũ: {', '.join(done.removed)}.")


@click.command("rollback")
@click.option("--to", "to", default=None, metavar="MÃ", help="Quay về bản này (mặc định: bản "
                                                            "ngay trước bản đang chạy).")
@TARGET_OPTION
def rollback_command(to: str | None, target: str | None) -> None:
    """Quay lại bản phát hành trước trên máy chủ, trong một bước."""
    deployer = _deployer(target)
    try:
        done = deployer.rollback(to)
    except DeployError as error:
        raise _fail(error) from error
    click.echo(f"Đã quay lại {done.live} trên {deployer.target} (trước đó: {done.previous}).")


@click.command("releases")
@TARGET_OPTION
def releases_command(target: str | None) -> None:
    """Liệt kê các bản phát hành trên máy chủ; dấu * là bản đang chạy."""
    deployer = _deployer(target)
    try:
        names, live = deployer.releases()
    except DeployError as error:
        raise _fail(error) from error
    for name in names:
        click.echo(f"{'*' if name == live else ' '} {name}")
    if not names:
        click.echo(f"Chưa có bản phát hành nào trên {deployer.target}.")


@click.command("nginx")
@click.option("--root", default=None, metavar="THƯ_MỤC",
              help="Thư mục xuất bản trên máy chủ (mặc định: đường dẫn trong target).")
@click.option("--listen", default="80", show_default=True, help="Địa chỉ/cổng nginx nghe.")
@click.option("--server-name", default="_", show_default=True, help="Tên máy chủ.")
@click.option("--locations-only", is_flag=True,
              help="Chỉ các khối location, để đưa vào server sẵn có của cổng thông tin.")
def nginx_command(root: str | None, listen: str, server_name: str, locations_only: bool) -> None:
    """In cấu hình nginx của thư viện (thư mục con, nén, bộ nhớ đệm, tiêu đề bảo mật)."""
    if root is None:
        root = Target.parse(_deployer(None).config.target).path
    sub = url_sub_path(_site_url())
    click.echo(locations(sub, root) if locations_only else server(sub, root, listen,
                                                                   server_name), nl=False)


COMMANDS = (new_command, history_command, redirects_command, check_site_command,
            release_command, deploy_command, rollback_command, releases_command, nginx_command)
