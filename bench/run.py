"""`make bench`: build a synthetic library with the project's pipeline and with stock Material.

For each size N (``--sizes 1000 10000``), in ``bench/work/N/``:

1. generate N documents (``bench/generate.py``) and a manifest;
2. the project's full pipeline in a scratch copy of the site (``project/``):
   ``kb import`` without cache once, then ``--runs`` times from a ``docs/`` without
   generated files and without the caches of linking and search: ``kb import`` (cached)
   and what ``make site`` runs (``kb guides``, ``kb link``, ``kb history``, then ``kb site``:
   ``mkdocs build --strict`` while the search index is built, and the redirects; or the
   older steps one by one, those that exist); each step's wall time and peak memory, the
   size of ``site/``;
3. the same linked Markdown built by stock Material with its lunr search
   (``stock-flat/``: automatic flat navigation; ``stock-careful/``: sections by
   type and year with ``navigation.sections`` and ``navigation.prune``);
4. search and page weight in headless Chromium (``bench/browser.py``);
5. the rebuild after an editor changes one document under ``kb serve`` (what
   ``make serve`` runs): seconds from saving the source until the served page shows the
   change, linked (``bench/rebuild.py``);
6. for the sizes of ``--profile`` (default 1000): the pipeline once under cProfile, and
   the flat stock build.

Results go to ``bench/work/results-N.json``; ``bench/report.py`` renders them into
BENCHMARKS.md. Runs are sequential: the machine's other work is noted as its load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

import browser
import profiling
import report
from generate import DEFAULT_CORPUS, DEFAULT_SEED, generate
from measure import Step, load_average, run_step, tree_size
from rebuild import rebuild

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"
#: ``kb`` runs from a snapshot of scripts/kb taken when a size starts (PYTHONPATH), so that
#: other engineers' edits during a run change neither the code measured nor the cache key;
#: ``--kb-from`` measures an earlier snapshot again (the same code at every size).
KB = [sys.executable, "-m", "kb.cli"]
MKDOCS = [sys.executable, "-m", "mkdocs"]

QUERIES = ("lua dao", "an ninh mạng", "24/2018/QH14", "điều 8 luật an ninh mạng",
           "du lieu ca nhan")
PRIMER = "an toàn thông tin"  # the query a warm run follows
LONG_LAW = "van-ban/116-2025-qh15/"
#: What the scratch copy of the site is made of (the files of these that git does not ignore).
SITE_SOURCES = ("mkdocs.yml", "overrides", "docs", "tuong-ung.yml")
#: Written by the pipeline: removed before each run so that it starts from the sources (what
#: `kb history` and `kb search-index` write is ignored by git, so never copied).
GENERATED = ("docs/van-ban", "docs/tra-cuu", "docs/catalog.json", "docs/assets/search", "site")
#: The library's pages: what the stock sites are built from (the guides need our templates).
STOCK_PAGES = ("index.md", "van-ban", "tra-cuu", "catalog.json")
#: Left out of the stock sites: the later pages of long lists, the full cited-by lists and the
#: finding aid's page per law. A flat navigation lists every page on every page, so these
#: would cost stock Material more than they cost us; without them stock renders one page per
#: list, as in the runs before lists were split (its ratio is conservative: a little less
#: content than ours).
STOCK_LEFT_OUT = re.compile(
    r"^tra-cuu/(?:duoc-dan-chieu|dang-hieu-luc|dieu-tuong-ung)/|/trang-\d+\.md$")


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml whatever Python tags it holds (they are not needed here)."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


# --- the project --------------------------------------------------------------------


def _site_sources() -> list[Path]:
    """The site's source files: tracked or new, not ignored (generated files are ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                             "--", *SITE_SOURCES], cwd=ROOT, capture_output=True, check=True)
    paths = [Path(name) for name in listed.stdout.decode().split("\0") if name]
    return [p for p in paths if (ROOT / p).is_file()
            and not any(p.as_posix() == g or p.as_posix().startswith(g + "/") for g in GENERATED)]


