"""Saving the workbook fast, with big sheets streamed straight into the file.

openpyxl writes every cell through a pure-Python element tree, and a sheet's rows must
all exist as ``Cell`` objects first: at 500 respondents that is most of an export's time,
and at 5,000 it does not fit in memory. So :class:`ExportWorkbook` saves with openpyxl for
everything but the rows (sheet setup, styles, charts, validations, page setup), and writes
the rows' XML itself:

- the cells a sheet module put in memory, each the way openpyxl would write it;
- then, for a sheet that asked for it with :func:`stream_rows`, rows made one at a time
  while the file is written, never held as cells (the Responses sheet: one row per
  answer). Their texts go through :func:`~.styles.clean_text` like every other text.

A sheet without streamed rows that holds a cell the fast path does not know (a date, a
formula, rich text, a comment or a hyperlink) is written by openpyxl's own writer instead.
A sheet with streamed rows has no such fallback, since its rows never exist as cells: its
cells in memory and its streamed values must be text, numbers, booleans or empty, and
anything else stops the save with a ``ValueError`` naming the sheet, rather than being
written wrong.

Memory stays flat in respondents: rows go into the file a row at a time through a small
buffer (a sheet's XML is never whole in memory), the streamed cells' XML is remembered for
a bounded number of values, and each sheet lets its cells go once it is in the file.
"""

from __future__ import annotations

import datetime
import io
from copy import copy
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.utils.exceptions import WorkbookAlreadySaved
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import RowDimension, SheetDimension
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .styles import RISKY_START, clean_text, style_cell

if TYPE_CHECKING:  # pragma: no cover
    from .carry import CarryOver

_MARKER = "cxassess-rows"
_MERGED = "cxassess-merged-cells"
_FAST_TYPES = {"s", "n", "b"}
_PROGRESS = 100  # streamed rows between two calls of the progress callback
_KNOWN = 512  # streamed cells remembered at most, so memory does not grow with respondents


class CellFormat(NamedTuple):
    """A streamed cell's style, without and with Excel's quote prefix (given to text that
    starts like a formula). Its index among the workbook's cell formats is taken when
    the first cell that uses it is written, as openpyxl does for cells in memory."""

    plain: StyleArray
    quoted: StyleArray


def cell_format(ws: Worksheet, **style: Any) -> CellFormat:
    """The format of streamed cells with ``style`` (the keywords of
    :func:`~.styles.put`)."""
    return CellFormat(copy(style_cell(Cell(ws), **style)._style),
                      copy(style_cell(Cell(ws), quote=True, **style)._style))


Row = tuple[float | None, Sequence[tuple[Any, CellFormat | None]]]
"""A streamed row: its height in points (None: the default) and its cells from column A,
each a value and its format (None: unstyled)."""


@dataclass
class Stream:
    first_row: int
    last_row: int
    last_col: int
    rows: Callable[[], Iterable[Row]]


class StyleList(IndexedList):
    """openpyxl's list of a workbook's fonts (fills, borders, …), finding an object it
    was given before by identity. openpyxl hashes a style object field by field each time
    a cell is given it; the sheet modules give the same cached objects (``font_style``,
    ``BOX``, …) again and again, so each is hashed once per workbook instead. The list
    and the indexes are the ones openpyxl's own list would hold."""

    def __init__(self, items: Iterable = ()) -> None:
        super().__init__(items)
        self._seen: dict[int, tuple[Any, int]] = {}  # id → (the object, kept alive; index)

    def add(self, value: Any) -> int:
        seen = self._seen.get(id(value))
        if seen is not None and seen[0] is value:
            return seen[1]
        index = self._dict.get(value)  # as IndexedList.add, hashing the object once less
        if index is None:
            index = self._dict[value] = len(self)
            list.append(self, value)
        self._seen[id(value)] = (value, index)
        return index


