"""The questionnaire in headless Chromium: every path by clicking, answers kept on 戻る/変更, 赤 results,
URL state, no-JS pages, keyboard, axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import serious_axe_violations, wait_until


def choose(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="次へ").click()


def test_every_path_by_clicking(browser, base_url, guideline):
    """The browser's walk equals the Python walk on every path (the questionnaire's parity test)."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    tree = guideline.questionnaire
    maximum = tree.max_depth(tree.start)
    for outcome in tree.paths():
        page.goto(base_url + "questionnaire/index.html#")
        for number, step in enumerate(outcome.steps, start=1):
            expect(page.locator(".ag-q__question")).to_have_text(step.question.text)
            progress = page.locator(".ag-q__progress").inner_text()
            assert progress.startswith(f"質問{number}") and f"最大{number - 1 + tree.max_depth(step.question.id)}問" in progress
            choose(page, step.option.label)
        cell = guideline.cell(outcome.cell)
        tier = outcome.final.tier
        expect(page.locator(".ag-result__title")).to_have_text(cell.full_name + (f"（{tier}の範囲）" if tier else ""))
        shown_tiers = page.locator(".ag-result__tier .ag-tier").inner_text().replace("\n", "")
        assert shown_tiers == (tier or "/".join(cell.tiers))  # a 黄/赤 cell shows only the tier the answers set
        why = page.locator(".ag-q__answers [data-ag-answer]").all_inner_texts()
        assert why == [s.option.label for s in outcome.steps]
        if outcome.final.also:
            assert guideline.cell(outcome.final.also[0]).full_name in page.locator(".ag-result__note").inner_text()
    assert maximum <= 5
    context.close()
    assert not errors, errors


def test_a_red_result_never_calls_to_start_planning(page, base_url, guideline):
    for answers, cell_id in (("citizen.decide.unchecked", "citizen-5"), ("staff.service.autonomous", "citizen-ops-5"),
                             ("staff.internal.autonomous.irreversible", "internal-5")):
        page.goto(base_url + f"questionnaire/index.html#a={answers}")
        card = page.locator(".ag-result")
        expect(card).to_be_visible()
        text = card.inner_text()
        assert "企画の段階で必ず実施すること" not in text and "対応のポイントを見る" not in text
        assert "この分類の利活用についての考え方" in text and "代わりに検討できる使い方" in text and "相談先" in text
        assert "デジタルサービス局" in text
        assert card.locator("[data-ag-start-project]").count() == 0
        assert "赤" in card.locator(".ag-result__tier").inner_text()
    page.goto(base_url + "questionnaire/index.html#a=staff.internal.autonomous.reversible")
    card = page.locator(".ag-result")
    assert card.locator(".ag-result__tier .ag-tier").inner_text() == "黄"
    assert "企画の段階で必ず実施すること" in card.inner_text()


def test_back_and_change_keep_the_earlier_answers_selected(page, base_url):
    page.goto(base_url + "questionnaire/index.html")
    question = page.locator(".ag-q__question")
    choose(page, "職員")
    choose(page, "いいえ。文書作成・会議・調べもの・企画・広報の下書き・予算・人事など、職員自身の業務に使う")
    choose(page, "はい。AIの出力は職員が確認してから使う")
    expect(question).to_have_text("AIは主に何をしますか？")
    # 戻る: the previous question shows the answer given before, selected and marked.
    page.get_by_role("link", name="戻る").click()
    expect(question).to_have_text("AIの出力は、職員が確認してから使われますか？")
    assert page.get_by_label("はい。AIの出力は職員が確認してから使う（前回の回答）").is_checked()
    page.get_by_role("button", name="次へ").click()
    choose(page, "文書の作成（起案文書・通知文・挨拶文・報告書などの下書き、校正、言い換え）")
    expect(page.locator(".ag-result__title")).to_have_text("職員内部業務 - 文書作成支援")
    result_url = page.url

    # 変更 on the first answer: that question shows the earlier answer selected, and so does the next.
    page.locator(".ag-q__answers dd").nth(0).get_by_role("link", name="変更").click()
    expect(question).to_have_text("導入するAIを直接使うのは誰ですか？")
    assert page.locator("input[name=answer][value=staff]").is_checked()
    page.get_by_role("button", name="次へ").click()
    assert page.locator("input[name=answer][value=internal]").is_checked()

    page.get_by_role("link", name="最初からやり直す").click()
    expect(question).to_have_text("導入するAIを直接使うのは誰ですか？")
    assert page.locator("input[name=answer]:checked").count() == 0

    # The result URL opened fresh (bookmark, or sent to a colleague) shows the same result.
    other = page.context.new_page()
    other.goto(result_url)
    expect(other.locator(".ag-result__title")).to_have_text("職員内部業務 - 文書作成支援")
    other.close()


