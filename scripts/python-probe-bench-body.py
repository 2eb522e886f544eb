# The measured part of scripts/python-probe-bench.py: run once plainly (python3 THIS) and once under the probe
# (proclab-cli python THIS); prints one JSON line of per-operation times in microseconds.
import json
import multiprocessing as mp
import sys
import time


def tiny(x):
    return x


def nothing():
    pass


def per_op(fn, n):
    t = time.perf_counter()
    fn(n)
    return (time.perf_counter() - t) / n * 1e6


def locks(n):
    lock = mp.Lock()
    for _ in range(n):
        with lock:
            pass


def queue_roundtrip(n):
    q = mp.Queue()
    for i in range(n):
        q.put(i)
        q.get()


def emits(n):
    try:
        from proclab_probe import transport
    except ImportError:
        return
    emit = transport.emit
    for i in range(n):
        emit("SharedRead", "bench", None, i)


def pool_map(chunksize, n):
    with mp.Pool(2) as pool:
        pool.map(tiny, range(100))  # the workers are up
        t = time.perf_counter()
        pool.map(tiny, range(n), chunksize=chunksize)
        return (time.perf_counter() - t) / n * 1e6


def process_start(method, n):
    ctx = mp.get_context(method)
    t = time.perf_counter()
    for _ in range(n):
        p = ctx.Process(target=nothing)
        p.start()
        p.join()
    return (time.perf_counter() - t) / n * 1e3


if __name__ == "__main__":
    r = {
        "emit_us": per_op(emits, 200_000) if "proclab_probe" in sys.modules else None,
        "with_lock_us": per_op(locks, 100_000),
        "queue_put_get_us": per_op(queue_roundtrip, 20_000),
        "map_task_default_chunksize_us": pool_map(None, 20_000),
        "map_task_chunksize1_us": pool_map(1, 2_000),
        "process_start_fork_ms": process_start("fork", 10),
        "process_start_spawn_ms": process_start("spawn", 5),
    }
    print("RESULT " + json.dumps(r), flush=True)
