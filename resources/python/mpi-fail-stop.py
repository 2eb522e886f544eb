# A worker killed in the middle of task 5, twice:
#   1. concurrent.futures' ProcessPoolExecutor: the pool is broken, every task not yet done fails with
#      BrokenProcessPool (multiprocessing.Pool would wait for the lost task for ever).
#   2. An MPI farm (mpi4py): MPI is fail-stop; mpirun sees a rank die and ends the whole job, every rank's work lost.
# Run it with
#     mpirun -n 3 python3 mpi-fail-stop.py
# (plain `python3 mpi-fail-stop.py` runs only the pool part). ProcLab's own engine does better in both: its pool
# starts a new worker and names the one lost task, and its farm's survive mode (mpirun --enable-recovery) lets
# rank 0 deal the dead rank's chunk again.
import os
import random
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

TASKS, SAMPLES = 12, 400_000
WORK, RESULT, STOP = 2, 3, 4


def count_inside(task):
    if task == 5 and os.environ.get('KILL_IN_TASK_5', '1') == '1':
        os.kill(os.getpid(), signal.SIGKILL)  # the failure, on purpose
    rng = random.Random(2024 + task)
    return sum(rng.random() ** 2 + rng.random() ** 2 <= 1.0 for _ in range(SAMPLES))


def pool_part():
    print('1. ProcessPoolExecutor(2): the worker running task 5 is SIGKILLed')
    with ProcessPoolExecutor(2) as pool:
        futures = [pool.submit(count_inside, t) for t in range(TASKS)]
        done = 0
        for f in futures:
            try:
                f.result()
                done += 1
            except BrokenProcessPool:
                pass
    print(f'   {done} of {TASKS} tasks completed; the others raised BrokenProcessPool')


def farm_part(comm):
    from mpi4py import MPI
    rank, size = comm.Get_rank(), comm.Get_size()
    if rank == 0:
        print(f'2. MPI farm, {size} ranks: the rank running task 5 is SIGKILLed; mpirun ends the job', flush=True)
        status, next_task, working, total = MPI.Status(), 0, size - 1, 0
        while working:
            result = comm.recv(source=MPI.ANY_SOURCE, status=status)
            total += result or 0
            if next_task < TASKS:
                comm.send(next_task, dest=status.Get_source(), tag=WORK)
                next_task += 1
            else:
                comm.send(None, dest=status.Get_source(), tag=STOP)
                working -= 1
        print(f'   pi ~ {4 * total / (TASKS * SAMPLES):.5f}: never printed, the job ended at the kill')
    else:
        comm.send(None, dest=0, tag=RESULT)
        status = MPI.Status()
        while True:
            task = comm.recv(source=0, status=status)
            if status.Get_tag() == STOP:
                break
            comm.send(count_inside(task), dest=0, tag=RESULT)


if __name__ == '__main__':
    try:
        from mpi4py import MPI
        comm = MPI.COMM_WORLD
    except ImportError:
        comm = None
    if comm is None or comm.Get_rank() == 0:
        pool_part()
    if comm is not None and comm.Get_size() > 1:
        comm.Barrier()
        farm_part(comm)
