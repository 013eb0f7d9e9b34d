"""The ``kb`` command: what editors and the Makefile run.

Messages for editors are Vietnamese and name the file; a failure exits
non-zero and leaves ``docs/`` as it was.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
import yaml

from kb.importer import Cache, Job, convert_all, write_atomic
from kb.library import Library

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


def _manifest_jobs(manifest: Path) -> tuple[list[Job], Path | None]:
    """The jobs a manifest lists, with its ``into`` folder; paths relative to the manifest."""
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise click.ClickException(
            f"{manifest}: không đọc được danh sách nguồn ({error})") from error
    root = (manifest.parent / data.get("root", ".")).resolve()
    if not root.is_dir():
        raise click.ClickException(f"{manifest}: không tìm thấy thư mục nguồn {root}")
    into = data.get("into")
    jobs = [Job(root / entry["source"], entry.get("meta") or {}) for entry in data["documents"]]
    return jobs, (manifest.parent / into) if into else None


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
        listed, manifest_into = _manifest_jobs(manifest)
        jobs += listed
        into = into or manifest_into
    if not jobs:
        raise click.UsageError("chưa chọn tệp nào để nhập")
    into = into or DEFAULT_INTO
    cache = None if no_cache else Cache(CACHE_DIR)
    converted, errors = convert_all(jobs, cache, workers, progress=sys.stderr.isatty())
    for error in errors:
        click.echo(f"LỖI {error}", err=True)
    if errors:
        click.echo(f"Không ghi gì vào {into}: {len(errors)} tệp lỗi.", err=True)
        sys.exit(1)
    library = Library.load(into)
    written = 0
    for item in sorted(converted, key=lambda c: str(c.source)):
        warnings = list(item.warnings)
        meta = {**item.meta, "nguon": {"tep": item.source.name}}
        slug = library.slug_for(meta, item.source.name, warnings)
        for warning in warnings:
            click.echo(f"CẢNH BÁO {item.source}: {warning}", err=True)
        written += write_atomic(into / f"{slug}.md", item.markdown)
    click.echo(f"Đã nhập {len(converted)} tệp vào {into} ({written} tệp thay đổi).")
if __name__ == "__main__":
    main()
