"""The fast workbook writer writes exactly what openpyxl's own writer would: every sheet's
XML byte for byte, the streamed Responses rows included (issue 13: the workbook's cells
are the same before and after the speed work)."""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from copy import copy

import pytest
from openpyxl.writer.excel import save_workbook

from cxassess import pipeline
from cxassess.export.excel import build_workbook
from cxassess.export.workbook.styles import RISKY_START, clean_text

from helpers import BUILTIN_ONLY, ROOT, reload_workbook

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write as generate  # noqa: E402


@pytest.fixture(scope="module")
def plugins():
    from cxassess.plugins import load_plugins

    return load_plugins(env=BUILTIN_ONLY)


def _materialise(wb) -> None:
    """Turn every streamed row into cells in memory, as the sheet modules' ``put`` would
    have written them, so openpyxl's own writer can save the workbook."""
    for ws, stream in wb.streams.items():
        for index, (height, cells) in enumerate(stream.rows(), start=stream.first_row):
            for column, (value, fmt) in enumerate(cells, start=1):
                if value is None and fmt is None:
                    continue
                cell = ws.cell(index, column)
                if isinstance(value, str):
                    cell.value = clean_text(value)
                    cell.data_type = "s"
                else:
                    cell.value = value
                if fmt is not None:
                    risky = isinstance(value, str) and cell.value.startswith(RISKY_START)
                    cell._style = copy(fmt.quoted if risky else fmt.plain)
            if height is not None:
                ws.row_dimensions[index].height = height
    wb.streams.clear()


def _sheets(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()
                if n.startswith("xl/") and n.endswith(".xml")}


def _both(result) -> tuple[dict, dict]:
    fast = io.BytesIO()
    build_workbook(result).save(fast)
    wb = build_workbook(result)
    _materialise(wb)
    plain = io.BytesIO()
    save_workbook(wb, plain)
    return _sheets(fast.getvalue()), _sheets(plain.getvalue())


def _responses_part(result) -> str:
    """The file part of the streamed Responses sheet."""
    wb = build_workbook(result)
    (ws,) = wb.streams
    return f"xl/worksheets/sheet{wb.worksheets.index(ws) + 1}.xml"


@pytest.mark.parametrize("example,lang", [("nordlys-energi", "en"), ("nordlys-energi", "da"),
                                          ("harbour-mobility", "en")])
def test_examples_are_written_as_openpyxl_writes_them(plugins, example, lang):
    path = ROOT / "examples" / f"{example}.toml"
    fast, plain = _both(pipeline.run(path, plugins, lang))
    assert fast.keys() == plain.keys()
    for name in plain:
        assert fast[name] == plain[name], name


def test_a_generated_staff_survey_is_written_as_openpyxl_writes_it(plugins, tmp_path):
    result = pipeline.run(generate(tmp_path / "survey.toml", 40, seed=3), plugins)
    fast, plain = _both(result)
    responses = fast[_responses_part(result)]
    assert responses.count(b"<row ") > 40 * 30
    for name in plain:
        assert fast[name] == plain[name], name


