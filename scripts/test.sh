#!/usr/bin/env bash
# Set everything up and run the whole test suite headless (Qt offscreen, no screen needed).
# Any arguments go to pytest, e.g. scripts/test.sh -k engine
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
