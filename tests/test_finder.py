"""「業務内容から探す」: one judgement model with the questionnaire, measured on the labelled set,
explained in whole words, the same in Python and in the browser."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from generator import text
from generator.judge import estimate, finder

from .conftest import ROOT, wait_until
from .judge_answers import careful_answers

CASES = yaml.safe_load((ROOT / "tests" / "judge_cases.yml").read_text(encoding="utf-8"))["cases"]
SEED = "個々の事業者に対して、AIを使って最適な支援情報を提案するサービス"


@pytest.fixture(scope="module")
def engine(guideline):
    return finder.Finder(guideline)


def accepted(case) -> set[str]:
    return {case["cell"]} | ({case["also"]} if case.get("also") else set())


def test_finder_tokens_drop_particles_only():
    tokens = text.tokenize("議事録をAIで作りたい", kana_bigrams=False)
    assert "議事" in tokens and "ai" in tokens and "録を" in tokens
    assert "りた" not in tokens and "たい" not in tokens
    assert text.tokenize("ＡＩで", kana_bigrams=False) == ["ai"]


def test_labelled_set_has_a_fixed_split_over_every_cell():
    assert len(CASES) >= 150
    per_cell = {}
    for case in CASES:
        per_cell.setdefault(case["cell"], set()).add(case["split"])
    assert len(per_cell) == 15 and all(splits == {"tune", "holdout"} for splits in per_cell.values())
    assert sum(c["kind"] == "boundary" for c in CASES) >= 60


def _trigrams(sentence: str) -> set[str]:
    folded = "".join(text.fold(sentence).split()).rstrip("。")
    return {folded[i:i + 3] for i in range(len(folded) - 2)}


def test_no_evaluation_description_is_among_the_examples(guideline):
    """The holdout half and the blind set measure descriptions the model never learned from: one copied
    into content/examples.yml, even reworded a little, would make their figures look better than a
    new description fares."""
    blind = []
    for name in ("judge_blind.yml", "judge_blind2.yml"):
        blind_file = ROOT / "tests" / name
        blind += yaml.safe_load(blind_file.read_text(encoding="utf-8"))["cases"] if blind_file.exists() else []
    measured = [c["text"] for c in CASES if c["split"] == "holdout"] + [c["text"] for c in blind]
    examples = [(example_text, _trigrams(example_text)) for example_text, _ in guideline.examples]
    copied = []
    for description in measured:
        grams = _trigrams(description)
        for example_text, example_grams in examples:
            # Nine in ten three-character pieces shared: the same sentence, give or take a word.
            if len(grams & example_grams) >= 0.9 * min(len(grams), len(example_grams)):
                copied.append((description, example_text))
    assert not copied, copied


def test_careful_answers_reach_the_labelled_cell_on_every_case(guideline):
    """Each case's facts, answered as a careful person would, walk the questionnaire to its label
    (boundary cases included): the questionnaire and the cells' definitions agree."""
    for case in CASES:
        outcome = guideline.questionnaire.resolve(careful_answers(case))
        assert outcome.cell in accepted(case), (case["text"], careful_answers(case), outcome.cell)


def test_estimates_are_probabilities_and_start_from_equal_results(guideline, engine):
    estimates = estimate.estimate_all(guideline.questionnaire, engine.questions, "zzzz")
    for question_estimate in estimates.values():
        assert sum(question_estimate.probabilities.values()) == pytest.approx(1.0)
        assert question_estimate.confident is None
    paths = estimate.path_estimates(guideline.questionnaire, estimates)
    assert sum(p.probability for p in paths) == pytest.approx(1.0)
    assert max(p.probability for p in paths) == pytest.approx(min(p.probability for p in paths))  # no evidence: all equal


def test_seed_example_is_explained_in_whole_words(engine):
    ranked = engine.rank(SEED)
    assert ranked[0]["cell"] == "citizen-3"
    reasons = {r["topic"]: r for r in ranked[0]["reasons"]}
    assert reasons["利用者"]["answer"] == "都民・事業者" and reasons["利用者"]["words"]
    for result in ranked[:3]:
        for reason in result["reasons"]:
            for word in reason["words"]:
                assert word in SEED or text.normalize(word) in text.normalize(SEED)
    assert [a["option"] for a in engine.prefill(SEED)][:1] == ["citizen"]


def test_prefill_stops_where_the_description_says_nothing(engine):
    prefilled = engine.prefill("会議の録音から議事録を作りたい")
    assert [a["option"] for a in prefilled][:2] == ["staff", "internal"]
    assert "議事録" in prefilled[0]["words"]
    assert engine.prefill("zzzz") == [] and engine.rank("zzzz") == []


