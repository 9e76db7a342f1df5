"""Printed pages of the workbooks, read back with openpyxl: an executive's printout reads
without turning back, and an analyst's table stays one block of cells.

A sheet of one table repeats the title and the header as print title rows; a sheet of
several tables repeats its title rows, starts a table that fits on a page on a new page
rather than let it run over, and never leaves a heading at the foot of a page
(``cxassess.export.workbook.pages``). No header row is written into a table's rows.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cxassess import pipeline
from cxassess.export.workbook.pages import page_room, row_pt
from cxassess.export.workbook.styles import NAVY

from helpers import BUILTIN_ONLY, ROOT, reload_workbook

NORDLYS = ROOT / "examples" / "nordlys-energi.toml"
NORDLYS_2027 = ROOT / "examples" / "nordlys-energi-2027.toml"


@pytest.fixture(scope="module")
def executive():
    from cxassess.plugins import load_plugins

    plugins = load_plugins(env=BUILTIN_ONLY)
    return {lang: reload_workbook(pipeline.run(NORDLYS, plugins, lang)) for lang in ("en", "da")}


@pytest.fixture(scope="module")
def trend(tmp_path_factory):
    from cxassess.cli import main

    out = {}
    for lang in ("en", "da"):
        path = tmp_path_factory.mktemp("print") / f"trend-{lang}.xlsx"
        assert main(["compare", str(NORDLYS), str(NORDLYS_2027), "-o", str(path),
                     "--lang", lang]) == 0
        out[lang] = load_workbook(path)
    return out


def _navy(cell) -> bool:
    return cell.fill is not None and (cell.fill.fgColor.rgb or "").endswith(NAVY)


def _is_header(ws, row: int) -> bool:
    return row > 2 and _navy(ws.cell(row, 1))


def _is_table_row(ws, row: int) -> bool:
    return not _is_header(ws, row) and any(
        ws.cell(row, col).border.left is not None and ws.cell(row, col).border.left.style
        for col in (1, 2))


def _pages(ws) -> list[range]:
    """The rows of each printed page, by the sheet's manual page breaks."""
    cuts = [0, *sorted(b.id for b in ws.row_breaks.brk), ws.max_row]
    return [range(a + 1, b + 1) for a, b in zip(cuts, cuts[1:]) if b > a]


def _headers_of(ws) -> list[tuple]:
    return [tuple(c.value for c in ws[r]) for r in range(3, ws.max_row + 1)
            if _is_header(ws, r)]


def _tables(ws) -> list[range]:
    """Each table's rows: its heading above its header, down to its last bordered row."""
    tables = []
    for header in (r for r in range(3, ws.max_row + 1) if _is_header(ws, r)):
        last = header
        while _is_table_row(ws, last + 1):
            last += 1
        tables.append(range(header - 1, last + 1))
    return tables


def _check_pages(ws) -> None:
    assert ws.print_title_rows == "$1:$2", ws.title  # the title on every page
    room = page_room(_Sheet(ws)) - row_pt(ws, 1) - row_pt(ws, 2)
    breaks = sorted(b.id for b in ws.row_breaks.brk)  # a break's id: the page's last row
    headers = _headers_of(ws)
    assert len(headers) == len(set(headers)), f"{ws.title}: a header written twice"
    for table in _tables(ws):
        # the table is one block: a heading, a header and bordered rows
        assert all(_is_table_row(ws, r) for r in table[2:]), ws.title
        assert not any(b in table[:2] for b in breaks), \
            f"{ws.title}: a page ends on the heading or header of rows {table.start}–"
        if sum(row_pt(ws, r) for r in table) <= room:
            assert not any(table.start <= b < table.stop - 1 for b in breaks), \
                f"{ws.title}: rows {table.start}–{table.stop - 1} fit on a page but are split"


class _Sheet:
    """What :func:`page_room` reads of a sheet: its worksheet and column widths."""

    def __init__(self, ws):
        self.ws = ws
        self.widths = [ws.column_dimensions[get_column_letter(i)].width or 8.43
                       for i in range(1, ws.max_column + 1)]


@pytest.mark.parametrize("lang, name", [("en", "Progress"), ("da", "Fremskridt")])
def test_progress_tables_stay_whole_and_break_only_where_they_must(trend, lang, name):
    ws = trend[lang][name]
    _check_pages(ws)
    # the moved questions would run over the first page's foot: they start page 2
    assert [b.id for b in ws.row_breaks.brk] == [_tables(ws)[-1].start - 1]
    question = {"en": "Question", "da": "Spørgsmål"}[lang]
    assert sum(1 for h in _headers_of(ws) if h[1] == question) == 1


@pytest.mark.parametrize("lang, names", [("en", ("Scores", "Departments", "Method")),
                                         ("da", ("Scorer", "Afdelinger", "Metode"))])
def test_sheets_of_several_tables_keep_each_table_whole_on_a_page(executive, lang, names):
    for name in names:
        _check_pages(executive[lang][name])
    # the example's Method sheet: its sources would run over page 1, so they start page 2
    method = executive[lang][names[2]]
    sources = _tables(method)[-1]
    assert [b.id for b in method.row_breaks.brk] == [sources.start - 1]


def test_sheets_of_one_table_repeat_title_and_header_as_print_titles(executive):
    wb = executive["en"]
    for name, first in (("Gaps", "#"), ("Roadmap", "Phase"), ("Responses", "Respondent")):
        ws = wb[name]
        header = next(r for r in range(1, 20) if ws.cell(r, 1).value == first)
        assert ws.print_title_rows == f"$1:${header}", name
