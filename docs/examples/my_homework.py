# A student's homework, as handed in: a Pool squares numbers slowly, a producer feeds two consumers through a
# Queue, and every process prints under one Lock. Open it in ProcLab (File → Open Python Script…, or
# `proclab --python docs/examples/my_homework.py`) to watch it run on real processes, or run `python3` on it.
import os
import time
from multiprocessing import Lock, Pool, Process, Queue


def slow_square(x):
    time.sleep(0.25)  # a quarter of a second of "work": the pool's chunks are easy to follow
    return x * x


def producer(q, n, consumers):
    for i in range(n):
        q.put(i)
        time.sleep(0.05)
    for _ in range(consumers):
        q.put(None)  # one stop sign per consumer


def consumer(q, lock, name):
    total = 0
    while (item := q.get()) is not None:
        total += item
    with lock:
        print(f'{name} (pid {os.getpid()}) summed {total}', flush=True)


if __name__ == '__main__':
    with Pool(3) as pool:
        print('squares:', pool.map(slow_square, range(12), chunksize=2))
    q = Queue()
    lock = Lock()
    workers = [Process(target=consumer, args=(q, lock, f'consumer-{i}')) for i in range(2)]
    for w in workers:
        w.start()
    producer(q, 20, len(workers))
    for w in workers:
        w.join()
    print('all done')
