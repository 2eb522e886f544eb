"""The wrappers around CPython's multiprocessing (3.9-3.13). Each module is patched when it is first imported.

Only the student's objects report: objects made while a Pool, Queue, Condition, Event, Barrier, manager or
ProcessPoolExecutor builds itself are plumbing and keep their fast path. A student's object carries a key
(creator pid and a counter) that fork children inherit as an attribute and spawn children receive in the pickled
state. Every wrapper fails open: if the probe itself fails, it turns off and the original call goes on.
"""

import functools
import itertools
import os
import sys
import threading

from . import transport
from .transport import emit, wait_flush

_tls = threading.local()
_counter = itertools.count(1)
_missing = []  # private names this Python lacks: the probe reports processes and the console only
KEY = "_proclab_key"


def socket_address(address):
    """PROCLAB_PROBE_SOCK: "@name" is an abstract socket, anything else a path."""
    return "\0" + address[1:] if address.startswith("@") else address


def _depth():
    return getattr(_tls, "depth", 0)


class _Internal:
    """`with _Internal():` objects made inside are plumbing."""

    __slots__ = ()

    def __enter__(self):
        _tls.depth = _depth() + 1

    def __exit__(self, *exc):
        _tls.depth = _depth() - 1


_internal = _Internal()


def _new_key(prefix):
    pending = getattr(_tls, "pending_key", None)
    if pending is not None:
        _tls.pending_key = None
        return pending
    return "%s%d.%d" % (prefix, os.getpid(), next(_counter))


def _user_key(prefix):
    if _depth() > 0:
        return None
    return _new_key(prefix)


def _fail(name):
    if name not in _missing:
        _missing.append(name)
        emit("ProbeMode", None, None, 0, {"missing": name, "python": sys.version.split()[0]})


def internal_init(cls):
    """Everything cls.__init__ makes is plumbing."""
    original = cls.__init__

    @functools.wraps(original)
    def __init__(self, *args, **kwargs):
        with _internal:
            original(self, *args, **kwargs)

    cls.__init__ = __init__
    return original


def _small(v):
    """A value as the engine's events carry it: an integer (floats rounded), else 0."""
    try:
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, int):
            return v if -(1 << 62) < v < (1 << 62) else 0
        if isinstance(v, float):
            return int(round(v)) if abs(v) < 1e18 else 0
    except Exception:
        pass
    return 0


# --- keyed pickling ---------------------------------------------------------------------------------------------


class _Keyed:
    """A pickled state with the object's probe attributes (_proclab_key...) appended (spawn/forkserver children)."""

    __slots__ = ("state", "key")

    def __init__(self, state, key):
        self.state = state
        self.key = key

    def __reduce__(self):
        return (_Keyed, (self.state, self.key))


def _keyed_state(cls):
    """Only the outermost class adds the key (JoinableQueue.__getstate__ calls Queue.__getstate__)."""
    get_state = cls.__getstate__
    set_state = cls.__setstate__

    def __getstate__(self):
        state = get_state(self)
        if type(self).__getstate__ is not __getstate__:
            return state
        tags = {k: v for k, v in self.__dict__.items() if k.startswith("_proclab_")}
        return _Keyed(state, tags) if tags else state

    def __setstate__(self, state):
        if isinstance(state, _Keyed):
            self.__dict__.update(state.key)
            state = state.state
        return set_state(self, state)

    cls.__getstate__ = __getstate__
    cls.__setstate__ = __setstate__


# --- processes --------------------------------------------------------------------------------------------------


def _method_of(process):
    popen = getattr(process, "_popen", None)
    return getattr(popen, "method", None) or getattr(type(popen), "method", None) or "fork"


def report_raised(exc_type, exc, tb):
    """Tells the engine which exception is ending this process, with the traceback Python prints for it."""
    if not transport.enabled or exc_type is None:
        return
    try:
        import traceback

        last = traceback.format_exception_only(exc_type, exc)
        summary = (last[-1] if last else exc_type.__name__).strip()
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        emit("ProcessRaised", None, os.getpid(), None, {"exception": summary[:500], "traceback": text[-16384:]})
        transport.flush()
    except Exception:
        pass


