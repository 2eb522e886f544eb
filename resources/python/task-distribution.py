# Map-reduce by pid: each task reports the pid of the worker that ran it; counting them shows how the
# pool spread the work.
import multiprocessing as mp
import os
import time
from collections import Counter


def who(_):
    time.sleep(0.02)  # long enough that every worker gets a fair share
    return os.getpid()


if __name__ == '__main__':
    with mp.Pool(4) as pool:
        pids = pool.map(who, range(100), chunksize=1)
    counts = Counter(pids)  # the reduce step
    print(dict(counts))
    print(sum(counts.values()), 'tasks on', len(counts), 'processes')