def test_formula_like_and_forbidden_text_in_streamed_rows(plugins, tmp_path):
    source = generate(tmp_path / "survey.toml", 3, seed=1)
    text = source.read_text(encoding="utf-8")
    text = text.replace('name = "Respondent 1"', 'name = "=SUM(A1) \\uFFFE"', 1)
    source.write_text(text, encoding="utf-8")
    result = pipeline.run(source, plugins)
    fast, plain = _both(result)
    part = _responses_part(result)
    assert fast[part] == plain[part]
    ws = reload_workbook(result)[result.report.language == "da" and "Svar" or "Responses"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=SUM(A1) \ufffd"]
    assert cells and all(c.quotePrefix and c.data_type == "s" for c in cells)


def test_a_saved_workbook_is_not_saved_again_without_its_cells(plugins):
    """Saving lets each sheet's cells go once they are in the file, so a second save would
    write empty sheets: it is refused instead, as openpyxl refuses it for write-only
    workbooks."""
    from openpyxl.utils.exceptions import WorkbookAlreadySaved

    wb = build_workbook(pipeline.run(ROOT / "examples" / "nordlys-energi.toml", plugins))
    wb.save(io.BytesIO())
    again = io.BytesIO()
    with pytest.raises(WorkbookAlreadySaved):
        wb.save(again)
    assert again.getvalue() == b""


def _streamed_sheet(value_in_memory, streamed_value):
    """An export workbook with a sheet of one cell in memory and one streamed row."""
    from cxassess.export.workbook.writer import ExportWorkbook, stream_rows

    wb = ExportWorkbook()
    ws = wb.active
    ws.title = "Responses"
    ws["A1"] = value_in_memory
    stream_rows(ws, 2, 1, 2, lambda: [(None, [("text", None), (streamed_value, None)])])
    return wb


def test_a_sheet_without_streamed_rows_falls_back_to_openpyxl_for_a_date(tmp_path):
    """The fast path does not write dates: such a sheet is written by openpyxl's writer,
    and the date comes back as a date."""
    from openpyxl import load_workbook

    from cxassess.export.workbook.writer import ExportWorkbook

    wb = ExportWorkbook()
    wb.active["A1"] = dt.date(2026, 11, 23)
    wb.active["B1"] = "=SUM(1, 2)"
    wb.save(tmp_path / "dated.xlsx")
    ws = load_workbook(tmp_path / "dated.xlsx").active
    assert ws["A1"].value == dt.datetime(2026, 11, 23) and ws["A1"].is_date
    assert ws["B1"].value == "=SUM(1, 2)"


@pytest.mark.parametrize("in_memory,streamed,where", [
    (dt.date(2026, 11, 23), 1, "Responses!A1"),
    ("=SUM(1, 2)", 1, "Responses!A1"),
    ("title", dt.date(2026, 11, 23), "Responses!B2"),
])
def test_a_sheet_with_streamed_rows_refuses_what_it_cannot_write(in_memory, streamed, where):
    """A streamed sheet has no fallback (its rows are not cells): a date or a formula is
    refused, naming the cell, instead of being written wrong."""
    with pytest.raises(ValueError, match=where):
        _streamed_sheet(in_memory, streamed).save(io.BytesIO())


def test_a_sheet_with_streamed_rows_writes_text_numbers_and_booleans(tmp_path):
    from openpyxl import load_workbook

    _streamed_sheet("title", True).save(tmp_path / "ok.xlsx")
    ws = load_workbook(tmp_path / "ok.xlsx").active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["title", None],
                                                                  ["text", True]]


def test_merged_ranges_are_written_as_openpyxl_writes_them_on_either_path():
    """The merged ranges are spliced into a sheet's XML, on the fast path and on the
    fallback to openpyxl's writer (here for a date), and a cell holding the splice's
    marker text keeps its text."""
    from cxassess.export.workbook.styles import BOX, merge_cells, put
    from cxassess.export.workbook.writer import _MERGED, ExportWorkbook

    def workbook():
        wb = ExportWorkbook()
        fast, fallback = wb.active, wb.create_sheet("dated")
        for ws in (fast, fallback):
            put(ws, 1, 1, f"{_MERGED}</mergeCells>", border=BOX)
            put(ws, 3, 2, "tall", fill="FFF8E1")
            merge_cells(ws, 1, 1, 1, 3)
            merge_cells(ws, 3, 2, 4, 2)
        fallback["A2"] = dt.date(2026, 11, 23)
        return wb

    fast = io.BytesIO()
    workbook().save(fast)
    plain = io.BytesIO()
    save_workbook(workbook(), plain)
    ours, theirs = _sheets(fast.getvalue()), _sheets(plain.getvalue())
    for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        assert ours[name] == theirs[name], name
        assert ours[name].count(b'<mergeCell ref="') == 2
