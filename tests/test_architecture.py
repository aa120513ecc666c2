"""Rules the codebase keeps: imports go down only (import-linter contracts in pyproject.toml), no
import cycles, a Qt-free core, no eval on scenario data, ruff and mypy clean."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ("simulator.scenario", "simulator.engine", "simulator.store", "simulator.xapi", "simulator.reports.formats")
CORE += ("simulator.cli",)


def _venv_tool(name: str) -> str:
    tool = shutil.which(name, path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return tool


def test_import_contracts_are_kept() -> None:
    """pyproject.toml's contracts: the layers, Qt only in gui and the chart painting, and more.
    grimp reads every import statement, those inside functions and under TYPE_CHECKING too."""
    done = subprocess.run(
        [_venv_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stdout[-4000:]
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", done.stdout)
    assert kept and int(kept.group(1)) >= 5, done.stdout[-1000:]


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components with more than one module: every import cycle, each once."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def test_strongly_connected_finds_a_cycle_through_three_modules() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(edges) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_among_modules() -> None:
    """Function-local and type-only imports count: a cycle of either kind still ties modules together."""
    grimp = pytest.importorskip("grimp")  # import-linter's graph builder
    graph = grimp.build_graph("simulator", cache_dir=None)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert strongly_connected(edges) == []


def test_core_imports_no_qt() -> None:
    """At run time too: the command modules are imported by name, which no import graph sees."""
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
def test_everything_but_the_gui_is_mypy_strict_clean() -> None:
    command = [_venv_tool("mypy"), "--strict", "-p", "simulator", "--exclude", "simulator/gui/"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.slow
def test_the_gui_is_mypy_clean() -> None:
    """Checked without --strict: PySide6's stubs leave many Qt calls untyped, but a misused one still shows."""
    command = [_venv_tool("mypy"), "-p", "simulator.gui"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:]
