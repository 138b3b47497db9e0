"""The dataset the app serves, and its replacement when the data files change.

Callbacks ask the store for the current dataset on every request. When the files in the data folder change, a new
dataset is loaded in the background and swapped in whole: a request sees either the old data or the new, never a mix.
A change is loaded only once the files have been quiet for settle_seconds, so a writer pausing half-way through a
file (a slow copy, a save in chunks) is waited for; a load that still overlapped a further change of the files is
thrown away and done again, so a file caught half-written is never served.

A reload that loaded is still judged before it is swapped in (report.replacement_problems): files that can no
longer be read, or that reject rows they loaded before, are not served. The store keeps the last good data and a
DataStatus saying which file, what is wrong and from when the data shown is; the banner, /healthz and the log
read it. The next change of the files is judged again, so fixing the file clears the status.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dashboard.config import Settings
from dashboard.model import Dataset
from dashboard.report import ImportReport, Problem, file_name, replacement_problems

log = logging.getLogger(__name__)

DATA_FILE_STEMS = ("partners", "mobility", "campuses", "key_figures", "institution", "agreements")
IIAS_FOLDER = "iias"  # EWP IIA XML read at start beside agreements.csv (importing/iias_files.py)
Signature = tuple[tuple[str, int, int, int], ...]  # name, size, modified, changed (ns)


def data_signature(data_dir: Path) -> Signature:
    """Name, size, modification and change time of every data file: changes whenever one is replaced or edited.

    The change time (ctime) is set by the system when a file is written or moved into place, whatever times a copy
    preserves: a backup restored with its old modification time is still newer data.
    """
    entries = []
    paths = [p for p in sorted(Path(data_dir).glob("*")) if p.is_file() and p.stem in DATA_FILE_STEMS]
    paths += sorted((Path(data_dir) / IIAS_FOLDER).glob("*.xml"))
    for path in paths:
        stat = path.stat()
        name = path.name if path.parent == Path(data_dir) else f"{IIAS_FOLDER}/{path.name}"
        entries.append((name, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
    return tuple(entries)


@dataclass(frozen=True)
class DataStatus:
    """What the pages say about the data they show: from when it is, and what is wrong with the files."""

    data_time: float  # wall-clock seconds: when the newest of the files shown was put in place (or their load time)
    problems: tuple[Problem, ...] = ()  # files not swapped in (kept=True), or files the data shown lacks
    kept: bool = False  # True when newer files were refused and older data is shown

    @property
    def degraded(self) -> bool:
        return bool(self.problems)


def report_of(dataset: object) -> ImportReport:
    return getattr(dataset, "report", None) or ImportReport()  # an injected dataset may carry no report


def served_problems(dataset: object) -> tuple[Problem, ...]:
    """Whole-file problems of the data being served (a partner list that could not be read at start-up)."""
    return tuple(p for f in report_of(dataset).files for p in f.errors)


def data_time(signature: Signature, fallback: float) -> float:
    """The same in every worker for the same files (pages compare it to know that newer data is there)."""
    return max((ctime_ns for *_, ctime_ns in signature), default=0) / 1e9 or fallback


class DatasetStore:
    """Holds the current Dataset; with watch=True, reloads it when the data files change."""

    def __init__(
        self,
        settings: Settings,
        dataset: Dataset | None = None,
        *,
        loader: Callable[[Settings], Dataset] | None = None,
        watch: bool = True,
        check_seconds: float = 2.0,
        settle_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        wall_time: Callable[[], float] = time.time,
    ) -> None:
        if loader is None:
            from dashboard.dataset import load_dataset  # the import pipeline, only when loading files

            loader = load_dataset
        self._settings = settings
        self._loader: Callable[[Settings], Dataset] = loader
        self._watch = watch
        self._check_seconds = check_seconds
        self._settle_seconds = settle_seconds
        self._now = clock
        self._wall_time = wall_time  # compared with the files' modification times
        self._lock = threading.Lock()
        self._loading: threading.Thread | None = None
        self._signature = data_signature(settings.data_dir) if watch else ()  # the files last looked at
        self._served_signature = self._signature  # the files of the data served (older when newer were refused)
        dataset = dataset if dataset is not None else loader(settings)
        # One tuple, replaced in one assignment: a request never sees the new data with the old status.
        self._served = (dataset, DataStatus(data_time(self._signature, wall_time()), served_problems(dataset)))
        self._checked_at = clock()
        self.version = 1

    def current(self) -> Dataset:
        """The dataset to serve now; starts a background reload when the files changed since the last look."""
        self._look()
        return self._served[0]

    def status(self) -> DataStatus:
        """What to tell the people looking at the data: see DataStatus."""
        self._look()
        return self._served[1]

    def _look(self) -> None:
        if self._watch and self._now() - self._checked_at >= self._check_seconds:
            self._checked_at = self._now()
            self._maybe_reload()

    def _maybe_reload(self) -> None:
        with self._lock:
            if self._loading is not None and self._loading.is_alive():
                return
            signature = data_signature(self._settings.data_dir)
            if signature == self._signature or self._still_being_written(signature):
                return
            self._loading = threading.Thread(target=self._reload, args=(signature,), daemon=True)
            self._loading.start()

    def _still_being_written(self, signature: Signature) -> bool:
        newest_ns = max((mtime_ns for _, _, mtime_ns, _ in signature), default=0)
        return self._wall_time() - newest_ns / 1e9 < self._settle_seconds

    def _reload(self, signature: Signature) -> None:
        try:
            dataset = self._loader(self._settings)
        except Exception as error:  # a reload must never take the running app down: keep serving the old data
            log.exception("reloading %s failed; still serving the previous data", self._settings.data_dir)
            self._keep(
                signature,
                (
                    Problem(
                        str(self._settings.data_dir),
                        None,
                        None,
                        f"the data folder could not be loaded ({type(error).__name__}: {error})",
                    ),
                ),
            )
            return
        if data_signature(self._settings.data_dir) != signature:
            return  # the files changed again while loading: the next look loads the newer files
        served, status = self._served
        changed = {file_name(name) for name, *_ in set(signature) ^ set(self._served_signature)}
        problems = replacement_problems(report_of(served), report_of(dataset), changed)
        if problems:
            self._keep(signature, tuple(problems))
            return
        self._served = (dataset, DataStatus(data_time(signature, self._wall_time()), served_problems(dataset)))
        self._signature = self._served_signature = signature
        self.version += 1
        log.info("reloaded %s (version %d)", self._settings.data_dir, self.version)
        if status.kept:
            log.warning(
                "the data files in %s are readable again: serving them (version %d)",
                self._settings.data_dir,
                self.version,
            )

    def _keep(self, signature: Signature, problems: tuple[Problem, ...]) -> None:
        """Refuse the files as they are now: serve the last good data, say why, judge the next change again."""
        served, status = self._served
        self._served = (served, DataStatus(status.data_time, problems, kept=True))
        self._signature = signature  # try again when the files change next, not on every request
        shown = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(status.data_time))
        for problem in problems:
            log.warning("%s; not swapped in: still serving the data of %s", problem, shown)

    def wait_for_reload(self, timeout: float = 30.0) -> None:
        """Block until a background reload (if any) has finished; for tests and the reload command."""
        thread = self._loading
        if thread is not None:
            thread.join(timeout)
