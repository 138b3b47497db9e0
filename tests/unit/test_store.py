"""Data files replaced while the app runs: the app serves the old or the new data whole, and picks up the new."""

import os

import pytest

from dashboard.config import Settings
from dashboard.store import DatasetStore


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def write(path, text, mtime_ns):
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))


@pytest.fixture
def folder(tmp_path):
    write(tmp_path / "partners.csv", "v1", 1_000_000_000)
    return tmp_path


def store_for(folder, loader, clock):
    return DatasetStore(Settings(data_dir=folder), loader=loader, clock=clock, check_seconds=2.0)


def test_a_replaced_file_is_served_after_the_reload_and_never_before(folder):
    loads = []

    def loader(settings):
        loads.append((settings.data_dir / "partners.csv").read_text())
        return f"dataset {loads[-1]}"

    clock = Clock()
    store = store_for(folder, loader, clock)
    assert store.current() == "dataset v1"
    write(folder / "partners.csv", "v2", 2_000_000_000)
    assert store.current() == "dataset v1"  # not looked at again within check_seconds
    clock.now = 5
    store.current()
    store.wait_for_reload()
    assert store.current() == "dataset v2" and store.version == 2
    assert loads == ["v1", "v2"]


def test_a_load_that_overlaps_another_change_is_discarded_then_redone(folder):
    clock = Clock()
    calls = []

    def loader(settings):
        calls.append(1)
        if len(calls) == 2:  # the file is rewritten while this load runs: what it read may be half a file
            write(folder / "partners.csv", "v3", 3_000_000_000)
            return "dataset half-read"
        return f"dataset {(settings.data_dir / 'partners.csv').read_text()}"

    store = store_for(folder, loader, clock)
    write(folder / "partners.csv", "v2", 2_000_000_000)
    clock.now = 5
    store.current()
    store.wait_for_reload()
    assert store.current() == "dataset v1"  # the half-read load was never served
    clock.now = 10
    store.current()
    store.wait_for_reload()
    assert store.current() == "dataset v3"


def test_a_failing_reload_keeps_serving_the_previous_data(folder, caplog):
    clock = Clock()
    state = {"fail": False}

    def loader(settings):
        if state["fail"]:
            raise ValueError("broken file")
        return "dataset v1"

    store = store_for(folder, loader, clock)
    state["fail"] = True
    write(folder / "partners.csv", "garbage", 2_000_000_000)
    clock.now = 5
    store.current()
    store.wait_for_reload()
    assert store.current() == "dataset v1"
    assert "still serving the previous data" in caplog.text


def test_an_injected_dataset_is_not_watched(folder):
    store = DatasetStore(Settings(data_dir=folder), "given", watch=False, loader=lambda s: pytest.fail("loaded"))
    write(folder / "partners.csv", "v2", 2_000_000_000)
    assert store.current() == "given"
