"""Summary sheet: who and when, the current stage in a sentence, the answers worth
checking before presenting, stage and dimension scores with their charts, the top five
priorities, why Understand comes first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Border, Side
from openpyxl.utils import get_column_letter

from ...roadmap import dimension_label
from .charts import dimension_chart, stage_chart
from .labels import STAGE_MEANING
from .styles import (BOX, INK, LINE_PT, MUTED, PRIORITY_FORMAT, STAGE_COLOURS, STAGE_TINTS,
                     Sheet, TOP, TOP_CENTER, WRAP, alignment, columns_cm, count_lines,
                     font_style, line_pt, merge_cells, put,
                     respondent_summary, rounded, rows_cm, stage_cell, stage_label)

if TYPE_CHECKING:  # pragma: no cover
    from ...pipeline import Result
    from ...report import Report

NAME = {"en": "Summary", "da": "Overblik"}
"""The sheet's name by language."""

NEXT_STEP = {
    "en": {"understand": "The next step is to understand:",
           "fix": "The next step is to fix:", "refine": "The next step is to refine:",
           "seduce": "The work now is to seduce:"},
    "da": {"understand": "Næste skridt er at forstå:", "fix": "Næste skridt er at fixe:",
           "refine": "Næste skridt er at forfine:", "seduce": "Arbejdet nu er at forføre:"},
}

