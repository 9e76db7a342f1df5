"""Printed pages of the workbooks, read back with openpyxl: an executive's printout reads
without turning back, and an analyst's table stays one block of cells.

A sheet of one table repeats the title and the header as print title rows; a sheet of
several tables repeats its title rows, starts a table that fits on a page on a new page
rather than let it run over, and never leaves a heading at the foot of a page; when its
last table is its only one longer than a page, that table's heading and header repeat
instead, and the title heads every page but the first from the page header
(``cxassess.export.workbook.pages``). No header row is written into a table's rows.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cxassess import pipeline
from cxassess.export.workbook.pages import page_room
from cxassess.export.workbook.styles import LINE_PT
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


def row_pt(ws, row: int) -> float:
    return ws.row_dimensions[row].height or LINE_PT


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
    room = page_room(_Sheet(ws)) - row_pt(ws, 1) - row_pt(ws, 2)
    tables = _tables(ws)
    if ws.print_title_rows != "$1:$2":  # the title on every page, or:
        # the heading and header of the last table, the only one longer than a page
        last = tables[-1]
        first, header = (int(r.strip("$")) for r in ws.print_title_rows.split(":"))
        # (Departments has its heading's introduction between heading and header)
        assert header == last.start + 1 and last.start - 1 <= first <= last.start, ws.title
        assert [t for t in tables if sum(row_pt(ws, r) for r in t) > room] == [last]
        assert not any(c.value for r in range(last.stop, ws.max_row + 1) for c in ws[r]), \
            f"{ws.title}: rows below the table whose header repeats"
        _check_title_in_page_header(ws)
    breaks = sorted(b.id for b in ws.row_breaks.brk)  # a break's id: the page's last row
    headers = _headers_of(ws)
    assert len(headers) == len(set(headers)), f"{ws.title}: a header written twice"
    for table in tables:
        # the table is one block: a heading, a header and bordered rows
        assert all(_is_table_row(ws, r) for r in table[2:]), ws.title
        assert not any(b in table[:2] for b in breaks), \
            f"{ws.title}: a page ends on the heading or header of rows {table.start}–"
        if sum(row_pt(ws, r) for r in table) <= room:
            assert not any(table.start <= b < table.stop - 1 for b in breaks), \
                f"{ws.title}: rows {table.start}–{table.stop - 1} fit on a page but are split"


def _check_title_in_page_header(ws) -> None:
    """Every page but the first (which has the title's rows) names the sheet's title in
    its page header; the first keeps the footer the others have."""
    hf = ws.HeaderFooter
    assert hf.differentFirst, ws.title
    assert hf.oddHeader.center.text == ws["A1"].value, ws.title
    assert not hf.firstHeader.center.text, ws.title
    for part in ("left", "center", "right"):
        assert getattr(hf.firstFooter, part).text == getattr(hf.oddFooter, part).text


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
    # the moved questions would run over the first page's foot: they start page 2, and
    # run over pages of their own, under their heading and header
    moves = _tables(ws)[-1]
    assert [b.id for b in ws.row_breaks.brk] == [moves.start - 1]
    assert ws.print_title_rows == f"${moves.start}:${moves.start + 1}"
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


@pytest.mark.parametrize("lang, name", [("en", "Scores"), ("da", "Scorer")])
def test_a_long_last_table_repeats_its_header_on_the_pages_it_runs_onto(executive, lang,
                                                                        name):
    ws = executive[lang][name]
    dimensions = _tables(ws)[-1]
    room = page_room(_Sheet(ws)) - row_pt(ws, 1) - row_pt(ws, 2)
    assert sum(row_pt(ws, r) for r in dimensions) > room  # the example's runs over a page
    assert ws.cell(dimensions.start, 1).value == {"en": "Dimensions", "da": "Dimensioner"}[lang]
    assert ws.print_title_rows == f"${dimensions.start}:${dimensions.start + 1}"
    _check_title_in_page_header(ws)


def test_a_long_table_with_more_below_it_keeps_the_title_rows():
    """Print title rows are one block for the whole sheet: the header of a long table
    with another table after it would head that table's pages too, so the title stays."""
    from openpyxl import Workbook

    from cxassess.export.workbook.pages import Pages
    from cxassess.export.workbook.styles import BOX, Sheet, put

    def table(first: int, rows: int) -> int:
        sheet.heading(first, "Heading")
        sheet.header(first + 1, [(1, 1, "A"), (2, 2, "B")])
        for r in range(first + 2, first + 2 + rows):
            put(sheet.ws, r, 1, r, border=BOX)
        pages.table(first, first + 1 + rows)
        return first + rows + 3

    for tables, titles in (((80,), "$4:$5"), ((80, 3), "$1:$2"), ((80, 80), "$1:$2"),
                           ((3, 80), "$10:$11")):
        sheet = Sheet(Workbook().active, [10, 10], "en", "Org")
        sheet.title("Title", "Subtitle")
        pages = Pages(sheet)
        row = 4
        for rows in tables:
            row = table(row, rows)
        pages.finish("Title")
        assert sheet.ws.print_title_rows == titles, tables
        assert bool(sheet.ws.HeaderFooter.differentFirst) == (titles != "$1:$2"), tables


def test_work_done_since_the_last_assessment_starts_a_page_rather_than_split(tmp_path):
    """The list of earlier work now done, below the Roadmap's cards, is kept whole on a
    page where it fits on one, as the tables of the other sheets are."""
    from cxassess.cli import main

    base, latest = tmp_path / "base.xlsx", tmp_path / "latest.xlsx"
    assert main(["export", str(NORDLYS), "-o", str(base), "--lang", "en"]) == 0
    assert main(["export", str(NORDLYS_2027), "-o", str(latest), "--lang", "en",
                 "--previous", str(base)]) == 0
    ws = load_workbook(latest)["Roadmap"]
    heading = next(r for r in range(1, ws.max_row + 1)
                   if ws.cell(r, 1).value == "Done since the last assessment")
    last = heading + 2  # its note, its header, then its bordered rows
    while _is_table_row(ws, last + 1):
        last += 1
    titles = sum(row_pt(ws, r) for r in range(1, 4))  # title, subtitle, card header
    assert ws.print_title_rows == "$1:$3"
    assert sum(row_pt(ws, r) for r in range(heading, last + 1)) <= \
        page_room(_Sheet(ws)) - titles
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    assert not any(heading <= b < last for b in breaks), breaks
    # the example's list would run over the foot of the last cards' page: a page of its own
    assert breaks[-1] == heading - 1
