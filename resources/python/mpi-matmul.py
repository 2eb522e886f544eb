# C = A.B on MPI ranks, the collective way: rank 0 holds the matrices, MPI shares them out and gathers the answer.
#   Bcast     every rank needs all of B: one call sends it to all of them
#   Scatterv  rank r needs only its block of A's rows: each rank gets its own slice (v: the slices may differ)
#   Gatherv   each rank's rows of C go back to rank 0, in order
# Run it with
#     mpirun -n 2 python3 mpi-matmul.py [n]
# (plain `python3 mpi-matmul.py` runs it as one rank). Pure Python, no numpy: keep n small.
import random
import sys
from array import array

from mpi4py import MPI


def row_blocks(n, size):
    """Rank r's rows [lo, hi): nearly equal blocks, as ProcLab's static decomposition."""
    return [(r * n // size, (r + 1) * n // size) for r in range(size)]


def multiply_rows(a_rows, b, n):
    """Rows of C = A.B for the given rows of A, i-k-j order."""
    c_rows = array('d', bytes(len(a_rows) * 8))
    for i in range(len(a_rows) // n):
        for k in range(n):
            aik = a_rows[i * n + k]
            for j in range(n):
                c_rows[i * n + j] += aik * b[k * n + j]
    return c_rows


def main(n):
    comm = MPI.COMM_WORLD
    rank, size = comm.Get_rank(), comm.Get_size()
    blocks = row_blocks(n, size)
    counts = [(hi - lo) * n for lo, hi in blocks]  # in doubles
    offsets = [lo * n for lo, hi in blocks]

    if rank == 0:
        rng = random.Random(2024)
        A = array('d', (rng.uniform(-1, 1) for _ in range(n * n)))
        B = array('d', (rng.uniform(-1, 1) for _ in range(n * n)))
    else:
        A = None
        B = array('d', bytes(n * n * 8))  # filled by the broadcast

    comm.Bcast([B, MPI.DOUBLE], root=0)
    my_rows = array('d', bytes(counts[rank] * 8))
    comm.Scatterv([A, counts, offsets, MPI.DOUBLE] if rank == 0 else None, [my_rows, MPI.DOUBLE], root=0)

    my_c = multiply_rows(my_rows, B, n)

    C = array('d', bytes(n * n * 8)) if rank == 0 else None
    comm.Gatherv([my_c, MPI.DOUBLE], [C, counts, offsets, MPI.DOUBLE] if rank == 0 else None, root=0)

    if rank == 0:
        print(f'{size} rank(s), C = A.B for {n} x {n} doubles')
        print(f'MPI_Bcast of B: {n * n * 8} bytes to every rank')
        print('MPI_Scatterv of A, rows per rank: ' + ', '.join(str(hi - lo) for lo, hi in blocks))
        print(f'MPI_Gatherv of C: {n * n * 8} bytes back at rank 0')
        serial = multiply_rows(A, B, n)
        worst = max(abs(x - y) for x, y in zip(C, serial))
        print(f'trace {sum(C[i * n + i] for i in range(n)):.12g}, '
              f'largest difference from the serial product {worst}')


if __name__ == '__main__':
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 96)
