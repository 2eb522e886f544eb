# Under the probe, signals stay as CPython leaves them: no process of the program has a SIGTERM handler, and the
# probe's flusher thread blocks the asynchronous signals, so a signal always reaches a thread of the program.
# Then Pool.terminate() many times over: a worker that lost its SIGTERM would hang the run here.
import multiprocessing as mp
import os
import signal
import threading
import time


def report(tag):
    term = signal.getsignal(signal.SIGTERM)
    me = threading.get_ident()
    own = threading.get_native_id()
    leaks = []
    threads = 0
    for tid in os.listdir("/proc/self/task"):
        threads += 1
        if int(tid) == own:
            continue
        with open("/proc/self/task/%s/status" % tid) as f:
            blocked = int(next(l for l in f if l.startswith("SigBlk:")).split()[1], 16)
        if not blocked & (1 << (signal.SIGTERM - 1)) or not blocked & (1 << (signal.SIGINT - 1)):
            leaks.append(tid)
    del me
    return "%s term=%s threads=%d leaks=%d" % (tag, "default" if term == signal.SIG_DFL else term, threads, len(leaks))


def child(q):
    time.sleep(0.05)  # long enough for the flusher thread to be up
    q.put(report("child"))


def square(x):
    return x * x


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=child, args=(q,))
    p.start()
    print(q.get())
    p.join()
    for _ in range(25):
        with mp.Pool(3) as pool:
            assert pool.map(square, range(6)) == [0, 1, 4, 9, 16, 25]
    print("terminated 25 pools")
