"""Where the time goes: each step of a build under cProfile, summarised for BENCHMARKS.md.

Each step runs in its own ``python -m cProfile`` process (``kb import`` with
``--jobs 1``, so that the conversion work is in the profiled process). The
summary keeps, per step, the functions with the most own time, the functions
with the most cumulative time (leaving out the wrappers that contain the whole
run), and the own time per package — the view that says which component to
optimise.
"""

from __future__ import annotations

import pstats
import re
import sys
from collections import defaultdict
from pathlib import Path

from measure import run_step

TOP = 12
#: A function whose cumulative time is at least this share of the step wraps the whole step.
WRAPPER_SHARE = 0.97


#: Where a file lives: an installed package, the ``kb`` code (repository or snapshot), stdlib.
_ROOTS = re.compile(r"^.*/(?P<root>site-packages|scripts|code|lib/python3\.\d+)/")


def _split(filename: str) -> tuple[str, str]:
    """(root kind, path below it): ("site-packages", "markdown/core.py"), ("kb", "kb/x.py")."""
    path = filename.replace("\\", "/")
    match = _ROOTS.match(path)
    if match is None:
        return "", path
    root = match["root"]
    kind = "stdlib" if root.startswith("lib/") else "kb" if root in ("scripts", "code") else root
    return kind, path[match.end():]


def _label(key: tuple[str, int, str]) -> str:
    """"kb/citations/find.py:78(_documents)", "markdown/core.py:322(convert)", "<built-in …>"."""
    filename, line, name = key
    if filename == "~":
        return name
    return f"{_split(filename)[1]}:{line}({name})"


def _package(key: tuple[str, int, str]) -> str:
    """The component a function belongs to: "kb.citations", "markdown", "builtins (re)"…"""
    filename, _, name = key
    if filename == "~":
        found = re.search(r"of '(\w+)[.']|built-in method (\w+)", name)
        return f"builtins ({next((g for g in found.groups() if g), '?')})" if found \
            else "builtins"
    kind, path = _split(filename)
    if kind == "kb":
        return "kb." + path.split("/")[1].removesuffix(".py")
    if kind == "site-packages":
        return path.split("/")[0].removesuffix(".py")
    return "python stdlib" if kind == "stdlib" else path


def _runner(key: tuple[str, int, str]) -> bool:
    """Frames that only start the step: the interpreter, runpy, click's dispatch."""
    filename, _, name = key
    return (name in ("<module>", "<built-in method builtins.exec>")
            or filename.startswith(("<frozen", "<string>"))
            or "/click/" in filename.replace("\\", "/"))


def summarise(profile: Path) -> dict:
    """Total, top functions by own and by cumulative time, own time by package."""
    stats = pstats.Stats(str(profile))
    table = stats.stats  # type: ignore[attr-defined]  (pstats keeps its table there)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    rows = [(key, tt, ct) for key, (_, _, tt, ct, _) in table.items()]
    own = sorted(rows, key=lambda r: r[1], reverse=True)[:TOP]
    cumulative = sorted((r for r in rows if r[2] < WRAPPER_SHARE * total and not _runner(r[0])),
                        key=lambda r: r[2], reverse=True)[:TOP]
    packages: dict[str, float] = defaultdict(float)
    for key, tt, _ in rows:
        packages[_package(key)] += tt
    return {
        "seconds": total,
        "own": [{"function": _label(k), "seconds": tt, "share": tt / total} for k, tt, _ in own],
        "cumulative": [{"function": _label(k), "seconds": ct, "share": ct / total}
                       for k, _, ct in cumulative],
        "packages": [{"package": name, "seconds": tt, "share": tt / total}
                     for name, tt in sorted(packages.items(), key=lambda p: p[1],
                                            reverse=True)[:TOP]],
    }


def profile_steps(steps: list[tuple[str, list[str], Path]], out: Path, log: Path,
                  env: dict[str, str]) -> dict:
    """Run each ``(name, python -m arguments, cwd)`` under cProfile; the summaries by name."""
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name, module_args, cwd in steps:
        profile = out / (re.sub(r"\W+", "-", name) + ".prof")
        step = run_step(f"{name} (profiled)",
                        [sys.executable, "-m", "cProfile", "-o", str(profile), *module_args],
                        cwd, log, env)
        results[name] = {"wall_seconds": step.seconds, "load": step.load, **summarise(profile)}
    return results
