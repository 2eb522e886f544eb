# Threads or processes for CPU-bound work? In CPython a thread must hold the Global Interpreter Lock (GIL) to
# run Python code, so threads take turns and the same work takes as long with 2 threads as with 1. Processes
# each have their own interpreter and their own GIL: they really run side by side, one per core.
# (Waiting is different: a thread that sleeps or reads a file lets go of the GIL, so threads do help there.)
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def burn(n):
    s = 0
    for i in range(n):
        s += i * i % 7
    return s


def timed(executor_class, workers, tasks):
    start = time.perf_counter()
    with executor_class(max_workers=workers) as pool:
        results = list(pool.map(burn, tasks))
    return time.perf_counter() - start, results


if __name__ == '__main__':
    tasks = [300_000] * 8
    expected = [burn(n) for n in tasks]
    for executor_class in (ThreadPoolExecutor, ProcessPoolExecutor):
        for workers in (1, 2):
            elapsed, results = timed(executor_class, workers, tasks)
            assert results == expected
            print(f'{executor_class.__name__:20} workers={workers}: {elapsed * 1e3:7.1f} ms')
