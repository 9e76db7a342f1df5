"""The Gaps chart shows a negative gap as a bar left of 0, not only as a label: its axis
starts below the lowest gap when that is negative."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cxassess import pipeline
from cxassess.export.workbook.charts import GAP_STEP, gap_axis_min

from helpers import BUILTIN_ONLY, ROOT, reload_workbook


@given(st.floats(min_value=-100, max_value=100, allow_nan=False))
def test_the_axis_starts_at_0_or_the_first_step_below_the_lowest_gap(lowest):
    start = gap_axis_min(lowest)
    assert start % GAP_STEP == 0 and -100 <= start <= 0
    assert start <= lowest  # every bar starts inside the chart
    if lowest >= 0:
        assert start == 0
    else:
        assert lowest - start <= GAP_STEP  # no empty step left of the lowest bar


def _gap_axes(name: str):
    from cxassess.plugins import load_plugins

    result = pipeline.run(ROOT / "examples" / name, load_plugins(env=BUILTIN_ONLY), "en")
    (chart,) = reload_workbook(result)["Gaps"]._charts
    return result.report.gaps, chart


def test_negative_gaps_get_room_left_of_0():
    gaps, chart = _gap_axes("harbour-mobility.toml")
    assert min(g.gap for g in gaps) < 0  # the example has gaps below 0
    assert chart.y_axis.scaling.min == -25 and chart.y_axis.scaling.max == 100
    assert chart.x_axis.tickLblPos == "low"  # the labels stay clear of bars below 0


def test_without_negative_gaps_the_axis_starts_at_0():
    gaps, chart = _gap_axes("nordlys-energi.toml")
    assert gaps and min(g.gap for g in gaps) >= 0
    assert chart.y_axis.scaling.min == 0
