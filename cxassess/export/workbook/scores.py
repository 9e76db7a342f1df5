"""Scores sheet: every stage and dimension with score, coverage, scorer and findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook

from .pages import Pages
from .styles import (BOX, MUTED, Sheet, TOP, TOP_CENTER, WRAP, font_style, put, rounded,
                     stage_cell)

if TYPE_CHECKING:  # pragma: no cover
    from ...pipeline import Result

NAME = {"en": "Scores", "da": "Scorer"}
"""The sheet's name by language."""

def write(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    ws = wb.create_sheet(NAME[lang])
    sheet = Sheet(ws, [24, 8, 10, 11, 14, 100], lang, report.organisation)
    row = sheet.title(t["scores_title"], f"{report.organisation} · {t['mastery_bar']} "
                                         f"{report.mastery_bar:.0f}")
    columns = [(1, 1, t["stage"]), (2, 2, t["score"]), (3, 3, t["coverage"]),
               (4, 4, t["answered_total"]), (5, 5, t["scorer"]), (6, 6, t["findings"])]
    pages = Pages(sheet)
    first = row
    row = sheet.heading(row, t["stages"])
    sheet.header(row, columns, centre=(2, 3, 4))
    header = row
    for s in report.stages:
        row += 1
        stage_cell(sheet, row, 1, s.id)
        put(ws, row, 2, rounded(s.score), font=font_style(10.5, True), fmt="0", align=TOP_CENTER,
             border=BOX)
        put(ws, row, 3, (s.answered / s.total) if s.total else None, font=font_style(10),
             fmt="0%", align=TOP_CENTER, border=BOX)
        put(ws, row, 4, f"{s.answered} / {s.total}", font=font_style(10), align=TOP_CENTER,
             border=BOX)
        put(ws, row, 5, t["core"], font=font_style(10, False, MUTED), align=TOP, border=BOX)
        notes = []
        if s.id == report.current_stage:
            notes.append(t["current_marker"])
        if s.score is None:
            notes.append(t["no_answers"])
        put(ws, row, 6, " ".join(notes), font=font_style(10), align=WRAP, border=BOX)
    pages.table(first, row)
    row += 2
    columns[0] = (1, 1, t["dimension"])
    first = row
    row = sheet.heading(row, t["dimensions"])
    sheet.header(row, columns, centre=(2, 3, 4))
    for d in report.dimensions:
        findings = "\n".join(f"• {f}" for f in d.findings)
        row += 1
        put(ws, row, 1, d.label, font=font_style(10.5, True), align=WRAP, border=BOX)
        put(ws, row, 2, rounded(d.score), font=font_style(10.5, True), fmt="0", align=TOP_CENTER,
             border=BOX)
        if d.score is None:
            ws.cell(row, 2).value = t["not_scored"]
            ws.cell(row, 2).data_type = "s"
            ws.cell(row, 2).font = font_style(9.5, False, MUTED)
        put(ws, row, 3, d.coverage, font=font_style(10), fmt="0%", align=TOP_CENTER, border=BOX)
        put(ws, row, 4, f"{d.answered} / {d.total}", font=font_style(10), align=TOP_CENTER,
             border=BOX)
        put(ws, row, 5, d.scorer, font=font_style(10), align=WRAP, border=BOX)
        put(ws, row, 6, findings, font=font_style(10), align=WRAP, border=BOX)
        sheet.fit(row, [(1, 1, d.label, 10.5, True), (5, 5, d.scorer, 10), (6, 6, findings, 10)])
    pages.table(first, row)
    pages.finish(t["scores_title"])
    ws.freeze_panes = ws.cell(header + 1, 1)