def _watch_bootstrap_traceback(bootstrap_code):
    """BaseProcess._bootstrap prints an uncaught exception with traceback.print_exc() in its except clause: seen
    there, the exception is the process's own and the printed traceback is untouched (wrapping run() instead would
    add a frame of the probe to it). print_exc called from anywhere else is the program's business."""
    import traceback

    print_exc = traceback.print_exc
    if getattr(print_exc, "_proclab", False):
        return

    @functools.wraps(print_exc)
    def wrapped_print_exc(*args, **kwargs):
        try:
            if sys._getframe(1).f_code is bootstrap_code:
                report_raised(*sys.exc_info())
        except Exception:
            pass
        return print_exc(*args, **kwargs)

    wrapped_print_exc._proclab = True
    traceback.print_exc = wrapped_print_exc


def patch_process(mp_process):
    BaseProcess = mp_process.BaseProcess
    start = BaseProcess.start
    bootstrap = BaseProcess._bootstrap
    bootstrap_code = getattr(bootstrap, "__code__", None)

    @functools.wraps(start)
    def wrapped_start(self):
        t = transport._now()
        start(self)
        if transport.enabled:
            try:
                emit("ProcessSpawn", None, self._popen.pid, None, {"name": self.name, "method": _method_of(self)}, t)
                transport.flush()
            except Exception:
                pass

    @functools.wraps(bootstrap)
    def wrapped_bootstrap(self, *args, **kwargs):
        _tls.depth = 0
        address = os.environ.get("PROCLAB_PROBE_SOCK")
        code = None
        if address:
            try:
                transport.activate(socket_address(address))
                emit("ProcessReady", None, os.getpid(), None, {"name": self.name, "parent": self._parent_pid})
                transport.flush()
                if bootstrap_code is not None:
                    _watch_bootstrap_traceback(bootstrap_code)
            except Exception:
                transport.disable()
        try:
            code = bootstrap(self, *args, **kwargs)
            return code
        finally:
            if transport.enabled:
                try:
                    emit("ProcessEnd", None, os.getpid(), code)
                    transport.finish()
                except Exception:
                    transport.disable()

    BaseProcess.start = wrapped_start
    BaseProcess._bootstrap = wrapped_bootstrap


def _patch_poll(cls):
    poll = cls.poll

    @functools.wraps(poll)
    def wrapped_poll(self, *args, **kwargs):
        before = self.returncode
        rc = poll(self, *args, **kwargs)
        if before is None and self.returncode is not None and transport.enabled:
            emit("ProcessExit", None, self.pid, self.returncode)
        return rc

    cls.poll = wrapped_poll


def patch_popen_fork(mod):
    _patch_poll(mod.Popen)


def patch_popen_forkserver(mod):
    if "poll" in mod.Popen.__dict__:
        _patch_poll(mod.Popen)


def patch_context(mod):
    method = os.environ.get("PROCLAB_PROBE_START_METHOD")
    if method and os.environ.get("PROCLAB_PROBE_MAIN") == str(os.getpid()):
        # Only the default: a script that calls set_start_method() itself still may.
        mod._default_context._default_context = mod._concrete_contexts[method]


# --- Pool -------------------------------------------------------------------------------------------------------


def _chunk_size(pool_mod, func, args):
    if func is pool_mod.mapstar or func is pool_mod.starmapstar:
        try:
            return len(args[0][1])
        except Exception:
            return 1
    return 1


