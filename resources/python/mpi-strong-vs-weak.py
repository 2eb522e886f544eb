# Weak scaling on MPI ranks: the problem grows with the number of ranks p so that each rank keeps the work it had
# alone. The ideal is the same time at every p.
#   pi      samples x p       the ranks' only message is one MPI_Reduce of a count, whatever p
#   matmul  n x p^(1/3)       n^3 work per product, but MPI_Bcast sends all of B (n^2 numbers) to every rank
# Run it with 1, 2 and 4 ranks and compare the times:
#     mpirun -n 1 python3 mpi-strong-vs-weak.py
#     mpirun -n 2 python3 mpi-strong-vs-weak.py
# (plain `python3 mpi-strong-vs-weak.py` runs it as one rank). Pure Python, no numpy: the sizes are small.
import random
import sys
from array import array

from mpi4py import MPI


def pi_hits(samples, seed):
    rng = random.Random(seed)
    hits = 0
    for _ in range(samples):
        x, y = rng.random(), rng.random()
        hits += x * x + y * y <= 1.0
    return hits


def weak_pi(comm, samples_per_rank):
    rank, size = comm.Get_rank(), comm.Get_size()
    comm.Barrier()
    start = MPI.Wtime()
    hits = comm.reduce(pi_hits(samples_per_rank, 2024 + rank), op=MPI.SUM, root=0)
    elapsed = MPI.Wtime() - start
    if rank == 0:
        total = samples_per_rank * size
        print(f'pi:     {total} samples on {size} rank(s): {elapsed * 1e3:.1f} ms, '
              f'pi ~ {4 * hits / total:.5f}, 8 bytes reduced')


def weak_matmul(comm, n1):
    rank, size = comm.Get_rank(), comm.Get_size()
    n = round(n1 * size ** (1 / 3))  # n^3 / p stays n1^3
    blocks = [(r * n // size, (r + 1) * n // size) for r in range(size)]
    counts = [(hi - lo) * n for lo, hi in blocks]
    offsets = [lo * n for lo, hi in blocks]
    rng = random.Random(2024)
    A = array('d', (rng.uniform(-1, 1) for _ in range(n * n))) if rank == 0 else None
    B = array('d', (rng.uniform(-1, 1) for _ in range(n * n))) if rank == 0 else array('d', bytes(n * n * 8))
    comm.Barrier()
    start = MPI.Wtime()
    comm.Bcast([B, MPI.DOUBLE], root=0)  # all of B to every rank: n^2 doubles each
    rows = array('d', bytes(counts[rank] * 8))
    comm.Scatterv([A, counts, offsets, MPI.DOUBLE] if rank == 0 else None, [rows, MPI.DOUBLE], root=0)
    c = array('d', bytes(len(rows) * 8))
    for i in range(len(rows) // n):
        for k in range(n):
            aik = rows[i * n + k]
            for j in range(n):
                c[i * n + j] += aik * B[k * n + j]
    C = array('d', bytes(n * n * 8)) if rank == 0 else None
    comm.Gatherv([c, MPI.DOUBLE], [C, counts, offsets, MPI.DOUBLE] if rank == 0 else None, root=0)
    elapsed = MPI.Wtime() - start
    if rank == 0:
        print(f'matmul: n = {n} on {size} rank(s): {elapsed * 1e3:.1f} ms, '
              f'{n * n * 8 * (size - 1)} bytes of B broadcast, trace {sum(C[i * n + i] for i in range(n)):.6g}')


if __name__ == '__main__':
    comm = MPI.COMM_WORLD
    weak_pi(comm, int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
    weak_matmul(comm, int(sys.argv[2]) if len(sys.argv) > 2 else 40)
