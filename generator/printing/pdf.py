"""Printable PDFs: one per cell and one for the whole guideline.

WeasyPrint lays out *parts*, in parallel worker processes: each cell's pages, the
chapters with the matrix, then the cover and contents (whose page numbers come from
the others), and blank pages carrying only page numbers. pikepdf then finishes them:
a cell's PDF is its part with numbers stamped on; the whole guideline joins all parts.
A cell is laid out once for both, so the whole guideline costs little more than its
cells.

Every part and every finished PDF is cached under the SHA-256 of what it is made from
(for a part: its self-contained HTML). A one-cell edit therefore renders that cell
again and re-joins the whole guideline; everything else comes from the cache.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import logging
import time
from concurrent.futures import Future, as_completed
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from .. import urls
from ..content.model import Guideline
from ..content.problems import EnvironmentProblem  # noqa: F401  (raised by require_font; callers catch it from here)
from . import cache, workers
from . import compose as pdf_compose
from . import html as print_html
from . import render as pdf_render
from .html import ContentsEntry

log = logging.getLogger("mkdocs.plugins.aiguide")
FONT_FAMILY = pdf_render.FONT_FAMILY
# The code that renders, stamps and joins: a change to it changes every cached PDF's key.
RENDERER_VERSION = hashlib.sha256(
    b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))
).hexdigest()[:16]
# From the package metadata: importing WeasyPrint itself is slow and only workers need it.
_TOOL_VERSIONS = f"weasyprint {importlib.metadata.version('weasyprint')}, pikepdf {importlib.metadata.version('pikepdf')}"


def require_font() -> None:
    pdf_render.require_font(FONT_FAMILY)


def _digest(*pieces: str) -> str:
    text = "\n".join((RENDERER_VERSION, _TOOL_VERSIONS, *pieces))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Part:
    """One WeasyPrint render: HTML and the build's style sheet."""

    html: str
    css: str
    tagged: bool = True

    @cached_property
    def digest(self) -> str:
        return _digest("part", str(self.tagged), self.css, self.html)


@dataclass
class RenderReport:
    rendered: list[str]  # keys ("guideline" or a cell id) of PDFs made in this run
    cached: list[str]  # keys of PDFs reused unchanged from the cache
    seconds: float
    outputs: dict[str, Path] = field(default_factory=dict)  # site path → file in the cache

    def summary(self) -> str:
        total = len(self.rendered) + len(self.cached)
        return (
            f"PDF: {total} 件（新たに作成 {len(self.rendered)} 件、変更なしのため再利用 {len(self.cached)} 件）"
            f"、{self.seconds:.1f} 秒"
        )


@dataclass
class Finished:
    """A PDF as published: made by `function(*inputs, target)`, stamping a part or joining parts."""

    key: str  # "guideline" or a cell id
    site_path: str
    function: Callable
    inputs: tuple

    @property
    def digest(self) -> str:
        return _digest("finished", self.key, json.dumps(_describe(self.inputs), ensure_ascii=False))


