"""Hostile .xlsx inputs — returned forms (``collect``) and ``export --previous OLD.xlsx``:
a zip bomb, a part declaring a huge size, too many parts, a damaged zip, a file that is
no zip, missing or garbled parts, XML entity expansion and external entities. Each is
one line naming the file (and the part or sheet!cell), exit 1, no traceback, and
nothing is written."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess import xlsxfile

from helpers import dev_forms

SHEET = "xl/worksheets/sheet2.xml"
"""The questions sheet of a form, and the Roadmap sheet of an exported workbook."""


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    folder = dev_forms(tmp_path_factory.mktemp("made"))
    from cxassess.cli import main

    assert main(["export", str(folder / "client.toml"), "-o", str(folder / "old.xlsx")]) == 0
    return folder


@pytest.fixture
def assessment(made, tmp_path) -> Path:
    shutil.copy(made / "dev.toml", tmp_path / "dev.toml")
    shutil.copy(made / "client.toml", tmp_path / "client.toml")
    return tmp_path / "client.toml"


def form(made: Path) -> bytes:
    return (made / "forms" / "anna-customer-service.xlsx").read_bytes()


def old_workbook(made: Path) -> bytes:
    return (made / "old.xlsx").read_bytes()


# --------------------------------------------------------------------------- making them


def rezip(payload: bytes, change) -> bytes:
    """The zip with every part passed through ``change(name, data)`` (None drops it)."""
    source, out = zipfile.ZipFile(io.BytesIO(payload)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                z.writestr(info.filename, data)
    return out.getvalue()


def in_part(part: str, change):
    return lambda name, data: change(data) if name == part else data


def declared_size(payload: bytes, part: str, size: int) -> bytes:
    """The zip with ``part`` declaring ``size`` unpacked bytes (directory and local header)."""
    data = bytearray(payload)
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + length] == part.encode():
            data[at + 24:at + 28] = struct.pack("<I", size)
            local = struct.unpack("<I", data[at + 42:at + 46])[0]
            data[local + 22:local + 26] = struct.pack("<I", size)
        at += 4
    return bytes(data)


def zip_bomb(payload: bytes, part: str, megabytes: int, head: bytes = b"",
             fill: bytes = b"\0") -> bytes:
    """The zip with ``part`` replaced by ``head`` and ``megabytes`` MB of ``fill``, deflated
    to about a thousandth (made without deflating it all: one flushed block, repeated).
    Its CRC is wrong on purpose: reading the part to its end fails."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(fill * (1 << 20)) + deflate.flush(zlib.Z_FULL_FLUSH)
    bomb = start + block * megabytes + deflate.flush()
    source, out, directory = zipfile.ZipFile(io.BytesIO(payload)), io.BytesIO(), []
    for info in source.infolist():
        name = info.filename.encode()
        if info.filename == part:
            raw, size, crc = bomb, len(head) + (megabytes << 20), 0
        else:
            data = source.read(info)
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            raw, size, crc = packer.compress(data) + packer.flush(), len(data), zlib.crc32(data)
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(raw), size,
                              len(name), 0) + name + raw)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0,
                                     crc, len(raw), size, len(name), 0, 0, 0, 0, 0, offset)
                         + name)
    start, entries = out.tell(), b"".join(directory)
    out.write(entries + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory),
                                    len(directory), len(entries), start, 0))
    return out.getvalue()


def many_parts(payload: bytes, count: int) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(payload)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in source.infolist():
            z.writestr(info.filename, source.read(info))
        for n in range(count):
            z.writestr(f"extra/{n}.bin", b"")
    return out.getvalue()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (k, (b"&lol%d;" % (k - 1) if k > 1 else b"&lol;") * 10)
                     for k in range(1, 10)) + b"]>")
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
QUADRATIC = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "' + b"a" * 50_000 + b'">]>'


