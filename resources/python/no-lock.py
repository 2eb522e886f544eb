# The lock example without the lock: every child writes the pieces of its line whenever
# it gets to them, so pieces from different children end up mixed on the one terminal
# they share. How exactly they mix changes from run to run.
import time
from multiprocessing import Process


def f(i):
    print('hello', end='', flush=True)
    time.sleep(0.05)
    print(' world', end='', flush=True)
    time.sleep(0.05)
    print(f' {i}', flush=True)


if __name__ == '__main__':
    for num in range(10):
        Process(target=f, args=(num,)).start()
