"""「自分の案件」 in Chromium, over http and from a file share: projects kept apart, answers kept,
records surviving reload, export/import, bad files refused, storage failures, revisions, migration,
printing, and axe."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import jsonschema
import pytest

from generator.exports.project_data import SCHEMA_FILE

from .conftest import serious_axe_violations, wait_until


@pytest.fixture(params=["http", "file"])
def base(request, base_url, site_dir):
    return base_url if request.param == "http" else site_dir.as_uri() + "/"


@pytest.fixture
def fresh(browser):
    """A new browser profile: nothing stored yet."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()
    assert not errors, errors


def new_project(page, base, cell, name, department=""):
    page.goto(base + f"projects.html?new={cell}")
    page.fill("#ag-new-name", name)
    if department:
        page.fill("#ag-new-department", department)
    page.get_by_role("button", name="記録を始める").click()
    page.wait_for_url(f"**/cells/{cell}.html?project=*")
    # It lands on the points, says the project was made, and opens the first phase.
    assert page.url.endswith("#points") and "created" not in page.url
    assert page.locator("#pt-planning-purpose").is_visible()
    message = page.locator("[data-ag-checklist] [data-ag-message]")
    assert f"案件「{name}」を作りました" in message.inner_text()
    # Read once, as the focused element, not also as a live status; live again once left.
    page.wait_for_function("document.activeElement && document.activeElement.hasAttribute('data-ag-message')")
    assert message.get_attribute("role") is None
    page.keyboard.press("Tab")
    assert message.get_attribute("role") == "status"
    top = page.evaluate("document.querySelector('[data-ag-checklist] [data-ag-message]').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]  # the word that it was made is on screen
    return parse_qs(urlparse(page.url).query)["project"][0]


def record(page, point_anchor, status, memo="", reason=""):
    point = page.locator(f"#{point_anchor}")
    phase = point.locator("xpath=ancestor::div[contains(@class,'ag-phase')]")
    if not phase.is_visible():
        page.locator(f"[aria-controls='{phase.get_attribute('id')}']").click()
    point.locator(f"input[value={status}]").check()
    if reason:
        point.locator("[data-ag-reason]").fill(reason)
    if memo:
        point.locator("[data-ag-memo]").fill(memo)


def stored(page) -> list[dict]:
    return page.evaluate("() => AgProjects.list()")


def test_two_projects_in_one_cell_stay_apart(fresh, base):
    page = fresh
    first = new_project(page, base, "internal-1", "議事録の要約", "総務局 総務課")
    record(page, "pt-planning-purpose", "done", memo="企画書に記載")
    assert "案件「議事録の要約」を作りました" in page.locator("[data-ag-message]").inner_text()  # still said after recording
    second = new_project(page, base, "internal-1", "例規検索")
    record(page, "pt-planning-purpose", "na", reason="既存の検索システムの置き換えのため")
    projects = {p["id"]: p for p in stored(page)}
    assert projects[first]["points"]["internal-1/planning/purpose"]["status"] == "done"
    assert projects[first]["points"]["internal-1/planning/purpose"]["memo"] == "企画書に記載"
    assert projects[second]["points"]["internal-1/planning/purpose"]["status"] == "na"
    # Switching between them on the cell page shows each one's own record. Only the button switches:
    # arrow keys in the closed list change its value at each step, and must not change the project.
    select = page.locator("[data-ag-project-select]")
    select.focus()
    page.keyboard.press("ArrowUp")
    assert page.locator("#pt-planning-purpose input[value=na]").is_checked() and "例規検索" in page.locator("[data-ag-progress]").inner_text()
    # Left without 「切り替える」, the list names the project records go to again, not the one passed over.
    page.locator("#pt-planning-purpose input[value=na]").focus()
    assert select.input_value() == second
    assert "いまの記録先: 例規検索" in page.locator("#" + select.get_attribute("aria-describedby")).inner_text()
    page.get_by_role("button", name="切り替える").click()  # no change: said so
    assert "いまの「例規検索」のまま" in page.locator("[data-ag-checklist] [data-ag-message]").inner_text()
    page.select_option("[data-ag-project-select]", first)
    page.get_by_role("button", name="切り替える").click()
    assert page.locator("#pt-planning-purpose input[value=done]").is_checked()
    assert "案件「議事録の要約」" in page.locator("[data-ag-progress]").inner_text()  # the switch is said by the progress line
    page.select_option("[data-ag-project-select]", second)
    page.get_by_role("button", name="切り替える").click()
    assert page.locator("#pt-planning-purpose input[value=na]").is_checked()
    assert "例規検索" in page.locator("[data-ag-progress]").inner_text()
    # The plain checklist's export would not export the project: the way to do it is shown instead.
    assert page.get_by_role("button", name="CSVで書き出す").is_hidden()
    assert page.get_by_role("link", name="書き出し・印刷は「自分の案件」で").is_visible()
    page.select_option("[data-ag-project-select]", "")
    page.get_by_role("button", name="切り替える").click()
    assert page.get_by_role("button", name="CSVで書き出す").is_visible()
    assert page.get_by_role("link", name="書き出し・印刷は「自分の案件」で").is_hidden()


def test_a_project_started_from_the_questionnaire_keeps_its_answers_and_version(fresh, base, guideline):
    page = fresh
    page.goto(base + "questionnaire/index.html#a=citizen.recommend")
    page.get_by_role("link", name="この分類で案件を記録する").click()
    page.wait_for_selector("[data-ag-new]:not([hidden])")
    assert "登録された属性や利用履歴" in page.locator("[data-ag-new-answers]").inner_text()
    page.fill("#ag-new-name", "子育てアプリのおすすめ")
    page.get_by_role("button", name="記録を始める").click()
    page.wait_for_url("**/cells/citizen-3.html?project=*")
    [project] = stored(page)
    assert project["answers"] == ["citizen", "recommend"]
    assert project["guideline_version"] == guideline.meta.version
    assert [a["question"] for a in project["answers_text"]] == [s.question.text for s in guideline.questionnaire.resolve(["citizen", "recommend"]).steps]


def test_a_project_started_from_the_cell_page_after_the_result_keeps_the_answers_too(fresh, base):
    """The result's main button leads to the points; 「新しい案件」 there must not drop the answers."""
    page = fresh
    page.goto(base + "questionnaire/index.html#a=staff.internal.autonomous.reversible")
    page.get_by_role("link", name="職員内部業務 - 自律的判断・実行 の対応のポイントを見る").click()
    page.wait_for_url(lambda url: "cells/internal-5.html?a=staff.internal.autonomous.reversible&tier=" in url)
    page.get_by_role("link", name="新しい案件").click()
    page.wait_for_selector("[data-ag-new]:not([hidden])")
    assert "取り消せ" in page.locator("[data-ag-new-answers]").inner_text()
    assert "（黄）" in page.locator("[data-ag-cell-fixed]").inner_text()  # the tier the answers determined
    assert page.locator("#ag-new-cell-watch").is_hidden()  # which cells cannot be chosen: not here, none is chosen
    page.fill("#ag-new-name", "会議室予約の自動調整")
    page.get_by_role("button", name="記録を始める").click()
    page.wait_for_url("**/cells/internal-5.html?project=*")
    [project] = stored(page)
    assert project["answers"] == ["staff", "internal", "autonomous", "reversible"] and project["tier"] == "黄"


def describe_then_start_a_project(page, base, described, answers):
    """Write a description into 「業務内容から探す」, then start a project from a questionnaire result."""
    page.goto(base + "index.html")
    page.get_by_label("AIを導入する予定の業務内容").fill(described)
    page.locator(".ag-finder__result").first.wait_for()
    page.goto(base + f"questionnaire/index.html#a={answers}")
    page.get_by_role("link", name="この分類で案件を記録する").click()
    page.wait_for_selector("[data-ag-new]:not([hidden])")


def test_the_description_typed_into_the_finder_becomes_the_first_note(fresh, base):
    """Describe, answer, record: what was written in 「業務内容から探す」 is not typed twice."""
    page = fresh
    described = "個々の事業者に対して、AIを使って最適な支援情報を提案するサービス"
    describe_then_start_a_project(page, base, described, "citizen.recommend")
    assert described in page.locator("#ag-new-notes").input_value()
    page.fill("#ag-new-name", "事業者向け支援情報の提案")
    page.get_by_role("button", name="記録を始める").click()
    page.wait_for_url("**/cells/citizen-3.html?project=*")
    assert described in stored(page)[0]["notes"]


def test_the_description_goes_only_into_the_next_project_and_says_so(fresh, base_url):
    page = fresh
    describe_then_start_a_project(page, base_url, "会議の録音から議事録の案をAIで作り、職員が直してから保存する", "staff.internal.checked.writing")
    assert "下のメモに写しました" in page.locator("[data-ag-new-answers]").inner_text()
    assert "判定の質問への回答で決まった分類" in page.locator("[data-ag-cell-hint]").inner_text()  # why the cell cannot be chosen
    # The fixed cell is text, whole and readable (not a greyed-out list), and heard with 案件名.
    assert page.locator("#ag-new-cell").is_hidden()
    assert page.locator("[data-ag-cell-fixed]").inner_text() == "職員内部業務 - 文書作成支援（青）"
    assert "ag-new-cell-fixed" in page.locator("#ag-new-name").get_attribute("aria-describedby")
    page.fill("#ag-new-name", "議事録作成")
    page.get_by_role("button", name="記録を始める").click()
    page.wait_for_url("**/cells/internal-2.html?project=*")
    # 「戻る」 goes back past the form: it is not offered again to make the same project twice.
    page.go_back()
    assert "projects.html" not in page.url
    # A second project from the questionnaire in this tab starts with an empty note.
    page.goto(base_url + "questionnaire/index.html#a=staff.internal.checked.search")
    page.get_by_role("link", name="この分類で案件を記録する").click()
    page.wait_for_selector("[data-ag-new]:not([hidden])")
    assert page.locator("#ag-new-notes").input_value() == ""
    assert "メモに写しました" not in page.locator("[data-ag-new-answers]").inner_text()


def test_a_second_project_of_the_same_name_in_a_cell_is_asked_about(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    new_project(page, base_url, "internal-1", "議事録の要約")
    page.goto(base_url + "projects.html?new=internal-1")
    page.fill("#ag-new-name", "議事録の要約")
    said = []
    page.once("dialog", lambda dialog: (said.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="記録を始める").click()
    assert said and "同じ名前の案件「議事録の要約」" in said[0]
    assert len(stored(page)) == 1  # declined: nothing made
    context.close()


def test_project_details_can_be_edited_but_not_its_cell(fresh, base):
    page = fresh
    new_project(page, base, "internal-1", "議事録の要約", "総務局 総務課")
    page.goto(base + "projects.html")
    page.get_by_role("button", name="案件情報を編集").click()
    expect_form = page.locator("[data-ag-new]")
    assert expect_form.is_visible() and page.locator("[data-ag-form-title]").inner_text() == "案件情報を編集する"
    assert page.locator("#ag-new-name").input_value() == "議事録の要約"
    assert page.locator("#ag-new-department").input_value() == "総務局 総務課"
    assert page.locator("#ag-new-cell").is_hidden() and "分類は変えられません" in page.locator("[data-ag-cell-hint]").inner_text()
    assert page.locator("[data-ag-cell-fixed]").inner_text().startswith("職員内部業務 - 情報検索")
    page.fill("#ag-new-name", "   ")
    page.get_by_role("button", name="保存する").click()
    assert "案件名を入力してください" in page.locator("[data-ag-new-error]").inner_text()
    page.fill("#ag-new-name", "議事録の要約（本番）")
    page.fill("#ag-new-reviewer", "総務課長")
    page.fill("#ag-new-started", "2026-10-01")
    page.get_by_role("button", name="保存する").click()
    assert page.locator("[data-ag-new]").is_hidden()
    assert "案件情報を保存しました" in page.locator("[data-ag-message]").inner_text()
    [project] = stored(page)
    assert (project["name"], project["reviewer"], project["started"], project["cell"]) == ("議事録の要約（本番）", "総務課長", "2026-10-01", "internal-1")
    assert "議事録の要約（本番）" in page.locator("[data-ag-list]").inner_text()


def test_typing_in_one_tab_keeps_what_another_tab_recorded_on_the_same_point(browser, base_url):
    context = browser.new_context()
    first = context.new_page()
    project = new_project(first, base_url, "internal-1", "議事録の要約")
    second = context.new_page()
    second.goto(base_url + f"cells/internal-1.html?project={project}#points")
    memo = second.locator("#pt-planning-purpose [data-ag-memo]")
    memo.click()
    memo.press_sequentially("自分のメモ")
    record(first, "pt-planning-purpose", "done")  # meanwhile, in the other tab
    memo.press_sequentially("（続き）")
    stored_point = stored(second)[0]["points"]["internal-1/planning/purpose"]
    assert (stored_point["status"], stored_point["memo"]) == ("done", "自分のメモ（続き）")
    assert second.locator("#pt-planning-purpose input[value=done]").is_checked()  # shown in the tab being typed in
    context.close()


def compose(page, field, steps: list[str], committed: str):
    """Types through an input method, as Japanese is typed: each step a composition shown in the
    field, then the chosen text committed (Chromium's Input.imeSetComposition / insertText)."""
    field.click()
    cdp = page.context.new_cdp_session(page)
    for text in steps:
        cdp.send("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})
        assert field.input_value().endswith(text)  # saving meanwhile never disturbs the composition
    cdp.send("Input.insertText", {"text": committed})


def test_a_memo_and_a_reason_typed_through_an_input_method_are_kept_as_committed(fresh, base_url):
    new_project(fresh, base_url, "internal-1", "議事録の要約")
    memo = fresh.locator("#pt-planning-purpose [data-ag-memo]")
    compose(fresh, memo, ["き", "きかく", "企画"], "企画書")
    compose(fresh, memo, ["に", "にきさい"], "に記載")
    assert memo.input_value() == "企画書に記載"
    record(fresh, "pt-planning-purpose", "na")
    compose(fresh, fresh.locator("#pt-planning-purpose [data-ag-reason]"), ["たいしょうがい", "対象外"], "対象外の業務")
    fresh.reload()
    point = stored(fresh)[0]["points"]["internal-1/planning/purpose"]
    assert (point["status"], point["memo"], point["reason"]) == ("na", "企画書に記載", "対象外の業務")
    assert fresh.locator("#pt-planning-purpose [data-ag-memo]").input_value() == "企画書に記載"


def test_the_open_sheet_shows_what_another_tab_records(browser, base_url):
    context = browser.new_context()
    cell_page = context.new_page()
    project = new_project(cell_page, base_url, "internal-1", "議事録の要約")
    lister = context.new_page()
    lister.goto(base_url + "projects.html")
    lister.get_by_role("button", name="チェックシートを表示").click()
    record(cell_page, "pt-planning-purpose", "done", memo="別のタブで記録")
    wait_until(lister, "document.querySelector('[data-ag-sheet]').textContent.includes('別のタブで記録')")
    assert lister.evaluate("document.activeElement.closest('[data-ag-sheet]') !== null")  # the focus stays in the sheet
    assert project
    context.close()


def test_a_points_title_clicked_in_a_project_ticks_nothing(fresh, base):
    page = fresh
    new_project(page, base, "internal-1", "議事録の要約")
    page.locator("#pt-planning-purpose .ag-point__title").click(force=True)  # its label's box is off: no check of "enabled"
    assert not page.locator("#pt-planning-purpose .ag-point__box").is_checked()
    assert page.locator("#pt-planning-purpose input[value=todo]").is_checked()


def test_the_forms_error_is_seen_where_the_focus_goes(fresh, base):
    page = fresh
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "projects.html?new=internal-1")
    page.get_by_role("button", name="記録を始める").click()
    error = page.locator("[data-ag-new-error]")
    assert "案件名を入力してください" in error.inner_text()
    box = error.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 844
    page.get_by_role("button", name="やめる").click()
    assert page.locator("[data-ag-new]").is_hidden() and "?new=" not in page.url
    assert "入力をやめました" in page.locator("[data-ag-message]").inner_text()
    # Opened without a cell, the form starts at the first required field: the cell.
    page.get_by_role("link", name="新しい案件を記録する").last.click()
    assert page.evaluate("document.activeElement.id") == "ag-new-cell"
    # The 赤 cells are not in the list, and the form says why (read with the list).
    watch = page.locator("#ag-new-cell-watch").inner_text()
    assert "都民サービス - " in watch and "案件として記録できません" in watch
    # …and that 職員内部業務/5 (黄/赤), which is in the list, is recorded for its 黄 part only.
    assert "職員内部業務 - 自律的判断・実行（黄/赤）は、黄の範囲の使い方だけを記録できます" in watch
    assert "ag-new-cell-watch" in page.locator("#ag-new-cell").get_attribute("aria-describedby")


def test_two_tabs_on_one_project_never_undo_each_other(browser, base_url):
    """The list and the cell page open side by side, or the cell page twice: each save changes only
    what it is about, and the other tab shows it."""
    context = browser.new_context()
    first = context.new_page()
    project = new_project(first, base_url, "internal-1", "議事録の要約")
    second = context.new_page()
    second.goto(base_url + f"cells/internal-1.html?project={project}#points")
    second.wait_for_selector("#pt-planning-purpose .ag-record")
    record(first, "pt-planning-purpose", "done", memo="タブ1で書いたメモ")
    # The other tab shows it without a reload.
    wait_until(second, "document.querySelector('#pt-planning-purpose [data-ag-memo]').value === 'タブ1で書いたメモ'")
    # The details edited on the list, then a point recorded in a tab opened before that.
    lister = context.new_page()
    lister.goto(base_url + "projects.html")
    lister.get_by_role("button", name="案件情報を編集").click()
    lister.fill("#ag-new-name", "議事録の要約（改名）")
    lister.get_by_role("button", name="保存する").click()
    record(second, "pt-planning-common-tool", "na", reason="共通ツールの対象外のため")
    [stored_project] = stored(second)
    assert stored_project["name"] == "議事録の要約（改名）"
    assert stored_project["points"]["internal-1/planning/purpose"]["memo"] == "タブ1で書いたメモ"
    assert stored_project["points"]["internal-1/planning/common-tool"]["status"] == "na"
    wait_until(lister, "document.querySelector('[data-ag-list]').textContent.includes('議事録の要約（改名）')")
    context.close()


def test_a_reason_is_kept_only_with_not_applicable(fresh, base):
    page = fresh
    new_project(page, base, "internal-1", "議事録の要約")
    record(page, "pt-planning-purpose", "na", reason="既存の共通ツールを使うため")
    record(page, "pt-planning-purpose", "todo")
    [project] = stored(page)
    assert project["points"]["internal-1/planning/purpose"]["reason"] == ""
    record(page, "pt-planning-purpose", "na")  # the reason typed is still in the box: back again
    [project] = stored(page)
    assert project["points"]["internal-1/planning/purpose"]["reason"] == "既存の共通ツールを使うため"


def test_choosing_not_applicable_saves_once_and_asks_for_the_reason_where_it_is_written(fresh, base_url):
    page = fresh
    new_project(page, base_url, "internal-1", "議事録の要約")
    page.evaluate("""() => { window.writes = 0; const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) { if (k.startsWith('aiguide:project:')) window.writes++; return set.call(this, k, v); }; }""")
    record(page, "pt-planning-purpose", "na")
    assert page.evaluate("window.writes") == 1  # a radio fires input and change: one save, one message
    error = page.locator("#pt-planning-purpose [data-ag-reason-error]")
    assert "理由を書いてください" in error.inner_text() and error.get_attribute("role") is None  # not an alert at once
    described = page.locator("#pt-planning-purpose [data-ag-reason]").get_attribute("aria-describedby").split()
    assert error.get_attribute("id") in described  # read with the reason's field
    # That the point is saved shows on the point, written once, not again at every letter of a memo;
    # it is not read out (the progress line is, when a status changes: one announcement a click).
    saved = page.locator("#pt-planning-purpose [data-ag-date]")
    assert saved.get_attribute("aria-live") is None and "保存済み" in saved.inner_text()
    page.evaluate("""() => { window.said = 0; new MutationObserver(() => window.said++).observe(
        document.querySelector('#pt-planning-purpose [data-ag-date]'), {childList: true, characterData: true, subtree: true}); }""")
    page.locator("#pt-planning-purpose [data-ag-memo]").press_sequentially("議事録に記載")
    assert page.evaluate("window.said") == 0


def test_opening_a_project_from_the_list_opens_the_phase_where_work_is(fresh, base, guideline):
    page = fresh
    new_project(page, base, "internal-1", "議事録の要約")
    for point in guideline.cell("internal-1").points_in("企画"):
        record(page, point.anchor, "done")
    page.goto(base + "projects.html")
    page.get_by_role("link", name="議事録の要約").click()
    page.wait_for_url("**/cells/internal-1.html?project=*#points")
    assert page.locator("#phase-requirements .ag-phase__toggle").get_attribute("aria-expanded") == "true"


def test_a_closed_phase_says_what_it_holds(fresh, base):
    """A reviewer opening a colleague's project saw nothing of the records in the closed phases."""
    page = fresh
    new_project(page, base, "internal-1", "議事録の要約")
    record(page, "pt-requirements-search-scope", "done")
    heading = page.locator("#phase-requirements")
    copy = heading.locator(".ag-phase__closed-count")
    phase = page.locator("[data-phase='要件定義'].ag-phase")
    if phase.is_visible():
        heading.get_by_role("button").click()
    assert copy.is_visible() and "件中1件完了" in copy.inner_text()
    assert copy.inner_text() == phase.locator(".ag-phase__count").text_content()
    heading.get_by_role("button").click()  # open: the count is inside, not repeated
    assert copy.is_hidden()


def test_records_survive_reload_and_progress_counts_mandatory_points(fresh, base, guideline):
    page = fresh
    cell = guideline.cell("citizen-1")
    done, skipped = [f"#{p.anchor}" for p in cell.points if p.mandatory][:2]
    new_project(page, base, "citizen-1", "FAQチャットボット")
    record(page, done[1:], "done", memo="仕様書 3.1 に記載、共有フォルダ/AI/企画")
    record(page, skipped[1:], "na")  # no reason yet: not counted
    progress = page.locator("[data-ag-progress]")
    assert "必須 1/" in progress.inner_text()
    assert "理由を書いてください" in page.locator(f"{skipped} [data-ag-reason-error]").inner_text()
    page.locator(f"{skipped} [data-ag-reason]").fill("共通ツールを使うため")
    assert "必須 2/" in progress.inner_text() and "うち該当しない 1件" in progress.inner_text()  # a 必須 point set aside is said
    page.reload()
    assert page.locator(f"{done}").is_visible()  # the phase worked on is still open
    assert page.locator(f"{done} input[value=done]").is_checked()
    assert page.locator(f"{done} [data-ag-memo]").input_value() == "仕様書 3.1 に記載、共有フォルダ/AI/企画"
    assert page.locator(f"{skipped} [data-ag-reason]").input_value() == "共通ツールを使うため"
    assert "最終更新" in page.locator(f"{done} [data-ag-date]").inner_text()
    page.goto(base + "projects.html")
    cell = guideline.cell("citizen-1")
    assert f"必須 2/{sum(p.mandatory for p in cell.points)}" in page.locator("[data-ag-list]").inner_text()


def test_export_delete_import_gives_back_the_same_project(fresh, base, tmp_path):
    page = fresh
    new_project(page, base, "internal-2", "起案文書の下書き")
    record(page, "pt-planning-purpose", "done", memo="メモ")
    before = stored(page)
    page.goto(base + "projects.html")
    # The sheet, opened and closed, leaves the page scrolled: the message's place is under the header.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="チェックシートを表示 （起案文書の下書き）").click()
    page.keyboard.press("Escape")
    with page.expect_download() as info:
        page.get_by_role("button", name="JSONで書き出す （起案文書の下書き）").click()
    today = page.evaluate("AgProjects.today()")
    assert f"「起案文書の下書き_{today}.json」を書き出しました" in page.locator("[data-ag-message]").inner_text()  # said, not silent
    assert info.value.suggested_filename == f"起案文書の下書き_{today}.json"  # dated: two copies sent on different days differ
    # Scrolled to with the focus: wholly in sight, not under the sticky header; nothing floats over it.
    message = page.locator("[data-ag-message]").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert message["y"] >= header["y"] + header["height"] and message["y"] + message["height"] <= page.viewport_size["height"]
    assert page.locator(".md-top").count() == 0
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    with page.expect_download() as csv_info:
        page.get_by_role("button", name="CSVで書き出す （起案文書の下書き）").click()
    raw = Path(csv_info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    facts = {row[0]: row[1] for row in rows if len(row) == 2}
    assert facts["案件名"] == "起案文書の下書き" and facts["進み具合"].startswith("必須 1/")
    assert "第1.0版" in facts["記録した版"]
    # Every date as Excel reads one: 2026-11-28 (and the time where it has one).
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", facts["記録の最終更新"]) and re.fullmatch(r"\d{4}-\d\d-\d\d", facts["書き出し日"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", facts["開始日"])
    # Read by a person first: the point's id, for programs, comes last.
    header = rows.index(["フェーズ", "必須・推奨", "対応のポイント", "状態", "該当しない理由", "メモ", "更新日", "識別子（ポイントのid）"])
    purpose = next(row for row in rows[header:] if row[-1] == "internal-2/planning/purpose")
    assert purpose[3:6] == ["対応済", "", "メモ"]
    page.get_by_role("button", name="削除").click()
    assert stored(page) == []
    assert page.get_by_role("button", name="元に戻す").is_visible()
    target = tmp_path / "案件.json"
    target.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    page.locator("[data-ag-import]").set_input_files(str(target))
    wait_until(page, "document.querySelector('[data-ag-preview-list]').textContent.length > 0")  # the file is read asynchronously
    preview = page.locator("[data-ag-preview-list]")
    assert "起案文書の下書き" in preview.inner_text() and "第1.0版" in preview.inner_text()
    # The focus goes on to 「読み込む」, which is described by what the file holds (the message is
    # not also a live region: a focused message would be read twice).
    confirm = page.locator("[data-ag-import-confirm]")
    assert page.evaluate("document.activeElement.hasAttribute('data-ag-import-confirm')")
    assert "1件" in page.locator("#" + confirm.get_attribute("aria-describedby")).inner_text()
    assert page.locator("[data-ag-projects] [data-ag-message]").get_attribute("aria-live") is None
    page.get_by_role("button", name="読み込む", exact=True).click()
    after = stored(page)
    assert [{k: v for k, v in p.items() if k != "updated"} for p in after] == [{k: v for k, v in p.items() if k != "updated"} for p in before]
    # The same file once more: said to change nothing, not to 「置き換えます」.
    page.locator("[data-ag-import]").set_input_files(str(target))
    wait_until(page, "!document.querySelector('[data-ag-preview]').hidden")
    assert "記録の内容も同じです" in preview.inner_text() and "置き換えます" not in preview.inner_text()
    page.get_by_role("button", name="読み込む", exact=True).click()
    assert "何も変わっていません" in page.locator("[data-ag-projects] [data-ag-message]").inner_text()
    assert page.get_by_role("button", name="元に戻す").count() == 0


def test_what_a_screen_reader_user_is_told_while_recording(fresh, base):
    """The cell a new project gets is heard with 案件名; a missing reason is exposed as such; a memo is
    said saved once it is left; copies and undos name their project; Escape closes the sheet."""
    page = fresh
    page.goto(base + "projects.html?new=internal-2")  # from a cell page: the cell is chosen, not fixed
    name = page.locator("#ag-new-name")
    assert page.evaluate("document.activeElement.id") == "ag-new-name"
    described = " ".join(page.locator("#" + i).inner_text() for i in name.get_attribute("aria-describedby").split()).strip()
    assert described == "職員内部業務 - 文書作成支援（青）"
    page.select_option("#ag-new-cell", "internal-1")  # chosen again: heard as chosen
    assert page.locator("#ag-new-cell-fixed").inner_text().startswith("職員内部業務 - 情報検索")
    page.select_option("#ag-new-cell", "internal-2")
    name.fill("起案文書の下書き")
    page.get_by_role("button", name="記録を始める").click()
    page.wait_for_url("**/cells/internal-2.html?project=*")
    # Arrow keys through the status radios save each state they pass: the progress is read once,
    # when they pause, and not on arriving at the page.
    page.evaluate("""() => { window.said = []; const voice = document.querySelector('[data-ag-progress-said]');
        new MutationObserver(() => window.said.push(voice.textContent)).observe(voice, {childList: true, characterData: true, subtree: true}); }""")
    assert page.locator("[data-ag-checklist] [data-ag-progress]").get_attribute("aria-live") == "off"
    page.locator("#pt-planning-purpose input[value=todo]").focus()
    page.keyboard.press("ArrowDown")  # 対応済
    page.keyboard.press("ArrowDown")  # 該当しない
    page.keyboard.press("ArrowUp")  # 対応済
    page.wait_for_timeout(1000)
    progress = page.locator("[data-ag-checklist] [data-ag-progress]").inner_text()
    assert "必須 1/" in progress and page.evaluate("window.said") == [progress]
    record(page, "pt-planning-purpose", "na")
    reason = page.locator("#pt-planning-purpose [data-ag-reason]")
    error = page.locator("#pt-planning-purpose [data-ag-reason-error]")
    # Just chosen: the missing reason is a hint, not yet an error (nor red: colour is not the only sign).
    assert reason.get_attribute("aria-required") == "true" and reason.get_attribute("aria-invalid") == "false"
    assert "理由を書いてください" in error.inner_text() and "ag-record__error--hint" in error.get_attribute("class")
    reason.focus()
    page.locator("#pt-planning-purpose [data-ag-memo]").focus()  # still in the point's record: still a hint
    assert reason.get_attribute("aria-invalid") == "false"
    page.locator("[data-ag-checklist] [data-ag-project-switch]").focus()  # left
    assert reason.get_attribute("aria-invalid") == "true" and "ag-record__error--hint" not in error.get_attribute("class")
    red, ink = error.evaluate("e => getComputedStyle(e).color"), reason.evaluate("e => getComputedStyle(e.closest('.ag-point')).color")
    assert red != ink
    reason.fill("既存の様式を使うため")
    assert reason.get_attribute("aria-invalid") == "false"
    memo = page.locator("#pt-planning-purpose [data-ag-memo]")
    memo.fill("様式は共有フォルダ")
    memo.press("Tab")  # left: said once
    message = page.locator("[data-ag-checklist] [data-ag-message]")
    assert "のメモを保存しました" in message.inner_text()
    page.goto(base + "projects.html")
    page.get_by_role("button", name="複製").click()
    assert "「起案文書の下書き（複製）」を作りました" in page.locator("[data-ag-message]").inner_text()
    page.get_by_role("button", name="削除 （起案文書の下書き（複製）").click()
    page.get_by_role("button", name="元に戻す").click()
    assert "「起案文書の下書き（複製）」の削除を取り消しました" in page.locator("[data-ag-message]").inner_text()
    page.get_by_role("button", name="複製 （起案文書の下書き（複製）").click()  # a copy of the copy is numbered
    assert "「起案文書の下書き（複製2）」を作りました" in page.locator("[data-ag-message]").inner_text()
    opener = page.get_by_role("button", name="チェックシートを表示 （起案文書の下書き）", exact=True)
    opener.click()
    # Each row of the sheet is headed by its point: moving down a column says which point it is.
    assert page.locator("[data-ag-sheet] tbody th[scope=row]").first.inner_text().strip() != ""
    page.keyboard.press("Escape")
    assert page.locator("[data-ag-sheet]").is_hidden()
    assert page.evaluate("document.activeElement.textContent").startswith("チェックシートを表示")


def test_importing_an_older_copy_warns_and_can_be_undone(fresh, base):
    """A colleague's file must not silently replace newer work in this browser."""
    page = fresh
    new_project(page, base, "internal-2", "起案文書の下書き")
    page.goto(base + "projects.html")
    # The sheet, opened and closed, leaves the page scrolled: the message's place is under the header.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="チェックシートを表示 （起案文書の下書き）").click()
    page.keyboard.press("Escape")
    with page.expect_download() as info:
        page.get_by_role("button", name="JSONで書き出す （起案文書の下書き）").click()
    page.evaluate("() => { const p = AgProjects.list()[0]; p.notes = '新しいメモ'; AgProjects.save(p); }")
    page.reload()
    page.locator("[data-ag-import]").set_input_files(info.value.path())
    wait_until(page, "document.querySelector('[data-ag-preview-list]').textContent.length > 0")
    assert "このブラウザの記録" in page.locator("[data-ag-preview-list]").inner_text()
    # The warning stands out, on its own line: it was the end of one long line.
    assert "新しい記録です" in page.locator("[data-ag-preview-list] strong.ag-projects__replaces").inner_text()
    assert "担当者" in page.locator("[data-ag-preview-list]").inner_text()  # whose file, how recent
    page.get_by_role("button", name="読み込む", exact=True).click()
    assert stored(page)[0]["notes"] == ""
    page.get_by_role("button", name="元に戻す").click()
    [back] = stored(page)
    assert back["notes"] == "新しいメモ" and "取り消しました" in page.locator("[data-ag-message]").inner_text()


@pytest.mark.parametrize("content, message", [
    ("not json", "JSON の形式ではありません"),
    (json.dumps({"format": "aiguide-checklist"}), "書き出したファイルではありません"),
    (json.dumps({"format": "aiguide-projects", "format_version": 1, "exported": "", "projects": [{"id": "p-abcdefg", "name": {"toString": 1}}]}), "案件名"),
    (json.dumps({"format": "aiguide-projects", "format_version": 1, "exported": "", "projects": [
        {"id": "p-abcdefg", "name": "<img src=x onerror=alert(1)>", "cell": "citizen-1", "guideline_version": "1.0", "created": "x", "updated": "x",
         "points": {"citizen-1/planning/purpose": {"status": "<b>done</b>"}}}]}), "記録が正しくありません"),
    ("x" * (2 * 1024 * 1024 + 10), "大きすぎます"),
])
def test_malformed_oversized_and_html_laden_files_are_refused(fresh, base_url, tmp_path, content, message):
    page = fresh
    page.goto(base_url + "projects.html")
    target = tmp_path / "bad.json"
    target.write_text(content, encoding="utf-8")
    page.locator("[data-ag-import]").set_input_files(str(target))
    wait_until(page, "m => document.querySelector('[data-ag-message]').textContent.includes(m)", message)
    assert page.locator("[data-ag-preview]").is_hidden()
    assert stored(page) == []
    assert page.locator("[data-ag-projects] img, [data-ag-projects] b").count() == 0


def test_html_in_a_valid_file_is_shown_as_text(fresh, base_url, tmp_path):
    page = fresh
    page.goto(base_url + "projects.html")
    project = {"id": "p-abcdefgh", "name": "<img src=x onerror=alert(1)>案件", "cell": "citizen-1", "guideline_version": "1.0",
               "created": "2026-11-27T00:00:00Z", "updated": "2026-11-27T00:00:00Z", "notes": "<script>alert(1)</script>", "points": {}}
    target = tmp_path / "ok.json"
    target.write_text(json.dumps({"format": "aiguide-projects", "format_version": 1, "exported": "", "projects": [project]}), encoding="utf-8")
    page.locator("[data-ag-import]").set_input_files(str(target))
    page.get_by_role("button", name="読み込む", exact=True).click()
    assert "<img src=x onerror=alert(1)>案件" in page.locator("[data-ag-list]").inner_text()
    page.get_by_role("button", name="チェックシート").click()
    assert "<script>alert(1)</script>" in page.locator("[data-ag-sheet]").inner_text()
    assert page.locator("img[src=x], [data-ag-sheet] script").count() == 0


def test_a_full_storage_leaves_stored_projects_intact(fresh, base):
    page = fresh
    new_project(page, base, "internal-3", "企画の壁打ち")
    record(page, "pt-planning-purpose", "done")
    before = stored(page)
    # From now on every write fails as when the storage quota is exhausted.
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        const e = new Error('quota'); e.name = 'QuotaExceededError'; throw e; }; }""")
    record(page, "pt-planning-purpose", "todo")
    assert "保存領域がいっぱい" in page.locator("[data-ag-message]").inner_text()
    assert page.evaluate("() => AgProjects.list()") == before
    page.goto(base + "projects.html?new=internal-3")
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        const e = new Error('quota'); e.name = 'QuotaExceededError'; throw e; }; }""")
    page.fill("#ag-new-name", "もう1件")
    page.get_by_role("button", name="記録を始める").click()
    assert "保存領域がいっぱい" in page.locator("[data-ag-new-error]").inner_text()
    assert stored(page) == before