def test_the_browsers_back_button_keeps_the_earlier_answer_selected(page, base_url):
    page.goto(base_url + "questionnaire/index.html")
    question = page.locator(".ag-q__question")
    choose(page, "職員")
    choose(page, "いいえ。文書作成・会議・調べもの・企画・広報の下書き・予算・人事など、職員自身の業務に使う")
    expect(question).to_have_text("AIの出力は、職員が確認してから使われますか？")
    page.go_back()
    expect(page.locator("input[name=answer][value=internal]")).to_be_checked()
    page.go_back()
    expect(page.locator("input[name=answer][value=staff]")).to_be_checked()
    page.go_forward()  # forward again: the answer confirmed there is still the one selected
    expect(page.locator("input[name=answer][value=internal]")).to_be_checked()


def test_no_choice_shows_an_error(page, base_url):
    page.goto(base_url + "questionnaire/index.html")
    page.get_by_role("button", name="次へ").click()
    page.get_by_role("button", name="次へ").click()
    assert "選択肢を1つ選んでください" in page.locator(".ag-q__error").inner_text()
    described = page.locator(".ag-q__form fieldset").get_attribute("aria-describedby").split()
    assert described.count("ag-q-error") == 1  # the question's description names the error once, however often 次へ is pressed
    page.locator("input[name=answer]").first.check()
    assert page.locator(".ag-q__error").inner_text() == ""  # the error goes once a choice is made


@pytest.mark.parametrize("garbage", ["#a=citizen.nonsense", "#a=<script>alert(1)</script>", "#a=citizen.answer.more", "#zzz", "#p=<b>"])
def test_garbage_in_the_url_restarts_with_a_notice(page, base_url, garbage):
    page.goto(base_url + "questionnaire/index.html" + garbage)
    expect(page.locator("[data-ag-notice]")).to_be_visible()
    expect(page.locator(".ag-q__question")).to_have_text("導入するAIを直接使うのは誰ですか？")


def test_without_javascript_links_reach_a_cell(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "questionnaire/index.html")
    page.get_by_role("link", name="都民・事業者（住民、来庁者、観光客、事業者など、庁外の人）").click()
    assert "これまでの回答" in page.inner_text("article")
    page.get_by_role("link", name="一人ひとりに合わせて推薦・通知する（その人の状況や、登録された属性や利用履歴などから、合いそうな支援策や情報を選んで示す・届ける。その場で入力した情報から選ぶ場合を含む）").click()
    assert page.locator("h1").inner_text().strip() == "判定結果: 都民サービス - パーソナライズド支援"
    page.get_by_role("link", name="都民サービス - パーソナライズド支援 の対応のポイントを見る").click()
    assert page.locator("h1").inner_text().strip() == "都民サービス - パーソナライズド支援"
    context.close()


def test_keyboard_only_walk(page, base_url):
    page.goto(base_url + "questionnaire/index.html")
    page.locator("#ag-q-option-0").focus()
    page.keyboard.press("ArrowDown")  # radio group: arrows move and select
    page.keyboard.press("Enter")  # submits the form
    wait_until(page, "location.hash === '#a=staff'")
    # The hash changes first; the new question is rendered and focused on hashchange.
    wait_until(page, "document.activeElement.classList.contains('ag-q__question')")
    for expected_hash in ("#a=staff.service", "#a=staff.service.checked", "#a=staff.service.checked.routine"):
        page.keyboard.press("Tab")  # from the question heading to its first option
        page.keyboard.press("Space")
        page.keyboard.press("Enter")
        wait_until(page, "h => location.hash === h", expected_hash)
        wait_until(page, "document.activeElement.matches('.ag-q__question, .ag-result__title')")
    expect(page.locator(".ag-result__title")).to_have_text("都民サービス関連業務 - 定型業務補助")
    assert page.evaluate("document.activeElement.classList.contains('ag-result__title')")
    # Where the focus lands is said as the result, and the reasons are a part of it in the outline.
    assert page.get_by_role("heading", name="判定結果: 都民サービス関連業務 - 定型業務補助", level=2).is_visible()
    assert page.get_by_role("heading", name="判定の根拠（あなたの回答）", level=3).is_visible()


def test_how_page_shows_every_question_and_cell(page, base_url, guideline):
    page.goto(base_url + "questionnaire/how.html")
    text = page.inner_text("article")
    for question in guideline.questionnaire.questions:
        assert question.text in text
    assert page.locator(".ag-tree__result").count() == len(guideline.questionnaire.paths())
    assert "content/" not in text  # staff read it: no developer file names


@pytest.mark.parametrize("path", ["questionnaire/index.html", "questionnaire/index.html#a=citizen.decide", "questionnaire/index.html#a=citizen.decide.unchecked", "questionnaire/q-ops-role.html", "questionnaire/how.html"])
def test_axe(page, base_url, path):
    page.goto(base_url + path)
    serious = serious_axe_violations(page)
    assert not serious, serious
