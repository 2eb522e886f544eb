# A child process sends a list through a Pipe; the parent receives it and prints it.
from multiprocessing import Process, Pipe

def f(conn):
    conn.send([42, None, 'hello'])
    conn.close()

if __name__ == '__main__':
    parent_conn, child_conn = Pipe()
    p = Process(target=f, args=(child_conn,))
    p.start()
    child_conn.close()          # the child has its own copy; with ours closed, recv() raises EOFError if the child dies
    print(parent_conn.recv())   # prints "[42, None, 'hello']"
    p.join()
