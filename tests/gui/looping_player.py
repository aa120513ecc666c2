"""Run by test_beside_commands.py in a child process: the real app, offscreen, playing until told to stop.

It starts as ``simulator`` does (``gui.main.build``: the store, the catalog, the window and, once
a session ends, the background sync), signs a trainee in and plays the scenario again and again
through the real reply buttons. Usage: looping_player.py DB SCENARIO STOPFILE

Prints ``saved SESSION DECISIONS`` when a session's debrief is on screen, ``problem ...`` (and
exits 3) if the app shows any problem dialog, and ``closed`` after closing once STOPFILE exists.
"""

from __future__ import annotations

import argparse
import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    db, scenario, stop = sys.argv[1:4]
    from PySide6.QtCore import QTimer

    from simulator.gui.main import build

    app, store, window = build(argparse.Namespace(db=db, scenario=scenario))

    def problem(headline: str, details: str) -> None:  # instead of a modal box nobody can press
        say(f"problem {headline} {details}".replace("\n", " "))
        os._exit(3)

    window._problem = problem
    window.profile.name_edit.setText("App Player")
    window.profile.create_button.click()
    window.library.set_mode("assessment")
    card = next(c for c in window.library.cards if c.entry.path.name == os.path.basename(scenario))
    card.start_button.click()
    rng = random.Random(os.getpid())
    playing: dict[str, int] = {}

    def step() -> None:
        if os.path.exists(stop):
            timer.stop()
            window.close()
            store.close()
            say("closed")
            app.quit()
            return
        play = window.play
        if window.stack.currentWidget() is play and play.session is not None:
            playing[play.session.id] = len(play.session.decisions)
            if play.end_button.isVisible():
                play.end_button.click()
            else:
                ready = [b for b in play.choices.buttons if b.isVisible() and b.isEnabled()]
                if ready:
                    rng.choice(ready).click()
        elif window.stack.currentWidget() is window.debrief:
            for session_id, decisions in playing.items():
                say(f"saved {session_id} {decisions}")
            playing.clear()
            window.debrief.again_button.click()

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(10)
    app.exec()


if __name__ == "__main__":
    main()
