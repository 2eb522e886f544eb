# Many tiny tasks: every chunk that goes to a worker is pickled, sent through a pipe, unpickled, and its
# results travel back the same way. With chunksize=1 that toll is paid once per task and it costs more than
# the task itself; bigger chunks pay it once per chunk. (The tutorial: 10,000 jobs took 4.2 s with chunksize 1
# and 1.3 s with chunksize 100.)
import time
from multiprocessing import Pool


def f(x):
    return x * x + 1  # far cheaper than sending x to another process and the answer back


def timed(label, work):
    start = time.perf_counter()
    result = work()
    print(f'{label:34}: {(time.perf_counter() - start) * 1e3:8.1f} ms')
    return result


if __name__ == '__main__':
    inputs = list(range(20000))
    expected = timed('serial loop', lambda: [f(x) for x in inputs])
    for processes in (1, 2):
        with Pool(processes) as pool:
            pool.map(f, range(processes))  # the workers are up: their start-up is not timed
            for chunksize in (1, None):
                label = f'Pool({processes}).map, chunksize={chunksize or "default"}'
                result = timed(label, lambda: pool.map(f, inputs, chunksize=chunksize))
                assert result == expected
    # Python's default chunksize: ceil(len(inputs) / (4 * processes)), e.g. 2500 for 2 processes here.
