"""The release artifact: ``site/`` as one tarball with its SHA-256, stamped and checksummed.

Before packing, two files are written into the site itself: ``release.json`` (release id,
git commit, build time, the CSP hashes of its inline scripts) and ``SHA256SUMS`` (every
file's hash). The first tells anyone which release a server runs; the second lets the
deploy prove, on the server, that every file arrived intact before the release goes live.
The tarball is reproducible (sorted entries, fixed owner and time), so two builds of the
same commit can be compared by checksum.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from kb.publish.csp import site_script_hashes

RELEASE_FILE = "release.json"
SUMS_FILE = "SHA256SUMS"
PREFIX = "thu-vien"


class ReleaseError(Exception):
    """The release cannot be made or trusted; the message is Vietnamese."""


@dataclass(frozen=True)
class Release:
    """A packed release: its id, tarball, the tarball's SHA-256 and its stamp."""

    id: str
    tarball: Path
    sha256: str
    stamp: dict


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                                text=True, check=False)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def source_state(root: Path) -> tuple[str | None, bool, dt.datetime | None]:
    """(commit, whether the work tree has uncommitted changes, commit time) of ``root``."""
    commit = _git(root, "rev-parse", "HEAD")
    if commit is None:
        return None, False, None
    dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no"))
    when = _git(root, "show", "-s", "--format=%cI", "HEAD")
    return commit, dirty, dt.datetime.fromisoformat(when) if when else None


def release_id(built: dt.datetime, commit: str | None, dirty: bool) -> str:
    """"20261123-161500-a212ffd": sorts by build time, names the commit it was built from."""
    stamp = built.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    suffix = commit[:7] if commit else "khong-git"
    return f"{stamp}-{suffix}{'-chua-commit' if dirty else ''}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.name != SUMS_FILE)


def stamp_site(site: Path, stamp: dict) -> None:
    """Write ``release.json`` and then ``SHA256SUMS`` (covering it) into the built site."""
    (site / RELEASE_FILE).write_text(json.dumps(stamp, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    lines = [f"{file_sha256(p)}  {p.relative_to(site).as_posix()}\n" for p in _files(site)]
    (site / SUMS_FILE).write_text("".join(lines), encoding="utf-8")


def verify_sums(site: Path) -> list[str]:
    """The files of ``site`` that are missing or differ from its ``SHA256SUMS``."""
    bad = []
    for line in (site / SUMS_FILE).read_text(encoding="utf-8").splitlines():
        expected, name = line.split("  ", 1)
        path = site / name
        if not path.is_file() or file_sha256(path) != expected:
            bad.append(name)
    return bad


def _pack(site: Path, tarball: Path, top: str, mtime: int) -> None:
    """A reproducible .tar.gz of ``site`` under the folder ``top``."""
    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = mtime
        info.mode = 0o755 if info.isdir() else 0o644
        return info

    temporary = tarball.with_name(f".{tarball.name}.tmp")
    with temporary.open("wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime, filename="") as zipped, \
            tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.add(site, arcname=top, recursive=False, filter=normalise)
        for path in sorted(site.rglob("*")):
            tar.add(path, arcname=f"{top}/{path.relative_to(site).as_posix()}",
                    recursive=False, filter=normalise)
    temporary.replace(tarball)


def make_release(site: Path, dist: Path, root: Path = Path("."),
                 built: dt.datetime | None = None) -> Release:
    """Stamp ``site``, pack it into ``dist/thu-vien-<id>.tar.gz`` and write its ``.sha256``."""
    if not (site / "index.html").is_file():
        raise ReleaseError(f"{site} chưa có trang đã dựng (chạy make site trước)")
    built = built or dt.datetime.now(dt.UTC)
    commit, dirty, committed = source_state(root)
    identifier = release_id(built, commit, dirty)
    stamp = {"id": identifier, "commit": commit, "chua_commit": dirty,
             "ngay_dung": built.astimezone(dt.UTC).isoformat(timespec="seconds"),
             "script_hashes": site_script_hashes(site)}
    stamp_site(site, stamp)
    dist.mkdir(parents=True, exist_ok=True)
    name = f"{PREFIX}-{identifier}"
    tarball = dist / f"{name}.tar.gz"
    _pack(site, tarball, name, int((committed or built).timestamp()))
    checksum = file_sha256(tarball)
    (dist / f"{tarball.name}.sha256").write_text(f"{checksum}  {tarball.name}\n",
                                                 encoding="utf-8")
    return Release(identifier, tarball, checksum, stamp)


def latest_tarball(dist: Path) -> Path:
    """The newest release tarball of ``dist`` (ids sort by build time)."""
    tarballs = sorted(dist.glob(f"{PREFIX}-*.tar.gz"))
    if not tarballs:
        raise ReleaseError(f"không có bản phát hành nào trong {dist} (chạy make release)")
    return tarballs[-1]


def verify_tarball(tarball: Path) -> str:
    """The tarball's SHA-256 after checking it against its ``.sha256`` file."""
    sums = tarball.with_name(f"{tarball.name}.sha256")
    if not sums.is_file():
        raise ReleaseError(f"thiếu tệp mã kiểm tra {sums.name}: không xuất bản bản không "
                           "kiểm chứng được")
    expected = sums.read_text(encoding="utf-8").split()[0]
    actual = file_sha256(tarball)
    if actual != expected:
        raise ReleaseError(f"{tarball.name} không khớp mã kiểm tra SHA-256 (tệp hỏng hoặc bị "
                           f"sửa: {actual[:12]}… ≠ {expected[:12]}…)")
    return actual


def unpack(tarball: Path, into: Path) -> tuple[Path, dict]:
    """Extract a verified tarball into ``into``; (site folder, its release.json)."""
    verify_tarball(tarball)
    with tarfile.open(tarball) as tar:
        tar.extractall(into, filter="data")
    folders = [p for p in into.iterdir() if p.is_dir()]
    if len(folders) != 1 or not (folders[0] / RELEASE_FILE).is_file():
        raise ReleaseError(f"{tarball.name} không phải bản phát hành của thư viện")
    site = folders[0]
    bad = verify_sums(site)
    if bad:
        raise ReleaseError(f"{tarball.name}: {len(bad)} tệp không khớp {SUMS_FILE}: "
                           f"{', '.join(bad[:5])}")
    return site, json.loads((site / RELEASE_FILE).read_text(encoding="utf-8"))
