"""サイト内検索の精度・大きさ・速さ: per split of tests/search_queries.yml, the share of queries with
a right page among the first three results and the mean reciprocal rank; the index size; the time
to build the postings and to answer a query (Python; the browser figures with --browser).

Usage: .venv/bin/python benchmarks/bench_search.py [--site DIR] [--browser] [--show-misses tune|tune-more]

Sets: `tune` and `holdout` (tests/search_queries.yml, split fixed by position before tuning),
`tune-more` (tests/search_queries_more.yml, written later by someone who never saw the search code
or its results; may be used for tuning) and `blind` (tests/search_blind.yml, written at the same
time by the same rules; evaluation only, read by this script alone).

Without --site the site is built (without PDFs) into a temporary folder. A hit is a result page
equal to one of the query's answers (anchors are ignored). Goal on holdout: top-3 ≥ 90 %, MRR ≥ 0.75.
Misses are shown for the tune sets only: holdout and blind are never read to adjust content/search.yml
or the weights.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.site import search_query  # noqa: E402


SETS = {
    "tune": ("search_queries.yml", "tune"),
    "tune-more": ("search_queries_more.yml", "tune"),
    "holdout": ("search_queries.yml", "holdout"),
    "blind": ("search_blind.yml", "blind"),
}


def queries(name: str) -> list[dict]:
    file, split = SETS[name]
    path = ROOT / "tests" / file
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [q for q in data["queries"] if q["split"] == split]


def read_payload(site: Path) -> dict:
    text = (site / "search" / "ag-index.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1 : text.rstrip().rindex(";")])


def evaluate(index: dict, chosen: list[dict]) -> tuple[float, float, list[tuple[str, list[str], list[str]]]]:
    top3 = 0
    reciprocal = []
    misses = []
    for case in chosen:
        pages = [p["page"] for p in search_query.search(index, case["q"])]
        answers = {a.split("#")[0] for a in case["answers"]}
        rank = next((i for i, page in enumerate(pages, start=1) if page in answers), None)
        reciprocal.append(1 / rank if rank else 0.0)
        if rank and rank <= 3:
            top3 += 1
        else:
            misses.append((case["q"], sorted(answers), pages[:3]))
    return top3 / len(chosen), statistics.mean(reciprocal), misses


def build_site() -> Path:
    target = Path(tempfile.mkdtemp(prefix="bench-search-")) / "site"
    env = dict(os.environ, AIGUIDE_CACHE_DIR=str(target.parent / "cache"))
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--quiet", "--no-pdf", "--site-dir", str(target)],
                   cwd=ROOT, env=env, check=True)
    return target


def browser_figures(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.goto((site / "search.html").resolve().as_uri() + "?q=" + "個人情報")
        page.wait_for_selector("#ag-search-results li")
        figures = page.evaluate(
            """() => {
              const t0 = performance.now();
              for (let i = 0; i < 5; i++) AgSearch.load(AG_SEARCH);
              const load = (performance.now() - t0) / 5;
              const index = AgSearch.load(AG_SEARCH);
              const qs = ["個人情報の取り扱い", "生成AIで文書を作る", "ChatGPT", "ｱｶｳﾝﾀﾋﾞﾘﾃｨ", "廃止"];
              const t1 = performance.now();
              for (let i = 0; i < 20; i++) qs.forEach(q => AgSearch.search(index, q));
              return {load, query: (performance.now() - t1) / (20 * qs.length)};
            }"""
        )
        browser.close()
    print(f"browser: build postings {figures['load']:.1f} ms, one query {figures['query']:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path)
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--show-misses", choices=["tune", "tune-more"])
    parser.add_argument("--tune-only", action="store_true", help="while adjusting: print the tune sets only")
    args = parser.parse_args()
    site = args.site or build_site()

    script = site / "search" / "ag-index.js"
    print(f"index: {script.stat().st_size / 1024:.1f} KB uncompressed")
    payload = read_payload(site)
    started = time.perf_counter()
    index = search_query.load(payload)
    print(f"python: {len(payload['docs'])} documents, postings built in {(time.perf_counter() - started) * 1000:.0f} ms")

    for split in SETS:
        chosen = queries(split)
        if not chosen or (args.tune_only and not split.startswith("tune")):
            continue
        top3, mrr, misses = evaluate(index, chosen)
        print(f"{split:9} n={len(chosen):3}  top-3 {top3:6.1%}  MRR {mrr:.3f}")
        if args.show_misses == split:
            for query, answers, got in misses:
                print(f"    miss: {query!r} want {answers} got {got}")
    started = time.perf_counter()
    all_queries = [q for name in SETS for q in queries(name)]
    for case in all_queries:
        search_query.search(index, case["q"])
    print(f"python: {(time.perf_counter() - started) * 1000 / len(all_queries):.2f} ms per query")
    if args.browser:
        browser_figures(site)


if __name__ == "__main__":
    main()
