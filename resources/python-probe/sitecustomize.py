# ProcLab's Python probe loader. ProcLab puts this directory first on PYTHONPATH when it runs a student's script,
# so every Python process of the program (the main one, spawned children, the forkserver) reads this file at start.
# It installs the probe only when ProcLab asked for it (PROCLAB_PROBE_SOCK), then runs the sitecustomize it shadows
# (Debian's /etc/python3.X/sitecustomize.py, a venv's own), as if this file were not there. It never raises.
import os
import sys


def _proclab_install():
    if not os.environ.get("PROCLAB_PROBE_SOCK"):
        return
    try:
        import proclab_probe

        proclab_probe.install()
    except Exception:  # fail open: the program runs as without ProcLab
        pass


def _proclab_chain():
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        import importlib.machinery
        import importlib.util

        path = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
        spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
        if spec is None or spec.loader is None:
            return
        if spec.origin and os.path.abspath(spec.origin) == os.path.abspath(__file__):
            return
        module = importlib.util.module_from_spec(spec)
        sys.modules["_proclab_shadowed_sitecustomize"] = module
        spec.loader.exec_module(module)
    except Exception as err:  # what site.py itself says when a sitecustomize fails
        if sys.flags.verbose:
            sys.excepthook(*sys.exc_info())
        else:
            print("Error in sitecustomize; set PYTHONVERBOSE for traceback:\n%s: %s" % (type(err).__name__, err),
                  file=sys.stderr)


_proclab_install()
_proclab_chain()
del _proclab_install, _proclab_chain
