# Classic mistake: load imbalance. Counting primes by trial division costs more for large numbers, so ranges
# near the top are dearer. Split the ranges into one block per worker (a static split) and one worker gets
# the cheap half, finishes early and waits for the other. Small chunks handed out on demand (dynamic
# scheduling, as imap_unordered with chunksize=1 does) keep every worker busy to the end.
import os
import time
from multiprocessing import Pool


def is_prime(x):
    if x < 2:
        return False
    if x % 2 == 0:
        return x == 2
    d = 3
    while d * d <= x:
        if x % d == 0:
            return False
        d += 2
    return True


def count_primes(bounds):
    start = time.perf_counter()
    a, b = bounds
    count = sum(1 for x in range(a, b) if is_prime(x))
    return os.getpid(), count, time.perf_counter() - start


def run(pool, ranges, chunksize):
    busy = {}
    start = time.perf_counter()
    total = 0
    for pid, count, seconds in pool.imap_unordered(count_primes, ranges, chunksize=chunksize):
        busy[pid] = busy.get(pid, 0) + seconds
        total += count
    wall = time.perf_counter() - start
    shares = ', '.join(f'{s:.2f} s' for s in sorted(busy.values()))
    print(f'chunksize {chunksize:2}: {wall:.2f} s, {total} primes; busy time per worker: {shares}')
    return total


if __name__ == '__main__':
    limit, tasks = 300_000, 32
    # Ranges of equal width; the cost of a range still rises with its numbers.
    ranges = [(limit * t // tasks, limit * (t + 1) // tasks) for t in range(tasks)]
    with Pool(2) as pool:
        pool.map(abs, range(2))  # the workers are up
        static = run(pool, ranges, tasks // 2)  # the mistake: half of the ranges each, decided up front
        dynamic = run(pool, ranges, 1)  # the fix: the next range to whoever is free
    assert static == dynamic
