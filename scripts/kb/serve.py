"""``kb serve`` (what ``make serve`` runs): the library on the editor's computer, kept current.

MkDocs' development server, with a dirty build, renders only the pages whose Markdown
changed. What it cannot know is ours: that a saved source file must be imported again,
that a changed page changes the links, banners and "cited by" lists of other pages and
the catalogue pages, and that the search index must follow. So each rebuild first runs
the steps of ``make link`` — import of the changed sources, ``kb guides``, ``kb link`` —
in this one process, where their caches make them cost what changed rather than what the
library holds, and only then MkDocs' dirty build, which renders the pages they rewrote:
MkDocs reading a page while ``kb link`` rewrites it would render a page half old, half
new. The search index reads the pages too and writes nothing MkDocs reads, so it is
built in a process of its own kept for the session (:class:`SearchIndexer`), which
keeps the index in memory and patches it (:class:`kb.search.live.LiveIndex`), straight
into the served site, starting with MkDocs' build and finishing with it or before: the
editor sees the page as soon as it is rendered, and search does not lag behind it (its
files are replaced one by one, the manifest last, so a query reads the old index or the
new one).

A step that fails prints the editor's message and leaves ``docs/`` as it was; the
server keeps running and tries again at the next save. The server itself is MkDocs'
(``LiveReloadServer``, as ``mkdocs serve`` runs it), so browsers reload as they would.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from kb.citations.patterns import compile_forms
from kb.filestate import ByFileState
from kb.guides import update_guides
from kb.importer import Cache, Job
from kb.intake import ImportFailed, ManifestError, import_files, manifest_jobs
from kb.library import read_front_matter
from kb.linking import GUIDES, SITE_FOLDER, Session, link_library
from kb.search.build import Report
from kb.search.live import LiveIndex

#: Files of docs/ whose change means the library changed (the rest is written by kb or
#: edited as presentation, which MkDocs alone handles).
WATCHED_FOLDERS = (SITE_FOLDER, GUIDES)
#: Settings beside docs/ that the steps read: the finding aid's corrections and mkdocs.yml
#: (the province's contacts in the guides).
SETTINGS = ("tuong-ung.yml", "mkdocs.yml")


@dataclass
class Project:
    """Where the steps read and write, as the Makefile runs them from the repository."""

    root: Path
    manifest: Path | None
    cache: Path
    today: Callable[[], dt.date] = dt.date.today

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def library(self) -> Path:
        return self.docs / SITE_FOLDER


@dataclass
class Round:
    """What one round did, for the editor's terminal."""

    changed: list[Path]
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0
    imported: int = 0
    messages: list[str] = field(default_factory=list)
    failed: bool = False

    def finish(self) -> None:
        self.seconds = time.perf_counter() - self.started

    def render(self) -> str:
        names = ", ".join(sorted({path.name for path in self.changed})[:3])
        more = f" và {len(self.changed) - 3} tệp khác" if len(self.changed) > 3 else ""
        outcome = "DỪNG, chưa cập nhật trang" if self.failed else "đã cập nhật"
        return "\n".join([*self.messages,
                          f"[kb serve] {names}{more}: {outcome} ({self.seconds:.1f} s)."])


class Rebuilder:
    """Runs the steps after a change; knows the manifest's sources (read again when it changes)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.jobs = self._read_jobs()
        # What the previous rounds read of the pages, kept while a page's file is unchanged.
        self.front_matter = ByFileState(read_front_matter)
        self.linking = Session()

    def _read_jobs(self) -> dict[Path, Job]:
        """The manifest's jobs by resolved source path; none without a manifest or its root."""
        manifest = self.project.manifest
        if manifest is None or not manifest.is_file():
            return {}
        try:
            jobs, _ = manifest_jobs(manifest)
        except ManifestError:
            return {}
        return {job.source.resolve(): job for job in jobs}

    def run(self, changed: Iterable[Path]) -> Round:
        """One round: import the changed sources, then guides and links."""
        result = Round(sorted(set(changed)))
        project = self.project
        try:
            if project.manifest is not None and project.manifest.resolve() in \
                    {path.resolve() for path in result.changed}:
                self.jobs = self._read_jobs()
            imports = [self.jobs[path.resolve()] for path in result.changed
                       if path.resolve() in self.jobs]
            if imports:
                placed = import_files(imports, project.library, Cache(project.cache),
                                      front_matter=self.front_matter)
                result.imported = placed.converted
                result.messages += placed.messages
            today = project.today()
            guides = update_guides(project.docs, project.root / "mkdocs.yml", today,
                                   cache=project.cache / "link")
            result.messages += [f"LỖI {error}" for error in guides.errors]
            link_library(project.library, today, cache=project.cache / "link",
                         session=self.linking)
        except ImportFailed as failure:
            result.failed = True
            result.messages += [f"LỖI {error}" for error in failure.errors]
        except Exception as error:  # noqa: BLE001 — the server outlives a bad save
            result.failed = True
            result.messages.append(f"LỖI {type(error).__name__}: {error}")
        result.finish()
        return result


