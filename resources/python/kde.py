# The kernel density estimation benchmark: the Parzen-window estimate of a density at a point x is the
# fraction of the samples that fall in a window (a hypercube of side h) centred on x, divided by the window's
# volume h^d. The tutorial estimates it for many window widths h, one task per width, and compares a serial
# loop with a Pool. (Plain Python here, with fewer samples than the tutorial's numpy version.)
import random
import time
from multiprocessing import Pool


def parzen_estimation(samples, point, h):
    inside = 0
    for s in samples:
        if all(abs(si - xi) / h <= 0.5 for si, xi in zip(s, point)):
            inside += 1
    return h, inside / len(samples) / h ** len(point)


def serial(samples, point, widths):
    return [parzen_estimation(samples, point, h) for h in widths]


def multiprocess(processes, samples, point, widths):
    with Pool(processes) as pool:
        results = [pool.apply_async(parzen_estimation, args=(samples, point, h)) for h in widths]
        return [r.get() for r in results]


if __name__ == '__main__':
    rng = random.Random(2024)
    samples = [(rng.gauss(0, 1), rng.gauss(0, 1)) for _ in range(5000)]  # a 2-d standard normal
    point = (0.0, 0.0)  # the true density there is 1/(2 pi) ~ 0.159
    widths = [0.1 + 0.05 * i for i in range(40)]

    start = time.perf_counter()
    expected = serial(samples, point, widths)
    print(f'serial:  {(time.perf_counter() - start) * 1e3:.1f} ms')
    for processes in (2, 3):
        start = time.perf_counter()
        assert multiprocess(processes, samples, point, widths) == expected
        print(f'Pool({processes}): {(time.perf_counter() - start) * 1e3:.1f} ms')
    h, p = expected[8]
    print(f'density at (0, 0) with h = {h:.2f}: {p:.3f}')
