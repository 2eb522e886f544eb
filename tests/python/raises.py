# A child whose target raises, then a Pool task that raises in the caller: two processes end with an exception.
from multiprocessing import Pool, Process


def divide(n):
    return 10 // n


if __name__ == "__main__":
    child = Process(target=divide, args=(0,))
    child.start()
    child.join()
    print("child exit code", child.exitcode, flush=True)
    with Pool(2) as pool:
        print(pool.map(divide, [1, 2, 0]))
