"""The probe's connection to ProcLab: one unix stream socket per Python process, batched JSON lines.

Wire (version 1): the first line is a hello object {"hello": 1, "pid": ..., "ppid": ..., "python": "3.11.7"}; every
later line is a JSON array of records [t_ns, kind, key, task, value, extra] (t_ns from time.monotonic_ns(), the
engine's CLOCK_MONOTONIC). ProcLab takes the pid from the socket (SO_PEERCRED), not from the hello.

Batches go every few milliseconds while records come, at 512 records, before any blocking wait (wait_flush), from
a flusher thread when a record has waited 10 ms (a long task) and at the end of the process. Any error turns the
probe off in this process (fail open): the program goes on without it.

Signals stay as CPython leaves them. The probe installs no handler: SIGTERM kills a process at once, as
Pool.terminate() and ProcLab's Stop expect (a Python-level handler can be lost by a process blocked in sem_wait: the
signal trips a flag that only the next bytecode would see, and a worker waiting on the pool's queue lock runs none).
A process killed loses only what it recorded since its last flush: at most 10 ms, none while it waits, since every
wait flushes first, and none of a task whose result was sent (a pool worker flushes before it sends a result). The flusher thread blocks the asynchronous signals, so they reach the program's own threads.
"""

import json
import os
import signal
import socket
import sys
import threading
import time

_now = time.monotonic_ns
_dumps = json.JSONEncoder(separators=(",", ":"), default=repr).encode

BATCH_RECORDS = 512
BATCH_NS = 2_000_000
FLUSHER_NS = 10_000_000

enabled = False  # this process reports (the main process and bootstrapped multiprocessing children)
_buf = []  # records not yet sent; appended from any thread, drained by slicing (both atomic under the GIL)
_first = 0  # stamp of the oldest record in _buf, 0 when empty
_sock = None
_addr = None
_flush_lock = threading.RLock()
_in_flush = False
_flusher = None
_flusher_wake = None


def disable():
    global enabled
    enabled = False


def emit(kind, key=None, task=None, value=None, extra=None, t=None):
    """Queues one record stamped now (or at `t`); sends the batch when it is due."""
    global _first
    if not enabled:
        return
    now = _now()
    _buf.append((now if t is None else t, kind, key, task, value, extra))
    if not _first:
        _first = now
    elif len(_buf) >= BATCH_RECORDS or now - _first >= BATCH_NS:
        flush()


def wait_flush(kind, key=None, task=None, value=None, extra=None):
    """A record that starts a blocking wait: sent at once, so the wait shows while it lasts."""
    if not enabled:
        return
    _buf.append((_now(), kind, key, task, value, extra))
    flush()


def _connect():
    global _sock
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(_addr)
    hello = {"hello": 1, "pid": os.getpid(), "ppid": os.getppid(), "python": sys.version.split()[0]}
    s.sendall(_dumps(hello).encode() + b"\n")
    _sock = s


def flush():
    """Sends what is queued. Reentrant (a signal handler of the program's that records may run inside it: its
    records then wait for the next flush)."""
    global _first, _in_flush, enabled
    if not _buf:
        _first = 0
        return
    with _flush_lock:
        if _in_flush:
            return
        _in_flush = True
        try:
            items = _buf[:]
            del _buf[: len(items)]
            _first = _now() if _buf else 0
            if not items:
                return
            if _sock is None:
                _connect()
            _sock.sendall(_dumps(items).encode("utf-8", "replace") + b"\n")
        except Exception:
            enabled = False
        finally:
            _in_flush = False


def _flusher_loop():
    wake = _flusher_wake
    while enabled:
        wake.wait(FLUSHER_NS / 1e9)
        if not enabled:
            break
        first = _first
        if first and _now() - first >= FLUSHER_NS:
            flush()


# Signals the flusher thread never takes. A process-directed signal goes to any thread that does not block it; if
# the flusher took SIGTERM, the main thread (the only one that runs Python handlers) would sleep on in sem_wait or
# read and never learn of it: Pool.terminate() would then wait for that worker forever. The faults a thread raises
# itself (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT) stay with the thread that caused them.
_THREAD_SIGNALS = ("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGTRAP", "SIGSYS", "SIGABRT", "SIGKILL", "SIGSTOP")


def _async_signals():
    keep = {getattr(signal, name) for name in _THREAD_SIGNALS if hasattr(signal, name)}
    return {s for s in signal.valid_signals() if s not in keep}


def _start_flusher():
    global _flusher, _flusher_wake
    _flusher_wake = threading.Event()
    _flusher = threading.Thread(target=_flusher_loop, name="proclab-probe-flusher", daemon=True)
    # The new thread inherits the mask of the thread that starts it: block, start, restore. A signal that comes
    # meanwhile stays pending and is delivered to this thread when the old mask is back.
    blocked = None
    try:
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _async_signals())
    except Exception:
        pass
    try:
        _flusher.start()
    finally:
        if blocked is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def activate(address):
    """Starts reporting from this process (called once the process is known to be part of the program)."""
    global enabled, _addr, _sock, _first
    _addr = address
    _sock = None
    _first = 0
    del _buf[:]
    enabled = True
    _start_flusher()


def finish():
    """The last flush of this process; nothing is sent after it."""
    global enabled
    if not enabled:
        return
    flush()
    enabled = False
    if _flusher_wake is not None:
        _flusher_wake.set()


def _before_fork():
    if enabled:
        flush()
    _flush_lock.acquire()


def _after_fork_parent():
    _flush_lock.release()


def _after_fork_child():
    # The child starts with nothing to send and no connection; it reports only once it bootstraps.
    global enabled, _sock, _first, _flush_lock, _in_flush, _flusher
    enabled = False
    if _sock is not None:
        try:
            _sock.close()
        except Exception:
            pass
    _sock = None
    del _buf[:]
    _first = 0
    _flush_lock = threading.RLock()
    _in_flush = False
    _flusher = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_parent, after_in_child=_after_fork_child)
