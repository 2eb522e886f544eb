# Ranks and hosts: which rank runs where, and one answer made by all of them. mpirun starts the ranks; a hostfile
# ("nodeA slots=2" per line) says which machines take how many, filled in order (--map-by node deals them round
# robin instead). Each rank counts its share of random points inside the quarter circle; MPI_Reduce adds the
# counts at rank 0. Run it with
#     mpirun --hostfile hosts -n 4 python3 mpi-ranks-and-hosts.py
# (one machine: mpirun -n 4 python3 mpi-ranks-and-hosts.py; plain python3 runs one rank). In ProcLab's simulated
# lab every host is this machine, so MPI.Get_processor_name() gives this machine's name on every rank.
import os
import random
import sys

from mpi4py import MPI


def count_inside(samples, seed):
    rng = random.Random(seed)
    inside = 0
    for _ in range(samples):
        x, y = rng.random(), rng.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return inside


def main(samples):
    comm = MPI.COMM_WORLD
    rank, size = comm.Get_rank(), comm.Get_size()
    where = comm.gather((MPI.Get_processor_name(), os.getpid()), root=0)

    share = samples // size + (1 if rank < samples % size else 0)
    inside = count_inside(share, seed=rank)
    total = comm.reduce(inside, op=MPI.SUM, root=0)

    if rank == 0:
        hosts = {}
        for r, (host, pid) in enumerate(where):
            print(f'rank {r} of {size} on {host} (pid {pid})')
            hosts.setdefault(host, []).append(r)
        for host, ranks in hosts.items():
            print(f'{host}: ranks {", ".join(map(str, ranks))}')
        print(f'pi ~ {4.0 * total / samples:.5f} from {samples} points on {len(hosts)} host(s)')


if __name__ == '__main__':
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400_000)
