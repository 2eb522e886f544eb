# Classic mistake: tiny tasks, one trip each. Every task sent to a pool is pickled, written into a pipe, read
# and unpickled by a worker, and its result comes back the same way: tens of microseconds, whatever the task.
# Thousands of tasks of a few microseconds sent one by one (chunksize=1, or one apply_async per item) spend
# nearly all their time travelling. Chunks share one trip between many tasks.
import time
from multiprocessing import Pool


def cheap(x):
    s = 0
    for i in range(20):  # a few microseconds of work
        s += i * x
    return s


def timed(label, work):
    start = time.perf_counter()
    result = work()
    print(f'{label:36}: {(time.perf_counter() - start) * 1e3:8.1f} ms')
    return result


if __name__ == '__main__':
    xs = list(range(6000))
    expected = timed('serial loop', lambda: [cheap(x) for x in xs])
    with Pool(2) as pool:
        pool.map(cheap, range(2))  # the workers are up: their start-up is not timed
        # The mistake: one trip per task.
        slow = timed('Pool(2).map, chunksize=1', lambda: pool.map(cheap, xs, chunksize=1))
        # The fix: Python's default chunksize, ceil(6000 / (4 * 2)) = 750 tasks per trip.
        fast = timed('Pool(2).map, default chunksize', lambda: pool.map(cheap, xs))
    assert slow == fast == expected