class PdfRun:
    """One build's PDFs: render the parts that are not cached, then finish the PDFs that changed."""

    def __init__(self, guideline: Guideline, cache_dir: Path, progress: bool = True, workers: int | None = None):
        self.guideline = guideline
        self.cache_dir = cache_dir
        self.progress = progress
        self.workers = workers or os.cpu_count() or 1
        self.keep: set[str] = set()  # cache files this run uses; the rest may be pruned
        self.touched: set[str] = set()
        self.contents_pages_guess = 2  # the cover; the contents and the revision history
        self.css = print_html.stylesheet(guideline)
        self.warmed = False

    def cached(self, digest: str) -> Path:
        self.keep.add(f"{digest}.pdf")
        path = self.cache_dir / f"{digest}.pdf"
        if path.name not in self.touched and path.exists():
            # Recently used: another build pruning the cache meanwhile keeps it.
            os.utime(path)
            self.touched.add(path.name)
        return path

    def layout(self, part: Part) -> pdf_render.Layout:
        return pdf_render.read_layout(self.cached(part.digest))

    def run(self) -> RenderReport:
        started = time.perf_counter()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        # Processes start only when something is submitted: a fully cached build starts none.
        # Forked, so they inherit WeasyPrint once it is imported here (see render).
        with workers.pool(self.workers) as pool, workers.pool(1) as ready:
            self.pool, self.ready = pool, None
            if (self.cache_dir / cache.MANIFEST).exists():
                # Built before, so probably a small edit: one worker starts importing WeasyPrint
                # now, while the parts' HTML is prepared here, and renders a lone changed part.
                ready.submit(pdf_render.warm_up, self.css)
                self.ready = ready
            report = self.finish(self.plan())
        cache.prune(self.cache_dir, self.keep)
        manifest = {path: file.name for path, file in report.outputs.items()}
        part = cache.part_file(self.cache_dir / cache.MANIFEST)
        part.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        part.replace(self.cache_dir / cache.MANIFEST)
        report.seconds = time.perf_counter() - started
        return report

    def plan(self) -> list[Finished]:
        """Render every part (or find it cached) and say how each published PDF is made from them.

        The whole guideline is: cover and contents, chapters 01–04 with the matrix, then per
        業務領域 its divider page and its cells. Each part's headings are shifted to fit
        (shifts: the cell's H1 is an H3 under the chapter and the 業務領域)."""
        g = self.guideline
        css = self.css
        cells = {cell.id: Part(print_html.cell_html(g, cell), css) for cell in g.cells}
        chapters = Part(print_html.chapters_html(g), css)
        # Longest first, so no worker is left with a big part at the end.
        self.render([chapters, *sorted(cells.values(), key=lambda part: -len(part.html))])
        cell_layouts = {key: self.layout(part) for key, part in cells.items()}
        cell_pages = {key: layout.pages for key, layout in cell_layouts.items()}
        chapters_layout = self.layout(chapters)
        cell_stamps = {count: Part(print_html.stamps_html(count), css, tagged=False) for count in set(cell_pages.values())}

        # Cover and contents come first, and the divider pages list their cells' pages: guess
        # their lengths, render, and again in the rare case a guess was wrong.
        contents_pages = self.contents_pages_guess
        domain_pages = {domain.id: 1 for domain in g.domains}
        for _ in range(4):  # settles at once: only the numbers change, not the number of lines
            starts = self.page_starts(contents_pages, chapters_layout.pages, domain_pages, cell_pages)
            entries = self.contents_entries(contents_pages, chapters_layout, cell_layouts, starts)
            contents = Part(print_html.contents_html(g, entries), css)
            dividers = {d.id: Part(print_html.domain_html(g, d, starts), css) for d in g.domains}
            total = contents_pages + chapters_layout.pages + sum(domain_pages.values()) + sum(cell_pages.values())
            whole_stamps = Part(print_html.stamps_html(total, unnumbered_first=True), css, tagged=False)
            self.render([contents, *dividers.values(), whole_stamps, *cell_stamps.values()])
            measured = (self.layout(contents).pages, {key: self.layout(part).pages for key, part in dividers.items()})
            if measured == (contents_pages, domain_pages):
                break
            contents_pages, domain_pages = measured
        else:
            raise RuntimeError(f"目次のページ数が定まりません（{contents_pages} ページ前後）。")

        # Bookmarks: the contents and the revision history first, then the contents' own entries.
        front = self.layout(contents).anchors
        outline = [ContentsEntry("目次", 2, in_contents=False)]
        if "revisions" in front:
            outline.append(ContentsEntry("改定履歴", front["revisions"] + 1, in_contents=False))
        outline += entries
        order = [(contents, 0), (chapters, 0)]
        for domain in g.domains:
            order.append((dividers[domain.id], 1))
            order.extend((cells[cell.id], 2) for cell in g.cells_of(domain))
        parts = [self.cached(part.digest) for part, _ in order]
        shifts = [shift for _, shift in order]
        fonts = sorted(pdf_render.font_files(FONT_FAMILY).values())
        cell_starts = {cell.id: starts[cell.id] for cell in g.cells}
        whole_inputs = (parts, shifts, self.cached(whole_stamps.digest), outline, fonts, cell_starts)
        plan = [Finished("guideline", urls.WHOLE_PDF, pdf_compose.join, whole_inputs)]
        for cell in g.cells:
            inputs = (self.cached(cells[cell.id].digest), self.cached(cell_stamps[cell_pages[cell.id]].digest), fonts)
            plan.append(Finished(cell.id, urls.cell_pdf_path(cell), pdf_compose.finish_cell, inputs))
        return plan

    def page_starts(self, contents_pages: int, chapters_pages: int, domain_pages: dict[str, int],
                    cell_pages: dict[str, int]) -> dict[str, int]:
        """First page (1-based, in the whole guideline) of each divider ("domain:<id>") and cell."""
        g = self.guideline
        starts, page = {}, contents_pages + chapters_pages + 1
        for domain in g.domains:
            starts[f"domain:{domain.id}"] = page
            page += domain_pages[domain.id]
            for cell in g.cells_of(domain):
                starts[cell.id] = page
                page += cell_pages[cell.id]
        return starts

    def render(self, parts: list[Part]) -> None:
        """Render, in parallel, the parts that are not in the cache yet."""
        missing = {part.digest: part for part in parts if not self.cached(part.digest).exists()}
        pool = self.ready if self.ready and len(missing) == 1 else self.pool
        if missing and pool is self.pool and not self.warmed:
            pdf_render.warm_up(self.css)  # once here, then shared by every worker forked from here
            self.warmed = True
        futures = {
            pool.submit(pdf_render.render_part, part.html, part.css, str(cache.part_file(self.cached(digest))),
                        part.tagged): digest
            for digest, part in missing.items()
        }
        for future in as_completed(futures):
            # Renamed only when complete: a cached file is always whole (also with builds side by side).
            Path(future.result()).replace(self.cached(futures[future]))

    def contents_entries(self, contents_pages: int, chapters: pdf_render.Layout,
                         cells: dict[str, pdf_render.Layout], starts: dict[str, int]) -> list[ContentsEntry]:
        """Contents and bookmarks: chapters, then the cells' chapter > 業務領域 > cell > phase
        (phases are bookmarks only)."""
        g = self.guideline
        chapters_start = contents_pages + 1
        entries = [
            ContentsEntry(f"{chapter.label} {chapter.title}", chapters_start + chapters.anchors[f"chapter-{chapter.id}"])
            for chapter in g.chapters
        ]
        matrix = ContentsEntry(g.meta.cells_chapter.heading, chapters_start + chapters.anchors["matrix"])
        entries.append(matrix)
        for domain in g.domains:
            domain_entry = ContentsEntry(domain.name, starts[f"domain:{domain.id}"])
            for cell in g.cells_of(domain):
                phases = [
                    ContentsEntry(_phase_title(cell, phase), starts[cell.id] + cells[cell.id].anchors[anchor], in_contents=False)
                    for phase in g.phases
                    if (anchor := f"{cell.id}-phase-{phase.id}") in cells[cell.id].anchors
                ]
                domain_entry.children.append(ContentsEntry(f"{cell.number} {cell.name}", starts[cell.id], phases))
            matrix.children.append(domain_entry)
        return entries

    def finish(self, plan: list[Finished]) -> RenderReport:
        """Stamp and join into the published PDFs, skipping those whose inputs did not change.
        The first (the whole guideline, the longest) is made here, the rest in the workers."""
        report = RenderReport([], [], 0.0)
        futures, here = {}, []
        for item in plan:
            target = self.cached(item.digest)
            report.outputs[item.site_path] = target
            if target.exists():
                report.cached.append(item.key)
            elif item is plan[0]:
                here.append((item, target))
            else:
                part = cache.part_file(target)
                futures[self.pool.submit(item.function, *item.inputs, part)] = (item, target, part)
        for item, target in here:
            part = cache.part_file(target)
            item.function(*item.inputs, part)
            self.finished(report, item, target, part, len(plan))
        for future in as_completed(futures):
            future.result()
            self.finished(report, *futures[future], len(plan))
        return report

    def finished(self, report: RenderReport, item: Finished, target: Path, part: Path, total: int) -> None:
        part.replace(target)
        report.rendered.append(item.key)
        if self.progress:
            done = len(report.rendered) + len(report.cached)
            log.info(f"PDF {done}/{total} {item.site_path}")


