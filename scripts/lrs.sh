#!/usr/bin/env bash
# Install the Learning Record Store the xAPI tests and benchmark run against: Learning Locker's
# statements service (npm @learninglocker/xapi-statements, in-memory models, no MongoDB needed).
# It goes to .lrs/ in the checkout (gitignored), or $SIMULATOR_LRS_DIR. Safe to run again: when
# the right version is already there it returns at once. Needs node >= 18 and npm.
# Usage: bash scripts/lrs.sh   (prints the install folder on its last line)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="@learninglocker/xapi-statements"
VERSION="7.8.0"
DIR="${SIMULATOR_LRS_DIR:-$PWD/.lrs}"
ENTRY="$DIR/node_modules/$PACKAGE/dist/index.js"
MARK="$DIR/.installed-$VERSION"

if [ -f "$MARK" ] && [ -f "$ENTRY" ]; then
  echo "$DIR"
  exit 0
fi
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: '$tool' is not installed; the xAPI tests need Node.js 18+ and npm (Debian: apt-get install nodejs npm)" >&2
    exit 1
  fi
done

printf '\033[1m==> %s\033[0m\n' "Installing $PACKAGE@$VERSION into $DIR (about 20 s, once)" >&2
mkdir -p "$DIR"
cat > "$DIR/package.json" <<JSON
{"name": "simulator-test-lrs", "version": "0.0.0", "private": true, "description": "LRS for the xAPI tests"}
JSON
# --ignore-scripts: nothing to build (pure JS), and no install hooks run as root in CI.
(cd "$DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error --save-exact "$PACKAGE@$VERSION" >&2)
[ -f "$ENTRY" ] || { echo "error: npm finished but $ENTRY is missing" >&2; exit 1; }
touch "$MARK"
echo "$DIR"
