#!/usr/bin/env bash
# Render assets/icon.svg into the PNG sizes MV3 wants (public/icon/<size>.png, picked up by WXT),
# with headless Chromium so no image toolchain is needed. Run after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${CHROMIUM_PATH:-chromium}
svg="$PWD/assets/icon.svg"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p public/icon
for size in 16 32 48 96 128; do
  printf '<html><body style="margin:0;background:transparent"><img src="file://%s" width="%s" height="%s" style="display:block"></body></html>' \
    "$svg" "$size" "$size" > "$tmp/$size.html"
  "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$size,$size" --screenshot="$PWD/public/icon/$size.png" "file://$tmp/$size.html" >/dev/null 2>&1
  echo "public/icon/$size.png"
done
