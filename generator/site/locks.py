"""Locks that let builds run side by side without corrupting each other.

An advisory lock (flock) on a file: the kernel drops it when the process dies,
so a killed build never leaves a lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class FileLock:
    """Held from acquire() to release(); acquiring again while held does nothing."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits while another build holds it
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> "FileLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def CacheLock(cache_root: Path) -> FileLock:
    """One build at a time per content folder's cache."""
    return FileLock(cache_root / "lock")
