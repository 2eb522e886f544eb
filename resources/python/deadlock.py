# Two processes, two locks, taken in opposite orders: worker 1 holds A and waits for B,
# worker 2 holds B and waits for A. Neither can ever go on: a deadlock. (The Barrier only
# makes sure both hold their first lock before either reaches for its second, so the
# deadlock happens every time rather than now and then.)
# Python itself never notices: this program hangs until you press Ctrl+C. ProcLab watches
# the lock events, finds the cycle "1 waits for 2 waits for 1", prints it, and stops both.
from multiprocessing import Process, Lock, Barrier


def worker(me, first, second, first_name, second_name, ready):
    with first:
        print(f'{me}: took lock {first_name}', flush=True)
        ready.wait()  # both now hold their first lock
        print(f'{me}: waiting for lock {second_name}', flush=True)
        with second:  # never returns
            print(f'{me}: took lock {second_name} too, done', flush=True)


if __name__ == '__main__':
    a, b = Lock(), Lock()
    ready = Barrier(2)
    p1 = Process(target=worker, args=('worker 1', a, b, 'A', 'B', ready))
    p2 = Process(target=worker, args=('worker 2', b, a, 'B', 'A', ready))
    p1.start()
    p2.start()
    p1.join()  # forever
    p2.join()
