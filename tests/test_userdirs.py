"""Our XDG shortcut must name the same folders platformdirs would (it only exists to skip its import)."""

from __future__ import annotations

import subprocess
import sys

import platformdirs
import pytest

from simulator.userdirs import APP_NAME, user_dir

CASES = [
    {"HOME": "/home/ana"},
    {"HOME": "/home/ana", "XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/cache"},
    {"HOME": "/home/ana", "XDG_DATA_HOME": "relative/data", "XDG_CACHE_HOME": ""},  # ignored, as the spec says
    {"HOME": "relative-home"},  # left to platformdirs
]


@pytest.mark.parametrize("env", CASES)
def test_same_folders_as_platformdirs(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(user_dir("data")) == platformdirs.user_data_dir(APP_NAME, appauthor=False)
    assert str(user_dir("cache")) == platformdirs.user_cache_dir(APP_NAME, appauthor=False)


def test_the_usual_case_does_not_import_platformdirs() -> None:
    code = "import sys; from simulator.userdirs import user_dir; user_dir('data'); print('platformdirs' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"HOME": "/home/ana"})
    assert done.stdout.strip() == "False"
