"""Python ↔ JavaScript twins give the same answers, checked in Chromium on the built site.

Pairs (see docs/architecture.md): the tokenizer (generator/text.py ↔ ag-text.js), site search
ranking (generator/textindex.py ↔ ag-text.js over search/ag-index.js). The finder's ranking and
the questionnaire's walk have their own parity tests (test_finder.py, test_questionnaire_browser.py).
"""

from __future__ import annotations

import json

import pytest
from lunr.index import Index

from generator import text, textindex

STRINGS = [
    "個人情報の取り扱い",
    "プライバシーポリシー",
    "ＡＩ－ＯＣＲで申請書を読む",
    "ｾｷｭﾘﾃｨ対策",
    "ChatGPT を使って議事録を作成したい",
    "する・から・ので",
    "々〆ヶ ヴ ㈱ ① Ⅳ",
    "公",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def corpus(guideline) -> list[str]:
    texts = list(STRINGS)
    for cell in guideline.cells:
        texts += [cell.name, cell.description.text, *(f.text for f in cell.features), *(p.title for p in cell.points)]
    return texts


def test_tokenizer_twins_agree(page, base_url, corpus):
    page.goto(base_url + "search.html")
    for kana_bigrams in (True, False):
        from_browser = page.evaluate(
            "([texts, kana]) => texts.map(t => AgText.tokenize(t, kana))", [corpus, kana_bigrams]
        )
        from_python = [text.tokenize(t, kana_bigrams) for t in corpus]
        assert from_browser == from_python
    assert page.evaluate("texts => texts.map(t => AgText.normalize(t))", corpus) == [text.normalize(t) for t in corpus]


def test_search_ranking_twins_agree(page, base_url, site_dir):
    script = (site_dir / "search" / "ag-index.js").read_text(encoding="utf-8")
    payload = json.loads(script[script.index("=") + 1 :].rstrip().rstrip(";"))
    index = Index.load(payload["index"])
    queries = ["個人情報", "情報の取り扱い", "議事録を作成", "ＡＩ", "廃止", "セキュリティ対策", "公"]
    page.goto(base_url + "search.html")
    from_browser = page.evaluate(
        "qs => { const i = lunr.Index.load(AG_SEARCH.index); return qs.map(q => AgText.search(i, q, 0.6).slice(0, 10)); }",
        queries,
    )
    for query, browser_hits in zip(queries, from_browser):
        python_hits = textindex.search(index, query, min_coverage=0.6)[:10]
        assert [h["ref"] for h in browser_hits] == [h["ref"] for h in python_hits], query
        for b, p in zip(browser_hits, python_hits):
            assert b["score"] == pytest.approx(p["score"], rel=1e-6)


def test_csv_twins_neutralise_formulas_alike(page, base_url):
    from generator import csv_export

    values = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1+1", "-2+3", "\tx", "\rx", "普通の文", "a,b", 'a"b', "", "1-2"]
    page.goto(base_url + "cells/citizen-1.html")
    from_browser = page.evaluate("rows => AgCsv.text(rows)", [values])
    assert from_browser == csv_export.text([values])
    assert [csv_export.field(v) for v in values[:6]] == ["'" + v for v in values[:6]]
