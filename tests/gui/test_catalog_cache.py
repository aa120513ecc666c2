"""Library cards come from the cache while files are unchanged, and are re-read when they change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from guihelp import write_scenario

from simulator.gui.catalog import Entry, load_catalog, read_entry
from simulator.gui.catalog_cache import cache_path, cached_entries


def test_unchanged_files_are_not_read_again(tmp_path: Path) -> None:
    path = write_scenario(tmp_path / "s")
    first = cached_entries([path], read_entry, Entry)
    assert cache_path().is_file()

    def must_not_read(p: Path) -> Entry:
        raise AssertionError(f"read {p} again")

    assert cached_entries([path], must_not_read, Entry) == first
    path.write_text(path.read_text().replace("Closed at the gate", "Closed at the big gate"))
    again = cached_entries([path], read_entry, Entry)
    assert again[0].title == "Closed at the big gate"


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    path = write_scenario(tmp_path / "s")
    cache_path().parent.mkdir(parents=True, exist_ok=True)
    cache_path().write_text("{not json")
    assert cached_entries([path], read_entry, Entry)[0].title == "Closed at the gate"


def test_warm_start_does_not_import_yaml(tmp_path: Path) -> None:
    load_catalog()  # warm the cache for the bundled scenarios
    code = "import sys; from simulator.gui.catalog import load_catalog; load_catalog(); print('yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ), capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
