"""Run one step of a build as a subprocess and measure it: wall and CPU time, peak memory.

CPU time (user + system, of the command and the workers it waited for) is
reported beside wall time because other work shares the machine: under load,
wall time grows while CPU time stays close to the command's own cost.

Peak memory is measured two ways. ``/usr/bin/time`` reports the kernel's
high-water mark of the largest single process (``ru_maxrss``), exact but blind
to a pool of workers; a sampler adds up the proportional set size (PSS: pages
shared after ``fork`` counted once) of the whole process tree every 0.2 s, which
sees the workers of ``kb import`` but can miss a spike shorter than its period.
Reports quote the larger of the two.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

GNU_TIME = shutil.which("time", path="/usr/bin:/bin")
SAMPLE_PERIOD = 0.2


class StepFailed(RuntimeError):
    """A measured command exited with an error; the message ends with its output."""


@dataclass
class Step:
    """One measured command."""

    name: str
    seconds: float
    cpu_seconds: float | None  # user + system of the process tree (None without GNU time)
    peak_rss_mb: float | None  # largest single process, from the kernel (None without GNU time)
    tree_pss_mb: float  # sampled sum of proportional set sizes over the process tree
    load: float  # 1-minute load average when the step started

    @property
    def peak_mb(self) -> float:
        """The peak quoted in reports: the larger of the two measures."""
        return max(self.peak_rss_mb or 0.0, self.tree_pss_mb)

    def as_dict(self) -> dict:
        """The measurements as JSON, the quoted peak included."""
        return {**asdict(self), "peak_mb": self.peak_mb}


def load_average() -> float:
    """The 1-minute load average: other engineers' test runs share the machine."""
    return os.getloadavg()[0]


def _parents() -> dict[int, list[int]]:
    """Every process's children, from the parent ids in ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # exited meanwhile
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    return children


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared by forked workers are counted once in a sum."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kb(root: int) -> int:
    """Memory of ``root``'s descendants (not ``root`` itself: the timing wrapper)."""
    children = _parents()
    total, pending = 0, list(children.get(root, []))
    while pending:
        pid = pending.pop()
        total += _pss_kb(pid)
        pending += children.get(pid, [])
    return total


class _Sampler(threading.Thread):
    """Follows the peak of :func:`tree_pss_kb` until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(SAMPLE_PERIOD):
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))


def run_step(name: str, argv: list[str], cwd: Path, log: Path,
             env: dict[str, str] | None = None) -> Step:
    """Run ``argv`` in ``cwd``, its output appended to ``log``; raise :class:`StepFailed`."""
    load = load_average()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report, \
            log.open("a", encoding="utf-8") as out:
        wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", report.name, *argv] if GNU_TIME else argv
        out.write(f"\n$ {' '.join(argv)}  (in {cwd})\n")
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(env or {})})
        sampler = _Sampler(process.pid)
        sampler.start()
        code = process.wait()
        seconds = time.perf_counter() - start
        sampler.stopped.set()
        sampler.join()
        kernel = report.read().strip().splitlines() if GNU_TIME else []
    if code != 0:
        tail = "".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-30:])
        raise StepFailed(f"{name} exited with {code}:\n{tail}")
    fields = kernel[-1].split() if kernel else []
    peak = int(fields[0]) / 1024 if len(fields) == 3 else None
    cpu = float(fields[1]) + float(fields[2]) if len(fields) == 3 else None
    return Step(name, seconds, cpu, peak, sampler.peak_kb / 1024, load)


def tree_size(path: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``path``."""
    size = files = 0
    for root, _, names in os.walk(path):
        for name in names:
            size += os.path.getsize(os.path.join(root, name))
            files += 1
    return size, files
