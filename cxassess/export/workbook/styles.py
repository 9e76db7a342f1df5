"""Shared look and cell writing of the workbook: the palette, fonts and alignments, the
one choke point every cell goes through (:func:`put`), text measurement for row heights,
page setup, and the :class:`Sheet` helper every sheet module builds on.

Every text that reaches a cell goes through :func:`put`, which stores strings as strings
(``data_type = "s"``): a respondent called ``=SUM(A1)`` or a note ``+45 …`` is shown as
typed and never becomes a formula. Cells whose text starts with ``= + - @`` (or a tab or
carriage return, as OWASP's CSV-injection guidance lists) also get Excel's *quote prefix*
style, so editing the cell later does not turn it into a formula either; the visible text
is unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from copy import copy
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from ...celltext import clean_text
from ...models import STAGE_LABELS
from .labels import T

if TYPE_CHECKING:  # pragma: no cover
    from ...report import Report

# --------------------------------------------------------------------------- palette

STAGE_COLOURS = {"understand": "2E5C8A", "fix": "C8553D", "refine": "3C8D5A",
                 "seduce": "7A52B3"}
"""One colour per stage, used in every sheet and chart."""
STAGE_TINTS = {"understand": "DCE6F2", "fix": "F8E0D9", "refine": "DCEFE2",
               "seduce": "E9E1F4"}
NAVY = "1F3A5F"
INK = "1F2937"
MUTED = "5B6472"
RULE = "C5CCD6"
BAND = "F4F6F9"
INPUT = "FFF8E1"
INPUT_HEAD = "8A6D1F"
PHASE_BAND = "E6EBF2"
MASTERY = "8A94A6"
DIMENSION_COLOUR = "1F3A5F"

FONT = "Calibri"
LINE_PT = 15.0  # height of one line of 11 pt text, in points
HEADING_PT = 22  # height of a heading row (Sheet.heading), in points
PRIORITY_FORMAT = "0.0"

THIN = Side(style="thin", color=RULE)
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNDER = Border(bottom=Side(style="medium", color=NAVY))

# --------------------------------------------------------------------------- cells

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
"""How text starts that a spreadsheet could take for a formula (OWASP's CSV-injection list)."""
FOOTER_TEXT = 60
"""Longest organisation name in a page footer, in characters after escaping ``&``: it
stays clear of the sheet name in the middle, and the whole footer (with its codes and the
page label) under Excel's 255."""


def footer_text(text: str, limit: int = FOOTER_TEXT) -> str:
    """``text`` for a page header or footer: cleaned, every ``&`` doubled (a single one
    starts a code such as ``&P``), and at most ``limit`` characters long, cut before the
    escaping so a doubled ``&`` is never split."""
    text = clean_text(text)
    if len(text.replace("&", "&&")) <= limit:
        return text.replace("&", "&&")
    text = text[:limit]
    while len(text.replace("&", "&&")) > limit - 1:
        text = text[:-1]
    return text.replace("&", "&&") + "…"


def put(ws: Worksheet, row: int, col: int, value: Any = None, **style: Any):
    """Write one cell. Strings are always stored as text, never as formulas. ``style``:
    the keywords of :func:`style_cell`."""
    cell = ws.cell(row=row, column=col)
    quote = False
    if isinstance(value, str):
        # stored as openpyxl's ``cell.value = text`` would, less its check for characters
        # and length that clean_text has made true already
        cell._value = text = clean_text(value)
        cell.data_type = "s"
        quote = text.startswith(RISKY_START)
    elif value is not None:
        cell.value = value
    return style_cell(cell, quote=quote, **style)


def style_cell(cell, *, font: Font | None = None, fill: str | None = None,
               align: Alignment | None = None, border: Border | None = None,
               fmt: str | None = None, quote: bool = False):
    """Style one cell; ``quote`` gives it Excel's quote prefix."""
    if quote:
        cell.quotePrefix = True
    if font is None and fill is None and align is None and border is None and fmt is None:
        return cell
    # Setting a style through openpyxl hashes every style object each time; a fresh cell
    # with a combination seen before gets a copy of that cell's style instead (the style
    # objects are cached, so their ids are stable for the workbook's lifetime).
    cache = _style_cache(cell.parent)
    style = cell._style
    styled = style is not None and any(style)  # cell.has_style, without the lookups
    key = (id(font), fill, id(align), id(border), fmt, styled and bool(style.quotePrefix))
    if not styled and key in cache:
        cell._style = StyleArray(cache[key][0])
        return cell
    fresh = not styled or (cell.quotePrefix and not _has_other_style(cell))
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = solid_fill(fill)
    if align is not None:
        cell.alignment = align
    if border is not None:
        cell.border = border
    if fmt is not None:
        cell.number_format = fmt
    if fresh:
        cache[key] = (copy(cell._style), font, align, border)
    return cell


def _style_cache(ws: Worksheet) -> dict:
    wb = ws.parent
    cache = getattr(wb, "_cxassess_styles", None)
    if cache is None:
        cache = wb._cxassess_styles = {}
    return cache


_EDGES = ("top", "left", "right", "bottom")


def merge_cells(ws: Worksheet, first_row: int, first_col: int, last_row: int,
                last_col: int) -> None:
    """``ws.merge_cells`` with the same result, without its cost: openpyxl re-styles
    every covered cell one by one (each style hashed twice); here a covered cell gets a
    copy of the style its edge position gives it, worked out once per start-cell border.
    The covered cells carry only the start cell's border on the range's edges, as in
    openpyxl; whatever they held before is dropped. The range overlaps no range merged
    before (Excel refuses a file with overlapping ones), so it is added without openpyxl's
    search of those."""
    ref = (f"{get_column_letter(first_col)}{first_row}:"
           f"{get_column_letter(last_col)}{last_row}")
    mcr = MergedCellRange(ws, ref)  # takes the bottom-right cell's border, as openpyxl does
    ws.merged_cells.ranges.add(mcr)
    start = mcr.start_cell
    cache = _style_cache(ws)
    start_key = ("merged", start._style.borderId, start._style.protectionId)
    for row in range(first_row, last_row + 1):
        for col in range(first_col, last_col + 1):
            if row == first_row and col == first_col:
                continue
            edges = (row == first_row, col == first_col, col == last_col, row == last_row)
            key = (*start_key, edges)
            if key not in cache:
                template = MergedCell(ws)
                template._style = StyleArray()
                for name, on_edge in zip(_EDGES, edges):
                    side = getattr(start.border, name)
                    if on_edge and not (side and side.style is None):
                        template.border += Border(**{name: side})
                template._style.protectionId = start._style.protectionId  # a copy's index
                cache[key] = template._style
            cell = MergedCell(ws, row, col)
            cell._style = StyleArray(cache[key])
            ws._cells[row, col] = cell


def _has_other_style(cell) -> bool:
    st = cell._style
    return bool(st.fontId or st.fillId or st.borderId or st.numFmtId or st.alignmentId)


@lru_cache(maxsize=None)
def font_style(size: float = 11, bold: bool = False, color: str = INK, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, color=color, italic=italic)


@lru_cache(maxsize=None)
def alignment(**kwargs: Any) -> Alignment:
    return Alignment(**kwargs)


@lru_cache(maxsize=None)
def solid_fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=colour, end_color=colour)


WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
TOP = Alignment(vertical="top")
TOP_CENTER = Alignment(vertical="top", horizontal="center")
HEAD = Alignment(wrap_text=True, vertical="center")
HEAD_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


# Advance widths of Calibri (and the metric-compatible Carlito), in 1/100 em: enough to
# estimate how many lines a wrapped cell needs, so rows get a height that shows all text
# in Excel and LibreOffice alike (neither fits row heights to merged cells by itself).
_GLYPHS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
           "abcdefghijklmnopqrstuvwxyz{|}~æøåÆØÅéèüöäÉÜÖÄ–—“”‘’…•·«»°×")
_ADVANCES = (23, 33, 40, 50, 51, 71, 68, 22, 30, 30, 50, 50, 25, 31, 25, 39, 51, 51, 51, 51,
             51, 51, 51, 51, 51, 51, 27, 27, 50, 50, 50, 46, 89, 58, 54, 53, 62, 49, 46, 63,
             62, 25, 32, 52, 42, 85, 65, 66, 52, 67, 54, 46, 49, 64, 57, 89, 52, 49, 47, 31,
             39, 31, 50, 50, 29, 48, 53, 42, 53, 50, 31, 47, 53, 23, 24, 45, 23, 80, 53, 53,
             53, 53, 35, 39, 33, 53, 45, 71, 43, 45, 40, 31, 46, 31, 50, 77, 53, 48, 76, 66,
             58, 50, 50, 53, 53, 48, 49, 64, 66, 58, 50, 91, 42, 42, 25, 25, 69, 50, 25, 51,
             51, 34, 50)
_EM = dict(zip(_GLYPHS, (a / 100 for a in _ADVANCES)))
PT_PER_UNIT = 5.25  # one unit of column width is 7 px at 96 dpi in Excel
A4_LONG_IN, A4_SHORT_IN = 297 / 25.4, 210 / 25.4


def _em(text: str) -> float:
    return sum(_EM.get(ch, 0.55 if ch < "\u2e80" else 1.0) for ch in text)


