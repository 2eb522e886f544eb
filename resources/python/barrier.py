# A Barrier holds every party in wait() until the last one arrives; then all go on.
# So every "passed" line comes after every "waits" line, whatever the order within each group.
from multiprocessing import Barrier, Process, current_process


def party(barrier):
    name = current_process().name
    print(f'{name} waits at the barrier', flush=True)
    i = barrier.wait()  # the arrival index, 0 .. parties-1
    print(f'{name} passed the barrier (arrival {i})', flush=True)


if __name__ == '__main__':
    parties = 4
    barrier = Barrier(parties)
    procs = [Process(target=party, args=(barrier,)) for _ in range(parties)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
