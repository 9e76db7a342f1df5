"""The executive workbook (``cxassess export``): what an executive reads, that it is safe
to open, that a failed export changes nothing, and the command line around it.

Every input goes through the real pipeline (load → score → plan); the workbook is saved
and loaded back with openpyxl, so the tests see what Excel and LibreOffice would read.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
import tomli_w
from openpyxl import load_workbook
from openpyxl.chart import BarChart, RadarChart
from openpyxl.utils import get_column_letter

from cxassess import pipeline
from cxassess.export import excel
from cxassess.export.excel import SHEETS, STAGE_COLOURS, write_workbook
from cxassess.export.workbook.styles import NAVY
from cxassess.loading import InputError
from cxassess.models import STAGE_LABELS

from helpers import (BUILTIN_ONLY, FIXTURES, ROOT, reload_workbook, run_subprocess,
                     row_labels, table_header)

EXAMPLE = ROOT / "examples" / "nordlys-energi.toml"
DEV = FIXTURES / "dev-assessment.toml"

FORMULA_LIKE = ["=SUM(A1)", "+1", "-2", "@x", "=HYPERLINK(\"http://example.com\",\"x\")",
                "-2+3", "+45 70 10 20 30"]
UNICODE = "Ærø Øl & Åkande A/S – “kvalitet”"


# --------------------------------------------------------------------------- inputs


@pytest.fixture(scope="module")
def plugins():
    from cxassess.plugins import load_plugins

    return load_plugins(env=BUILTIN_ONLY)


@pytest.fixture(scope="module")
def example_en(plugins):
    return pipeline.run(EXAMPLE, plugins, "en")


@pytest.fixture(scope="module")
def example_da(plugins):
    return pipeline.run(EXAMPLE, plugins, "da")


@pytest.fixture(scope="module")
def wb_en(example_en):
    return reload_workbook(example_en)


@pytest.fixture(scope="module")
def wb_da(example_da):
    return reload_workbook(example_da)


def _tricky_assessment(folder: Path) -> Path:
    """An assessment whose every free text looks like a formula or is full of æøå."""
    shutil.copy(FIXTURES / "dev.toml", folder / "dev.toml")
    doc = {
        "format": 1, "questionnaire": "dev.toml", "language": "en",
        "organisation": {"name": "=SUM(A1)", "sector": "+1", "assessor": "@x", "date": "-2"},
        "respondents": [
            {"name": "=SUM(A1)", "department": "+1", "answers": {
                "understand-journey": {"level": 1, "importance": 5, "note": "=SUM(A1)"},
                "understand-data": {"level": 2, "note": "+1"},
                "fix-tracking": {"level": 0, "importance": 4, "note": "-2"},
                "fix-staff": {"level": 2, "note": "@x"},
            }},
            {"name": "-2", "department": "@x", "answers": {
                "understand-journey": {"level": 3, "note": FORMULA_LIKE[4]},
                "fix-staff": {"level": 3, "note": FORMULA_LIKE[5]},
                "seduce-omnichannel": {"level": 1, "note": FORMULA_LIKE[6]},
            }},
            {"name": "Søren Ærø", "department": UNICODE, "answers": {
                "understand-journey": {"level": 2, "note": "Kunderne får ære, øl og ål – æøå ÆØÅ"},
                "refine-peaks": "n/a",
                "seduce-cxm": {"level": 0, "note": "Bell \u0007 and tab\tinside"},
            }},
        ],
    }
    path = folder / "tricky.toml"
    path.write_bytes(tomli_w.dumps(doc).encode())
    return path


@pytest.fixture(scope="module")
def tricky(plugins, tmp_path_factory):
    return pipeline.run(_tricky_assessment(tmp_path_factory.mktemp("tricky")), plugins)


@pytest.fixture(scope="module")
def wb_tricky(tricky):
    return reload_workbook(tricky)


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def _find(ws, value):
    """Every cell whose value is exactly ``value``."""
    return [c for row in ws.iter_rows() for c in row if c.value == value]


def _header_row(ws, first_label: str) -> int:
    """The row of the table whose header starts with ``first_label``; a header is bold on
    navy."""
    row, _ = table_header(ws, first_label)
    first = ws.cell(row, 1)
    assert first.value == first_label and first.font.b and first.fill.fgColor.rgb.endswith(
        NAVY), f"no table header starting with {first_label!r} on {ws.title}"
    return row


# --------------------------------------------------------------------------- sheets


def test_sheet_names_in_english(wb_en):
    assert wb_en.sheetnames == ["Summary", "Roadmap", "Scores", "Departments", "Gaps",
                                "Responses", "Method"]


def test_sheet_names_in_danish(wb_da):
    assert wb_da.sheetnames == ["Overblik", "Køreplan", "Scorer", "Afdelinger", "Forskel", "Svar",
                                "Metode"]
    assert list(SHEETS["da"].values()) == wb_da.sheetnames


def test_summary_opens_first(wb_en):
    assert wb_en.active.title == "Summary"


def test_summary_states_who_when_and_the_current_stage_in_one_sentence(wb_en, example_en):
    report = example_en.report
    ws = wb_en["Summary"]
    values = [v for row in _rows(ws) for v in row if isinstance(v, str)]
    for fact in (report.organisation, report.sector, report.date, report.assessor):
        assert fact in values
    stage = STAGE_LABELS[report.current_stage]["en"]
    sentences = [v for v in values if v.startswith(f"{report.organisation} is at the {stage} stage")]
    assert len(sentences) == 1
    score = report.stage(report.current_stage).score
    assert f"{score:.0f} of 100" in sentences[0]


def test_summary_lists_the_five_highest_priorities(wb_en, example_en):
    ws = wb_en["Summary"]
    header = _header_row(ws, "#")
    titles = [ws.cell(header + i, 2).value for i in range(1, 6)]
    # issue 16: the plan's first five, phase by phase and worst first within a phase (a
    # Seduce goal of phase 4 is no top priority, however urgent its questions)
    expected = [i for p in example_en.roadmap.phases for i in p.initiatives][:5]
    assert titles == [i.title for i in expected]
    assert ws.cell(header + 6, 2).value is None


def test_summary_explains_why_understand_first_and_never_seduce(wb_en, wb_da):
    en = " ".join(v for row in _rows(wb_en["Summary"]) for v in row if isinstance(v, str))
    assert "Why the roadmap starts with Understand and never with Seduce" in en
    assert "long-term goal" in en
    da = " ".join(v for row in _rows(wb_da["Overblik"]) for v in row if isinstance(v, str))
    assert "Hvorfor køreplanen starter med Forstå og aldrig med Forfør" in da


def test_charts_stage_bars_dimension_radar_and_gaps(wb_en, example_en):
    summary = wb_en["Summary"]._charts
    assert [type(c) for c in summary] == [BarChart, RadarChart]
    bars = summary[0]
    # one colour per stage, the same colours as everywhere else
    fills = [p.graphicalProperties.solidFill.srgbClr for p in bars.series[0].dPt]
    assert fills == [STAGE_COLOURS[s.id] for s in example_en.report.stages]
    radar = summary[1]
    assert radar.series[0].val.numRef.f.startswith("'Summary'!")
    gaps = wb_en["Gaps"]._charts
    assert len(gaps) == 1 and isinstance(gaps[0], BarChart) and gaps[0].type == "bar"
    assert len(gaps[0].series[0].dPt) == len(example_en.report.gaps)


def test_chart_data_are_the_report_scores(wb_en, example_en):
    ws = wb_en["Summary"]
    header = _header_row(ws, "Stage")
    for i, stage in enumerate(example_en.report.stages, start=1):
        assert ws.cell(header + i, 2).value == stage.label
        assert ws.cell(header + i, 3).value == pytest.approx(stage.score, abs=0.05)


# --------------------------------------------------------------------------- roadmap


def _cards(ws, header: int):
    """The roadmap's initiative cards: (first row, why row) in sheet order."""
    return [(c.row, c.row + 1) for c in ws[get_column_letter(1)][header:]
            if isinstance(c.value, int)]