def patch_pool(pool_mod):
    Pool = pool_mod.Pool
    setup_queues = Pool._setup_queues
    init = internal_init(Pool)
    del init
    mapstar, starmapstar = pool_mod.mapstar, pool_mod.starmapstar

    @functools.wraps(setup_queues)
    def wrapped_setup_queues(self):
        setup_queues(self)
        owner = os.getpid()
        quick_put = self._quick_put
        quick_get = self._quick_get

        def put(task):
            if task is not None and transport.enabled:
                try:
                    job, i, func, args, _ = task
                    n = _chunk_size(pool_mod, func, args)
                    name = getattr(args[0][0] if n and func in (mapstar, starmapstar) else func, "__name__", "")
                    emit("TaskSubmit", "c%d:%s:%s" % (owner, job, i), None, n, {"fn": name})
                except Exception:
                    pass
            return quick_put(task)

        def get(*args):
            item = quick_get(*args)
            if item is not None and transport.enabled:
                try:
                    job, i, result = item
                    emit("TaskResult", "c%d:%s:%s" % (owner, job, i), None, 0 if result[0] else 1)
                except Exception:
                    pass
            return item

        self._quick_put = put
        self._quick_get = get

    Pool._setup_queues = wrapped_setup_queues

    worker = pool_mod.worker

    @functools.wraps(worker)
    def wrapped_worker(inqueue, outqueue, *args, **kwargs):
        if transport.enabled:
            try:
                _instrument_pool_inqueue(pool_mod, inqueue)
                _flush_before_put(outqueue)
            except Exception:
                pass
        return worker(inqueue, outqueue, *args, **kwargs)

    pool_mod.worker = wrapped_worker


def _flush_before_put(queue):
    """A worker's records of a task go out before its result: once the caller has every result it may terminate the
    pool at once (a `with Pool()` block's end), and a SIGTERMed worker sends nothing more."""
    put = queue.put

    def flushing_put(*args, **kwargs):
        transport.flush()
        return put(*args, **kwargs)

    queue.put = flushing_put


def _instrument_pool_inqueue(pool_mod, inqueue):
    from multiprocessing import process

    owner = process.current_process()._parent_pid
    get = inqueue.get
    mapstar, starmapstar = pool_mod.mapstar, pool_mod.starmapstar

    def wrapped_get():
        transport.flush()  # the last chunk's ends go out before this worker idles
        task = get()
        if task is None or not transport.enabled:
            return task
        try:
            job, i, func, args, kwds = task
            key = "c%d:%s:%s" % (owner, job, i)
            if func is mapstar or func is starmapstar:
                fn, chunk = args[0]
                star = func is starmapstar
                emit("TaskDispatch", key, None, len(chunk))
                return (job, i, _chunk_runner(key, fn, star), (chunk,), kwds)
            emit("TaskDispatch", key, None, 1)
            return (job, i, _task_runner(key, func), args, kwds)
        except Exception:
            return task

    inqueue.get = wrapped_get


def _task_runner(key, func):
    def run(*args, **kwargs):
        emit("TaskStart", key, 0)
        try:
            r = func(*args, **kwargs)
        except BaseException:
            emit("TaskEnd", key, 0, 1)
            raise
        emit("TaskEnd", key, 0, 0)
        return r

    return run


def _chunk_runner(key, fn, star):
    """Runs a chunk like mapstar/starmapstar; one live TaskStart, then the end of each task in one TaskEnds."""

    def run(chunk):
        now = transport._now
        ends = []
        results = []
        emit("TaskStart", key, 0)
        try:
            for args in chunk:
                results.append(fn(*args) if star else fn(args))
                ends.append(now())
                if len(ends) >= 256:
                    emit("TaskEnds", key, len(results) - len(ends), 2, ends)
                    ends = []
        except BaseException:
            ends.append(now())
            emit("TaskEnds", key, len(results) + 1 - len(ends), 1, ends)
            raise
        emit("TaskEnds", key, len(results) - len(ends), 0, ends)
        return results

    return run


# --- ProcessPoolExecutor ----------------------------------------------------------------------------------------


EXECUTOR = "_proclab_executor"  # on an executor's call queue: which executor its work ids belong to
_executors = itertools.count(1)


