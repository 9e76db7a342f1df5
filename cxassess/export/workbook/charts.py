"""The workbook's charts: stage scores (bars with the mastery bar), dimension scores
(radar) and the largest gaps (horizontal bars), in the stage colours."""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.chart import BarChart, LineChart, RadarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.legend import LegendEntry
from openpyxl.chart.series import DataPoint, SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.worksheet.worksheet import Worksheet

from .styles import DIMENSION_COLOUR, INK, MASTERY, MUTED, NAVY, STAGE_COLOURS

GAP_STEP = 25
"""The gap chart's gridline step."""

def _text_props(size: float = 9, color: str = INK, bold: bool = False) -> RichText:
    cp = CharacterProperties(sz=int(size * 100), b=bold, solidFill=color)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=cp), endParaRPr=cp)])


def _axis_style(axis, size: float = 9) -> None:
    axis.delete = False
    axis.txPr = _text_props(size, MUTED)


def chart_title(chart, text: str) -> None:
    """The chart's title, in the workbook's 11 pt bold navy."""
    chart.title = text
    chart.title.tx.rich.p[0].pPr = ParagraphProperties(
        defRPr=CharacterProperties(sz=1100, b=True, solidFill=NAVY))


def score_axis(axis, major_unit: int, grid: str = "E3E7ED") -> None:
    """A score axis: 0 to 100 in steps of ``major_unit``, whole numbers, light gridlines."""
    axis.scaling.min = 0
    axis.scaling.max = 100
    axis.majorUnit = major_unit
    axis.number_format = "0"
    axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill=grid))


def marker_line(series, colour: str, marker_size: int) -> None:
    """A score series drawn as a solid 2.25 pt line with round markers in ``colour``."""
    series.graphicalProperties.line.solidFill = colour
    series.graphicalProperties.line.width = 28575
    series.marker.symbol = "circle"
    series.marker.size = marker_size
    series.marker.graphicalProperties = GraphicalProperties(solidFill=colour)
    series.marker.graphicalProperties.line.solidFill = colour


def _mastery_line(series, width: int) -> None:
    """The mastery bar: a dashed grey line without markers."""
    series.graphicalProperties.line.solidFill = MASTERY
    series.graphicalProperties.line.dashStyle = "dash"
    series.graphicalProperties.line.width = width
    series.marker.symbol = "none"


def _stage_bars(series, stages: Sequence[str], label_size: float) -> None:
    """One bar per stage in the stage's colour, each labelled with its value."""
    series.graphicalProperties.line.noFill = True
    for i, stage in enumerate(stages):
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = STAGE_COLOURS[stage]
        point.graphicalProperties.line.noFill = True
        series.dPt.append(point)
    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(series.dLbls, flag, False)
    series.dLbls.numFmt = "0"
    series.dLbls.position = "outEnd"
    series.dLbls.txPr = _text_props(label_size, INK, True)


def stage_chart(ws: Worksheet, t: dict, first_row: int, last_row: int, cat_col: int,
                 score_col: int, bar_col: int, stages: Sequence[str]) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.style = 10
    chart_title(chart, t["stage_scores"])
    score_axis(chart.y_axis, 20)
    _axis_style(chart.x_axis, 9)
    _axis_style(chart.y_axis, 8)
    data = Reference(ws, min_col=score_col, min_row=first_row - 1, max_row=last_row)
    cats = Reference(ws, min_col=cat_col, min_row=first_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    _stage_bars(chart.series[0], stages, 9)
    chart.gapWidth = 60

    line = LineChart()
    line.add_data(Reference(ws, min_col=bar_col, min_row=first_row - 1, max_row=last_row),
                  titles_from_data=True)
    mastery = line.series[0]
    mastery.tx = SeriesLabel(v=t["mastery_bar"])
    _mastery_line(mastery, 19050)
    mastery.smooth = False
    chart += line
    # the bars carry the stage colours; the legend explains only the dashed mastery bar
    chart.legend.legendEntry = [LegendEntry(idx=0, delete=True)]
    chart.legend.position = "b"
    chart.legend.txPr = _text_props(8, MUTED)
    chart.height = 7.4
    chart.width = 9.6
    return chart


def dimension_chart(ws: Worksheet, t: dict, first_row: int, last_row: int, cat_col: int,
                     score_col: int, bar_col: int) -> RadarChart:
    chart = RadarChart()
    chart.type = "marker"
    chart.style = 10
    chart_title(chart, t["dimension_scores"])
    cats = Reference(ws, min_col=cat_col, min_row=first_row, max_row=last_row)
    for col in (score_col, bar_col):
        chart.add_data(Reference(ws, min_col=col, min_row=first_row - 1, max_row=last_row),
                       titles_from_data=True)
    chart.set_categories(cats)
    score, mastery = chart.series
    score.tx, mastery.tx = SeriesLabel(v=t["score"]), SeriesLabel(v=t["mastery_bar"])
    marker_line(score, DIMENSION_COLOUR, 6)
    _mastery_line(mastery, 15875)
    score_axis(chart.y_axis, 25, grid="D5DAE1")
    _axis_style(chart.x_axis, 8.5)
    _axis_style(chart.y_axis, 7)
    chart.visible_cells_only = False  # the spoke labels live in a hidden column
    chart.legend.position = "b"
    chart.legend.txPr = _text_props(8, MUTED)
    chart.plot_area.layout = Layout(manualLayout=ManualLayout(
        layoutTarget="inner", xMode="edge", yMode="edge", x=0.22, y=0.2, w=0.56, h=0.6))
    return chart


def gap_axis_min(lowest: float, step: int = GAP_STEP) -> int:
    """Where the gap chart's axis starts: 0, or below the lowest gap (gaps run from −100
    to 100) at a whole step, so a negative gap's bar shows to the left of 0."""
    if lowest >= 0:
        return 0
    start = step * math.floor(lowest / step)
    if start > lowest:  # a gap so near 0 that the division lost it
        start -= step
    return max(-100, start)


def gap_chart(ws: Worksheet, t: dict, first_row: int, last_row: int, cat_col: int,
               gap_col: int, stages: Sequence[str], lowest: float = 0) -> BarChart:
    """The gaps as horizontal bars, largest on top; the axis starts below ``lowest``, the
    smallest gap, when it is negative (:func:`gap_axis_min`)."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart_title(chart, t["gap_chart"])
    chart.add_data(Reference(ws, min_col=gap_col, min_row=first_row - 1, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=cat_col, min_row=first_row, max_row=last_row))
    _stage_bars(chart.series[0], stages, 8)
    chart.x_axis.scaling.orientation = "maxMin"  # largest gap on top
    score_axis(chart.y_axis, GAP_STEP)
    chart.y_axis.scaling.min = gap_axis_min(lowest)
    chart.y_axis.crosses = "max"
    # the question labels stay at the left edge, clear of bars below 0
    chart.x_axis.tickLblPos = "low"
    _axis_style(chart.x_axis, 8)
    _axis_style(chart.y_axis, 8)
    chart.gapWidth = 50
    chart.legend = None
    chart.visible_cells_only = False  # the short labels live in a hidden column
    return chart

