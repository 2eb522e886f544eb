# The fix for deadlock.py: every process takes the locks in the same order (A, then B).
# Whoever holds A can always get B; the other waits for A, not for something the first
# one waits for, so no cycle can form and both finish.
import time
from multiprocessing import Process, Lock


def worker(me, first, second, first_name, second_name):
    with first:
        print(f'{me}: took lock {first_name}', flush=True)
        time.sleep(0.1)
        print(f'{me}: waiting for lock {second_name}', flush=True)
        with second:
            print(f'{me}: took lock {second_name} too, done', flush=True)


if __name__ == '__main__':
    a, b = Lock(), Lock()
    procs = [Process(target=worker, args=(f'worker {i}', a, b, 'A', 'B')) for i in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print('both workers finished: one lock order for everyone, no cycle')