def test_a_revision_flags_changed_added_and_removed_points(fresh, base):
    page = fresh
    project_id = new_project(page, base, "citizen-2", "手続ナビ")
    record(page, "pt-planning-purpose", "done", memo="済")
    # Simulate a project recorded against an older version: another wording, a point that no
    # longer exists, and a point it did not know.
    page.evaluate("""id => {
        const p = AgProjects.load(id);
        p.guideline_version = '0.9';
        p.points['citizen-2/planning/purpose'].fingerprint = 'old';
        p.points['citizen-2/planning/gone'] = {status: 'done', reason: '', memo: '旧手順書に記載', date: '2026-01-01', fingerprint: 'x', version: '0.9', title: '旧版だけの項目'};
        p.known = p.known.filter(k => !k.startsWith('citizen-2/requirements/'));
        AgProjects.save(p); }""", project_id)
    page.goto(page.url.split("#")[0])  # the cell page again: the phase worked on stays open
    revision = page.locator("[data-ag-revision]")
    assert "第0.9版" in revision.inner_text()
    assert "内容が変わった項目（1件）" in revision.inner_text() and "削除された項目" in revision.inner_text() and "追加された項目" in revision.inner_text()
    assert "旧版だけの項目（対応済・旧手順書に記載）" in revision.inner_text()  # a removed point keeps its title and record
    # The list page says what changed, and the sheet keeps the removed point's record.
    page.goto(base + "projects.html")
    note = page.locator("[data-ag-revision]").inner_text()
    assert "内容が変わった項目 1件" in note and " 0件" not in note
    page.get_by_role("button", name="チェックシート").click()
    sheet = page.locator("[data-ag-sheet]").inner_text()
    assert "旧版だけの項目" in sheet and "旧手順書に記載" in sheet and "要再確認" in sheet
    page.goto(page.url.split("projects.html")[0] + f"cells/citizen-2.html?project={project_id}")
    revision = page.locator("[data-ag-revision]")
    # A changed point's title links to it, which opens its phase.
    revision.get_by_role("link").first.click()
    wait_until(page, "location.hash.startsWith('#pt-')")
    assert page.locator("#phase-planning .ag-phase__toggle").get_attribute("aria-expanded") == "true"
    point = page.locator("#pt-planning-purpose")
    assert "内容が変わりました" in point.locator("[data-ag-flag]").inner_text()
    assert point.locator("input[value=done]").is_checked()  # the record is kept
    progress = page.locator("[data-ag-checklist] [data-ag-progress]")
    assert "全体 0/" in progress.inner_text()  # but not counted until read again
    point.get_by_role("button", name="内容を確認した").click()
    assert page.locator("#pt-planning-purpose [data-ag-flag]").is_hidden()
    assert "全体 1/" in progress.inner_text()
    # Read out at each change (aria-live): short, the phases are on their own headings.
    assert "フェーズ別" not in progress.inner_text() and "完了と数える" not in progress.inner_text()
    assert "完了と数えるのは" in page.locator("[data-ag-project-facts]").inner_text()
    # The pressed button is gone: the focus goes on to the point's status, and what happened is said.
    assert page.evaluate("document.activeElement.closest('#pt-planning-purpose') && document.activeElement.value") == "done"
    assert "記録を、この版の内容で確かめたもの" in page.locator("[data-ag-checklist] [data-ag-message]").inner_text()
    assert "すべて確かめてあります" not in page.locator("[data-ag-revision]").inner_text()  # added points are left to read
    page.get_by_role("button", name="すべて読み直した（第1.0版の記録にする）").click()
    assert page.locator("[data-ag-revision]").is_hidden()
    assert page.evaluate("document.activeElement.matches('[data-ag-message]')")
    assert "第1.0版の記録にしました" in page.locator("[data-ag-checklist] [data-ag-message]").inner_text()


