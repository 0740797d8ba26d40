"""Issue 16: the PDFs read back as paper and as tagged documents, and the Excel checklists opened
with openpyxl."""

from __future__ import annotations

import re
import subprocess

import openpyxl
import pikepdf
import pytest
from pypdf import PdfReader

from generator.exports import checklist_xlsx
from generator.printing import structure
from generator.printing.html import print_name

CJK = "\u3000-\u303f\u3041-\u30ff\u4e00-\u9fff\u3400-\u4dbf\uff01-\uff60"
POINT_MARK = re.compile(r"^\[(必須|推奨|共通)\]")
PHASE_HEADING = re.compile(r"^(\S+)フェーズ（(?:業務領域共通、)?\d+件）$")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_lines(path) -> list[list[str]]:
    """Each page's lines of text (pdftotext -layout), blank lines left out."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def runs(path) -> list[tuple[str, str]]:
    """(text, font name) of every text-showing operation."""
    found = []
    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append((text, str(font.get("/BaseFont")) if font else "")))
    return found


def cell_pdfs(site_dir, guideline):
    return [(cell, site_dir / "pdf" / f"{cell.id}.pdf") for cell in guideline.cells]


def test_headings_and_point_titles_are_set_in_true_bold(site_dir, guideline):
    for cell, path in cell_pdfs(site_dir, guideline):
        bold = squash("".join(text for text, font in runs(path) if font.endswith("-Bold")))
        assert squash(print_name(cell)) in bold, cell.id
        for point in cell.points:
            assert squash(point.title) in bold, (cell.id, point.title)
        for phase in guideline.phases:
            if cell.points_in(phase.name) or (cell.points and not phase.in_cells):
                assert f"{phase.name}フェーズ" in bold, (cell.id, phase.name)


def _body(lines: list[str]) -> list[str]:
    """A page's lines without the running header and the footer (title, edition, n / N)."""
    body = lines[1:] if lines and not POINT_MARK.match(lines[0]) and not PHASE_HEADING.match(lines[0]) else lines
    return [line for line in body if "第1.0版" not in line or not re.search(r"\d+ / \d+$", line)]


def test_no_lone_point_no_heading_at_a_page_foot_and_continued_phases_are_named(site_dir, guideline):
    for cell, path in cell_pdfs(site_dir, guideline):
        if not cell.points:
            continue
        last_points = {phase.name: squash(cell.points_in(phase.name)[-1].title) for phase in guideline.phases
                       if cell.points_in(phase.name)}
        phase = None
        for number, lines in enumerate(page_lines(path), start=1):
            # The running header: the cell's name, and a continued phase's name (one or two lines).
            header = " ".join(lines[:2]) if len(lines) > 1 and lines[1].endswith("（続き）") else lines[0]
            body = _body(lines[1:] if header != lines[0] else lines)
            points = [line for line in body if POINT_MARK.match(line)]
            starts = [m.group(1) for line in body if (m := PHASE_HEADING.match(line))]
            if points and not starts:
                # A page in the middle of a phase: at least two points (or the phase's last one, where it
                # ends), and the phase named at the top.
                assert len(points) >= 2 or (phase in last_points and last_points[phase] in squash(points[0])), (cell.id, number)
                assert f"{phase}フェーズ（続き）" in header, (cell.id, number, header)
            if points and starts and body.index(next(l for l in body if PHASE_HEADING.match(l))) > 0 and POINT_MARK.match(body[0]):
                assert f"{phase}フェーズ（続き）" in header, (cell.id, number, header)
            last = body[-1]
            assert not PHASE_HEADING.match(last) and last not in ("フェーズごとの対応のポイント", "特徴", "利活用シーン"), (cell.id, number, last)
            if starts:
                phase = starts[-1]


def test_a_point_is_a_form_to_fill_in(site_dir, guideline):
    cell = guideline.cell("citizen-ops-3")
    path = site_dir / "pdf" / f"{cell.id}.pdf"
    first = squash("".join(page_lines(path)[0]))
    for label in ("案件名", "所属", "記入者", "記入日", "確認者"):
        assert label in first
    # Later pages name the project too (a page that comes loose still says whose record it is).
    assert all("案件名：" in squash("".join(page)) for page in page_lines(path)[1:])
    assert "案件名：" not in first  # the first page has the full 記入欄
    text = squash("".join(line for page in page_lines(path) for line in page))
    procurement = next(phase for phase in guideline.vocabulary.phases if not phase.in_cells)
    # And one for each of the common 調達 items: one box for several duties could not say which were done.
    assert text.count("対応済該当しない理由・メモ") == len(cell.points) + len(procurement.tasks)
    assert "調達フェーズ（業務領域共通" in text  # the common 調達 items, with a pointer to chapter 04
    # The boxes are drawn, at least 5 mm (14.17 pt) wide: read the page's drawing operations back
    # (WeasyPrint draws in CSS pixels under one scaling `cm`).
    with pikepdf.open(path) as pdf:
        operations = pikepdf.parse_content_stream(pdf.pages[1])
        scale = next((float(operands[0]) for operands, operator in operations
                      if operator == pikepdf.Operator("cm") and abs(float(operands[0])) != 1), 1.0)
        squares = [
            operands for operands, operator in operations
            if operator == pikepdf.Operator("re") and abs(float(operands[2]) - abs(float(operands[3]))) < .5
            and 14.1 <= float(operands[2]) * scale <= 18
        ]
    assert len(squares) >= 4


