# Monte Carlo pi: throw random points into the square [-1, 1]², count those inside the unit circle; the
# fraction inside tends to pi/4. The throws are independent, so they split into tasks that need no talking.
# Time it with 1, 2, ... processes and fit Amdahl's law T(p) = T1 * (f + (1 - f) / p) to find the serial
# fraction f: the part of the run that more processes do not shorten (start-up, handing out, the final sum).
import random
import time
from multiprocessing import Pool


def mc_pi(args):
    n, seed = args
    rng = random.Random(seed)  # each task its own generator: reproducible, and no two tasks draw the same points
    inside = 0
    for _ in range(n):
        x = rng.uniform(-1, 1)
        y = rng.uniform(-1, 1)
        if x * x + y * y < 1:
            inside += 1
    return inside


def estimate(processes, samples, tasks):
    per_task = samples // tasks
    with Pool(processes) as pool:
        start = time.perf_counter()
        inside = sum(pool.map(mc_pi, [(per_task, seed) for seed in range(tasks)]))
        elapsed = time.perf_counter() - start
    return 4 * inside / (per_task * tasks), elapsed


if __name__ == '__main__':
    samples, tasks = 400_000, 8
    times = {}
    for p in (1, 2, 3, 4):
        pi, times[p] = estimate(p, samples, tasks)
        print(f'p={p}: pi ~ {pi:.5f} in {times[p] * 1e3:6.1f} ms, speedup {times[1] / times[p]:.2f}')
    # Least squares for f in T(p) - T1/p = f * T1 * (1 - 1/p): one unknown, so a ratio of two sums.
    t1 = times[1]
    a = [t1 * (1 - 1 / p) for p in times if p > 1]
    b = [times[p] - t1 / p for p in times if p > 1]
    f = max(0.0, min(1.0, sum(x * y for x, y in zip(a, b)) / sum(x * x for x in a)))
    print(f'Amdahl serial fraction f ~ {f:.2f}: at most {1 / f if f > 0 else float("inf"):.1f}x with any number of processes')
