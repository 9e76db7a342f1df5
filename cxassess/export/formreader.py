"""Returned forms read back: ``cxassess collect`` reads each filled .xlsx form into plain
data (:class:`cxassess.collect.FilledForm`: every value with its sheet and cell).

A returned form is read straight from its XML parts (zipfile + ElementTree), not through
openpyxl: only cell values are needed, and this is many times faster, which is what
makes collecting hundreds of forms quick (they are read in one worker process per core
when there are many). It reads what Excel, LibreOffice and openpyxl write: shared
strings, inline strings, numbers, booleans and formulas (a typed formula comes back as
its text, "=…", so a note stays what the respondent typed). The form's layout is in its
hidden metadata sheet, written by :mod:`cxassess.export.forms`.
"""

from __future__ import annotations

import datetime
import os
import re
import zipfile
import zlib
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from xml.etree import ElementTree

from ..collect import FORM_KIND, FilledForm, Row, Value
from ..errors import InputError, show, show_path
from ..files import megabytes, read_bytes
from ..xlsxfile import open_xlsx, parse_xml

META_SHEET = "cxassess"
"""The hidden sheet holding a form's metadata."""

PER_WORKER = 25
"""Below this many forms per worker process, forms are read in-process."""

MAX_ROWS = 100_000
"""A form's metadata naming a question row beyond this is damaged."""

_COLUMN = re.compile("[A-Z]{1,3}")
_CELL = re.compile("[A-Z]{1,3}[1-9][0-9]{0,6}")
"""A column and a cell of the questions sheet, as a form's metadata names them."""


def _workers(count: int) -> int:
    return max(1, min(os.cpu_count() or 1, count // PER_WORKER))


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART_BYTES = 8 * 1024 * 1024
"""A form's XML part larger than this (unpacked) is refused: a form's parts are a few kB
(its questions sheet about 10 kB for 37 questions), and a part is parsed whole."""


class _Xlsx:
    """The sheets and cell values of an .xlsx file."""

    def __init__(self, payload: bytes, source: str):
        self.source = source
        self.zip = open_xlsx(payload, source)
        book = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL + "Relationship")}
        self.sheets = {s.get("name"): self._part(targets.get(s.get(_DOC_REL + "id"), ""))
                       for s in book.iter(_MAIN + "sheet")}
        self.strings: list[str] = []
        self._date_styles: dict[str, str] | None = None  # read on the first styled number
        pr = book.find(_MAIN + "workbookPr")
        self.date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        for r in rels.iter(_PKG_REL + "Relationship"):
            if r.get("Type", "").endswith("/sharedStrings"):
                self.strings = ["".join(t.text or "" for t in si.iter(_MAIN + "t"))
                                for si in self._xml(self._part(r.get("Target", ""))).iter(_MAIN + "si")]

    @staticmethod
    def _part(target: str) -> str:
        return target.lstrip("/") if target.startswith("/") else f"xl/{target}"

    def _xml(self, name: str) -> ElementTree.Element:
        where = self._where(name)
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise InputError(f"{self.source}: not a readable .xlsx workbook ({where} is "
                             "missing)") from None
        if info.file_size > MAX_PART_BYTES:
            raise InputError(f"{self.source}: {where} unpacks to {megabytes(info.file_size)}, "
                             f"more than the {megabytes(MAX_PART_BYTES)} a form's part may have")
        try:
            return parse_xml(self.zip.read(info), self.source, where)
        except ElementTree.ParseError as exc:
            raise InputError(f"{self.source}: {where}: damaged XML ({exc})") from None

    def _where(self, part: str) -> str:
        """A part as a message names it: a sheet by its name and part."""
        sheet = next((s for s, p in getattr(self, "sheets", {}).items() if p == part), None)
        return show_path(part) if sheet is None else f"sheet {show(sheet)} ({show_path(part)})"

    def cells(self, sheet: str) -> dict[str, object]:
        """Cell reference ("E7") → value, for every cell holding one."""
        out: dict[str, object] = {}
        for ref, c in _placed(self._xml(self.sheets[sheet])):
            kind, formula, v = c.get("t", "n"), c.find(_MAIN + "f"), c.find(_MAIN + "v")
            if formula is not None and formula.text:
                value: object = "=" + formula.text
            elif kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(_MAIN + "t"))
            elif v is None or v.text is None:
                continue
            elif kind in ("str", "e"):
                value = v.text
            elif kind == "b":
                value = v.text.strip() == "1"
            else:
                value = self._value(kind, v.text, f"{sheet}!{ref}")
                code = self._date_style(c.get("s", "0")) if kind == "n" else None
                if code is not None:  # a number shown as a date: as it is shown
                    value = shown_date(value, code, self.date1904)
            out[ref] = value
        return out

    def _date_style(self, style: str) -> str | None:
        """The number format of cell style ``style`` when it shows numbers as dates ("" for
        a built-in one), else None."""
        if self._date_styles is None:
            self._date_styles = self._read_date_styles()
        return self._date_styles.get(style)

    def _read_date_styles(self) -> dict[str, str]:
        """Cell style index → number format, for the styles that show dates."""
        rels = self._xml("xl/_rels/workbook.xml.rels")
        part = next((self._part(r.get("Target", "")) for r in rels.iter(_PKG_REL + "Relationship")
                     if r.get("Type", "").endswith("/styles")), None)
        if part is None or part not in self.zip.namelist():
            return {}
        styles = self._xml(part)
        codes = {n.get("numFmtId"): n.get("formatCode", "")
                 for n in styles.iter(_MAIN + "numFmt")}
        out: dict[str, str] = {}
        xfs = styles.find(_MAIN + "cellXfs")
        for index, xf in enumerate(xfs if xfs is not None else ()):
            number_format = xf.get("numFmtId", "0")
            code = codes.get(number_format)
            if code is None and number_format.isdigit() and int(number_format) in _DATE_FORMATS:
                code = ""  # a built-in date format: shown the ISO way
            if code is not None and (code == "" or is_date_format(code)):
                out[str(index)] = code
        return out

    def _value(self, kind: str, text: str, where: str) -> object:
        """A shared string or a number; anything else names the cell."""
        try:
            if kind == "s":
                index = int(text)
                if not 0 <= index < len(self.strings):
                    raise IndexError(index)
                return self.strings[index]
            number = float(text)
            return int(number) if number.is_integer() else number
        except (ValueError, IndexError, OverflowError):
            what = "shared string" if kind == "s" else "number"
            raise InputError(f"{self.source}: {show_path(where)}: damaged cell (not a "
                             f"{what}: {show(text)})") from None


