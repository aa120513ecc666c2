"""Trim a PyInstaller one-folder build of what the simulator never loads.

PyInstaller collects every Qt plugin of the modules we import, their translations, and the
system libraries those plugins link (the GTK platform theme alone drags in GTK's whole stack).
``excludes`` can't remove them, so after COLLECT we delete the unused plugins and translations,
then every bundled shared library that no remaining binary lists as DT_NEEDED.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

UNUSED = (  # glob patterns under _internal/
    "PySide6/Qt/translations",
    "PySide6/Qt/plugins/platformthemes",  # GTK theme: we ship our own style sheet
    "PySide6/Qt/plugins/egldeviceintegrations",  # embedded EGLFS boards
    "PySide6/Qt/plugins/generic",  # touchscreen/tslib input for embedded devices
    # platforminputcontexts stays: compose (dead keys, accents) and IBus (CJK) type trainees' names
    # screens we never run on (xcb, wayland, offscreen and minimal stay)
    "PySide6/Qt/plugins/platforms/lib[q]{eglfs,linuxfb,minimalegl,vkkhrdisplay,vnc}.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/*-server.so",  # compositor side
    # image formats: our art is SVG and PNG (PNG is built into Qt)
    "PySide6/Qt/plugins/imageformats/libq{gif,icns,ico,jpeg,tga,tiff,wbmp,webp}.so",
)
KEEP = ("libpython",)  # loaded with dlopen by the bootloader, so no binary lists it as NEEDED
# Binaries shipped with their symbol tables: stripped, they lose 40 to 80 % (libpython 17 MB, the
# typed-reply matcher's Cython and Rust extensions 11 MB). Never a wheel's vendored ``*.libs``
# (auditwheel-patched: numpy's OpenBLAS no longer loads once stripped) nor Qt's own libraries.
STRIPPED = (
    "libpython3*.so*",
    "python3*/lib-dynload/*.so",
    "wordllama/algorithms/*.so",
    "tokenizers/*.so",
    "safetensors/*.so",
    "pydantic_core/*.so",
    "yaml/*.so",
)
SHIPPED = ("PySide6/Qt/plugins/platforminputcontexts",)  # must survive pruning: checked by tests/packaging
_DT_NEEDED, _DT_STRTAB, _PT_DYNAMIC = 1, 5, 2


def needed(path: Path) -> set[str]:
    """Sonames a 64-bit little-endian ELF file links to (empty for anything else)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return set()
    phoff, phentsize, phnum = struct.unpack_from("<Q", data, 0x20)[0], *struct.unpack_from("<HH", data, 0x36)
    segments = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]
    dynamic = next((s for s in segments if s[0] == _PT_DYNAMIC), None)
    if dynamic is None:
        return set()
    entries = [struct.unpack_from("<qQ", data, dynamic[2] + i * 16) for i in range(dynamic[5] // 16)]
    strtab_addr = next((v for tag, v in entries if tag == _DT_STRTAB), None)
    load = [s for s in segments if s[0] == 1 and s[3] <= (strtab_addr or 0) < s[3] + s[6]]
    if strtab_addr is None or not load:
        return set()
    strtab = strtab_addr - load[0][3] + load[0][2]
    return {data[strtab + v : data.index(b"\0", strtab + v)].decode() for tag, v in entries if tag == _DT_NEEDED}


def prune(folder: Path) -> tuple[int, int]:
    """Delete unused parts of ``folder``; returns (files removed, bytes freed)."""
    internal = folder / "_internal"
    removed, freed = 0, 0
    for pattern in UNUSED:
        for target in _glob(internal, pattern):
            files = [target] if target.is_file() else [p for p in target.rglob("*") if p.is_file()]
            removed, freed = removed + len(files), freed + sum(p.stat().st_size for p in files)
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    while True:
        elves = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and (p.suffix == ".so" or ".so." in p.name)]
        users = set().union(*(needed(p) for p in [*elves, folder / folder.name] if p.exists()))
        candidates = [*internal.glob("*.so*"), *internal.glob("PySide6/Qt/lib/*.so*")]
        orphans = [p for p in candidates if p.is_file() and p.name not in users and not p.name.startswith(KEEP)]
        if not orphans:
            return removed, freed
        for orphan in orphans:
            freed += orphan.stat().st_size
            orphan.unlink()
            removed += 1


def strip(folder: Path) -> int:
    """Strip the symbol tables of ``STRIPPED`` (when binutils' strip is there); returns bytes freed."""
    tool = shutil.which("strip")
    if tool is None:
        return 0
    freed = 0
    for pattern in STRIPPED:
        for binary in (folder / "_internal").glob(pattern):
            if binary.is_file() and not binary.is_symlink():
                before = binary.stat().st_size
                subprocess.run([tool, "--strip-unneeded", str(binary)], check=True, capture_output=True)
                freed += before - binary.stat().st_size
    return freed


def _glob(root: Path, pattern: str) -> list[Path]:
    """``Path.glob`` plus one level of ``{a,b}`` alternatives."""
    if "{" not in pattern:
        return list(root.glob(pattern))
    head, rest = pattern.split("{", 1)
    options, tail = rest.split("}", 1)
    return [p for option in options.split(",") for p in root.glob(head + option + tail)]
