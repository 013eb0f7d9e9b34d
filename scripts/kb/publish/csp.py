"""The Content-Security-Policy of the portal: the site's own origin, nothing else.

Material's templates put a few small inline ``<script>`` elements in every page (the
colour palette, the page's scope). Allowing ``'unsafe-inline'`` for them would let any
injected script run too, so each one is allowed by the SHA-256 of its exact text instead,
computed from the built site at release time: an upgrade of Material that changes them
changes the hashes with it, and nothing else can run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script\s*>", re.DOTALL | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
#: Script types the browser executes (CSP applies); JSON data blocks are not run.
_EXECUTED = {"", "text/javascript", "application/javascript", "module"}

#: Everything from the site's origin; images may be data: URIs (Material's CSS icons).
BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # plus the hashes of the release's inline scripts
    ("img-src", "'self' data:"),
    ("style-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'self'"),
)


def inline_scripts(html: str) -> Iterable[str]:
    """The text of each inline script of a page that the browser would execute."""
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"] or ""
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind[1].lower() if kind else "") in _EXECUTED:
            yield match["body"]


def script_hash(text: str) -> str:
    """The CSP source for one inline script: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def site_script_hashes(site: Path) -> list[str]:
    """Every distinct inline script hash of the HTML pages of a built site, sorted."""
    hashes = {script_hash(body)
              for page in site.rglob("*.html")
              for body in inline_scripts(page.read_text(encoding="utf-8", errors="replace"))}
    return sorted(hashes)


def policy(script_hashes: Iterable[str]) -> str:
    """The policy allowing the site's origin plus exactly these inline scripts."""
    directives = dict(BASE_POLICY)
    directives["script-src"] = " ".join(["'self'", *sorted(set(script_hashes))])
    return "; ".join(f"{name} {value}" for name, value in directives.items())
