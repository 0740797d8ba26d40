"""Site search as staff type it (issue 15), checked in Chromium on the built site, and its quality on
the labelled query set (tests/search_queries.yml; the figures per split come from
benchmarks/bench_search.py)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import yaml

from generator.site import search_query

from .conftest import ROOT, wait_until

# The goal on the holdout half (issue 15): top-3 ≥ 90 %, MRR ≥ 0.75 (measured 2026-11-27: 94.6 %, 0.844;
# the figures of every set are printed by benchmarks/bench_search.py).
FLOOR_TOP3, FLOOR_MRR = 0.90, 0.75
INDEX_LIMIT = 1_000_000


def _index(site_dir) -> dict:
    script = (site_dir / "search" / "ag-index.js").read_text(encoding="utf-8")
    return search_query.load(yaml.safe_load(script[script.index("=") + 1 :].rstrip().rstrip(";")))


def _results(page) -> list[dict]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#ag-search-results > li')).map(li => ({
             page: li.querySelector('h2 a').getAttribute('href'),
             title: li.querySelector('h2').textContent,
             links: Array.from(li.querySelectorAll('.ag-search-results__link')).map(a => ({
               href: a.getAttribute('href'), text: a.textContent, label: a.getAttribute('aria-label')})),
             marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)}))"""
    )


def _search(page, base_url, query):
    page.goto(base_url + "search.html?q=" + quote(query))
    wait_until(page, "document.getElementById('ag-search-status').textContent.length > 0")
    return _results(page)


def test_index_is_small_and_carries_no_markup(site_dir):
    script = site_dir / "search" / "ag-index.js"
    assert script.stat().st_size < INDEX_LIMIT
    text = script.read_text(encoding="utf-8")
    assert "<" not in text and "［編集・未確認］" not in text  # escaped markup; provenance marks are not indexed


def test_labelled_queries_hold_their_ground(site_dir):
    index = _index(site_dir)
    data = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
    cases = [q for q in data["queries"] if q["split"] == "holdout"]
    assert len(data["queries"]) >= 80
    top3, reciprocal = 0, 0.0
    for case in cases:
        pages = [p["page"] for p in search_query.search(index, case["q"])]
        answers = {a.split("#")[0] for a in case["answers"]}
        rank = next((i for i, p in enumerate(pages, start=1) if p in answers), None)
        top3 += bool(rank and rank <= 3)
        reciprocal += 1 / rank if rank else 0
    assert top3 / len(cases) >= FLOOR_TOP3
    assert reciprocal / len(cases) >= FLOOR_MRR


@pytest.mark.parametrize(
    "query, reduced",
    [
        ("生成AIに機密情報を入力してもいいか", "生成ai 機密情報 入力"),
        ("個人情報の取り扱いについて教えてください", "個人情報 取り扱い"),
        ("議事録を要約したい", "議事録 要約"),
        ("必須と推奨の違い", "必須 推奨"),
        ("ｾｷｭﾘﾃｨ", "セキュリティ"),
    ],
)
def test_questions_are_reduced_to_what_matters(query, reduced):
    assert search_query.reduce_query(query) == reduced


def test_question_with_particles_finds_the_definition(page, base_url):
    results = _search(page, base_url, "個人情報の取り扱いについて教えてください")
    assert results[0]["page"] not in ("about.html", "search.html")  # help text that quotes examples comes later
    definition = next(r for r in results[:2] if r["page"] == "chapters/03-considerations.html")
    first = definition["links"][0]
    assert "#privacy" in first["href"] and first["text"] == "プライバシー"
    assert "留意すべき事項" in first["label"]  # the link names its page for screen readers


def test_the_search_page_opened_without_words_is_ready_to_type_in(page, base_url):
    """On a phone the header has only 「検索」: it opens this page, where a second tap was needed."""
    page.goto(base_url + "search.html")
    page.wait_for_function("document.activeElement && document.activeElement.type === 'search'")
    page.goto(base_url + "search.html?q=" + "議事録")
    page.wait_for_selector("#ag-search-results li")
    assert page.evaluate("document.activeElement.type") != "search"  # results to read: the focus is left alone


def test_product_name_finds_generative_ai_pages(page, base_url):
    results = _search(page, base_url, "ChatGPT")
    assert results, "ChatGPT must find the pages about 生成AI"
    assert any("生成ai" in m.lower() for r in results[:3] for m in r["marks"])


def test_rpa_finds_the_cells_of_routine_work(page, base_url):
    """A tool staff name often; the guideline says 定型業務補助."""
    pages = [r["page"] for r in _search(page, base_url, "RPA")]
    assert {"cells/internal-1.html", "cells/citizen-ops-1.html"} <= set(pages[:3])


def test_half_width_kana_finds_the_definition_first(page, base_url):
    results = _search(page, base_url, "ｱｶｳﾝﾀﾋﾞﾘﾃｨ")
    assert results[0]["page"] == "chapters/03-considerations.html"
    assert results[0]["links"][0]["text"] == "アカウンタビリティ"
    # The cells that only list it among their 留意事項 come after any page whose text explains it.
    assert not any(link["text"] == "主な留意事項" for r in results[:2] for link in r["links"][:1])


def test_hit_titles_name_the_cell(page, base_url):
    results = _search(page, base_url, "分析用データの削除")
    hit = results[0]
    assert hit["title"].startswith("都民サービス関連業務 - ")
    assert hit["links"][0]["text"].startswith("廃止フェーズ › ")
    assert hit["links"][0]["label"].startswith(hit["title"] + " › 廃止フェーズ › ")


def test_hit_opens_its_phase_and_marks_the_words(page, base_url):
    results = _search(page, base_url, "分析用データの削除")
    link = results[0]["links"][0]["href"]
    anchor = link.split("#")[1]
    assert anchor.startswith("pt-retirement-")
    page.click(f'#ag-search-results a[href="{link}"]')
    page.wait_for_load_state("load")
    point = page.locator(f"#{anchor}")
    assert point.is_visible()  # the phase it is in was closed, and is open now
    marks = point.locator("mark.ag-hit")
    assert marks.count() >= 1 and "削除" in "".join(marks.all_text_contents())
    box = point.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]  # scrolled to, not hidden under the header
    header = page.locator("header.md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1


def test_no_result_offers_words_and_the_other_ways_in(page, base_url):
    _search(page, base_url, "ぴよぴよ体操")
    none = page.locator("#ag-search-none")
    assert none.is_visible()
    finder = page.locator("[data-ag-search-finder]")
    assert "d=" in finder.get_attribute("href")
    assert page.locator('#ag-search-none a[href="questionnaire/index.html"]').count() == 1
    finder.click()
    page.wait_for_load_state("load")
    assert page.locator("#ag-finder-input").input_value() == "ぴよぴよ体操"


def test_no_result_suggests_related_words_that_find_pages(page, base_url):
    _search(page, base_url, "コパイロ")  # a word cut short: no page has it
    words = page.locator("[data-ag-search-suggestions] a")
    assert "コパイロット" in words.all_text_contents()
    words.first.click()
    wait_until(page, "document.querySelectorAll('#ag-search-results > li').length > 0")


def test_search_works_from_a_file_share(page, site_dir):
    page.goto((site_dir / "search.html").as_uri() + "?q=" + quote("生成AIで文書を作る"))
    wait_until(page, "document.querySelectorAll('#ag-search-results > li').length > 0")
    assert _results(page)[0]["page"].startswith("cells/internal-")
