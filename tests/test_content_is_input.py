"""Content is input (docs/threat-model.md): bad or hostile content never writes outside the site,
never runs in a reader's browser, never reaches outside hosts, and builds stay bounded and isolated."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.content.loader import load_guideline
from generator.content.problems import ContentError

from .conftest import ROOT, wait_until


def run(*args, env=None, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})},
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_guideline(content)
    return [p.format() for p in caught.value.problems]


# --- ids -------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad_id", ["../../../tmp/outside", "a b", "<b>x</b>", "x tabindex=0 onfocus=alert(1) autofocus", "Citizen", "x" * 41])
def test_path_like_or_html_ids_are_refused_with_their_line(content_copy, bad_id):
    edit(content_copy / "domains.yml", "  - id: citizen\n", f"  - id: {bad_id!r}\n".replace("'", '"'))
    edit(content_copy / "chapters" / "01-purpose.yml", "id: purpose", f'id: "{bad_id}"')
    found = problems(content_copy)
    assert any(p.startswith("content/domains.yml:") or "domains.yml:" in p for p in found if "「domains[1].id」" in p), found
    assert any("01-purpose.yml:" in p and "「id」" in p and "半角の英小文字" in p for p in found), found


def test_every_id_kind_is_checked(content_copy):
    edit(content_copy / "cells" / "citizen-3.yml", "    - id: purpose\n", '    - id: "../purpose"\n')
    edit(content_copy / "questionnaire.yml", "  - id: user\n", '  - id: "User"\n')
    found = problems(content_copy)
    for file in ("citizen-3.yml", "questionnaire.yml"):
        assert any(file in p and "半角の英小文字" in p for p in found), (file, found)
    # legend.yml is read first: its mistakes are reported alone (cells use its names).
    edit(content_copy / "legend.yml", "  - id: blue\n", '  - id: "blue tier"\n')
    assert any("legend.yml" in p and "半角の英小文字" in p for p in problems(content_copy))


# --- output folders ----------------------------------------------------------------------------

def test_a_foreign_site_dir_keeps_its_files(tmp_path):
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "大切な資料.txt").write_text("消えては困る", encoding="utf-8")
    result = run("build", "--no-pdf", "--quiet", "--site-dir", str(documents))
    assert result.returncode == 2, result.stderr
    assert "このツールが作ったものではない" in result.stderr and "Traceback" not in result.stderr
    assert (documents / "大切な資料.txt").read_text(encoding="utf-8") == "消えては困る"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]  # no staging folder left behind


def test_the_content_folder_is_never_taken_for_a_site(tmp_path, content_copy):
    before = sorted(p.relative_to(content_copy) for p in content_copy.rglob("*"))
    result = run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(content_copy))
    assert result.returncode == 2
    assert sorted(p.relative_to(content_copy) for p in content_copy.rglob("*")) == before


def test_a_site_made_read_only_inside_is_still_replaced_without_leftovers(tmp_path, content_copy):
    site = tmp_path / "site"
    assert run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(site)).returncode == 0
    for folder in [site, *[p for p in site.rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    try:
        result = run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(site))
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site.aiguide-lock"]
    finally:
        for folder in [p for p in tmp_path.rglob("*") if p.is_dir()]:
            folder.chmod(0o755)


# --- text stays text ----------------------------------------------------------------------------

PAYLOAD = "window.__pwned=1"


@pytest.fixture(scope="module")
def laced_site(tmp_path_factory):
    """The shipped content with script, links and outside images in plain-text fields."""
    root = tmp_path_factory.mktemp("laced")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    chapter = content / "chapters" / "01-purpose.yml"
    chapter.write_text(re.sub(r"(?m)^title: .*$", f'title: "目的<img src=x onerror={PAYLOAD}>"', chapter.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    edit(content / "cells" / "citizen-1.yml", "name: 情報提供・検索", f'name: "検索<script>{PAYLOAD}</script>"')
    edit(content / "cells" / "citizen-1.yml", "features:\n  - ", f'features:\n  - "[押す](javascript:{PAYLOAD}) ![](http://example.invalid/x.png) # 注意 {{: onclick=\\"{PAYLOAD}\\" }}"\n  - ')
    edit(content / "cells" / "citizen-1.yml", "      title: 案内したい情報と目的の明確化", '      title: "=HYPERLINK(\\"http://example.invalid\\",\\"x\\")"')
    edit(content / "questionnaire.yml", "    text: 導入するAIを直接使うのは誰ですか？", f'    text: "<script>{PAYLOAD}</script>誰が使いますか？"')
    edit(content / "guideline.yml", "      - 初版を公開しました。", "      - 様式A|様式Bを統合しました。")
    edit(content / "cells" / "citizen-1.yml", "scenes:\n  - title: ", f'scenes:\n  - title: "</dd><script>{PAYLOAD}</script>"\n    text: x\n  - title: ')
    site = root / "served" / "site"
    result = run("build", "--no-pdf", "--quiet", "--content", str(content), "--site-dir", str(site),
                 env={"AIGUIDE_CACHE_DIR": str(root / "cache")})
    assert result.returncode == 0, result.stderr
    return site


def test_script_in_plain_text_never_runs_and_shows_as_written(browser, laced_site):
    context = browser.new_context()
    page = context.new_page()
    dialogs, outside = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith("file:") else (outside.append(route.request.url), route.abort())))
    base = laced_site.as_uri() + "/"
    for path in ["index.html", "cells/citizen-1.html", "chapters/01-purpose.html", "questionnaire/index.html",
                 "questionnaire/q-user.html", "revisions.html", "search.html?q=%E6%A4%9C%E7%B4%A2", "about.html"]:
        page.goto(base + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        for link in page.locator("a[href]").all():
            link.focus()
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
        assert page.locator("[onclick], [onerror], [onfocus]").count() == 0, path
    assert dialogs == [] and outside == []

    page.goto(base + "cells/citizen-1.html")
    assert f"検索<script>{PAYLOAD}</script>" in page.locator("h1").inner_text()
    assert "# 注意" in page.locator("#features + ul").inner_text()
    page.goto(base + "revisions.html")
    assert "様式A|様式Bを統合しました。" in page.locator("table").inner_text()
    page.goto(base + "questionnaire/index.html")
    assert f"<script>{PAYLOAD}</script>誰が使いますか？" in page.locator(".ag-q__question, .ag-q__view h2").first.inner_text()
    context.close()


def test_formulas_from_content_are_neutralised_in_the_csv(browser, laced_site):
    import csv
    import io

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(laced_site.as_uri() + "/cells/citizen-1.html")
    with page.expect_download() as info:
        page.get_by_role("button", name="CSVで書き出す").click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    titles = [row[3] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://example.invalid\",\"x\")" in titles
    assert not any(t.startswith(("=", "+", "-", "@")) for t in titles)
    context.close()


@pytest.mark.parametrize("body, found", [
    ("<script>alert(1)</script>", "HTML のタグ"),
    ("本文<img src=x onerror=alert(1)>", "HTML のタグ"),
    ("[押す](javascript:alert(1))", "リンク先"),
    ("[押す](data:text/html;base64,PHNjcmlwdD4=)", "リンク先"),
    ("![](http://example.invalid/x.png)", "ほかのサーバーの画像"),
    ("## 見出し {: onclick=alert(1) }", "属性リスト"),
    ("段落\n\n<link rel=attachment href=file:///etc/passwd>", "HTML のタグ"),
])
def test_markdown_bodies_refuse_script_and_outside_requests(content_copy, body, found):
    path = content_copy / "chapters" / "02-policy.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    body: |\n") + len("    body: |\n")
    path.write_text(text[:start] + "".join(f"      {line}\n" for line in body.splitlines()) + text[start:], encoding="utf-8")
    located = [p for p in problems(content_copy) if "02-policy.yml:" in p and "sections[1].body" in p]
    assert located and found in located[0], located
    assert re.match(r".*02-policy\.yml:\d+", located[0])


def test_a_broken_page_link_in_a_body_stops_the_build(tmp_path, content_copy):
    edit(content_copy / "chapters" / "02-policy.yml", "(../index.md)", "(../indx.md)")
    result = run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1, result.stderr
    assert "02-policy.yml" in result.stderr and "../indx.md" in result.stderr and "Traceback" not in result.stderr


def test_a_link_to_a_place_the_page_lacks_stops_the_build_and_keeps_the_last_site(tmp_path, content_copy):
    site = tmp_path / "site"
    edit(content_copy / "chapters" / "02-policy.yml", "(../index.md)", "(../index.md#matrix)")
    assert run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(site)).returncode == 0
    edit(content_copy / "chapters" / "02-policy.yml", "(../index.md#matrix)", "(../index.md#matrx)")
    result = run("build", "--no-pdf", "--quiet", "--content", str(content_copy), "--site-dir", str(site))
    assert result.returncode == 1, result.stderr
    assert "02-policy.yml:27" in result.stderr and "「#matrx」の場所がありませんでした" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert 'href="../index.html#matrix"' in (site / "chapters" / "02-policy.html").read_text(encoding="utf-8")  # the last site


def test_weasyprint_fetches_nothing_outside_the_site(tmp_path):
    import http.server
    import threading

    from generator.printing import render

    requests = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.txt"
    secret.write_text("職員番号の一覧", encoding="utf-8")
    html = (f'<html lang="ja"><body><p>本文</p><img src="http://127.0.0.1:{server.server_address[1]}/x.png">'
            f'<link rel="attachment" href="{secret.as_uri()}"><link rel="stylesheet" href="http://127.0.0.1:{server.server_address[1]}/a.css"></body></html>')
    target = tmp_path / "out.pdf"
    render.render_part(html, "", str(target), tagged=False)
    server.shutdown()
    assert requests == []
    assert b"/EmbeddedFile" not in target.read_bytes() and "職員番号".encode() not in target.read_bytes()


# --- bounds -------------------------------------------------------------------------------------

def _bomb(n=2000):
    return "a: &a " + '"' + "x" * 1000 + '"\n' + "b: [" + ", ".join(["*a"] * n) + "]\n"


@pytest.mark.parametrize("name, text, expected", [
    ("legend.yml", _bomb(), "アンカー（&名前）を使わない"),
    ("legend.yml", "tiers: [" + ", ".join(["*a"] * 3) + "]\n", "参照"),
    ("legend.yml", "tiers: " + "[" * 25000 + "]" * 25000 + "\n", "入れ子"),
    ("legend.yml", "tiers:\n  " + "- " * 25000 + "x\n", "入れ子"),
    ("guideline.yml", "title: " + "あ" * 100_000 + "\n", "文字以内"),
    ("domains.yml", "domains: !!python/object/apply:os.system [echo hi]\n", "タグ"),
    ("legend.yml", "x: 1\n" * 200_000, "KB 以下"),
])
def test_hostile_files_are_refused_quickly_with_a_location(content_copy, name, text, expected):
    (content_copy / name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = run("check", "--content", str(content_copy), timeout=60)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert expected in result.stderr and f"{name}" in result.stderr, result.stderr[-500:]
    print(f"{name}: refused in {elapsed:.2f} s")  # the benchmark of record: tests only guard against hangs


def test_a_long_cell_name_is_refused_before_any_pdf_work(content_copy):
    edit(content_copy / "cells" / "citizen-2.yml", "name: 行動支援", "name: " + "長" * 3000)
    found = problems(content_copy)
    assert any("citizen-2.yml:" in p and "「name」" in p and "40 文字以内" in p for p in found), found


@pytest.mark.parametrize("escape, code", [("\\a", "0x0007"), ("\\u202e", "0x202e")])
def test_invisible_characters_written_as_escapes_are_refused(content_copy, escape, code):
    """A control character or a mark reversing the text, written as a YAML escape, is invisible in the
    file and on the page: it is named with its position, not published."""
    edit(content_copy / "cells" / "citizen-2.yml", "name: 行動支援", f'name: "行動{escape}支援"')
    found = problems(content_copy)
    assert any("citizen-2.yml:" in p and "「name」" in p and "3 文字目" in p and code in p for p in found), found


def test_a_missing_legend_is_one_message(content_copy):
    (content_copy / "legend.yml").unlink()
    with pytest.raises(ContentError) as caught:
        load_guideline(content_copy)
    assert len(caught.value.problems) == 1 and caught.value.problems[0].file.endswith("legend.yml")
    assert "先に" in caught.value.report() and "legend.yml" in caught.value.report()


def test_one_broken_cell_adds_no_errors_in_other_files(content_copy):
    edit(content_copy / "cells" / "citizen-2.yml", "number: 2", "number: 二")
    found = problems(content_copy)
    assert all("citizen-2.yml" in p for p in found), found


@pytest.mark.parametrize("text, expected, line", [
    ('title: "閉じていない\nversion: "1.0"\nissued: 2026-11-27\n', "引用符", 1),
    ('title: x\npublisher: y\nversion: "1.0"\nsummary: "閉じていない\ncontact: z\nissued: 2026-11-27\n', "引用符", 4),
    ("title: a: b\n", "「: 」", 1),
    ("title: x\n---\ntitle: y\n", "途中に「---」", None),
    ("title: x\x07y\n", "制御文字", 1),
])
def test_yaml_mistakes_in_japanese_at_their_line(content_copy, text, expected, line):
    (content_copy / "guideline.yml").write_text(text, encoding="utf-8")
    found = [p for p in problems(content_copy) if "guideline.yml" in p]
    assert found and expected in found[0], found
    assert re.search(r"[a-zA-Z]{5,}", found[0].split(":", 2)[-1].replace("YAML", "")) is None, found  # no English
    if line is not None:
        assert f"guideline.yml:{line}:" in found[0], found


def test_a_folder_named_like_a_cell_file_is_a_content_error(content_copy):
    (content_copy / "cells" / "sub.yml").mkdir()
    result = run("check", "--content", str(content_copy))
    assert result.returncode == 1 and "sub.yml" in result.stderr and "フォルダ" in result.stderr


def test_a_missing_chapters_folder_is_a_content_error(content_copy):
    shutil.rmtree(content_copy / "chapters")
    assert any("chapters" in p and "1 つもありませんでした" in p for p in problems(content_copy))


# --- isolation ----------------------------------------------------------------------------------

def _variant(tmp_path: Path, name: str, marker: str) -> Path:
    content = tmp_path / name
    shutil.copytree(ROOT / "content", content)
    edit(content / "cells" / "internal-1.yml", "description: ", f"description: {marker}")
    return content


def test_builds_of_different_content_side_by_side_give_two_correct_sites(tmp_path):
    a, b = _variant(tmp_path, "content-a", "ＡＡＡ"), _variant(tmp_path, "content-b", "ＢＢＢ")
    env = {**os.environ, "AIGUIDE_CACHE_DIR": str(tmp_path / "shared-cache")}
    for round_ in range(3):
        processes = [
            subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--no-pdf", "--quiet", "--content", str(content),
                              "--site-dir", str(tmp_path / f"site-{content.name}")], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for content in (a, b)
        ]
        for process in processes:
            _, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
        page_a = (tmp_path / "site-content-a" / "cells" / "internal-1.html").read_text(encoding="utf-8")
        page_b = (tmp_path / "site-content-b" / "cells" / "internal-1.html").read_text(encoding="utf-8")
        assert "ＡＡＡ" in page_a and "ＢＢＢ" not in page_a, round_
        assert "ＢＢＢ" in page_b and "ＡＡＡ" not in page_b, round_


def test_two_pdf_builds_into_one_site_take_turns(tmp_path, build_cache, site_root):
    cache = tmp_path / "cache"
    shutil.copytree(build_cache / "pdf", cache / "pdf")  # warm: only finishing work is left
    env = {**os.environ, "AIGUIDE_CACHE_DIR": str(cache)}
    site = tmp_path / "site"
    processes = [
        subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--quiet", "--site-dir", str(site)],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert len(list((site / "pdf").glob("*.pdf"))) == 16
    assert not list(site.rglob("*.part"))


def _processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def test_a_killed_build_leaves_no_worker_and_nothing_the_next_build_keeps(tmp_path):
    site = tmp_path / "site-to-kill"
    env = {**os.environ, "AIGUIDE_CACHE_DIR": str(tmp_path / "cold-cache")}  # cold: PDF workers are busy for seconds
    build = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--quiet", "--site-dir", str(site)],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, running = time.monotonic() + 60, []
    while len(running) < 3 and time.monotonic() < deadline:  # the build and its workers
        time.sleep(0.02)
        running = _processes_mentioning(str(site))
    assert len(running) >= 3
    assert list(tmp_path.glob(".site-to-kill.aiguide-build-*"))
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(site)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(str(site)) == []

    again = run("build", "--no-pdf", "--quiet", "--site-dir", str(site), env={"AIGUIDE_CACHE_DIR": str(tmp_path / "cold-cache")})
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site-to-kill")) == [".site-to-kill.aiguide-lock"]
