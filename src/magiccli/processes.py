"""A run that is told to end, or killed, leaves nothing behind: no worker process, no half-built index.

SIGTERM ends a run as Ctrl-C does, through every ``finally`` (a half-built index is deleted, the worker pool shut
down). SIGKILL cannot be caught; on Linux the kernel kills each worker when its parent dies (PR_SET_PDEATHSIG),
elsewhere a worker whose parent is gone ends when its pipe to the parent closes, and the index's temporary file
is removed by the next build (index._remove_stale_builds).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager

TERMINATED = 128 + signal.SIGTERM
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


_terminated = False  # SIGTERM came: whatever error its SystemExit turned into on the way, the run ends


def _terminate(signum, frame):
    global _terminated
    _terminated = True
    raise SystemExit(TERMINATED)


def terminating() -> bool:
    """Whether SIGTERM came during this run. Its SystemExit can reach a caller as another error (raised inside a
    callback SQLite or a process pool runs, it comes back as their error): such a caller re-raises, not recovers."""
    return _terminated


@contextmanager
def end_on_sigterm():
    """SIGTERM raises SystemExit in the main thread for as long as this lasts (elsewhere it cannot be caught)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def worker_started(parent: int) -> None:
    """A worker process's initializer: it dies with its parent, and leaves Ctrl-C and SIGTERM to it (the parent
    shuts the pool down; a worker of its own would print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
