# A Lock lets one process at a time into the code between acquire() and release().
# Each child writes its line in three pieces with a pause between them; holding the
# lock for the whole line means no other child can write in the middle of it.
# Lines stay whole, but which child gets the lock first can differ from run to run.
# Like the tutorial, it never joins its children: fine with fork (Linux's default before Python 3.14), but under
# spawn or forkserver the main process reaches its end, and removes the lock's semaphore, before some children
# have opened it: they die with FileNotFoundError. Keep the Process objects and join() them, and it works everywhere.
import time
from multiprocessing import Process, Lock


def f(l, i):
    l.acquire()
    try:
        print('hello', end='', flush=True)
        time.sleep(0.05)
        print(' world', end='', flush=True)
        time.sleep(0.05)
        print(f' {i}', flush=True)
    finally:
        l.release()


if __name__ == '__main__':
    lock = Lock()

    for num in range(10):
        Process(target=f, args=(lock, num)).start()
