"""The ``kb`` command: what editors and the Makefile run.

Messages for editors are Vietnamese and name the file; a failure exits
non-zero and leaves ``docs/`` as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

import click

from kb.catalog import Catalog
from kb.checks import check_library
from kb.citations import find_references
from kb.citations.resolve import Context, resolve_all
from kb.guides import update_guides
from kb.history.git import changed_pages_summary
from kb.importer import Cache, Job
from kb.intake import ImportFailed, ManifestError, import_files, manifest_jobs
from kb.linking import GUIDES, link_library
from kb.publish.config import ConfigError
from kb.publish.config import site_url as read_site_url
from kb.publishing_cli import COMMANDS as PUBLISHING_COMMANDS
from kb.schema import Findings, validate
from kb.search.build import build_index
from kb.site_build import SiteBuildFailed, build_site
from kb.text import repair

DEFAULT_INTO = Path("docs/van-ban")
CACHE_DIR = Path(".cache/kb")


@click.group()
def main() -> None:
    """Công cụ của thư viện pháp luật an ninh mạng."""


def _parse_set(values: tuple[str, ...]) -> dict:
    meta: dict = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep:
            raise click.BadParameter(f"“{value}” phải có dạng trường=giá trị", param_hint="--set")
        meta[key.strip()] = text.strip()
    return meta


@main.command("import")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Tệp YAML liệt kê các tệp nguồn và siêu dữ liệu bổ sung.")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"Thư mục đích trong docs/ (mặc định {DEFAULT_INTO}).")
@click.option("--set", "sets", multiple=True, metavar="TRƯỜNG=GIÁ_TRỊ",
              help="Siêu dữ liệu văn bản không ghi (ví dụ co_quan_ban_hanh=…).")
@click.option("--jobs", "workers", type=int, default=os.cpu_count() or 1, show_default=True,
              help="Số tiến trình chuyển đổi song song.")
@click.option("--no-cache", is_flag=True, help="Chuyển đổi lại cả các tệp không đổi.")
def import_command(sources: tuple[Path, ...], manifest: Path | None, into: Path | None,
                   sets: tuple[str, ...], workers: int, no_cache: bool) -> None:
    """Nhập văn bản (.txt, .md, .docx, .odt, .html) vào thư viện."""
    extra = _parse_set(sets)
    jobs = [Job(path, extra) for path in sources]
    if manifest:
        try:
            listed, manifest_into = manifest_jobs(manifest)
        except ManifestError as error:
            raise click.ClickException(str(error)) from error
        jobs += listed
        into = into or manifest_into
    if not jobs:
        raise click.UsageError("chưa chọn tệp nào để nhập")
    into = into or DEFAULT_INTO
    cache = None if no_cache else Cache(CACHE_DIR)
    try:
        placed = import_files(jobs, into, cache, workers, progress=sys.stderr.isatty())
    except ImportFailed as failure:
        for error in failure.errors:
            click.echo(f"LỖI {error}", err=True)
        click.echo(f"Không ghi gì vào {into}: {len(failure.errors)} tệp lỗi.", err=True)
        sys.exit(1)
    for message in placed.messages:
        click.echo(message, err=True)
    click.echo(f"Đã nhập {placed.converted} tệp vào {into} ({placed.written} tệp thay đổi).")


def _today(value: str | None) -> dt.date:
    return dt.date.fromisoformat(value) if value else dt.date.today()


TODAY_OPTION = click.option("--today", metavar="YYYY-MM-DD", default=None,
                            help="Tính tình trạng hiệu lực theo ngày này (mặc định: hôm nay).")


@main.command("link")
@click.option("--docs", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_INTO, show_default=True, help="Thư mục các văn bản.")
@TODAY_OPTION
def link_command(folder: Path, today: str | None) -> None:
    """Tạo liên kết cho mọi dẫn chiếu, hiệu lực, quan hệ và danh sách văn bản dẫn chiếu."""
    _stop_on_unreadable(folder)
    library = link_library(folder, _today(today), cache=CACHE_DIR / "link")
    click.echo(f"Đã liên kết {len(library.pages)} văn bản ({library.written} tệp thay đổi).")


@main.command("refs")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (mặc định).")
@click.option("--docs", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_INTO, show_default=True, help="Thư viện để xác định đích.")
@click.option("--page", default=None, metavar="SLUG",
              help="Văn bản chứa đoạn này, cho “Luật này”, “Điều này”.")
def refs_command(source, as_json: bool, folder: Path, page: str | None) -> None:
    """Liệt kê các dẫn chiếu trong một đoạn văn bản (tệp hoặc - cho đầu vào chuẩn)."""
    text = repair(source.read())
    catalog = Catalog.load(folder) if folder.is_dir() else Catalog({})
    context = Context(catalog.entries.get(page) if page else None)
    rows = []
    for resolution in resolve_all(find_references(text), catalog, context):
        row = resolution.reference.as_json()
        row["target"] = resolution.url() if resolution.linked else None
        rows.append(row)
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2))


@main.command("check")
@click.option("--docs", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_INTO, show_default=True, help="Thư mục các văn bản.")
@TODAY_OPTION
def check_command(folder: Path, today: str | None) -> None:
    """Kiểm tra cả thư viện: dẫn chiếu, ngày, số hiệu trùng, siêu dữ liệu, neo."""
    findings = _stop_on_unreadable(folder)
    report = check_library(folder, _today(today))
    report.errors[:0], report.warnings[:0] = findings.errors, findings.warnings
    if (folder.parent / GUIDES).is_dir():  # quizzes, and guides citing laws no longer in force
        guides = update_guides(folder.parent, Path("mkdocs.yml"), _today(today), write=False)
        report.errors += [e for e in dict.fromkeys(guides.errors) if e not in report.errors]
        report.warnings += [w for w in dict.fromkeys(guides.warnings) if w not in report.warnings]
    click.echo(report.render())
    click.echo(changed_pages_summary(folder.parent, report.errors, report.warnings), nl=False)
    sys.exit(1 if report.errors else 0)


@main.command("search-index")
@click.option("--docs", "docs", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=Path("docs"), show_default=True,
              help="Thư mục docs/ (có catalog.json do kb link tạo).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi chỉ mục (mặc định DOCS/assets/search).")
def search_index_command(docs: Path, out: Path | None) -> None:
    """Tạo chỉ mục tìm kiếm của trang (đọc docs/, chạy sau kb link, trước mkdocs build)."""
    out = out or docs / "assets" / "search"
    try:
        report = build_index(docs, out, CACHE_DIR / "search")
    except (OSError, ValueError) as error:
        raise click.ClickException(f"không tạo được chỉ mục tìm kiếm: {error}") from error
    click.echo(f"Đã tạo chỉ mục tìm kiếm {out}: {report.documents} văn bản, {report.units} mục, "
               f"{report.terms} từ, {report.files} tệp ({report.changed} tệp thay đổi), "
               f"{report.total_bytes // 1024} KB.")
    largest = ", ".join(f"{name} {size // 1024} KB" for name, size in report.largest.values())
    click.echo(f"Tệp lớn nhất mỗi loại: {largest}.")


@main.command("site")
@click.option("--docs", "docs", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=Path("docs"), show_default=True,
              help="Thư mục docs/ (có catalog.json do kb link tạo).")
@click.option("--site-dir", "site", type=click.Path(file_okay=False, path_type=Path),
              default=Path("site"), show_default=True, help="Thư mục ghi trang đã dựng.")
def site_command(docs: Path, site: Path) -> None:
    """Dựng trang (mkdocs build --strict) cùng lúc với chỉ mục tìm kiếm, rồi trang chuyển hướng."""
    try:
        built = build_site(docs, site, CACHE_DIR, read_site_url())
    except (ConfigError, SiteBuildFailed) as error:
        raise click.ClickException(str(error)) from error
    except (OSError, ValueError) as error:
        raise click.ClickException(f"không tạo được chỉ mục tìm kiếm: {error}") from error
    index = built.search
    click.echo(f"Đã dựng {site}: chỉ mục tìm kiếm {index.documents} văn bản, {index.files} tệp "
               f"({index.changed} tệp thay đổi), {index.total_bytes // 1024} KB; "
               f"{built.redirects} trang chuyển hướng từ địa chỉ cũ.")


@main.command("guides")
@click.option("--docs", "docs", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=Path("docs"), show_default=True, help="Thư mục docs/ của trang.")
@click.option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=Path("mkdocs.yml"), show_default=True,
              help="Cấu hình trang, có thông tin liên hệ của tỉnh (extra.lien_he).")
@click.option("--check", "check_only", is_flag=True,
              help="Chỉ kiểm tra (câu hỏi tự kiểm tra, dẫn chiếu luật hết hiệu lực), không ghi.")
@TODAY_OPTION
def guides_command(docs: Path, config: Path, check_only: bool, today: str | None) -> None:
    """Cẩm nang: liên hệ, thuật ngữ, thẻ chủ đề, văn bản mới; kiểm tra câu hỏi và dẫn chiếu."""
    report = update_guides(docs, config, _today(today), write=not check_only,
                           cache=CACHE_DIR / "link")
    click.echo(report.render())
    if not check_only:
        click.echo(f"Đã cập nhật cẩm nang ({report.written} tệp thay đổi).")
    sys.exit(1 if report.errors else 0)


@main.command("serve")
@click.option("-a", "--dev-addr", "address", default="127.0.0.1:8000", show_default=True,
              metavar="IP:CỔNG", help="Địa chỉ của trang xem trước.")
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("sources.yml"), show_default=True,
              help="Danh sách tệp nguồn: lưu một tệp nguồn là nhập lại tệp đó.")
def serve_command(address: str, manifest: Path) -> None:
    """Xem trước thư viện (mkdocs serve), cập nhật liên kết và chỉ mục khi có thay đổi."""
    # Here, not at the top: it loads MkDocs, a third of a second that no other command needs.
    from kb.serve import Project, serve

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    root = Path.cwd()
    project = Project(root, manifest if manifest.is_file() else None, root / CACHE_DIR)
    serve(project, address, click.echo)


def _stop_on_unreadable(folder: Path) -> Findings:
    """Schema check of every page first: a page the other steps cannot read stops here with
    the file and the field named, instead of a traceback (see kb.schema)."""
    findings = validate(folder.parent)
    if findings.unreadable:
        for error in findings.errors:
            click.echo(f"LỖI {error}", err=True)
        click.echo(f"Dừng: {len(findings.unreadable)} trang có phần đầu YAML không đọc được.",
                   err=True)
        sys.exit(1)
    return findings


# The publishing path (kb new, history, redirects, check-site, release, deploy, rollback,
# releases, nginx): kb.publishing_cli.
for _command in PUBLISHING_COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":
    main()