def patch_futures_process(mod):
    Executor = mod.ProcessPoolExecutor
    init = Executor.__init__

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        with _internal:
            init(self, *args, **kwargs)
        self._proclab_serial = next(_executors)
        try:
            self._call_queue.__dict__[EXECUTOR] = self._proclab_serial
        except Exception:
            pass

    Executor.__init__ = __init__
    submit = Executor.submit
    process_chunk = mod._process_chunk

    @functools.wraps(submit)
    def wrapped_submit(self, fn, *args, **kwargs):
        if not transport.enabled:
            return submit(self, fn, *args, **kwargs)
        work_id = getattr(self, "_queue_count", None)
        n = 1
        name = getattr(fn, "__name__", "")
        if isinstance(fn, functools.partial) and fn.func is process_chunk:
            try:
                n = len(args[0])
                name = getattr(fn.args[0], "__name__", "")
            except Exception:
                n = 1
        key = "f%d.%s:%s" % (os.getpid(), getattr(self, "_proclab_serial", 0), work_id)
        t = transport._now()
        future = submit(self, fn, *args, **kwargs)
        if work_id is not None:
            emit("TaskSubmit", key, None, n, {"fn": name}, t)

            def done(f):
                try:  # 0 done, 1 raised, 2 cancelled before it ran
                    emit("TaskResult", key, None, 2 if f.cancelled() else 0 if f.exception() is None else 1)
                except Exception:
                    pass

            future.add_done_callback(done)
        return future

    Executor.submit = wrapped_submit

    worker = mod._process_worker

    @functools.wraps(worker)
    def wrapped_worker(call_queue, result_queue, *args, **kwargs):
        if transport.enabled:
            try:
                _instrument_call_queue(mod, call_queue)
                _flush_before_put(result_queue)
            except Exception:
                pass
        return worker(call_queue, result_queue, *args, **kwargs)

    mod._process_worker = wrapped_worker


def _instrument_call_queue(mod, call_queue):
    from multiprocessing import process

    owner = process.current_process()._parent_pid
    executor = call_queue.__dict__.get(EXECUTOR, 0)
    get = call_queue.get
    process_chunk = mod._process_chunk

    def wrapped_get(*args, **kwargs):
        transport.flush()
        item = get(*args, **kwargs)
        if item is None or not transport.enabled:
            return item
        try:
            key = "f%d.%s:%s" % (owner, executor, item.work_id)
            fn = item.fn
            if isinstance(fn, functools.partial) and fn.func is process_chunk:
                emit("TaskDispatch", key, None, len(item.args[0]))
                item.fn = functools.partial(_executor_chunk, key, fn.args[0])
            else:
                emit("TaskDispatch", key, None, 1)
                item.fn = _task_runner(key, fn)
        except Exception:
            pass
        return item

    call_queue.get = wrapped_get


def _executor_chunk(key, fn, chunk):
    return _chunk_runner(key, fn, True)(chunk)


# --- Queues -----------------------------------------------------------------------------------------------------


def _qsize(q):
    try:
        return q._maxsize - q._sem._semlock._get_value()
    except Exception:
        return 0


def _queue_empty(q):
    try:
        return q._sem._semlock._get_value() == q._maxsize
    except Exception:
        return False


def _queue_full(q):
    try:
        return q._sem._semlock._is_zero()
    except Exception:
        return False


def patch_queues(mod):
    for cls in (mod.Queue, mod.JoinableQueue, mod.SimpleQueue):
        _patch_queue_init(cls)
        _keyed_state(cls)
    _patch_queue_put(mod.Queue)
    _patch_queue_put(mod.JoinableQueue)
    _patch_queue_get(mod.Queue)
    _patch_simple_queue(mod.SimpleQueue)


def _patch_queue_init(cls):
    init = cls.__init__

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        key = _user_key("q")
        with _internal:
            init(self, *args, **kwargs)
        if key:
            self.__dict__[KEY] = key
            maxsize = getattr(self, "_maxsize", 0)
            emit("ObjectCreate", key, maxsize if maxsize < (1 << 31) - 1 else 0, "Queue")

    cls.__init__ = __init__