def prepare_project(work: Path) -> Path:
    """A scratch copy of the repository's site: config, theme overrides, hand-written pages."""
    project = work / "project"
    _remove(project)
    for path in _site_sources():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, project / path)
    return project


def snapshot_code(work: Path, source: Path) -> dict[str, str]:
    """Copy ``source/kb`` into ``work/code``; the environment that runs ``kb`` from the copy."""
    code = work / "code"
    if code.resolve() != source.resolve():
        _remove(code)
        shutil.copytree(source / "kb", code / "kb", ignore=shutil.ignore_patterns("__pycache__"))
    return {"PYTHONPATH": str(code)}


def kb_commands(env: dict[str, str]) -> set[str]:
    """The ``kb`` commands of the snapshot (guides, search-index, history, redirects are new)."""
    out = subprocess.run([*KB, "--help"], capture_output=True, text=True, check=True,
                         env={**os.environ, **env}).stdout
    listed = out.split("Commands:", 1)[-1]
    return {line.split()[0] for line in listed.splitlines() if line.strip()}


def site_steps(commands: set[str], one_by_one: bool = False) -> list[tuple[str, list[str]]]:
    """What ``make site`` runs after the import. ``kb site`` (MkDocs' build while the
    search index is built, then the redirects) where it exists, unless ``one_by_one``: the
    profile needs each step in a process of its own."""
    steps = [("guides", [*KB, "guides"])] if "guides" in commands else []
    steps.append(("link", [*KB, "link"]))
    if "history" in commands:
        steps.append(("history", [*KB, "history"]))
    if "site" in commands and not one_by_one:
        return [*steps, ("site: mkdocs build ∥ search-index, redirects", [*KB, "site"])]
    if "search-index" in commands:
        steps.append(("search-index", [*KB, "search-index"]))
    steps.append(("mkdocs build", [*MKDOCS, "build", "--strict"]))
    if "redirects" in commands:
        steps.append(("redirects", [*KB, "redirects"]))
    return steps


def clean(project: Path) -> None:
    """Remove what the pipeline writes, so that the next run starts from the sources."""
    for name in GENERATED:
        _remove(project / name)


def _cached(project: Path) -> int:
    cache = project / ".cache" / "kb"
    return sum(1 for _ in cache.iterdir()) if cache.is_dir() else 0


def pipeline(project: Path, manifest: Path, log: Path, commands: set[str],
             env: dict[str, str]) -> list[Step]:
    """The full build from the sources (conversions cached): the import, then ``make site``.

    Only the import's cache is kept: the caches of ``kb link`` and of the search index would
    make every run after the first a rebuild of nothing (that is measured under ``kb serve``).
    """
    clean(project)
    for folder in (project / ".cache" / "kb").glob("*/"):
        _remove(folder)  # the importer's entries are files at the top of .cache/kb
    before = _cached(project)
    steps = [run_step("import", [*KB, "import", "--manifest", str(manifest)], project, log, env)]
    if _cached(project) != before:
        raise RuntimeError("the cached import converted files again: the cache key changed")
    return steps + [run_step(name, argv, project, log, env)
                    for name, argv in site_steps(commands)]


def site_size(site: Path, index: str) -> dict:
    """Bytes and files of a built site, and the bytes of its search index (``index``)."""
    size, files = tree_size(site)
    index_size, _ = tree_size(site / index) if (site / index).exists() else (0, 0)
    return {"bytes": size, "files": files, "search_index_bytes": index_size}


# --- stock Material -----------------------------------------------------------------


