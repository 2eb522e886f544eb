# Parallel matrix multiplication with a Pool (the exercise: N = 2^7, 2^8, 2^9, checked against the serial
# product). Each task computes a block of rows of C = A·B; B is needed by every task, so it is handed to each
# worker once, by the pool's initializer, rather than with every task. (The tutorial used numpy; this is plain
# Python, so keep N small.)
import random
import time
from multiprocessing import Pool

_B = None


def init(b):
    global _B
    _B = b


def rows(block):
    n = len(_B)
    bt = list(zip(*_B))  # columns of B as rows: the inner loop walks memory in order
    return [[sum(a * b for a, b in zip(row, bt[j])) for j in range(n)] for row in block]


def random_matrix(n, seed):
    rng = random.Random(seed)
    return [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(n)]


if __name__ == '__main__':
    n, tasks = 96, 8
    a, b = random_matrix(n, 2024), random_matrix(n, 2025)

    start = time.perf_counter()
    init(b)
    serial = rows(a)
    print(f'serial:  N={n} in {(time.perf_counter() - start) * 1e3:.1f} ms')

    step = (n + tasks - 1) // tasks
    blocks = [a[i:i + step] for i in range(0, n, step)]
    with Pool(2, initializer=init, initargs=(b,)) as pool:
        start = time.perf_counter()
        c = [row for block in pool.map(rows, blocks) for row in block]
        print(f'Pool(2): N={n} in {(time.perf_counter() - start) * 1e3:.1f} ms')
    worst = max(abs(x - y) for rc, rs in zip(c, serial) for x, y in zip(rc, rs))
    print(f'largest difference from the serial product: {worst:.1e}')
