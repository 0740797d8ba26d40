"""An Excel checklist per cell (`xlsx/<cell>.xlsx`): many departments keep project checklists in Excel.

One sheet: the project fields at the top, then one row per 対応のポイント (and the common 調達
items) with 状態 (a list: 未対応 / 対応済 / 該当しない), 理由・メモ, 日付. Printed A4 landscape,
repeating the column titles, the guideline's version in the header and the page in the footer.
Cells are written as text, never as formulas: content cannot run in Excel.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from .. import urls

STATES = ["未対応", "対応済", "該当しない"]
COLUMNS = [  # (title, width in characters): about 180, printed one page wide on A4 landscape
    ("No.", 5), ("フェーズ", 8), ("区分", 6), ("対応のポイント", 22), ("内容", 40), ("関連する留意事項", 12),
    ("担当", 12), ("記録", 12), ("適用条件", 12), ("状態", 9), ("理由・メモ（実施内容、該当しない理由、証跡の保管場所）", 30),
    ("日付", 11),
]
STATUS_COLUMN, NOTE_COLUMN, DATE_COLUMN = 9, 10, 11
FONT = "BIZ UDPゴシック"  # as in the PDFs; installed with Windows 10 and later
PROJECT_FIELDS = ["案件名", "所属", "記入者", "記入日", "確認者"]
SHEET_NAME = "チェックリスト"


def write_all(guideline, site_dir: Path) -> dict[str, str]:
    """Every cell with points: {cell id: site path of its xlsx}."""
    written = {}
    for cell in guideline.cells:
        if cell.points:
            path = urls.cell_xlsx_path(cell)
            write_cell(guideline, cell, urls.inside(site_dir, path))
            written[cell.id] = path
    return written


def _rows(guideline, cell) -> list[list[str]]:
    rows = []
    for phase in guideline.phases:
        if phase.in_cells:
            for point in cell.points_in(phase.name):
                rows.append([phase.name, point.level, point.title, "\n".join(point.details), "、".join(point.tags),
                             "、".join(point.who), "、".join(point.records), "、".join(point.when) or "すべての案件"])
        else:  # 調達: common to every 業務領域, asked when buying or commissioning
            rows.extend([phase.name, "共通", task, "", "", "", "", "委託・購入をする場合"] for task in phase.tasks)
    return rows


def write_cell(guideline, cell, target: Path) -> None:
    meta = guideline.meta
    target.parent.mkdir(parents=True, exist_ok=True)
    issued = dt.datetime.combine(meta.issued, dt.time())
    # strings_to_formulas off: a cell text beginning with "=" stays text.
    workbook = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False, "strings_to_urls": False})
    name = f"{cell.domain.name}／{cell.number} {cell.name}"
    workbook.set_properties({"title": f"{name} チェックリスト", "author": meta.publisher,
                             "company": meta.publisher, "created": issued, "comments": f"{meta.title} 第{meta.version}版"})
    sheet = workbook.add_worksheet(SHEET_NAME)
    def style(**options):
        return workbook.add_format({"font_name": FONT, **options})

    title = style(bold=True, font_size=14)
    label = style(bold=True, border=1, bg_color="#EEEEEE", valign="top")
    field = style(border=1, valign="top")
    field_date = style(border=1, valign="top", num_format="yyyy/mm/dd")
    head = style(bold=True, border=1, bg_color="#DDDDDD", text_wrap=True, valign="top")
    text = style(border=1, text_wrap=True, valign="top")
    entry = style(border=2, text_wrap=True, valign="top", bg_color="#FFFDE7")
    date = style(border=2, valign="top", num_format="yyyy/mm/dd", bg_color="#FFFDE7")
    note = style(font_color="#444444")

    sheet.write_string(0, 0, f"{name}　対応のポイント チェックリスト", title)
    sheet.write_string(1, 0, f"{meta.title} 第{meta.version}版（{meta.issued.year}年{meta.issued.month}月{meta.issued.day}日）"
                             f"　{meta.online}", note)
    for index, field_name in enumerate(PROJECT_FIELDS):
        sheet.write_string(3 + index, 0, field_name, label)
        sheet.merge_range(3 + index, 1, 3 + index, 4, "", field_date if field_name == "記入日" else field)
    first = 3 + len(PROJECT_FIELDS) + 1
    for column, (column_name, width) in enumerate(COLUMNS):
        sheet.write_string(first, column, column_name, head)
        sheet.set_column(column, column, width)
    rows = _rows(guideline, cell)
    for number, values in enumerate(rows, start=1):
        row = first + number
        sheet.write_number(row, 0, number, text)
        for column, value in enumerate(values, start=1):
            sheet.write_string(row, column, value, text)
        sheet.write_string(row, STATUS_COLUMN, STATES[0], entry)
        sheet.write_blank(row, NOTE_COLUMN, None, entry)
        sheet.write_blank(row, DATE_COLUMN, None, date)
    last = first + len(rows)
    sheet.data_validation(first + 1, STATUS_COLUMN, last, STATUS_COLUMN, {
        "validate": "list", "source": STATES,
        "input_title": "状態", "input_message": "未対応・対応済・該当しない から選びます",
        "error_title": "状態", "error_message": "未対応・対応済・該当しない のどれかを選んでください",
    })
    sheet.data_validation(first + 1, DATE_COLUMN, last, DATE_COLUMN, {
        "validate": "date", "criteria": ">=", "value": dt.date(2000, 1, 1),
        "error_message": "日付（例: 2026/11/27）を入れてください",
    })
    sheet.freeze_panes(first + 1, 0)  # the column titles stay in view; the rest scrolls
    sheet.autofilter(first, 0, last, len(COLUMNS) - 1)
    # A4 landscape, one page wide, the column titles on every page.
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(first)
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    version = f"{meta.title} 第{meta.version}版".replace("&", "&&")
    sheet.set_header(f"&L{version}&R{name.replace('&', '&&')}")
    sheet.set_footer("&C&P / &N ページ")
    workbook.close()