def test_every_initiative_is_on_the_roadmap_sheet_in_its_phase(wb_en, example_en):
    ws = wb_en["Roadmap"]
    header = _header_row(ws, "Phase")
    cols = row_labels(ws, header)
    phases = example_en.roadmap.phases
    cards = _cards(ws, header)
    items = [(phase, item) for phase in phases for item in phase.initiatives]
    assert len(items) > 0 and len(cards) == len(items)
    for (top, why), (phase, item) in zip(cards, items):
        assert ws.cell(top, cols["Initiative"]).value == item.title
        assert ws.cell(top, cols["Phase"]).value == phase.number
        assert ws.cell(top, cols["Stage"]).value == STAGE_LABELS[item.stage]["en"]
        assert ws.cell(top, cols["Priority"]).value == pytest.approx(item.priority)
        why_text = ws.cell(why, cols["Initiative"]).value
        assert why_text.startswith(item.rationale)
        assert all(f"• {step}" in why_text.splitlines() for step in item.actions)
        assert ws.cell(why, 1).value == "Why"
        for other in phases:
            col = next(c for label, c in cols.items() if label.startswith(f"Phase {other.number}\n"))
            for row in (top, why):
                shaded = ws.cell(row, col).fill.fgColor.rgb.endswith(STAGE_COLOURS[item.stage])
                assert shaded == (other.number == phase.number), (item.id, other.number)
        for blank in ("Owner", "Due", "Status"):
            assert ws.cell(top, cols[blank]).value is None


