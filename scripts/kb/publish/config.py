"""Where the portal is published, read from one place: ``deploy.yml`` beside ``mkdocs.yml``.

The public address (and so the sub-path nginx serves the library under) is ``site_url``
in ``mkdocs.yml``, which MkDocs needs anyway for the 404 page, the sitemap and canonical
links; ``deploy.yml`` says where the files go and how many releases stay for rollback.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DEPLOY_FILE = Path("deploy.yml")
MKDOCS_FILE = Path("mkdocs.yml")
DEFAULT_KEEP = 5


class ConfigError(Exception):
    """A setting is missing or wrong; the message is for the editor (Vietnamese)."""


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml may hold ``!ENV`` or ``!!python/name:`` tags: read them as plain values."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def read_yaml(path: Path) -> dict:
    """A YAML mapping from ``path``; a missing or broken file is a ConfigError."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTags)  # a SafeLoader
    except OSError as error:
        raise ConfigError(f"không đọc được {path}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} sai cú pháp YAML: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: phải là các dòng “tên: giá trị”")
    return data


def site_url(mkdocs_file: Path = MKDOCS_FILE) -> str:
    """The public address of the library (``site_url``), always ending in "/"."""
    url = read_yaml(mkdocs_file).get("site_url")
    if not url:
        raise ConfigError(f"{mkdocs_file}: chưa có site_url (địa chỉ công khai của thư viện)")
    return url.rstrip("/") + "/"


def sub_path(url: str) -> str:
    """"https://tinh.example/thu-vien/" → "/thu-vien/": where the site lives on its host."""
    path = urlsplit(url).path.strip("/")
    return f"/{path}/" if path else "/"


@dataclass(frozen=True)
class DeployConfig:
    """``deploy.yml``: the target (``host:/path`` over SSH, or a local path), releases kept,
    the command that makes nginx re-read the generated headers, and the ssh command."""

    target: str
    keep: int = DEFAULT_KEEP
    reload: str | None = None
    ssh: tuple[str, ...] = ("ssh",)

    @classmethod
    def load(cls, path: Path = DEPLOY_FILE, target: str | None = None) -> DeployConfig:
        """The settings of ``path``; ``target`` (command line) replaces the file's target."""
        data = read_yaml(path) if path.exists() else {}
        target = target or data.get("target")
        if not target:
            raise ConfigError(f"{path}: chưa có “target” (nơi xuất bản, ví dụ "
                              "may-chu:/srv/thu-vien hoặc /var/www/thu-vien)")
        keep = data.get("keep", DEFAULT_KEEP)
        if not isinstance(keep, int) or keep < 2:
            raise ConfigError(f"{path}: “keep” phải là số nguyên từ 2 trở lên (giữ ít nhất "
                              "bản đang chạy và bản trước để quay lại)")
        ssh = tuple(shlex.split(str(data.get("ssh") or "ssh")))
        return cls(str(target), keep, data.get("reload") or None, ssh)
