# Classic mistake: a lock convoy. Doing the work inside the lock that protects a shared result lets one process
# compute at a time: the others queue behind it, and the pool runs at the speed of one process. Compute outside
# the lock and hold it only for the update (or return partial results and add them up at the end).
import time
from multiprocessing import Lock, Pool, Value


def work(x):
    s = 0
    for i in range(20_000):
        s = (s + i * x) % 1_000_003
    return s


def init(shared_total, shared_lock):
    global total, lock
    total, lock = shared_total, shared_lock


def all_inside(x):
    with lock:  # the mistake: the work is in the critical section
        total.value += work(x)


def update_inside(x):
    r = work(x)  # the fix: compute outside...
    with lock:  # ...and lock only the read-add-write
        total.value += r


if __name__ == '__main__':
    xs = range(160)
    expected = sum(work(x) for x in xs)
    total, lock = Value('q', 0, lock=False), Lock()
    with Pool(2, initializer=init, initargs=(total, lock)) as pool:
        for f in (all_inside, update_inside):
            total.value = 0
            start = time.perf_counter()
            pool.map(f, xs, chunksize=1)
            print(f'{f.__name__:13}: {time.perf_counter() - start:.2f} s, total {total.value} '
                  f'({"exact" if total.value == expected else "WRONG"})')
