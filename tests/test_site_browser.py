"""The site in a real headless Chromium: matrix, cell pages, checklist, keyboard, axe-core."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import serious_axe_violations, wait_until


def test_matrix_links_reach_all_fifteen_pages(page, base_url, guideline):
    page.goto(base_url + "index.html")
    links = page.locator(".ag-matrix__link")
    assert links.count() == 15
    hrefs = [links.nth(i).get_attribute("href") for i in range(15)]
    names = [c.full_name for c in guideline.cells]
    for href, name in zip(hrefs, names):
        page.goto(base_url + href)
        assert page.locator("h1").inner_text().strip() == name


def test_matrix_shows_tier_as_text_and_marks_with_names(page, base_url):
    page.goto(base_url + "index.html")
    cell = page.locator(".ag-matrix__cell", has_text="パーソナライズド支援")
    assert "黄" in cell.locator(".ag-tier").inner_text()
    hidden = cell.locator(".ag-marks .ag-visually-hidden").all_inner_texts()
    assert "".join(hidden).replace("、", " ").split() == ["公平性", "透明性", "安全性", "アカウンタビリティ"]
    split = page.locator(".ag-matrix__cell", has_text="自律的判断・実行").last
    assert split.locator(".ag-tier").inner_text().replace("\n", "") == "黄/赤"
    # The legend explains every sign the matrix uses: the split tier and 「すべて」 too.
    legend = page.locator(".ag-legend").inner_text()
    assert "使い方によって黄と赤に分かれる分類" in legend and "すべての留意すべき事項が対象" in legend


def test_matrix_stacks_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(base_url + "index.html")
    boxes = [page.locator(".ag-matrix__domain").nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # one domain under the other
    assert all(b["width"] <= 375 for b in boxes)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375
    # A box looks like one button: a tap on its badge, away from the name, opens the cell too.
    cell = page.locator(".ag-matrix__cell").first
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] / 2)
    page.wait_for_url("**/cells/citizen-1.html")
    context.close()


def _open(page, phase_id):
    page.locator(f"#phase-{phase_id} .ag-phase__toggle").click()


def _tick(page, point_id):
    _open(page, "planning")
    page.locator(f"#point-{point_id}").check()


def test_checkbox_survives_reload_and_is_in_csv(page, base_url, tmp_path):
    page.goto(base_url + "cells/citizen-3.html")
    progress = page.locator("[data-ag-progress]")
    assert "企画 0/4" in progress.inner_text()
    _tick(page, "purpose")
    assert "企画 1/4" in progress.inner_text() and "必須 1/" in progress.inner_text()
    page.reload()
    assert page.locator("#point-purpose").is_checked()
    assert "企画 1/4" in page.locator("[data-ag-progress]").inner_text()

    with page.expect_download() as info:
        page.get_by_role("button", name="CSVで書き出す").click()
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["分類", "フェーズ", "必須・推奨", "対応のポイント"]
    purpose = next(r for r in rows if r[3] == "適切な目的の設定")
    assert purpose[-1] == "済" and purpose[1] == "企画" and purpose[2] == "必須"
    assert next(r for r in rows if r[3] == "リスクの評価")[-1] == "未"
    assert "公平性・セキュリティ" in next(r for r in rows if r[3] == "リスクの評価")


def test_json_export_import_and_reset(page, base_url, tmp_path):
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(base_url + "cells/internal-2.html")
    _tick(page, "purpose")
    with page.expect_download() as info:
        page.get_by_role("button", name="JSONで書き出す").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["category"] == "internal-2"
    assert [p["id"] for p in exported["points"] if p["checked"]] == ["purpose"]

    page.get_by_role("button", name="チェックをリセット").click()
    assert not page.locator("#point-purpose").is_checked()

    exported["points"][1]["checked"] = True
    upload = tmp_path / "import.json"
    upload.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    page.locator("[data-ag-action=import-json]").set_input_files(str(upload))
    wait_until(page, "document.querySelector('[data-ag-message]').textContent.includes('読み込みました')")
    assert page.locator("#point-purpose").is_checked()
    assert page.locator(f"#point-{exported['points'][1]['id']}").is_checked()

    other = tmp_path / "other.json"
    other.write_text(json.dumps({**exported, "category": "citizen-1"}), encoding="utf-8")
    page.locator("[data-ag-action=import-json]").set_input_files(str(other))
    wait_until(page, "document.querySelector('[data-ag-message]').textContent.includes('別の分類')")


def test_checklist_by_keyboard_only(page, base_url):
    page.goto(base_url + "cells/citizen-1.html")
    toggle = page.locator("#phase-requirements .ag-phase__toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#details-requirements").is_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("point-")
    page.keyboard.press("Space")
    assert page.locator(f"#{focused}").is_checked()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_open_phases_survive_a_reload(page, base_url):
    """Someone working through one phase reloads (or comes back in the same tab): it is still open."""
    page.goto(base_url + "cells/citizen-1.html")
    page.locator("#phase-development .ag-phase__toggle").click()
    page.reload()
    assert page.locator("#phase-development .ag-phase__toggle").get_attribute("aria-expanded") == "true"
    assert page.locator(".ag-phase:not([hidden])").count() == 1
    expand = page.locator("[data-ag-action=expand]")
    assert expand.inner_text() == "すべて開く"
    expand.click()
    assert page.locator(".ag-phase[hidden]").count() == 0 and expand.inner_text() == "すべて閉じる"
    page.reload()
    assert page.locator(".ag-phase[hidden]").count() == 0 and expand.inner_text() == "すべて閉じる"
    expand.click()
    page.reload()
    assert page.locator(".ag-phase:not([hidden])").count() == 0


def test_print_opens_every_phase(page, base_url):
    page.goto(base_url + "cells/citizen-4.html")
    assert page.locator(".ag-phase:not([hidden])").count() == 0  # closed on screen
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".ag-phase[hidden]").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".ag-phase:not([hidden])").count() == 0


def test_the_filter_says_what_it_left_of_each_phase(page, base_url, guideline):
    """Filtered down to one role, a phase with nothing left said 「4件」 above a blank."""
    page.goto(base_url + "cells/internal-1.html")
    box = page.locator("[data-ag-point-filter]")
    box.locator("summary").click()
    box.get_by_label("デジタルサービス局").check()
    page.get_by_role("button", name="すべて開く").click()
    cell = guideline.cell("internal-1")
    for phase in guideline.cell_phases:
        wanted = [p for p in cell.points_in(phase.name) if "デジタルサービス局" in p.who]
        note = page.locator(f".ag-phase[data-phase='{phase.name}'] [data-ag-phase-filtered]").inner_text()
        assert note == (f"・絞り込みで{len(wanted)}件を表示" if wanted else "・絞り込みで表示するポイントはありません"), phase.name
    box.get_by_role("button", name="絞り込みを解除").click()
    assert page.locator("[data-ag-phase-filtered]").all_inner_texts() == [""] * len(guideline.cell_phases)


def test_a_cell_page_shows_the_common_procurement_phase_in_its_place(page, base_url, guideline):
    """As its PDF does: 調達 between 要件定義 and 設計開発, common to every domain, without boxes."""
    page.goto(base_url + "cells/internal-1.html")
    ids = page.evaluate("Array.from(document.querySelectorAll('article h3[id^=phase-]'), h => h.id)")
    assert ids[1:4] == ["phase-requirements", "phase-procurement", "phase-development"]
    assert page.locator("#phase-procurement").inner_text().startswith("調達フェーズ（業務領域共通）")
    common = page.locator(".ag-phase-common")
    procurement = next(p for p in guideline.phases if not p.in_cells)
    assert all(task in common.inner_text() for task in procurement.tasks)
    assert common.locator("input").count() == 0
    common.get_by_role("link").click()
    page.wait_for_url("**/chapters/**#procurement")
    assert page.locator("#procurement").is_visible()


def test_red_cell_explains_stance_and_alternatives(page, base_url):
    page.goto(base_url + "cells/citizen-5.html")
    stance = page.locator(".ag-stance")
    assert "デジタルサービス局" in stance.inner_text()
    # Its scenes are what the cell covers, not uses to start on: the heading says so.
    assert page.get_by_role("heading", name="この分類に当たる使い方の例").is_visible()
    assert page.get_by_role("heading", name="利活用シーン").count() == 0
    stance.get_by_role("link", name="都民サービス関連業務 - 判断支援").click()
    assert page.locator("h1").inner_text().strip() == "都民サービス関連業務 - 判断支援"


def test_the_skip_link_puts_the_focus_on_the_page_heading(page, base_url):
    page.goto(base_url + "cells/citizen-1.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "H1"  # read out, and Tab goes on from there


def test_the_skip_link_leaves_the_questionnaires_history_alone(page, base_url):
    """The answers live in the URL's #: a jump there took a 「戻る」 of its own."""
    page.goto(base_url + "questionnaire/index.html#a=staff")
    page.wait_for_selector(".ag-q__question")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "H1" and page.url.endswith("#a=staff")
    page.get_by_label("はい。申請・相談・問合せ・点検・配分などの個別の対応", exact=False).check()
    page.get_by_role("button", name="次へ").click()
    page.wait_for_function("location.hash.startsWith('#a=staff.service')")
    page.go_back()
    page.wait_for_function("location.hash === '#a=staff'")
    expect_text = page.locator(".ag-q__question").inner_text()
    assert "直接使われますか" in expect_text  # one 「戻る」: the question before


def test_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "cells/citizen-3.html")
    assert page.locator(".ag-checklist__toolbar").is_hidden()
    assert page.locator(".ag-phase[hidden]").count() == 0  # every phase open
    page.locator("#point-purpose").check()
    assert page.locator("#point-purpose").is_checked()
    context.close()


@pytest.mark.parametrize("path", ["index.html", "cells/citizen-3.html", "cells/internal-5.html", "chapters/03-considerations.html", "search.html?q=議事録", "about.html"])
def test_axe_finds_no_serious_violation(page, base_url, path):
    page.goto(base_url + path)
    serious = serious_axe_violations(page)
    assert not serious, serious
