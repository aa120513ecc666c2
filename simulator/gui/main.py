"""App start: the Qt application, the look, the results store and the main window.

``simulator`` with no command lands here. ``--self-test`` starts offscreen with a throwaway
database, plays the first bundled scenario to an ending through the real widgets and exits 0
only if every screen appeared, which is what the frozen build's smoke test runs.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    Options = argparse.Namespace | SimpleNamespace  # the command line's, or the self-test's own


def application() -> Any:
    """The one QApplication, styled (created on first call)."""
    from PySide6.QtWidgets import QApplication

    from simulator.gui import style

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Service Recovery Simulator")
        app.setOrganizationName("service-recovery-simulator")
        app.setApplicationDisplayName("Service Recovery Simulator")
        style.apply(app)
    return app


def build(args: Options, clock: Any = None) -> tuple[Any, Any, Any]:
    """The application, the opened store and the main window (shown on the profile screen).

    The store and the library's catalog are opened before PySide6 is imported: once imported,
    PySide6 reads the source of every module imported after it (its ``__feature__`` hook), so the
    Qt-free part of start-up runs first.
    """
    from simulator.gui.catalog import load_catalog
    from simulator.store import open_store
    from simulator.store.library import LIBRARY_KEY

    store = open_store(getattr(args, "db", None))
    extra = [args.scenario] if getattr(args, "scenario", None) else []
    entries = load_catalog(extra, store.get_setting(LIBRARY_KEY, None))
    app = application()
    from simulator.gui.window import MainWindow

    window = MainWindow(store, clock=clock, extra_scenarios=extra, open_first=bool(extra), entries=entries)
    window.resize(_initial_size(app))
    window.show_profiles()
    window.show()
    return app, store, window


def run(args: Options) -> int:
    if getattr(args, "self_test", False):
        return self_test(args)
    from simulator.store import StoreError

    try:
        app, store, window = build(args)
    except StoreError as exc:
        return _fatal(str(exc))
    try:
        return app.exec()
    finally:
        window.close()
        store.close()


def self_test(args: Options) -> int:
    """Play the first bundled scenario offscreen by pressing its first reply until it ends, then
    match one typed reply with the bundled model (no network needed)."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        probe = SimpleNamespace(db=os.path.join(folder, "self-test.db"), scenario=args.scenario)
        app, store, window = build(probe)
        try:
            ok = _play_through(app, window) and _match_one(window)
        finally:
            window.close()
            store.close()
    print("self-test passed" if ok else "self-test FAILED")  # noqa: T201 - the command's only output
    return 0 if ok else 1


def _play_through(app: Any, window: Any) -> bool:
    window._create_trainee("Self Test", "")
    if not window.library.cards:
        return False
    card = window.library.cards[0]
    card.start_button.click()
    for _ in range(200):
        app.processEvents()
        if window._debrief is not None and window.stack.currentWidget() is window.debrief:
            return window.debrief.card is not None and window.debrief.card.finished
        play = window.play
        if play.end_button.isVisible():
            play.end_button.click()
        elif play.choices.buttons:
            play.choices.buttons[0].click()
        else:
            return False
    return False


def _match_one(window: Any) -> bool:
    """The bundled typed-reply model loads offline: a reply's own words come back as that reply."""
    from simulator.engine.matching import Matcher, ModelMissing
    from simulator.scenario import read_scenario

    scenario = read_scenario(window.library.cards[0].entry.path)
    replies = scenario.nodes[scenario.start].choices
    try:
        found = Matcher().rank(replies[-1].text, replies)
    except ModelMissing:
        return False
    return found.verdict == "clear" and found.best is replies[-1]


def _initial_size(app: Any) -> Any:
    from PySide6.QtCore import QSize

    screen = app.primaryScreen()
    available = screen.availableGeometry().size() if screen else QSize(1280, 800)
    return QSize(min(1180, available.width() - 40), min(800, available.height() - 60))


def _fatal(message: str) -> int:
    from PySide6.QtWidgets import QMessageBox

    application()
    box = QMessageBox(QMessageBox.Icon.Critical, "Service Recovery Simulator", message)
    box.exec()
    return 1
