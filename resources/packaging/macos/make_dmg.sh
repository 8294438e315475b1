#!/usr/bin/env bash
# Wrap the .app that `pyinstaller build.spec` made on macOS into a .dmg with a
# link to /Applications. Run from the repository root after `make dist`.
set -euo pipefail
app=$(find dist -maxdepth 1 -name '*.app' | head -n 1)
[ -n "$app" ] || { echo "make_dmg: no .app in dist/; run make dist on macOS" >&2; exit 1; }
version=$(python3 -c 'import sys; sys.path.insert(0, "src"); import reader; print(reader.__version__)')
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "$(basename "$app" .app)" -srcfolder "$stage" -ov -format UDZO \
  "dist/reader-${version}.dmg"
rm -rf "$stage"
