"""The rebuild after an editor changes one document, as ``make serve`` does it.

``kb serve`` runs in the scratch project (its initial build is timed too); then, once per
run, a paragraph citing the law in force is added to one synthetic plan's source file and
the clock runs from the save until the page served by ``kb serve`` shows that paragraph
with its citation turned into a link (import, guides, link and MkDocs' dirty build all
happened), and on until the served search index files a word found only in that
paragraph (``kb serve`` builds the index beside MkDocs' build, in the background). What
the editor waits for, measured from outside the server.
"""

from __future__ import annotations

import json
import random
import re
import socket
import string
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from measure import load_average

#: How long the initial build of ``kb serve`` may take (10,000 documents: minutes).
START_TIMEOUT = 1800
#: How long one rebuild may take before the run is given up.
REBUILD_TIMEOUT = 300
POLL = 0.05


def _paragraph(mark: str, word: str) -> str:
    return (f"Bổ sung {mark} ({word}): các cơ quan, đơn vị rà soát nhiệm vụ của Kế hoạch này theo "
            "Luật An ninh mạng số 116/2025/QH15.")


def _linked(html: str, mark: str) -> bool:
    """The served page has the new paragraph, its citation already a link."""
    start = html.find(f"Bổ sung {mark} (")
    end = html.find("</p>", start)
    return start >= 0 and '<a class="vb-ref"' in html[start:end]


def _indexed(base: str, word: str) -> bool:
    """The search index served under ``base`` files ``word`` (lowercase ASCII letters: its
    own folded form and shard keys), found as ``kb.search.normalize.find_shard`` finds
    it: in the shard of its longest prefix listed in the manifest."""
    manifest = _get(f"{base}assets/search/manifest.json")
    if manifest is None:
        return False
    shards = set(json.loads(manifest)["shards"])
    key = next((word[:n] for n in range(len(word), 1, -1) if word[:n] in shards), None)
    terms = _get(f"{base}assets/search/terms/{key}.json") if key else None
    return terms is not None and word in json.loads(terms)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait(done, what: str, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until ``done()`` holds (polled every :data:`POLL` seconds)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"kb serve stopped (exit {server.returncode}); see run.log")
        if done():
            return time.perf_counter() - started
        time.sleep(POLL)
    raise RuntimeError(f"{what}: not rebuilt within {timeout} s")


def _page_shows(url: str, check) -> bool:
    page = _get(url)
    return page is not None and check(page)


def _plan(work: Path, project: Path) -> tuple[Path, str]:
    """A synthetic plan's source file and the slug of its page."""
    data = yaml.safe_load((work / "manifest.yml").read_text(encoding="utf-8"))
    plans = [e for e in data["documents"] if "-kh-" in e["source"] and "/" not in e["source"]]
    source = work / "sources" / plans[len(plans) // 2]["source"]
    marker = re.compile(rf"^  tep: {re.escape(source.name)}$", re.MULTILINE)
    for page in (project / "docs" / "van-ban").glob("*.md"):
        if marker.search(page.read_text(encoding="utf-8")):
            return source, page.stem
    raise RuntimeError(f"no page was imported from {source.name}")


def rebuild(work: Path, project: Path, log: Path, kb: list[str], env: dict[str, str],
            runs: int) -> dict:
    """Start ``kb serve``, change one plan ``runs`` times, time each change until served."""
    source, slug = _plan(work, project)
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), yaml.BaseLoader)
    port = _free_port()
    base = f"http://127.0.0.1:{port}{urlsplit(config.get('site_url', '/')).path}"
    url = f"{base}van-ban/{slug}/"
    original = source.read_text(encoding="utf-8")
    results: dict = {"page": f"van-ban/{slug}/", "seconds": [], "index_seconds": [],
                     "load": []}
    with log.open("a", encoding="utf-8") as output:
        server = subprocess.Popen([*kb, "serve", "-a", f"127.0.0.1:{port}",
                                   "--manifest", str(work / "manifest.yml")],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            results["start_seconds"] = _wait(lambda: _get(url) is not None, url,
                                             START_TIMEOUT, server)
            for run in range(1, runs + 1):
                mark = f"lần {run} ({time.strftime('%H:%M:%S')})"  # unique to this save
                word = "".join(random.choices(string.ascii_lowercase, k=12))  # in no text
                results["load"].append(load_average())
                source.write_text(original.replace(
                    "\n\nNơi nhận:", f"\n\n{_paragraph(mark, word)}\n\nNơi nhận:", 1),
                    encoding="utf-8")
                saved = time.perf_counter()
                results["seconds"].append(_wait(
                    lambda mark=mark: _page_shows(url, lambda page: _linked(page, mark)), url,
                    REBUILD_TIMEOUT, server))
                _wait(lambda word=word: _indexed(base, word), "search index", REBUILD_TIMEOUT,
                      server)
                results["index_seconds"].append(time.perf_counter() - saved)
                time.sleep(2)  # the round our own writes start is over before the next save
        finally:
            source.write_text(original, encoding="utf-8")
            server.terminate()
            server.wait(timeout=60)
    return results