def _patch_queue_put(cls):
    put = cls.put

    @functools.wraps(put)
    def wrapped_put(self, obj, block=True, timeout=None):
        key = self.__dict__.get(KEY)
        if not key or not transport.enabled:
            return put(self, obj, block, timeout)
        waited = False
        if block and _queue_full(self):
            wait_flush("QueuePutWait", key, None, _qsize(self))
            waited = True
        t = transport._now()
        try:
            put(self, obj, block, timeout)
        except BaseException:
            if waited:
                emit("QueuePutWait", key, None, -1)
            raise
        emit("QueuePut", key, None, _qsize(self), None, t)

    cls.put = wrapped_put


def _patch_queue_get(cls):
    get = cls.get

    @functools.wraps(get)
    def wrapped_get(self, block=True, timeout=None):
        key = self.__dict__.get(KEY)
        if not key or not transport.enabled:
            return get(self, block, timeout)
        waited = False
        if block and _queue_empty(self):
            wait_flush("QueueGetWait", key, None, 0)
            waited = True
        try:
            item = get(self, block, timeout)
        except BaseException:
            if waited:
                emit("QueueGetWait", key, None, -1)
            raise
        emit("QueueGet", key, None, _qsize(self))
        return item

    cls.get = wrapped_get


def _patch_simple_queue(cls):
    put = cls.put
    get = cls.get

    @functools.wraps(put)
    def wrapped_put(self, obj):
        key = self.__dict__.get(KEY)
        if not key or not transport.enabled:
            return put(self, obj)
        t = transport._now()
        put(self, obj)
        emit("QueuePut", key, None, 0, None, t)

    @functools.wraps(get)
    def wrapped_get(self):
        key = self.__dict__.get(KEY)
        if not key or not transport.enabled:
            return get(self)
        waited = False
        try:
            if not self._poll():
                wait_flush("QueueGetWait", key, None, 0)
                waited = True
        except Exception:
            pass
        try:
            item = get(self)
        except BaseException:
            if waited:
                emit("QueueGetWait", key, None, -1)
            raise
        emit("QueueGet", key, None, 0)
        return item

    cls.put = wrapped_put
    cls.get = wrapped_get


# --- Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier -----------------------------------------


def patch_synchronize(mod):
    SemLock = mod.SemLock
    kinds = {mod.Lock: "Lock", mod.RLock: "RLock", mod.Semaphore: "Semaphore", mod.BoundedSemaphore: "BoundedSemaphore"}
    init = SemLock.__init__
    make_methods = SemLock._make_methods
    enter, exit_ = SemLock.__enter__, SemLock.__exit__

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        kind = kinds.get(type(self))
        key = _user_key("l") if kind else None
        if key:
            self.__dict__[KEY] = key
        init(self, *args, **kwargs)
        if key:
            detail = -1
            if kind in ("Semaphore", "BoundedSemaphore"):
                try:
                    detail = self._semlock._get_value()
                except Exception:
                    detail = -1
            emit("ObjectCreate", key, detail, kind)

    @functools.wraps(make_methods)
    def _make_methods(self):
        make_methods(self)
        key = self.__dict__.get(KEY)
        if key:
            _instrument_semlock(self, key, kinds.get(type(self), "Lock"))

    def __enter__(self):
        if self.__dict__.get(KEY):
            return self.acquire()
        return enter(self)

    def __exit__(self, *args):
        if self.__dict__.get(KEY):
            return self.release()
        return exit_(self, *args)

    SemLock.__init__ = __init__
    SemLock._make_methods = _make_methods
    SemLock.__enter__ = __enter__
    SemLock.__exit__ = __exit__
    _keyed_state(SemLock)
    _patch_condition(mod)
    _patch_event(mod)
    _patch_barrier(mod)


