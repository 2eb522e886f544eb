# Futures: ask a future whether it runs or is done, cancel one that has not started, add callbacks.
import time
import random
from concurrent.futures import ProcessPoolExecutor


def f1(x):
    return x ** 2


def f2(x, y):
    return x * y


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=4) as pool:
        a = pool.submit(f2, 1, 1)
        b = pool.submit(f2, 1, 2)
        c = pool.submit(f1, 10)
        print('a running:', a.running())
        print('a done:', a.done())
        print('a result', a.result())
        print('b result', b.result())
        print('c result', c.result())

    with ProcessPoolExecutor(max_workers=4) as pool:
        for _ in range(4):  # keep every worker busy so that job 4 is still waiting when we cancel it
            pool.submit(time.sleep, 0.2)
        res = []
        for i in range(24):
            res.append(pool.submit(f2, random.random(), random.random()))
            if i % 2 == 0:
                res[i].add_done_callback(lambda future: print("Process done!"))
        res[4].cancel()
        if res[4].cancelled():
            print("Process 4 cancelled")
        for x in res:
            if not x.cancelled():
                print(x.result())