def count_lines(text: str, width: float, size: float = 11, bold: bool = False) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` units wide."""
    room = max(1.0, (width * PT_PER_UNIT - 5) / (size * (1.04 if bold else 1.0)))
    total = 0
    for part in (text or "").split("\n"):
        lines, used = 1, 0.0
        for word in part.split(" "):
            w = _em(word)
            if used and used + _EM[" "] + w > room:
                lines, used = lines + 1, 0.0
            elif used:
                used += _EM[" "]
            while w > room:  # a word longer than the line breaks anywhere
                lines, w = lines + 1, w - room
            used += w
        total += lines
    return total


def line_pt(size: float) -> float:
    """Height of one line of text in Excel (15 pt for 11 pt Calibri)."""
    return size * 1.3 + 0.75


@lru_cache(maxsize=2**16)
def text_height(text: str | None, width: float, size: float, bold: bool = False) -> float:
    """Height (points) of ``text`` in a wrapped cell ``width`` units wide."""
    return count_lines(str(text or ""), width, size, bold) * line_pt(size)


def row_height(tallest: float) -> int:
    """The height to give a row whose tallest text is ``tallest`` points high."""
    return math.ceil(tallest + 2)


class Sheet:
    """A worksheet with known column widths, so rows of wrapped text get a fitting
    height (LibreOffice does not fit row heights when it opens an .xlsx, and neither
    application fits rows with merged cells)."""

    def __init__(self, ws: Worksheet, widths: Sequence[float], lang: str, org: str,
                 tab: str = NAVY):
        self.ws, self.widths, self.lang = ws, list(widths), lang
        for i, w in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.sheet_view.showGridLines = False
        ws.sheet_properties.tabColor = tab
        _page_setup(ws, lang, org)

    @property
    def ncols(self) -> int:
        return len(self.widths)

    def width(self, first: int, last: int | None = None) -> float:
        last = first if last is None else last
        return sum(self.widths[first - 1:last])

    def fit(self, row: int, cells: Iterable[tuple], minimum: float = 1):
        """Set ``row``'s height to the tallest of ``cells``: (first col, last col, text,
        font size[, bold])."""
        self.ws.row_dimensions[row].height = self.height(cells, minimum)

    def height(self, cells: Iterable[tuple], minimum: float = 1) -> int:
        """The height (points) of a row holding ``cells``, as :meth:`fit` sets it."""
        height = minimum * LINE_PT
        for first, last, text, size, *bold in cells:
            height = max(height, text_height(text, self.width(first, last), size,
                                             bool(bold and bold[0])))
        return row_height(height)

    def merge(self, row: int, first: int, last: int, value: Any = None, **style):
        cell = put(self.ws, row, first, value, **style)
        if last > first:
            merge_cells(self.ws, row, first, row, last)
        return cell

    def title(self, text: str, subtitle: str = "") -> int:
        """Title row (and a subtitle row); returns the next free row."""
        self.merge(1, 1, self.ncols, text, font=font_style(16, True, "FFFFFF"), fill=NAVY,
                   align=alignment(vertical="center", indent=1))
        self.ws.row_dimensions[1].height = 30
        if subtitle:
            self.merge(2, 1, self.ncols, subtitle, font=font_style(11, False, MUTED),
                       align=alignment(vertical="center", indent=1, wrap_text=True))
            self.ws.row_dimensions[2].height = 20
            return 4
        return 3

    def heading(self, row: int, text: str, first: int = 1, last: int | None = None) -> int:
        last = self.ncols if last is None else last
        for col in range(first, last + 1):
            put(self.ws, row, col, text if col == first else None,
                 font=font_style(12, True, NAVY), border=UNDER,
                 align=alignment(vertical="bottom"))
        self.ws.row_dimensions[row].height = HEADING_PT
        return row + 1

    def header(self, row: int, labels: Sequence[tuple[int, int, str]], centre: Iterable[int] = ()):
        """A table header row: (first col, last col, label)."""
        centre = set(centre)
        for first, last, label in labels:
            self.merge(row, first, last, label, font=font_style(10.5, True, "FFFFFF"), fill=NAVY,
                       align=HEAD_CENTER if first in centre else HEAD, border=BOX)
        self.fit(row, [(f, l, t, 10.5, True) for f, l, t in labels])


def _page_setup(ws: Worksheet, lang: str, org: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.header = 0.2
    ws.page_margins.footer = 0.25
    ws.oddFooter.left.text = footer_text(org)
    ws.oddFooter.left.size = 8
    ws.oddFooter.left.color = MUTED
    ws.oddFooter.center.text = "&A"
    ws.oddFooter.center.size = 8
    ws.oddFooter.center.color = MUTED
    ws.oddFooter.right.text = T[lang]["page"]
    ws.oddFooter.right.size = 8
    ws.oddFooter.right.color = MUTED


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def stage_label(stage: str, lang: str) -> str:
    return STAGE_LABELS[stage][lang]


def stage_cell(sheet: Sheet, row: int, col: int, stage: str) -> None:
    put(sheet.ws, row, col, stage_label(stage, sheet.lang),
         font=font_style(10.5, True, STAGE_COLOURS[stage]), fill=STAGE_TINTS[stage],
         align=TOP, border=BOX)



def columns_cm(sheet: Sheet, first: int, last: int) -> float:
    return sheet.width(first, last) * 7 / 96 * 2.54


def rows_cm(ws: Worksheet, first: int, last: int) -> float:
    points = sum(ws.row_dimensions[r].height or LINE_PT for r in range(first, last + 1))
    return points / 72 * 2.54


def respondent_summary(report: Report) -> str:
    departments = []
    for r in report.respondents:
        d = r.get("department", "")
        if d and d not in departments:
            departments.append(d)
    text = str(len(report.respondents))
    return f"{text} ({', '.join(departments)})" if departments else text