def _instrument_semlock(lock, key, kind):
    semlock = lock._semlock
    c_acquire = semlock.acquire
    c_release = semlock.release
    count = semlock._count
    get_value = semlock._get_value
    recursive = kind == "RLock"
    counting = kind in ("Semaphore", "BoundedSemaphore")

    def acquire(block=True, timeout=None):
        if not transport.enabled:
            return c_acquire(block, timeout)
        if c_acquire(False):
            ok = True
        elif not block:
            return False
        else:
            wait_flush("LockWait", key, None, 0)
            ok = c_acquire(True, timeout)
            if not ok:
                emit("LockWait", key, None, -1)
                return False
        if recursive and count() != 1:
            return ok
        emit("LockAcquire", key, None, os.getpid())
        if counting:
            emit("SemaphoreValue", key, None, get_value())
        return ok

    def release():
        if not transport.enabled:
            return c_release()
        if not recursive or count() == 1:
            emit("LockRelease", key, None, os.getpid())  # stamped before: a release precedes the acquire it allows
        c_release()
        if counting:
            emit("SemaphoreValue", key, None, get_value())

    lock.acquire = acquire
    lock.release = release


def _adopt_lock(lock, kind):
    """A lock a user object made for itself (a Condition's RLock) is the user's: give it a key."""
    if lock is not None and not lock.__dict__.get(KEY) and hasattr(lock, "_semlock"):
        key = _new_key("l")
        lock.__dict__[KEY] = key
        emit("ObjectCreate", key, -1, kind)
        lock._make_methods()


def _patch_condition(mod):
    Condition = mod.Condition
    init = Condition.__init__

    @functools.wraps(init)
    def __init__(self, lock=None, *args, **kwargs):
        key = _user_key("k")
        with _internal:
            init(self, lock, *args, **kwargs)
        if key:
            self.__dict__[KEY] = key
            if lock is None:
                _adopt_lock(self._lock, "RLock")
            emit("ObjectCreate", key, -1, "Condition", {"lock": self._lock.__dict__.get(KEY)})
            self.acquire = self._lock.acquire
            self.release = self._lock.release

    Condition.__init__ = __init__
    _keyed_state(Condition)
    setstate = Condition.__setstate__

    def __setstate__(self, state):
        setstate(self, state)
        if self.__dict__.get(KEY):
            self.acquire = self._lock.acquire
            self.release = self._lock.release

    Condition.__setstate__ = __setstate__

    wait, notify, notify_all = Condition.wait, Condition.notify, Condition.notify_all

    @functools.wraps(wait)
    def wrapped_wait(self, timeout=None):
        key = self.__dict__.get(KEY)
        if not key or not transport.enabled:
            return wait(self, timeout)
        wait_flush("ConditionWait", key, None, 0)
        r = wait(self, timeout)
        if not r:
            emit("ConditionWait", key, None, -1)
        return r

    @functools.wraps(notify)
    def wrapped_notify(self, n=1):
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("ConditionNotify", key, None, n)
        return notify(self, n)

    @functools.wraps(notify_all)
    def wrapped_notify_all(self):
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("ConditionNotify", key, None, -1)
        return notify(self, sys.maxsize)

    Condition.wait = wrapped_wait
    Condition.notify = wrapped_notify
    Condition.notify_all = wrapped_notify_all


def _patch_event(mod):
    Event = mod.Event
    init = Event.__init__

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        key = _user_key("e")
        with _internal:
            init(self, *args, **kwargs)
        if key:
            self.__dict__[KEY] = key
            emit("ObjectCreate", key, -1, "Event")

    Event.__init__ = __init__  # pickled with its __dict__, key included
    set_, clear, wait = Event.set, Event.clear, Event.wait

    def wrapped_set(self):
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("EventSet", key, None, 0)
        return set_(self)

    def wrapped_clear(self):
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("EventClear", key, None, 0)
        return clear(self)

    def wrapped_wait(self, timeout=None):
        key = self.__dict__.get(KEY)
        if not key or not transport.enabled:
            return wait(self, timeout)
        wait_flush("EventWait", key, None, 0)
        r = wait(self, timeout)
        emit("EventWait", key, None, 1 if r else -1)
        return r

    Event.set, Event.clear, Event.wait = wrapped_set, wrapped_clear, wrapped_wait


