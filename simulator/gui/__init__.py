"""The PySide6 desktop app: practice (trainee), author (trainer), supervise (supervisor), sync.

The top layer: may import every package below it; with ``simulator.charts`` and the PDF writer
the only code that imports Qt. It never talks SQL (no sqlite3 or sqlite-utils): it calls ``store``.
"""
