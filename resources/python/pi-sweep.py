# The tutorial's parallel pi, written to be swept: one process count per run, taken from cpu_count(). Under
# ProcLab's scaling lab (Sweep → My Python script, or `proclab-cli sweep --script pi-sweep.py`) cpu_count() is
# the p being measured, so the same unchanged script gives the wall time at p = 1, 2, 3, ... and its curve is
# drawn beside ProcLab's own C++ `pi`. Run alone, it uses every core. Argument: the number of samples.
import random
import sys
import time
from multiprocessing import Pool, cpu_count


def compute_pi(n):
    count = 0
    for _ in range(n):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1:
            count += 1
    return count


if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    np = cpu_count()
    start = time.time()
    with Pool() as pool:  # Pool() without an argument: cpu_count() workers
        count = pool.map(compute_pi, [n // np] * np)  # one equal share per process, as the tutorial does
    print('Number of cores {0}, Estimated value of Pi : {1:.8f} time : {2:.8f}'.format(
        np, 4 * sum(count) / (n // np * np), time.time() - start))
