#!/usr/bin/env bash
# Renders the icon's PNG sizes for the hicolor theme from the SVG, into hicolor/NxN/apps/ (committed: the build
# does not need rsvg-convert). Run after changing io.github.proclab.ProcLab.svg; needs librsvg2-bin.
set -euo pipefail
cd "$(dirname "$0")"
id=io.github.proclab.ProcLab
for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert --width "$size" --height "$size" "$id.svg" --output "hicolor/${size}x${size}/apps/$id.png"
done
