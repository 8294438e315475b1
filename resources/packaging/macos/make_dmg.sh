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
# Beside the app: the code's licence and the texts of everything bundled (also
# inside the app, in Contents/Resources/reader/data/licenses, and in Help › About).
cp LICENSE "$stage/LICENSE.txt"
cp -R resources/licenses "$stage/Licenses"
cp resources/fonts/LICENSE.txt "$stage/Licenses/PT-fonts.txt"
hdiutil create -volname "$(basename "$app" .app)" -srcfolder "$stage" -ov -format UDZO \
  "dist/reader-${version}.dmg"
rm -rf "$stage"
