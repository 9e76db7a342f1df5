"""Gaps sheet: importance versus today's level, largest gaps first, with a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .charts import gap_chart
from .styles import (BOX, MUTED, STAGE_TINTS, Sheet, TOP_CENTER, WRAP, columns_cm,
                     font_style, put, stage_cell)

if TYPE_CHECKING:  # pragma: no cover
    from ...pipeline import Result

NAME = {"en": "Gaps", "da": "Forskel"}
"""The sheet's name by language."""

def write(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    ws = wb.create_sheet(NAME[lang])
    # # | question | stage | importance | level | gap | urgency | (spacer) | chart | label
    sheet = Sheet(ws, [5, 46, 11, 12, 12, 14, 13, 2] + [10] * 8, lang, report.organisation)
    row = sheet.title(t["gaps_title"], report.organisation)
    sheet.merge(row, 1, 7, t["gaps_intro"], font=font_style(10, False, MUTED, italic=True),
                align=WRAP)
    sheet.fit(row, [(1, 7, t["gaps_intro"], 10)])
    row += 2
    header = row
    sheet.header(row, [(1, 1, "#"), (2, 2, t["question"]), (3, 3, t["stage"]),
                       (4, 4, t["importance"]), (5, 5, t["level"]), (6, 6, t["gap"]),
                       (7, 7, t["urgency"])],
                 centre=(1, 4, 5, 6, 7))
    label_col = sheet.ncols + 1
    ws.column_dimensions[get_column_letter(label_col)].hidden = True
    for rank, g in enumerate(report.gaps, start=1):
        row += 1
        put(ws, row, 1, rank, font=font_style(10), align=TOP_CENTER, border=BOX)
        put(ws, row, 2, g.text, font=font_style(10), align=WRAP, border=BOX)
        stage_cell(sheet, row, 3, g.stage)
        put(ws, row, 4, g.importance, font=font_style(10), fmt="0.0", align=TOP_CENTER,
             border=BOX)
        put(ws, row, 5, g.level, font=font_style(10), fmt="0.0", align=TOP_CENTER, border=BOX)
        put(ws, row, 6, g.gap, font=font_style(10.5, True), fmt="0", align=TOP_CENTER,
             border=BOX, fill=STAGE_TINTS[g.stage])
        put(ws, row, 7, g.urgency, font=font_style(10), fmt="0", align=TOP_CENTER, border=BOX)
        short = g.text if len(g.text) <= 48 else g.text[:46].rstrip(" ,.;:") + "…"
        put(ws, row, label_col, f"{rank}. {short}")
        sheet.fit(row, [(2, 2, g.text, 10)])
    if report.gaps:
        chart = gap_chart(ws, t, header + 1, row, label_col, 6, [g.stage for g in report.gaps],
                          lowest=min(g.gap for g in report.gaps))
        chart.width = columns_cm(sheet, 9, sheet.ncols)
        chart.height = max(7.0, 0.9 * len(report.gaps) + 2.5)
        ws.add_chart(chart, f"I{header}")
        ws.auto_filter.ref = f"A{header}:G{row}"
    else:
        row += 1
        sheet.merge(row, 1, 7, t["no_gaps"], font=font_style(10, False, MUTED, italic=True))
    ws.freeze_panes = ws.cell(header + 1, 1)
    # the title and the table header repeat on every printed page
    ws.print_title_rows = f"1:{header}"


