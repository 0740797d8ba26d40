"""Issue 12: where each item comes from, the owners' review, the Strategy as the reference for tiers,
and the content's faithfulness to the guideline, read back from guideline.json."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from .conftest import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_review_lists_unconfirmed_items_by_line_and_writes_a_csv(tmp_path):
    target = tmp_path / "review.csv"
    result = run("review", "--csv", str(target))
    assert result.returncode == 0, result.stderr
    assert "未確認の項目:" in result.stdout and "■ content/cells/citizen-2.yml" in result.stdout
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8").lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert len(body) > 100
    file_column, line_column = header.index(next(h for h in header if "ファイル" in h)), header.index(next(h for h in header if "行" in h))
    # The line each row names is where that item's text is.
    checked = 0
    for row in body[:40]:
        text_column = next(i for i, h in enumerate(header) if "内容" in h or "本文" in h)
        lines = (ROOT / row[file_column]).read_text(encoding="utf-8").splitlines()
        line = int(row[line_column])
        window = "".join(lines[line - 1 : line + 4])
        assert row[text_column][:8] in window, (row, window)
        checked += 1
    assert checked == min(40, len(body))


def test_confirming_a_file_marks_its_items_and_keeps_its_comments(content_copy):
    cell = content_copy / "cells" / "citizen-2.yml"
    comments = [line for line in cell.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    result = run("review", "--content", str(content_copy), "--confirm", str(cell), "--by", "山田（デジタルサービス局）", "--on", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert "件を確認済みにしました（2026-12-01 山田（デジタルサービス局））" in result.stdout
    text = cell.read_text(encoding="utf-8")
    assert all(comment in text for comment in comments)
    assert 'confirmed: "2026-12-01 山田（デジタルサービス局）"' in text
    listed = run("review", "--content", str(content_copy))
    assert listed.returncode == 0 and "citizen-2.yml" not in listed.stdout
    assert run("check", "--content", str(content_copy)).returncode == 0
    # Each comment stays right above the key it describes, and a one-line item is written out the
    # way the README shows (text: and confirmed: on lines of their own).
    lines = text.splitlines()
    for comment in comments:
        after = lines[lines.index(comment) + 1]
        assert "confirmed:" not in after, (comment, after)
    assert "{text:" not in text and "\ndescription:\n  text: " in text


def test_confirm_takes_a_file_named_inside_the_content_folder(content_copy):
    # Run from the project (no cells/ there): 「cells/citizen-2.yml」 is found in --content.
    result = run("review", "--content", str(content_copy), "--confirm", "cells/citizen-2.yml", "--by", "山田", "--on", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert 'confirmed: "2026-12-01 山田"' in (content_copy / "cells" / "citizen-2.yml").read_text(encoding="utf-8")


def test_confirm_needs_who_and_a_real_date(content_copy):
    cell = str(content_copy / "cells" / "citizen-2.yml")
    missing = run("review", "--content", str(content_copy), "--confirm", cell)
    assert missing.returncode == 2 and "--by" in missing.stderr
    bad_date = run("review", "--content", str(content_copy), "--confirm", cell, "--by", "山田", "--on", "12/01")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_a_tier_that_differs_from_the_strategy_is_a_warning(content_copy):
    strategy = content_copy / "strategy.yml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("citizen-3: {tiers: [黄]", "citizen-3: {tiers: [青]"), encoding="utf-8")
    result = run("check", "--content", str(content_copy))
    assert result.returncode == 0  # a warning, not a mistake: the owners decide
    assert "citizen-3" in result.stderr + result.stdout and "strategy.yml" in result.stderr + result.stdout


def _categories(site_dir):
    data = json.loads((site_dir / "guideline.json").read_text(encoding="utf-8"))
    return data, [cell for domain in data["domains"] for cell in domain["categories"]]


def test_red_is_a_watch_stance_and_every_other_cell_sends_to_the_consultation(site_dir):
    data, cells = _categories(site_dir)
    red = next(t["name"] for t in data["tiers"] if t["name"] == "赤")
    for cell in cells:
        stance = json.dumps(cell.get("stance") or {}, ensure_ascii=False)
        if red in cell["tiers"]:
            assert cell["stance"], cell["id"]
            for forbidding in ("禁止", "行わず", "使ってはいけない", "利用できません"):
                assert forbidding not in stance, (cell["id"], forbidding)  # 赤 watches; it does not ban
        if cell["tiers"] != [red]:
            planning = [p for p in cell["points"] if p["phase"] == "企画"]
            assert any("デジタルサービス局" in " ".join([p["title"], *p["details"]]) and "共通ツール" in " ".join([p["title"], *p["details"]])
                       for p in planning), cell["id"]


def test_every_item_says_where_it_comes_from(site_dir):
    data, cells = _categories(site_dir)
    sources = {s["name"]: s for s in data["sources"]}
    for cell in cells:
        for point in cell["points"]:
            provenance = point["provenance"]
            assert provenance["source"] in sources
            if provenance["official"]:
                assert provenance["ref"], (cell["id"], point["id"])  # 原文 says where in the guideline
            assert provenance["review"]["state"] in ("未確認", "確認済")
            assert point["who"] and point["records"], (cell["id"], point["id"])
