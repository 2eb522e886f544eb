# A pool worker is SIGKILLed in the middle of its task: CPython's Pool starts a replacement but never learns that
# the task is gone, so map() waits for ever. ProcLab's probe records the worker's exit (-9) and its unfinished
# task; ProcLab's Stop then ends the hung program.
import os
import signal
import time
from multiprocessing import Pool


def slow(x):
    time.sleep(0.3)
    return x


if __name__ == '__main__':
    with Pool(2) as pool:
        result = pool.map_async(slow, range(8), chunksize=1)
        time.sleep(0.15)  # both workers are inside a task now
        victim = pool._pool[0].pid
        print('killing worker', victim, flush=True)
        os.kill(victim, signal.SIGKILL)
        print(result.get())  # never returns: the killed worker's task is lost
