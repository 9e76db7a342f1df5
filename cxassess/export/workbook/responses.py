"""Responses sheet: every answer of every respondent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook

from .styles import (BOX, INK, MUTED, Sheet, TOP_CENTER, WRAP, dimension_label, font_style,
                     put, respondent_summary, stage_cell)

if TYPE_CHECKING:  # pragma: no cover
    from ...pipeline import Result

NAME = {"en": "Responses", "da": "Svar"}
"""The sheet's name by language."""

def write(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    questionnaire = result.loaded.questionnaire
    ws = wb.create_sheet(NAME[lang])
    widths = [14, 14, 10.5, 40, 14, 6.5, 34, 10.5, 28]
    sheet = Sheet(ws, widths, lang, report.organisation)
    row = sheet.title(t["responses_title"], f"{report.organisation} · "
                                            f"{t['respondents']}: {respondent_summary(report)}")
    header = row
    sheet.header(row, [(1, 1, t["respondent"]), (2, 2, t["department"]), (3, 3, t["stage"]),
                       (4, 4, t["question"]), (5, 5, t["dimension"]),
                       (6, 6, t["level_short"]), (7, 7, t["level_text"]),
                       (8, 8, t["importance_short"]), (9, 9, t["note"])], centre=(6, 8))
    for q in report.questions:
        try:
            anchors = [a.get(lang) for a in questionnaire.question(q.id).levels]
        except KeyError:
            anchors = []
        dims = ", ".join(dimension_label(result, d) for d in q.dimensions)
        for a in q.answers:
            row += 1
            put(ws, row, 1, a.respondent, font=font_style(10), align=WRAP, border=BOX)
            put(ws, row, 2, a.department, font=font_style(10), align=WRAP, border=BOX)
            stage_cell(sheet, row, 3, q.stage)
            put(ws, row, 4, q.text, font=font_style(10), align=WRAP, border=BOX)
            put(ws, row, 5, dims, font=font_style(9.5, False, MUTED), align=WRAP, border=BOX)
            if a.not_applicable:
                level, anchor = t["na"], t["na_text"]
            elif a.level is None:
                level, anchor = None, ""
            else:
                level = a.level
                anchor = anchors[a.level] if a.level < len(anchors) else ""
            put(ws, row, 6, level, font=font_style(10.5, True), align=TOP_CENTER, border=BOX)
            put(ws, row, 7, anchor, font=font_style(9.5), align=WRAP, border=BOX)
            put(ws, row, 8, a.importance, font=font_style(10), align=TOP_CENTER, border=BOX)
            put(ws, row, 9, a.note, font=font_style(9.5, False, INK, italic=bool(a.note)),
                 align=WRAP, border=BOX)
            sheet.fit(row, [(1, 1, a.respondent, 10), (2, 2, a.department, 10),
                            (4, 4, q.text, 10), (5, 5, dims, 9.5), (7, 7, anchor, 9.5),
                            (9, 9, a.note, 9.5)])
    if row > header:
        ws.auto_filter.ref = f"A{header}:I{row}"
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.print_title_rows = f"1:{header}"


