# `counter.value += 1` is three steps: read the value, add one, write it back.
# Another process can write between our read and our write, and then one of the two
# increments is lost. Holding the value's lock around the three steps makes them one.
from multiprocessing import Process, Value


def count(counter, n):
    for _ in range(n):
        counter.value += 1


def count_locked(counter, n):
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1


def run(target, counter, processes, n):
    counter.value = 0
    procs = [Process(target=target, args=(counter, n)) for _ in range(processes)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return counter.value


if __name__ == '__main__':
    processes, n = 4, 20000
    expected = processes * n
    counter = Value('i', 0)

    print(f'{processes} processes x {n} increments: expected {expected}')
    bare = run(count, counter, processes, n)
    print(f'without the lock: {bare} ({expected - bare} updates lost)')
    locked = run(count_locked, counter, processes, n)
    print(f'with get_lock():  {locked}')
