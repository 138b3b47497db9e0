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


# --- replacements judged before they are served: the real import pipeline on a copy of the sample ----------------

from tests.replacements import broken, copy_sample, put, without_last_rows  # noqa: E402


@pytest.fixture
def sample_store(tmp_path):
    """A store over a copy of the sample; its clocks are far ahead so every change is looked at and settled."""
    folder = copy_sample(tmp_path / "data")
    settings = Settings(data_dir=folder, geocode_cache=str(folder / ".geocache.json"))
    clock = Clock()
    store = DatasetStore(settings, clock=clock, wall_time=lambda: 4e9)
    return store, folder, clock


def look_again(store, clock):
    clock.now += 10
    store.current()
    store.wait_for_reload()
    return store.current(), store.status()


@pytest.mark.parametrize("file", ["partners.csv", "mobility.csv"])
@pytest.mark.parametrize("case", ["empty", "binary", "half-written", "deleted"])
def test_a_broken_replacement_is_refused_and_the_last_good_data_kept(sample_store, case, file, caplog):
    store, folder, clock = sample_store
    good = store.current()
    shown_time = store.status().data_time
    put(folder / file, broken((folder / file).read_bytes())[case])
    dataset, status = look_again(store, clock)
    assert dataset is good and store.version == 1
    assert status.kept and status.degraded and status.data_time == shown_time
    assert [p.file.rsplit("/", 1)[-1] for p in status.problems] == [file]  # the cause, not its consequences
    message = status.problems[0].message
    assert file in message
    assert {"empty": "empty", "binary": "binary", "half-written": "half-written", "deleted": "removed"}[case] in message
    assert file in caplog.text and "not swapped in" in caplog.text


def test_fixing_the_file_swaps_the_new_data_in_and_clears_the_status(sample_store):
    store, folder, clock = sample_store
    raw = (folder / "partners.csv").read_bytes()
    put(folder / "partners.csv", b"")
    assert look_again(store, clock)[1].kept
    put(folder / "partners.csv", without_last_rows(raw, 5))  # rows taken out of a sound file: an edit, served
    dataset, status = look_again(store, clock)
    assert len(dataset.partners) == 142 and store.version == 2
    assert not status.degraded and not status.kept


def test_a_broken_institution_file_keeps_the_name_shown(sample_store):
    store, folder, clock = sample_store
    name = store.current().institution.name
    put(folder / "institution.toml", b'name = "UCLL\n')
    dataset, status = look_again(store, clock)
    assert dataset.institution.name == name != "Home institution"
    assert "institution.toml cannot be read: not valid TOML" in status.problems[0].message


def test_a_partner_list_unreadable_at_start_up_is_a_problem_of_the_data_shown(tmp_path):
    folder = copy_sample(tmp_path / "data")
    (folder / "partners.csv").write_bytes(b"")
    status = DatasetStore(Settings(data_dir=folder, geocode_cache=str(folder / ".geocache.json"))).status()
    assert status.degraded and not status.kept
    assert "file is empty" in status.problems[0].message


def test_a_half_written_file_stays_refused_when_another_file_changes(sample_store):
    store, folder, clock = sample_store
    put(folder / "partners.csv", broken((folder / "partners.csv").read_bytes())["half-written"])
    assert look_again(store, clock)[1].kept
    put(folder / "key_figures.csv", (folder / "key_figures.csv").read_bytes() + b"\n")
    dataset, status = look_again(store, clock)
    assert len(dataset.partners) == 147 and status.kept and "half-written" in status.problems[0].message


def test_partners_taken_out_with_their_mobility_left_behind_is_an_edit(sample_store):
    store, folder, clock = sample_store
    put(folder / "partners.csv", without_last_rows((folder / "partners.csv").read_bytes(), 20))
    dataset, status = look_again(store, clock)
    assert len(dataset.partners) == 127 and not status.kept
    assert dataset.report.files[1].rows_rejected > 0  # the flows of the removed partners, on /data


def test_healthz_says_degraded_with_the_reason_and_stays_200(sample_store):
    from flask import Flask

    from dashboard.health import register_health

    store, folder, clock = sample_store
    server = Flask(__name__)
    register_health(server, store)
    client = server.test_client()
    assert client.get("/healthz").get_json()["status"] == "ok"
    put(folder / "partners.csv", b"")
    look_again(store, clock)
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200  # a load balancer keeps the worker: it still serves the last good data
    assert body["status"] == "degraded" and body["partners"] == 147
    assert "not swapped in" in body["reason"]
    assert body["problems"][0]["file"] == "partners.csv" and "file is empty" in body["problems"][0]["message"]


def test_a_restored_backup_with_an_old_modification_time_is_still_newer_data(sample_store):
    store, folder, clock = sample_store
    before = store.status().data_time
    put(folder / "partners.csv", without_last_rows((folder / "partners.csv").read_bytes(), 1))
    os.utime(folder / "partners.csv", ns=(1_000_000_000, 1_000_000_000))  # as `cp -p` or rsync -t leave it
    dataset, status = look_again(store, clock)
    assert len(dataset.partners) == 146
    assert status.data_time > before  # so the open pages, which reload on newer data, do


@pytest.mark.parametrize("name", ["agreements.csv", "iias/extra.xml"])
def test_agreement_files_are_watched_too(sample_store, name):
    store, folder, clock = sample_store
    (folder / name).parent.mkdir(exist_ok=True)
    put(folder / name, b"\x00\x01binary" * 500)
    status = look_again(store, clock)[1]
    if name == "agreements.csv":  # a file read soundly before: refused
        assert status.kept and "agreements.csv" in status.problems[0].message
    else:  # a new file: loaded, its problem listed on /data/
        assert store.version == 2
        assert any(f.file.endswith("extra.xml") and f.errors for f in store.current().report.files)
