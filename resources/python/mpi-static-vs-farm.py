# Counting primes on MPI ranks, two ways. Trial division costs more for large numbers, so the ranges near the top
# are dearer.
#   static  each rank takes one block of ranges, decided up front; MPI_Reduce adds the counts at rank 0.
#           The rank with the top block works longest while the others wait in the reduce.
#   farm    rank 0 deals one range at a time to whichever rank sends a result (MPI_Recv from any source), and
#           stops each rank when none is left. The ranks finish together; rank 0 only deals.
# Run it with
#     mpirun -n 3 python3 mpi-static-vs-farm.py
# (plain `python3 mpi-static-vs-farm.py` runs both as one rank).
import sys
import time

from mpi4py import MPI

WORK, RESULT, STOP = 1, 2, 3


def is_prime(x):
    if x < 2:
        return False
    if x % 2 == 0:
        return x == 2
    d = 3
    while d * d <= x:
        if x % d == 0:
            return False
        d += 2
    return True


def count_primes(bounds):
    a, b = bounds
    return sum(1 for x in range(a, b) if is_prime(x))


def static(comm, ranges):
    rank, size = comm.Get_rank(), comm.Get_size()
    start = time.perf_counter()
    mine = ranges[rank * len(ranges) // size:(rank + 1) * len(ranges) // size]
    count = sum(count_primes(r) for r in mine)
    busy = time.perf_counter() - start
    total = comm.reduce(count, op=MPI.SUM, root=0)
    busy_times = comm.gather(busy, root=0)
    return total, busy_times


def farm(comm, ranges):
    rank, size = comm.Get_rank(), comm.Get_size()
    if size == 1:  # nobody to deal to
        return static(comm, ranges)
    if rank == 0:
        total, next_range, working = 0, 0, size - 1
        status = MPI.Status()
        while working > 0:
            message = comm.recv(source=MPI.ANY_SOURCE, status=status)  # "ready" or a count
            if status.Get_tag() == RESULT:
                total += message
            if next_range < len(ranges):
                comm.send(ranges[next_range], dest=status.Get_source(), tag=WORK)
                next_range += 1
            else:
                comm.send(None, dest=status.Get_source(), tag=STOP)
                working -= 1
        busy_times = comm.gather(0.0, root=0)
        return total, busy_times
    busy = 0.0
    comm.send(None, dest=0, tag=WORK)  # ready
    status = MPI.Status()
    while True:
        bounds = comm.recv(source=0, status=status)
        if status.Get_tag() == STOP:
            break
        start = time.perf_counter()
        count = count_primes(bounds)
        busy += time.perf_counter() - start
        comm.send(count, dest=0, tag=RESULT)
    comm.gather(busy, root=0)
    return None, None


def main(limit, tasks):
    comm = MPI.COMM_WORLD
    ranges = [(limit * t // tasks, limit * (t + 1) // tasks) for t in range(tasks)]
    for name, shape in (('static', static), ('farm', farm)):
        comm.Barrier()
        start = time.perf_counter()
        total, busy_times = shape(comm, ranges)
        wall = time.perf_counter() - start
        if comm.Get_rank() == 0:
            shares = ', '.join(f'rank {r}: {b:.2f} s' for r, b in enumerate(busy_times))
            print(f'{name:6}: {total} primes below {limit} in {wall:.2f} s; busy {shares}')


if __name__ == '__main__':
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000, 32)
