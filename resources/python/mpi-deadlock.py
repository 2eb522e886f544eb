# The exchange of mpi-exchange.py with a message too large for Open MPI to buffer. Run it with
#     mpirun -n 2 python3 mpi-deadlock.py
# Both ranks call Send first. 1 MiB is over the eager limit (4 KiB between ranks on one machine, 64 KiB over
# TCP), so each Send waits until the partner posts the matching Recv, and the partner is itself stuck in Send:
# a deadlock. MPI never notices; this program spins (MPI waits poll, at 100 % CPU) until you press Ctrl+C.
# ProcLab watches the ranks' events, finds the cycle "0 waits for 1 waits for 0", prints it, and stops the job.
import sys

from mpi4py import MPI

TAG = 5


def exchange(nbytes):
    comm = MPI.COMM_WORLD
    rank, size = comm.Get_rank(), comm.Get_size()
    partner = rank ^ 1
    if rank == 0:
        print(f'each rank sends {nbytes} bytes to its partner first, then receives', flush=True)
    verdict = None
    if partner < size:
        mine = bytes([ord('A') + rank % 26]) * nbytes
        theirs = bytearray(nbytes)
        comm.Send([mine, MPI.BYTE], dest=partner, tag=TAG)  # never returns: the partner never receives
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
    exchange(int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 20)
