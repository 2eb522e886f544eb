# CPython's side of `proclab-cli bench`: the same measurements as ProcLab's, with multiprocessing, in the same
# shapes (see app/cli/bench_proclab.cpp). proclab-cli writes this file to a temporary place and runs
#     python3 primitives.py '{"repeats": 5, "queue_items": 200000, ...}'
# It prints one JSON object: for each measurement, the list of its repeats, in the units named in the key.
# Timed children meet the parent at a Barrier so that no process start-up is inside a measurement, and write
# time.monotonic_ns() (CLOCK_MONOTONIC, as ProcLab's) at their first and after their last operation.
import json
import multiprocessing as mp
import os
import sys
import time


def meet(start):
    start.wait()
    return time.monotonic_ns()


def done(times, slot, t0):
    times[2 * slot] = t0
    times[2 * slot + 1] = time.monotonic_ns()


def queue_put(q, n, start, times, slot):
    t0 = meet(start)
    for i in range(n):
        q.put(i)
    done(times, slot, t0)


def queue_get(q, n, start, times, slot):
    t0 = meet(start)
    for _ in range(n):
        q.get()
    done(times, slot, t0)


def lock_loop(lock, n, start, times, slot):
    t0 = meet(start)
    for _ in range(n):
        lock.acquire()
        lock.release()
    done(times, slot, t0)


def value_increment(v, n, start, times, slot):
    t0 = meet(start)
    for _ in range(n):
        with v.get_lock():
            v.value += 1
    done(times, slot, t0)


def pipe_echo(conn, n, cpu):
    if cpu >= 0:
        os.sched_setaffinity(0, {cpu})
    for _ in range(n):
        conn.send(conn.recv())


def ready(q):
    q.put(os.getpid())


def noop(x):
    return None


def timed(ctx, targets):
    """Starts Process(target, args + (start, times, slot)) for each (target, args); the span of all, in ns."""
    start = ctx.Barrier(len(targets) + 1)
    times = ctx.Array('q', 2 * len(targets), lock=False)
    procs = [ctx.Process(target=t, args=a + (start, times, i)) for i, (t, a) in enumerate(targets)]
    for p in procs:
        p.start()
    start.wait()
    for p in procs:
        p.join()
        if p.exitcode != 0:
            raise RuntimeError('a benchmark process failed')
    return max(times[1::2]) - min(times[0::2])


def main():
    cfg = json.loads(sys.argv[1])
    reps = cfg['repeats']
    out = {}
    ctx = mp.get_context('fork')  # the start method does not matter once processes run

    def repeat(name, fn):
        out[name] = [fn() for _ in range(reps)]

    n = cfg['queue_items']

    def queue(pairs):
        q = ctx.Queue()
        per = n // pairs
        ns = timed(ctx, [(queue_put, (q, per))] * pairs + [(queue_get, (q, per))] * pairs)
        return ns / (per * pairs)

    repeat('queue_1to1_ns', lambda: queue(1))
    repeat('queue_4to4_ns', lambda: queue(4))

    trips = cfg['round_trips']
    cpus = sorted(os.sched_getaffinity(0))

    def pipe(pin):
        # pin: None (free), 'one' (both on the first CPU), 'two' (parent on the first, child on the second)
        here, there = (-1, -1) if pin is None else (cpus[0], cpus[0] if pin == 'one' else cpus[1])
        a, b = ctx.Pipe()
        p = ctx.Process(target=pipe_echo, args=(b, trips + 1000, there))
        p.start()
        mask = os.sched_getaffinity(0)
        if here >= 0:
            os.sched_setaffinity(0, {here})
        for i in range(1000):  # warm-up
            a.send(i)
            a.recv()
        t = time.perf_counter_ns()
        for i in range(trips):
            a.send(i)
            a.recv()
        t = time.perf_counter_ns() - t
        os.sched_setaffinity(0, mask)
        p.join()
        return t / trips / 1e3

    repeat('pipe_round_trip_us', lambda: pipe(None))
    repeat('pipe_round_trip_one_core_us', lambda: pipe('one'))
    if len(cpus) > 1:
        repeat('pipe_round_trip_two_cores_us', lambda: pipe('two'))

    locks = cfg['lock_ops']

    def lock_uncontended():
        lock = ctx.Lock()
        t = time.perf_counter_ns()
        for _ in range(locks):
            lock.acquire()
            lock.release()
        return (time.perf_counter_ns() - t) / locks

    repeat('lock_uncontended_ns', lock_uncontended)

    def lock_two():
        lock = ctx.Lock()
        return timed(ctx, [(lock_loop, (lock, locks))] * 2) / (2 * locks)

    repeat('lock_two_processes_ns', lock_two)

    incs = cfg['increments']

    def value4():
        v = ctx.Value('i', 0)
        ns = timed(ctx, [(value_increment, (v, incs))] * 4)
        if v.value != 4 * incs:
            raise RuntimeError('lost updates under get_lock()')
        return ns / (4 * incs)

    repeat('value_increment_4p_ns', value4)

    calls = cfg['manager_calls']
    with ctx.Manager() as m:
        d = m.dict()

        def manager():
            t = time.perf_counter_ns()
            for i in range(calls):
                d['k'] = i
                d['k']
            return (time.perf_counter_ns() - t) / calls / 1e3

        repeat('manager_dict_set_get_us', manager)

    tasks = cfg['tasks']
    with mp.get_context(cfg['pool_method']).Pool(2) as pool:
        for chunksize in (1, 100):
            pool.map(noop, range(tasks), chunksize=chunksize)  # warm-up

            def overhead():
                t = time.perf_counter_ns()
                pool.map(noop, range(tasks), chunksize=chunksize)
                return (time.perf_counter_ns() - t) / tasks / 1e3

            repeat('pool_overhead_chunksize_%d_us' % chunksize, overhead)

    for method in ('spawn', 'forkserver', 'fork'):
        mctx = mp.get_context(method)
        for workers in (2, 8):
            def startup():
                q = mctx.SimpleQueue()
                t = time.perf_counter_ns()
                pool = mctx.Pool(workers, initializer=ready, initargs=(q,))
                for _ in range(workers):
                    q.get()
                t = time.perf_counter_ns() - t
                pool.terminate()
                pool.join()
                return t / 1e6

            startup()  # warm-up: the page cache, and the forkserver's own start
            repeat('startup_%s_%d_ms' % (method, workers), startup)

    print(json.dumps(out))


if __name__ == '__main__':
    main()
