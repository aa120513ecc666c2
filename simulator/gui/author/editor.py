"""Open a scenario file in the trainer's own editor, at a given line where the editor allows it.

``$VISUAL`` (then ``$EDITOR``) names the editor; the way to pass a line differs between editors,
so the common ones are known by name and every other gets the widespread ``+LINE`` convention.
A terminal editor (vim, nano...) is started inside a terminal window when one is found. Without
a usable editor the system's default application opens the file, which can't jump to a line;
the caller says so and shows the line in its own source view.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices

TERMINAL_EDITORS = {"vi", "vim", "nvim", "nano", "pico", "micro", "joe", "ne", "kak", "helix", "hx", "emacs-nox", "mg"}
TERMINALS = ("x-terminal-emulator", "gnome-terminal", "konsole", "xfce4-terminal", "xterm")


def editor_command(
    path: str, line: int, col: int = 1, env: Mapping[str, str] | None = None, which: Callable[[str], str | None] = shutil.which
) -> list[str] | None:
    """The command that opens ``path`` at ``line`` in the user's editor, or None if there is none to use."""
    env = os.environ if env is None else env
    configured = (env.get("VISUAL") or env.get("EDITOR") or "").strip()
    try:
        words = shlex.split(configured)
    except ValueError:
        return None
    if not words:
        return None
    name = Path(words[0]).name.lower().removesuffix(".exe")
    command = words + _line_arguments(name, path, max(1, line), max(1, col))
    if name in TERMINAL_EDITORS or (name == "emacs" and "-nw" in words):
        terminal = next((t for t in TERMINALS if which(t)), None)
        return [terminal, "-e", *command] if terminal else None
    return command


_STYLES: dict[str, tuple[str, ...]] = {
    "goto": ("code", "codium", "code-insiders", "cursor", "vscodium"),  # --goto FILE:LINE:COL
    "suffix": ("subl", "sublime_text", "zed"),  # FILE:LINE:COL
    "flags": ("kate", "idea", "pycharm", "charm", "webstorm"),  # --line L --column C FILE (column from 0)
    "npp": ("notepad++",),  # -nLINE -cCOL FILE
    "none": ("notepad", "textedit", "open"),  # these can't jump to a line
}


def _line_arguments(name: str, path: str, line: int, col: int) -> list[str]:
    style = next((s for s, names in _STYLES.items() if name in names), "plus")
    return {
        "goto": ["--goto", f"{path}:{line}:{col}"],
        "suffix": [f"{path}:{line}:{col}"],
        "flags": ["--line", str(line), "--column", str(col - 1), path],
        "npp": [f"-n{line}", f"-c{col}", path],
        "none": [path],
        "plus": [f"+{line}", path],  # vi, vim, nano, emacs, gedit, gvim, mousepad, xed, micro, ...
    }[style]


def open_in_editor(path: str, line: int, col: int = 1) -> str:
    """Open the file and say what happened, in words for the status line."""
    command = editor_command(path, line, col)
    if command and QProcess.startDetached(command[0], command[1:])[0]:
        return f"Opened {Path(path).name} at line {line} in {Path(command[0]).name}."
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve()))):
        hint = "" if command else " Set VISUAL or EDITOR to an editor to jump straight to the line."
        return f"Opened {Path(path).name} with the system's default application: go to line {line}.{hint}"
    return f"No editor could be started for {Path(path).name}; line {line} is shown below."