def test_roadmap_phase_columns_name_the_horizon(wb_en, example_en):
    ws = wb_en["Roadmap"]
    labels = [c.value for c in ws[_header_row(ws, "Phase")]]
    for phase in example_en.roadmap.phases:
        assert f"Phase {phase.number}\n{phase.horizon}" in labels


def test_roadmap_cards_are_not_split_over_printed_pages(wb_en):
    ws = wb_en["Roadmap"]
    breaks = {b.id for b in ws.row_breaks.brk}
    assert breaks, "the example's roadmap runs over several pages"
    for top, why in _cards(ws, _header_row(ws, "Phase")):
        assert top not in breaks  # a break after the first row would split the card


def test_roadmap_lists_the_phases_with_title_and_horizon(wb_da, example_da):
    ws = wb_da["Køreplan"]
    values = [v for row in _rows(ws) for v in row if v is not None]
    for phase in example_da.roadmap.phases:
        assert f"Fase {phase.number}: {phase.title} ({phase.horizon})" in values


def test_status_is_a_drop_down_list_on_every_initiative(wb_en, example_en):
    ws = wb_en["Roadmap"]
    header = _header_row(ws, "Phase")
    status = row_labels(ws, header)["Status"]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1
    dv = lists[0]
    assert dv.formula1 == '"Not started,In progress,Done,On hold"'
    cards = _cards(ws, header)
    assert len(cards) == len(example_en.roadmap.initiatives)
    for top, why in cards:
        assert ws.cell(top, status).coordinate in dv.sqref
        assert ws.cell(why, status).coordinate not in dv.sqref


def test_status_list_is_danish_in_danish(wb_da):
    (dv,) = [dv for dv in wb_da["Køreplan"].data_validations.dataValidation]
    assert "Gennemført" in dv.formula1 and "I gang" in dv.formula1


# --------------------------------------------------------------------------- other sheets


def test_scores_sheet_has_every_stage_and_dimension(wb_en, example_en):
    ws = wb_en["Scores"]
    report = example_en.report
    stage_header = _header_row(ws, "Stage")
    for i, s in enumerate(report.stages, start=1):
        assert ws.cell(stage_header + i, 1).value == s.label
        assert ws.cell(stage_header + i, 4).value == f"{s.answered} / {s.total}"
    dim_header = _header_row(ws, "Dimension")
    for i, d in enumerate(report.dimensions, start=1):
        row = dim_header + i
        assert ws.cell(row, 1).value == d.label
        assert ws.cell(row, 3).value == pytest.approx(d.coverage)
        assert ws.cell(row, 4).value == f"{d.answered} / {d.total}"
        assert ws.cell(row, 5).value == d.scorer
        for finding in d.findings:
            assert finding in ws.cell(row, 6).value


def test_gaps_sheet_largest_first(wb_en, example_en):
    ws = wb_en["Gaps"]
    header = _header_row(ws, "#")
    gaps = example_en.report.gaps
    assert gaps, "the example has questions that ask importance"
    for i, g in enumerate(gaps, start=1):
        assert ws.cell(header + i, 2).value == g.text
        assert ws.cell(header + i, 4).value == pytest.approx(g.importance)
        assert ws.cell(header + i, 5).value == pytest.approx(g.level)
        assert ws.cell(header + i, 6).value == pytest.approx(g.gap)
    column = [ws.cell(header + i, 6).value for i in range(1, len(gaps) + 1)]
    assert column == sorted(column, reverse=True)


