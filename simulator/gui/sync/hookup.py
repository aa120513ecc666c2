"""Wire results sync into the main window: the Staff menu's status entry, the controller, the gate.

``install(window)`` is called once the window is on screen. It keeps the Staff menu's "Results
sync" entry saying how the sync stands (trainees' screens never show it) and starts the background
sync (now, then every few minutes); the window calls ``shutdown`` when it closes, which interrupts
a backoff wait so closing is never held up for long. ``open_settings`` shows the settings page
through the window's staff door (``door``): the staff passphrase the workbench and the supervisor
area share, asked unless a staff visit is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow

from simulator.gui.sync.indicator import SyncMenuItem
from simulator.gui.sync.worker import PERIOD_MS, SyncController

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from simulator.gui.sync.settings import SyncSettingsDialog


class SyncUi(QObject):
    """The window's results sync: ``controller``, ``menu_item`` (status in the Staff menu) and (when open) ``dialog``."""

    settings_closed = Signal()
    """The settings page was closed (a staff visit may end)."""

    def __init__(
        self,
        window: QMainWindow,
        store: Any,
        action: QAction,
        *,
        door: Callable[[Callable[[], Any]], Any],
        unlocked: Callable[[], bool] = lambda: False,
        secrets: Any = ...,
        period_ms: int = PERIOD_MS,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        """``action``: the Staff menu's results sync entry, which will say how the sync stands;
        ``door(show)`` runs ``show`` behind the staff passphrase (the window's staff door)."""
        super().__init__(window)
        self.window, self.store, self.unlocked, self.door = window, store, unlocked, door
        path = str(getattr(store, "path", "") or "")
        self.controller = SyncController(path, self, secrets=secrets, period_ms=period_ms, client_options=client_options)
        self.menu_item = SyncMenuItem(action)
        self.controller.changed.connect(self.menu_item.show_status)
        self.dialog: SyncSettingsDialog | None = None
        self.controller.start()

    def shutdown(self) -> None:
        """Stop syncing (the window is closing); a sync in flight ends at its next batch boundary."""
        self.controller.shutdown()

    def session_finished(self) -> None:
        self.controller.session_finished()

    def open_settings(self) -> Any:
        """The settings page, after the staff passphrase; returns the page or the passphrase dialog now on screen."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        if self.unlocked():
            return self._show_settings()
        self.door(self._show_settings)
        return self.dialog or self.window.staff.dialog  # type: ignore[attr-defined]

    def _show_settings(self) -> SyncSettingsDialog:
        from simulator.gui.sync.settings import SyncSettingsDialog  # only when asked: start-up never pays for it

        self.dialog = SyncSettingsDialog(self.store, self.controller, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        return self.dialog

    def _closed(self) -> None:
        self.dialog = None
        self.settings_closed.emit()


def install(window: Any, **options: Any) -> SyncUi:
    """Results sync for ``window`` (a ``MainWindow``): call after it is shown."""

    def unlocked() -> bool:
        return bool(window.staff.is_open)

    ui = SyncUi(window, window.store, window.sync_action, door=window._staff_door, unlocked=unlocked, **options)
    ui.settings_closed.connect(window._staff_left)
    return ui
