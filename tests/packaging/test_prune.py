"""Pruning the frozen build keeps Qt's input-method plugins: without them dead keys, accents
(compose) and CJK input (IBus) fail when a trainee types their name in the built app."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from prune import SHIPPED, UNUSED, prune  # noqa: E402 - packaging/ is not a package


def test_input_method_plugins_are_shipped(tmp_path: Path) -> None:
    build = tmp_path / "simulator"
    plugins = build / "_internal" / "PySide6" / "Qt" / "plugins"
    compose = plugins / "platforminputcontexts" / "libcomposeplatforminputcontextplugin.so"
    ibus = plugins / "platforminputcontexts" / "libibusplatforminputcontextplugin.so"
    unused = plugins / "platformthemes" / "libqgtk3.so"
    for path in (compose, ibus, unused):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not an ELF file")  # so nothing is judged by the libraries it links
    prune(build)
    assert compose.exists() and ibus.exists()
    assert not unused.exists()  # pruning still works
    assert not any(pattern.startswith(SHIPPED) for pattern in UNUSED)
