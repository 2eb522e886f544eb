# A child process puts a list on a Queue; the parent gets it and prints it.
# (Not called queue.py: a file of that name would hide Python's own queue module from multiprocessing.)
from multiprocessing import Process, Queue

def f(q):
    q.put([42, None, 'hello'])

if __name__ == '__main__':
    q = Queue()
    p = Process(target=f, args=(q,))
    p.start()
    print(q.get())    # prints "[42, None, 'hello']"
    p.join()
