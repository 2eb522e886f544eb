# Pool.map: the same function applied to every input, spread over 4 worker processes.
from multiprocessing import Pool


def f(x):
    return x * x + 1  # runs in a worker process


if __name__ == '__main__':  # only the main process runs this part
    with Pool(4) as p:
        print(p.map(f, list(range(8))))  # [1, 2, 5, 10, 17, 26, 37, 50]
