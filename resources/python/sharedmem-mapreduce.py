# sharedmem's MapReduce with plain multiprocessing. The tutorial's program needs the sharedmem package (and NumPy),
# which Debian does not ship:
#
#     import sharedmem
#     counter = sharedmem.empty(1)
#     counter[:] = 0
#     with sharedmem.MapReduce() as pool:
#         def work(i):
#             with pool.critical:
#                 counter[:] += i
#         pool.map(work, range(10))
#     print(counter)                      # [ 45.]
#
#     input = np.arange(1024 * 1024 * 128, dtype='f8')
#     output = sharedmem.empty(1024 * 1024 * 128, dtype='f8')
#     with sharedmem.MapReduce() as pool:
#         chunksize = 1024 * 1024
#         def work(i):
#             s = slice(i, i + chunksize)
#             output[s] = input[s]
#             return i, np.sum(input[s])
#         def reduce(i, r):
#             print('chunk', i, 'done')
#             return r
#         r = pool.map(work, range(0, len(input), chunksize), reduce=reduce)
#     print(np.sum(r))
#
# Below, the same with multiprocessing (smaller arrays): shared Arrays and a Lock handed to the workers by the
# pool's initializer, and reduce called in the main process on each result as imap_unordered yields it, that is
# as the chunks finish.
from multiprocessing import Array, Lock, Pool

ITEMS, CHUNKSIZE = 4096, 512


def init(*shared):
    global counter, critical, input, output
    counter, critical, input, output = shared


def add(i):
    with critical:  # pool.critical
        counter[0] += i


def work(i):
    s = slice(i, i + CHUNKSIZE)
    output[s] = input[s]
    return i, sum(input[s])


def reduce(i, r):
    print('chunk', i, 'done')
    return r


if __name__ == '__main__':
    counter = Array('d', 1, lock=False)  # sharedmem.empty(1), zeroed
    critical = Lock()
    input = Array('d', [float(k) for k in range(ITEMS)], lock=False)
    output = Array('d', ITEMS, lock=False)
    with Pool(2, initializer=init, initargs=(counter, critical, input, output)) as pool:
        pool.map(add, range(10), chunksize=1)
        print(counter[:])
        r = [reduce(i, s) for i, s in pool.imap_unordered(work, range(0, ITEMS, CHUNKSIZE))]
    assert output[:] == input[:]
    print(sum(r))
