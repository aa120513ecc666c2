#!/usr/bin/env bash
# Set up everything the simulator needs on Debian/Ubuntu: the system libraries Qt loads, then a
# project virtual environment (.venv) with the Python packages. Safe to run again: it only
# installs what is missing. Usage: scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

QT_LIBS="libgl1 libegl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 \
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 \
libxcb-xinerama0 libxrender1 libxi6 fonts-dejavu-core"
PY_VENV_PKG="python3-venv"
EXTRA="${SIMULATOR_EXTRA_APT:-}"
PYTHON="${PYTHON:-}"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3 python3.12 python3.13; do
    if "$candidate" -c "import sys; sys.exit(sys.version_info < (3, 11))" >/dev/null 2>&1; then
      PYTHON="$candidate"; break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "error: Python 3.11 or newer is needed (Debian: apt-get install python3 python3-venv)" >&2
  exit 1
fi

missing=""
if command -v dpkg >/dev/null 2>&1; then
  wanted="$QT_LIBS $EXTRA"
  if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then wanted="$wanted $PY_VENV_PKG"; fi
  for pkg in $wanted; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "Installing system libraries:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "These system packages are missing:$missing" >&2
    echo "Install them as root, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  log "Creating the virtual environment .venv ($("$PYTHON" --version))"
  "$PYTHON" -m venv .venv
fi
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
stamp=".venv/.installed$extras"
want="$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "Installing Python packages$extras"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
  echo "$want" > "$stamp"
fi
# Bytecode for our own package, as pip writes it for installed ones: an editable install otherwise
# compiles on first import, or on every start where PYTHONDONTWRITEBYTECODE is set (~20 ms of start-up).
.venv/bin/python -m compileall -q simulator >/dev/null || true
