"""The Trend workbook: ``cxassess compare OLD NEW… -o TREND.xlsx``.

Two sheets, named in the comparison's language (the latest assessment's, or ``--lang``):

=========  ==========  ================================================================
en         da          holds
=========  ==========  ================================================================
Trend      Udvikling   stage and dimension scores per assessment date with the change,
                       the current stage at each date, a line chart for the stages and
                       one for the dimensions
Progress   Fremskridt  the baseline roadmap's initiatives done / open and the latest
                       roadmap's new ones, then the questions that moved
=========  ==========  ================================================================

It renders the :class:`~cxassess.compare.Comparison` the core computed, with the executive
workbook's styles, page set-up and safety (text never becomes a formula; the file is
written atomically).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

from .excel import save_workbook, set_properties
from .workbook import progress, trend
from .workbook.labels import T

if TYPE_CHECKING:  # pragma: no cover
    from ..compare import Comparison

__all__ = ["SHEETS", "build_trend_workbook", "write_trend_workbook"]

SHEET_MODULES = (trend, progress)
SHEETS = {lang: [m.NAME[lang] for m in SHEET_MODULES] for lang in ("en", "da")}
"""Sheet names by language, in workbook order."""

TITLE = {"en": "Customer experience maturity over time",
         "da": "Modenhed i kundeoplevelsen over tid"}


def build_trend_workbook(comparison: Comparison) -> Workbook:
    """The Trend workbook of a comparison, in its language."""
    t = T[comparison.language]
    wb = Workbook()
    for sheet in SHEET_MODULES:
        sheet.write(wb, comparison, t)
    wb.active = 0
    set_properties(wb, comparison.language, f"{TITLE[comparison.language]}: "
                                            f"{comparison.latest.organisation}")
    return wb


def write_trend_workbook(comparison: Comparison, path: Path) -> None:
    """Write the Trend workbook to ``path`` atomically (an earlier file stays untouched
    when the export fails)."""
    save_workbook(build_trend_workbook(comparison), path)
