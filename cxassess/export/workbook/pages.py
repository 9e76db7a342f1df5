"""Where a sheet's printed pages break, so a printout reads as well as the screen.

Print title rows repeat one block of rows at the top of every page: enough for a sheet of
one table (Roadmap, Gaps, Responses repeat their title and the table's header). A sheet of
several tables (Scores, Departments, Progress, Method) repeats its title rows and breaks its
pages with :class:`Pages`: a table that fits on a page starts a new page rather than run
over, and a heading is never left at the foot of a page without its table. A table's rows
stay one block of cells (no header rows written into it), so it sorts, filters and copies
as it reads on screen.

The pages are computed for Excel's scale when fitting the sheet to one page wide, from the
row heights the sheet sets; LibreOffice scales a little smaller, so its pages hold at
least as much and break at the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from .styles import A4_LONG_IN, A4_SHORT_IN, LINE_PT, PT_PER_UNIT, Sheet


def row_pt(ws: Worksheet, row: int) -> float:
    """The height of ``row`` in points."""
    return ws.row_dimensions[row].height or LINE_PT


def page_room(sheet: Sheet) -> float:
    """The height in points of a landscape A4 page's printed rows, at the scale that fits
    the sheet's shown columns to one page wide."""
    ws = sheet.ws
    margins = ws.page_margins
    width_pt = (A4_LONG_IN - margins.left - margins.right) * 72
    height_pt = (A4_SHORT_IN - margins.top - margins.bottom) * 72
    shown = sum(w for i, w in enumerate(sheet.widths, start=1)
                if not ws.column_dimensions[get_column_letter(i)].hidden)
    return height_pt / min(1.0, width_pt / (shown * PT_PER_UNIT))


class Pages:
    """The printed pages of a sheet whose rows ``1:title_rows`` are its print title rows,
    filled from the top as its writer goes down the rows."""

    def __init__(self, sheet: Sheet, title_rows: int = 2):
        self.sheet, self.title_rows = sheet, title_rows
        sheet.ws.print_title_rows = f"1:{title_rows}"
        self.top = 1  # the first row of the page being filled
        self.counted = 1  # rows top..counted-1 are in used
        self.used = 0.0
        self.room: float | None = None
        self.titles = 0.0

    def _room(self) -> float:
        """The points a page holds below the repeated title rows."""
        if self.room is None:  # the title rows have their heights by now
            self.room = page_room(self.sheet)
            self.titles = sum(row_pt(self.sheet.ws, r) for r in range(1, self.title_rows + 1))
        return self.room - self.titles

    def _fits(self, row: int, height: float) -> bool:
        """Whether ``height`` points from ``row`` on still fit on the page being filled."""
        ws = self.sheet.ws
        room = self._room() + (self.titles if self.top == 1 else 0)
        while self.counted < row:
            self.used += row_pt(ws, self.counted)
            self.counted += 1
        return self.used + height <= room

    def keep(self, row: int, height: float) -> None:
        """Start a new page at ``row`` unless the ``height`` points from it on fit on this
        one."""
        if row > self.top and not self._fits(row, height):
            self.sheet.ws.row_breaks.append(Break(id=row - 1))
            self.top = self.counted = row
            self.used = 0.0

    def header_height(self, labels: Sequence[tuple[int, int, str]]) -> float:
        """The height :meth:`Sheet.header` gives a row of ``labels``."""
        return self.sheet.height([(f, l, t, 10.5, True) for f, l, t in labels])

    def table(self, row: int, above: float, rows: Iterable[float]) -> None:
        """Keep the table starting at ``row`` together: ``above`` points of heading and
        header, then ``rows`` (each row's height). A table that fits on a page starts a
        new one rather than run over; a longer one starts a new page unless its heading,
        header and first two rows fit on this one."""
        heights = list(rows)
        whole = above + sum(heights)
        if whole <= self._room():
            self.keep(row, whole)
        else:
            self.keep(row, above + sum(heights[:2]))
