"""The nginx configuration of the portal, rendered from ``mkdocs.yml`` and ``deploy.yml``.

The library lives under a sub-path of a provincial portal (``site_url``), served from
``<target>/current/`` (the symlink ``kb deploy`` switches). What readers and their
browsers get: gzip for text, a year of cache for Material's fingerprinted assets
(``bundle.<hash>.min.js``), revalidation for everything else (a corrected legal text must
show at once), JSON and feed types with UTF-8, and the security headers of
``nginx-headers.conf`` (the CSP, written by each deploy) on every response — repeated in
each nested location because ``add_header`` there replaces the outer ones.
"""

from __future__ import annotations

import re

#: Material fingerprints its own bundles: assets/javascripts/bundle.a5f9d56c.min.js.
FINGERPRINTED = r"assets/.+\.[0-9a-f]{8}\.min\.(?:css|js)$"
COMPRESSED_TYPES = ("text/css text/plain text/xml application/javascript application/json "
                    "application/xml application/atom+xml application/rss+xml image/svg+xml")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
FONTS = "public, max-age=604800"


def locations(sub_path: str, root: str) -> str:
    """The ``location`` blocks serving the site: include them in the portal's ``server``."""
    root = root.rstrip("/")
    headers = f"include {root}/nginx-headers.conf;"

    def block(match: str, cache: str, *extra: str) -> list[str]:
        lines = [headers, f'add_header Cache-Control "{cache}" always;', *extra]
        return [f"    location {match} {{", *(f"        {line}" for line in lines), "    }"]

    feed = ("types {{ }}", "default_type {};", "charset utf-8;")
    return "\n".join([
        f"# Thư viện pháp luật an ninh mạng tại {sub_path} — tạo bởi `kb nginx` từ site_url",
        "# (mkdocs.yml) và target (deploy.yml): sửa ở đó rồi tạo lại, đừng sửa tay tệp này.",
        f"location = {sub_path.rstrip('/') or '/'} {{",
        "    absolute_redirect off;",
        f"    return 301 {sub_path};",
        "}",
        f"location ^~ {sub_path} {{",
        f"    alias {root}/current/;",
        "    index index.html;",
        "    absolute_redirect off;",
        f"    error_page 404 {sub_path}404.html;",
        f"    {headers}",
        f'    add_header Cache-Control "{REVALIDATE}" always;',
        "    charset utf-8;",
        f"    charset_types {COMPRESSED_TYPES};",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_proxied any;",
        "    gzip_comp_level 5;",
        "    gzip_min_length 512;",
        f"    gzip_types {COMPRESSED_TYPES};",
        *block(f'~ "^{re.escape(sub_path)}{FINGERPRINTED}"', IMMUTABLE),
        *block(f"^~ {sub_path}assets/fonts/", FONTS),
        *block(f"^~ {sub_path}assets/search/", REVALIDATE,
               "types { application/json json; }", "default_type application/json;"),
        *block(f"= {sub_path}atom.xml", REVALIDATE,
               *(line.format("application/atom+xml") for line in feed)),
        *block(f"= {sub_path}rss.xml", REVALIDATE,
               *(line.format("application/rss+xml") for line in feed)),
        "}",
        "",
    ])


def server(sub_path: str, root: str, listen: str = "80", server_name: str = "_") -> str:
    """A whole ``server`` block for a host that serves only the library."""
    body = "\n".join(f"    {line}" if line else "" for line in
                     locations(sub_path, root).splitlines())
    return "\n".join([
        "server {",
        f"    listen {listen};",
        f"    server_name {server_name};",
        "    server_tokens off;",
        body,
        "}",
        "",
    ])
