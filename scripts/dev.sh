#!/usr/bin/env bash
# ProcLab developer entry point: the two commands in the README.
#   scripts/dev.sh run [proclab options]   install what is missing, build, launch the window
#   scripts/dev.sh test                    install what is missing, build, run the whole test suite
# Idempotent: packages already installed are not touched, builds are incremental.
set -euo pipefail

cd "$(dirname "$0")/.."

PACKAGES=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
    libqcustomplot-dev libqcustomplot2.1-qt6 libmuparser-dev libbenchmark-dev
    libgl-dev
    xvfb xauth
)

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    cmake --preset release >/dev/null
    cmake --build --preset release
}

case "${1:-}" in
run)
    shift
    install_packages
    build
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "No display found: starting ProcLab on a virtual one (xvfb-run)." >&2
        exec xvfb-run -a build/release/app/proclab "$@"
    fi
    exec build/release/app/proclab "$@"
    ;;
test)
    install_packages
    build
    QT_QPA_PLATFORM=offscreen ctest --preset release
    ;;
*)
    echo "usage: scripts/dev.sh run [proclab options] | test" >&2
    exit 2
    ;;
esac