_DATE_FORMATS = frozenset((*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)))
"""The built-in number formats that show a date or time."""

_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_TOKEN = re.compile(r"yyyy|yy|dd|d|mm|m", re.I)
_PLAIN_DATE = re.compile(r"(?:yyyy|yy|dd|d|mm|m|[-/. ])+", re.I)
_NAMES = re.compile(r"mmm|ddd", re.I)  # a month's or day's name


def is_date_format(code: str) -> bool:
    """Whether the number format ``code`` shows a date or time (Excel's rule: a day,
    month, year, hour or second code outside quotes, escapes and brackets)."""
    bare = _LITERAL.sub("", code.split(";")[0])
    return any(ch in "dmyhsDMYHS" for ch in bare) and "General" not in bare


def shown_date(serial: float, code: str, date1904: bool = False):
    """A date cell as its spreadsheet shows it: in ``code`` when that is plain day, month
    and year codes (``dd-mm-yyyy``, ``d/m``), else the ISO way (2026-05-02, with the time
    when there is one). A serial no date can have stays the number."""
    from ..collect import ShownDate

    epoch = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    try:
        when = epoch + datetime.timedelta(days=serial)
    except (OverflowError, ValueError):
        return serial
    if not date1904 and serial < 60:  # Excel counts a 29 February 1900 that never was
        when += datetime.timedelta(days=1)
    bare = _LITERAL.sub("", code.split(";")[0]).strip()
    if bare and _PLAIN_DATE.fullmatch(bare) and not _NAMES.search(bare):
        parts = {"yyyy": f"{when.year:04d}", "yy": f"{when.year % 100:02d}",
                 "dd": f"{when.day:02d}", "d": str(when.day), "mm": f"{when.month:02d}",
                 "m": str(when.month)}
        return ShownDate(serial, _DATE_TOKEN.sub(lambda t: parts[t.group().lower()], bare))
    if 0 <= serial < 1:  # a time of day alone
        return ShownDate(serial, when.time().isoformat(timespec="minutes"))
    if when.time() == datetime.time():
        return ShownDate(serial, when.date().isoformat())
    return ShownDate(serial, when.isoformat(sep=" ", timespec="minutes"))


def _placed(sheet: ElementTree.Element):
    """Each cell of a sheet with its reference ("E7"). A row or cell may leave its
    reference out (the file format allows it; some writers do): it is then the one after
    the previous row, or the previous cell of its row."""
    row_number = 0
    for row in sheet.iter(_MAIN + "row"):
        given = row.get("r", "")
        row_number = int(given) if given.isdigit() else row_number + 1
        column = 0
        for c in row.iter(_MAIN + "c"):
            ref = c.get("r")
            if ref is None:
                column += 1
                ref = f"{_letters(column)}{row_number}"
            elif letters := _REF_COLUMN.match(ref):
                column = _number(letters.group())
            yield ref, c


_REF_COLUMN = re.compile("[A-Z]{1,3}(?=[0-9])")


