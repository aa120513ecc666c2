"""Build the app with build.spec and run the frozen binary's self-test (slow: ~20 s)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAME = "service-recovery-simulator"


def test_desktop_file_is_valid() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(ROOT / "packaging" / f"{NAME}.desktop")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"] == NAME and section["Icon"] == NAME
    assert (ROOT / "assets" / "icons" / "app.png").is_file()


@pytest.mark.slow
def test_frozen_build_passes_its_self_test(tmp_path: Path) -> None:
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]')")
    dist, work = tmp_path / "dist", tmp_path / "build"
    build = subprocess.run(
        [pyinstaller, "--noconfirm", "--log-level", "ERROR", "--distpath", str(dist), "--workpath", str(work), "build.spec"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    app = dist / NAME / NAME
    assert app.is_file()
    size = sum(p.stat().st_size for p in (dist / NAME).rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 220e6, f"the build grew to {size / 1e6:.0f} MB"  # 160 MB before the typed-reply model (#19)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIMULATOR_DB": str(tmp_path / "results.db")}
    elsewhere = tmp_path / "cwd"  # the frozen app must not rely on the checkout
    elsewhere.mkdir()
    result = subprocess.run(
        [str(app), "--self-test"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    check = subprocess.run(
        [str(app), "validate", str(dist / NAME / "_internal" / "scenarios")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
