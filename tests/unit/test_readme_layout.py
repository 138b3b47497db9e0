"""The README's layout section names every module and folder of the package, and names nothing that is gone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "dashboard"
SKIPPED = {"__init__.py", "__pycache__"}


def layout_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout of the code", 1)[1]
    return section.split("```", 2)[1]


def named(block: str, name: str) -> bool:
    """`name` (a module "x.py" or a folder "x/") appears as a word of its own, or inside a glob such as agreement*.py."""
    if re.search(rf"(?<![\w/*.]){re.escape(name)}(?![\w])", block):
        return True
    words = re.findall(r"[\w*]+\.py|[\w*]+/", block)
    return any("*" in word and Path(name.rstrip("/")).match(word.rstrip("/")) for word in words)


@pytest.mark.parametrize(
    "name",
    sorted(
        f"{entry.name}/" if entry.is_dir() else entry.name
        for entry in PACKAGE.iterdir()
        if entry.name not in SKIPPED and (entry.is_dir() or entry.suffix == ".py")
    ),
)
def test_every_module_and_folder_of_the_package_is_in_the_readme_layout(name):
    assert named(layout_block(), name), f"README.md's 'Layout of the code' does not name dashboard/{name}: add a line"


def test_the_readme_layout_names_no_module_that_is_gone():
    files = {p.name for folder in ("dashboard", "tests", "bench") for p in (REPO / folder).rglob("*.py")}
    for word in set(re.findall(r"[\w*]+\.py", layout_block())):
        assert any(Path(f).match(word) for f in files), f"README.md's layout names {word}, which no longer exists"


def test_the_check_notices_a_missing_name():
    assert named("  cli.py  the command line\n  present/  the tour", "present/")
    assert not named("  cli.py  the command line\n  present/  the tour", "public/")
    assert not named("  wsgi_app.py  x", "wsgi.py") and not named("  dashboard/app.py", "app.py")
    assert named("    agreement*.py  agreements.csv", "agreement_values.py")
