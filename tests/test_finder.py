"""「業務内容から探す」: tokenizer and ranking, the labelled set, the CLI, and Python = browser."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from playwright.sync_api import expect

from generator import text
from generator.judge import finder

from .conftest import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "finder_cases.yml").read_text(encoding="utf-8"))["cases"]
SEED = "個々の事業者に対して、AIを使って最適な支援情報を提案するサービス"


@pytest.fixture(scope="module")
def index(guideline):
    return finder.build_index(guideline)


def test_finder_tokens_drop_particles_only():
    tokens = text.tokenize("議事録をAIで作りたい", kana_bigrams=False)
    assert "議事" in tokens and "ai" in tokens and "録を" in tokens
    assert "りた" not in tokens and "たい" not in tokens
    assert text.tokenize("ＡＩで", kana_bigrams=False) == ["ai"]


def test_signals_weigh_in(guideline, index):
    text = "申請をAIが審査して職員の確認を経ずに自動で決定する"
    plain = {r["cell"]: r["score"] for r in finder.rank(index, (), text)}
    weighted = {r["cell"]: r for r in finder.rank(index, guideline.signals, text)}
    autonomy = next(s for s in guideline.signals if s.id == "autonomous")
    staff = next(s for s in guideline.signals if s.id == "staff-user")
    assert weighted["citizen-5"]["score"] == pytest.approx(plain["citizen-5"] * autonomy.weight)
    assert weighted["citizen-ops-5"]["score"] == pytest.approx(plain["citizen-ops-5"] * autonomy.weight * staff.weight)
    assert weighted["citizen-ops-5"]["signals"] == ["staff-user", "autonomous"]
    assert finder.rank(index, guideline.signals, text)[0]["cell"] in {"citizen-5", "citizen-ops-5"}


def test_seed_example_and_prefill(guideline, index):
    ranked = finder.rank(index, guideline.signals, SEED)
    assert ranked[0]["cell"] == "citizen-3"
    assert "最適な支援情報を提案" in ranked[0]["words"]
    assert finder.prefill(guideline.signals, SEED) == ["citizen"]
    assert finder.prefill(guideline.signals, "職員が都民向けの案内を作る") == []  # signals disagree


def test_labelled_set_is_large_enough():
    assert len(CASES) >= 45
    per_cell = {}
    for case in CASES:
        per_cell.setdefault(case["cell"], set()).add(case["split"])
    assert len(per_cell) == 15 and all(splits == {"tune", "holdout"} for splits in per_cell.values())


def test_accuracy_on_descriptions_not_used_for_tuning(guideline, index):
    holdout = [c for c in CASES if c["split"] == "holdout"]
    ranked = [[r["cell"] for r in finder.rank(index, guideline.signals, c["text"])] for c in holdout]
    top1 = sum(r[:1] == [c["cell"]] for r, c in zip(ranked, holdout)) / len(holdout)
    top3 = sum(c["cell"] in r[:3] for r, c in zip(ranked, holdout)) / len(holdout)
    assert top1 >= 0.80 and top3 >= 0.95, (top1, top3)


def test_cli_suggest_json():
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "suggest", SEED, "--json", "--top", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 2
    assert {"domain", "number", "name", "score"} <= set(rows[0])
    assert (rows[0]["domain"], rows[0]["number"], rows[0]["name"]) == ("都民サービス", 3, "パーソナライズド支援")
    assert rows[0]["score"] >= rows[1]["score"]


def test_cli_suggest_text():
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "suggest", "会議の録音から議事録を作りたい"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0 and result.stdout.startswith("1. 職員内部業務 - 1 情報検索・定型業務補助")


def test_python_and_browser_rank_alike(browser, base_url, guideline, index):
    page = browser.new_page()
    page.goto(base_url + "questionnaire/index.html")
    texts = [c["text"] for c in CASES] + [SEED, "ＡＩ－ＯＣＲで申請書を読む", "ｾｷｭﾘﾃｨ"]
    browser_ranks = page.evaluate(
        "texts => texts.map(t => AgFinder.rank(AG_FINDER, lunr.Index.load(AG_FINDER.index), t).slice(0, 3))", texts
    )
    for description, from_browser in zip(texts, browser_ranks):
        from_python = finder.rank(index, guideline.signals, description)[:3]
        assert [r["cell"] for r in from_browser] == [r["cell"] for r in from_python], description
        for b, p in zip(from_browser, from_python):
            assert b["score"] == pytest.approx(p["score"], rel=1e-3)
            assert b["words"] == p["words"]
    prefills = page.evaluate("texts => texts.map(t => AgFinder.prefill(AG_FINDER, t))", texts)
    assert prefills == [".".join(finder.prefill(guideline.signals, t)) for t in texts]
    page.close()


def test_typing_the_seed_example(page, base_url):
    page.goto(base_url + "index.html")
    box = page.get_by_label("AIを導入する予定の業務内容")
    box.fill(SEED)
    first = page.locator(".ag-finder__result").first
    assert first.locator(".ag-finder__title a").inner_text() == "都民サービス - パーソナライズド支援"
    assert "黄" in first.locator(".ag-tier").inner_text()
    first.get_by_role("link", name="質問に答えて確認する").click()
    page.wait_for_url("**/questionnaire/index.html#a=citizen")
    expect(page.locator(".ag-q__question")).to_have_text("AIは、職員の確認を経ずに、都民・事業者に対する決定や措置まで実行しますか？")


def test_markup_typed_into_the_box_is_text(page, base_url):
    page.goto(base_url + "questionnaire/index.html")
    page.on("dialog", lambda d: (_ for _ in ()).throw(AssertionError("script ran")))
    box = page.get_by_label("AIを導入する予定の業務内容")
    box.fill('<img src=x onerror="alert(1)"><b>議事録</b>を作る')
    page.wait_for_selector(".ag-finder__result")
    assert page.locator(".ag-finder img, .ag-finder__results b").count() == 0
    assert page.get_by_label("AIを導入する予定の業務内容").input_value().startswith("<img")


def test_finder_is_hidden_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "questionnaire/index.html")
    assert page.locator(".ag-finder").is_hidden()
    context.close()


def test_finder_content_errors_are_located(content_copy):
    from .test_loader import edit, line_of, only, problems_of

    path = content_copy / "finder.yml"
    edit(path, "cells: [citizen-5, citizen-ops-5, internal-5]", "cells: [citizen-5, citizen-ops-9, internal-5]")
    edit(path, "answers: [staff]", "answers: [staff, nobody]")
    edit(path, "weight: 2.0", "weight: たくさん")
    found = only(problems_of(content_copy), "finder.yml")
    paths = {p.path: p for p in found}
    assert paths["signals[4].cells[2]"].line == line_of(path, "citizen-ops-9")
    assert paths["signals[2].answers"].line == line_of(path, "answers: [staff, nobody]")
    assert "数値" in paths["signals[4].weight"].expected
