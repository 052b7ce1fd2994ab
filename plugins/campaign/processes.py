"""Worker processes that never outlive the build that started them."""

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent=None):
    """In a worker: be killed when the process that started it dies (even by SIGKILL), on Linux.

    `parent` is that process's pid, taken before the worker started (a
    spawned worker may start after its parent is gone); default: the
    worker's parent now. Elsewhere nothing happens; the worker still ends
    when its work or its pipe does.
    """
    parent = parent or os.getppid()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the worker got here
        os._exit(1)


def stop_resource_tracker():
    """End multiprocessing's resource tracker, which the reading workers' pool started, now.

    Left alone it ends only when this process does, so it would outlive a
    build run from a longer-lived process (the tests, `invoke livereload`)
    and, for a moment, the build process itself. It starts again by itself
    if anything needs it. `_stop` is private to multiprocessing:
    tests/contracts/test_resource_tracker.py names it.
    """
    from multiprocessing import resource_tracker

    tracker = getattr(resource_tracker, "_resource_tracker", None)
    if tracker is not None and getattr(tracker, "_pid", None) is not None:
        tracker._stop()
