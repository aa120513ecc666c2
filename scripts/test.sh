#!/usr/bin/env bash
# Set everything up and run the whole test suite headless (Qt offscreen, no screen needed).
# Any arguments go to pytest, e.g. scripts/test.sh -k engine
set -euo pipefail
cd "$(dirname "$0")/.."
# The xAPI tests run against a real Learning Record Store, a Node.js service (scripts/lrs.sh).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  export SIMULATOR_EXTRA_APT="${SIMULATOR_EXTRA_APT:-} nodejs npm"
fi
# Graphviz: the workbench map's optional "dot" layout, tested when it is there (so CI has it).
command -v dot >/dev/null 2>&1 || export SIMULATOR_EXTRA_APT="${SIMULATOR_EXTRA_APT:-} graphviz"
bash scripts/setup.sh --test
bash scripts/lrs.sh >/dev/null
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
