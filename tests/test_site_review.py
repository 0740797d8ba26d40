"""The site review of issue 15, in Chromium: the first screen, the questionnaire reached by keyboard,
200 % zoom, printing a cell page without JavaScript, the 404 page under a sub-path, axe-core on every
page type and Lighthouse on the main pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from .conftest import CHROMIUM, ROOT, serious_axe_violations, wait_until


def _in_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= page.viewport_size["height"]


@pytest.mark.parametrize("width, height", [(1366, 768), (375, 812)])
def test_first_screen_has_both_ways_in_and_the_matrix(browser, base_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
    page = context.new_page()
    page.goto(base_url + "index.html")
    wait_until(page, "!document.querySelector('[data-ag-finder-way]').hidden")
    assert _in_first_screen(page, ".ag-ways a[href$='questionnaire/index.html']")
    assert _in_first_screen(page, "[data-ag-finder-way] a")
    assert _in_first_screen(page, "h2#matrix")
    if width > 1000:
        assert _in_first_screen(page, ".ag-matrix__cell")  # the matrix itself starts on the first screen
    page.click("[data-ag-finder-way] a")
    # It lands in the box, ready to type, with the box's heading still on screen.
    assert page.evaluate("location.hash") == "#ag-finder-input"
    assert page.evaluate("document.activeElement.id") == "ag-finder-input"
    assert _in_first_screen(page, "#ag-finder-title")
    context.close()


def test_finder_shortcut_is_not_offered_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "index.html")
    assert page.locator("[data-ag-finder-way]").is_hidden()
    assert page.locator(".ag-ways a[href$='questionnaire/index.html']").is_visible()
    context.close()


def test_first_question_is_three_keys_away(page, base_url):
    page.goto(base_url + "questionnaire/index.html")
    wait_until(page, "document.querySelector('input[name=answer]') !== null")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "answer"
    assert page.locator("[data-ag-notice]").is_hidden()  # the skip link's #… is not taken for answers


def test_toolbar_leaves_the_point_visible_at_200_percent_zoom(browser, base_url):
    # 200 % zoom of a 1366×768 screen is a 683×384 CSS-pixel viewport.
    context = browser.new_context(viewport={"width": 683, "height": 384}, locale="ja-JP")
    page = context.new_page()
    page.goto(base_url + "cells/citizen-ops-3.html#pt-requirements-access-control")
    point = page.locator("#pt-requirements-access-control")
    wait_until(page, "document.querySelector('#pt-requirements-access-control').offsetParent !== null")
    title = point.locator(".ag-point__title").bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert title["y"] >= header["y"] + header["height"] - 1
    toolbar = page.locator(".ag-checklist__toolbar").bounding_box()
    assert toolbar["y"] + toolbar["height"] <= title["y"] or toolbar["y"] >= title["y"] + title["height"]
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(100)
    # Nothing but the site header stays fixed over the content while reading.
    fixed = page.evaluate(
        """() => Array.from(document.querySelectorAll('article *')).filter(e => {
             const p = getComputedStyle(e).position; return (p === 'sticky' || p === 'fixed') && e.offsetParent !== null; }).length"""
    )
    assert fixed == 0
    context.close()


def test_toolbar_targets_are_44_pixels(page, base_url):
    page.goto(base_url + "cells/citizen-ops-3.html")
    heights = page.evaluate(
        "() => Array.from(document.querySelectorAll('.ag-checklist__actions .md-button, .ag-phase__toggle'))"
        ".filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44


def test_printing_a_cell_page_without_javascript_shows_every_point(browser, base_url, guideline, tmp_path):
    cell = guideline.cell("citizen-ops-3")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + f"cells/{cell.id}.html")
    target = tmp_path / "printed.pdf"
    page.pdf(path=str(target), format="A4")
    context.close()
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    for point in cell.points:
        assert "".join(point.title.split()) in flat, point.title
    assert f"第{guideline.meta.version}版" in flat and guideline.meta.title.replace(" ", "") in flat
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert f"1/{pages}" in flat  # page numbers
    assert pages <= 5  # 23 points: not a page per phase
    assert "対応のポイントを表示" not in flat and "絞り込む" not in flat  # no screen controls on paper


def test_404_page_is_japanese_and_finds_the_site_from_any_depth(page, base_url):
    response = page.goto(base_url + "cells/old/moved-page.html")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "ページが見つかりません"
    assert page.evaluate("document.documentElement.lang") == "ja"
    wait_until(page, "document.querySelector('[data-ag-link=\"index.html\"]').href.endsWith('/ai-guideline/index.html')")
    links = page.evaluate("() => Array.from(document.querySelectorAll('[data-ag-link]')).map(a => a.href)")
    assert all("/ai-guideline/" in link and "/cells/" not in link for link in links)
    page.fill("#q404", "議事録")
    page.click("form[data-ag-search] button")
    page.wait_for_load_state("load")
    assert page.url.startswith(base_url + "search.html?q=")
    wait_until(page, "document.querySelectorAll('#ag-search-results > li').length > 0")


PAGE_TYPES = [
    "index.html", "cells/citizen-3.html", "cells/citizen-5.html", "cells/internal-5.html",
    "chapters/03-considerations.html", "chapters/04-process.html", "questionnaire/index.html",
    "questionnaire/how.html", "projects.html", "about.html", "revisions.html",
    "search.html?q=議事録", "search.html?q=ぴよぴよ", "cells/old/missing.html",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_on_every_page_type(page, base_url, path):
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    serious = serious_axe_violations(page)
    assert not serious, serious


def test_axe_on_plain_question_and_result_pages(page, base_url, site_dir):
    question = sorted((site_dir / "questionnaire").glob("q-*.html"))[0].name
    result = sorted((site_dir / "questionnaire").glob("r-*.html"))[0].name
    for name in (question, result):
        page.goto(base_url + "questionnaire/" + name)
        serious = serious_axe_violations(page)
        assert not serious, (name, serious)


LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


@pytest.mark.skipif(not LIGHTHOUSE.exists(), reason="npm ci installs Lighthouse (scripts/install.sh)")
@pytest.mark.parametrize("path", ["index.html", "cells/citizen-ops-3.html", "questionnaire/index.html", "search.html?q=個人情報"])
def test_lighthouse_scores_100(base_url, path, tmp_path):
    report = tmp_path / "report.json"
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(
        [str(LIGHTHOUSE), base_url + path, "--only-categories=accessibility,best-practices,seo", "--quiet",
         "--chrome-flags=--headless --no-sandbox --disable-gpu", "--output=json", f"--output-path={report}"],
        env=env, check=True, timeout=180, capture_output=True,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: category["score"] for name, category in data["categories"].items()}
    failing = [a["id"] for a in data["audits"].values()
               if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "numeric")]
    assert scores == {"accessibility": 1, "best-practices": 1, "seo": 1}, (scores, failing)
