# The exercise: two processes send a packet of information back and forth 100 times, and we record how
# long it takes (then 10000 times, for a steadier figure per round trip).
import time
from multiprocessing import Process, Pipe

def pong(conn):
    while True:
        try:
            packet = conn.recv()
        except EOFError:
            break
        if packet is None:
            break
        conn.send(['pong', packet[1]])
    conn.close()

def ping(conn, n):
    start = time.perf_counter()
    for i in range(n):
        conn.send(['ping', i])
        assert conn.recv() == ['pong', i]
    return time.perf_counter() - start

if __name__ == '__main__':
    parent_conn, child_conn = Pipe()
    p = Process(target=pong, args=(child_conn,))
    p.start()
    child_conn.close()
    ping(parent_conn, 1)   # the child is up and answering: its start-up is not part of the timing
    for n in (100, 10000):
        elapsed = ping(parent_conn, n)
        print(f'{n} round trips in {elapsed * 1e3:.1f} ms: {elapsed / n * 1e6:.1f} us per round trip')
    parent_conn.send(None)
    p.join()