def with_dtd(dtd: bytes, entity: bytes):
    """A part with ``dtd`` before its root and ``entity`` used in its first text."""
    def change(data: bytes) -> bytes:
        if data.startswith(b"<?xml"):
            data = data[data.index(b"?>") + 2:]
        return dtd + data.replace(b"<t>", b"<t>" + entity, 1).replace(b"<v>", b"<v>" + entity, 1)
    return change


def hostile(payload: bytes) -> dict[str, tuple[bytes, str]]:
    """Name → (the file's bytes, what its one line must say)."""
    return {
        "empty": (b"", "not a readable .xlsx workbook (File is not a zip file)"),
        "text": (b"name,level\nanna,2\n", "not a readable .xlsx workbook"),
        "binary": (bytes(range(256)) * 64, "not a readable .xlsx workbook"),
        "truncated": (payload[: len(payload) // 2], "not a readable .xlsx workbook"),
        "bomb": (zip_bomb(payload, SHEET, 600),
                 "unpacks to 600 MB, more than the 512 MB an .xlsx file may have"),
        "declared-huge": (declared_size(payload, SHEET, 0xFFFF_FFF0),
                          "unpacks to 4,096 MB, more than the 512 MB"),
        "declared-small": (declared_size(payload, SHEET, 10),
                           f"Bad CRC-32 for file '{SHEET}'"),
        "many-parts": (many_parts(payload, 1_000),
                       "parts, more than the 1,000 an .xlsx file may have"),
        "laughs": (rezip(payload, in_part(SHEET, with_dtd(LAUGHS, b"&lol9;"))),
                   f"{SHEET}: has a document type declaration (DTD)"),
        "external": (rezip(payload, in_part(SHEET, with_dtd(EXTERNAL, b"&e;"))),
                     f"{SHEET}: has a document type declaration (DTD)"),
        "quadratic": (rezip(payload, in_part(SHEET, with_dtd(QUADRATIC, b"&a;" * 10_000))),
                      f"{SHEET}: has a document type declaration (DTD)"),
    }


def refused(cli, args, expect: str, *unchanged: Path) -> str:
    before = [p.read_bytes() for p in unchanged]
    code, out, err = cli(*args)
    assert code == 1, (out, err)
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith("error: ") and first.isprintable(), err
    assert expect in first, err
    assert [p.read_bytes() for p in unchanged] == before
    return first


# --------------------------------------------------------------------------- collect


@pytest.mark.parametrize("case", ["empty", "text", "binary", "truncated", "bomb",
                                  "declared-huge", "declared-small", "many-parts", "laughs",
                                  "external", "quadratic"])
def test_a_hostile_form_is_one_line_and_nothing_is_written(cli, made, assessment, tmp_path,
                                                          case):
    payload, expect = hostile(form(made))[case]
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(payload)
    first = refused(cli, ["collect", assessment, path], expect, assessment)
    assert first.startswith(f"error: {path}: ")


@pytest.mark.parametrize("change, expect", [
    (lambda name, data: None if name == "xl/workbook.xml" else data,
     "not a readable .xlsx workbook (xl/workbook.xml is missing)"),
    (lambda name, data: None if name == SHEET else data,
     f"not a readable .xlsx workbook (sheet 'Questions' ({SHEET}) is missing)"),
    (in_part(SHEET, lambda data: data[: len(data) // 2]),
     f"sheet 'Questions' ({SHEET}): damaged XML ("),
    (in_part("xl/workbook.xml", lambda data: b"<workbook"), "xl/workbook.xml: damaged XML"),
    (in_part(SHEET, lambda data: data.replace(b't="inlineStr"><is><t>understand',
                                              b't="s"><v>99</v><is><t>understand', 1)),
     "Questions!A7: damaged cell (not a shared string: '99')"),
    (in_part("xl/worksheets/sheet3.xml", lambda data: data.replace(
        b"<t>last_row</t></is></c><c r=\"B14\" t=\"inlineStr\"><is><t>14</t>",
        b"<t>last_row</t></is></c><c r=\"B14\" t=\"inlineStr\"><is><t>999999999</t>")),
     "cxassess!B14: damaged form metadata (last_row is '999999999', not a row of the "
     "questions sheet)"),
])
def test_a_form_with_missing_or_garbled_parts_names_the_part(cli, made, assessment, tmp_path,
                                                             change, expect):
    path = tmp_path / "form.xlsx"
    path.write_bytes(rezip(form(made), change))
    refused(cli, ["collect", assessment, path], f"{path}: {expect}", assessment)


def test_a_form_part_over_its_own_limit_is_refused(cli, made, assessment, tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(rezip(form(made), in_part(SHEET, lambda data: data.replace(
        b"</sheetData>", b"<row/>" * 1_500_000 + b"</sheetData>"))))
    refused(cli, ["collect", assessment, path],
            f"{path}: sheet 'Questions' ({SHEET}) unpacks to 9 MB, more than the 8 MB a "
            "form's part may have", assessment)


def _answered_form(made: Path, path: Path, meta: dict[str, object], blank: bool = False) -> Path:
    """A form as a respondent returns it (two levels, an importance and a note typed, or
    a name and department on a blank form), its metadata changed as ``meta`` says."""
    import openpyxl

    name = "blank-01.xlsx" if blank else "anna-customer-service.xlsx"
    wb = openpyxl.load_workbook(made / "forms" / name)
    questions = wb["Questions"]
    questions["E7"], questions["E8"], questions["F7"], questions["G7"] = 1, 3, 5, "a note"
    if blank:
        questions["C3"], questions["C4"] = "Carl", "IT"
    for row in wb["cxassess"].iter_rows(max_col=2):
        if row[0].value in meta:
            row[1].value = meta[row[0].value]
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def blank_made(made) -> Path:
    from cxassess.cli import main

    assert main(["forms", str(made / "client.toml"), "-o", str(made / "forms"), "--blank", "1",
                 "--force"]) == 0
    return made


@pytest.mark.parametrize("meta, expect", [
    ({"level_column": "ZZZZ"}, "cxassess!B15: damaged form metadata (level_column is 'ZZZZ', "
                               "not a column of the questions sheet)"),
    ({"level_column": None}, "cxassess!B15: damaged form metadata (level_column is '', not a "
                             "column of the questions sheet)"),
    ({"level_column": "E7"}, "cxassess!B15: damaged form metadata (level_column is 'E7'"),
    ({"importance_column": "f"}, "cxassess!B16: damaged form metadata (importance_column is 'f'"),
    ({"note_column": 7}, "cxassess!B17: damaged form metadata (note_column is '7'"),
    ({"first_row": "20"}, "cxassess!B14: damaged form metadata (last_row is '14', before "
                          "first_row (20))"),
])
def test_a_form_whose_layout_is_damaged_is_refused_not_read_past(cli, made, assessment,
                                                                 tmp_path, meta, expect):
    # read where the metadata points, the answers typed would be dropped without a word
    path = _answered_form(made, tmp_path / "form.xlsx", meta)
    refused(cli, ["collect", assessment, path], f"{path}: {expect}", assessment)


@pytest.mark.parametrize("cell", ["", "ZZ", "C0", "A1:B2"])
def test_a_blank_form_whose_name_cell_is_damaged_names_the_metadata(cli, blank_made,
                                                                    assessment, tmp_path, cell):
    path = _answered_form(blank_made, tmp_path / "form.xlsx", {"name_cell": cell}, blank=True)
    refused(cli, ["collect", assessment, path],
            f"{path}: cxassess!B18: damaged form metadata (name_cell is {cell!r}, not a cell "
            "of the questions sheet)", assessment)


def test_a_form_with_its_layout_intact_is_collected(cli, made, blank_made, assessment,
                                                    tmp_path):
    forms = [_answered_form(made, tmp_path / "anna.xlsx", {}),
             _answered_form(blank_made, tmp_path / "carl.xlsx", {}, blank=True)]
    code, out, err = cli("collect", assessment, *forms)
    assert code == 0, err
    assert "Anna (Customer service): 0 answer(s) added, 2 changed" in out
    assert "Carl (IT): new respondent, 2 answer(s)" in out


def without_references(data: bytes) -> bytes:
    """A sheet as a writer that leaves out what the file format lets it leave out writes
    it: no ``r`` on a row right after the previous one, nor on a cell right after the
    previous cell of its row."""
    from xml.etree import ElementTree

    from openpyxl.utils import column_index_from_string

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    ElementTree.register_namespace("", main)
    root = ElementTree.fromstring(data)
    last_row = 0
    for row in root.iter(f"{{{main}}}row"):
        number = int(row.attrib.pop("r"))
        if number != last_row + 1:
            row.set("r", str(number))
        last_row, last_column = number, 0
        for cell in row.iter(f"{{{main}}}c"):
            ref = cell.attrib.pop("r")
            column = column_index_from_string(ref.rstrip("0123456789"))
            if column != last_column + 1:
                cell.set("r", ref)
            last_column = column
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def test_a_form_whose_writer_left_out_cell_references_is_collected_the_same(cli, made,
                                                                            assessment,
                                                                            tmp_path):
    """Cells without a reference were dropped without a word: a form written so (the
    file format allows it) came back with its answers silently lost."""
    typed = _answered_form(made, tmp_path / "anna.xlsx", {})
    bare = tmp_path / "bare.xlsx"
    bare.write_bytes(rezip(typed.read_bytes(), lambda name, data: without_references(data)
                           if name.startswith("xl/worksheets/") else data))
    assert b'<c r="E7"' not in zipfile.ZipFile(bare).read(SHEET)
    code, out, err = cli("collect", assessment, bare, "--dry-run")
    assert code == 0, err
    assert out == f"Anna (Customer service): 0 answer(s) added, 2 changed, 0 unchanged " \
                  f"({bare})\n"


# --------------------------------------------------------------------------- export --previous


@pytest.mark.parametrize("case", ["empty", "text", "binary", "truncated", "bomb",
                                  "declared-huge", "declared-small", "many-parts", "laughs",
                                  "external", "quadratic"])
def test_a_hostile_previous_workbook_is_one_line_and_nothing_is_written(cli, made, assessment,
                                                                       tmp_path, case):
    payload, expect = hostile(old_workbook(made))[case]
    old = tmp_path / f"{case}.xlsx"
    old.write_bytes(payload)
    out = tmp_path / "new.xlsx"
    first = refused(cli, ["export", assessment, "-o", out, "--previous", old], expect)
    assert first.startswith(f"error: {old}: ")
    assert len(cli("export", assessment, "-o", out, "--previous", old)[2].splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize("change", [
    lambda name, data: None if name == "xl/workbook.xml" else data,
    lambda name, data: None if name == "[Content_Types].xml" else data,
    lambda name, data: None if name == SHEET else data,
    in_part(SHEET, lambda data: data[: len(data) // 2]),
    in_part("xl/styles.xml", lambda data: b"<styleSheet><numFmts count='x'>"),
    in_part("xl/workbook.xml", lambda data: data.replace(b"<sheets>", b"<sheets><sheet/>")),
])
def test_a_previous_workbook_with_missing_or_garbled_parts_is_one_line(cli, made, assessment,
                                                                      tmp_path, change):
    old = tmp_path / "old.xlsx"
    old.write_bytes(rezip(old_workbook(made), change))
    out = tmp_path / "new.xlsx"
    code, _, err = cli("export", assessment, "-o", out, "--previous", old)
    assert code == 1 and "Traceback" not in err
    [line] = err.splitlines()
    assert line.startswith(f"error: {old}: ") and line.isprintable()
    assert not out.exists()


def test_a_large_previous_workbook_is_read_without_its_responses(made, tmp_path):
    """Only the Roadmap sheet is read: a Responses sheet of 500 MB is never unpacked
    (reading it to its end would fail its CRC)."""
    from cxassess.export.excel import read_previous

    work = read_previous(made / "old.xlsx")
    responses = "xl/worksheets/sheet6.xml"
    start = zipfile.ZipFile(made / "old.xlsx").read(responses)
    assert b"<t>Responses" in start or b">Responses<" in start
    # its head as written (openpyxl reads a sheet's size from it), then 500 MB
    big = zip_bomb(old_workbook(made), responses, 500, start[:start.index(b"<sheetData")],
                   b" ")
    path = tmp_path / "big.xlsx"
    path.write_bytes(big)
    assert read_previous(path).items == work.items


# --------------------------------------------------------------------------- the bounds


def test_parts_are_counted_before_the_zip_directory_is_read(made, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the zip was opened")

    payload = many_parts(form(made), 1_000)
    monkeypatch.setattr(xlsxfile.zipfile, "ZipFile", never)
    with pytest.raises(xlsxfile.InputError, match="more than the 1,000"):
        xlsxfile.open_xlsx(payload, "f.xlsx")


def test_the_dtd_check_reads_only_the_prolog(made):
    """A part whose root element is followed by 400 MB is not read to its end (reading
    it to its end would fail its CRC)."""
    payload = zip_bomb(form(made), "xl/worksheets/sheet1.xml", 400, b"<worksheet>", b" ")
    assert xlsxfile.open_xlsx(payload, "f.xlsx").getinfo("xl/worksheets/sheet1.xml")


def test_parse_xml_refuses_a_dtd_and_parses_the_rest():
    assert xlsxfile.parse_xml(b"<a><b>x</b></a>", "f.xlsx", "p.xml")[0].text == "x"
    with pytest.raises(xlsxfile.InputError, match=r"^f\.xlsx: p\.xml: has a document type"):
        xlsxfile.parse_xml(LAUGHS + b"<a>&lol9;</a>", "f.xlsx", "p.xml")


# --------------------------------------------------------------------------- fuzzed forms

SLOW = bool(os.environ.get("CXASSESS_SLOW_TESTS"))
PARTS = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", SHEET, "xl/worksheets/sheet3.xml",
         "[Content_Types].xml"]


def read_mutated(read, payload: bytes, folder, name: str, where: str, at: float,
                 junk: bytes, cut: bool) -> None:
    """``junk`` written over (or, with ``cut``, in place of) the bytes at fraction ``at`` of
    the zip itself or of one XML part, zipped again; ``read`` on the result either reads it
    or refuses it in one printable line naming the file, never a traceback."""
    def mutate(data: bytes) -> bytes:
        i = int(at * len(data))
        return data[:i] + junk + (b"" if cut else data[i + len(junk):])

    payload = mutate(payload) if where == "zip" else rezip(payload, in_part(where, mutate))
    path = folder / name
    path.write_bytes(payload)
    try:
        read(path)
    except xlsxfile.InputError as exc:
        message = str(exc)
        assert message.startswith(f"{path}: ") and message.isprintable(), message


@settings(max_examples=400 if SLOW else 30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(where=st.sampled_from(["zip"] + PARTS), at=st.floats(0, 1),
       junk=st.binary(min_size=1, max_size=40), cut=st.booleans())
def test_a_mutated_form_is_collected_or_refused_in_one_line(made, tmp_path_factory, where, at,
                                                            junk, cut):
    """Bytes of a real form overwritten, in the zip itself or inside one of its XML parts:
    the form reader reads it or refuses it naming the file, never a traceback."""
    from cxassess.export.formreader import read_form

    read_mutated(read_form, form(made), tmp_path_factory.mktemp("fuzz"), "form.xlsx",
                 where, at, junk, cut)


@settings(max_examples=200 if SLOW else 20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(where=st.sampled_from(["zip", "xl/workbook.xml", SHEET, "xl/styles.xml",
                              "docProps/core.xml", "[Content_Types].xml"]),
       at=st.floats(0, 1), junk=st.binary(min_size=1, max_size=40), cut=st.booleans())
def test_a_mutated_previous_workbook_is_read_or_refused_in_one_line(made, tmp_path_factory,
                                                                   where, at, junk, cut):
    from cxassess.export.excel import read_previous

    read_mutated(read_previous, old_workbook(made), tmp_path_factory.mktemp("fuzz"),
                 "old.xlsx", where, at, junk, cut)


def test_a_copied_card_of_the_previous_workbook_is_named_not_dropped_silently(cli, made,
                                                                               assessment,
                                                                               tmp_path):
    """An executive copies a card to split the work between two owners: one card's work
    goes on, and the other's is named in a warning line, never dropped without a word."""
    import openpyxl

    from helpers import rows_by_id, table_header

    path = tmp_path / "old.xlsx"
    shutil.copy(made / "old.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Roadmap"]
    _, labels = table_header(ws, "Id")
    rows = rows_by_id(ws)
    first, second = sorted(rows.values())[:2]
    kept = next(i for i, r in rows.items() if r == first)
    ws.cell(second, labels["Id"]).value = kept
    ws.cell(first, labels["Owner"]).value = "Anna"
    ws.cell(second, labels["Owner"]).value = "Bo"
    wb.save(path)
    code, _, err = cli("export", assessment, "-o", tmp_path / "new.xlsx", "--previous", path)
    assert code == 0, err
    column = openpyxl.utils.get_column_letter(labels["Id"])
    assert (f"warning: {path}: Roadmap!{column}{second}: a second card with id {kept!r}; "
            "only the first card's Owner, Due and Status are carried over") in err
    ws_new = openpyxl.load_workbook(tmp_path / "new.xlsx")["Roadmap"]
    _, new_labels = table_header(ws_new, "Id")
    assert ws_new.cell(rows_by_id(ws_new)[kept], new_labels["Owner"]).value == "Anna"


def test_the_terminal_app_is_told_of_a_copied_card_too():
    """The terminal app shows :meth:`CarryOver.told` (not the command line's warnings):
    a copied card read past is told there as well, in the app's language, and asks for
    attention."""
    from cxassess.export.workbook.carry import CarryOver

    carried = CarryOver("old.xlsx", cards=["fix-a"], copies=[("Roadmap!A9", "fix-a")])
    assert carried.attention
    assert "Roadmap!A9: a second card with id fix-a; only the first card's Owner, Due and " \
        "Status are carried over." in carried.told("en")
    assert any(line.startswith("Roadmap!A9: endnu et kort med id fix-a")
               for line in carried.told("da"))
    assert not any("Roadmap!A9" in line for line in carried.told("en", warned=False))


@settings(max_examples=2000 if SLOW else 60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.lists(st.sampled_from([1, 1, 1, 2, 25, 700]),
                                                             max_size=6)),
                max_size=8),
       st.randoms(use_true_random=False))
def test_cells_are_placed_the_same_with_or_without_their_references(rows, rng):
    """Any sheet, its references left out wherever the file format allows (a row right
    after the previous one, a cell right after the previous cell of its row): every cell
    is placed where the full references put it."""
    from xml.etree import ElementTree

    from openpyxl.utils import get_column_letter

    from cxassess.export.formreader import _placed

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    full, bare, expected = [], [], []
    row_number = 0
    for row_step, column_steps in rows:
        row_number += row_step
        column, cells, bare_cells = 0, [], []
        for step in column_steps:
            column += step
            ref = f"{get_column_letter(column)}{row_number}"
            expected.append(ref)
            cells.append(f'<c r="{ref}"><v>1</v></c>')
            keep = step != 1 or rng.random() < 0.3
            bare_cells.append(f'<c r="{ref}"><v>1</v></c>' if keep else "<c><v>1</v></c>")
        full.append(f'<row r="{row_number}">{"".join(cells)}</row>')
        keep = row_step != 1 or rng.random() < 0.3
        bare.append((f'<row r="{row_number}">' if keep else "<row>") + "".join(bare_cells)
                    + "</row>")
    for body in (full, bare):
        sheet = ElementTree.fromstring(f'<worksheet xmlns="{main}"><sheetData>{"".join(body)}'
                                       "</sheetData></worksheet>")
        assert [ref for ref, _ in _placed(sheet)] == expected
