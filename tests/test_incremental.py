"""Rebuilding in place: only changed pages are rebuilt, and the result equals a full build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def build(content: Path, site: Path, cache: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--no-pdf", "--quiet", "--content", str(content),
         "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "AIGUIDE_CACHE_DIR": str(cache)},
    )
    assert result.returncode == 0, result.stderr
    assert "'dirty' build" not in result.stderr  # MkDocs' warning about dirty builds is not for our users


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_point_edit_rebuilds_only_changed_pages_and_matches_a_full_build(tmp_path, content_copy):
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(content_copy, site, cache)
    untouched = site / "chapters" / "01-purpose.html"
    assert untouched.is_file()
    untouched_time = untouched.stat().st_mtime_ns

    edit(content_copy / "cells" / "internal-3.yml", "法令・制度の調査補助", "法令・制度の調べもの")
    build(content_copy, site, cache)
    assert untouched.stat().st_mtime_ns == untouched_time  # not rebuilt
    assert "法令・制度の調べもの" in (site / "cells" / "internal-3.html").read_text(encoding="utf-8")
    assert "法令・制度の調べもの" in (site / "search" / "ag-index.js").read_text(encoding="utf-8")

    full = tmp_path / "full"
    build(content_copy, full, tmp_path / "fresh-cache")
    assert snapshot(site) == snapshot(full)


def test_nav_change_rebuilds_every_page(tmp_path, content_copy):
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(content_copy, site, cache)
    untouched = site / "chapters" / "01-purpose.html"
    untouched_time = untouched.stat().st_mtime_ns

    # A cell's name is in every page's navigation.
    edit(content_copy / "cells" / "internal-3.yml", "name: 専門知識助言・企画提案支援", "name: 専門知識の助言・企画提案支援")
    build(content_copy, site, cache)
    assert untouched.stat().st_mtime_ns != untouched_time
    assert "専門知識の助言・企画提案支援" in untouched.read_text(encoding="utf-8")

    full = tmp_path / "full"
    build(content_copy, full, tmp_path / "fresh-cache")
    assert snapshot(site) == snapshot(full)


def test_plain_mkdocs_dirty_build_is_exact_too(tmp_path, content_copy):
    """The plugin, not the aiguide command, owns what a dirty build may skip: `mkdocs build --dirty`
    after a change every page shows (a cell's name is in the navigation) rebuilds every page."""
    site = tmp_path / "site"
    env = {**os.environ, "AIGUIDE_CONTENT_DIR": str(content_copy), "AIGUIDE_PDF": "false",
           "AIGUIDE_CACHE_DIR": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}

    def mkdocs_build(*extra):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site), *extra],
                                cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
        assert result.returncode == 0, result.stderr

    mkdocs_build()
    edit(content_copy / "cells" / "internal-3.yml", "name: 専門知識助言・企画提案支援", "name: 専門知識の助言・企画提案支援")
    mkdocs_build("--dirty")
    assert "専門知識の助言・企画提案支援" in (site / "chapters" / "01-purpose.html").read_text(encoding="utf-8")
    full = tmp_path / "full"
    build(content_copy, full, tmp_path / "fresh-cache")
    assert snapshot(site) == snapshot(full)
