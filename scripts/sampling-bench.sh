#!/usr/bin/env bash
# What live CPU and memory sampling costs a measurement (README: "Live CPU and memory"). A benchmark, not a test: it
# measures and prints, it asserts nothing.
#   scripts/sampling-bench.sh [ROUNDS]      rounds of the three settings, interleaved              [5]
# Each round runs the same sweep (proclab-cli sweep spin, its breakdown keeps the events, so the engine samples)
# with PROCLAB_SAMPLE_MS=0 (off), 100 (the default) and 10 (ten times denser), in turn, so that a machine whose load
# changes from minute to minute weighs on all three alike; per setting, the median over the rounds of each point's
# median wall time, and the samples a saved run of the same workload holds.
# Environment: PROCLAB_CLI (the program; [build/release/app/proclab-cli]), SWEEP (the sweep's options;
# [spin --set tasks=16 --set ms=40 -p 1..2 --repeats 3 --warmup 1]).
set -euo pipefail

cd "$(dirname "$0")/.."
cli="${PROCLAB_CLI:-build/release/app/proclab-cli}"
rounds="${1:-5}"
read -r -a sweep <<<"${SWEEP:-spin --set tasks=16 --set ms=40 -p 1..2 --repeats 3 --warmup 1}"

if [ ! -x "$cli" ]; then
    echo "sampling-bench: no $cli (build first: cmake --preset release && cmake --build --preset release)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

settings=(0 100 10)
for ((r = 1; r <= rounds; r++)); do
    for ms in "${settings[@]}"; do
        PROCLAB_SAMPLE_MS=$ms "$cli" sweep "${sweep[@]}" --json 2>/dev/null >"$work/sweep-$ms-$r.json"
    done
done

python3 - "$work" "$rounds" "${settings[@]}" <<'PY'
import json, statistics, sys
work, rounds, settings = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print(f"{'PROCLAB_SAMPLE_MS':>17}  " + "  ".join(f"{'p=' + str(p):>10}" for p in (1, 2)) + "   (median wall time over %d rounds)" % rounds)
for ms in settings:
    per_p = {}
    for r in range(1, rounds + 1):
        with open(f"{work}/sweep-{ms}-{r}.json") as f:
            doc = json.load(f)
        for point in doc["series"][0]["points"]:
            per_p.setdefault(point["processes"], []).append(point["median_s"])
    label = "off" if ms == "0" else ms
    print(f"{label:>17}  " + "  ".join(f"{statistics.median(per_p[p]) * 1000:>8.1f}ms" for p in sorted(per_p)))
PY

for ms in "${settings[@]}"; do
    PROCLAB_SAMPLE_MS=$ms "$cli" run "${sweep[0]}" --set tasks=16 --set ms=40 -p 2 --save "$work/run-$ms.json" >/dev/null
    python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
print('run --save, PROCLAB_SAMPLE_MS=%s: %d events, %d samples' % (sys.argv[2], len(d['events']), len(d.get('samples', []))))
" "$work/run-$ms.json" "$ms"
done
