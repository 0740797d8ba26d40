"""Which Japanese face for the PDFs: the same cold build with each candidate, in one run.

Usage: .venv/bin/python benchmarks/bench_fonts.py [--fonts "IPAexGothic,BIZ UDPGothic"]

For each face: CPU time of the cold build with PDFs (all processes), total PDF pages and CPU per
page, the size of every cell PDF and of the whole guideline, whether a true bold program is
embedded, and page 1 of one cell as a PNG to look at (the path is printed).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent
LOOK_AT = "citizen-ops-3"


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(font: str, work: Path) -> tuple[float, float, Path]:
    site = work / "site"
    env = {**os.environ, "AIGUIDE_CACHE_DIR": str(work / "cache"), "AIGUIDE_PRINT_FONT": font}
    cpu, wall = cpu_of_children(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)
    return cpu_of_children() - cpu, time.perf_counter() - wall, site


def embedded_fonts(path: Path) -> set[str]:
    with pikepdf.open(path) as pdf:
        return {str(o.BaseFont).split("+")[-1] for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/Subtype") == pikepdf.Name.CIDFontType2}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fonts", default="IPAexGothic,BIZ UDPGothic")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="aiguide-fonts-"))
    for font in args.fonts.split(","):
        folder = work / font.replace(" ", "_")
        cpu, wall, site = build(font, folder)
        pdfs = sorted((site / "pdf").glob("*.pdf"))
        pages = 0
        for path in pdfs:
            with pikepdf.open(path) as pdf:
                pages += len(pdf.pages)
        cells = [p for p in pdfs if p.name != "guideline.pdf"]
        sizes = [p.stat().st_size / 1024 for p in cells]
        whole = site / "pdf" / "guideline.pdf"
        look = next(p for p in cells if p.stem == LOOK_AT)
        png = folder / f"{LOOK_AT}-p1"
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(look), str(png)], check=True)
        print(f"{font}:")
        print(f"  cold build with PDFs: CPU {cpu:6.1f} s (all processes), wall {wall:5.1f} s")
        print(f"  PDF pages (all files): {pages}, CPU per page {cpu / pages * 1000:5.0f} ms")
        print(f"  cell PDFs: median {statistics.median(sizes):6.1f} KB, max {max(sizes):6.1f} KB; "
              f"whole guideline {whole.stat().st_size / 1024:6.1f} KB")
        print(f"  fonts embedded in {look.name}: {', '.join(sorted(embedded_fonts(look)))}")
        print(f"  page 1 of {look.name}: {png}-1.png")


if __name__ == "__main__":
    main()
