# The fix for mpi-deadlock.py: one Sendrecv per rank. MPI posts the receive and the send together and pairs
# them itself, so the exchange completes at any size, buffered or not. Run it with
#     mpirun -n 2 python3 mpi-deadlock-fixed.py
# (Another fix: even ranks send first and odd ranks receive first, so every Send meets a waiting Recv.)
import sys

from mpi4py import MPI

TAG = 5


def exchange(nbytes):
    comm = MPI.COMM_WORLD
    rank, size = comm.Get_rank(), comm.Get_size()
    partner = rank ^ 1
    if rank == 0:
        print(f'each rank and its partner swap {nbytes} bytes with one MPI_Sendrecv', flush=True)
    verdict = None
    if partner < size:
        mine = bytes([ord('A') + rank % 26]) * nbytes
        theirs = bytearray(nbytes)
        comm.Sendrecv([mine, MPI.BYTE], dest=partner, sendtag=TAG,
                      recvbuf=[theirs, MPI.BYTE], source=partner, recvtag=TAG)
        verdict = theirs == bytes([ord('A') + partner % 26]) * nbytes
    verdicts = comm.gather(verdict, root=0)
    if rank == 0:
        for r, ok in enumerate(verdicts):
            if ok is None:
                print(f'rank {r} has no partner and sits out')
            else:
                print(f'rank {r} received {nbytes} bytes from rank {r ^ 1}: {"intact" if ok else "CORRUPT"}')


if __name__ == '__main__':
    exchange(int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 20)
