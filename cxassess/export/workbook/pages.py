"""Where a sheet's printed pages break, so a printout reads as well as the screen.

Every sheet's writer fills its pages with :class:`Pages` as it goes down the rows: a block
of rows (a Roadmap card) or a table that fits on a page starts a new page rather than run
over, a heading is never left at the foot of a page without its table, and the rows below
the title repeat at the top of every page (the title, and on a sheet of one table its
header).

A table longer than a page has to run over pages. When it is the sheet's only such table
and its last, its heading and header are the rows repeated at the top of the pages it runs
onto instead (a page starting above them shows none), and the sheet's title goes into the
page header of every page but the first, so each page still names the sheet and every
column. Print title rows are one block of rows for the whole sheet, so a long table with
another after it still prints its later pages without its header. No header row is ever
written among a table's rows: they stay one block of cells, so a sort, filter or program
reads them as they show on screen.

The pages are computed for Excel's scale when fitting the sheet to one page wide, from the
row heights the sheet sets; LibreOffice scales a little smaller, so its pages hold at
least as much.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from .styles import A4_LONG_IN, A4_SHORT_IN, LINE_PT, PT_PER_UNIT, Sheet, footer_text


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
    """The printed pages of a sheet whose rows ``1:title_rows`` repeat at the top of every
    page, filled from the top as its writer goes down the rows. Each call names rows
    already written (their heights set), in the order of the rows; :meth:`finish` ends
    the sheet. The page breaks a sheet has already are kept and followed, so a later
    writer (the carried-over work below the Roadmap) fills its pages on from them."""

    def __init__(self, sheet: Sheet, title_rows: int = 2):
        self.sheet, self.title_rows = sheet, title_rows
        sheet.ws.print_title_rows = f"1:{title_rows}"
        self.next = title_rows + 1  # the first row not yet counted onto a page
        self.used = 0.0  # points of the page being filled, rows up to self.next
        self._room: float | None = None
        self.long: list[tuple[int, int, int]] = []  # tables longer than a page
        self.breaks = {b.id for b in sheet.ws.row_breaks.brk}  # a page's last rows

    def _height(self, first: int, last: int) -> float:
        dims = self.sheet.ws.row_dimensions
        return sum(dims[r].height or LINE_PT for r in range(first, last + 1))

    @property
    def room(self) -> float:
        """The points a page holds below the repeated title rows."""
        if self._room is None:  # the title rows have their heights by now
            self._room = page_room(self.sheet) - self._height(1, self.title_rows)
        return self._room

    def _count(self, row: int) -> None:
        """Put the rows before ``row`` onto the pages, a row that does not fit on the
        page being filled starting the next one (as Excel and LibreOffice print it)."""
        dims, room = self.sheet.ws.row_dimensions, self.room
        for r in range(self.next, row):
            height = dims[r].height or LINE_PT
            if r - 1 in self.breaks or self.used and self.used + height > room:
                self.used = 0.0
            self.used += height
        self.next = max(self.next, row)

    def block(self, first: int, last: int) -> None:
        """Keep rows ``first..last`` on one page: they start a new page unless they fit
        on this one (rows longer than a page start a new page unless it is empty)."""
        self._count(first)
        if self.used and self.used + self._height(first, last) > self.room:
            self.sheet.ws.row_breaks.append(Break(id=first - 1))
            self.used = 0.0

    def table(self, first: int, last: int, head: int = 2) -> None:
        """Keep the table of rows ``first..last`` together, its first ``head`` rows its
        heading and header: a table that fits on a page starts a new one rather than run
        over; a longer one starts a new page unless its head and first two rows fit on
        this one, and is remembered for :meth:`finish`."""
        if self._height(first, last) <= self.room:
            self.block(first, last)
        else:
            self.block(first, min(last, first + head + 1))
            self.long.append((first, first + head - 1, last))

    def finish(self, title: str) -> None:
        """End the sheet, whose title is ``title``: when its only table longer than a page
        is its last, that table's head repeats at the top of the pages it runs onto and
        ``title`` heads every page but the first."""
        ws = self.sheet.ws
        if len(self.long) != 1 or self.long[0][2] < ws.max_row:
            return
        first, header, _ = self.long[0]
        ws.print_title_rows = f"{first}:{header}"
        hf = ws.HeaderFooter
        hf.differentFirst = True
        hf.oddHeader.center.text = footer_text(title, 120)
        hf.oddHeader.center.size = 9
        hf.oddHeader.center.color = hf.oddFooter.center.color
        for part in ("left", "center", "right"):  # the first page keeps the footer
            setattr(hf.firstFooter, part, getattr(hf.oddFooter, part))
