"""Atomic deploy and instant rollback to a folder on the web server (over SSH, or local).

Layout of the target folder (``deploy.yml``: ``target``)::

    releases/<id>/          one complete site per release (unchanged files hard-linked)
    releases/<id>.partial/  an upload in progress: never served
    current -> releases/<id>   what nginx serves (``alias <target>/current/``)
    nginx-headers.conf      security headers, CSP hashes of every kept release
    deploy.log              who went live when

A deploy uploads into ``<id>.partial`` with rsync (``--link-dest`` to the live release, so
only changed files travel), checks every file against the release's ``SHA256SUMS`` on
the server, renames the folder to ``<id>``, and only then switches ``current`` with a
temporary symlink and ``mv -T`` (one ``rename(2)``). An interrupted or failed upload leaves
a ``.partial`` folder that nothing serves and the next deploy removes. The headers list
the inline-script hashes of every kept release, so switching back and forth never needs
a reload for a release that is already there.

The same POSIX shell runs locally for a plain path and through ``ssh host sh -s`` for a
``host:/path`` target; the tests use a local folder.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kb.publish.config import DeployConfig
from kb.publish.csp import policy
from kb.publish.release import RELEASE_FILE, SUMS_FILE, unpack

HEADERS_FILE = "nginx-headers.conf"
LOCK = ".deploy.lock"
_RECORD_SEPARATOR = "\x1e"


class DeployError(Exception):
    """A step of the deploy failed; what readers see has not changed. Vietnamese message."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code  # the exit status of the failed command, when one failed


#: Exit status of the lock step when another deploy holds the lock (EX_TEMPFAIL).
_LOCKED = 75


