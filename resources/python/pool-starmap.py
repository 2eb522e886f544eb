# Pool.starmap: like map, but each input is a tuple of arguments.
from multiprocessing import Pool


def g(x, y):
    return x + y


if __name__ == '__main__':
    with Pool(4) as p:
        print(p.starmap(g, ((x, y) for x, y in zip(range(8), range(8)))))  # [0, 2, 4, ..., 14]
