"""「業務内容から探す」の精度: top-1 / top-3 accuracy on the labelled descriptions, per split.

Usage: python benchmarks/bench_finder.py [--show-misses]

The 'tune' half may be used to adjust content (search_terms, finder.yml); the 'holdout'
half must not be: its figures are the honest ones. Targets on holdout: top-1 ≥ 80 %, top-3 ≥ 95 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.judge import finder  # noqa: E402
from generator.content.loader import load_guideline  # noqa: E402


def evaluate(show_misses: bool = False) -> dict[str, tuple[float, float, int]]:
    guideline = load_guideline(ROOT / "content")
    index = finder.build_index(guideline)
    cases = yaml.safe_load((ROOT / "tests" / "finder_cases.yml").read_text(encoding="utf-8"))["cases"]
    figures = {}
    timings = []
    for split in ("tune", "holdout"):
        chosen = [c for c in cases if c["split"] == split]
        top1 = top3 = 0
        for case in chosen:
            started = time.perf_counter()
            ranked = [r["cell"] for r in finder.rank(index, guideline.signals, case["text"])]
            timings.append(time.perf_counter() - started)
            top1 += ranked[:1] == [case["cell"]]
            top3 += case["cell"] in ranked[:3]
            if show_misses and ranked[:1] != [case["cell"]]:
                print(f"  [{split}] {case['text']} → {ranked[:3]} (正解 {case['cell']})")
        figures[split] = (top1 / len(chosen), top3 / len(chosen), len(chosen))
    figures["median_ms"] = statistics.median(timings) * 1000
    return figures


def browser_timing() -> tuple[float, float]:
    """Median and slowest ms per ranking in headless Chromium, on a site built with --no-pdf."""
    import subprocess
    import tempfile

    from playwright.sync_api import sync_playwright

    site = Path(tempfile.mkdtemp(prefix="aiguide-finder-")) / "site"
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--quiet", "--no-pdf", "--site-dir", str(site)], cwd=ROOT, check=True)
    cases = yaml.safe_load((ROOT / "tests" / "finder_cases.yml").read_text(encoding="utf-8"))["cases"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / "questionnaire" / "index.html").as_uri())
        times = page.evaluate(
            """texts => { const index = lunr.Index.load(AG_FINDER.index);
                return texts.map(t => { const s = performance.now(); AgFinder.rank(AG_FINDER, index, t); return performance.now() - s; }); }""",
            [c["text"] for c in cases],
        )
        browser.close()
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--browser", action="store_true", help="also time the ranking in headless Chromium")
    args = parser.parse_args()
    figures = evaluate(args.show_misses)
    for split in ("tune", "holdout"):
        top1, top3, count = figures[split]
        print(f"{split:8s} n={count:3d}  top-1 {top1:6.1%}  top-3 {top3:6.1%}")
    print("targets on holdout: top-1 ≥ 80.0 %, top-3 ≥ 95.0 %")
    print(f"median ranking time in Python: {figures['median_ms']:.1f} ms per description")
    if args.browser:
        median, slowest = browser_timing()
        print(f"ranking time in Chromium: median {median:.1f} ms, slowest {slowest:.1f} ms per description (target < 50 ms)")


if __name__ == "__main__":
    main()
