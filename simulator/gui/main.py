"""Placeholder window until the practice screens land: proves Qt starts on this machine."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("Service Recovery Simulator\n\nThe practice screens are on their way.")
    label.setMinimumSize(480, 240)
    label.setWindowTitle("Service Recovery Simulator")
    label.show()
    if args.self_test:
        label.close()
        return 0
    return app.exec()