class SearchIndexer:
    """Builds the search index into the served site in a process of its own, kept for the
    session so that a round pays for the documents that changed and not for starting
    Python; ``spawn``, because the server's threads make a ``fork`` unsafe. One build at a
    time; a build still waiting for the one running is dropped for the newer."""

    def __init__(self, project: Project, site: Path, say: Callable[[str], None]) -> None:
        self.arguments = (project.docs, site / "assets" / "search", project.cache / "search")
        self.say = say
        self.pool = self._pool()
        self.building: Future[Report] | None = None

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_index, initargs=(os.getpid(),
                                                                       self.arguments))

    def update(self) -> None:
        """Start building the index from the pages as they are now; the editor is told
        when it is done or why it failed."""
        if self.building is not None:
            self.building.cancel()  # only if it has not started
        started = time.perf_counter()
        try:
            self.building = self.pool.submit(_build_index)
        except BrokenProcessPool:  # the previous build's process died; it was reported
            self.pool = self._pool()
            self.building = self.pool.submit(_build_index)
        self.building.add_done_callback(lambda building: self._report(building, started))

    def _report(self, building: Future[Report], started: float) -> None:
        if building.cancelled():
            return
        try:
            report = building.result()
        except Exception as error:  # noqa: BLE001 — the server outlives a bad index
            self.say(f"LỖI chỉ mục tìm kiếm: {type(error).__name__}: {error}")
            return
        self.say(f"[kb serve] chỉ mục tìm kiếm: {report.changed} tệp cập nhật "
                 f"({time.perf_counter() - started:.1f} s).")

    def wait(self) -> None:
        if self.building is not None:
            wait([self.building])

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


#: In the index's process: the index, kept in memory from one build to the next.
_live: LiveIndex | None = None


def _start_index(server: int, arguments: tuple[Path, Path, Path]) -> None:
    """Start the index's process: its index, and its end with the server's."""
    global _live
    _live = LiveIndex(*arguments)
    _end_with(server)


def _build_index() -> Report:
    assert _live is not None, "started by _start_index"
    return _live.build()


def _end_with(server: int) -> None:
    """In the index's process: end when the server's process has ended, however it ended
    (a ``kill -9`` runs no clean-up), instead of staying behind with its memory."""

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class ChangeObserver(Observer):  # type: ignore[misc,valid-type]
    """The system's file events (inotify) that mean a change, not MkDocs' polling observer.

    Polling lists every file of docs/ and of the sources twice a second, and at thousands
    of pages that holds the interpreter long enough to double the time of a round. But
    inotify also reports files opened and closed, which MkDocs' handlers take for
    changes: each build, reading mkdocs.yml and the pages, would start the next one. And
    the files a round writes into docs/ are rendered by the build that ends the round:
    their events, seen by MkDocs' handlers, would start another build for nothing, beside
    the search index (see :class:`Ours`).
    """

    CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]

    def __init__(self, docs: Path, ours: Ours) -> None:
        super().__init__()
        self.docs, self.ours = docs.resolve(), ours

    def schedule(self, event_handler: FileSystemEventHandler, path: str, *,
                 recursive: bool = False) -> ObservedWatch:
        if not isinstance(event_handler, _Changes):  # MkDocs' own: it starts builds
            event_handler = _NotOurs(event_handler, self)
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=self.CHANGES)

    def ours_only(self, event: FileSystemEvent) -> bool:
        """Whether every file of ``event`` is one a round wrote into docs/."""
        paths = [Path(os.fsdecode(raw)) for raw in (event.src_path,
                                                    getattr(event, "dest_path", "")) if raw]
        return all(path.resolve().is_relative_to(self.docs) and self.ours.wrote(path)
                   for path in paths)


class _NotOurs(FileSystemEventHandler):
    """A handler of MkDocs' that sees no event of the files a round wrote."""

    def __init__(self, handler: FileSystemEventHandler, observer: ChangeObserver) -> None:
        self.handler, self.observer = handler, observer

    def dispatch(self, event: FileSystemEvent) -> None:
        if not self.observer.ours_only(event):
            self.handler.dispatch(event)


