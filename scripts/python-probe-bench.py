#!/usr/bin/env python3
"""The Python probe's overhead, side by side with the same script without it (a benchmark, not a test).

    scripts/python-probe-bench.py [--cli build/release/app/proclab-cli] [--repeats 3]

Per operation (scripts/python-probe-bench-body.py, median of the repeats): one probe record, `with lock:`, a
Queue put+get, a tiny task of Pool(2).map (default chunksize and chunksize 1), a process start+join (fork,
spawn); then the whole tutorial (tests/python/tutorial.py), launch to exit, under fork, spawn and forkserver.
"Without" is `python3 SCRIPT`; "with" is `proclab-cli python SCRIPT` (the probe and ProcLab's engine reading it).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, cwd):
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr[-2000:]))
    return wall, p.stdout


def body(cmd, cwd):
    _, out = run(cmd, cwd)
    for line in out.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    sys.exit("no result from " + " ".join(cmd))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "release", "app", "proclab-cli"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--python", default="python3")
    a = ap.parse_args()
    bench = os.path.join(HERE, "python-probe-bench-body.py")
    tutorial = os.path.join(ROOT, "tests", "python", "tutorial.py")
    plain = [body([a.python, bench], HERE) for _ in range(a.repeats)]
    probed = [body([a.cli, "python", "--python", a.python, bench], HERE) for _ in range(a.repeats)]

    def med(rows, key):
        vals = [r[key] for r in rows if r.get(key) is not None]
        return statistics.median(vals) if vals else None

    print("%-34s %12s %12s" % ("per operation", "without", "with probe"))
    for key in plain[0]:
        w, p = med(plain, key), med(probed, key)
        print("%-34s %12s %12s" % (key, "-" if w is None else "%.2f" % w, "-" if p is None else "%.2f" % p))
    print("\n%-34s %12s %12s" % ("tutorial.py, launch to exit (s)", "without", "with probe"))
    for method in ("fork", "spawn", "forkserver"):
        env_cmd = [a.python, "-c",
                   "import multiprocessing as mp, runpy, sys; mp.set_start_method(%r); sys.argv=[%r]; "
                   "runpy.run_path(%r, run_name='__main__')" % (method, tutorial, tutorial)]
        w = statistics.median(run(env_cmd, HERE)[0] for _ in range(a.repeats))
        p = statistics.median(run([a.cli, "python", "--python", a.python, "--start-method", method, tutorial],
                                  HERE)[0] for _ in range(a.repeats))
        print("%-34s %12.3f %12.3f" % (method, w, p))
    return 0


if __name__ == "__main__":
    sys.exit(main())