def _letters(column: int) -> str:
    """The letters of column number ``column`` (1 → A, 27 → AA)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def read_forms(paths: list[Path]) -> list[FilledForm | InputError]:
    """:func:`read_form` of every path, each result a form or the one-line error naming
    that file, in the order of ``paths``; in worker processes (at most one per core) when
    there are at least ``PER_WORKER`` forms per worker."""
    workers = _workers(len(paths))
    if workers == 1:
        return [_read_or_error(path) for path in paths]
    # spawned, not forked: the parent may have threads (plugin calls run on workers)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        return list(pool.map(_read_or_error, paths, chunksize=-(-len(paths) // workers)))


def _read_or_error(path: Path) -> FilledForm | InputError:
    try:
        return read_form(path)
    except InputError as exc:
        return exc


def read_form(path: Path) -> FilledForm:
    """A returned form as plain data; a file that is not a readable .xlsx is one
    ``InputError`` line."""
    source = str(path)
    payload = read_bytes(path)
    try:
        xlsx = _Xlsx(payload, source)
        return _read(xlsx, source)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error) as exc:
        raise InputError(f"{source}: not a readable .xlsx workbook ({exc})") from None
    except (ValueError, IndexError, KeyError, OSError, EOFError, RuntimeError,
            NotImplementedError, MemoryError) as exc:
        raise InputError(f"{source}: the workbook is damaged ({type(exc).__name__}: {exc})") from None


def _questions_sheet(xlsx: _Xlsx, name: str, source: str) -> str:
    """The sheet with the questions: the one the metadata names or, when the respondent
    renamed it, the one other sheet whose header names the hidden id column."""
    if name in xlsx.sheets:
        return name
    found = [s for s in xlsx.sheets if s != META_SHEET and "id" in xlsx.cells(s).values()]
    if len(found) != 1:
        raise InputError(f"{source}: the sheet {name!r} with the questions is missing")
    return found[0]


def _read(xlsx: _Xlsx, source: str) -> FilledForm:
    if META_SHEET not in xlsx.sheets:
        return FilledForm(source, {}, Value(None, ""), Value(None, ""))
    raw = xlsx.cells(META_SHEET)
    meta: dict[str, Value] = {}
    row = 1
    while (key := raw.get(f"A{row}")) not in (None, "importance"):
        meta[str(key)] = Value(raw.get(f"B{row}"), f"{META_SHEET}!B{row}")
        row += 1

    def get(key: str) -> str:
        found = meta.get(key)
        return "" if found is None or found.value is None else str(found.value)

    if get("kind") != FORM_KIND:
        return FilledForm(source, meta, Value(None, ""), Value(None, ""))
    sheet = _questions_sheet(xlsx, get("questions_sheet"), source)
    cells = xlsx.cells(sheet)

    def value(ref: str) -> Value:
        return Value(cells.get(ref), f"{sheet}!{ref}")

    def damaged(key: str, why: str) -> InputError:
        # a damaged layout entry names its metadata cell: read past, it would drop answers
        where = meta[key].where if key in meta else META_SHEET
        return InputError(f"{source}: {where}: damaged form metadata ({key} is "
                          f"{show(get(key))}, {why})")

    def row_number(key: str) -> int:
        text = get(key)
        if not (text.isdigit() and 0 < int(text) <= MAX_ROWS):
            raise damaged(key, "not a row of the questions sheet")
        return int(text)

    def layout(key: str, pattern: re.Pattern, what: str, optional: bool = False) -> str:
        text = get(key)
        if not (optional and not text) and not pattern.fullmatch(text):
            raise damaged(key, f"not {what} of the questions sheet")
        return text

    if get("blank") == "true":
        name = value(layout("name_cell", _CELL, "a cell"))
        department = value(layout("department_cell", _CELL, "a cell"))
    else:
        name = Value(get("respondent"), meta["respondent"].where if "respondent" in meta else "")
        department = Value(get("department"),
                           meta["department"].where if "department" in meta else "")
    level = layout("level_column", _COLUMN, "a column")
    importance = layout("importance_column", _COLUMN, "a column", optional=True)
    note = layout("note_column", _COLUMN, "a column")
    first, last = row_number("first_row"), row_number("last_row")
    if last < first:
        raise damaged("last_row", f"before first_row ({first})")
    # to the last question id in column A: rows inserted among the questions (the sheet
    # is protected, but without a password) push the last ones down
    last = max([last] + [int(ref[1:]) for ref in cells
                         if ref[:1] == "A" and ref[1:].isdigit() and int(ref[1:]) <= MAX_ROWS])
    rows = [Row(question=value(f"A{r}"), level=value(f"{level}{r}"),
                importance=value(f"{importance}{r}") if importance else None,
                note=value(f"{note}{r}"))
            for r in range(first, last + 1)]
    return FilledForm(source, meta, name, department, rows)
