"""Entry point of the frozen app: the same `simulator` command as the console script."""

from simulator.cli import main

raise SystemExit(main())
