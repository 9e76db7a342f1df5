"""The workbook's charts: stage scores (bars with the mastery bar), dimension scores
(radar) and the largest gaps (horizontal bars), in the stage colours."""

from __future__ import annotations

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
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 20
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="E3E7ED"))
    chart.y_axis.number_format = "0"
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
    mastery.graphicalProperties.line.solidFill = MASTERY
    mastery.graphicalProperties.line.dashStyle = "dash"
    mastery.graphicalProperties.line.width = 19050
    mastery.marker.symbol = "none"
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
    score.graphicalProperties.line.solidFill = DIMENSION_COLOUR
    score.graphicalProperties.line.width = 28575
    score.marker.symbol = "circle"
    score.marker.size = 6
    score.marker.graphicalProperties = GraphicalProperties(solidFill=DIMENSION_COLOUR)
    score.marker.graphicalProperties.line.solidFill = DIMENSION_COLOUR
    mastery.graphicalProperties.line.solidFill = MASTERY
    mastery.graphicalProperties.line.dashStyle = "dash"
    mastery.graphicalProperties.line.width = 15875
    mastery.marker.symbol = "none"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 25
    chart.y_axis.number_format = "0"
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="D5DAE1"))
    _axis_style(chart.x_axis, 8.5)
    _axis_style(chart.y_axis, 7)
    chart.visible_cells_only = False  # the spoke labels live in a hidden column
    chart.legend.position = "b"
    chart.legend.txPr = _text_props(8, MUTED)
    chart.plot_area.layout = Layout(manualLayout=ManualLayout(
        layoutTarget="inner", xMode="edge", yMode="edge", x=0.22, y=0.2, w=0.56, h=0.6))
    return chart


def gap_chart(ws: Worksheet, t: dict, first_row: int, last_row: int, cat_col: int,
               gap_col: int, stages: Sequence[str]) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart_title(chart, t["gap_chart"])
    chart.add_data(Reference(ws, min_col=gap_col, min_row=first_row - 1, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=cat_col, min_row=first_row, max_row=last_row))
    _stage_bars(chart.series[0], stages, 8)
    chart.x_axis.scaling.orientation = "maxMin"  # largest gap on top
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 25
    chart.y_axis.number_format = "0"
    chart.y_axis.crosses = "max"
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="E3E7ED"))
    _axis_style(chart.x_axis, 8)
    _axis_style(chart.y_axis, 8)
    chart.gapWidth = 50
    chart.legend = None
    chart.visible_cells_only = False  # the short labels live in a hidden column
    return chart

