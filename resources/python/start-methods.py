# Start methods: spawn runs a fresh interpreter for every process; forkserver starts one clean server
# once and forks each new process from it. Time how long a pool of 4 takes to be ready each way.
import multiprocessing as mp
import time


def ready(_):
    return None


if __name__ == '__main__':
    for method in ('spawn', 'forkserver'):
        ctx = mp.get_context(method)
        best = float('inf')
        for round in range(4):
            t = time.perf_counter()
            with ctx.Pool(4) as pool:
                pool.map(ready, range(4), chunksize=1)  # every worker has answered once
                elapsed = time.perf_counter() - t
            if round > 0:  # the first round also starts the forkserver
                best = min(best, elapsed)
        print('{:10}: 4 processes ready in {:.2f} ms'.format(method, best * 1000))
