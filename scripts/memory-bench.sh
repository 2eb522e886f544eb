#!/usr/bin/env bash
# Peak memory of `proclab-cli run expr` against the number of tasks (README: "Bounded on long runs"). A benchmark,
# not a test: it measures and prints, it asserts nothing.
#   scripts/memory-bench.sh [N ...]     the task counts                       [1000000 5000000 50000000]
# Environment: PROCLAB_CLI (the program; [build/release/app/proclab-cli]), PROCESSES (-p; [2]), EXTRA (more options
# for run, e.g. EXTRA='--executor thread' or EXTRA='--save /tmp/run.plab' to see what a recording costs).
# Peak RSS is GNU time's %M: the largest resident set any one process of the run reached (the engine here; the
# forkserver and the workers stay smaller), printed in MiB. Wall time is the whole command, start-up and verification
# included; "run" is the run's own wall time as proclab-cli prints it.
set -euo pipefail

cd "$(dirname "$0")/.."
cli="${PROCLAB_CLI:-build/release/app/proclab-cli}"
processes="${PROCESSES:-2}"
read -r -a extra <<<"${EXTRA:-}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000 5000000 50000000)

if [ ! -x "$cli" ]; then
    echo "memory-bench: no $cli (build first: cmake --preset release && cmake --build --preset release)" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "memory-bench: needs GNU time (/usr/bin/time: apt-get install time)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "proclab-cli run expr --set n=N -p $processes ${extra[*]:-}"
echo "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%12s  %14s  %10s  %9s  %s\n' tasks 'peak RSS (MiB)' 'wall (s)' 'run (s)' verified
for n in "${sizes[@]}"; do
    status=0
    /usr/bin/time -f '%M %e' -o "$work/time" "$cli" run expr --set "n=$n" -p "$processes" "${extra[@]}" \
        >"$work/out" 2>"$work/err" || status=$?
    read -r kib wall < <(tail -n 1 "$work/time") # after "Command exited with non-zero status N", if any
    run=$(sed -n 's/^wall time *\([0-9.]*\) s$/\1/p' "$work/out")
    verified=$(sed -n 's/^verified *\(.*\)$/\1/p' "$work/out")
    [ "$status" -ne 0 ] && verified="${verified:-$(tail -n 1 "$work/err")} (exit code $status)"
    printf '%12s  %14s  %10s  %9s  %s\n' "$n" "$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')" "$wall" \
        "${run:--}" "$verified"
done
