"""ProcLab's Python probe: reports what a multiprocessing program does, live, to ProcLab.

Loaded into every Python process of a program that ProcLab runs (PYTHONPATH + sitecustomize.py), stdlib only,
CPython 3.9 to 3.13. `python3 -m proclab_probe.run SCRIPT ARGS` runs the script as `python3 SCRIPT ARGS` would.
The environment it reads:
  PROCLAB_PROBE_SOCK          where to report: "@name" (abstract unix socket) or a path; unset: the probe is off
  PROCLAB_PROBE_START_METHOD  fork, spawn or forkserver: the default start method of the main process
  PROCLAB_PROCESSES           p: os.cpu_count(), Pool() and ProcessPoolExecutor() without an argument use p
"""

import os
import sys

VERSION = 1
_installed = False


def _scale(p):
    # os.cpu_count() is what Pool(), ProcessPoolExecutor() and multiprocessing.cpu_count() ask (3.13:
    # os.process_cpu_count()).
    os.cpu_count = lambda: p
    if hasattr(os, "process_cpu_count"):
        os.process_cpu_count = lambda: p


def _line_buffered():
    # As on a terminal: each line reaches ProcLab's console as it is printed (stdout is a socket here).
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except Exception:
            pass


def _report_uncaught():
    """An exception no code caught reaches sys.excepthook: in a multiprocessing child, one raised before its target
    ran (unpickling it under spawn or forkserver: a function the child cannot import, a lock already gone). Told to
    ProcLab as that process's end (connecting first if it never got to), then printed as Python would."""
    hook = sys.excepthook

    def excepthook(exc_type, exc, tb):
        try:
            address = os.environ.get("PROCLAB_PROBE_SOCK")
            if address and exc_type is not None and not issubclass(exc_type, SystemExit):
                from . import hooks, transport

                if not transport.enabled:
                    transport.activate(hooks.socket_address(address))
                hooks.report_raised(exc_type, exc, tb)
        except Exception:
            pass
        return hook(exc_type, exc, tb)

    sys.excepthook = excepthook


def install():
    """Installs the probe's import hook in this process (idempotent, never raises)."""
    global _installed
    if _installed:
        return
    _installed = True
    _line_buffered()
    try:
        p = os.environ.get("PROCLAB_PROCESSES", "")
        if p.isdigit() and int(p) > 0:
            _scale(int(p))
    except Exception:
        pass
    try:
        _report_uncaught()
    except Exception:
        pass
    if sys.implementation.name != "cpython" or sys.version_info < (3, 9):
        return  # processes and console only: ProcLab still sees the console of every process
    try:
        from . import hooks

        hooks.install_import_hook()
    except Exception:
        pass
