"""The PDF cache's files: written under a unique name until complete, published into the
site, pruned. Builds may run side by side, so nothing here assumes it is alone."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from .. import urls

if TYPE_CHECKING:
    from .pdf import RenderReport

MANIFEST = "published.json"


def part_file(target: Path) -> Path:
    """A unique name to write `target` under until it is complete (builds may run side by side)."""
    return target.with_name(f"{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.part")


def publish(report: RenderReport, site_dir: Path) -> None:
    _copy_into_site(report.outputs, site_dir)


def publish_previous(site_dir: Path, cache_dir: Path) -> None:
    """`mkdocs serve`: the PDFs of the last finished run, at once (they may lag one edit behind)."""
    try:
        manifest = json.loads((cache_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    outputs = {site_path: cache_dir / name for site_path, name in manifest.items()}
    _copy_into_site({site_path: source for site_path, source in outputs.items() if source.exists()}, site_dir)


def _copy_into_site(outputs: dict[str, Path], site_dir: Path) -> None:
    for site_path, source in outputs.items():
        target = urls.inside(site_dir, site_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        part = part_file(target)
        shutil.copyfile(source, part)
        part.replace(target)


def prune(cache_dir: Path, keep: set[str], keep_extra: int = 64) -> None:
    """Keep the cache small: this run's files plus the most recent others (e.g. another branch)."""
    others = sorted(
        (p for p in cache_dir.glob("*.pdf") if p.name not in keep), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in others[keep_extra:]:
        old.unlink(missing_ok=True)
    # Half-written files of builds that were killed (a running build's are younger than this).
    for stale in cache_dir.glob("*.part"):
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink()