@pytest.mark.parametrize("cell_id", ["citizen-1", "citizen-5", "internal-5"])
def test_the_unconfirmed_count_matches_the_marks(site_dir, cell_id):
    """「この分類ではN件」 counts what the reader can find: every unconfirmed item carries its mark."""
    text = squash("".join(line for page in page_lines(site_dir / "pdf" / f"{cell_id}.pdf") for line in page))
    said = int(re.search(r"この分類では(\d+)件", text).group(1))
    marks = text.count("・未確認］") - text.count("［…・未確認］")  # the notice names the mark once
    assert marks == said, (said, marks)


def test_no_half_width_space_between_japanese_characters(site_dir):
    stray = re.compile(f"[{CJK}] [{CJK}]")
    for path in sorted((site_dir / "pdf").glob("*.pdf")):
        bad = [text for text, _ in runs(path) if stray.search(text)]
        assert not bad, (path.name, bad[:3])
        titles = [t for t in (PdfReader(path).metadata.title or "",)]
        assert " - " not in titles[0] and not stray.search(titles[0]), titles


def test_every_pdf_carries_the_version_online_address_contact_and_rights(site_dir, guideline):
    meta = guideline.meta
    for path in sorted((site_dir / "pdf").glob("*.pdf")):
        pages = page_lines(path)
        first = squash("".join(pages[0] + (pages[1] if path.name == "guideline.pdf" else [])))
        everything = squash("".join(line for page in pages for line in page))
        assert f"第{meta.version}版" in first, path.name
        assert squash(meta.online) in everything and squash(meta.rights) in everything, path.name
        assert squash(meta.contact.name) in everything, path.name
    whole = squash("".join(line for page in page_lines(site_dir / "pdf" / "guideline.pdf") for line in page))
    assert "改定履歴" in whole and all(squash(change) in whole for r in meta.revisions for change in r.changes)


def _tree(path):
    pdf = pikepdf.open(path)
    return pdf, list(structure.elements(structure.document_element(pdf)))


@pytest.mark.parametrize("name", ["guideline.pdf", "citizen-ops-3.pdf", "citizen-5.pdf"])
def test_ids_are_unique_and_resolve_through_the_id_tree(site_dir, name):
    pdf, elements = _tree(site_dir / "pdf" / name)
    with pdf:
        ids = [bytes(e.ID) for e in elements if "/ID" in e]
        assert ids and len(ids) == len(set(ids))
        tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
        assert sorted(k.encode("latin-1") for k in tree.keys()) == sorted(ids)
        for e in elements:
            attributes = e.get("/A")
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                for header in attributes.Headers:
                    assert bytes(header).decode("latin-1") in tree
            if e.S == pikepdf.Name.TH:
                assert e.A.Scope in (pikepdf.Name.Row, pikepdf.Name.Column)
        assert not [e for e in elements if e.S == pikepdf.Name.NonStruct]
        assert pdf.Root.PageMode == pikepdf.Name.UseOutlines


