"""The questionnaire tree: validation at build time, and the Python resolver."""

from __future__ import annotations

import json

import pytest

from generator.exports.questionnaire_json import compiled
from generator.exports.summary import cell_summaries

from .test_loader import edit, line_of, only, problems_of


def test_every_cell_is_reachable_and_paths_are_short(guideline):
    tree = guideline.questionnaire
    paths = tree.paths()
    assert {p.cell for p in paths} == {c.id for c in guideline.cells}
    assert 4 <= max(len(p.steps) for p in paths) <= 5
    # 職員内部業務 5 (黄/赤) is two results, each with the tier the answers determine.
    internal5 = [p for p in paths if p.cell == "internal-5"]
    assert sorted(p.final.tier for p in internal5) == ["赤", "黄"]


def test_every_kind_of_use_has_a_route(guideline):
    """The difficulties the questionnaire's wording had: each now has a clear answer."""
    tree = guideline.questionnaire
    # A forecast published to citizens that uses no personal data.
    assert tree.resolve(["citizen", "forecast"]).cell == "citizen-4"
    # Messages that reach citizens unchecked are caught on both paths.
    assert tree.resolve(["citizen", "decide", "unchecked"]).cell == "citizen-5"
    assert tree.resolve(["staff", "service", "direct"]).cell == "citizen-1"
    assert tree.resolve(["staff", "service", "autonomous"]).cell == "citizen-ops-5"
    # Document work has one home each.
    internal_role = tree.question("internal-role")
    for word, option in (("要約", "search"), ("翻訳", "search"), ("文字起こし", "search"), ("校正", "writing"),
                         ("コード", "advice"), ("アイデア", "advice")):
        assert word in internal_role.option(option).label, (word, option)
    # Inspection from images, forecasts without a plan, payments and 決裁 are named.
    assert "画像" in tree.question("ops-role").option("judgement").label
    assert "予測だけ" in tree.question("ops-role").option("plan").label
    assert "支払" in tree.question("internal-reversible").option("irreversible").label
    assert "決裁" in tree.question("internal-reversible").option("irreversible").label


def test_resolver_follows_answers(guideline):
    tree = guideline.questionnaire
    assert tree.resolve(["citizen", "recommend"]).cell == "citizen-3"
    assert tree.resolve(["staff", "internal", "checked", "writing"]).cell == "internal-2"
    for outcome in tree.paths():
        assert tree.resolve([s.option.id for s in outcome.steps]).cell == outcome.cell
    for bad in (["nobody"], ["citizen"], ["citizen", "answer", "extra"], []):
        with pytest.raises(ValueError):
            tree.resolve(bad)


def test_compiled_json_matches_tree(guideline):
    data = compiled(guideline, cell_summaries(guideline, {}))
    assert data["start"] == "user"
    assert data["max_questions"] == guideline.questionnaire.max_depth("user")  # the 「最大 n 問」 the page shows
    assert set(data["categories"]) == {c.id for c in guideline.cells}
    json.dumps(data, ensure_ascii=False)


def test_dangling_reference(content_copy):
    path = content_copy / "questionnaire.yml"
    edit(path, "next: citizen-decide", "next: citizen-guidance")
    found = only(problems_of(content_copy), "questionnaire.yml")
    [dangling] = found  # the question no longer reached from there is not a second problem
    assert dangling.path.endswith(".next") and dangling.line == line_of(path, "next: citizen-guidance") and "citizen-guidance" in dangling.found


def test_a_mistyped_question_id_suggests_the_one_meant(content_copy):
    edit(content_copy / "questionnaire.yml", "next: citizen-decide", "next: citizen-decid")
    [problem] = only(problems_of(content_copy), "questionnaire.yml")
    assert "「citizen-decide」の書き誤り" in problem.found


def test_unknown_cell(content_copy):
    path = content_copy / "questionnaire.yml"
    edit(path, "result: citizen-2", "result: citizen-9")
    found = only(problems_of(content_copy), "questionnaire.yml")
    assert any(p.path.endswith(".result") and p.line == line_of(path, "result: citizen-9") for p in found)


def test_cycle(content_copy):
    path = content_copy / "questionnaire.yml"
    edit(path, "        result: citizen-1\n", "        next: user\n")
    found = only(problems_of(content_copy), "questionnaire.yml")
    assert any("循環" in p.expected and "user" in p.found for p in found), [p.format() for p in found]
    assert all(p.line for p in found)


def test_unreachable_cell(content_copy):
    path = content_copy / "questionnaire.yml"
    edit(path, "result: internal-3", "result: internal-2")
    [problem] = only(problems_of(content_copy), "questionnaire.yml")
    assert "internal-3" in problem.found and problem.line == line_of(path, "start: user")


def test_unreachable_question(content_copy):
    path = content_copy / "questionnaire.yml"
    text = path.read_text(encoding="utf-8")
    # The internal-role question loses its only way in: that option now ends at a cell.
    text = text.replace("        short: 職員が確認してから使う\n        next: internal-role", "        short: 職員が確認してから使う\n        result: internal-1")
    path.write_text(text, encoding="utf-8")
    found = only(problems_of(content_copy), "questionnaire.yml")
    unreachable = next(p for p in found if "たどり着ける質問" in p.expected)
    assert "internal-role" in unreachable.found and unreachable.line == line_of(path, "- id: internal-role")


def test_both_next_and_result(content_copy):
    path = content_copy / "questionnaire.yml"
    edit(path, "        next: citizen-role\n", "        next: citizen-role\n        result: citizen-1\n")
    found = only(problems_of(content_copy), "questionnaire.yml")
    assert any("どちらか一方" in p.expected for p in found)


def test_too_long_a_path(content_copy):
    path = content_copy / "questionnaire.yml"
    text = path.read_text(encoding="utf-8")
    chain = ""
    for i in range(6):
        target = f"next: extra-{i + 1}" if i < 5 else "result: citizen-1"
        chain += (
            f"\n  - id: extra-{i}\n    text: 追加の質問 {i}\n    topic: 追加\n    help: 説明\n    options:\n"
            f"      - id: a\n        label: はい\n        short: はい\n        {target}\n      - id: b\n        label: いいえ\n        short: いいえ\n        result: citizen-1\n"
        )
    text = text.replace("        result: citizen-1\n", "        next: extra-0\n", 1) + chain
    path.write_text(text, encoding="utf-8")
    found = only(problems_of(content_copy), "questionnaire.yml")
    assert any("6 問以内" in p.expected for p in found), [p.format() for p in found]


def test_yes_no_ids_are_explained(content_copy):
    path = content_copy / "questionnaire.yml"
    edit(path, "      - id: citizen\n", "      - id: yes\n")
    [problem] = only(problems_of(content_copy), "questionnaire.yml")
    assert "囲んで" in problem.expected and problem.line == line_of(path, "- id: yes")


def test_a_two_tier_cell_needs_the_tier(content_copy):
    path = content_copy / "questionnaire.yml"
    edit(path, "        tier: 黄\n", "")
    found = only(problems_of(content_copy), "questionnaire.yml")
    assert any("tier" in p.expected and "黄・赤" in p.expected for p in found), [p.format() for p in found]
