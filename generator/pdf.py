"""Printable PDFs: one per cell and one for the whole guideline, rendered by WeasyPrint.

Each PDF is rendered from a self-contained HTML string (print CSS inlined), so
the SHA-256 of that string *is* the hash of everything the PDF shows. A cache
keyed by it lets a one-cell edit re-render just that cell and the whole
guideline. Renders run in parallel processes, biggest first.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import markdown
from markupsafe import Markup

from . import pages
from .model import Guideline
from .problems import EnvironmentProblem
from .templating import TEMPLATES as ALL_TEMPLATES
from .templating import environment

TEMPLATES = ALL_TEMPLATES / "print"
FONT_FAMILY = "IPAexGothic"
FONT_PACKAGE = "fonts-ipaexfont-gothic"
RENDERER_VERSION = "1"  # bump when the rendering code (not the templates) changes output
# From the package metadata: importing WeasyPrint itself is slow and only workers need it.
_WEASYPRINT_VERSION = importlib.metadata.version("weasyprint")


@dataclass(frozen=True)
class PdfJob:
    key: str  # cell id, or "guideline"
    site_path: str  # e.g. "pdf/citizen-3.pdf"
    html: str

    @cached_property
    def digest(self) -> str:
        text = f"{RENDERER_VERSION}\n{_WEASYPRINT_VERSION}\n{self.html}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class RenderReport:
    rendered: list[str]
    cached: list[str]
    seconds: float

    def summary(self) -> str:
        total = len(self.rendered) + len(self.cached)
        return (
            f"PDF: {total} 件（新たに作成 {len(self.rendered)} 件、変更なしのため再利用 {len(self.cached)} 件）"
            f"、{self.seconds:.1f} 秒"
        )


def require_font() -> None:
    """Stop before rendering if the Japanese font is missing: never a PDF with tofu."""
    try:
        found = subprocess.run(
            ["fc-list", f":family={FONT_FAMILY}", "file"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if not found:
        raise EnvironmentProblem(
            f"PDF に埋め込む日本語フォント「{FONT_FAMILY}」が見つかりません。"
            f"Debian/Ubuntu では `sudo apt-get install {FONT_PACKAGE}` で導入してから、もう一度実行してください"
            "（PDF が不要な場合は `aiguide build --no-pdf`）。"
        )


def css_string(value: str) -> Markup:
    """A quoted CSS string, safe inside <style> (for running headers and footers)."""
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return Markup(f'"{escaped}"')


_RELATIVE_LINK = re.compile(r'<a href="(?!https?:)[^"]*">(.*?)</a>', re.S)


def _markdown_html(text: str) -> str:
    """Chapter bodies are Markdown; site-relative links mean nothing on paper."""
    html = markdown.markdown(text, extensions=["tables", "attr_list", "def_list"])
    return _RELATIVE_LINK.sub(r"\1", html)


def _render(template: str, guideline: Guideline, **values) -> str:
    css = (TEMPLATES / "print.css").read_text(encoding="utf-8")
    env = environment("print")
    env.filters["css_string"] = css_string
    return env.get_template(template).render(g=guideline, css=css, **values)


def cell_html(guideline: Guideline, cell) -> str:
    return _render("cell.html.j2", guideline, cell=cell)


def guideline_html(guideline: Guideline) -> str:
    section_html = {
        f"{chapter.id}/{section.id}": _markdown_html(section.body)
        for chapter in guideline.chapters
        for section in chapter.sections
    }
    return _render("guideline.html.j2", guideline, section_html=section_html)


def jobs(guideline: Guideline) -> list[PdfJob]:
    """The whole guideline first: it is the longest render, so it starts earliest."""
    result = [PdfJob("guideline", pages.WHOLE_PDF, guideline_html(guideline))]
    result += [PdfJob(cell.id, pages.cell_pdf_path(cell), cell_html(guideline, cell)) for cell in guideline.cells]
    return result


def pdf_paths(guideline: Guideline) -> dict[str, str]:
    """What guideline.json lists: cell id (and "guideline") → site path of the PDF."""
    paths = {"guideline": pages.WHOLE_PDF}
    paths.update({cell.id: pages.cell_pdf_path(cell) for cell in guideline.cells})
    return paths


def _render_to(html: str, target: str) -> str:
    """Runs in a worker process."""
    import weasyprint

    weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf(target, pdf_variant="pdf/ua-1")
    return target


def _warm_up() -> None:
    """Worker initializer: import WeasyPrint while the first job is still being queued."""
    import weasyprint  # noqa: F401  (import cost paid before the first job)


def cached_file(cache_dir: Path, job: PdfJob) -> Path:
    return cache_dir / f"{job.digest}.pdf"


def render_missing(
    pdf_jobs: list[PdfJob], cache_dir: Path, progress: bool = True, workers: int | None = None
) -> RenderReport:
    """Render into the cache every PDF whose content is not there yet, in parallel processes."""
    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    pending = [job for job in pdf_jobs if not cached_file(cache_dir, job).exists()]
    cached = [job.key for job in pdf_jobs if job not in pending]
    rendered: list[str] = []
    total, done = len(pdf_jobs), len(cached)
    if pending:
        workers = workers or min(len(pending), os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up) as pool:
            futures = {
                pool.submit(_render_to, job.html, str(cached_file(cache_dir, job)) + ".part"): job for job in pending
            }
            for future in as_completed(futures):
                job = futures[future]
                Path(future.result()).replace(cached_file(cache_dir, job))
                rendered.append(job.key)
                done += 1
                if progress:
                    print(f"PDF {done}/{total} {job.site_path}", file=sys.stderr, flush=True)
    _prune(cache_dir, {cached_file(cache_dir, job).name for job in pdf_jobs})
    return RenderReport(rendered, cached, time.perf_counter() - started)


def publish(pdf_jobs: list[PdfJob], site_dir: Path, cache_dir: Path) -> list[str]:
    """Copy the PDFs that are in the cache into the site; returns the keys copied."""
    published = []
    for job in pdf_jobs:
        source = cached_file(cache_dir, job)
        if source.exists():
            target = site_dir / job.site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            published.append(job.key)
    return published


def render_all(pdf_jobs: list[PdfJob], site_dir: Path, cache_dir: Path, progress: bool = True) -> RenderReport:
    """Every PDF into the site: unchanged ones from the cache, the rest rendered now."""
    report = render_missing(pdf_jobs, cache_dir, progress)
    publish(pdf_jobs, site_dir, cache_dir)
    return report


def start_rendering(pdf_jobs: list[PdfJob], cache_dir: Path, progress: bool = True) -> Future:
    """render_missing in a background thread, so MkDocs builds pages meanwhile."""
    runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aiguide-pdf")
    future = runner.submit(render_missing, pdf_jobs, cache_dir, progress)
    runner.shutdown(wait=False)
    return future


def _prune(cache_dir: Path, keep: set[str], keep_extra: int = 64) -> None:
    """Keep the cache small: current PDFs plus the most recent others (e.g. another branch)."""
    others = sorted(
        (p for p in cache_dir.glob("*.pdf") if p.name not in keep), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in others[keep_extra:]:
        old.unlink(missing_ok=True)
