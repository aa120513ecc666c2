#!/usr/bin/env bash
# Install a built dist/service-recovery-simulator/ for the current user: the app folder under
# ~/.local/opt, a launcher in ~/.local/bin, the menu entry and the icon.
set -euo pipefail
cd "$(dirname "$0")/.."
src="dist/service-recovery-simulator"
[ -x "$src/service-recovery-simulator" ] || { echo "build first: make dist" >&2; exit 1; }
prefix="${PREFIX:-$HOME/.local}"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" "$prefix/share/icons/hicolor/256x256/apps"
rm -rf "$prefix/opt/service-recovery-simulator"
cp -a "$src" "$prefix/opt/service-recovery-simulator"
ln -sf "$prefix/opt/service-recovery-simulator/service-recovery-simulator" "$prefix/bin/service-recovery-simulator"
cp assets/icons/app.png "$prefix/share/icons/hicolor/256x256/apps/service-recovery-simulator.png"
sed "s|^Exec=.*|Exec=$prefix/bin/service-recovery-simulator|" packaging/service-recovery-simulator.desktop \
  > "$prefix/share/applications/service-recovery-simulator.desktop"
echo "installed: $prefix/bin/service-recovery-simulator (menu entry: Service Recovery Simulator)"