def _nav_careful(docs: Path) -> list:
    """Sections a careful editor would write: documents by type then year, browsing by facet."""
    catalog = json.loads((docs / "catalog.json").read_text(encoding="utf-8"))
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for document in catalog["van_ban"]:
        kind = document.get("loai_van_ban") or "Khác"
        year = str(document.get("ngay_ban_hanh") or "")[:4] or "Không rõ năm"
        groups[kind][year].append(document["url"].rstrip("/") + ".md")
    library = ["van-ban/index.md"] + [
        {kind: [{year: sorted(pages)} for year, pages in sorted(years.items(), reverse=True)]}
        for kind, years in sorted(groups.items())]
    browse: list = ["tra-cuu/index.md"]
    for folder in sorted(p for p in (docs / "tra-cuu").iterdir() if p.is_dir()):
        browse.append({folder.name: sorted(str(p.relative_to(docs)) for p in folder.glob("*.md"))})
    browse += sorted(str(p.relative_to(docs)) for p in (docs / "tra-cuu").glob("*.md")
                     if p.name != "index.md")
    return [{"Trang chủ": "index.md"}, {"Văn bản pháp luật": library}, {"Tra cứu": browse}]


def prepare_stock(work: Path, project: Path, careful: bool) -> Path:
    """The project's linked library under a minimal stock Material configuration."""
    stock = work / ("stock-careful" if careful else "stock-flat")
    _remove(stock)
    for name in STOCK_PAGES:
        source, target = project / "docs" / name, stock / "docs" / name
        if source.is_dir():
            shutil.copytree(source, target)
            for page in list(target.rglob("*.md")):
                if STOCK_LEFT_OUT.search(page.relative_to(stock / "docs").as_posix()):
                    page.unlink()
            for folder in sorted(target.rglob("*"), reverse=True):  # deepest first
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    own = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), _IgnoreTags)
    config: dict = {
        "site_name": own["site_name"],
        "theme": {"name": "material", "language": "vi"},
        "plugins": ["search"],
        # The same Markdown features, so that the content renders the same.
        "markdown_extensions": own.get("markdown_extensions", []),
    }
    if careful:
        config["theme"]["features"] = ["navigation.sections", "navigation.prune"]
        config["nav"] = _nav_careful(stock / "docs")
    (stock / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True,
                                                     sort_keys=False), encoding="utf-8")
    return stock


# --- the run ------------------------------------------------------------------------


def _steps_dict(runs: list[list[Step]]) -> dict:
    """Runs of steps as JSON: each step's measurements by name, totals per run."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    for steps in runs:
        for step in steps:
            by_name[step.name].append(step.as_dict())
    return {"steps": dict(by_name),
            "total_seconds": [sum(s.seconds for s in steps) for steps in runs],
            "peak_mb": [max(s.peak_mb for s in steps) for steps in runs],
            "load": [[s.load for s in steps] for steps in runs]}


def _catalog_stats(path: Path) -> dict:
    """How much work the citation engine did: references found, linked, with an anchor."""
    documents = json.loads(path.read_text(encoding="utf-8"))["van_ban"]
    references = [r for d in documents for r in d["dan_chieu"]]
    linked = [r for r in references if r["target"]]
    return {"documents": len(documents), "references": len(references), "linked": len(linked),
            "to_a_unit": sum("#" in r["target"] for r in linked)}


def _most_cited_law(catalog: Path) -> str | None:
    """The URL of the law cited by the most documents: its "cited by" list makes it the
    heaviest law page of a large library (the longest text is another)."""
    records = [r for r in json.loads(catalog.read_text(encoding="utf-8"))["van_ban"]
               if r.get("loai_van_ban") == "Luật"]
    if not records:
        return None
    return max(records, key=lambda r: (len(r.get("duoc_dan_chieu") or []), r["url"]))["url"]


def kb_code(env: dict[str, str] | None = None) -> str:
    """The hash of the ``kb`` code that keys the import cache (it changes with every edit)."""
    return subprocess.run([sys.executable, "-c", "from kb.importer import code_version; "
                           "print(code_version())"], capture_output=True, text=True,
                          check=False, env={**os.environ, **(env or {})}).stdout.strip()


def machine() -> dict:
    """The machine, the versions of what is measured, the repository's commit."""
    cpu = next((line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                     .splitlines() if line.startswith("MemTotal:"))

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()

    versions = {name: importlib.metadata.version(name)
                for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions",
                             "playwright")}
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gb": round(memory_kb / 1024 ** 2, 1),
            "kernel": platform.release(), "python": platform.python_version(),
            "versions": versions, "commit": git("rev-parse", "--short", "HEAD"),
            "dirty": bool(git("status", "--porcelain"))}


