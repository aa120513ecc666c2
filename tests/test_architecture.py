"""Rules the codebase keeps: a Qt-free core, no eval on scenario data, ruff clean."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ("simulator.scenario", "simulator.engine", "simulator.store", "simulator.reports.transcript", "simulator.cli")


def test_core_imports_no_qt() -> None:
    code = (
        "import sys, importlib\n"
        f"for m in {CORE!r}:\n    importlib.import_module(m)\n"
        "import simulator.cli as c; c.build_parser()\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_eval_or_unsafe_yaml_in_the_package() -> None:
    pattern = re.compile(r"(?<![.\w])(eval|exec)\(|yaml\.load\(|yaml\.(Unsafe|Full)?Loader\b|pickle\.loads")
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in (ROOT / "simulator").rglob("*.py")
        for i, line in enumerate(p.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_schema_is_valid_and_accepts_the_good_fixtures() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads((ROOT / "simulator" / "scenario" / "schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted((ROOT / "tests" / "fixtures" / "good").glob("*.yaml")) + sorted((ROOT / "scenarios").glob("*.yaml"))
    for path in files:
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
        assert errors == [], path.name
    bad = yaml.safe_load((ROOT / "tests" / "fixtures" / "bad" / "unknown_key.yaml").read_text())
    assert list(validator.iter_errors(bad))


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    command = [ruff, "check", "simulator", "tests", "benchmarks"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_core_is_mypy_strict_clean() -> None:
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    if mypy is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    core = ["simulator/scenario", "simulator/engine", "simulator/store", "simulator/authoring", "simulator/reports/transcript.py"]
    result = subprocess.run([mypy, "--strict", *core], cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
