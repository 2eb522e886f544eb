# Ping-pong: rank 0 sends a message to rank 1, which sends it back, many times; one way = the time of the round
# trips / (2 x their number), as the OSU latency benchmark counts it. Run it once per transport:
#     mpirun -n 2 --mca btl self,vader python3 mpi-pingpong.py                                 # shared memory
#     mpirun -n 2 --mca btl self,tcp --mca btl_tcp_if_include lo python3 mpi-pingpong.py       # TCP, loopback
# Shared memory copies through a segment both ranks map; TCP goes through the kernel's network stack even on one
# machine, and between machines the wire adds its own latency and bandwidth. mpi4py's upper-case Send/Recv move
# the buffer as it is (no pickling), as the C API does.
import time

from mpi4py import MPI

SIZES = [(8, 2000), (1024, 1000), (64 * 1024, 200), (1 << 20, 40)]  # bytes, round trips at most
BUDGET_S = 0.3  # and no longer than this per size
TAG = 5


def size_text(n):
    return f'{n >> 20} MiB' if n >= 1 << 20 else f'{n >> 10} KiB' if n >= 1024 else f'{n} B'


def ping_pong(comm, nbytes, rounds):
    rank, partner = comm.Get_rank(), comm.Get_rank() ^ 1
    buf = bytearray(nbytes)
    if rank == 0:
        # The first byte tells the partner whether another round follows.
        start, done, more = time.perf_counter(), 0, True
        while more:
            more = done + 1 < rounds and time.perf_counter() - start < BUDGET_S
            buf[0] = 1 if more else 0
            comm.Send([buf, MPI.BYTE], dest=partner, tag=TAG)
            comm.Recv([buf, MPI.BYTE], source=partner, tag=TAG)
            done += 1
        return (time.perf_counter() - start) / (2 * done), done
    while True:
        comm.Recv([buf, MPI.BYTE], source=partner, tag=TAG)
        comm.Send([buf, MPI.BYTE], dest=partner, tag=TAG)
        if buf[0] == 0:
            return None


def main():
    comm = MPI.COMM_WORLD
    if comm.Get_size() < 2:
        print('ping-pong needs two ranks: mpirun -n 2 python3 mpi-pingpong.py')
        return
    # Ranks 0 and 1 play; any others sit out (Split is collective: every rank calls it).
    pair = comm.Split(0 if comm.Get_rank() < 2 else MPI.UNDEFINED, comm.Get_rank())
    if pair == MPI.COMM_NULL:
        return
    for nbytes, rounds in SIZES:
        result = ping_pong(pair, nbytes, rounds)
        if result:
            seconds, done = result
            print(f'{size_text(nbytes)} one way: {seconds * 1e6:.2f} µs, '
                  f'{nbytes / seconds / 1e6:.1f} MB/s ({done} round trips)')


if __name__ == '__main__':
    main()
