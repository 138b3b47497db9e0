"""The geocoding cache file: round trip, corruption, two writers."""

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dashboard.geocoding.cache import GeocodeCache

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_entries_survive_a_round_trip(tmp_path):
    path = tmp_path / ".geocache.json"
    cache = GeocodeCache(path, matcher="m1")
    cache.put("leuven|be", 50.88, 4.70, "city", "gazetteer")
    assert cache.save()
    again = GeocodeCache(path, matcher="m1")
    entry = again.get("leuven|be")
    assert (entry.lat, entry.lon, entry.precision, entry.source) == (50.88, 4.70, "city", "gazetteer")
    assert again.warnings == []


def test_a_missing_file_is_an_empty_cache_and_nothing_is_written_without_entries(tmp_path):
    path = tmp_path / "new" / ".geocache.json"
    cache = GeocodeCache(path)
    assert len(cache) == 0 and cache.warnings == []
    assert cache.save()
    assert not path.exists()


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": 1, "matcher": "m1", "entries": {"a": {"lat": 1.0, "lo',  # truncated by a crash
        bytes(range(256)) * 4,  # binary junk
        b"[1, 2, 3]",  # valid JSON, not a cache
        b'{"entries": {"a": {"lat": "north", "lon": 1, "precision": "city", "source": "gazetteer"}}}',
        b"",
    ],
)
def test_a_corrupt_cache_is_set_aside_and_rebuilt_with_a_warning(tmp_path, content, caplog):
    path = tmp_path / ".geocache.json"
    path.write_bytes(content)
    cache = GeocodeCache(path, matcher="m1")
    assert len(cache) == 0
    assert len(cache.warnings) == 1 and "rebuilt" in cache.warnings[0] and str(path) in cache.warnings[0]
    assert "rebuilt" in caplog.text
    assert (tmp_path / ".geocache.json.corrupt").read_bytes() == content
    cache.put("leuven|be", 50.88, 4.70, "city", "gazetteer")
    assert cache.save()
    assert GeocodeCache(path, matcher="m1").get("leuven|be") is not None


def test_gazetteer_answers_of_an_older_matcher_are_dropped_but_online_ones_kept(tmp_path):
    path = tmp_path / ".geocache.json"
    cache = GeocodeCache(path, matcher="old")
    cache.put("a", 1.0, 2.0, "city", "gazetteer")
    cache.put("b", 3.0, 4.0, "address", "nominatim")
    cache.save()
    newer = GeocodeCache(path, matcher="new")
    assert newer.get("a") is None
    assert newer.get("b").source == "nominatim"
    assert newer.warnings == []


def test_a_cache_that_cannot_be_saved_gives_a_warning_not_a_crash(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = GeocodeCache(blocker / ".geocache.json")
    cache.put("a", 1.0, 2.0, "city", "gazetteer")
    assert cache.save() is False
    assert "could not be saved" in cache.warnings[0]


def test_two_threads_saving_at_once_keep_both_entries(tmp_path):
    path = tmp_path / ".geocache.json"
    caches = [GeocodeCache(path, matcher="m") for _ in range(2)]
    for number, cache in enumerate(caches):
        for i in range(200):
            cache.put(f"writer{number}-{i}", number, i, "city", "gazetteer")
    threads = [threading.Thread(target=cache.save) for cache in caches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    merged = GeocodeCache(path, matcher="m")
    assert len(merged) == 400 and merged.warnings == []


WRITER = """
import sys
from dashboard.geocoding.cache import GeocodeCache
path, name = sys.argv[1], sys.argv[2]
for round in range(15):
    cache = GeocodeCache(path, matcher="m")
    cache.put(f"{name}-{round}", 1.0, 2.0, "city", "gazetteer")
    assert cache.save(), cache.warnings
    assert not cache.warnings, cache.warnings
"""


def test_two_processes_saving_at_once_leave_a_valid_file_with_every_entry(tmp_path):
    path = tmp_path / ".geocache.json"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name], cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True
        )
        for name in ("first", "second")
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data["entries"]) == {f"{name}-{r}" for name in ("first", "second") for r in range(15)}
    assert not list(tmp_path.glob("*.tmp"))
