"""Build speed and output size, printed as figures (not asserted).

Usage: python benchmarks/bench_build.py [--runs N] [--compare REV]

--compare REV builds REV (e.g. the commit before a change, checked out in a temporary git worktree)
and this tree cold, one after the other in the same run, and prints for each: the CPU time of the
cold build with PDFs (all processes), the PDF CPU time per page, and the PDF sizes (issue 16: the
font change; target: cells ≤ 150 KB, whole ≤ 800 KB, CPU ≤ 1.3× of REV).

Cold = empty cache and empty site directory. The one-cell rebuild edits a scene title of
internal-3 (shown on its page and in its PDF) and builds again into the same folder with the
same cache: the site is rebuilt in place and one cell is laid out again. Each figure is the
median of N runs. The parallel speed-up line tells how much two busy processes gain over one
on this machine (on a shared virtual machine it can be far below 2).
Targets (issue 4): full build ≤ 2× the build without PDFs; one-cell rebuild ≤ 0.35× cold;
each cell PDF ≤ 150 KB; peak RSS ≤ 400 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(content: Path, site: Path, cache: Path, *extra: str) -> float:
    env = {**os.environ, "AIGUIDE_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--quiet", "--content", str(content), "--site-dir", str(site), *extra],
        cwd=ROOT, env=env, check=True,
    )
    return time.perf_counter() - started


SPIN = "import time\nt = time.perf_counter()\nx = 0\nfor i in range(10_000_000): x += i\nprint(time.perf_counter() - t)"


def parallel_speedup() -> float:
    """Work done per second by two CPU-bound processes at once, relative to one alone."""
    alone = float(subprocess.run([sys.executable, "-c", SPIN], capture_output=True, text=True).stdout)
    pair = [subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    slowest = max(float(p.communicate()[0]) for p in pair)
    return 2 * alone / slowest


def own_bytes(site: Path, page: str) -> int:
    """The page's HTML plus the CSS/JS it loads from our overrides (not Material's bundle or the indexes)."""
    html = (site / page).read_text(encoding="utf-8")
    total = len(html.encode("utf-8"))
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        path = (site / page).parent / ref
        if "assets/stylesheets" in ref or "assets/javascripts" in ref or "search/" in ref or "finder/" in ref:
            continue
        total += path.stat().st_size
    return total


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_pdf_build(tree: Path, work: Path) -> dict:
    """A cold build of `tree` (its own code and content) with PDFs: CPU, pages, sizes."""
    env = {**os.environ, "AIGUIDE_CACHE_DIR": str(work / "cache")}
    site = work / "site"
    before, started = cpu_of_children(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--quiet", "--site-dir", str(site)],
                   cwd=tree, env=env, check=True, stderr=subprocess.DEVNULL)
    cpu, wall = cpu_of_children() - before, time.perf_counter() - started
    before = cpu_of_children()
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--quiet", "--no-pdf", "--site-dir", str(work / "site-only")],
                   cwd=tree, env={**env, "AIGUIDE_CACHE_DIR": str(work / "cache-site")}, check=True, stderr=subprocess.DEVNULL)
    site_cpu = cpu_of_children() - before
    pdfs = sorted((site / "pdf").glob("*.pdf"))
    pages = sum(int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout).group(1)) for p in pdfs)
    cells = [p.stat().st_size / 1024 for p in pdfs if p.name != "guideline.pdf"]
    return {"cpu": cpu, "wall": wall, "pdf_cpu": cpu - site_cpu, "pages": pages, "cell_median": statistics.median(cells),
            "cell_max": max(cells), "whole": (site / "pdf" / "guideline.pdf").stat().st_size / 1024}


def compare(rev: str, runs: int) -> None:
    """REV and this tree built alternately `runs` times; the median of each figure."""
    work = Path(tempfile.mkdtemp(prefix="aiguide-compare-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(work / "tree"), rev], cwd=ROOT, check=True,
                   capture_output=True)
    measured: dict[str, list[dict]] = {rev: [], "this tree": []}
    try:
        for run in range(runs):
            measured[rev].append(cold_pdf_build(work / "tree", work / f"before{run}"))
            measured["this tree"].append(cold_pdf_build(ROOT, work / f"after{run}"))
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(work / "tree")], cwd=ROOT, check=False)
    results = {name: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for name, rs in measured.items()}
    for name, r in results.items():
        print(f"{name}: cold build with PDFs CPU {r['cpu']:5.1f} s (wall {r['wall']:4.1f} s); PDF CPU {r['pdf_cpu']:5.1f} s "
              f"for {r['pages']} pages = {r['pdf_cpu'] / r['pages'] * 1000:4.0f} ms/page; cell PDFs median "
              f"{r['cell_median']:5.1f} KB, max {r['cell_max']:5.1f} KB; whole {r['whole']:5.1f} KB")
    before, after = results[rev], results["this tree"]
    print(f"CPU of the cold build, this tree / {rev}: {after['cpu'] / before['cpu']:.2f}× (target ≤ 1.3×; median of {runs} runs each)")
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", metavar="REV")
    args = parser.parse_args()
    if args.compare:
        compare(args.compare, args.runs)
        return
    work = Path(tempfile.mkdtemp(prefix="aiguide-bench-"))
    content = work / "content"
    shutil.copytree(ROOT / "content", content)

    site_only, full, one_cell = [], [], []
    for run in range(args.runs):
        site_only.append(build(content, work / f"s{run}", work / f"c-site{run}", "--no-pdf"))
        cache = work / f"c{run}"
        full.append(build(content, work / f"f{run}", cache))
        cell = content / "cells" / "internal-3.yml"
        text = cell.read_text(encoding="utf-8")
        cell.write_text(text.replace("法令・制度の調査補助", f"法令・制度の調査補助{run}"), encoding="utf-8")
        one_cell.append(build(content, work / f"f{run}", cache))
        cell.write_text(text, encoding="utf-8")
    peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    site = work / "f0"
    cold_site, cold_full, edit = (statistics.median(x) for x in (site_only, full, one_cell))
    print(f"cores: {os.cpu_count()}  runs: {args.runs}  parallel speed-up of 2 processes: {parallel_speedup():.2f}×")
    print(f"cold build, site only (--no-pdf):  {cold_site:6.2f} s")
    print(f"cold build, site + 16 PDFs:        {cold_full:6.2f} s   ratio {cold_full / cold_site:4.2f}× (target ≤ 2×)")
    print(f"one-cell edit rebuild:             {edit:6.2f} s   ratio {edit / cold_full:4.2f}× of cold (target ≤ 0.35×)")
    print(f"peak RSS of any build process:     {peak_rss_mb:6.0f} MB (target ≤ 400 MB)")

    sys.path.insert(0, str(ROOT))
    from generator.printing import html as print_html
    from generator.printing import render
    from generator.content.loader import load_guideline

    guideline = load_guideline(content)
    css = print_html.stylesheet(guideline)
    render.warm_up(css)

    seconds = []
    for cell in guideline.cells:
        html = print_html.cell_html(guideline, cell)
        started = time.perf_counter()
        render.render_part(html, css, str(work / "one.pdf"), tagged=True)
        seconds.append(time.perf_counter() - started)
    print(f"median seconds per cell PDF:       {statistics.median(seconds):6.2f} s (one process, warm)")
    print("PDF sizes (target ≤ 150 KB per cell):")
    for path in sorted((site / "pdf").glob("*.pdf")):
        print(f"  {path.name:24s} {path.stat().st_size / 1024:7.1f} KB")
    print("page weight, own HTML+CSS+JS (no Material bundle or indexes):")
    for page in ("index.html", "cells/citizen-3.html"):
        print(f"  {page:24s} {own_bytes(site, page) / 1024:7.1f} KB")
    own = ROOT / "overrides" / "assets"
    q_bytes = (own / "js" / "questionnaire.js").stat().st_size + (own / "css" / "questionnaire.css").stat().st_size
    print(f"questionnaire JS+CSS (unminified):  {q_bytes / 1024:7.1f} KB (target ≤ 15 KB)")
    index = site / "search" / "ag-index.js"
    print(f"search index (search/ag-index.js): {index.stat().st_size / 1024:7.1f} KB")
    print(f"finder index (finder/index.js):    {(site / 'finder' / 'index.js').stat().st_size / 1024:7.1f} KB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
