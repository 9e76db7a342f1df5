"""Trend sheet of the Trend workbook (``cxassess compare … -o TREND.xlsx``): the stage and
dimension scores per assessment date with the change, the current stage at each date,
and one line chart for the stages and one for the dimensions."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.utils import get_column_letter

from .charts import _axis_style, _text_props, chart_title, marker_line, score_axis
from .styles import (BAND, BOX, MASTERY, MUTED, NAVY, STAGE_COLOURS, TOP, TOP_CENTER, Sheet,
                     alignment, columns_cm, font_style, put, stage_cell, stage_label)

if TYPE_CHECKING:  # pragma: no cover
    from ...compare import Comparison

NAME = {"en": "Trend", "da": "Udvikling"}
"""The sheet's name by language."""

WORDS = {
    "en": {"title": "Trend: how the scores moved", "stages": "Stage scores",
           "dimensions": "Dimension scores", "stage": "Stage", "dimension": "Dimension",
           "change": "Change", "current": "Current stage",
           "subtitle": "{org} · {n} assessments, {first} to {last} · current stage: "
                       "{then} → {now} · scores 0–100, change = latest minus first"},
    "da": {"title": "Udvikling: sådan har scorerne flyttet sig", "stages": "Score pr. trin",
           "dimensions": "Score pr. dimension", "stage": "Trin", "dimension": "Dimension",
           "change": "Ændring", "current": "Nuværende trin",
           "subtitle": "{org} · {n} vurderinger, {first} til {last} · nuværende trin: "
                       "{then} → {now} · score 0–100, ændring = seneste minus første"},
}

DATE_FORMAT = {"en": "yyyy-mm-dd", "da": "dd-mm-yyyy"}
CHANGE_FORMAT = "+0.0;−0.0;0.0"
CHART_ROWS = 18
"""Rows of 15 pt the charts cover (8.5 cm)."""
DIMENSION_COLOURS = ("1F3A5F", "1B7F8C", "B7791F", "8E3B6B", "5B6472", "3C8D5A", "C8553D")


def _date(value: str) -> _dt.date | str:
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return value


def shown_date(value: str, lang: str) -> str:
    """An assessment date in a text as the date cells show it (:data:`DATE_FORMAT`), so a
    sheet writes one date one way."""
    date = _date(value)
    return date.strftime("%d-%m-%Y" if lang == "da" else "%Y-%m-%d") \
        if isinstance(date, _dt.date) else value


def _table(sheet: Sheet, row: int, c: Comparison, heading: str, label: str,
           rows: list[tuple[str, str, dict, float | None]], lang: str) -> tuple[int, int, int]:
    """A heading, a header row of dates and one row per stage or dimension; returns
    (header row, first data row, last data row)."""
    ws, n = sheet.ws, len(c.assessments)
    row = sheet.heading(row, heading, 1, n + 2)
    header = row
    put(ws, row, 1, label, font=font_style(10.5, True, "FFFFFF"), fill=NAVY, border=BOX,
        align=alignment(vertical="center"))
    for i, point in enumerate(c.assessments):
        put(ws, row, 2 + i, _date(point.date), font=font_style(10.5, True, "FFFFFF"),
            fill=NAVY, border=BOX, fmt=DATE_FORMAT[lang], align=alignment(horizontal="center"))
    put(ws, row, n + 2, WORDS[lang]["change"], font=font_style(10.5, True, "FFFFFF"),
        fill=NAVY, border=BOX, align=alignment(horizontal="center"))
    ws.row_dimensions[row].height = 20
    for key, text, scores, delta in rows:
        row += 1
        fill = BAND if (row - header) % 2 == 0 else None
        if key in STAGE_COLOURS:
            stage_cell(sheet, row, 1, key)
        else:
            put(ws, row, 1, text, font=font_style(10.5, True), border=BOX, fill=fill, align=TOP)
        for i, point in enumerate(c.assessments):
            put(ws, row, 2 + i, scores.get(point.file), font=font_style(10.5), fmt="0",
                border=BOX, fill=fill, align=TOP_CENTER)
        colour = "3C8D5A" if delta and delta > 0 else ("C8553D" if delta and delta < 0 else MUTED)
        put(ws, row, n + 2, delta, font=font_style(10.5, True, colour), fmt=CHANGE_FORMAT,
            border=BOX, fill=fill, align=TOP_CENTER)
    return header, header + 1, row


