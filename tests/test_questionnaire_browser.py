"""The questionnaire in headless Chromium: every path by clicking, URL state, no-JS pages, keyboard, axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import serious_axe_violations, wait_until


def choose(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="次へ").click()


def test_every_path_by_clicking(browser, base_url, guideline):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "questionnaire/index.html")
    tree = guideline.questionnaire
    for outcome in tree.paths():
        page.goto(base_url + "questionnaire/index.html#")
        for number, step in enumerate(outcome.steps, start=1):
            expect(page.locator(".ag-q__question")).to_have_text(step.question.text)
            assert page.locator(".ag-q__progress").inner_text().startswith(f"質問 {number}")
            choose(page, step.option.label)
        cell = guideline.cell(outcome.cell)
        expect(page.locator(".ag-result__title")).to_have_text(cell.full_name)
        assert page.locator(".ag-result__tier .ag-tier").inner_text().replace("\n", "") == "/".join(cell.tiers)
        why = page.locator(".ag-q__answers dd").all_inner_texts()
        assert [w.split(" 変更")[0].strip() for w in why] == [s.option.label for s in outcome.steps]
        if outcome.final.also:
            note = page.locator(".ag-result__note")
            assert guideline.cell(outcome.final.also[0]).full_name in note.inner_text()
    context.close()
    assert not errors, errors


def test_back_change_restart_and_bookmark(page, base_url):
    page.goto(base_url + "questionnaire/index.html")
    question = page.locator(".ag-q__question")
    choose(page, "職員")
    expect(question).to_have_text("AIを使った業務の結果は、都民・事業者へのサービスに反映されますか？")
    choose(page, "はい。最終的に都民・事業者へのサービスに反映される")
    expect(question).to_have_text("AIの判断や処理の結果は、職員が確認してから都民・事業者に届きますか？")
    page.go_back()  # the browser's back button
    expect(question).to_have_text("AIを使った業務の結果は、都民・事業者へのサービスに反映されますか？")
    choose(page, "いいえ。職員自身の業務や庁内の運営にとどまる")
    expect(question).to_have_text("AIは、職員の確認を経ずに、自ら判断して庁内の処理を実行しますか？")
    choose(page, "いいえ。AIの出力は職員が確認してから使う")
    expect(question).to_have_text("AIは主に何をしますか？")
    choose(page, "文書の下書きや言い換えを作る")
    expect(page.locator(".ag-result__title")).to_have_text("職員内部業務 - 文書作成支援")
    result_url = page.url

    # 変更 on the second answer goes back to that question, later answers dropped.
    page.locator(".ag-q__answers dd").nth(1).get_by_role("link", name="変更").click()
    expect(question).to_have_text("AIを使った業務の結果は、都民・事業者へのサービスに反映されますか？")
    expect(page.locator(".ag-q__answers dd")).to_have_count(1)

    page.get_by_role("link", name="最初からやり直す").click()
    expect(question).to_have_text("導入するAIを直接使うのは誰ですか？")

    # The result URL opened fresh (bookmark, or sent to a colleague) shows the same result.
    other = page.context.new_page()
    other.goto(result_url)
    expect(other.locator(".ag-result__title")).to_have_text("職員内部業務 - 文書作成支援")
    other.close()


def test_no_choice_shows_an_error(page, base_url):
    page.goto(base_url + "questionnaire/index.html")
    page.get_by_role("button", name="次へ").click()
    assert "選択肢を1つ選んでください" in page.locator(".ag-q__error").inner_text()


@pytest.mark.parametrize("garbage", ["#a=citizen.nonsense", "#a=<script>alert(1)</script>", "#a=citizen.present.input-only.answer.more", "#zzz"])
def test_garbage_in_the_url_restarts_with_a_notice(page, base_url, garbage):
    page.goto(base_url + "questionnaire/index.html" + garbage)
    expect(page.locator("[data-ag-notice]")).to_be_visible()
    expect(page.locator(".ag-q__question")).to_have_text("導入するAIを直接使うのは誰ですか？")


def test_without_javascript_links_reach_a_cell(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "questionnaire/index.html")
    page.get_by_role("link", name="都民・事業者（住民、来庁者、事業者など、庁外の人）").click()
    page.get_by_role("link", name="いいえ。AIは情報の提示・案内・提案までで、決めるのは利用者本人か職員").click()
    page.get_by_role("link", name="はい。利用者の属性や履歴などのデータを使う").click()
    assert "これまでの回答" in page.inner_text("article")
    page.get_by_role("link", name="いいえ。個人のデータから、その人に合う情報や案件を推薦・通知する").click()
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


def test_how_page_shows_every_question_and_cell(page, base_url, guideline):
    page.goto(base_url + "questionnaire/how.html")
    text = page.inner_text("article")
    for question in guideline.questionnaire.questions:
        assert question.text in text
    assert page.locator(".ag-tree__result").count() == len(guideline.questionnaire.paths())


@pytest.mark.parametrize("path", ["questionnaire/index.html", "questionnaire/index.html#a=citizen.autonomous", "questionnaire/q-ops-role.html", "questionnaire/how.html"])
def test_axe(page, base_url, path):
    page.goto(base_url + path)
    serious = serious_axe_violations(page)
    assert not serious, serious