def test_accuracy_on_the_holdout_half(engine):
    """Measured on descriptions never used for tuning (benchmarks/bench_finder.py prints the
    figures per split and per domain). The floor is below the goal of the issue: see the note."""
    holdout = [c for c in CASES if c["split"] == "holdout"]
    ranked = [[r["cell"] for r in engine.rank(c["text"])] for c in holdout]
    top1 = sum(bool(r[:1]) and r[0] in accepted(c) for r, c in zip(ranked, holdout)) / len(holdout)
    top3 = sum(bool(accepted(c) & set(r[:3])) for r, c in zip(ranked, holdout)) / len(holdout)
    assert top1 >= FLOOR_TOP1 and top3 >= FLOOR_TOP3, (top1, top3)


FLOOR_TOP1, FLOOR_TOP3 = 0.68, 0.85


def test_cli_suggest_json():
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "suggest", SEED, "--json", "--top", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    rows = data["results"]
    assert len(rows) == 2 and rows[0]["score"] >= rows[1]["score"]
    assert (rows[0]["domain"], rows[0]["number"], rows[0]["name"]) == ("都民サービス", 3, "パーソナライズド支援")
    assert data["prefill"][0]["option"] == "citizen"


def test_cli_suggest_text():
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "suggest", "会議の録音から議事録を作りたい"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0 and result.stdout.startswith("1. 職員内部業務 - 1 情報検索・定型業務補助")
    assert "（「" in result.stdout and "」から推定）" in result.stdout


def test_python_and_browser_rank_score_and_prefill_alike(page, base_url, engine):
    page.goto(base_url + "questionnaire/index.html")
    texts = [c["text"] for c in CASES] + [SEED, "ＡＩ－ＯＣＲで申請書を読む", "ｾｷｭﾘﾃｨ", "", "   ", "zzz"]
    from_browser = page.evaluate("texts => texts.map(t => AgFinder.rank(AG_QUESTIONNAIRE, AG_FINDER, t))", texts)
    for description, browser in zip(texts, from_browser):
        python = engine.rank(description)
        assert [r["cell"] for r in browser["results"]] == [r["cell"] for r in python], description
        for b, p in zip(browser["results"], python):
            assert b["score"] == pytest.approx(p["score"], rel=1e-9, abs=1e-15)
            assert (b["reasons"], b["words"], b["tier"], b["path"]) == (p["reasons"], p["words"], p["tier"], p["path"])
        assert browser["prefill"] == engine.prefill(description), description


@pytest.mark.parametrize("description", [
    SEED,
    "都民からの問い合わせメールに、AIが回答案を作って職員が確認してから返信したい",
    "会議の録音をAIで文字起こしして議事録の案を作り、担当者が確認してから共有したい",
])
def test_the_first_card_calls_estimated_only_what_the_questionnaire_prefills(engine, description):
    """A card that said 「職員の確認: …から推定」 for an answer the questionnaire then left blank
    confused the person confirming: both use the same confidence."""
    tree = engine.guideline.questionnaire
    prefilled = set()
    for answer in engine.prefill(description):
        question = tree.question(answer["question"])
        prefilled.add((question.topic, next(o.short for o in question.options if o.id == answer["option"])))
    reasons = {(r["topic"], r["answer"]) for r in engine.rank(description)[0]["reasons"]}
    assert reasons and reasons <= prefilled


def test_every_card_lists_exactly_the_answers_it_prefills(engine, guideline):
    """On every tune case and each of its three cards: the answers called estimated are the ones the
    questionnaire opens with (a gap after an unsure question, or an answer without words, made them differ)."""
    tree = guideline.questionnaire
    cases = [c for c in yaml.safe_load((ROOT / "tests" / "judge_cases.yml").read_text(encoding="utf-8"))["cases"] if c["split"] == "tune"]
    for case in cases:
        confident = [a["option"] for a in engine.prefill(case["text"])]
        for result in engine.rank(case["text"])[:3]:
            given = []
            for answer, step in zip(confident, result["path"]):
                if answer != step:
                    break
                given.append(answer)
            shorts = [next(o.short for q in tree.questions for o in q.options if o.id == a and q.id == s.question.id)
                      for a, s in zip(given, tree.resolve(result["path"]).steps)]
            assert [r["answer"] for r in result["reasons"]] == shorts, (case["text"], result["cell"])


def test_typing_a_description_explains_and_prefills(page, base_url):
    page.goto(base_url + "index.html")
    page.get_by_label("AIを導入する予定の業務内容").fill(SEED)
    first = page.locator(".ag-finder__result").first
    first.wait_for()
    assert "都民サービス - パーソナライズド支援" in first.inner_text()
    assert "利用者: 都民・事業者（「" in first.locator(".ag-finder__reasons").inner_text()
    first.get_by_role("link", name="質問に答えて確認する").click()
    page.wait_for_selector(".ag-q__question")
    # Pre-filled, marked as estimated, not final until confirmed.
    assert page.locator("input[name=answer]:checked").count() == 1
    assert "推定" in page.locator(".ag-q__proposed").inner_text()
    assert "#a=" not in page.url
    # Nothing to find again here: the finder below gives way to the answers it proposed.
    assert page.locator(".ag-finder").is_hidden()