def write(wb: Workbook, result: Result, t: dict) -> None:
    report, roadmap, lang = result.report, result.roadmap, result.report.language
    ws = wb.active
    ws.title = NAME[lang]
    # A rank | B name | C–E numbers | F gap | G–N charts and wide texts
    sheet = Sheet(ws, [5, 32, 10, 10, 10, 2] + [11.5] * 4 + [15] * 4, lang,
                  report.organisation)
    sheet.ws.page_setup.fitToHeight = 1
    row = sheet.title(f"{t['title']}: {report.organisation}")

    facts = [
        (t["organisation"], report.organisation), (t["sector"], report.sector),
        (t["date"], report.date), (t["assessor"], report.assessor),
        (t["respondents"], respondent_summary(report)),
        (t["questionnaire"], f"{report.questionnaire.get('title', '')} "
                             f"({report.questionnaire.get('id', '')} "
                             f"{report.questionnaire.get('version', '')})"),
    ]
    top = row
    for label, value in facts:
        put(ws, row, 1, label, font=font_style(10, True, MUTED), align=TOP)
        merge_cells(ws, row, 1, row, 2)
        sheet.merge(row, 3, 6, value or "–", font=font_style(10.5), align=WRAP)
        sheet.fit(row, [(3, 6, value or "–", 10.5)])
        row += 1

    # the current stage, in one sentence, beside the facts
    stage = report.current_stage
    sentence = _current_sentence(report, t, lang)
    put(ws, top, 7, t["where"], font=font_style(10, True, MUTED))
    merge_cells(ws, top, 7, top, 14)
    box_rows = max(row - top - 1, 3)
    first_box = top + 1
    for r in range(first_box, first_box + box_rows):
        for c in range(7, 15):
            put(ws, r, c, None, fill=STAGE_TINTS[stage])
    put(ws, first_box, 7, sentence, font=font_style(11.5, False, INK),
         align=alignment(wrap_text=True, vertical="center", indent=1))
    for c in range(7, 15):
        ws.cell(first_box, c).border = Border(left=Side(style="thick", color=STAGE_COLOURS[stage])) \
            if c == 7 else Border()
    merge_cells(ws, first_box, 7, first_box + box_rows - 1, 14)
    need = count_lines(sentence, sheet.width(7, 14) - 2, 11.5) * line_pt(11.5) + 8
    have = sum(ws.row_dimensions[r].height or LINE_PT for r in range(first_box, first_box + box_rows))
    if need > have:
        last = first_box + box_rows - 1
        ws.row_dimensions[last].height = (ws.row_dimensions[last].height or LINE_PT) + need - have
    row = max(row, first_box + box_rows) + 1

    # answers worth a second look before the results are presented
    if report.checks:
        row = sheet.heading(row, t["checks"])
        for check in report.checks:
            text = f"• {check.message}"
            sheet.merge(row, 1, 14, text, font=font_style(10.5), align=WRAP)
            sheet.fit(row, [(1, 14, text, 10.5)])
            row += 1
        row += 1

    # stage and dimension tables (left) feed the charts (right)
    chart_top = row
    row = sheet.heading(row, t["stage_scores"], 1, 5)
    sheet.header(row, [(1, 2, t["stage"]), (3, 3, t["score"]), (4, 4, t["answered_total"]),
                       (5, 5, t["bar_short"])], centre=(3, 4, 5))
    first = row + 1
    for s in report.stages:
        row += 1
        put(ws, row, 1, None, fill=STAGE_COLOURS[s.id], border=BOX)
        put(ws, row, 2, s.label, font=font_style(10.5, s.id == stage, INK), border=BOX,
             fill=STAGE_TINTS[s.id] if s.id == stage else None)
        put(ws, row, 3, rounded(s.score), font=font_style(10.5, True), fmt="0",
             align=alignment(horizontal="center"), border=BOX)
        put(ws, row, 4, f"{s.answered} / {s.total}", font=font_style(10, False, MUTED),
             align=alignment(horizontal="center"), border=BOX)
        put(ws, row, 5, report.mastery_bar, font=font_style(10, False, MUTED), fmt="0",
             align=alignment(horizontal="center"), border=BOX)
    stage_rows = (first, row)
    row += 2
    row = sheet.heading(row, t["dimension_scores"], 1, 5)
    sheet.header(row, [(1, 2, t["dimension"]), (3, 3, t["score"]), (4, 4, t["coverage"]),
                       (5, 5, t["bar_short"])], centre=(3, 4, 5))
    first = row + 1
    for d in report.dimensions:
        row += 1
        sheet.merge(row, 1, 2, d.label, font=font_style(10.5), border=BOX)
        put(ws, row, 3, rounded(d.score), font=font_style(10.5, True), fmt="0",
             align=alignment(horizontal="center"), border=BOX)
        put(ws, row, 4, d.coverage, font=font_style(10, False, MUTED), fmt="0%",
             align=alignment(horizontal="center"), border=BOX)
        put(ws, row, 5, report.mastery_bar, font=font_style(10, False, MUTED), fmt="0",
             align=alignment(horizontal="center"), border=BOX)
    # the charts stand beside the tables, as tall as they are
    height = max(rows_cm(ws, chart_top, row), 7.0)
    chart = stage_chart(ws, t, *stage_rows, 2, 3, 5, [s.id for s in report.stages])
    chart.width, chart.height = columns_cm(sheet, 7, 10) - 0.2, height
    ws.add_chart(chart, f"G{chart_top}")
    if report.dimensions:
        # short, two-line labels for the radar's spokes live in a hidden column
        label_col = sheet.ncols + 2
        ws.column_dimensions[get_column_letter(label_col)].hidden = True
        for r, d in enumerate(report.dimensions, start=first):
            put(ws, r, label_col, _two_lines(d.label))
        chart = dimension_chart(ws, t, first, row, label_col, 3, 5)
        chart.width, chart.height = columns_cm(sheet, 11, 14), height
        ws.add_chart(chart, f"K{chart_top}")
    row += 2

    # the top five priorities
    row = sheet.heading(row, t["top5"])
    sheet.header(row, [(1, 1, "#"), (2, 8, t["initiative"]), (9, 10, t["stage"]),
                       (11, 12, t["dimension"]), (13, 13, t["phase"]),
                       (14, 14, t["priority"])], centre=(1, 13, 14))
    phase_of = {i.id: p.number for p in roadmap.phases for i in p.initiatives}
    # the first five of the plan: phase by phase, worst first within a phase
    top5 = [i for p in roadmap.phases for i in p.initiatives][:5]
    for rank, item in enumerate(top5, start=1):
        row += 1
        dim = dimension_label(result.report, item.dimension, result.loaded.questionnaire)
        put(ws, row, 1, rank, font=font_style(10.5, True), align=TOP_CENTER, border=BOX)
        sheet.merge(row, 2, 8, item.title, font=font_style(10.5), align=WRAP, border=BOX)
        stage_cell(sheet, row, 9, item.stage)
        sheet.merge(row, 9, 10, None, border=BOX)
        sheet.merge(row, 11, 12, dim, font=font_style(10), align=WRAP, border=BOX)
        put(ws, row, 13, phase_of[item.id], font=font_style(10.5, True), align=TOP_CENTER,
             border=BOX)
        put(ws, row, 14, item.priority, font=font_style(10), fmt=PRIORITY_FORMAT,
             align=TOP_CENTER, border=BOX)
        sheet.fit(row, [(2, 8, item.title, 10.5), (11, 12, dim, 10)])
    row += 2

    # why Understand first and never Seduce
    row = sheet.heading(row, t["why_title"])
    sheet.merge(row, 1, 14, t["why"], font=font_style(10.5), align=WRAP)
    sheet.fit(row, [(1, 14, t["why"], 10.5)])
    ws.print_title_rows = "1:2"
    ws.print_area = f"A1:N{row}"


def _two_lines(label: str, longest: int = 14) -> str:
    """Break a long chart label into two lines at the space nearest its middle."""
    if len(label) <= longest or " " not in label:
        return label
    middle = len(label) / 2
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "\n" + label[cut + 1:]


def _current_sentence(report: Report, t: dict, lang: str) -> str:
    stage = report.current_stage
    score = report.stage(stage).score
    name = stage_label(stage, lang)
    meaning = f"{NEXT_STEP[lang][stage]} {STAGE_MEANING[lang][stage][0].lower()}" \
              f"{STAGE_MEANING[lang][stage][1:]}"
    values = {"org": report.organisation, "stage": name, "bar": f"{report.mastery_bar:.0f}",
              "meaning": meaning, "score": "–" if score is None else f"{score:.0f}"}
    if score is None:
        return t["current_none"].format(**values)
    if score >= report.mastery_bar:  # held back by a critical question, or mastered at last
        held = stage != "seduce" or any(q.critical for q in report.questions
                                         if q.stage == "seduce")
        return t["current_critical" if held else "current_all"].format(**values)
    return t["current_sentence"].format(**values)