def test_responses_sheet_has_every_answer_with_its_anchor(wb_en, example_en):
    ws = wb_en["Responses"]
    header = _header_row(ws, "Respondent")
    cols = row_labels(ws, header)
    questionnaire = example_en.loaded.questionnaire
    expected = [(q, a) for q in example_en.report.questions for a in q.answers]
    assert len(expected) > 20
    for offset, (q, a) in enumerate(expected, start=1):
        row = header + offset
        assert ws.cell(row, cols["Respondent"]).value == a.respondent
        assert ws.cell(row, cols["Question"]).value == q.text
        if a.level is not None:
            assert ws.cell(row, cols["Level"]).value == a.level
            anchor = questionnaire.question(q.id).levels[a.level].en
            assert ws.cell(row, cols["What the level means"]).value == anchor
        elif a.not_applicable:
            assert ws.cell(row, cols["Level"]).value == "n/a"
        assert ws.cell(row, cols["Importance"]).value == a.importance
        assert (ws.cell(row, cols["Note"]).value or "") == a.note
    assert ws.cell(header + len(expected) + 1, 1).value is None
    assert ws.auto_filter.ref == f"A{header}:I{header + len(expected)}"


def test_method_sheet_names_questionnaire_plugins_and_sources(wb_en, example_en):
    values = {v for row in _rows(wb_en["Method"]) for v in row if v is not None}
    q = example_en.loaded.questionnaire
    assert q.id in values and q.version in values
    for p in example_en.report.plugins:
        assert p.name in values
    for src in q.sources.values():
        assert src.title in values
    assert any(isinstance(v, str) and v.startswith(f"{example_en.report.mastery_bar:.0f} / 100")
               for v in values)


# --------------------------------------------------------------------------- look and print


def test_workbook_properties(wb_en, wb_da):
    assert wb_en.properties.title == "Customer experience maturity: Nordlys Energi A/S"
    assert "four Fs" in wb_en.properties.subject
    assert wb_en.properties.creator.startswith("cxassess")
    assert wb_da.properties.title.startswith("Modenhed i kundeoplevelsen")


def test_every_sheet_prints_landscape_a4_one_page_wide_with_title_rows(wb_en):
    for ws in wb_en:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert int(ws.page_setup.fitToWidth) == 1, ws.title
        # every printed page shows the title: its rows repeat, or (a sheet whose last table
        # runs over pages repeats that table's header) the page header names it from page 2
        assert ws.print_title_rows, ws.title
        if not ws.print_title_rows.startswith("$1:"):
            assert ws.HeaderFooter.differentFirst, ws.title
            assert ws.oddHeader.center.text == ws["A1"].value, ws.title
        assert ws["A1"].font.b and ws.row_dimensions[1].height >= 24, ws.title
    assert int(wb_en["Summary"].page_setup.fitToHeight) == 1


def test_long_lists_have_frozen_headers_and_filters(wb_en):
    for name in ("Roadmap", "Scores", "Responses", "Gaps"):
        assert wb_en[name].freeze_panes is not None, name
    for name in ("Responses", "Gaps"):
        assert wb_en[name].auto_filter.ref, name


def test_one_colour_per_stage_across_sheets(wb_en):
    for name, col in (("Roadmap", 3), ("Responses", 3), ("Gaps", 3)):
        ws = wb_en[name]
        for row in ws.iter_rows(min_col=col, max_col=col):
            cell = row[0]
            for stage, labels in STAGE_LABELS.items():
                if cell.value == labels["en"] and not cell.font.color.rgb.endswith("FFFFFF"):
                    assert cell.font.color.rgb.endswith(STAGE_COLOURS[stage]), (name, cell)


# --------------------------------------------------------------------------- safety


def _cells(wb):
    return [c for ws in wb for row in ws.iter_rows() for c in row]


def test_formula_like_text_is_stored_as_text(wb_tricky):
    cells = _cells(wb_tricky)
    for text in ("=SUM(A1)", "+1", "-2", "@x", *FORMULA_LIKE):
        found = [c for c in cells if c.value == text]
        assert found, f"{text!r} is not in the workbook as typed"
        for c in found:
            assert c.data_type == "s", (c.parent.title, c.coordinate, text)
            assert c.quotePrefix, (c.parent.title, c.coordinate, text)
    # no cell anywhere holds a formula
    assert not [c for c in cells if c.data_type == "f"]


