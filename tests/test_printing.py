"""Printed pages of the workbooks, read back with openpyxl: every page that holds rows
of a table also holds that table's header, so an executive's printout reads without
turning back to the first page.

A sheet of one table repeats the title and the header as print title rows; a sheet of
several tables repeats its title rows and, where a table runs onto the next page, breaks
the page there and writes the table's header again (``cxassess.export.workbook.pages``).
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from cxassess import pipeline
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


def _check_every_page_has_its_header(ws) -> None:
    assert ws.print_title_rows == "$1:$2", ws.title  # the title on every page
    pages = _pages(ws)
    for page in pages:
        rows = [r for r in page if _is_table_row(ws, r)]
        if rows:
            assert any(_is_header(ws, r) for r in range(page.start, rows[0])), \
                f"{ws.title}: page of rows {page.start}–{page.stop - 1} has no header"
    # a repeated header is the header of the table it continues
    for page in pages[1:]:
        if _is_header(ws, page.start):
            above = [r for r in range(3, page.start) if _is_header(ws, r)]
            assert tuple(c.value for c in ws[page.start]) == \
                tuple(c.value for c in ws[above[-1]]), ws.title


@pytest.mark.parametrize("lang, name", [("en", "Progress"), ("da", "Fremskridt")])
def test_progress_repeats_its_headers_on_every_printed_page(trend, lang, name):
    ws = trend[lang][name]
    assert len(_pages(ws)) >= 3  # the example's moved questions fill more than a page
    _check_every_page_has_its_header(ws)
    question = {"en": "Question", "da": "Spørgsmål"}[lang]
    assert sum(1 for h in _headers_of(ws) if h[1] == question) >= 2


@pytest.mark.parametrize("lang, names", [("en", ("Scores", "Departments", "Method")),
                                         ("da", ("Scorer", "Afdelinger", "Metode"))])
def test_sheets_of_several_tables_repeat_the_header_of_the_table_they_continue(
        executive, lang, names):
    for name in names:
        _check_every_page_has_its_header(executive[lang][name])
    # the example's Scores and Departments run onto a second page
    assert len(_pages(executive[lang][names[0]])) >= 2
    assert len(_pages(executive[lang][names[1]])) >= 2


def test_sheets_of_one_table_repeat_title_and_header_as_print_titles(executive):
    wb = executive["en"]
    for name, first in (("Gaps", "#"), ("Roadmap", "Phase"), ("Responses", "Respondent")):
        ws = wb[name]
        header = next(r for r in range(1, 20) if ws.cell(r, 1).value == first)
        assert ws.print_title_rows == f"$1:${header}", name
