# The textbook exchange between MPI ranks: ranks 0 and 1 (2 and 3, ...) each send their partner a message
# first, then receive the partner's. Run it with
#     mpirun -n 2 python3 mpi-exchange.py [BYTES]
# With 1024 bytes it works, but only because Open MPI copies a message this small into a buffer on its way
# and MPI_Send returns at once ("eager" sending: up to 4 KiB between ranks on one machine, 64 KiB over TCP).
# The MPI standard promises no such buffer: give it 1048576 bytes (mpi-deadlock.py) and both ranks wait in
# Send for a receive that neither will ever reach.
import sys

from mpi4py import MPI

TAG = 5


def exchange(nbytes):
    comm = MPI.COMM_WORLD
    rank, size = comm.Get_rank(), comm.Get_size()
    partner = rank ^ 1
    if rank == 0:
        print(f'each rank sends {nbytes} bytes to its partner first, then receives', flush=True)
    verdict = None  # no partner: an odd last rank sits out
    if partner < size:
        mine = bytes([ord('A') + rank % 26]) * nbytes
        theirs = bytearray(nbytes)
        comm.Send([mine, MPI.BYTE], dest=partner, tag=TAG)  # returns now only if MPI buffered it
        comm.Recv([theirs, MPI.BYTE], source=partner, tag=TAG)
        verdict = theirs == bytes([ord('A') + partner % 26]) * nbytes
    verdicts = comm.gather(verdict, root=0)
    if rank == 0:
        for r, ok in enumerate(verdicts):
            if ok is None:
                print(f'rank {r} has no partner and sits out')
            else:
                print(f'rank {r} received {nbytes} bytes from rank {r ^ 1}: {"intact" if ok else "CORRUPT"}')


if __name__ == '__main__':
    exchange(int(sys.argv[1]) if len(sys.argv) > 1 else 1024)