@dataclass(frozen=True)
class Target:
    """The deploy folder: on this machine (``host`` None) or on ``host`` over ssh."""

    path: str
    host: str | None = None
    ssh: tuple[str, ...] = ("ssh",)

    @classmethod
    def parse(cls, spec: str, ssh: tuple[str, ...] = ("ssh",)) -> Target:
        """"web:/srv/thu-vien" (ssh) or "/srv/thu-vien", "./ra" (this machine)."""
        host, sep, path = spec.partition(":")
        if sep and "/" not in host and host:
            return cls(path, host, ssh)
        return cls(str(Path(spec).resolve()))

    def __str__(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path

    def run(self, script: str, create: bool = False) -> str:
        """Run a POSIX shell script in the target folder (made first when ``create``)."""
        folder = shlex.quote(self.path)
        script = f"set -eu\n{f'mkdir -p {folder}' if create else ''}\ncd {folder}\n{script}"
        command = [*self.ssh, self.host, "sh -s"] if self.host else ["sh", "-s"]
        result = subprocess.run(command, input=script, capture_output=True, text=True,
                                check=False)
        if result.returncode != 0:
            raise DeployError(f"lệnh trên {self} thất bại (mã {result.returncode}): "
                              f"{(result.stderr or result.stdout).strip()}", result.returncode)
        return result.stdout

    def rsync_path(self, relative: str) -> str:
        full = f"{self.path.rstrip('/')}/{relative}"
        return f"{self.host}:{full}" if self.host else full


def headers_conf(script_hashes: set[str]) -> str:
    """The nginx include with the security headers of the portal (every location uses it)."""
    csp = policy(script_hashes)
    return "\n".join([
        "# Tạo bởi `kb deploy` — đừng sửa tay: mỗi lần triển khai sẽ ghi đè.",
        "# CSP: chỉ nguồn của chính trang; các script nội tuyến được phép theo mã băm SHA-256",
        "# (tính từ các bản phát hành đang giữ trên máy chủ).",
        f'add_header Content-Security-Policy "{csp}" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
        'add_header X-Frame-Options "SAMEORIGIN" always;',
        'add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;',
        "",
    ])


@dataclass(frozen=True)
class Deployed:
    """What a deploy or rollback did: the release now live and the one before it."""

    live: str
    previous: str | None
    removed: tuple[str, ...] = ()


class Deployer:
    """Deploy, rollback and list releases of one target."""

    def __init__(self, config: DeployConfig) -> None:
        self.config = config
        self.target = Target.parse(config.target, config.ssh)

    def releases(self) -> tuple[list[str], str | None]:
        """(complete releases oldest first, the live one) on the target."""
        out = self.target.run(
            "[ -d releases ] || exit 0\n"
            "for d in releases/*/; do d=${d%/}; d=${d#releases/}\n"
            '  case "$d" in *.partial|"*") ;; *) echo "R $d" ;; esac\ndone\n'
            'if [ -L current ]; then echo "C $(readlink current)"; fi\n')
        names = sorted(line[2:] for line in out.splitlines() if line.startswith("R "))
        live = next((line[2:].removeprefix("releases/").rstrip("/")
                     for line in out.splitlines() if line.startswith("C ")), None)
        return names, live

    def _lock(self, owner: str) -> None:
        try:
            self.target.run(f"mkdir -p releases\nmkdir {LOCK} 2>/dev/null || exit {_LOCKED}\n"
                            f"echo {shlex.quote(owner)} > {LOCK}/owner\n", create=True)
        except DeployError as error:
            if error.code != _LOCKED:
                raise
            raise DeployError(
                f"đang có một lần triển khai khác trên {self.target} (thư mục {LOCK}); nếu chắc "
                f"chắn không còn lần nào đang chạy, xoá {self.target.path}/{LOCK} rồi thử lại"
            ) from error

    def _unlock(self) -> None:
        self.target.run(f"rm -rf {LOCK}\n")

    def deploy(self, tarball: Path) -> Deployed:
        """Publish a release tarball (checked against its .sha256) atomically."""
        if shutil.which("rsync") is None:
            raise DeployError("không tìm thấy lệnh rsync trên máy này: cài bằng `make deploy-deps` "
                              "(apt-get, cần quyền root); chưa có gì thay đổi trên máy chủ")
        with tempfile.TemporaryDirectory(prefix="kb-deploy-") as scratch:
            site, stamp = unpack(tarball, Path(scratch))
            identifier = stamp["id"]
            self._lock(f"deploy {identifier}")
            try:
                return self._deploy(site, identifier)
            finally:
                self._unlock()

    def _deploy(self, site: Path, identifier: str) -> Deployed:
        names, live = self.releases()
        if identifier in names:
            raise DeployError(f"bản phát hành {identifier} đã có trên {self.target} "
                              "(dùng make rollback để chuyển về một bản đã có)")
        partial = f"releases/{identifier}.partial"
        # Uploads of other releases that never finished: never served, now removed.
        self.target.run(f"for d in releases/*.partial; do [ \"$d\" = {shlex.quote(partial)} ] "
                        "|| rm -rf \"$d\"; done\n")
        self._upload(site, partial, live)
        self.target.run(f"cd {shlex.quote(partial)}\n"
                        f"sha256sum --quiet --strict -c {SUMS_FILE} >&2 || {{\n"
                        f"  echo 'tệp tải lên không khớp {SUMS_FILE}' >&2; exit 1; }}\n"
                        f"cd ../..\nmv -T {shlex.quote(partial)} releases/{identifier}\n")
        self._write_headers()
        if self.config.reload:
            self.target.run(self.config.reload + "\n")
        self._switch(identifier, "deploy")
        removed = self._prune(identifier)
        return Deployed(identifier, live, removed)

    def _upload(self, site: Path, partial: str, live: str | None) -> None:
        # Content decides, not times (the tarball's are fixed): an unchanged file becomes a
        # hard link keeping its old mtime, a changed one gets the upload's — so nginx's
        # Last-Modified and ETag change exactly when the content does.
        command = ["rsync", "--recursive", "--links", "--perms", "--delete", "--checksum",
                   "--chmod=D755,F644"]
        if live:
            command.append(f"--link-dest=../{live}")  # relative to the destination
        if self.target.host:
            command += ["-e", shlex.join(self.config.ssh)]
        command += [f"{site}/", self.target.rsync_path(partial) + "/"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise DeployError(f"tải lên {self.target} thất bại (rsync mã {result.returncode}), "
                              f"trang đang chạy không đổi: {result.stderr.strip()}")

    def _write_headers(self) -> None:
        out = self.target.run(f"for f in releases/*/{RELEASE_FILE}; do\n"
                              f'  case "$f" in *.partial/*) continue ;; esac\n'
                              f'  [ -f "$f" ] && cat "$f" && printf "\\036"\ndone\n')
        hashes = {value for record in out.split(_RECORD_SEPARATOR) if record.strip()
                  for value in json.loads(record).get("script_hashes", [])}
        text = shlex.quote(headers_conf(hashes))
        self.target.run(f"printf '%s' {text} > {HEADERS_FILE}.tmp\n"
                        f"mv -f {HEADERS_FILE}.tmp {HEADERS_FILE}\n")

    def _switch(self, identifier: str, action: str) -> None:
        release = shlex.quote(f"releases/{identifier}")
        self.target.run(f"[ -f {release}/{RELEASE_FILE} ]\n"
                        f"ln -sfn {release} .current.tmp\nmv -T .current.tmp current\n"
                        f"printf '%s\\t%s\\t%s\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" "
                        f"{shlex.quote(action)} {shlex.quote(identifier)} >> deploy.log\n")

    def _prune(self, live: str) -> tuple[str, ...]:
        names, _ = self.releases()
        old = [name for name in names[:-self.config.keep] if name != live]
        if old:
            self.target.run("".join(f"rm -rf {shlex.quote('releases/' + n)}\n" for n in old))
        return tuple(old)

    def rollback(self, to: str | None = None) -> Deployed:
        """Make the release before the live one (or ``to``) live again, atomically."""
        self._lock(f"rollback {to or ''}")
        try:
            names, live = self.releases()
            if to is None:
                older = [name for name in names if live is None or name < live]
                if not older:
                    raise DeployError(f"không có bản phát hành nào trước {live} trên "
                                      f"{self.target} để quay lại")
                to = older[-1]
            elif to not in names:
                raise DeployError(f"không có bản phát hành {to} trên {self.target}; các bản "
                                  f"đang giữ: {', '.join(names) or 'không có'}")
            self._switch(to, "rollback")
            return Deployed(to, live)
        finally:
            self._unlock()
