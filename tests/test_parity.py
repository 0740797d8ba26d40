"""Python ↔ JavaScript twins give the same answers, checked in Chromium on the built site.

Pairs (see docs/architecture.md): the tokenizer (generator/text.py ↔ ag-text.js), site search
(generator/site/search_query.py ↔ search-engine.js over search/ag-index.js). The finder's ranking and
the questionnaire's walk have their own parity tests (test_finder.py, test_questionnaire_browser.py).
"""

from __future__ import annotations

import json

import pytest

from generator import text
from generator.site import search_query

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


SEARCH_QUERIES = [
    "個人情報", "個人情報の取り扱い", "生成AIで文書を作る", "AIに学習させない", "ChatGPT", "ｱｶｳﾝﾀﾋﾞﾘﾃｨ",
    "機密情報を入力してもいいか", "エクセルで出力したい", "廃止", "赤とは", "公", "ＡＩ－ＯＣＲ", "議事録を作成",
    "セキュリティ対策について教えてください", "xyzzy", "の", "", "住民の顔写真を使いたい",
    "人事異動の配置案をAIに出させたい", "引き継ぎ", "PoC", "SaaS型のAIサービスを契約", "学習済みモデルの削除",
]


def test_search_twins_agree(page, base_url, site_dir):
    """Same reduced query, alternatives, pages, sections and scores in Python and in the browser."""
    payload = _search_payload(site_dir)
    index = search_query.load(payload)
    page.goto(base_url + "search.html")
    from_browser = page.evaluate(
        """qs => { const i = AgSearch.load(AG_SEARCH);
                   return qs.map(q => [AgSearch.reduceQuery(q), AgSearch.alternatives(q, AG_SEARCH.related),
                                       AgSearch.search(i, q).slice(0, 10)]); }""",
        SEARCH_QUERIES,
    )
    for query, (reduced, alternatives, pages) in zip(SEARCH_QUERIES, from_browser):
        assert reduced == search_query.reduce_query(query), query
        python_alternatives = search_query.alternatives(query, payload["related"])
        assert [a[0] for a in alternatives] == [a[0] for a in python_alternatives], query
        assert [a[1] for a in alternatives] == pytest.approx([a[1] for a in python_alternatives]), query
        python_pages = search_query.search(index, query)[:10]
        assert [p["page"] for p in pages] == [p["page"] for p in python_pages], query
        for b, p in zip(pages, python_pages):
            assert [s["doc"] for s in b["sections"]] == [s["doc"] for s in p["sections"]], query
            assert [s["matched"] for s in b["sections"]] == [s["matched"] for s in p["sections"]], query
            assert b["score"] == pytest.approx(p["score"], rel=1e-9), query


def _search_payload(site_dir) -> dict:
    script = (site_dir / "search" / "ag-index.js").read_text(encoding="utf-8")
    return json.loads(script[script.index("=") + 1 :].rstrip().rstrip(";"))


def test_csv_twins_neutralise_formulas_alike(page, base_url):
    from generator import csv_export

    values = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1+1", "-2+3", "\tx", "\rx", "普通の文", "a,b", 'a"b', "", "1-2"]
    page.goto(base_url + "cells/citizen-1.html")
    from_browser = page.evaluate("rows => AgCsv.text(rows)", [values])
    assert from_browser == csv_export.text([values])
    assert [csv_export.field(v) for v in values[:6]] == ["'" + v for v in values[:6]]
