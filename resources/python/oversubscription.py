# Classic mistake: oversubscription, more worker processes than cores. For CPU-bound tasks the extra processes
# add no computing power: they take turns on the same cores, the kernel switching between them every few
# milliseconds (involuntary context switches), and each one costs its start-up and memory. Pool() with no number
# starts os.cpu_count() workers, one per core.
import os
import resource
import time
from multiprocessing import Pool


def burn(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


def switches():
    # Context switches the kernel forced on this process so far (the CPU taken away from it).
    return resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw


def task(n):
    before = switches()
    burn(n)
    return switches() - before


if __name__ == '__main__':
    cores = os.cpu_count()
    work = [200_000] * 24
    for processes in (cores, 4 * cores):
        start = time.perf_counter()
        with Pool(processes) as pool:
            forced = sum(pool.map(task, work, chunksize=1))
        print(f'{processes:3} processes on {cores} cores: {time.perf_counter() - start:.2f} s '
              f'(start-up included), {forced} involuntary context switches during the tasks')
