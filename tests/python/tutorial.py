# The tutorial in one script: Pool.map with a chunksize, apply_async, a producer and two consumers on a Queue with
# None sentinels, and four processes printing under a Lock. scripts/python-probe-bench.py times it with and
# without the probe.
import os
from multiprocessing import Lock, Pool, Process, Queue


def work(x):
    return sum(i * i for i in range(x % 50 + 50))


def producer(q, n, consumers):
    for i in range(n):
        q.put(i)
    for _ in range(consumers):
        q.put(None)


def consumer(q, out):
    total = 0
    while (item := q.get()) is not None:
        total += item
    out.put(total)


def greet(lock, i):
    with lock:
        print('hello from', i, os.getpid(), flush=True)


if __name__ == '__main__':
    with Pool(2) as pool:
        print(sum(pool.map(work, range(200), chunksize=16)))
        print(pool.apply_async(work, (7,)).get())
    q, out = Queue(), Queue()
    procs = [Process(target=producer, args=(q, 50, 2))] + [Process(target=consumer, args=(q, out)) for _ in range(2)]
    for p in procs:
        p.start()
    print(sum(out.get() for _ in range(2)))
    for p in procs:
        p.join()
    lock = Lock()
    greeters = [Process(target=greet, args=(lock, i)) for i in range(4)]
    for p in greeters:
        p.start()
    for p in greeters:
        p.join()
