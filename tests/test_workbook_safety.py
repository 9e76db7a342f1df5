"""A workbook always opens: whatever text an assessment, a questionnaire or a plugin holds,
every part of the .xlsx is well-formed XML 1.0, openpyxl reads it back, and the page
footers stay valid Excel header/footer codes (issue 10, item 3)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import tomli_w
from openpyxl import load_workbook

from cxassess import pipeline
from cxassess.export.excel import SHEETS, write_workbook
from cxassess.export.workbook.styles import clean_text, footer_text

from helpers import BUILTIN_ONLY, FIXTURES, run_subprocess

# characters XML 1.0 does not allow (tab, newline and carriage return are allowed)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LONG_ORG = "N" * 118 + "&"  # 119 characters ending in &: once broke every footer
NONCHARS = "Note \ufffe and \uffff end"
CONTROLS = "Bell \x07, escape \x1b[31m, NUL \x00 end"


@pytest.fixture(scope="module")
def plugins():
    from cxassess.plugins import load_plugins

    return load_plugins(env=BUILTIN_ONLY)


def _hostile_assessment(folder: Path, organisation: str = LONG_ORG) -> Path:
    shutil.copy(FIXTURES / "dev.toml", folder / "dev.toml")
    doc = {
        "format": 1, "questionnaire": "dev.toml", "language": "en",
        "organisation": {"name": organisation, "sector": "\ufffe", "assessor": "=SUM(A1)",
                         "date": "&P &N &&"},
        "respondents": [
            {"name": "=HYPERLINK(\"http://example.com\",\"x\")", "department": "\uffff",
             "answers": {
                 "understand-journey": {"level": 1, "importance": 5, "note": NONCHARS},
                 "fix-tracking": {"level": 0, "importance": 4, "note": CONTROLS},
                 "fix-staff": {"level": 2, "note": "+45 70 10 20 30 &"},
             }},
        ],
    }
    path = folder / "hostile.toml"
    path.write_bytes(tomli_w.dumps(doc).encode())
    return path


def _poison_plugin_texts(result) -> None:
    """Texts a scorer plugin or a questionnaire may hand over: lone surrogates too, which
    no TOML file can hold but a Python plugin can return."""
    report = result.report
    report.dimensions[0].findings = ["Lone \ud800 high", "lone \udfff low", "\ufffe"]
    report.dimensions[0].label = "Data \udc80 label"
    report.warnings = ["Warning \ud83d without its pair", "ctrl \x0b\x0c"]
    report.questions[0].text = "Question \ud800 text \uffff"
    result.roadmap.phases[0].title = "Phase \udfff"


def _xml_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def _footer_xml(xml: str) -> str:
    found = re.search(r"<oddFooter>(.*?)</oddFooter>", xml, re.S)
    assert found, "every sheet has a page footer"
    return (found.group(1).replace("&amp;", "&").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&quot;", '"'))


@pytest.fixture(scope="module")
def hostile_xlsx(plugins, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    result = pipeline.run(_hostile_assessment(folder), plugins)
    _poison_plugin_texts(result)
    out = folder / "hostile.xlsx"
    write_workbook(result, out)
    return out


def test_every_part_is_well_formed_xml_without_forbidden_characters(hostile_xlsx):
    for name, data in _xml_parts(hostile_xlsx).items():
        text = data.decode("utf-8")
        assert not NOT_XML.search(text), name
        ET.fromstring(data)  # raises on anything an XML 1.0 parser refuses


def test_openpyxl_reads_every_sheet_back_with_the_texts(hostile_xlsx):
    wb = load_workbook(hostile_xlsx)
    assert wb.sheetnames == list(SHEETS["en"].values())
    values = {c.value for ws in wb for row in ws.iter_rows() for c in row
              if isinstance(c.value, str)}
    # non-characters and lone surrogates show as the replacement character, controls go
    assert "Note \ufffd and \ufffd end" in values
    assert "Bell , escape [31m, NUL  end" in values
    assert "• Lone \ufffd high\n• lone \ufffd low\n• \ufffd" in values
    assert "Question \ufffd text \ufffd" in values
    # formula-like text stays text
    assert "=SUM(A1)" in values and "+45 70 10 20 30 &" in values
    assert any(LONG_ORG in v for v in values)


def test_footer_escapes_ampersands_and_stays_within_excels_limit(hostile_xlsx):
    wb = load_workbook(hostile_xlsx)
    for ws in wb:
        assert ws.oddFooter.left.text == "N" * 59 + "…", ws.title
        assert ws.oddFooter.center.text == "&A"
        assert ws.oddFooter.right.text == "Page &P of &N"
    for name, data in _xml_parts(hostile_xlsx).items():
        if name.startswith("xl/worksheets/sheet"):
            footer = _footer_xml(data.decode())
            assert len(footer) <= 255, name
            # outside the codes, every & comes in pairs: the organisation cannot end a code
            assert footer.startswith("&L") and footer.index("&C") > footer.index("N…")


@pytest.mark.parametrize("name", [
    "A" * 119 + "&", "&" * 300, "B&" * 80, "x" * 5000, "Ærø & Søn " * 30,
])
def test_footer_text_never_splits_an_escaped_ampersand(name):
    text = footer_text(name)
    assert len(text) <= 60
    body = text.removesuffix("…")
    assert body.replace("&&", "").count("&") == 0
    assert body.replace("&&", "&") == name[: len(body.replace("&&", "&"))]


def test_clean_text_keeps_tab_newline_and_carriage_return():
    assert clean_text("a\tb\nc\rd") == "a\tb\nc\rd"
    assert clean_text("\x00\x08\x0b\x0c\x0e\x1f") == ""
    assert clean_text("\ud800\udbff\udc00\udfff\ufffe\uffff") == "\ufffd" * 6
    assert clean_text("æøå ÆØÅ – “ok” 😀") == "æøå ÆØÅ – “ok” 😀"


def test_export_command_writes_a_workbook_that_opens(tmp_path):
    source = _hostile_assessment(tmp_path, organisation="Ørsted & Co. \ufffe" + "&" * 150)
    out = tmp_path / "board.xlsx"
    done = run_subprocess("export", source, "-o", out, env=BUILTIN_ONLY)
    assert done.returncode == 0, done.stderr
    wb = load_workbook(out)
    assert wb["Summary"]["A1"].value.startswith("Customer experience maturity: Ørsted & Co. \ufffd")
    assert wb["Summary"].oddFooter.left.text == "Ørsted && Co. \ufffd" + "&&" * 22 + "…"
    for name, data in _xml_parts(out).items():
        ET.fromstring(data)