def test_on_a_phone_the_proposed_answer_is_on_the_first_screen(browser, base_url):
    """The question's help follows its choices: on a phone it would push them two screens down."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "index.html")
    page.get_by_label("AIを導入する予定の業務内容").fill("職員向けに会議の録音から議事録の案を作るAIを使いたい")
    page.locator(".ag-finder__result").first.get_by_role("link", name="質問に答えて確認する").click()
    chosen = page.locator("input[name=answer]:checked")
    chosen.wait_for()
    assert chosen.bounding_box()["y"] + chosen.bounding_box()["height"] <= 740
    assert page.locator(".ag-q__help").bounding_box()["y"] > chosen.bounding_box()["y"]
    # 「次へ」 too: confirming an estimated answer takes no scrolling through the help.
    next_button = page.get_by_role("button", name="次へ").bounding_box()
    assert next_button["y"] + next_button["height"] <= 740 and next_button["y"] < page.locator(".ag-q__help").bounding_box()["y"]
    context.close()


def test_on_the_questionnaire_page_the_finder_gives_way_to_the_answers(page, base_url):
    """A way to start; once answering, its guesses would only contradict the answers given."""
    page.goto(base_url + "questionnaire/index.html")
    page.wait_for_selector(".ag-q__question")
    assert page.locator(".ag-finder").is_visible()
    page.goto(base_url + "questionnaire/index.html#a=citizen")
    page.wait_for_selector(".ag-q__question")
    assert page.locator(".ag-finder").is_hidden()
    page.goto(base_url + "questionnaire/index.html#a=citizen.recommend")
    page.wait_for_selector(".ag-result__title")
    assert page.locator(".ag-finder").is_hidden()


def test_reasons_show_words_without_a_trailing_particle(page, base_url, engine):
    """「職員の」 and 「都民が」 are evidence words; the explanation shows 「職員」 and 「都民」."""
    description = "職員の勤務の記録から、来月の残業時間を予測したい"
    words = [w for r in engine.rank(description)[0]["reasons"] for w in r["words"]]
    assert "職員" in words and "職員の" not in words  # the evidence word 「職員の」, shown without its particle
    for reason in engine.rank(description)[0]["reasons"]:  # 「職員の」 and 「職員」 are both evidence words: shown once
        assert len(reason["words"]) == len(set(reason["words"]))
    assert estimate.shown_word("職員の") == "職員" and estimate.shown_word("手配まで") == "手配まで"
    page.goto(base_url + "index.html")
    page.get_by_label("AIを導入する予定の業務内容").fill(description)
    reasons = page.locator(".ag-finder__result").first.locator(".ag-finder__reasons").inner_text()
    assert "「職員」" in reasons and "「職員の」" not in reasons


def test_each_result_prefills_only_answers_on_its_own_path(page, base_url):
    """The confident answers are pre-filled for a result only as far as they lead to it: the second
    result must not open the questionnaire on the way to the first."""
    page.goto(base_url + "index.html")
    description = "庁内の会議資料をAIで要約したい"
    page.get_by_label("AIを導入する予定の業務内容").fill(description)
    page.locator(".ag-finder__result").first.wait_for()
    ranked = page.evaluate("t => AgFinder.rank(AG_QUESTIONNAIRE, AG_FINDER, t)", description)
    confident = [a["option"] for a in ranked["prefill"]]
    links = page.locator(".ag-finder__confirm")
    assert links.count() >= 2
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        given = href.split("#p=")[1].split("&")[0].split(".") if "#p=" in href else []
        path = ranked["results"][index]["path"]
        assert given == path[: len(given)] and given == confident[: len(given)], (index, given, path)
        note = page.locator(".ag-finder__next").nth(index).locator(".ag-finder__prefilled")  # beside the link, not in its name
        assert note.is_visible() == bool(given)
        if given:  # it says how many answers are chosen for the person, not that all are
            assert f"「推定」の{len(given)}問の回答" in note.inner_text() and "推定" not in links.nth(index).inner_text()
        # The card lists exactly the answers its link pre-fills, no more and no fewer.
        reasons = page.locator(".ag-finder__result").nth(index).locator(".ag-finder__reasons li")
        assert reasons.count() == len(given), (index, reasons.all_inner_texts(), given)
    # Each link names its cell for a screen reader (a list of links would otherwise say the same thrice),
    # and each tier is named as such, not a bare 「青」.
    names = [page.locator(".ag-finder__title a").nth(i).inner_text() for i in range(links.count())]
    assert all(f"（{name}）" in links.nth(i).text_content() for i, name in enumerate(names))
    assert "利活用の考え方:" in page.locator(".ag-finder__title").first.text_content()


def test_a_cell_with_two_tiers_shows_the_tier_its_likeliest_answers_lead_to(page, base_url, engine):
    description = "職員の人事評価をAIが自動で決定する"
    [first, *_] = engine.rank(description)
    assert (first["cell"], first["tier"]) == ("internal-5", "赤")
    page.goto(base_url + "index.html")
    page.get_by_label("AIを導入する予定の業務内容").fill(description)
    result = page.locator(".ag-finder__result").first
    assert result.locator(".ag-tier").inner_text().strip() == "赤"  # not 「黄/赤」
    # Called estimated: the answers the questionnaire pre-fills (取り消せるかどうかは、本人が答える).
    prefilled = engine.prefill(description)
    assert result.locator(".ag-finder__reasons li").count() == len(prefilled) >= 1
    assert "internal-reversible" not in [answer["question"] for answer in prefilled]


def test_a_description_that_says_too_little_is_called_a_weak_guide(page, base_url, engine):
    page.goto(base_url + "index.html")
    box = page.get_by_label("AIを導入する予定の業務内容")
    status = page.locator("[data-ag-finder-status]")
    assert engine.prefill("AIを使いたい") == [] and engine.rank("AIを使いたい")
    box.fill("AIを使いたい")
    page.locator(".ag-finder__result").first.wait_for()
    wait_until(page, "document.querySelector('[data-ag-finder-status]').textContent.includes('確かな目安ではありません')")
    box.fill("都税の問い合わせに自動で答えるチャットボットを都のサイトに置きたい")
    wait_until(page, "!document.querySelector('[data-ag-finder-status]').textContent.includes('確かな目安ではありません')")
    assert "近い分類を" in status.inner_text()


def test_the_status_is_read_out_once_typing_pauses(page, base_url):
    """The list follows every letter; the status (role=status) is said once, not at each letter."""
    page.goto(base_url + "index.html")
    page.evaluate("""() => { window.said = []; const status = document.querySelector('[data-ag-finder-status]');
        new MutationObserver(() => window.said.push(status.textContent)).observe(status, {childList: true, characterData: true, subtree: true}); }""")
    page.get_by_label("AIを導入する予定の業務内容").press_sequentially("都税の問い合わせに答えるチャットボット", delay=60)
    assert page.locator(".ag-finder__result").count() > 0  # already shown while typing
    wait_until(page, "window.said.length > 0")
    page.wait_for_timeout(900)
    assert page.evaluate("window.said") == [page.locator("[data-ag-finder-status]").inner_text()]


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


def test_evidence_words_are_validated_with_their_line(content_copy):
    from .test_loader import edit, line_of, only, problems_of

    path = content_copy / "questionnaire.yml"
    edit(path, "evidence: [都民が,", "evidence: [" + "長" * 40 + ",")
    found = only(problems_of(content_copy), "questionnaire.yml")
    assert any(p.line == line_of(path, "長" * 40) and "30 文字以内" in p.expected for p in found), [p.format() for p in found]


def test_examples_must_walk_the_questionnaire(content_copy):
    from .test_loader import edit, line_of, only, problems_of

    path = content_copy / "examples.yml"
    edit(path, "    answers: [citizen, answer]", "    answers: [citizen, nowhere]")
    found = only(problems_of(content_copy), "examples.yml")
    assert found[0].line == line_of(path, "answers: [citizen, nowhere]") and "たどる" in found[0].expected
    assert "選べるのは answer（" in found[0].found  # the choices of that question, by id and meaning


def test_kana_still_being_converted_are_not_searched_for(page, base_url):
    """Japanese is typed through an input method: the finder waits for the chosen words."""
    page.goto(base_url + "index.html")
    box = page.get_by_label("AIを導入する予定の業務内容")
    box.click()
    page.evaluate("""() => { window.redrawn = 0; new MutationObserver(() => window.redrawn++).observe(
        document.querySelector('[data-ag-finder-results]'), {childList: true}); }""")
    cdp = page.context.new_cdp_session(page)
    for text in ["ぎじろく", "議事録"]:
        cdp.send("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})
    assert page.evaluate("window.redrawn") == 0 and page.locator(".ag-finder__result").count() == 0
    cdp.send("Input.insertText", {"text": "議事録"})
    page.locator(".ag-finder__result").first.wait_for()
    assert box.input_value() == "議事録"
