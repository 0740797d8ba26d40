"""Build into a staging folder beside the site, then swap it in: readers never see a half-written
site, and a failed build leaves the last good one untouched.

Builds into one site folder take turns (a lock beside it). Leftovers of builds that were
killed (staging folders, the previous site kept during a swap) are removed when the next
build of that site starts: holding the lock, it knows no other build is using them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from . import incremental
from .locks import FileLock


def _names(site_dir: Path) -> tuple[str, str, str]:
    name = site_dir.name
    return f".{name}.aiguide-lock", f".{name}.aiguide-build-", f".{name}.aiguide-old"


def remove_tree(path: Path) -> None:
    """Remove a folder we made, also if parts of it were made read-only."""

    def make_writable_and_retry(function, failed, _info):
        parent = os.path.dirname(failed)
        for target in (parent, failed):
            with contextlib.suppress(OSError):
                os.chmod(target, os.stat(target).st_mode | stat.S_IWUSR | stat.S_IXUSR | stat.S_IRUSR)
        with contextlib.suppress(FileNotFoundError):
            function(failed)

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, onerror=make_writable_and_retry)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextlib.contextmanager
def staging_for(site_dir: Path):
    """Yield an empty-or-copied staging folder for site_dir; the caller builds into it and
    calls swap(). Holds the site's lock throughout; always removes the staging folder."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_name, staging_prefix, old_name = _names(site_dir)
    with FileLock(site_dir.parent / lock_name):
        for leftover in site_dir.parent.glob(f"{staging_prefix}*"):
            remove_tree(leftover)
        remove_tree(site_dir.parent / old_name)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix, dir=site_dir.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
        try:
            if incremental.built_with(site_dir):
                # Start from the last site: the build then redoes only what changed.
                shutil.copytree(site_dir, staging, dirs_exist_ok=True)  # copy2: output times kept
            yield staging
        finally:
            remove_tree(staging)


def swap(staging: Path, site_dir: Path) -> None:
    """Put the finished staging folder in place of site_dir."""
    site_dir = site_dir.resolve()
    old = site_dir.parent / _names(site_dir)[2]
    remove_tree(old)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    remove_tree(old)
