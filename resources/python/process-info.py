# Every process has an id (pid) and a parent. The child's parent is the main process here (spawn);
# with forkserver it is the server that forked it. (With spawn or forkserver CPython names the child's
# module __mp_main__; the tutorial ran with fork, where it stays __main__.)
from multiprocessing import Process
import os


def info(title):
    print(title)
    print('module name:', __name__)
    print('parent process:', os.getppid())
    print('process id:', os.getpid())


def f(name):
    info('function f')
    print('hello', name)


if __name__ == '__main__':
    info('main line')
    p = Process(target=f, args=('bob',))
    p.start()
    p.join()
