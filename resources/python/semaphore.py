# A Semaphore(2) is a counter of free places: acquire() takes one (waiting while there
# are none), release() gives it back. So at most two workers are inside at any time.
import time
from multiprocessing import Process, Semaphore, Value, current_process


def worker(sem, inside, peak):
    name = current_process().name
    with sem:
        with inside.get_lock():
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        print(f'{name} enters', flush=True)
        time.sleep(0.3)
        print(f'{name} leaves', flush=True)
        with inside.get_lock():
            inside.value -= 1


if __name__ == '__main__':
    processes, limit = 4, 2
    sem = Semaphore(limit)
    inside = Value('i', 0)
    peak = Value('i', 0)
    procs = [Process(target=worker, args=(sem, inside, peak)) for _ in range(processes)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f'at most {peak.value} of {processes} processes were inside at once (Semaphore({limit}))')