class _Changes(FileSystemEventHandler):
    """Collects the paths that matter into a queue; the round runs on the main thread."""

    def __init__(self, matters: Callable[[Path], bool], into: queue.Queue[Path]) -> None:
        self.matters = matters
        self.into = into

    def on_any_event(self, event: FileSystemEvent) -> None:
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = Path(raw.decode() if isinstance(raw, bytes) else raw)
            if raw and self.matters(path):
                self.into.put(path)


def matters(project: Project, rebuilder: Rebuilder) -> Callable[[Path], bool]:
    """Whether a changed path is a source, a page of the library or guides, or a setting."""
    docs = project.docs.resolve()
    settings = {(project.root / name).resolve() for name in SETTINGS}
    if project.manifest is not None:
        settings.add(project.manifest.resolve())

    def check(path: Path) -> bool:
        if path.name.startswith("."):  # a temporary file of an atomic write
            return False
        path = path.resolve()
        if path in settings or path in rebuilder.jobs:
            return True
        return path.suffix == ".md" and path.parent.parent == docs and \
            path.parent.name in WATCHED_FOLDERS

    return check


def pending(changes: queue.Queue[Path]) -> list[Path]:
    """The changes queued so far (MkDocs' server waited for the files to stay quiet)."""
    paths = []
    while True:
        try:
            paths.append(changes.get_nowait())
        except queue.Empty:
            return paths


def serve(project: Project, address: str, say: Callable[[str], None]) -> None:
    """Build, serve on ``address`` and rebuild after every change until interrupted."""
    rebuilder = Rebuilder(project)
    changes: queue.Queue[Path] = queue.Queue()
    sources = {project.root, *(path.parent for path in rebuilder.jobs)}
    site_dir = tempfile.mkdtemp(prefix="kb-serve-")
    config_file = str(project.root / "mkdocs.yml")
    config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=address)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)
    ours = Ours()
    indexer = SearchIndexer(project, Path(site_dir), say)

    def builder() -> None:
        changed = ours.discard(pending(changes))
        result = None
        if changed:
            ours.start()
            result = rebuilder.run(changed)
            ours.stop()
            if not result.failed:
                indexer.update()
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=address)
        config.site_url = serve_url
        try:
            build(config, serve_url=serve_url, dirty=True)
        finally:
            if result is not None:
                result.finish()
                say(result.render())

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir,
                              mount_path=mount_path)
    server.observer = ChangeObserver(project.docs, ours)
    handler = _Changes(matters(project, rebuilder), changes)
    server.observer.schedule(handler, str(project.docs), recursive=True)
    for folder in sorted(folder for folder in sources if folder.is_dir()):
        server.observer.schedule(handler, str(folder), recursive=False)
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    config.site_url = serve_url
    build(config, serve_url=serve_url)  # a full build: it empties site_dir first
    indexer.update()
    indexer.wait()
    compile_forms()
    for watched in [project.docs, project.root / "overrides", *sources]:
        if watched.is_dir():
            server.watch(str(watched), recursive=watched != project.root)
    # Stopped by its parent (``kill``, an IDE, the bench) as by Ctrl+C: cleaned up alike.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve()  # starts the observer; shutdown() stops it
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        indexer.close()
        shutil.rmtree(site_dir, ignore_errors=True)


class Ours:
    """Tells the files a round wrote from the editor's saves: written while it ran.
    ``window``: the round's start and end (ns); the end is -1 while it runs."""

    def __init__(self) -> None:
        self.window = (0, 0)  # no round yet

    def start(self) -> None:
        self.window = (time.time_ns(), -1)

    def stop(self) -> None:
        self.window = (self.window[0], time.time_ns())

    def wrote(self, path: Path) -> bool:
        """Whether ``path`` was last written during the round running or the last one; a
        temporary file of its atomic writes (".page.md.x1y2"), renamed since, counts."""
        if path.name.startswith("."):
            return True
        try:
            written = path.stat().st_mtime_ns
        except OSError:
            return False
        start, stop = self.window
        return start <= written and (stop < 0 or written <= stop)

    def discard(self, paths: list[Path]) -> list[Path]:
        """``paths`` without the pages last modified during the last round."""
        return [path for path in paths if not (path.suffix == ".md" and path.is_file()
                                                and self.wrote(path))]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
