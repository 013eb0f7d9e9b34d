"""The rebuild after an editor changes one document, as ``make serve`` does it.

``kb serve`` runs in the scratch project (its initial build is timed too); then, once per
run, a paragraph citing the law in force is added to one synthetic plan's source file and
the clock runs from the save until the page served by ``kb serve`` shows that paragraph
with its citation turned into a link: import, guides, link, search index and MkDocs' dirty
build all happened. What the editor waits for, measured from outside the server.
"""

from __future__ import annotations

import re
import socket
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


def _paragraph(mark: str) -> str:
    return (f"Bổ sung {mark}: các cơ quan, đơn vị rà soát nhiệm vụ của Kế hoạch này theo "
            "Luật An ninh mạng số 116/2025/QH15.")


def _linked(html: str, mark: str) -> bool:
    """The served page has the new paragraph, its citation already a link."""
    start = html.find(f"Bổ sung {mark}:")
    end = html.find("</p>", start)
    return start >= 0 and '<a class="vb-ref"' in html[start:end]


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


def _wait(url: str, done, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until ``done(page)`` holds for the page at ``url``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"kb serve stopped (exit {server.returncode}); see run.log")
        page = _get(url)
        if page is not None and done(page):
            return time.perf_counter() - started
        time.sleep(POLL)
    raise RuntimeError(f"{url}: not rebuilt within {timeout} s")


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
    url = f"http://127.0.0.1:{port}{urlsplit(config.get('site_url', '/')).path}van-ban/{slug}/"
    original = source.read_text(encoding="utf-8")
    results: dict = {"page": f"van-ban/{slug}/", "seconds": [], "load": []}
    with log.open("a", encoding="utf-8") as output:
        server = subprocess.Popen([*kb, "serve", "-a", f"127.0.0.1:{port}",
                                   "--manifest", str(work / "manifest.yml")],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            results["start_seconds"] = _wait(url, lambda page: True, START_TIMEOUT, server)
            for run in range(1, runs + 1):
                mark = f"lần {run} ({time.strftime('%H:%M:%S')})"  # unique to this save
                results["load"].append(load_average())
                source.write_text(original.replace("\n\nNơi nhận:", f"\n\n{_paragraph(mark)}"
                                                   "\n\nNơi nhận:", 1), encoding="utf-8")
                results["seconds"].append(_wait(url, lambda page, mark=mark: _linked(page, mark),
                                                REBUILD_TIMEOUT, server))
                time.sleep(2)  # the round our own writes start is over before the next save
        finally:
            source.write_text(original, encoding="utf-8")
            server.terminate()
            server.wait(timeout=60)
    return results
