"""The loader: the shipped content loads, and every kind of mistake is reported in Japanese with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.loader import load_guideline
from generator.content.problems import ContentError


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems_of(content: Path) -> list:
    with pytest.raises(ContentError) as caught:
        load_guideline(content)
    return caught.value.problems


def only(problems, file_suffix: str):
    matching = [p for p in problems if p.file.endswith(file_suffix)]
    assert matching, [p.format() for p in problems]
    return matching


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_shipped_content_loads(guideline):
    assert guideline.meta.title == "東京都 AI導入・活用ガイドライン"
    assert len(guideline.cells) == 15
    assert [p.name for p in guideline.cell_phases] == ["企画", "要件定義", "設計開発", "運用", "廃止"]
    assert "調達" in [p.name for p in guideline.phases]
    assert [d.name for d in guideline.domains] == ["都民サービス", "都民サービス関連業務", "職員内部業務"]


def test_yaml_syntax_error_names_file_and_line(content_copy):
    cell = content_copy / "cells" / "citizen-1.yml"
    edit(cell, "name: 情報提供・検索", "name: 情報提供・検索\n  broken: [")
    [problem] = only(problems_of(content_copy), "citizen-1.yml")
    assert problem.line is not None and problem.line >= 5
    assert "YAML" in problem.format()


def test_tab_indent_is_explained(content_copy):
    cell = content_copy / "cells" / "citizen-1.yml"
    edit(cell, "features:\n  - ", "features:\n\t- ")
    [problem] = only(problems_of(content_copy), "citizen-1.yml")
    assert "タブ" in problem.format()


def test_missing_key(content_copy):
    cell = content_copy / "cells" / "citizen-2.yml"
    edit(cell, "description: ", "# description: ")
    [problem] = only(problems_of(content_copy), "citizen-2.yml")
    assert problem.path == "description"
    assert "見つかりませんでした" in problem.format()


def test_unknown_key_is_a_typo(content_copy):
    cell = content_copy / "cells" / "citizen-2.yml"
    edit(cell, "features:", "featrues:")
    [typo] = only(problems_of(content_copy), "citizen-2.yml")  # one mistake, one message
    assert typo.path == "featrues" and typo.line == line_of(cell, "featrues:")
    assert "未知のキー" in typo.format() and "「features」の書き誤り" in typo.format()


def test_full_width_characters_typed_with_the_input_method_on_are_named(content_copy):
    colon, space, key = (content_copy / "cells" / f"citizen-{n}.yml" for n in (1, 2, 3))
    edit(colon, "\nname: ", "\nname： ")
    edit(space, "features:\n  - ", "features:\n\u3000 - ")
    edit(key, "\nname: ", "\n\u3000name: ")
    problems = problems_of(content_copy)
    [on_colon] = only(problems, "citizen-1.yml")
    assert on_colon.line == line_of(colon, "name：") and "「：」が全角" in on_colon.format()
    [on_space] = only(problems, "citizen-2.yml")
    assert on_space.line == line_of(space, "\u3000 - ") and "全角スペース" in on_space.format()
    [on_key] = only(problems, "citizen-3.yml")
    assert "全角スペース" in on_key.format()


def test_wrong_type(content_copy):
    cell = content_copy / "cells" / "internal-1.yml"
    edit(cell, "number: 1", "number: いち")
    [problem] = only(problems_of(content_copy), "internal-1.yml")
    assert problem.path == "number" and problem.line == line_of(cell, "number: いち")
    assert "整数" in problem.expected


def test_unknown_tier_consideration_phase_and_level(content_copy):
    cell = content_copy / "cells" / "citizen-3.yml"
    edit(cell, "tiers: [黄]", "tiers: [緑]")
    edit(cell, "considerations: [公平性, 透明性", "considerations: [公正性, 透明性")
    edit(cell, "  運用:", "  保守:")
    edit(cell, "      level: 推奨", "      level: 推薦")
    found = only(problems_of(content_copy), "citizen-3.yml")
    messages = "\n".join(p.format() for p in found)
    assert "「緑」" in messages and "「公正性」" in messages and "「保守」" in messages and "「推薦」" in messages
    assert all(p.line for p in found)
    tier = next(p for p in found if p.path == "tiers[1]")
    assert tier.line == line_of(cell, "tiers: [緑]")


def test_duplicate_point_id(content_copy):
    cell = content_copy / "cells" / "citizen-4.yml"
    edit(cell, "    - id: data-availability", "    - id: purpose")
    [problem] = only(problems_of(content_copy), "citizen-4.yml")
    assert problem.path.endswith(".id") and "重複" in problem.expected
    assert problem.line == line_of(cell, "    - id: purpose") + 6 or problem.line > line_of(cell, "    - id: purpose")


def test_duplicate_yaml_key(content_copy):
    cell = content_copy / "cells" / "internal-3.yml"
    edit(cell, "number: 3", "number: 3\nnumber: 4")
    [problem] = only(problems_of(content_copy), "internal-3.yml")
    assert "2 回" in problem.found and problem.line == line_of(cell, "number: 4")


def test_cell_missing_from_matrix(content_copy):
    (content_copy / "cells" / "citizen-ops-2.yml").unlink()
    [problem] = only(problems_of(content_copy), "domains.yml")
    assert "分類 2" in problem.found and problem.line == line_of(content_copy / "domains.yml", "id: citizen-ops")


def test_same_cell_twice(content_copy):
    target = content_copy / "cells" / "copy.yml"
    target.write_text((content_copy / "cells" / "internal-2.yml").read_text(encoding="utf-8"), encoding="utf-8")
    [problem] = problems_of(content_copy)
    # Named like no cell: called a copy, with the cell it duplicates.
    assert "cells フォルダの外に移し" in problem.found
    assert "copy.yml" in problem.format() and "internal-2.yml と同じ分類です" in problem.format()


def test_consideration_needs_a_required_point(content_copy):
    cell = content_copy / "cells" / "citizen-2.yml"
    # The only 必須 point tagged 透明性 in 要件定義 becomes 推奨; one in 設計開発 remains → still fine.
    text = cell.read_text(encoding="utf-8")
    text = re.sub(r"tags: \[透明性\]", "tags: []", text)
    text = text.replace("tags: [透明性, アカウンタビリティ]", "tags: [アカウンタビリティ]")
    cell.write_text(text, encoding="utf-8")
    [problem] = only(problems_of(content_copy), "citizen-2.yml")
    assert problem.path == "considerations[2]" and "透明性" in problem.expected


def test_every_phase_needs_points(content_copy):
    cell = content_copy / "cells" / "internal-2.yml"
    text = cell.read_text(encoding="utf-8")
    start = text.index("  廃止:")
    cell.write_text(text[:start], encoding="utf-8")
    [problem] = only(problems_of(content_copy), "internal-2.yml")
    assert problem.path == "points.廃止"


def test_red_cell_needs_stance(content_copy):
    cell = content_copy / "cells" / "citizen-5.yml"
    text = cell.read_text(encoding="utf-8")
    start, end = text.index("stance:"), text.index("points: {}")
    cell.write_text(text[:start] + text[end:], encoding="utf-8")
    [problem] = only(problems_of(content_copy), "citizen-5.yml")
    assert problem.path == "stance"


def test_all_problems_are_reported_at_once(content_copy):
    edit(content_copy / "cells" / "citizen-1.yml", "tiers: [青]", "tiers: [紫]")
    edit(content_copy / "cells" / "internal-1.yml", "number: 1", "number: 9")
    edit(content_copy / "guideline.yml", "issued: 2026-11-27", "issued: 来年")
    problems = problems_of(content_copy)
    files = {Path(p.file).name for p in problems}
    assert {"citizen-1.yml", "internal-1.yml", "guideline.yml"} <= files


def test_unquoted_version_number_is_explained(content_copy):
    edit(content_copy / "guideline.yml", 'version: "1.0"', "version: 1.0")
    [problem] = problems_of(content_copy)
    assert problem.path == "version" and "囲んで" in problem.expected


def test_non_utf8_file(content_copy):
    (content_copy / "cells" / "citizen-1.yml").write_bytes("name: 情報".encode("shift_jis"))
    [problem] = only(problems_of(content_copy), "citizen-1.yml")
    assert "UTF-8" in problem.expected


def test_a_new_version_needs_its_revision_entry_first(content_copy):
    """The site must not print 第1.1版 over a history whose newest entry is another version."""
    meta = content_copy / "guideline.yml"
    edit(meta, 'version: "1.0"\nissued: 2026-11-27', 'version: "1.1"\nissued: 2027-04-01')
    problems = problems_of(content_copy)
    assert [(p.path, p.line) for p in problems] == [
        ("revisions[1].version", line_of(meta, '  - version: "1.0"')),
        ("revisions[1].date", line_of(meta, "    date: 2026-11-27")),
    ]
    assert "「1.1」" in problems[0].expected and "2027-04-01" in problems[1].expected


def test_a_new_entry_written_at_the_bottom_is_asked_to_move_up(content_copy):
    """One message, about moving the new entry: not a request to rewrite the published one above it."""
    meta = content_copy / "guideline.yml"
    edit(meta, 'version: "1.0"\nissued: 2026-11-27', 'version: "1.1"\nissued: 2027-04-01')
    meta.write_text(meta.read_text(encoding="utf-8") + '  - version: "1.1"\n    date: 2027-04-01\n    changes:\n      - 見直し\n', encoding="utf-8")
    [problem] = problems_of(content_copy)
    assert problem.path == "revisions[2]" and problem.line == line_of(meta, '  - version: "1.1"')
    assert "先頭" in problem.found and "移してください" in problem.found


def test_revisions_are_listed_newest_first_and_once(content_copy):
    meta = content_copy / "guideline.yml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text + '  - version: "1.0"\n    date: 2026-04-01\n    changes:\n      - 試行版\n'
                    '  - version: "1.2"\n    date: 2025-04-01\n    changes:\n      - 順番の誤り\n', encoding="utf-8")
    problems = problems_of(content_copy)
    assert {p.path for p in problems} == {"revisions[2].version", "revisions[3].version"}
    assert "重複" in next(p for p in problems if p.path == "revisions[2].version").found


def test_a_changed_number_is_reported_in_the_file_that_was_edited(content_copy):
    edit(content_copy / "cells" / "citizen-3.yml", "number: 3", "number: 4")
    [problem] = problems_of(content_copy)  # not also in citizen-4.yml, nor a missing cell 3 in domains.yml
    assert Path(problem.file).name == "citizen-3.yml" and problem.path == "number" and "citizen-4.yml の分類です" in problem.expected


def test_a_cell_file_named_otherwise_is_reported(content_copy):
    (content_copy / "cells" / "citizen-3.yml").rename(content_copy / "cells" / "citizen-03.yml")
    (content_copy / "cells" / "citizen-4.yml").rename(content_copy / "cells" / "citizen-4.yml.txt")  # as an editor may save it
    problems = problems_of(content_copy)
    assert "citizen-3.yml に変えます" in only(problems, "citizen-03.yml")[0].expected
    assert "ほかの拡張子のファイルは読みません" in only(problems, "citizen-4.yml.txt")[0].expected
    assert len(problems) == 2  # the cell the look-alike holds is not also reported missing where it is used


def test_a_copy_left_beside_a_cell_is_called_a_copy(content_copy):
    import shutil

    shutil.copy(content_copy / "cells" / "citizen-1.yml", content_copy / "cells" / "citizen-1 (2).yml")
    [problem] = problems_of(content_copy)  # not a wrong number, nor a duplicate of citizen-1
    assert Path(problem.file).name == "citizen-1 (2).yml" and "cells フォルダの外に移し" in problem.found


def test_a_mistyped_domain_is_one_problem(content_copy):
    edit(content_copy / "cells" / "citizen-3.yml", "domain: 都民サービス\n", "domain: 都民サービスー\n")
    [problem] = problems_of(content_copy)
    assert problem.path == "domain" and "都民サービスー" in problem.found


def test_a_value_starting_with_a_hash_is_explained(content_copy):
    cell = content_copy / "cells" / "citizen-1.yml"
    edit(cell, "      title: 案内したい情報と目的の明確化", "      title: #1 案内したい情報")
    [problem] = only(problems_of(content_copy), "citizen-1.yml")
    assert problem.line == line_of(cell, "title: #1") and "コメントとして読まれます" in problem.found


def test_text_lost_after_a_hash_and_curly_quotes_are_named(content_copy):
    """Two ways a title is published wrong without a word: 「 #1」 starts a comment (the rest is
    dropped) and curly quotes pasted from Word stay in the title. A comment written as one stays fine."""
    cell = content_copy / "cells" / "citizen-1.yml"
    edit(cell, "      title: 案内したい情報と目的の明確化", "      title: 案内したい情報と目的の明確化 #1")
    edit(cell, "      title: 対応言語とやさしい日本語の範囲の決定", "      title: “対応言語の決定”")
    edit(cell, "      level: 推奨\n", "      level: 推奨  # 原文どおり\n")
    cut, curly = only(problems_of(content_copy), "citizen-1.yml")
    assert cut.line == line_of(cell, "明確化 #1") and "「#1」が、コメントとして読まれて値に入っていません" in cut.found
    assert curly.line == line_of(cell, "“対応言語の決定”") and "半角の" in curly.expected


@pytest.mark.parametrize("written, hint", [
    ("      title: [重要] 案内したい情報と目的の明確化", "「[」や「{」で始まる値は一覧と読まれます"),
    ("      title:\u3000案内したい情報と目的の明確化", "「:」の次が全角スペースです"),
    ("      title 案内したい情報と目的の明確化", "「:」が見つかりません"),
])
def test_common_slips_are_named_at_their_own_line(content_copy, written, hint):
    cell = content_copy / "cells" / "citizen-1.yml"
    edit(cell, "      title: 案内したい情報と目的の明確化", written)
    [problem] = only(problems_of(content_copy), "citizen-1.yml")
    assert problem.line == line_of(cell, written.strip()) and hint in problem.found, (problem.line, problem.found)


def test_a_search_word_written_in_two_groups_names_both_places(content_copy):
    search = content_copy / "search.yml"
    edit(search, "related:\n", "related:\n  - words: [ChatGPT活用, chatgpt]\n    means: [生成AI]\n")
    [problem] = only(problems_of(content_copy), "search.yml")
    # Either may be the new one: the message names the other's line too, and asks to keep one.
    assert problem.line == line_of(search, "  - words: [ChatGPT, チャットGPT")
    assert f"（{line_of(search, '  - words: [ChatGPT活用')} 行目）" in problem.found and "どちらか一方" in problem.found


def test_a_revision_dated_after_the_one_above_it_and_a_version_with_words_are_named(content_copy):
    meta = content_copy / "guideline.yml"
    edit(meta, 'version: "1.0"\nissued: 2026-11-27', 'version: "1.1"\nissued: 2026-01-01')
    edit(meta, "revisions:\n", 'revisions:\n  - version: "1.1"\n    date: 2026-01-01\n    changes:\n      - 改訂\n')
    [problem] = problems_of(content_copy)
    assert problem.path == "revisions[2].date" and "より前の日付" in problem.expected and "2026-11-27" in problem.found
    edit(meta, 'version: "1.1"\nissued', 'version: "第1.1版"\nissued')
    assert "「第」「版」は付けません" in [p for p in problems_of(content_copy) if p.path == "version"][0].expected


def test_a_day_that_does_not_exist_is_said_so(content_copy):
    edit(content_copy / "guideline.yml", "issued: 2026-11-27", "issued: 2026-02-30")
    problem = [p for p in problems_of(content_copy) if p.path == "issued"][0]
    assert problem.expected == "実在する日付" and "2026-02-30 はありません" in problem.found


def test_a_cell_moved_to_another_domain_is_reported_at_its_domain(content_copy):
    edit(content_copy / "cells" / "citizen-3.yml", "domain: 都民サービス\n", "domain: 職員内部業務\n")
    [problem] = problems_of(content_copy)
    assert Path(problem.file).name == "citizen-3.yml" and problem.path == "domain" and "internal-3.yml の分類です" in problem.expected


def test_a_misspelt_phase_is_one_problem_with_the_phase_it_stands_for(content_copy):
    edit(content_copy / "cells" / "citizen-2.yml", "\n  要件定義:", "\n  要件定議:")
    [problem] = problems_of(content_copy)  # not also 「要件定義 has no points」 nor a 留意事項 left uncovered
    assert problem.path == "points.要件定議" and "「要件定義」の書き誤り" in problem.found


def test_the_same_example_twice_is_reported(content_copy):
    examples = content_copy / "examples.yml"
    examples.write_text(examples.read_text(encoding="utf-8") + '  - text: "都税の問い合わせに答えるチャットボットを作りたい"\n    answers: [citizen, answer]\n', encoding="utf-8")
    [problem] = problems_of(content_copy)
    assert problem.path.endswith(".text") and "重複" in problem.found


def test_a_body_link_that_leads_nowhere_on_the_intranet_is_refused(content_copy):
    chapter = sorted((content_copy / "chapters").glob("*.yml"))[0]
    text = chapter.read_text(encoding="utf-8")
    end = text.index("\n", text.index("body: |\n") + len("body: |\n"))
    links = " [a](www.metro.tokyo.lg.jp) [b](/cells/citizen-3.md) [c](../cells/citizen-3) [d](../cells/citizen-3.md#pt-x) [e](https://example.jp)"
    chapter.write_text(text[:end] + links + text[end:], encoding="utf-8")
    found = " ".join(p.found for p in problems_of(content_copy))
    assert all(f"「{bad}」" in found for bad in ("www.metro.tokyo.lg.jp", "/cells/citizen-3.md", "../cells/citizen-3"))
    assert "citizen-3.md#pt-x" not in found and "example.jp" not in found


def test_a_name_renamed_in_the_legend_is_counted_not_listed_everywhere(content_copy):
    edit(content_copy / "legend.yml", "    name: 事業所管課\n", "    name: 事業所管部署\n")
    with pytest.raises(ContentError) as caught:
        load_guideline(content_copy)
    report = caught.value.report()
    assert len(caught.value.problems) > 100 and len(report.splitlines()) < 12  # every place found, a few shown
    assert "か所" in report and "同じ誤り（文字列「事業所管課」）" in report and "使っている所もすべて書き換えて" in report
