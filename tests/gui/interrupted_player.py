"""Run by test_resume.py in a child process: play two replies in the real window, then die.

SIGKILL, not a clean exit: nothing gets a chance to flush or close, as when a PC loses power or
the app is killed from the task manager. Usage: interrupted_player.py DB SCENARIO NAME MODE
"""

from __future__ import annotations

import os
import signal
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    db, scenario, name, mode = sys.argv[1:5]
    from simulator.gui.main import application
    from simulator.gui.window import MainWindow
    from simulator.store import open_store

    application()
    window = MainWindow(open_store(db), extra_scenarios=[scenario], shuffle=lambda: None)  # it clicks by file place
    window.show_profiles()
    window.show()
    window.profile.name_edit.setText(name)
    window.profile.create_button.click()
    window.library.set_mode(mode)
    card = next(c for c in window.library.cards if c.entry.path.name == os.path.basename(scenario))
    card.start_button.click()
    window.play.choices.buttons[0].click()  # gate -> listens
    window.play.choices.buttons[1].click()  # "Can I ask what he likes most?" loops back to listens
    sys.stdout.write(window.play.session.id + "\n")
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