def test_user_texts_land_where_expected(wb_tricky):
    summary = wb_tricky["Summary"]
    assert _find(summary, "=SUM(A1)")  # the organisation
    responses = wb_tricky["Responses"]
    header = _header_row(responses, "Respondent")
    names = [responses.cell(r, 1).value for r in range(header + 1, responses.max_row + 1)]
    assert {"=SUM(A1)", "-2", "Søren Ærø"} <= set(names)
    notes = {responses.cell(r, 9).value for r in range(header + 1, responses.max_row + 1)}
    assert {"=SUM(A1)", "+1", "-2", "@x", *FORMULA_LIKE[4:]} <= notes


def test_no_formula_elements_in_the_file(tricky, tmp_path):
    out = tmp_path / "tricky.xlsx"
    write_workbook(tricky, out)
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, name


def test_unicode_round_trips(wb_tricky):
    values = {c.value for c in _cells(wb_tricky)}
    assert UNICODE in values
    assert "Kunderne får ære, øl og ål – æøå ÆØÅ" in values
    assert "Søren Ærø" in values


def test_control_characters_excel_forbids_are_dropped(wb_tricky):
    values = {c.value for c in _cells(wb_tricky)}
    assert "Bell  and tab\tinside" in values


def test_header_and_footer_escape_the_organisation(tmp_path, plugins):
    folder = tmp_path
    path = _tricky_assessment(folder)
    text = path.read_text().replace('name = "=SUM(A1)"\nsector', 'name = "A&B &P"\nsector', 1)
    path.write_text(text)
    wb = reload_workbook(pipeline.run(path, plugins))
    assert wb["Summary"].oddFooter.left.text == "A&&B &&P"


# --------------------------------------------------------------------------- writing


def test_write_creates_a_workbook(tmp_path, example_en):
    out = tmp_path / "out.xlsx"
    write_workbook(example_en, out)
    assert load_workbook(out).sheetnames[0] == "Summary"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_failed_write_leaves_the_earlier_file_byte_identical(tmp_path, example_en,
                                                            example_da, monkeypatch):
    out = tmp_path / "board.xlsx"
    write_workbook(example_en, out)
    before = out.read_bytes()

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(InputError, match="board.xlsx"):
        write_workbook(example_da, out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["board.xlsx"]  # no temporary left


def test_failed_build_leaves_the_earlier_file_byte_identical(tmp_path, example_en,
                                                            monkeypatch):
    out = tmp_path / "board.xlsx"
    write_workbook(example_en, out)
    before = out.read_bytes()

    def broken(result, previous):
        raise RuntimeError("boom")

    monkeypatch.setattr(excel, "build_workbook", broken)
    with pytest.raises(RuntimeError):
        write_workbook(example_en, out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["board.xlsx"]


def test_missing_folder_is_one_input_error_naming_the_path(tmp_path, example_en):
    out = tmp_path / "no" / "such" / "board.xlsx"
    with pytest.raises(InputError) as info:
        write_workbook(example_en, out)
    assert str(out) in str(info.value)
    assert not out.parent.exists()


def test_a_folder_in_the_way_is_an_input_error(tmp_path, example_en):
    out = tmp_path / "board.xlsx"
    out.mkdir()
    with pytest.raises(InputError, match="board.xlsx"):
        write_workbook(example_en, out)


def test_read_only_folder_is_an_input_error(example_en):
    """A folder the user may not write. Root may write anywhere, so as root the export
    runs in a forked child that has become user nobody (as the CI runs as root, a skip
    there would mean the test never ran)."""
    folder = Path(tempfile.mkdtemp())
    out = folder / "board.xlsx"
    try:
        if os.geteuid() != 0:
            folder.chmod(0o500)
            with pytest.raises(InputError, match="board.xlsx"):
                write_workbook(example_en, out)
        else:
            folder.chmod(0o755)  # root's folder: others may enter it, not write it
            pid = os.fork()
            if pid == 0:
                code = 4
                try:
                    os.setgid(65534)
                    os.setuid(65534)
                    write_workbook(example_en, out)
                except InputError as exc:
                    code = 3 if "board.xlsx" in str(exc) else 5
                finally:
                    os._exit(code)
            _, status = os.waitpid(pid, 0)
            assert os.WEXITSTATUS(status) == 3, "3: an InputError naming the file"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
        shutil.rmtree(folder)


def test_the_dev_fixture_exports_too(tmp_path, plugins):
    out = tmp_path / "dev.xlsx"
    write_workbook(pipeline.run(DEV, plugins), out)
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEETS["en"].values())


# --------------------------------------------------------------------------- command line


def test_cli_export(cli, tmp_path):
    out = tmp_path / "board.xlsx"
    code, _, err = cli("export", EXAMPLE, "-o", out)
    assert code == 0, err
    assert out.is_file()
    assert load_workbook(out).sheetnames == list(SHEETS["da"].values())


def test_cli_export_in_english(cli, tmp_path):
    out = tmp_path / "board.xlsx"
    code, _, err = cli("export", EXAMPLE, "-o", out, "--lang", "en")
    assert code == 0, err
    assert load_workbook(out).sheetnames == list(SHEETS["en"].values())


def test_cli_export_to_a_missing_folder(cli, tmp_path):
    out = tmp_path / "missing" / "board.xlsx"
    code, stdout, err = cli("export", EXAMPLE, "-o", out)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0]
    assert "Traceback" not in err and stdout == ""


