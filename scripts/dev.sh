#!/usr/bin/env bash
# ProcLab developer entry point: the two commands in the README.
#   scripts/dev.sh run [proclab options]   install what is missing, build, launch the window
#   scripts/dev.sh test                    install what is missing, then: the whole test suite on the release
#                                          build, the Debian package built and checked (not installed), the
#                                          suite again under AddressSanitizer + UndefinedBehaviorSanitizer,
#                                          and each fuzzer for $PROCLAB_FUZZ_SECONDS (60) on the committed corpus
#   scripts/dev.sh package                 install what is missing, build, and make the Debian package:
#                                          build/release/package/proclab_<version>_<arch>.deb
# Idempotent: packages already installed are not touched, builds are incremental.
set -euo pipefail

cd "$(dirname "$0")/.."

# ccache (the presets' compiler launcher) keys on paths relative to the checkout, so every clone and worktree of
# ProcLab shares the cache in the home folder: a clean clone rebuilds from it in minutes.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true

PACKAGES=(
    g++ cmake ninja-build pkg-config ccache python3 python3-joblib
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
    libqcustomplot-dev libqcustomplot2.1-qt6 libmuparser-dev libcbor-dev libbenchmark-dev nlohmann-json3-dev
    libgl-dev
    openmpi-bin libopenmpi-dev python3-mpi4py
    xvfb xauth
    clang libclang-rt-14-dev
    dpkg-dev file help2man lintian desktop-file-utils appstream bash-completion
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
    cmake --preset "${1:-release}" >/dev/null
    cmake --build --preset "${1:-release}"
}

# The Debian package from the release build (packaging/CMakeLists.txt); its path on the last line.
package() {
    rm -f build/release/package/proclab_*.deb
    (cd build/release && cpack -G DEB >/dev/null)
    ls build/release/package/proclab_*.deb
}

# Each libFuzzer target for a bounded time, starting from the committed corpus (copied: CI never writes to the
# checkout). Any crash, leak, hang (over 10 s for one input) or failed check fails the run, with the input saved.
# Inputs up to 1 MiB for the recorded-run reader (large enough to reach its memory limits), 4 KiB for an expression.
max_len() {
    case "$1" in
    trace) echo 1048576 ;;
    expression) echo 4096 ;;
    *) echo 16384 ;;
    esac
}

fuzz() {
    local seconds="${PROCLAB_FUZZ_SECONDS:-60}" out=build/fuzz/runs
    rm -rf "$out"
    for target in frame trace probe expression; do
        mkdir -p "$out/$target/corpus" "$out/$target/crashes"
        cp tests/fuzz/corpus/"$target"/* "$out/$target/corpus/"
        echo "Fuzzing $target for ${seconds} s"
        if ! UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 build/fuzz/tests/fuzz/fuzz_"$target" \
            -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" -print_final_stats=1 \
            -artifact_prefix="$out/$target/crashes/" "$out/$target/corpus" >"$out/$target/log" 2>&1; then
            tail -n 60 "$out/$target/log" >&2
            echo "fuzz_$target failed; the input is in $out/$target/crashes/ (replay: build/fuzz/tests/fuzz/fuzz_$target FILE)" >&2
            return 1
        fi
        grep -E '^stat::number_of_executed_units|^Done|cov:' "$out/$target/log" | tail -n 2
    done
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
    build release
    # Two suites at a time (tests/CMakeLists.txt marks the ones that must run alone RUN_SERIAL).
    QT_QPA_PLATFORM=offscreen ctest --preset release -j2
    package
    scripts/check-package.sh build/release
    build asan
    QT_QPA_PLATFORM=offscreen ctest --preset asan -j2
    build fuzz
    fuzz
    ;;
package)
    install_packages
    build release
    package
    ;;
*)
    echo "usage: scripts/dev.sh run [proclab options] | test | package" >&2
    exit 2
    ;;
esac
