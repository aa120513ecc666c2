#!/usr/bin/env bash
# Set everything up and open the simulator (bundled scenarios, default local database).
# Any arguments go to the app instead, e.g. scripts/run.sh --db /tmp/results.db
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$#" -eq 0 ]; then
  # First look: pick or create a profile, and the rained-out park starts (the library has the rest).
  set -- --scenario scenarios/rained-out-park.yaml
fi
exec .venv/bin/simulator "$@"