class ExportWorkbook(Workbook):
    """An openpyxl workbook that saves with the fast writer and holds streamed sheets.
    It is saved once, as openpyxl's write-only workbooks are: each sheet lets its cells go
    as soon as they are in the file, so a save holds no more than the sheets still to
    write."""

    def __init__(self) -> None:
        super().__init__()
        for name in ("_fonts", "_fills", "_borders", "_alignments", "_protections"):
            setattr(self, name, StyleList(getattr(self, name)))
        self.streams: dict[Worksheet, Stream] = {}
        self.progress: Callable[[int, int], None] | None = None
        """Called with (rows written, rows in all) as streamed rows are saved."""
        self.saved = False
        self.carried: CarryOver | None = None
        """What the carry-over of an earlier workbook's work did, when there was one."""

    def save(self, filename) -> None:
        if self.saved:
            raise WorkbookAlreadySaved("an export workbook is saved once")
        self.saved = True
        # level 3 instead of zlib's 6: a third of the time on a big Responses sheet, for
        # a file about a fifth larger
        archive = ZipFile(filename, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=3)
        self.properties.modified = datetime.datetime.now(
            tz=datetime.timezone.utc).replace(tzinfo=None)
        _Writer(self, archive).save()


def stream_rows(ws: Worksheet, first_row: int, count: int, last_col: int,
                rows: Callable[[], Iterable[Row]]) -> None:
    """Have ``ws`` hold ``count`` rows from ``first_row`` on, made by ``rows()`` only when
    the workbook is saved. Every row the sheet put in memory must come before them."""
    ws.parent.streams[ws] = Stream(first_row, first_row + count - 1, last_col, rows)


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, leaving a marker where the rows go."""

    def __init__(self, ws: Worksheet, stream: Stream | None):
        self.stream = stream
        odd = _odd_cell(ws._cells.values())
        # no fallback for streamed rows: they are not cells openpyxl could write
        if odd is not None and stream is not None:
            raise ValueError(f"{ws.title}!{odd.coordinate}: a sheet with streamed rows "
                             "holds only text, numbers and booleans")
        self.fast = odd is None
        super().__init__(ws, out=io.BytesIO())  # in memory: no temporary file to make and remove

    def write_dimensions(self) -> None:
        if self.stream is None or self.stream.last_row < self.stream.first_row:
            return super().write_dimensions()
        last = f"{get_column_letter(self.stream.last_col)}{self.stream.last_row}"
        self.xf.send(SheetDimension(f"A1:{last}").to_tree())

    def write_merged_cells(self) -> None:
        # as openpyxl writes them, without building a MergeCell object for each; the
        # ranges are spliced in for the marker (see merged_cells)
        ranges = self.ws.merged_cells.ranges
        if ranges:
            xf = self.xf.send(True)
            with xf.element("mergeCells", count=str(len(ranges))):
                xf.write(_MERGED)
            self.xf.send(None)

    def merged_cells(self) -> bytes:
        """The merged ranges' XML, as openpyxl writes each."""
        return "".join(f'<mergeCell ref="{cells.coord}" />'
                       for cells in self.ws.merged_cells.ranges).encode()

    def write_rows(self) -> None:
        if not self.fast:
            return super().write_rows()
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            xf.write(_MARKER)
        self.xf.send(None)

    def sheet_data(self) -> Iterator[str]:
        """The rows' XML, a row at a time."""
        dims = self.ws.row_dimensions
        add_style = self.ws.parent._cell_styles.add
        styles: dict[bytes, str] = {}  # a cell style's bytes → its s="…", as style_id gives it
        for index, cells in self.rows():
            if self.stream is not None and index >= self.stream.first_row:
                raise ValueError(f"{self.ws.title}: row {index} is in memory and streamed")
            attrs = _row_attributes(dims[index]) if index in dims else ""
            row = [f'<row r="{index}"{attrs}>']
            for cell in cells:
                value, st = cell._value, cell._style
                if st is not None and any(st):  # has_style
                    key = st.tobytes()
                    style = styles.get(key)
                    if style is None:
                        style = styles[key] = f' s="{add_style(st)}"'
                elif value is None:
                    continue
                else:
                    style = ""
                row.append(f'<c r="{get_column_letter(cell.column)}{index}"'
                           + _cell(style, cell.data_type, value))
            row.append("</row>")
            yield "".join(row)
        if self.stream is not None:
            yield from _streamed(self.stream, self.ws.parent._cell_styles.add,
                                 self.ws.parent.progress, self.ws.title)


def _row_attributes(dim: RowDimension) -> str:
    """A row's attributes as openpyxl writes them: quickly for a row with only a height."""
    if not (dim.has_style or dim.hidden or dim.outlineLevel or dim.collapsed or dim.thickBot
            or dim.thickTop):
        return "" if dim.ht is None else f' ht="{safe_string(dim.ht)}" customHeight="1"'
    return "".join(f' {k}="{v}"' for k, v in dim)