def test_the_old_per_cell_checklist_is_migrated_once(fresh, base):
    page = fresh
    page.goto(base + "index.html")
    page.evaluate("() => localStorage.setItem('aiguide:1.0:citizen-4', JSON.stringify(['purpose', 'risk']))")
    page.goto(base + "projects.html")
    assert "以前のチェックリスト1件" in page.locator("[data-ag-message]").inner_text()
    [project] = stored(page)
    assert project["cell"] == "citizen-4" and "チェックリスト" in project["name"]
    assert {k for k, v in project["points"].items() if v["status"] == "done"} == {"citizen-4/planning/purpose", "citizen-4/planning/risk"}
    page.reload()
    assert len(stored(page)) == 1  # once


def test_the_printout_carries_the_project_version_and_every_point(fresh, base, guideline):
    page = fresh
    new_project(page, base, "citizen-ops-1", "申請書の読取り", "福祉局")
    record(page, "pt-planning-purpose", "done", memo="効果の指標: 入力時間の半減")
    skipped = next(p for p in guideline.cell("citizen-ops-1").points if p.mandatory and p.anchor != "pt-planning-purpose")
    record(page, skipped.anchor, "na")  # no reason: still open, and the sheet says so
    # Each record control's name names its point: in a list of the page's fields, none look alike.
    point = page.locator(f"#{skipped.anchor}")
    for role, label in [("group", "この案件での状態"), ("textbox", "該当しない理由（必須）"), ("textbox", "メモ（実施した内容、証跡の保管場所など）")]:
        named = re.compile(rf"^{re.escape(label)}\s*（{re.escape(skipped.title)}）$")
        assert point.get_by_role(role, name=named).count() == 1, label
    page.goto(base + "projects.html")
    page.get_by_role("button", name="チェックシート").click()
    page.emulate_media(media="print")
    sheet = page.locator("[data-ag-sheet]")
    text = sheet.inner_text()
    assert "申請書の読取り" in text and "福祉局" in text and f"第{guideline.meta.version}版" in text
    for point in guideline.cell("citizen-ops-1").points:
        assert point.title in text
    assert "効果の指標: 入力時間の半減" in text
    assert "未対応（該当しない理由が未記入）" in text and "［該当しない］" not in text
    assert page.locator("[data-ag-list]").is_hidden()  # only the sheet is printed
    pdf = page.pdf(format="A4")
    # Read back: every page names the project (the tables' heads repeat it), dates are whole.
    from pypdf import PdfReader

    pages = [p.extract_text().replace(" ", "").replace("\n", "") for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 2
    assert all("案件チェックシート:申請書の読取り" in text for text in pages), pages
    today = page.evaluate("AgProjects.jaDate(AgProjects.today())")
    assert today.endswith("日") and pages[0].count(today) >= 2  # 印刷日 and the date of the point recorded


def test_a_cell_page_printed_in_a_project_says_which_project_and_shows_whole_memos(fresh, base):
    page = fresh
    new_project(page, base, "citizen-ops-1", "申請書の読取り", "福祉局")
    memo = "\n".join(f"{i}行目: 実施した内容と証跡の保管場所" for i in range(1, 9))
    record(page, "pt-planning-purpose", "done", memo=memo)
    page.locator(".ag-phase__toggle[aria-expanded=true]").first.click()  # every phase closed on screen
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    progress = page.locator("[data-ag-checklist] [data-ag-progress]")
    assert progress.is_visible() and "申請書の読取り" in progress.inner_text()
    assert "所属: 福祉局" in page.locator("[data-ag-project-facts]").inner_text()
    assert page.locator("[data-ag-project-select]").is_hidden()
    box = page.locator("#pt-planning-purpose [data-ag-memo]")
    assert box.is_visible()
    assert page.evaluate("(el) => el.scrollHeight <= el.clientHeight + 2", box.element_handle())  # all eight lines
    assert page.locator("#pt-planning-consult-dsb [data-ag-memo]").is_hidden()  # an empty memo: no empty box
    assert page.locator(".ag-phase[hidden]").count() == 0
    if base.startswith("http"):  # read back: every printed page names the project
        from pypdf import PdfReader

        pages = [p.extract_text().replace(" ", "") for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
        assert len(pages) >= 2 and all("案件「申請書の読取り」の記録" in text for text in pages)


def test_no_phase_heading_ends_a_printed_page_alone(fresh, base_url):
    """A cell page printed in a project: 「企画フェーズ」 and its count at the foot of page 1, its
    points on page 2, was what Chromium printed before the headings asked for room below them."""
    from pypdf import PdfReader

    page = fresh
    new_project(page, base_url, "citizen-ops-1", "申請書記載漏れチェックAI", "福祉局")
    page.locator("[data-ag-action=expand]").click()
    for point in page.locator("li.ag-point").all()[:5]:
        point.locator("input[value=done]").check()
    page.emulate_media(media="print")
    for pdf_page in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages:
        lines = [line.strip() for line in pdf_page.extract_text().splitlines() if line.strip()]
        lines = [line for line in lines if not re.fullmatch(r"\d+\s*/\s*\d+", line)]
        headings = [i for i, line in enumerate(lines) if re.fullmatch(r"\S+フェーズ", line)]
        assert not headings or len(lines) - headings[-1] > 3, lines[-4:]


def test_projects_page_has_no_serious_axe_violation(fresh, base_url):
    page = fresh
    new_project(page, base_url, "internal-4", "業務量予測")
    record(page, "pt-planning-purpose", "done")
    assert not serious_axe_violations(page)
    page.goto(base_url + "projects.html?new=internal-4")
    assert not serious_axe_violations(page)
    # After a revision: the cell page's revision box and flags, the list's note, the sheet.
    page.evaluate("""() => { const p = AgProjects.list()[0]; p.guideline_version = '0.9';
        p.points['internal-4/planning/purpose'].fingerprint = 'old'; AgProjects.save(p, true); }""")
    page.goto(base_url + "projects.html")
    page.get_by_role("button", name="チェックシート").click()
    assert not serious_axe_violations(page)
    page.get_by_role("button", name="閉じる").click()
    page.get_by_role("link", name="業務量予測").click()
    page.wait_for_selector("[data-ag-revision]:not([hidden])")
    assert not serious_axe_violations(page)


def test_project_mode_keeps_the_point_readable_on_a_phone(browser, base_url):
    """With a project chosen, the plain checkbox is hidden: the title must not shrink into its column,
    and the plain-checklist buttons are really gone."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    new_project(page, base_url, "citizen-ops-3", "審査の補助")
    title = page.locator("#pt-planning-purpose .ag-point__title").bounding_box()
    assert title["width"] > 150
    record_box = page.locator("#pt-planning-purpose .ag-record").bounding_box()
    assert record_box["x"] < title["x"] + 40  # the record sits under the point, not in a narrow column
    assert page.locator("[data-ag-action=reset]").is_hidden()
    assert page.get_by_text("JSONを読み込む").is_hidden()
    # A memo with a long URL wraps in its box: the page never scrolls sideways.
    page.locator("#pt-planning-purpose [data-ag-memo]").fill("根拠: https://www.example.metro.tokyo.lg.jp/" + "documents/" * 20)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_every_message_the_scripts_ask_for_is_in_the_page(site_dir):
    """The wording is a JSON catalogue in the page (_macros.j2 project_text): a key missing there would
    show the bare key to the user."""
    import re

    js = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "js"
    for page in ("projects.html", "cells/internal-1.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        catalogue = json.loads(re.search(r'<script type="application/json" id="ag-project-text">(.*?)</script>', html, re.S).group(1))
        used = set()
        for name in ("ag-projects.js", "projects-page.js", "project-points.js"):
            used |= set(re.findall(r'\bt\("([^"]+)"', (js / name).read_text(encoding="utf-8")))
        used |= {f"field:{f}" for f in ("id", "name", "cell", "department", "owner", "reviewer", "notes", "started",
                                         "guideline_version", "created", "updated", "tier", "answers", "known", "points")}
        used |= {f"status:{s}" for s in ("todo", "done", "na")} | {f"revision:{r}" for r in ("added", "changed", "removed")}
        assert used - {"field:", "status:", "revision:"} <= set(catalogue), sorted(used - set(catalogue))


def test_a_link_to_a_point_the_filter_hides_shows_every_point_again(fresh, base_url):
    page = fresh
    project_id = new_project(page, base_url, "internal-1", "議事録の要約")
    page.evaluate("""id => { const p = AgProjects.load(id); p.guideline_version = '0.9';
        p.points['internal-1/planning/purpose'] = {status: 'done', reason: '', memo: '', date: '2026-01-01', fingerprint: 'old', version: '0.9', title: 'x'};
        AgProjects.save(p); }""", project_id)
    page.goto(base_url + f"cells/internal-1.html?project={project_id}")
    filter_box = page.locator("[data-ag-point-filter]")
    filter_box.locator("summary").click()
    hidden_by = [box for box in filter_box.locator("input[name=who]").all()
                 if "事業所管課" not in box.locator("xpath=..").inner_text()][0]
    hidden_by.check()  # a role the point does not involve: the point is filtered out
    assert page.locator("#pt-planning-purpose").is_hidden()
    page.locator("[data-ag-revision]").get_by_role("link").first.click()
    wait_until(page, "!document.querySelector('#pt-planning-purpose').hidden")
    assert page.locator("#pt-planning-purpose").is_visible() and not hidden_by.is_checked()
    # Read again: nothing is left but the version, and the box says so.
    page.locator("#pt-planning-purpose").get_by_role("button", name="内容を確認した").click()
    assert "すべて確かめてあります" in page.locator("[data-ag-revision]").inner_text()
