"""PDFs read back: text, fonts, pages, metadata, outline; the cache; a missing font."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from generator import cli
from generator.printing import pdf
from generator.printing.html import print_name
from generator.content.loader import load_guideline


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdftotext(path, first=None, last=None) -> str:
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def fonts(path) -> list[list[str]]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [line.split() for line in lines]


def test_every_cell_pdf_has_its_name_and_every_point(site_dir, guideline):
    for cell in guideline.cells:
        path = site_dir / "pdf" / f"{cell.id}.pdf"
        text = squash(pdftotext(path))
        assert squash(print_name(cell)) in text
        for point in cell.points:
            assert squash(f"[{point.level}]{point.title}") in text, (cell.id, point.title)
        if cell.stance:
            assert "デジタルサービス局" in text
        reader = PdfReader(path)
        assert 1 <= len(reader.pages) <= 6, (cell.id, len(reader.pages))
        assert path.stat().st_size <= 150_000


def test_running_header_and_page_numbers(site_dir):
    path = site_dir / "pdf" / "citizen-3.pdf"
    pages = len(PdfReader(path).pages)
    for number in range(1, pages + 1):
        lines = [squash(line) for line in pdftotext(path, number).splitlines() if line.strip()]
        assert "都民サービス／3パーソナライズド支援" in lines[0]
        assert "東京都AI導入・活用ガイドライン第1.0版" in lines[-1] and lines[-1].endswith(f"{number}/{pages}")


def test_fonts_are_embedded_japanese_subsets(site_dir):
    for path in sorted((site_dir / "pdf").glob("*.pdf")):
        rows = fonts(path)
        assert rows, path
        for row in rows:
            name, emb, sub = row[0], row[-5], row[-4]
            assert emb == "yes" and sub == "yes", (path.name, row)
            assert "BIZ-UDPGothic" in name, (path.name, name)
        # A true bold: its own font program, used (headings, point titles, labels).
        assert any(row[0].endswith("BIZ-UDPGothic-Bold") for row in rows), path.name


def test_whole_guideline_embeds_the_font_program_once(site_dir):
    """Its parts were rendered separately; joining shares one subset per font file (Regular, Bold)."""
    reader = PdfReader(site_dir / "pdf" / "guideline.pdf")
    programs = set()
    for page in reader.pages:
        fonts = dict(page["/Resources"].get("/Font", {}))
        for xobject in page["/Resources"].get("/XObject", {}).values():  # the page-number stamps
            fonts.update(xobject.get_object()["/Resources"].get("/Font", {}))
        for font in fonts.values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            programs.add(descriptor.raw_get("/FontFile2").idnum)
    assert len(programs) == 2
    assert (site_dir / "pdf" / "guideline.pdf").stat().st_size <= 800_000


def test_metadata_language_and_tags(site_dir):
    reader = PdfReader(site_dir / "pdf" / "citizen-3.pdf")
    meta = reader.metadata
    assert meta.title.startswith("都民サービス／3 パーソナライズド支援")
    assert meta.author == "東京都デジタルサービス局"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ja"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    # A 赤 cell's PDF has no points: its title says what it holds.
    assert PdfReader(site_dir / "pdf" / "citizen-5.pdf").metadata.title.startswith("都民サービス／5 自律的判断・実行の利活用についての考え方")


def test_whole_guideline_cover_toc_outline(site_dir, guideline):
    path = site_dir / "pdf" / "guideline.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) >= 30
    assert reader.metadata.title == "東京都 AI導入・活用ガイドライン"
    cover = pdftotext(path, 1)
    assert "東京都 AI導入・活用ガイドライン" in cover and "第1.0版" in cover

    # Bookmarks: chapters, then the cells' chapter > 業務領域 > "n name" > its phases.
    starts, paths = {}, []

    def walk(items, parents):
        last = None
        for item in items:
            if isinstance(item, list):
                walk(item, [*parents, last.title])
                continue
            last = item
            page = reader.get_destination_page_number(item) + 1
            paths.append(([*parents, item.title], page))

    walk(reader.outline, [])
    titles = {tuple(path): page for path, page in paths}
    for chapter in guideline.chapters:
        assert (f"{chapter.label} {chapter.title}",) in titles
    cells_chapter = guideline.meta.cells_chapter.heading
    for cell in guideline.cells:
        key = (cells_chapter, cell.domain.name, f"{cell.number} {cell.name}")
        starts[cell.full_name] = titles[key]
        assert squash(print_name(cell)) in squash(pdftotext(path, titles[key]))
        phases = [(p, page) for p, page in paths if tuple(p[:3]) == key and len(p) == 4]
        if cell.points:  # every phase the cell prints, 調達 (common to all) included, in order
            assert [p[3].split("（")[0] for p, _ in phases] == [f"{ph.name}フェーズ" for ph in guideline.phases
                                                               if not ph.in_cells or cell.points_in(ph.name)]
            for p, page in phases:
                assert squash(p[3].split("（")[0]) in squash(pdftotext(path, page)), (cell.id, p)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"

    # The contents page lists every cell, in order, with the page where its bookmark points; its
    # header names the 改定履歴 that follows on the same page too.
    contents = pdftotext(path, 2)
    assert contents.lstrip().startswith("目次・改定履歴") and "改定履歴" in contents.split("\n", 1)[1]
    toc = [line for line in contents.splitlines() if re.match(r"\s+\d \S", line)]
    assert len(toc) == 15
    for line, cell in zip(toc, guideline.cells):
        number = int(re.search(r"(\d+)\s*$", line).group(1))
        assert cell.name in line and number == starts[cell.full_name], (line, cell.full_name)


def test_cache_skips_unchanged_and_rerenders_edited(tmp_path, content_copy, monkeypatch, rendered_parts):
    guideline = load_guideline(content_copy)
    cache, site = rendered_parts, tmp_path / "site"
    first = pdf.render_all(guideline, cache, progress=False)
    assert sorted(first.rendered) == sorted(["guideline", *[c.id for c in guideline.cells]])
    second = pdf.render_all(guideline, cache, progress=False)
    assert second.rendered == [] and len(second.cached) == 16

    # Count WeasyPrint renders: after a one-cell edit only that cell is laid out again
    # (the whole guideline is re-joined from the cached parts).
    rendered_html = []
    real_render = pdf.PdfRun.render
    monkeypatch.setattr(
        pdf.PdfRun, "render",
        lambda run, parts: (
            rendered_html.extend(p.html for p in parts if not run.cached(p.digest).exists()), real_render(run, parts)
        ),
    )
    cell = content_copy / "cells" / "internal-3.yml"
    cell.write_text(cell.read_text(encoding="utf-8").replace("法令・制度の調査補助", "法令・制度の調べもの"), encoding="utf-8")
    edited = load_guideline(content_copy)
    third = pdf.render_all(edited, cache, progress=False)
    assert sorted(third.rendered) == ["guideline", "internal-3"]
    assert len(rendered_html) == 1 and "法令・制度の調べもの" in rendered_html[0]
    pdf.publish(third, site)
    assert "法令・制度の調べもの" in squash(pdftotext(site / "pdf" / "internal-3.pdf"))
    assert "法令・制度の調べもの" in squash(pdftotext(site / "pdf" / "guideline.pdf"))


def test_whole_guideline_has_every_point_and_numbered_pages(site_dir, guideline):
    path = site_dir / "pdf" / "guideline.pdf"
    text = squash(pdftotext(path))
    for cell in guideline.cells:
        for point in cell.points:
            assert squash(f"[{point.level}]{point.title}") in text, (cell.id, point.title)
    total = len(PdfReader(path).pages)
    assert "/" not in squash(pdftotext(path, 1))  # the cover carries no page number
    for number in range(2, total + 1):
        last = [line for line in pdftotext(path, number).splitlines() if line.strip()][-1]
        assert squash(last).endswith(f"{number}/{total}"), (number, last)


def assert_contents_links_match_printed_pages(path):
    reader = PdfReader(path)
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    body = [line for line in pdftotext(path, 2).splitlines() if line.strip()][:-1]
    printed = [int(m.group(1)) for line in body if (m := re.search(r"\S\s+(\d+)$", line))]  # footer left out
    # WeasyPrint may write several link rectangles for one entry: group them by line.
    lines: dict[int, set[int]] = {}
    for link in links:
        assert link["/A"]["/S"] == "/GoTo" and "aiguide" not in link.get("/Contents", "")
        target = reader.get_page_number(link["/A"]["/D"][0].get_object()) + 1
        lines.setdefault(round(float(link["/Rect"][1])), set()).add(target)
    targets = [lines[top] for top in sorted(lines, reverse=True)]
    assert len(targets) == len(printed) >= 20
    assert all(len(t) == 1 for t in targets)
    assert [t.pop() for t in targets] == printed
    return printed


def test_whole_guideline_contents_links_go_to_their_pages(site_dir):
    assert_contents_links_match_printed_pages(site_dir / "pdf" / "guideline.pdf")


def test_contents_rendered_again_when_its_length_was_guessed_wrong(tmp_path, guideline, site_dir, rendered_parts):
    run = pdf.PdfRun(guideline, rendered_parts, progress=False)
    run.contents_pages_guess = 4  # the contents really take 1 page after the cover
    report = run.run()
    pdf.publish(report, tmp_path / "site")
    path = tmp_path / "site" / "pdf" / "guideline.pdf"
    printed = assert_contents_links_match_printed_pages(path)
    assert printed == assert_contents_links_match_printed_pages(site_dir / "pdf" / "guideline.pdf")
    assert len(PdfReader(path).pages) == len(PdfReader(site_dir / "pdf" / "guideline.pdf").pages)


def test_serve_publishes_the_last_pdfs_at_once(tmp_path, guideline, rendered_parts):
    cache = rendered_parts
    assert not (cache / pdf.MANIFEST).exists()
    pdf.publish_previous(tmp_path / "empty-site", cache)  # nothing yet: nothing copied, no error
    assert not (tmp_path / "empty-site").exists()
    report = pdf.render_all(guideline, cache, progress=False)
    pdf.publish_previous(tmp_path / "site", cache)
    published = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.pdf"))
    assert published == sorted(report.outputs)
    assert (tmp_path / "site" / "pdf" / "guideline.pdf").read_bytes() == report.outputs["pdf/guideline.pdf"].read_bytes()


def test_whole_guideline_keeps_one_structure_tree_over_all_parts(site_dir, guideline):
    """Joining keeps the tags: every page's content hangs off one Document element."""
    path = site_dir / "pdf" / "guideline.pdf"
    reader = PdfReader(path)
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    kids = root["/K"]
    documents = [k.get_object() for k in (kids if isinstance(kids, list) else [kids])]
    assert [d["/S"] for d in documents] == ["/Document"]
    keys = [page["/StructParents"] for page in reader.pages]
    assert len(set(keys)) == len(keys)
    nums = root["/ParentTree"]["/Nums"]
    tree_keys = set(nums[0::2])
    assert set(keys) <= tree_keys
    # Screen readers get the cells' text through the tags; page numbers are artifacts.
    tree = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True).stdout
    tagged_text = squash("".join(re.findall(r'"(.*)"', tree)))
    for cell in guideline.cells:
        last_words = cell.points[-1].title if cell.points else cell.stance.summary.text
        assert squash(last_words) in tagged_text, cell.id
    assert f"/{len(reader.pages)}" not in tagged_text