def _line_chart(sheet: Sheet, title: str, header: int, first: int, last: int, n: int,
                colours: list[str]) -> LineChart:
    ws = sheet.ws
    chart = LineChart()
    chart.style = 10
    chart_title(chart, title)
    data = Reference(ws, min_col=1, max_col=1 + n, min_row=first, max_row=last)
    chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, max_col=1 + n, min_row=header, max_row=header))
    for series, colour in zip(chart.series, colours):
        marker_line(series, colour, 7)
        series.smooth = False
    score_axis(chart.y_axis, 20)
    chart.y_axis.title = None
    chart.x_axis.number_format = DATE_FORMAT[sheet.lang]
    _axis_style(chart.x_axis, 9)
    _axis_style(chart.y_axis, 8)
    chart.legend.position = "b"
    chart.legend.txPr = _text_props(8.5, MUTED)
    chart.height = 8.5
    chart.width = 13.5
    return chart


def write(wb: Workbook, c: Comparison, t: dict) -> None:
    lang = c.language
    w = WORDS[lang]
    ws = wb.active
    ws.title = NAME[lang]
    n = len(c.assessments)
    sheet = Sheet(ws, [30] + [13] * n + [11] + [12] * max(4, 10 - n), lang,
                  c.latest.organisation, tab=MASTERY)
    ws.page_setup.fitToHeight = 1
    row = sheet.title(w["title"], w["subtitle"].format(
        org=c.latest.organisation, n=n, first=shown_date(c.baseline.date, lang),
        last=shown_date(c.latest.date, lang),
        then=stage_label(c.baseline.current_stage, lang),
        now=stage_label(c.latest.current_stage, lang)))

    stage_rows = [(k, label, {p.file: p.stages.get(k) for p in c.assessments},
                   c.stage_deltas.get(k)) for k, label in c.stage_labels.items()]
    s_head, s_first, s_last = _table(sheet, row, c, w["stages"], w["stage"], stage_rows, lang)
    row = s_last + 1
    put(ws, row, 1, w["current"], font=font_style(10, True, MUTED), border=BOX, align=TOP)
    for i, point in enumerate(c.assessments):
        stage_cell(sheet, row, 2 + i, point.current_stage)
        ws.cell(row, 2 + i).alignment = TOP_CENTER
    row += 2
    dim_rows = [(k, label, {p.file: p.dimensions.get(k) for p in c.assessments},
                 c.dimension_deltas.get(k)) for k, label in c.dimension_labels.items()]
    d_head, d_first, d_last = _table(sheet, row, c, w["dimensions"], w["dimension"], dim_rows,
                                     lang)

    stages = list(c.stage_labels)
    charts_row = d_last + 2
    stage_chart = _line_chart(sheet, w["stages"], s_head, s_first, s_last, n,
                              [STAGE_COLOURS.get(s, NAVY) for s in stages])
    dim_chart = _line_chart(sheet, w["dimensions"], d_head, d_first, d_last, n,
                            [DIMENSION_COLOURS[i % len(DIMENSION_COLOURS)]
                             for i in range(len(dim_rows))])
    ws.add_chart(stage_chart, f"A{charts_row}")
    ws.add_chart(dim_chart, ws.cell(charts_row, _column_after(sheet, stage_chart.width)).coordinate)
    # the print area reaches right of and below the charts, so they print with the tables
    last_col = _column_after(sheet, stage_chart.width + 0.3 + dim_chart.width) - 1
    ws.print_area = f"A1:{get_column_letter(last_col)}{charts_row + CHART_ROWS}"


def _column_after(sheet: Sheet, width_cm: float) -> int:
    """The first column that starts right of a chart ``width_cm`` wide anchored at A."""
    col = 1
    while col < sheet.ncols and columns_cm(sheet, 1, col) < width_cm + 0.3:
        col += 1
    return col + 1