class Run:
    """One size: its work directory, log and results (saved after every phase)."""

    def __init__(self, size: int, args: argparse.Namespace) -> None:
        self.size = size
        self.args = args
        self.work = WORK / str(size)
        self.work.mkdir(parents=True, exist_ok=True)
        self.log = self.work / "run.log"
        self.path = WORK / f"results-{size}.json"
        self.project = self.work / "project"
        self.manifest = self.work / "manifest.yml"
        self.results: dict = {"size": size, "runs": args.runs, "seed": args.seed,
                              "started": dt.datetime.now().isoformat(timespec="seconds"),
                              "machine": machine()}
        self.env = snapshot_code(self.work, args.kb_from)
        self.commands = kb_commands(self.env)
        self.results["machine"]["kb_code"] = kb_code(self.env)

    def save(self) -> None:
        self.path.write_text(json.dumps(self.results, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")

    def say(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')} N={self.size} load {load_average():.1f}] "
              f"{message}", flush=True)

    def execute(self) -> None:
        """Every phase in turn; the results file is rewritten after each."""
        self.generate()
        self.build_project()
        self.build_stock()
        if self.args.browser_runs:
            self.browser()
        self.say("rebuild after changing one document (kb serve)")
        self.results["rebuild"] = rebuild(self.work, self.project, self.log, KB,
                                          {**os.environ, **self.env}, self.args.runs)
        self.save()
        if self.size in self.args.profile:
            self.say("profiling")
            self.results["profile"] = self.profile()
        self.results["finished"] = dt.datetime.now().isoformat(timespec="seconds")
        self.save()

    def generate(self) -> None:
        """Write the synthetic sources and the manifest; note the library's size."""
        self.say("generating")
        generate(self.size, self.work, self.args.corpus, self.args.seed)
        sizes = [p.stat().st_size for p in (self.work / "sources").glob("*.txt")]
        self.results["library"] = {"documents": self.size, "synthetic": len(sizes),
                                   "source_bytes": sum(sizes),
                                   "mean_kb": sum(sizes) / max(1, len(sizes)) / 1024}

    def build_project(self) -> None:
        """The uncached import once, then the cached pipeline ``--runs`` times."""
        project = prepare_project(self.work)
        self.results["project"] = {"search_index": "search-index" in self.commands,
                                   "steps_run": [n for n, _ in site_steps(self.commands)]}
        self.say("import without cache")
        _remove(project / ".cache")
        clean(project)
        uncached = run_step("import (no cache)",
                            [*KB, "import", "--manifest", str(self.manifest)], project, self.log,
                            self.env)
        self.results["project"]["import_uncached"] = uncached.as_dict()
        runs: list[list[Step]] = []
        for run in range(self.args.runs):
            self.say(f"project pipeline {run + 1}/{self.args.runs}")
            runs.append(pipeline(project, self.manifest, self.log, self.commands, self.env))
            self.results["project"].update(_steps_dict(runs))
            self.save()
        self.results["project"]["site"] = site_size(project / "site", "assets/search")
        self.results["project"]["catalog"] = _catalog_stats(project / "docs" / "catalog.json")
        self.save()

    def build_stock(self) -> None:
        """Each stock baseline asked for, ``--runs`` times, on the project's linked pages."""
        self.results["stock"] = {}
        for name in ("flat", "careful"):
            if name not in self.args.baselines:
                continue
            stock = prepare_stock(self.work, self.project, name == "careful")
            builds = []
            for run in range(self.args.runs):
                self.say(f"stock {name} {run + 1}/{self.args.runs}")
                builds.append([run_step("mkdocs build", [*MKDOCS, "build"], stock, self.log)])
                self.results["stock"][name] = _steps_dict(builds)
                self.save()
            self.results["stock"][name]["site"] = site_size(stock / "site", "search")
            self.save()

    def profile(self) -> dict:
        """The pipeline once under cProfile, from a clean docs/; the flat stock build too."""
        clean(self.project)
        steps = [("import", ["-m", "kb.cli", "import", "--manifest", str(self.manifest),
                             "--jobs", "1"], self.project)]
        steps += [(name, ["-m", *argv[2:]], self.project)
                  for name, argv in site_steps(self.commands, one_by_one=True)]
        if "flat" in self.args.baselines:
            steps.append(("stock flat: mkdocs build", ["-m", "mkdocs", "build"],
                          self.work / "stock-flat"))
        return profiling.profile_steps(steps, self.work / "profile", self.log, self.env)

    def browser(self) -> None:
        """Search and page weight, for the project and the stock sites asked for."""
        runs = self.args.browser_runs
        sites = {"project": self.project / "site"}
        sites |= {f"stock-{name}": self.work / f"stock-{name}" / "site"
                  for name in self.args.baselines if name in self.args.stock_browser}
        pages = {"home": "", "long law": LONG_LAW}
        cited = _most_cited_law(self.project / "docs" / "catalog.json")
        if cited is not None and cited != LONG_LAW:
            pages["most cited law"] = cited
        guides = sorted((self.project / "docs" / "cam-nang").glob("*.md"))
        guide = next((g for g in guides if g.name != "index.md"), None)
        if guide is not None:
            pages["guide"] = f"cam-nang/{guide.stem}/"
        self.results["browser"] = {"runs": runs, "guide": guide is not None, "search": {},
                                   "pages": {}}
        with browser.chromium() as chromium:
            self.results["machine"]["chromium"] = chromium.version
            for name, site in sites.items():
                flavour = browser.PROJECT if name == "project" else browser.STOCK
                with browser.serve(site) as (base, ledger):
                    self.say(f"page weight: {name}")
                    present = {page: path for page, path in pages.items()
                               if (site / path / "index.html").is_file()}
                    self.results["browser"]["pages"][name] = browser.measure_pages(
                        chromium, base, ledger, present, flavour.index_prefixes, runs)
                    self.save()
                    if name == "project" and "search-index" not in self.commands:
                        self.results["browser"]["search"][name] = None
                        continue
                    self.say(f"search: {name}")
                    self.results["browser"]["search"][name] = browser.measure_search(
                        chromium, base, ledger, flavour, QUERIES, PRIMER, runs)
                    self.save()


def main() -> None:
    """Run every size asked for, then rewrite BENCHMARKS.md from all results found."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000],
                        help="library sizes (documents, the 11 real ones included)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each timing")
    parser.add_argument("--browser-runs", type=int, default=None,
                        help="repetitions of each browser measurement (default: --runs; 0: none)")
    parser.add_argument("--baselines", nargs="*", default=["flat", "careful"],
                        choices=["flat", "careful"], help="stock Material builds to measure")
    parser.add_argument("--stock-browser", nargs="*", default=["careful"],
                        choices=["flat", "careful"],
                        help="stock sites whose search and page weight are measured")
    parser.add_argument("--profile", nargs="*", type=int, default=[1000], metavar="SIZE",
                        help="sizes whose pipeline also runs once under cProfile (default: "
                             "1000; --profile alone: none)")
    parser.add_argument("--kb-from", type=Path, default=ROOT / "scripts", metavar="DIR",
                        help="where the kb package to measure is (DIR/kb; default: scripts/, "
                             "the working copy; bench/work/N/code: the snapshot of a run)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-report", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = parser.parse_args()
    if args.browser_runs is None:
        args.browser_runs = args.runs
    for size in args.sizes:
        Run(size, args).execute()
    if not args.no_report:
        report.write(WORK, ROOT / "BENCHMARKS.md")
        print(f"BENCHMARKS.md updated from {WORK}/results-*.json")


if __name__ == "__main__":
    main()