def test_missing_font_stops_with_the_package_to_install(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(pdf, "FONT_FAMILY", "NoSuchFontForAiguide")
    with pytest.raises(pdf.EnvironmentProblem) as caught:
        pdf.require_font()
    assert "apt-get install fonts-morisawa-bizud-gothic" in str(caught.value)
    code = cli.main(["build", "--quiet", "--site-dir", str(tmp_path / "site")])
    assert code == cli.EXIT_ENVIRONMENT
    assert "fonts-morisawa-bizud-gothic" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_face_without_its_bold_stops_the_build_too(monkeypatch):
    """Bold drawn from regular glyphs is what issue 16 removed: the Bold file is required."""
    from generator.printing import render

    regular_only = {"Regular": render.font_files()["Regular"]}
    monkeypatch.setattr(render, "font_files", lambda family=None: regular_only)
    with pytest.raises(pdf.EnvironmentProblem) as caught:
        pdf.require_font()
    assert "の太字が見つかりません" in str(caught.value) and "fonts-morisawa-bizud-gothic" in str(caught.value)


def test_pdf_failure_ends_the_build_with_a_message(tmp_path):
    """A render that fails in a worker process stops the build with a Japanese message."""
    from concurrent.futures import Future

    from mkdocs.exceptions import PluginError

    from generator.plugin import AiguidePlugin

    plugin = AiguidePlugin()
    failed: Future = Future()
    failed.set_exception(RuntimeError("boom"))
    plugin._pdf_run = failed
    with pytest.raises(PluginError) as caught:
        plugin._build_pdfs(tmp_path / "site", tmp_path / "cache")
    assert "PDF の作成に失敗しました" in str(caught.value) and "boom" in str(caught.value)