def _patch_barrier(mod):
    Barrier = mod.Barrier
    init = Barrier.__init__

    @functools.wraps(init)
    def __init__(self, parties, *args, **kwargs):
        key = _user_key("b")
        with _internal:
            init(self, parties, *args, **kwargs)
        if key:
            self.__dict__[KEY] = key
            emit("ObjectCreate", key, parties, "Barrier")

    Barrier.__init__ = __init__
    _keyed_state(Barrier)
    wait = Barrier.wait

    def wrapped_wait(self, timeout=None):
        key = self.__dict__.get(KEY)
        if not key or not transport.enabled:
            return wait(self, timeout)
        wait_flush("BarrierArrive", key, None, 0)
        try:
            index = wait(self, timeout)
        except BaseException:
            emit("BarrierPass", key, None, -1)
            raise
        emit("BarrierPass", key, None, index)
        return index

    Barrier.wait = wrapped_wait


# --- Pipe -------------------------------------------------------------------------------------------------------


def _rebuild_keyed_connection(key, rebuild, args):
    conn = rebuild(*args)
    try:
        conn.__dict__[KEY] = key
    except Exception:
        pass
    return conn


def patch_connection(mod):
    Pipe = mod.Pipe

    @functools.wraps(Pipe)
    def wrapped_pipe(duplex=True):
        a, b = Pipe(duplex)
        key = _user_key("p")
        if key:
            for end in (a, b):
                end.__dict__[KEY] = key
            emit("ObjectCreate", key, 2 if duplex else 1, "Pipe")
        return a, b

    mod.Pipe = wrapped_pipe
    Base = mod._ConnectionBase
    send, send_bytes, recv, recv_bytes = Base.send, Base.send_bytes, Base.recv, Base.recv_bytes
    from multiprocessing.reduction import ForkingPickler

    @functools.wraps(send)
    def wrapped_send(self, obj):
        key = self.__dict__.get(KEY)
        if not key or not transport.enabled:
            return send(self, obj)
        self._check_closed()
        self._check_writable()
        data = ForkingPickler.dumps(obj)
        emit("PipeSend", key, None, len(data))
        self._send_bytes(data)

    @functools.wraps(send_bytes)
    def wrapped_send_bytes(self, buf, *args, **kwargs):
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("PipeSend", key, None, _small(len(memoryview(buf))))
        return send_bytes(self, buf, *args, **kwargs)

    def _receiving(original):
        @functools.wraps(original)
        def wrapped(self, *args, **kwargs):
            key = self.__dict__.get(KEY)
            if not key or not transport.enabled:
                return original(self, *args, **kwargs)
            waited = False
            try:
                if not self.poll(0):
                    wait_flush("PipeRecvWait", key, None, 0)
                    waited = True
            except Exception:
                pass
            try:
                r = original(self, *args, **kwargs)
            except BaseException:
                if waited:
                    emit("PipeRecvWait", key, None, -1)
                raise
            emit("PipeRecv", key, None, len(r) if isinstance(r, (bytes, bytearray)) else 0)
            return r

        return wrapped

    Base.send = wrapped_send
    Base.send_bytes = wrapped_send_bytes
    Base.recv = _receiving(recv)
    Base.recv_bytes = _receiving(recv_bytes)

    # spawn: the key travels with a pickled end
    from multiprocessing import reduction

    reduce_connection = getattr(mod, "reduce_connection", None)
    if reduce_connection is not None:

        def keyed_reduce(conn):
            rebuild, args = reduce_connection(conn)[:2]
            key = conn.__dict__.get(KEY)
            if key:
                return _rebuild_keyed_connection, (key, rebuild, args)
            return rebuild, args

        reduction.register(mod.Connection, keyed_reduce)


# --- Value / Array ----------------------------------------------------------------------------------------------


def _rebuild_keyed_synchronized(key, rebuild, args):
    _tls.pending_key = key
    try:
        return rebuild(*args)
    finally:
        _tls.pending_key = None


