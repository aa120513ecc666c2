"""Screenshots of every supervisor screen on a realistic cohort, for a person to look at.

Run: ``.venv/bin/python tests/supervise/make_screens.py [OUT_FOLDER]`` (default /tmp/supervise-shots).
40 trainees practise the bundled scenarios over six weeks (``supervisedata.populate``).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, Qt
from PySide6.QtWidgets import QApplication
from supervisedata import populate

from simulator.gui import style
from simulator.gui.supervise.area import SupervisorArea
from simulator.gui.supervise.lock import Gate
from simulator.store import open_store


def settle(app: QApplication, area: SupervisorArea, ms: int = 3000) -> None:
    deadline = QDeadlineTimer(ms)
    while not deadline.hasExpired():
        app.processEvents()
        content = area.content
        if content is None or content.cohort.model_.complete:
            break
    app.processEvents()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/supervise-shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    style.apply(app, float(os.environ.get("SHOT_SCALE", "1")))
    db = out / "cohort.db"
    if not db.exists():
        with open_store(db) as store:
            populate(store)
    store = open_store(db)
    area = SupervisorArea(store, today=lambda: date(2026, 2, 16))
    area.resize(*(int(x) for x in os.environ.get("SHOT_SIZE", "1280x800").split("x")))
    area.show()
    area.grab().save(str(out / "0-locked.png"))
    if not Gate(store).is_set():
        Gate(store).set_passphrase("correct horse battery")
    area.request_access()
    dialog = area.access_dialog
    dialog.grab().save(str(out / "1-passphrase.png"))
    dialog.passphrase.setText("correct horse battery")
    dialog.submit()
    settle(app, area)
    content = area.content
    content.grab().save(str(out / "2-cohort.png"))
    content.cohort.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    content.grab().save(str(out / "3-cohort-sorted.png"))
    first = content.cohort.model_.lines[0].trainee_id
    content.open_trainee(first)
    app.processEvents()
    content.grab().save(str(out / "4-trainee.png"))
    scroll = content.scorecard.verticalScrollBar()
    for step in (1, 2, 3):
        scroll.setValue(min(scroll.maximum(), step * content.scorecard.viewport().height()))
        app.processEvents()
        if step == 3:
            content.scorecard.session_table.selectRow(0)
            app.processEvents()
            scroll.setValue(scroll.maximum())
            app.processEvents()
        content.grab().save(str(out / f"5-trainee-{step}.png"))
    content.tabs.setCurrentIndex(2)
    for _ in range(5):  # the tab fills itself when first shown: let its layout settle
        app.processEvents()
    content.grab().save(str(out / "6-scenario.png"))
    content.scenario_view.verticalScrollBar().setValue(content.scenario_view.verticalScrollBar().maximum())
    app.processEvents()
    content.grab().save(str(out / "7-scenario-lower.png"))
    dialog = content.export()
    dialog.grab().save(str(out / "8-export.png"))
    QCoreApplication.processEvents()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