def _odd_cell(cells: Iterable[Cell]) -> Cell | None:
    """The first of ``cells`` the fast path does not write, None when it writes them all."""
    for cell in cells:
        value = cell._value
        if (cell.data_type not in _FAST_TYPES or cell._comment is not None
                or cell.hyperlink is not None
                or not (value is None or isinstance(value, (str, int, float)))):
            return cell
    return None


def _text(value: str) -> str:
    space = ' xml:space="preserve"' if value.strip() and value != value.strip() else ""
    return f"<is><t{space}>{escape(value)}</t></is>"


def _cell(style: str, data_type: str, value: Any) -> str:
    """One cell's XML after ``<c r="…"``, as openpyxl writes it."""
    if data_type == "s":
        if not value:
            return f'{style} t="inlineStr" />'
        return f'{style} t="inlineStr">{_text(value)}</c>'
    if value is None:
        return f'{style} t="{data_type}" />'
    return f'{style} t="{data_type}"><v>{safe_string(value)}</v></c>'


def _streamed(stream: Stream, style_id: Callable[[StyleArray], int],
              progress: Callable[[int, int], None] | None = None,
              sheet: str = "") -> Iterator[str]:
    letters = [get_column_letter(c) for c in range(1, stream.last_col + 1)]
    known: dict[tuple, str] = {}  # (type, value, id of format) → the cell's XML after r
    heights: dict[float | None, str] = {None: ""}
    for index, (height, cells) in enumerate(stream.rows(), start=stream.first_row):
        if index > stream.last_row:
            raise ValueError(f"more rows than the {stream.last_row - stream.first_row + 1} "
                             "announced")
        ht = heights.get(height)
        if ht is None:
            ht = heights[height] = f' ht="{safe_string(height)}" customHeight="1"'
        row = [f'<row r="{index}"{ht}>']
        for letter, (value, fmt) in zip(letters, cells):
            key = (type(value), value, id(fmt))
            tail = known.get(key)
            if tail is None:
                if len(known) >= _KNOWN:
                    known.clear()
                try:
                    tail = known[key] = _streamed_cell(value, fmt, style_id)
                except ValueError as exc:
                    raise ValueError(f"{sheet}!{letter}{index}: {exc}") from None
            if tail:
                row.append(f'<c r="{letter}{index}"{tail}')
        row.append("</row>")
        yield "".join(row)
        if progress is not None and index % _PROGRESS == 0:
            progress(index - stream.first_row + 1, stream.last_row - stream.first_row + 1)


def _streamed_cell(value: Any, fmt: CellFormat | None,
                   style_id: Callable[[StyleArray], int]) -> str:
    """A streamed cell's XML after ``<c r="…"``: what :func:`~.styles.put` and openpyxl
    would make of the value; empty for an empty, unstyled cell."""
    if isinstance(value, str):
        value = clean_text(value)
        style = "" if fmt is None else \
            f' s="{style_id(fmt.quoted if value.startswith(RISKY_START) else fmt.plain)}"'
        return _cell(style, "s", value)
    if value is not None and not isinstance(value, (int, float)):
        raise ValueError("a streamed cell holds text, a number, a boolean or nothing, not "
                         f"{type(value).__name__} ({value!r})")
    if value is None and fmt is None:
        return ""
    style = "" if fmt is None else f' s="{style_id(fmt.plain)}"'
    return _cell(style, "b" if isinstance(value, bool) else "n", value)


class _Writer(ExcelWriter):
    def write_worksheet(self, ws: Worksheet) -> None:
        # as openpyxl's ExcelWriter.write_worksheet, with the rows spliced in
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _SheetWriter(ws, self.workbook.streams.get(ws))
        writer.write()
        ws._rels = writer._rels
        end = f"{_MERGED}</mergeCells>".encode()  # as no cell text can hold it
        data = writer.read().replace(end, writer.merged_cells() + b"</mergeCells>", 1)
        if writer.fast:
            head, tail = data.split(f"<sheetData>{_MARKER}</sheetData>".encode(), 1)
            with self._archive.open(ws.path[1:], "w") as part:
                part.write(head + b"<sheetData>")
                # rows go through a small buffer: the sheet's XML is never whole in memory
                rows = io.TextIOWrapper(part, encoding="utf-8", newline="")
                rows.writelines(writer.sheet_data())
                rows.detach()
                part.write(b"</sheetData>" + tail)
        else:
            self._archive.writestr(ws.path[1:], data)
        self.manifest.append(ws)
        ws._cells.clear()  # in the file now: the next sheets are written without them