def patch_sharedctypes(mod):
    Base = mod.SynchronizedBase
    init = Base.__init__
    reduce_ = Base.__reduce__

    @functools.wraps(init)
    def __init__(self, obj, *args, **kwargs):
        key = _user_key("v")
        init(self, obj, *args, **kwargs)
        if key:
            self.__dict__[KEY] = key
            try:
                cells = len(obj)
                kind = "Array"
            except TypeError:
                cells = -1
                kind = "Value"
            emit("ObjectCreate", key, cells, kind, {"lock": getattr(self._lock, "__dict__", {}).get(KEY)})

    def __reduce__(self):
        r = reduce_(self)
        key = self.__dict__.get(KEY)
        if key:
            return _rebuild_keyed_synchronized, (key, r[0], r[1])
        return r

    Base.__init__ = __init__
    Base.__reduce__ = __reduce__

    prop = mod.Synchronized.value

    def get_value(self):
        v = prop.fget(self)
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("SharedRead", key, None, _small(v))
        return v

    def set_value(self, v):
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("SharedWrite", key, None, _small(v))
        prop.fset(self, v)

    mod.Synchronized.value = property(get_value, set_value, None, prop.__doc__)

    Arr = mod.SynchronizedArray
    getitem, setitem = Arr.__getitem__, Arr.__setitem__

    def wrapped_getitem(self, i):
        v = getitem(self, i)
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("SharedRead", key, i if isinstance(i, int) else -1, _small(v))
        return v

    def wrapped_setitem(self, i, v):
        key = self.__dict__.get(KEY)
        if key and transport.enabled:
            emit("SharedWrite", key, i if isinstance(i, int) else -1, _small(v))
        return setitem(self, i, v)

    Arr.__getitem__ = wrapped_getitem
    Arr.__setitem__ = wrapped_setitem


# --- Manager ----------------------------------------------------------------------------------------------------


def patch_managers(mod):
    internal_init(mod.BaseManager)
    Proxy = mod.BaseProxy
    callmethod = Proxy._callmethod

    @functools.wraps(callmethod)
    def wrapped_callmethod(self, methodname, args=(), kwds={}):
        if not transport.enabled:
            return callmethod(self, methodname, args, kwds)
        key = "m%s" % (getattr(self._token, "id", "?"),)
        emit("ManagerCall", key, None, 0, {"method": methodname, "type": getattr(self._token, "typeid", "")})
        with _internal:
            return callmethod(self, methodname, args, kwds)

    Proxy._callmethod = wrapped_callmethod


# --- the import hook --------------------------------------------------------------------------------------------

PATCHES = {
    "multiprocessing.process": [patch_process],
    "multiprocessing.popen_fork": [patch_popen_fork],
    "multiprocessing.popen_forkserver": [patch_popen_forkserver],
    "multiprocessing.context": [patch_context],
    "multiprocessing.pool": [patch_pool],
    "multiprocessing.queues": [patch_queues],
    "multiprocessing.synchronize": [patch_synchronize],
    "multiprocessing.connection": [patch_connection],
    "multiprocessing.sharedctypes": [patch_sharedctypes],
    "multiprocessing.managers": [patch_managers],
    "concurrent.futures.process": [patch_futures_process],
}
CORE = {"multiprocessing.process", "multiprocessing.popen_fork", "multiprocessing.popen_forkserver"}


def apply_patches(name, module):
    for patch in PATCHES.get(name, ()):
        try:
            patch(module)
        except Exception as err:
            _fail("%s (%s: %s)" % (name, type(err).__name__, err))
            if name not in CORE:
                continue


class _Loader:
    def __init__(self, loader, name):
        self._loader = loader
        self._name = name

    def __getattr__(self, attr):
        return getattr(self._loader, attr)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        module.__loader__ = self._loader
        module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        apply_patches(self._name, module)


class Finder:
    """Patches the modules in PATCHES as they are imported, so that processes that never use them pay nothing."""

    def find_spec(self, name, path=None, target=None):
        if name not in PATCHES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader, name)
                return spec
        return None

    def invalidate_caches(self):
        pass


def install_import_hook():
    for name in PATCHES:
        if name in sys.modules:
            apply_patches(name, sys.modules[name])
    sys.meta_path.insert(0, Finder())