@pytest.mark.parametrize("name", ["guideline.pdf", "citizen-ops-3.pdf", "citizen-5.pdf"])
def test_heading_levels_nest(site_dir, name):
    pdf, elements = _tree(site_dir / "pdf" / name)
    with pdf:
        levels = [int(str(e.S)[2]) for e in elements if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, (name, before, after)
    if name == "guideline.pdf":
        assert max(levels) >= 5  # chapter > 業務領域 > cell > section > phase


def test_red_cell_sub_headings_are_headings(site_dir, guideline):
    pdf, elements = _tree(site_dir / "pdf" / "citizen-5.pdf")
    with pdf:
        heading_text = []
        for e in elements:
            if re.fullmatch(r"/H[1-6]", str(e.S)):
                heading_text.append(e)
        count = len(heading_text)
    assert count >= 4  # the cell, 特徴, 利活用シーン, the stance and its alternatives
    text = squash("".join(line for page in page_lines(site_dir / "pdf" / "citizen-5.pdf") for line in page))
    assert "この分類の利活用についての考え方" in text and "代わりに検討できる使い方" in text


def cell_links(path) -> list[tuple[int, pikepdf.Dictionary, str]]:
    """(page index, action, description) of each link from one cell to another."""
    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            for annotation in page.obj.get("/Annots", []):
                if str(annotation.get("/Contents", "")).startswith("分類の説明"):
                    action = annotation.A
                    target = None
                    if action.S == pikepdf.Name.GoTo:
                        target = [i for i, p in enumerate(pdf.pages) if p.obj.objgen == action.D[0].objgen][0]
                    found.append((number, target if target is not None else str(action.URI), str(annotation.Contents)))
    return found


def test_references_between_cells_lead_to_the_cell(site_dir, guideline):
    """A 赤 cell's alternatives name other cells: in the whole guideline the link opens that cell's first
    page (and says which page); in a cell's PDF it opens the other cell's PDF beside it."""
    referring = [cell for cell in guideline.cells if cell.stance and cell.stance.alternatives]
    assert referring
    whole_pages = page_lines(site_dir / "pdf" / "guideline.pdf")
    links = cell_links(site_dir / "pdf" / "guideline.pdf")
    expected = [guideline.cell(alt.cell) for cell in referring for alt in cell.stance.alternatives]
    assert len(links) == len(expected)
    for (_, target, description), other in zip(links, expected):
        assert description == f"分類の説明（{target + 1}ページ）"
        assert squash(print_name(other)) in squash(" ".join(whole_pages[target][:3]))
    for cell in referring:
        expected = [f"{alt.cell}.pdf" for alt in cell.stance.alternatives]
        found = [target for _, target, _ in cell_links(site_dir / "pdf" / f"{cell.id}.pdf")]
        assert found == expected
        assert all((site_dir / "pdf" / name).exists() for name in found)


def test_contents_is_a_toc_with_one_link_per_entry_naming_it(site_dir):
    pdf, elements = _tree(site_dir / "pdf" / "guideline.pdf")
    with pdf:
        items = [e for e in elements if e.S == pikepdf.Name.TOCI]
        assert len(items) >= 20
        for item in items:
            own = [k for k in structure.kids(item) if isinstance(k, pikepdf.Dictionary) and k.get("/S") != pikepdf.Name.TOC]
            links = [e for k in own for e in structure.elements(k) if e.S == pikepdf.Name.Link]
            assert len(links) == 1
            annotations = [k.Obj for k in structure.kids(links[0]) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR]
            assert len(annotations) == 1
            described = str(annotations[0].Contents)
            entry_text = squash(described.split("（")[0])
            assert entry_text and "ページ" in described, described
        # One link area per entry on the contents page (not one per text run of the entry).
        annots = [a for a in pdf.pages[1].get("/Annots", []) if a.get("/Subtype") == pikepdf.Name.Link]
        assert len(annots) == len(items)


def test_bookmarks_per_phase_in_every_cell_pdf(site_dir, guideline):
    for cell, path in cell_pdfs(site_dir, guideline):
        reader = PdfReader(path)
        titles = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    titles.append(item.title)

        walk(reader.outline)
        assert print_name(cell) in titles
        if cell.points:
            assert "企画フェーズ（" in "".join(titles) and "廃止フェーズ（" in "".join(titles), (cell.id, titles)
        assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_tiers_differ_in_black_and_white_and_matrix_labels_are_8pt(site_dir):
    from generator.printing import html as print_html

    css = print_html._css()
    assert re.search(r"\.ag-tier--red \{[^}]*double", css)  # 赤: a double border, not only its grey
    sizes = []
    for page in PdfReader(site_dir / "pdf" / "guideline.pdf").pages[2:12]:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append((text, size * tm[0] if tm else size)))
    assert min(size for text, size in sizes if text.strip()) >= 7.4  # provenance marks (7.5 pt) are the smallest


def test_excel_checklist_per_cell(site_dir, guideline):
    for cell in guideline.cells:
        path = site_dir / "xlsx" / f"{cell.id}.xlsx"
        if not cell.points:
            assert not path.exists()
            continue
        sheet = openpyxl.load_workbook(path)[checklist_xlsx.SHEET_NAME]
        header_row = next(row for row in range(1, 20) if sheet.cell(row, 1).value == "No.")
        rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=header_row + 1, values_only=False)]
        common = next(p for p in guideline.phases if not p.in_cells).tasks
        assert len(rows) == len(cell.points) + len(common)
        assert [r[3] for r in rows][: len(cell.points_in(guideline.phases[0].name))] == [p.title for p in cell.points_in(guideline.phases[0].name)]
        assert {r[checklist_xlsx.STATUS_COLUMN] for r in rows} == {"未対応"}
        status = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
        assert status and status[0].formula1 == '"未対応,対応済,該当しない"'
        column = "ABCDEFGHIJKL"[checklist_xlsx.STATUS_COLUMN]
        assert str(status[0].sqref) == f"{column}{header_row + 1}:{column}{header_row + len(rows)}"
        assert f"第{guideline.meta.version}版" in sheet.oddHeader.left.text
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        labels = [sheet.cell(row, 1).value for row in range(1, header_row)]
        for label in checklist_xlsx.PROJECT_FIELDS:
            assert label in labels


def test_cell_page_links_its_pdf_and_excel(site_dir):
    from html import unescape

    html = unescape((site_dir / "cells" / "citizen-3.html").read_text(encoding="utf-8"))
    assert 'href="../xlsx/citizen-3.xlsx"' in html and 'href="../pdf/citizen-3.pdf"' in html
    red = (site_dir / "cells" / "citizen-5.html").read_text(encoding="utf-8")
    assert "xlsx/citizen-5.xlsx" not in red  # 赤: no points to check off