def test_cli_export_as_a_process(tmp_path):
    out = tmp_path / "board.xlsx"
    done = run_subprocess("export", EXAMPLE, "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    missing = run_subprocess("export", EXAMPLE, "-o", tmp_path / "nope" / "board.xlsx")
    assert missing.returncode == 1
    assert "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------- robustness


def test_merged_ranges_never_overlap(wb_en, wb_da, wb_tricky):
    # overlapping merges are what makes Excel offer to "repair" a workbook
    for wb in (wb_en, wb_da, wb_tricky):
        for ws in wb:
            seen: set[tuple[int, int]] = set()
            for rng in ws.merged_cells.ranges:
                cells = set(rng.cells)
                assert not cells & seen, (ws.title, str(rng))
                seen |= cells


def test_a_plugin_dimension_is_shown_like_the_built_in_ones(tmp_path):
    from cxassess.plugins import load_plugins

    result = pipeline.run(EXAMPLE, load_plugins(ROOT / "examples" / "plugins", env=BUILTIN_ONLY), "en")
    assert result.report.dimension("foundations") is not None
    wb = reload_workbook(result)
    summary = wb["Summary"]
    header = _header_row(summary, "Dimension")
    labels = [summary.cell(header + i, 1).value for i in range(1, len(result.report.dimensions) + 1)]
    assert "Foundations" in labels
    radar = summary._charts[1]
    assert radar.series[0].val.numRef.f.endswith(f"${header + len(labels)}")
    scores = wb["Scores"]
    row = next(c.row for c in scores["A"] if c.value == "Foundations")
    assert scores.cell(row, 5).value == "foundations"
    method = {v for r in _rows(wb["Method"]) for v in r if v is not None}
    assert "foundations" in method and "1.0" in method


def test_an_assessment_without_answers_still_exports(tmp_path, plugins):
    path = tmp_path / "empty.toml"
    path.write_text('format = 1\nquestionnaire = "four-f"\nlanguage = "da"\n'
                    '[organisation]\nname = "Tom A/S"\n', encoding="utf-8")
    out = tmp_path / "empty.xlsx"
    write_workbook(pipeline.run(path, plugins), out)
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEETS["da"].values())
    assert wb["Forskel"]._charts == []


def _sources_header(ws) -> list[str]:
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Title")
    return [c.value for c in ws[header] if c.value]


def test_the_sources_show_a_published_column_only_when_a_source_names_one(tmp_path, plugins,
                                                                          wb_en):
    # the built-in questionnaire's articles name no publisher or year: no empty column,
    # the notes take its place
    method = wb_en["Method"]
    assert _sources_header(method) == ["Title", "Author", "Note"]
    notes = next(r for r in method.merged_cells.ranges
                 if method.cell(r.min_row, r.min_col).value == "Note")
    assert (notes.min_col, notes.max_col) == (4, 7)
    # one that does gets the column, with what it names
    text = (FIXTURES / "dev.toml").read_text(encoding="utf-8")
    (tmp_path / "dev.toml").write_text(text.replace(
        'title = "Test fixture"\n', 'title = "Test fixture"\npublisher = "Forlaget"\n'
        'year = 2021\n'), encoding="utf-8")
    shutil.copy(DEV, tmp_path / "dev-assessment.toml")
    ws = reload_workbook(pipeline.run(tmp_path / "dev-assessment.toml", plugins))["Method"]
    assert _sources_header(ws) == ["Title", "Author", "Published", "Note"]
    assert "Forlaget, 2021" in {c.value for row in ws.iter_rows() for c in row}
