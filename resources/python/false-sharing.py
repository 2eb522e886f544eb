# Classic mistake: false sharing. Each process increments its own counter, so no lock is needed and the answer
# is right, but the counters sit side by side in one shared array: one 64-byte cache line holds eight of them.
# A core must own the whole line to write to it, so two cores writing neighbouring counters keep taking the line
# from each other. Padding (one counter per line: 8 cells apart) removes the traffic. In CPython the
# interpreter's own work per `+=` hides much of the effect; in compiled code (NumPy, C) it shows in full.
import time
from multiprocessing import Array, Process


def count(cells, index, n):
    for _ in range(n):
        cells[index] += 1


def run(stride, processes=2, n=300_000):
    cells = Array('q', processes * stride, lock=False)  # zeros, in shared memory
    workers = [Process(target=count, args=(cells, i * stride, n)) for i in range(processes)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    counters = [cells[i * stride] for i in range(processes)]
    assert counters == [n] * processes
    print(f'counters {8 * stride:3} bytes apart: {elapsed:.2f} s, counters {counters}')


if __name__ == '__main__':
    run(stride=1)  # the mistake: neighbours in one cache line
    run(stride=8)  # the fix: one counter per 64-byte line
