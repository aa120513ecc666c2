#!/usr/bin/env bash
# Set everything up and open the simulator (bundled scenarios, default local database).
# Any arguments go to the app, e.g. scripts/run.sh --db /tmp/results.db
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/simulator "$@"
