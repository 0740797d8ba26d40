"""The aiguide command as a staff member runs it: exit codes, Japanese messages, the last good site kept."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_check_summary():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "分類 15" in result.stdout and "対応のポイント" in result.stdout


def test_help_is_japanese():
    result = run("--help")
    assert result.returncode == 0 and "終了コード" in result.stdout


def test_usage_error_exit_code():
    assert run("publish").returncode == 2


def test_usage_errors_are_japanese():
    mistyped, missing = run("chek"), run("suggest")
    assert mistyped.returncode == missing.returncode == 2
    assert "エラー: コマンド: 'chek' はありません（使えるのは 'check'" in mistyped.stderr
    assert "次の値を指定してください: 業務内容" in missing.stderr
    for result in (mistyped, missing, run("check", "--help")):
        assert "usage" not in result.stdout + result.stderr and "error" not in result.stdout + result.stderr


def test_bad_content_keeps_last_good_site(tmp_path, content_copy):
    site = tmp_path / "site"
    good = run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(site))
    assert good.returncode == 0, good.stderr
    exported = json.loads((site / "guideline.json").read_text(encoding="utf-8"))
    assert len([c for d in exported["domains"] for c in d["categories"]]) == 15
    before = (site / "index.html").read_bytes()

    cell = content_copy / "cells" / "citizen-3.yml"
    cell.write_text(cell.read_text(encoding="utf-8").replace("tiers: [黄]", "tiers: [金]"), encoding="utf-8")
    (content_copy / "legend.yml").write_text("tiers: [\n", encoding="utf-8")
    bad = run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(site))
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert "legend.yml:" in bad.stderr and "コンテンツに" in bad.stderr
    assert (site / "index.html").read_bytes() == before
    assert f"前回作ったサイト（{site}）は、そのまま残っています。" in bad.stderr  # and the editor is told so


def test_mkdocs_build_reports_content_errors_without_traceback(tmp_path, content_copy):
    cell = content_copy / "cells" / "internal-2.yml"
    cell.write_text(cell.read_text(encoding="utf-8").replace("number: 2", "number: 7"), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: site_src", f"docs_dir: {ROOT / 'site_src'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("content_dir: content", f"content_dir: {content_copy}")
    text = text.replace("  - overrides\n", f"  - {ROOT / 'overrides'}\n").replace("  - content\n", f"  - {content_copy}\n")
    config.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "internal-2.yml" in result.stderr and "1〜5 の整数" in result.stderr


def test_a_link_to_a_missing_page_is_found_by_check_and_build_alike(tmp_path, content_copy):
    chapter = sorted((content_copy / "chapters").glob("*.yml"))[0]
    text = chapter.read_text(encoding="utf-8")
    body = text.index("body: |\n") + len("body: |\n")
    end = text.index("\n", body)
    chapter.write_text(text[:end] + "[分類](../cells/citizen-9.md)、[検索](../search.md)" + text[end:], encoding="utf-8")
    line = text[:end].count("\n") + 1
    checked = run("check", "--content", str(content_copy))
    built = run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(tmp_path / "site"))
    for result in (checked, built):
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{chapter.name}:{line}: 「sections[1].body」" in result.stderr and "citizen-9.md" in result.stderr
        assert "search.md" not in result.stderr and "上記を修正してから" in result.stderr  # a hand-written page exists


def test_a_build_warns_of_changed_points_under_the_same_version(tmp_path, content_copy):
    cell = content_copy / "cells" / "citizen-1.yml"
    text = cell.read_text(encoding="utf-8")
    cell.write_text(text.replace("      records: [企画書]\n", "      records: [企画書]\n      confirmed: 2026-12-01 山田（デジタルサービス局）\n", 1), encoding="utf-8")
    build = ("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(tmp_path / "site"))
    assert run(*build).returncode == 0
    cell.write_text(cell.read_text(encoding="utf-8").replace("案内したい情報と目的の明確化", "案内したい情報と目的の整理"), encoding="utf-8")
    changed = run(*build)
    assert changed.returncode == 0  # a warning: the editor may be mid-way through a revision
    assert "第1.0版のまま、前回のビルドから対応のポイントが変わっています: 変更 1 件（citizen-1/planning/purpose「案内したい情報と目的の整理」）" in changed.stderr
    assert "確認済みの項目の内容が変わりました: citizen-1/planning/purpose「案内したい情報と目的の整理」" in changed.stderr
    assert "前回のビルドから" not in run(*build).stderr  # said once, by the build that made the change
    # Not only points: a confirmed description too.
    text = cell.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("description: "))
    described = line.removeprefix("description: ")
    cell.write_text(text.replace(line, f"description:\n  text: {described}\n  confirmed: 2026-12-01 山田（デジタルサービス局）"), encoding="utf-8")
    assert run(*build).returncode == 0
    cell.write_text(cell.read_text(encoding="utf-8").replace(f"  text: {described}", f"  text: {described}（改）"), encoding="utf-8")
    again = run(*build)
    assert "確認済みの項目の内容が変わりました: citizen-1 description" in again.stderr


def test_a_new_version_that_removes_a_point_says_which(tmp_path, content_copy):
    """A changed id removes a point as surely as a deleted one: staff records on it are then shown
    apart. The build says so, also when the version was raised in the same change."""
    build = ("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(tmp_path / "site"))
    assert run(*build).returncode == 0
    cell = content_copy / "cells" / "citizen-1.yml"
    cell.write_text(cell.read_text(encoding="utf-8").replace("    - id: purpose\n", "    - id: goal\n", 1), encoding="utf-8")
    meta = content_copy / "guideline.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('version: "1.0"\nissued: 2026-11-27', 'version: "1.1"\nissued: 2027-04-01').replace(
        "revisions:\n", 'revisions:\n  - version: "1.1"\n    date: 2027-04-01\n    changes:\n      - 対応のポイントを見直しました。\n', 1), encoding="utf-8")
    raised = run(*build)
    assert raised.returncode == 0, raised.stderr
    assert "第1.0版にあった対応のポイントが、第1.1版で 1 件なくなります（citizen-1/planning/purpose「" in raised.stderr
    assert "id は元のままにして" in raised.stderr
    assert "改定履歴" not in raised.stderr  # the history was added to, not rewritten
    # Rewriting the published entry instead of adding one on top is said.
    meta.write_text(meta.read_text(encoding="utf-8").replace('  - version: "1.0"\n    date: 2026-11-27', '  - version: "1.0"\n    date: 2026-11-28'), encoding="utf-8")
    assert "前回のサイトの改定履歴にあった 第1.0版（2026-11-27） が、なくなるか版・日付が変わっています" in run(*build).stderr


def test_unwritable_site_dir_is_a_clean_error():
    result = run("build", "--no-pdf", "--quiet", "--site-dir", "/proc/aiguide-cannot-write/site")
    assert result.returncode == 4
    assert "Traceback" not in result.stderr and "エラー" in result.stderr


def test_readme_commands_are_what_ci_runs():
    """The README's first two commands are exactly what CI runs on a fresh machine."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert len(commands) == 2 and all(command in ci for command in commands)
    assert "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" in ci
