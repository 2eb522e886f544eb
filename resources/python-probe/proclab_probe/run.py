"""python3 -m proclab_probe.run SCRIPT [ARGS]: runs SCRIPT as `python3 SCRIPT ARGS` would, reporting to ProcLab.

The script runs in a new module named __main__ (with __file__ and no __spec__), left in sys.modules for the whole
life of the process: spawn and forkserver children then re-import it as __mp_main__ from its path, so
`if __name__ == "__main__":` behaves as under `python3 script.py`. A traceback names the script's frames only.
"""

import os
import sys
import types


def _start_probe():
    address = os.environ.get("PROCLAB_PROBE_SOCK")
    if not address:
        return
    try:
        from . import hooks, install, transport

        install()
        os.environ["PROCLAB_PROBE_MAIN"] = str(os.getpid())
        transport.activate(hooks.socket_address(address))
        transport.emit("ProcessReady", None, os.getpid(), None, {"name": "MainProcess", "parent": os.getppid()})
        transport.flush()
        import atexit

        # The last flush runs after multiprocessing's exit handler has joined the children (their exit codes are
        # in): atexit runs handlers last in, first out, and multiprocessing.util registers its own when imported,
        # after this one; its finalizers run in there, this one last of them.
        atexit.register(transport.finish)
        import multiprocessing.util as util

        util.Finalize(None, transport.finish, exitpriority=-(1 << 30))
    except Exception:
        try:
            transport.disable()
        except Exception:
            pass


def _report_raised(exc_type, exc, tb):
    if os.environ.get("PROCLAB_PROBE_SOCK"):
        try:
            from . import hooks

            hooks.report_raised(exc_type, exc, tb)
        except Exception:
            pass


def _strip_frames(tb, path):
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    return tb


def main():
    if len(sys.argv) < 2:
        print("usage: python3 -m proclab_probe.run SCRIPT [ARGS]", file=sys.stderr)
        return 2
    script = sys.argv[1]
    path = os.path.abspath(script)
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(path)
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as err:
        print("%s: can't open file %r: [Errno %d] %s" % (sys.executable, script, err.errno, err.strerror),
              file=sys.stderr)
        return 2
    _start_probe()
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = __builtins__
    module.__spec__ = None
    module.__loader__ = None
    module.__cached__ = None
    sys.modules["__main__"] = module
    try:
        code = compile(source, path, "exec")
        exec(code, module.__dict__)
    except SystemExit:
        raise
    except BaseException as err:
        import traceback

        tb = _strip_frames(err.__traceback__, path) if not isinstance(err, SyntaxError) else None
        traceback.print_exception(type(err), err, tb)
        sys.stderr.flush()
        _report_raised(type(err), err, tb)
        if isinstance(err, KeyboardInterrupt):
            return 130
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
