# Pool.apply blocks until its one task is done: this loop uses one worker at a time.
import multiprocessing as mp


def cube(x):
    return x ** 3


if __name__ == '__main__':
    with mp.Pool(processes=4) as pool:
        results = [pool.apply(cube, args=(x,)) for x in range(1, 7)]
        print(results)  # [1, 8, 27, 64, 125, 216]
