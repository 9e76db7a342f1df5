"""Responses sheet: every answer of every respondent, one row per answer, with a filter on
every column (respondent, department, stage, question, dimension, level, importance), so
an analyst can narrow it to one department or one question and an executive can read a
question's answers side by side with what each level means.

The rows are streamed: made one at a time while the file is saved (see
:mod:`.writer`), so a staff survey of thousands of respondents costs no more memory than
one of ten.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...roadmap import dimension_label
from .styles import (BOX, INK, LINE_PT, MUTED, STAGE_COLOURS, STAGE_TINTS, TOP, TOP_CENTER,
                     WRAP, Sheet, font_style, respondent_summary,
                     row_height, stage_label, text_height)
from .writer import ExportWorkbook, Row, cell_format, stream_rows

if TYPE_CHECKING:  # pragma: no cover
    from ...pipeline import Result

NAME = {"en": "Responses", "da": "Svar"}
"""The sheet's name by language."""

WIDTHS = [14, 14, 10.5, 40, 14, 6.5, 34, 10.5, 28]


def write(wb: ExportWorkbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    ws = wb.create_sheet(NAME[lang])
    sheet = Sheet(ws, WIDTHS, lang, report.organisation)
    row = sheet.title(t["responses_title"], f"{report.organisation} · "
                                            f"{t['respondents']}: {respondent_summary(report)}")
    header = row
    sheet.header(row, [(1, 1, t["respondent"]), (2, 2, t["department"]), (3, 3, t["stage"]),
                       (4, 4, t["question"]), (5, 5, t["dimension"]),
                       (6, 6, t["level_short"]), (7, 7, t["level_text"]),
                       (8, 8, t["importance_short"]), (9, 9, t["note"])], centre=(6, 8))
    count = sum(len(q.answers) for q in report.questions)
    formats = _formats(ws)
    stream_rows(ws, header + 1, count, len(WIDTHS), lambda: _rows(sheet, result, t, formats))
    if count:
        ws.auto_filter.ref = f"A{header}:I{header + count}"
    ws.freeze_panes = f"A{header + 1}"
    ws.print_title_rows = f"1:{header}"


def _formats(ws) -> dict:
    """The cell formats of the rows, made before they are streamed."""
    return {
        "text": cell_format(ws, font=font_style(10), align=WRAP, border=BOX),
        "dims": cell_format(ws, font=font_style(9.5, False, MUTED), align=WRAP, border=BOX),
        "level": cell_format(ws, font=font_style(10.5, True), align=TOP_CENTER, border=BOX),
        "anchor": cell_format(ws, font=font_style(9.5), align=WRAP, border=BOX),
        "importance": cell_format(ws, font=font_style(10), align=TOP_CENTER, border=BOX),
        "note": cell_format(ws, font=font_style(9.5, False, INK), align=WRAP, border=BOX),
        "a note": cell_format(ws, font=font_style(9.5, False, INK, italic=True), align=WRAP,
                              border=BOX),
        **{s: cell_format(ws, font=font_style(10.5, True, STAGE_COLOURS[s]),
                          fill=STAGE_TINTS[s], align=TOP, border=BOX) for s in STAGE_COLOURS},
    }


def _rows(sheet: Sheet, result: Result, t: dict, f: dict) -> Iterator[Row]:
    report, lang = result.report, result.report.language
    questionnaire = result.loaded.questionnaire
    w = sheet.widths
    for q in report.questions:
        try:
            anchors = [a.get(lang) for a in questionnaire.question(q.id).levels]
        except KeyError:
            anchors = []
        dims = ", ".join(dimension_label(report, d, questionnaire) for d in q.dimensions)
        stage = (stage_label(q.stage, lang), f[q.stage])
        tallest = max(LINE_PT, text_height(q.text, w[3], 10), text_height(dims, w[4], 9.5))
        for a in q.answers:
            if a.not_applicable:
                level, anchor = t["na"], t["na_text"]
            elif a.level is None:
                level, anchor = None, ""
            else:
                level = a.level
                anchor = anchors[a.level] if a.level < len(anchors) else ""
            # text heights are remembered: the same texts come back on every respondent
            height = row_height(max(tallest, text_height(a.respondent, w[0], 10),
                                    text_height(a.department, w[1], 10),
                                    text_height(anchor, w[6], 9.5),
                                    text_height(a.note, w[8], 9.5)))
            yield height, ((a.respondent, f["text"]), (a.department, f["text"]), stage,
                           (q.text, f["text"]), (dims, f["dims"]), (level, f["level"]),
                           (anchor, f["anchor"]), (a.importance, f["importance"]),
                           (a.note, f["a note" if a.note else "note"]))
