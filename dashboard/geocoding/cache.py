"""The geocoding cache: one JSON file in the data directory, read once per run and written once at its end.

Two runs may save at the same time (a file lock, then a merge with what the other wrote, then an atomic
replace), and a truncated or garbled file is set aside and rebuilt with a warning instead of stopping the run.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
LOCK_TIMEOUT_SECONDS = 30
# Sources whose answers depend on this program's own gazetteer matching, and go stale when it changes.
DERIVED_SOURCES = frozenset({"gazetteer", "country-centroid"})


@dataclass(frozen=True)
class CacheEntry:
    lat: float
    lon: float
    precision: str
    source: str
    note: str = ""  # what the geocoder did to the field (the row's geo_note)


class GeocodeCache:
    """Places found before, keyed by the folded query (country, city, Erasmus-code city, name).

    `warnings` holds messages for the user: a file set aside and rebuilt, a save that failed.
    """

    def __init__(self, path: Path | str | None = None, *, matcher: str = ""):
        if path is None:
            from dashboard.config import Settings

            path = Settings.from_env().cache_path
        self.path = Path(path)
        self.matcher = matcher
        self.warnings: list[str] = []
        self._entries: dict[str, CacheEntry] = {}
        self._added: dict[str, CacheEntry] = {}
        self._entries = self._read(report=True)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> CacheEntry | None:
        return self._entries.get(key)

    def put(self, key: str, lat: float, lon: float, precision: str, source: str, note: str = "") -> None:
        entry = CacheEntry(float(lat), float(lon), precision, source, note)
        self._entries[key] = entry
        self._added[key] = entry

    def save(self) -> bool:
        """Write the entries added in this run, merged with whatever another run saved meanwhile."""
        if not self._added:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS):
                merged = self._read(report=False)
                merged.update(self._added)
                self._write(merged)
        except (OSError, Timeout) as error:
            self._warn(
                f"The geocoding cache {self.path} could not be saved ({error}); places will be looked up "
                "again next time. Check that the folder is writable."
            )
            return False
        self._entries = merged
        self._added = {}
        return True

    def _read(self, *, report: bool) -> dict[str, CacheEntry]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except UnicodeDecodeError as error:
            return self._set_aside(error) if report else {}
        except OSError as error:
            if report:
                self._warn(
                    f"The geocoding cache {self.path} could not be read ({error}); places are looked up "
                    "afresh. Check the file's permissions."
                )
            return {}
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
                raise ValueError("it is not a geocoding cache (no 'entries' table)")
            fresh = data.get("matcher") == self.matcher
            entries = {}
            for key, value in data["entries"].items():
                entry = CacheEntry(
                    float(value["lat"]),
                    float(value["lon"]),
                    str(value["precision"]),
                    str(value["source"]),
                    str(value.get("note") or ""),
                )
                if not (math.isfinite(entry.lat) and math.isfinite(entry.lon)):
                    raise ValueError(f"entry {key!r} has no valid coordinates")
                if fresh or entry.source not in DERIVED_SOURCES:
                    entries[key] = entry
            return entries
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            return self._set_aside(error) if report else {}

    def _set_aside(self, error: Exception) -> dict[str, CacheEntry]:
        aside = self.path.with_name(self.path.name + ".corrupt")
        try:
            os.replace(self.path, aside)
            where = f"it was moved to {aside}"
        except OSError:
            where = "it will be overwritten"
        self._warn(
            f"The geocoding cache {self.path} was unreadable ({error}); {where} and the cache is being "
            "rebuilt. Nothing to do unless this happens again."
        )
        return {}

    def _write(self, entries: dict[str, CacheEntry]) -> None:
        data = {
            "format": CACHE_FORMAT,
            "matcher": self.matcher,
            "entries": {
                k: {
                    "lat": e.lat,
                    "lon": e.lon,
                    "precision": e.precision,
                    "source": e.source,
                    **({"note": e.note} if e.note else {}),
                }
                for k, e in sorted(entries.items())
            },
        }
        # closed in the try below, then renamed over the cache: a with-block would close it too early
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w", encoding="utf-8", dir=self.path.parent, prefix=self.path.name + ".", suffix=".tmp", delete=False
        )
        try:
            with handle:
                json.dump(data, handle, ensure_ascii=False, indent=0)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(handle.name, self.path)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise

    def _warn(self, message: str) -> None:
        log.warning(message)
        self.warnings.append(message)
