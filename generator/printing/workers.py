"""Worker processes for PDF rendering: forked (they inherit WeasyPrint once imported), and
never outliving the build that started them."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def pool(max_workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=max_workers, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent
    )


def die_with_parent() -> None:
    """In a worker: be killed when the process that started it dies (even by SIGKILL),
    so a killed build never leaves workers behind holding the caller's output open."""
    try:
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before the line above ran
            os._exit(1)
    except (OSError, AttributeError):  # not Linux: nothing more we can do
        pass
