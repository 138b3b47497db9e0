"""The dataset the app serves, and its replacement when the data files change.

Callbacks ask the store for the current dataset on every request. When the files in the data folder change, a new
dataset is loaded in the background and swapped in whole: a request sees either the old data or the new, never a mix.
A change is loaded only once the files have been quiet for settle_seconds, so a writer pausing half-way through a
file (a slow copy, a save in chunks) is waited for; a load that still overlapped a further change of the files is
thrown away and done again, so a file caught half-written is never served.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Callable

from dashboard.config import Settings
from dashboard.model import Dataset

log = logging.getLogger(__name__)

DATA_FILE_STEMS = ("partners", "mobility", "campuses", "key_figures", "institution")
Signature = tuple[tuple[str, int, int], ...]


def data_signature(data_dir: Path) -> Signature:
    """Name, size and modification time of every data file: changes whenever one is replaced or edited."""
    entries = []
    for path in sorted(Path(data_dir).glob("*")):
        if path.is_file() and path.stem in DATA_FILE_STEMS:
            stat = path.stat()
            entries.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


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
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        if loader is None:
            from dashboard.dataset import load_dataset as loader  # the import pipeline, only when loading files
        self._settings = settings
        self._loader = loader
        self._watch = watch
        self._check_seconds = check_seconds
        self._settle_seconds = settle_seconds
        self._clock = clock
        self._wall_clock = wall_clock  # compared with the files' modification times
        self._lock = threading.Lock()
        self._loading: threading.Thread | None = None
        self._signature = data_signature(settings.data_dir) if watch else ()
        self._dataset = dataset if dataset is not None else loader(settings)
        self._checked_at = clock()
        self.version = 1

    def current(self) -> Dataset:
        """The dataset to serve now; starts a background reload when the files changed since the last look."""
        if self._watch and self._clock() - self._checked_at >= self._check_seconds:
            self._checked_at = self._clock()
            self._maybe_reload()
        return self._dataset

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
        newest_ns = max((mtime_ns for _, _, mtime_ns in signature), default=0)
        return self._wall_clock() - newest_ns / 1e9 < self._settle_seconds

    def _reload(self, signature: Signature) -> None:
        try:
            dataset = self._loader(self._settings)
        except Exception:  # a reload must never take the running app down: keep serving the old data
            log.exception("reloading %s failed; still serving the previous data", self._settings.data_dir)
            self._signature = signature  # try again when the files change next, not on every request
            return
        if data_signature(self._settings.data_dir) != signature:
            return  # the files changed again while loading: the next look loads the newer files
        self._dataset = dataset  # one reference assignment: requests see the old or the new dataset
        self._signature = signature
        self.version += 1
        log.info("reloaded %s (version %d)", self._settings.data_dir, self.version)

    def wait_for_reload(self, timeout: float = 30.0) -> None:
        """Block until a background reload (if any) has finished; for tests and the reload command."""
        thread = self._loading
        if thread is not None:
            thread.join(timeout)