def _phase_title(cell, phase) -> str:
    """As the cell's own PDF names the phase (its heading): 「企画フェーズ（5件）」."""
    if not phase.in_cells:
        return f"{phase.name}フェーズ（業務領域共通）"
    return f"{phase.name}フェーズ（{len(cell.points_in(phase.name))}件）"


def _describe(inputs) -> object:
    """Inputs as JSON for the finished PDF's cache key (parts are named by their digests)."""
    if isinstance(inputs, (list, tuple)):
        return [_describe(item) for item in inputs]
    if isinstance(inputs, Path):
        return inputs.name
    if isinstance(inputs, ContentsEntry):
        return asdict(inputs)
    return inputs


def render_all(guideline: Guideline, cache_dir: Path, progress: bool = True) -> RenderReport:
    return PdfRun(guideline, cache_dir, progress).run()


def start_rendering(guideline: Guideline, cache_dir: Path, progress: bool = True) -> Future:
    """render_all in its own process, so MkDocs builds pages meanwhile. That process imports
    WeasyPrint once and forks its workers from there, instead of each worker importing it."""
    runner = workers.pool(1)
    future = runner.submit(render_all, guideline, cache_dir, progress)
    runner.shutdown(wait=False)
    return future


# Publishing, re-exported for the plugin and tests.
publish = cache.publish
publish_previous = cache.publish_previous
MANIFEST = cache.MANIFEST
