"""Japanese search as staff type it: phrases with particles, word tails, tag names, full-width letters."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from generator import text

from .conftest import wait_until

# (what a member of staff types, the page that must be among the first five results)
QUERIES = [
    ("情報の取り扱い", "chapters/03-considerations.html"),
    ("ポリシー", "chapters/03-considerations.html"),
    ("議事録", "cells/internal-1.html"),
    ("議事録を作成", "cells/internal-1.html"),
    ("個人情報を入力", "cells/internal-2.html"),
    ("インジェクション", "cells/citizen-1.html"),
    ("推薦理由", "cells/citizen-3.html"),
    ("プッシュ通知", "cells/citizen-3.html"),
    ("混雑の予測", "cells/citizen-4.html"),
    ("手続の案内", "cells/citizen-2.html"),
    ("手書きの申請書", "cells/citizen-ops-1.html"),
    ("パブリックコメント", "cells/citizen-ops-2.html"),
    ("審査の補助", "cells/citizen-ops-3.html"),
    ("人員配置", "cells/citizen-ops-4.html"),
    ("修繕の優先順位", "cells/citizen-ops-4.html"),
    ("起案文書の下書き", "cells/internal-2.html"),
    ("法令の調査", "cells/internal-3.html"),
    ("業務量を予測", "cells/internal-4.html"),
    ("AIエージェント", "cells/internal-5.html"),
    ("調達", "chapters/04-process.html"),
    ("改定履歴", "revisions.html"),
    ("著作権", "chapters/03-considerations.html"),
    ("アカウンタビリティ", "chapters/03-considerations.html"),
    ("ハルシネーション", "chapters/03-considerations.html"),
    ("ＡＩ－ＯＣＲ", "cells/citizen-ops-1.html"),
    ("バイアス", "chapters/03-considerations.html"),
    ("会議室の予約", "cells/internal-5.html"),
    ("多言語で案内", "cells/citizen-1.html"),
    ("東京都AI戦略", "chapters/01-purpose.html"),
    ("オプトアウト", "cells/citizen-3.html"),
]


def test_tokenizer_bigrams_and_words():
    assert text.tokenize("情報の取扱い") == ["情報", "報の", "の取", "取扱", "扱い"]
    assert text.tokenize("ＡＩ－ＯＣＲ") == ["ai", "ocr"]
    assert text.tokenize("ｾｷｭﾘﾃｨ") == text.tokenize("セキュリティ")
    assert text.tokenize("公") == ["公"]
    assert "ポリ" in text.tokenize("プライバシーポリシー")


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "search.html")
    yield page
    context.close()
    assert not errors, errors


def results(page, query):
    page.fill("#ag-q", query)
    page.press("#ag-q", "End")
    wait_until(page, "q => document.getElementById('ag-search-status').textContent.includes(q)", query)
    return [
        href.split("#")[0]
        for href in page.locator("#ag-search-results > li h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    ]


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_staff_query_lists_the_right_page(search_page, query, expected):
    found = results(search_page, query)
    assert expected in found[:5], found[:8]


def test_nonsense_says_nothing_found(search_page):
    assert results(search_page, "量子コンピュータの冷却") == []
    assert "見つかりませんでした" in search_page.inner_text("#ag-search-status")


def test_header_search_goes_to_results_and_url_keeps_query(page, base_url):
    page.goto(base_url + "cells/citizen-1.html")
    page.fill("#ag-header-q", "議事録")
    page.press("#ag-header-q", "Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_selector("#ag-search-results > li")
    assert "cells/internal-1.html" in page.locator("#ag-search-results a").first.get_attribute("href")
    page.fill("#ag-q", "調達")
    page.press("#ag-q", "End")
    wait_until(page, "location.search.includes(encodeURIComponent('調達'))")


def test_markup_in_query_is_text(page, base_url):
    page.goto(base_url + "search.html?q=" + quote("<img src=x onerror=alert(1)>議事録"))
    page.wait_for_selector("#ag-search-status:has-text('議事録')")
    assert page.locator("#ag-search-status img").count() == 0
    assert page.locator("#ag-search-results img").count() == 0


def test_sections_leave_out_hidden_and_noindex_text():
    from generator.site.search import page_documents

    html = (
        '<p>前文</p><h2 id="a">見出し<span aria-hidden="true">公</span></h2><p>本文<br>続き<span class="ag-noindex">繰り返し</span></p>'
        '<details><summary>開く</summary><p>中身</p></details><script>var x = "<p>";</script><hr><h3 id="b">次</h3><p>最後</p>'
    )
    docs = page_documents("p.html", "ページ", html)
    assert [d["id"] for d in docs] == ["p.html", "p.html#a", "p.html#b"]
    assert docs[1]["section"] == "見出し"
    assert "本文" in docs[1]["text"] and "中身" in docs[1]["text"]
    assert "繰り返し" not in docs[1]["text"] and "開く" not in docs[1]["text"] and "var" not in docs[1]["text"]
    assert docs[2]["text"] == "最後"
