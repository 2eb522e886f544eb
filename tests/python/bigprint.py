# One print of a megabyte from a child and one from the main process: a stream console carries both whole.
from multiprocessing import Process


def shout():
    print('x' * 1_000_000)


if __name__ == '__main__':
    p = Process(target=shout)
    p.start()
    p.join()
    print('y' * 1_000_000)
    print('child ended with', p.exitcode)
