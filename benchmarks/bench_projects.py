"""「自分の案件」: size of the project-record scripts and styles, and the time to open the page with
50 stored projects in headless Chromium (median of 25 loads).

Usage: .venv/bin/python benchmarks/bench_projects.py
Goals (issue 14): under 25 KB unminified together, no framework; under 100 ms to open with 50 projects.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["ag-projects.js", "projects-page.js", "project-points.js"]
LOADS = 25


def css_size() -> int:
    """All of the project record's styles: screen and print (overrides/assets/css/projects.css)."""
    return (ROOT / "overrides" / "assets" / "css" / "projects.css").stat().st_size


def main() -> int:
    js = sum((ROOT / "overrides" / "assets" / "js" / name).stat().st_size for name in SCRIPTS)
    css = css_size()
    print(f"project-record JS ({' + '.join(SCRIPTS)}): {js / 1024:.1f} KB, CSS: {css / 1024:.1f} KB, "
          f"together {(js + css) / 1024:.1f} KB unminified (goal < 25 KB)")

    from playwright.sync_api import sync_playwright

    site = Path(tempfile.mkdtemp(prefix="aiguide-projects-")) / "site"
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--quiet", "--no-pdf", "--site-dir", str(site)], cwd=ROOT, check=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / "projects.html").as_uri())
        page.evaluate(
            """() => { const cells = Object.keys(AG_POINTS.cells);
               for (let i = 0; i < 50; i++) {
                 const cell = cells[i % cells.length];
                 const p = AgProjects.create({cell: cell, name: '案件 ' + i, department: '局 課'}, AG_POINTS);
                 AG_POINTS.cells[cell].points.forEach((pt, j) => { if (j % 2) AgProjects.setPoint(p, pt, {status: 'done', memo: 'メモ'.repeat(20)}, AG_POINTS); });
                 AgProjects.save(p); } }"""
        )
        loaded = "() => { const e = performance.getEntriesByType('navigation')[0]; return e.domContentLoadedEventEnd - e.startTime; }"
        # Loads of 「自分の案件」 alternate with loads of a page without project code (revisions.html),
        # so that both see the same moments of this noisy machine.
        times, own, other = [], [], []
        for _ in range(LOADS):
            page.goto((site / "projects.html").as_uri())
            page.wait_for_selector("[data-ag-list] li")
            times.append(page.evaluate(loaded))
            own.append(page.evaluate("() => window.AG_PROJECTS_INIT_MS"))
            count = page.locator("[data-ag-list] li").count()
            page.goto((site / "revisions.html").as_uri())
            other.append(page.evaluate(loaded))
        browser.close()
    print(f"open 「自分の案件」 with {count} projects: median {statistics.median(times):.1f} ms, "
          f"slowest {max(times):.1f} ms (to DOMContentLoaded, scripts and list included; goal < 100 ms)")
    print(f"  of which the project code (reading 50 records, drawing the list): median {statistics.median(own):.1f} ms; "
          f"a page without project code (revisions.html) takes {statistics.median(other):.1f} ms to DOMContentLoaded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
