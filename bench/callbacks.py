"""Server time and response size of each filter callback, through Dash's own endpoint (no browser).

    python -m bench.callbacks [--runs 30] [--only sample|10x|30x|100x]

Each scenario is the POST the browser sends for one interaction; a filter change fires the views callback and
the map callback together, so both are timed. Prints a Markdown table (median, p95, bytes) per dataset.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.dash_requests import CallbackClient
from dashboard import ids
from dashboard.app import create_app
from dashboard.callbacks.filters import controls_for
from dashboard.config import Settings
from dashboard.filters import FilterState
from dashboard.model import Dataset

REPO = Path(__file__).resolve().parents[1]
VIEWS = f"{ids.TIER_PYRAMID}.figure"
MAP = f"{ids.MAP_UPDATE}.data"  # the map callback, addressed by its first output
SYNC = f"{ids.URL}.search"
MAP_VALUES = {
    f"{ids.MAP_LAYER}.value": "partners",
    f"{ids.MAP_METRIC}.value": "partners",
    f"{ids.MAP_DIRECTION}.value": "outgoing",
    f"{ids.THEME_SWITCH}.checked": False,
}


@dataclass(frozen=True)
class Scenario:
    name: str
    callback: str
    values: dict[str, Any]
    changed: list[str]


def searches(dataset: Dataset) -> dict[str, str]:
    """Realistic filters for this dataset: a tier, the busiest countries, a year range, a mix of everything."""
    countries = dataset.partners["country"].value_counts().index[:2].tolist()
    years = dataset.academic_years
    middle = years[len(years) // 3], years[-1]
    return {
        "no filter": "",
        "tier": "?tier=strategic",
        "two countries": f"?country={','.join(sorted(countries))}",
        "region": "?region=Europe",
        "year range": f"?from={middle[0]}&to={middle[1]}",
        "everything": f"?tier=collaboration,mobility&region=Europe&from={middle[0]}&participant=student"
        "&direction=outgoing&q=univ",
    }


def scenarios(dataset: Dataset, page_token: str | None = None) -> list[Scenario]:
    """`page_token`: the hover cards the page holds after its first map (callbacks/map_update.py); every map
    scenario but the first draw sends it, as the page does."""
    out = [Scenario("map: first draw (figure and hover cards)", MAP, {"url.search": "", **MAP_VALUES}, [])]
    held = {**MAP_VALUES, f"{ids.MAP_CARDS_TOKEN}.data": page_token}
    for name, search in searches(dataset).items():
        out.append(Scenario(f"views: {name}", VIEWS, {"url.search": search}, ["url.search"]))
        out.append(Scenario(f"map: {name}", MAP, {"url.search": search, **held}, ["url.search"]))
    first = dataset.partners["partner_id"].iloc[0]
    for layer in ("countries", "flows"):
        values = {"url.search": "", **held, f"{ids.MAP_LAYER}.value": layer}
        out.append(Scenario(f"map: {layer} layer", MAP, values, [f"{ids.MAP_LAYER}.value"]))
    out.append(
        Scenario(
            "map: select a partner (ring only)",
            MAP,
            {"url.search": "", **held, f"{ids.SELECTED_PARTNER}.data": first},
            [f"{ids.SELECTED_PARTNER}.data"],
        )
    )
    controls = {f"{control}.value": value for control, value in controls_for(FilterState(), dataset).items()}
    out.append(
        Scenario(
            "sync: pyramid click -> URL",
            SYNC,
            {
                "url.search": "",
                **controls,
                f"{ids.TIER_PYRAMID}.clickData": {"points": [{"customdata": ["strategic", 1, ""]}]},
            },
            [f"{ids.TIER_PYRAMID}.clickData"],
        )
    )
    out.append(
        Scenario(
            "sync: tier control -> URL",
            SYNC,
            {
                "url.search": "",
                **controls,
                f"{ids.FILTER_TIER}.value": ["strategic"],
            },
            [f"{ids.FILTER_TIER}.value"],
        )
    )
    out.append(
        Scenario(
            "detail panel: table row click",
            f"{ids.SELECTED_PARTNER}.data",
            {f"{ids.PARTNER_TABLE}.cellClicked": {"rowId": first}},
            [f"{ids.PARTNER_TABLE}.cellClicked"],
        )
    )
    return out


@dataclass(frozen=True)
class Result:
    name: str
    median_ms: float
    p95_ms: float
    size: int  # the JSON as Dash writes it
    wire: int  # what crosses the network: gzip-compressed, as a browser asks for it
    cpu_ms: float = float("nan")  # median CPU time: what other jobs on a shared machine inflate least


def measure(client: CallbackClient, scenario: Scenario, runs: int) -> Result:
    _, size = client.call(scenario.callback, scenario.values, scenario.changed)  # also warms the caches
    times, cpu, wire = [], [], 0
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.thread_time()
        _, wire = client.call(scenario.callback, scenario.values, scenario.changed, gzip=True)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - cpu_start) * 1000)  # the test client serves in this thread
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return Result(scenario.name, statistics.median(times), p95, size, wire, statistics.median(cpu))


def sample_dataset() -> tuple[str, Dataset]:
    if (REPO / "dashboard" / "sample_data" / "partners.csv").is_file():
        from dashboard.dataset import load_dataset

        with tempfile.TemporaryDirectory() as cache_dir:
            settings = Settings(
                data_dir=REPO / "dashboard" / "sample_data", geocode_cache=str(Path(cache_dir) / "cache.json")
            )
            return "sample (data/)", load_dataset(settings)
    from tests.factories import make_dataset

    return "tests.factories (data/ absent)", make_dataset()


def large_dataset(size: str = "10x") -> tuple[str, Dataset]:
    """A generated dataset of `size` (bench.synthetic.SIZES), its mobility stored as load_dataset stores a data
    folder's (compact_mobility) and its indexes built, as a served dataset has them."""
    from bench.synthetic import SIZES, make_large_dataset
    from dashboard.model import compact_mobility

    partners, rows = SIZES[size]
    dataset = make_large_dataset(partners=partners, mobility_rows=rows)
    dataset.mobility = compact_mobility(dataset.mobility)
    dataset.indexes
    return f"{size} (bench.synthetic)", dataset


def table(label: str, dataset: Dataset, results: list[Result]) -> str:
    lines = [
        f"### {label}: {len(dataset.partners):,} partners, {len(dataset.mobility):,} mobility rows",
        "",
        "| callback | median ms | p95 ms | CPU ms | response KB | on the wire (gzip) KB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.name} | {r.median_ms:.1f} | {r.p95_ms:.1f} | {r.cpu_ms:.1f} | {r.size / 1024:.1f} | {r.wire / 1024:.1f} |"
        for r in results
    ]
    return "\n".join(lines)


def run(label: str, dataset: Dataset, runs: int) -> str:
    client = CallbackClient(create_app(Settings(), dataset=dataset))
    first, _ = client.call(MAP, {"url.search": "", **MAP_VALUES}, [])
    token = first["response"][ids.MAP_UPDATE]["data"]["token"]
    return table(label, dataset, [measure(client, s, runs) for s in scenarios(dataset, token)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--only", choices=("sample", "10x", "30x", "100x"), help="one dataset (default: sample and 10x)"
    )
    args = parser.parse_args(argv)
    for key in [args.only] if args.only else ["sample", "10x"]:
        label, dataset = sample_dataset() if key == "sample" else large_dataset(key)
        print(run(label, dataset, args.runs), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
