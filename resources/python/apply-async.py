# apply_async returns a future at once; get() waits for that task's result.
import math
from multiprocessing import Pool

if __name__ == '__main__':
    with Pool() as pool:
        results = [pool.apply_async(math.sqrt, (x,)) for x in range(10)]
        roots = [r.get() for r in results]
        print(roots)
