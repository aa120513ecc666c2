"""Entry point of the frozen app: the same `simulator` command as the console script, and the
app's face-drawing process (``--face-worker``, started by simulator/gui/face_render.py)."""

import sys

if sys.argv[1:2] == ["--face-worker"]:
    from simulator.gui.face_worker import main
else:
    from simulator.cli import main

raise SystemExit(main())
