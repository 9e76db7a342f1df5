"""Forms out, answers in: ``cxassess forms`` writes fill-in workbooks, ``cxassess
collect`` merges the returned ones — all or nothing, every problem naming file and cell.

Forms are filled the way a respondent would: openpyxl opens the returned file, types
into the answer cells and saves, as Excel or LibreOffice would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cxassess.collect import assessment_key, parse_level
from cxassess.export.forms import level_options
from cxassess.loading import load_assessment_data

from helpers import FIXTURES

DEV_ORDER = ["understand-journey", "understand-data", "fix-tracking", "fix-staff",
             "refine-peaks", "refine-feedback", "seduce-omnichannel", "seduce-cxm"]
ASKS_IMPORTANCE = {"understand-journey", "fix-tracking", "refine-peaks"}


@pytest.fixture
def assessment(tmp_path) -> Path:
    shutil.copy(FIXTURES / "dev.toml", tmp_path / "dev.toml")
    path = tmp_path / "client.toml"
    shutil.copy(FIXTURES / "dev-assessment.toml", path)
    return path


@pytest.fixture
def danish(assessment) -> Path:
    assessment.write_text(assessment.read_text(encoding="utf-8").replace(
        'language = "en"', 'language = "da"'), encoding="utf-8")
    return assessment


@pytest.fixture
def forms(cli, assessment) -> Path:
    out = assessment.parent / "forms"
    code, _, err = cli("forms", assessment, "-o", out, "--blank", "2")
    assert code == 0, err
    return out


def fill(path: Path, cells: dict, out: Path | None = None, sheet: str = "Questions") -> Path:
    wb = load_workbook(path)
    ws = wb[sheet]
    for ref, value in cells.items():
        ws[ref] = value
    out = out or path
    wb.save(out)
    return out


def row_of(path: Path, question: str, sheet: str = "Questions") -> int:
    ws = load_workbook(path)[sheet]
    return next(c.row for c in ws["A"] if c.value == question)


# --------------------------------------------------------------------------- forms out


def test_one_form_per_respondent_and_the_blank_ones(forms):
    assert sorted(p.name for p in forms.iterdir()) == [
        "anna-customer-service.xlsx", "blank-01.xlsx", "blank-02.xlsx", "bo-marketing.xlsx"]


def test_a_form_has_instructions_questions_and_hidden_metadata(forms, assessment):
    wb = load_workbook(forms / "anna-customer-service.xlsx")
    assert wb.sheetnames == ["Instructions", "Questions", "cxassess"]
    assert wb["cxassess"].sheet_state == "hidden"
    meta = {r[0].value: r[1].value for r in wb["cxassess"].iter_rows(max_col=2) if r[0].value}
    loaded, _ = load_assessment_data(assessment)
    assert meta["kind"] == "cxassess-form"
    assert meta["assessment"] == assessment_key(loaded)
    assert (meta["questionnaire"], meta["version"]) == ("dev", "0.1")
    assert (meta["respondent"], meta["department"]) == ("Anna", "Customer service")
    ws = wb["Questions"]
    assert ws.column_dimensions["A"].hidden
    ids = [c.value for c in ws["A"] if c.value in DEV_ORDER]
    assert ids == DEV_ORDER
    header = [c.value for c in ws[row_of(forms / "anna-customer-service.xlsx", "id")]]
    assert header[4:7] == ["Level", "Importance", "Note"]
    # the five anchors are readable on the row
    row = row_of(forms / "anna-customer-service.xlsx", "understand-journey")
    assert all(f"{n} – {a}" in ws.cell(row, 4).value for n, a in
               enumerate(["No map", "One internal map", "Main journeys mapped",
                          "Mapped with customers", "Revisited yearly"]))


def test_a_form_is_laid_out_and_labelled_as_the_workbook_is(forms):
    """The form builds on the workbook's helpers: the blank form's "type your name" line
    spans the instructions' text columns, the answer cells are centred and wrapped, every
    page is numbered, rows are tall enough for the five anchors, and the file says what
    it is, in its language, made by cxassess."""
    blank = load_workbook(forms / "blank-01.xlsx")
    instructions = blank["Instructions"]
    [typed] = [c for c in instructions["B"] if str(c.value).startswith("Type your name")]
    assert f"B{typed.row}:C{typed.row}" in {str(r) for r in instructions.merged_cells.ranges}
    ws = blank["Questions"]
    row = next(c.row for c in ws["A"] if c.value == "understand-journey")
    for cell in (ws.cell(row, 5), ws.cell(row, 6)):  # Level, Importance
        assert (cell.alignment.horizontal, cell.alignment.vertical,
                cell.alignment.wrap_text) == ("center", "top", True)
    assert ws.row_dimensions[row].height >= 5 * 9 * 1.3  # five anchor lines at 9 pt
    for sheet in (instructions, ws):
        assert sheet.oddFooter.right.text == "Page &P of &N"
    props = load_workbook(forms / "anna-customer-service.xlsx").properties
    assert props.title == "Customer experience maturity: questionnaire: Testfirma ApS"
    assert props.creator.startswith("cxassess ") and props.language == "en-GB"


def test_only_answer_cells_are_editable(forms):
    path = forms / "bo-marketing.xlsx"
    ws = load_workbook(path)["Questions"]
    assert ws.protection.sheet and not ws.protection.password
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked}
    expected = set()
    for q in DEV_ORDER:
        r = row_of(path, q)
        expected |= {f"E{r}", f"G{r}"} | ({f"F{r}"} if q in ASKS_IMPORTANCE else set())
    assert unlocked == expected
    # a blank form also lets the respondent type name and department
    blank = load_workbook(forms / "blank-01.xlsx")["Questions"]
    extra = {c.coordinate for row in blank.iter_rows() for c in row if not c.protection.locked}
    assert extra - expected == {"C3", "C4"}


def test_level_and_importance_have_drop_down_lists(forms, dev_questionnaire):
    path = forms / "anna-customer-service.xlsx"
    wb = load_workbook(path)
    ws, meta = wb["Questions"], wb["cxassess"]
    validations = ws.data_validations.dataValidation
    for q in DEV_ORDER:
        r = row_of(path, q)
        dv = next(v for v in validations if f"E{r}" in v.sqref)
        assert dv.type == "list" and dv.showErrorMessage
        sheet, cells = dv.formula1.split("!")
        options = [c.value for row in meta[cells.replace("$", "")] for c in row]
        assert options == level_options(dev_questionnaire.question(q), "en")
        assert options[0].startswith("0 – ") and options[-1].startswith("n/a")
        has_importance = [v for v in validations if f"F{r}" in v.sqref]
        assert bool(has_importance) == (q in ASKS_IMPORTANCE)
        if has_importance:
            cells = has_importance[0].formula1.split("!")[1].replace("$", "")
            assert [c.value for row in meta[cells] for c in row][0] == "1 – not important"


def test_danish_form_has_danish_sheets_and_headers(cli, danish):
    out = danish.parent / "formularer"
    assert cli("forms", danish, "-o", out)[0] == 0
    wb = load_workbook(out / "anna-customer-service.xlsx")
    assert wb.sheetnames == ["Vejledning", "Spørgsmål", "cxassess"]
    ws = wb["Spørgsmål"]
    header = [c.value for c in ws[row_of(out / "anna-customer-service.xlsx", "id", "Spørgsmål")]]
    assert header[1:7] == ["Trin", "Spørgsmål", "Hvad niveauerne betyder", "Niveau",
                           "Vigtighed", "Note"]


def test_forms_are_never_overwritten_without_force(cli, forms, assessment):
    path = forms / "bo-marketing.xlsx"
    (forms / "anna-customer-service.xlsx").write_bytes(b"an old file")
    before = path.read_bytes()
    code, _, err = cli("forms", assessment, "-o", forms)
    assert code == 1 and "already exists" in err and "--force" in err
    assert path.read_bytes() == before
    assert (forms / "anna-customer-service.xlsx").read_bytes() == b"an old file"
    assert cli("forms", assessment, "-o", forms, "--force")[0] == 0
    assert (forms / "anna-customer-service.xlsx").read_bytes() != b"an old file"


@pytest.mark.parametrize("name, cells", [
    ("bo-marketing.xlsx", {"E{fix-staff}": 0}),  # a level 0 is an answer too
    ("bo-marketing.xlsx", {"G{refine-peaks}": "a note only"}),
    ("blank-01.xlsx", {"C3": "Carl"}),  # a blank form with a name typed
    ("blank-01.xlsx", {"C4": "Marketing"}),  # or only its department (collect reads it)
])
def test_force_never_replaces_a_form_someone_filled_in(cli, forms, assessment, name, cells):
    """Returned forms are often saved over the ones sent out; asking for more blank forms
    with --force must not wipe the answers in them."""
    path = forms / name
    fill(path, {ref.format_map({q: row_of(path, q) for q in DEV_ORDER}): value
                for ref, value in cells.items()})
    before = {p.name: p.read_bytes() for p in forms.iterdir()}
    code, _, err = cli("forms", assessment, "-o", forms, "--force", "--blank", "3")
    assert code == 1 and f"{path}: holds answers" in err, err
    assert {p.name: p.read_bytes() for p in forms.iterdir()} == before  # nothing written


def test_no_respondents_and_no_blank_forms_says_what_to_do(cli, tmp_path):
    shutil.copy(FIXTURES / "dev.toml", tmp_path / "dev.toml")
    empty = tmp_path / "empty.toml"
    empty.write_text('format = 1\nquestionnaire = "dev.toml"\n[organisation]\nname = "X"\n',
                     encoding="utf-8")
    code, _, err = cli("forms", empty, "-o", tmp_path / "forms")
    assert code == 1 and "--blank N" in err
    assert not (tmp_path / "forms").exists()
    assert cli("forms", empty, "-o", tmp_path / "forms", "--blank", "3")[0] == 0
    assert len(list((tmp_path / "forms").iterdir())) == 3


def test_forms_of_an_assessment_without_a_date_warn_before_they_go_out(cli, tmp_path):
    """A fresh template has no date; set after the forms went out, it would make every
    returned form "belong to another assessment"."""
    client = tmp_path / "client.toml"
    assert cli("template", "four-f", "-o", client)[0] == 0
    code, _, err = cli("forms", client, "-o", tmp_path / "forms")
    assert code == 0, err
    assert f"warning: {client}: organisation.date is empty: returned forms are matched" in err
    client.write_text(client.read_text(encoding="utf-8").replace('date = ""',
                                                                  'date = "2026-11-23"'),
                      encoding="utf-8")
    code, _, err = cli("forms", client, "-o", tmp_path / "forms", "--force")
    assert code == 0 and "organisation.date" not in err


def test_negative_blank_is_a_usage_error(cli, assessment):
    with pytest.raises(SystemExit) as exc:
        cli("forms", assessment, "-o", assessment.parent / "x", "--blank", "-1")
    assert exc.value.code == 2


# --------------------------------------------------------------------------- answers in


@pytest.mark.parametrize("typed, level, na", [
    (3, 3, False), ("3", 3, False), (" 3 ", 3, False), (3.0, 3, False),
    ("3 – Mapped with customers", 3, False), ("0 – No map", 0, False),
    ("n/a", None, True), ("N/A", None, True), ("n/a – not applicable", None, True),
    ("n/a – ikke relevant", None, True), (None, None, False), ("  ", None, False),
])
def test_levels_as_typed_or_chosen(typed, level, na):
    assert parse_level(typed) == (level, na)


@pytest.mark.parametrize("typed, message", [
    (7, "level 7 is outside 0..4"), ("7", "level 7 is outside 0..4"),
    (2.5, "level 2.5 is not a whole number 0..4"), ("lots", "is not a number 0..4 or n/a"),
    (True, "is not a whole number"), ("=1+2", "is not a number"),
])
def test_bad_levels_say_why(typed, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.").replace("+", r"\+")):
        parse_level(typed)


def test_collect_filled_forms_updates_and_adds_respondents(cli, forms, assessment):
    anna = forms / "anna-customer-service.xlsx"
    r = {q: row_of(anna, q) for q in DEV_ORDER}
    fill(anna, {f"E{r['understand-journey']}": "4 – Revisited yearly",
                f"F{r['understand-journey']}": "2 – a little important",
                f"E{r['understand-data']}": "3",
                f"E{r['refine-feedback']}": 1,
                f"E{r['seduce-omnichannel']}": "n/a – not applicable",
                f"G{r['seduce-omnichannel']}": "We have one channel"})
    blank = forms / "blank-01.xlsx"
    fill(blank, {"C3": "Carl", "C4": "Sales", f"E{r['fix-staff']}": 2,
                 f"F{r['fix-tracking']}": 5, f"G{r['fix-tracking']}": "=HYPERLINK(\"x\")"})
    code, out, err = cli("collect", assessment, anna, blank)
    assert code == 0, err
    assert "Anna (Customer service): 2 answer(s) added, 2 changed, 0 unchanged" in out
    assert "Carl (Sales): new respondent, 2 answer(s)" in out
    loaded, _ = load_assessment_data(assessment)
    people = {r.name: r for r in loaded.respondents}
    assert [r.name for r in loaded.respondents] == ["Anna", "Bo", "Carl"]
    a = people["Anna"].answers
    assert (a["understand-journey"].level, a["understand-journey"].importance) == (4, 2)
    assert a["understand-journey"].note == "Only sales journey"  # blank note cell: kept
    assert a["understand-data"].level == 3 and a["refine-feedback"].level == 1
    assert a["seduce-omnichannel"].not_applicable
    assert a["seduce-omnichannel"].note == "We have one channel"
    assert a["fix-tracking"].level == 0  # untouched answers stay as they were
    c = people["Carl"]
    assert c.department == "Sales" and c.answers["fix-staff"].level == 2
    assert c.answers["fix-tracking"].level is None and c.answers["fix-tracking"].importance == 5
    assert c.answers["fix-tracking"].note == "=HYPERLINK(\"x\")"
    assert set(c.answers) == {"fix-staff", "fix-tracking"}  # blank rows stay unanswered


def test_formula_like_notes_stay_text_on_the_way_out(cli, forms, assessment, tmp_path):
    anna = forms / "anna-customer-service.xlsx"
    fill(anna, {f"G{row_of(anna, 'fix-staff')}": "=SUM(A1:A9)"})
    assert cli("collect", assessment, anna)[0] == 0
    out = tmp_path / "out.xlsx"
    assert cli("export", assessment, "-o", out)[0] == 0
    cells = [c for ws in load_workbook(out) for row in ws.iter_rows() for c in row
             if c.value == "=SUM(A1:A9)"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_collect_toml_files_and_a_mixture(cli, forms, assessment, tmp_path):
    toml = tmp_path / "dora.toml"
    toml.write_text('format = 1\nquestionnaire = "dev"\n[organisation]\nname = "Organisation"\n'
                    '[[respondents]]\nname = "Dora"\ndepartment = "IT"\n[respondents.answers]\n'
                    '"fix-staff" = 1\n"seduce-cxm" = { level = "n/a", note = "+45 12" }\n',
                    encoding="utf-8")
    bo = forms / "bo-marketing.xlsx"
    fill(bo, {f"E{row_of(bo, 'fix-staff')}": "1 – x"})
    code, out, err = cli("collect", assessment, toml, bo)
    assert code == 0, err
    assert "Dora (IT): new respondent, 2 answer(s) (" in out
    assert "Bo (Marketing): 0 answer(s) added, 1 changed, 0 unchanged" in out
    people = {r.name: r for r in load_assessment_data(assessment)[0].respondents}
    assert people["Dora"].answers["seduce-cxm"].note == "+45 12"
    assert people["Bo"].answers["fix-staff"].level == 1


def test_dry_run_prints_the_changes_and_writes_nothing(cli, forms, assessment):
    bo = forms / "bo-marketing.xlsx"
    fill(bo, {f"E{row_of(bo, 'fix-staff')}": 0})
    before = assessment.read_bytes()
    code, out, _ = cli("collect", assessment, bo, "--dry-run")
    assert code == 0 and "1 changed" in out
    assert assessment.read_bytes() == before


# --------------------------------------------------------------------------- refusals


def _refused(cli, assessment, *forms, expect: str) -> str:
    before = assessment.read_bytes()
    code, out, err = cli("collect", assessment, *forms)
    assert code == 1, (out, err)
    assert expect in err, err
    assert "Traceback" not in err
    assert assessment.read_bytes() == before
    assert all(line.startswith("error: ") for line in err.splitlines())
    return err


def test_a_bad_level_names_file_sheet_and_cell_and_nothing_is_written(cli, forms, assessment):
    anna, bo = forms / "anna-customer-service.xlsx", forms / "bo-marketing.xlsx"
    fill(anna, {f"E{row_of(anna, 'fix-staff')}": 3})  # a good form ...
    row = row_of(bo, "refine-peaks")
    fill(bo, {f"E{row}": 7, f"F{row}": "very"})  # ... and a bad one
    err = _refused(cli, assessment, anna, bo, expect=f"{bo}: Questions!E{row}: level 7 is outside 0..4")
    assert f"{bo}: Questions!F{row}: importance 'very' is not a number 1..5" in err


def test_a_form_for_another_assessment_is_refused(cli, forms, assessment):
    anna = forms / "anna-customer-service.xlsx"
    assessment.write_text(assessment.read_text(encoding="utf-8").replace(
        'name = "Testfirma ApS"', 'name = "Other Company"'), encoding="utf-8")
    _refused(cli, assessment, anna, expect="belongs to another assessment")


def _toml_answers(path: Path, organisation: str) -> Path:
    path.write_text('format = 1\nquestionnaire = "dev"\n[organisation]\n'
                    f'name = "{organisation}"\n[[respondents]]\nname = "Dora"\n'
                    'department = "IT"\n[respondents.answers]\n"fix-staff" = 1\n',
                    encoding="utf-8")
    return path


def test_a_toml_answer_file_of_another_organisation_is_refused_as_a_form_is(
        cli, forms, assessment, tmp_path):
    """A TOML answer file naming another client was merged without a word, where a form of
    another assessment is refused: one line naming the file and the key, exit 1, nothing
    written — also beside a good form."""
    other = _toml_answers(tmp_path / "dora.toml", "Harbour Mobility Ltd")
    bo = forms / "bo-marketing.xlsx"
    fill(bo, {f"E{row_of(bo, 'fix-staff')}": 1})
    err = _refused(cli, assessment, bo, other, expect=(
        f"error: {other}: organisation.name: the file belongs to another organisation "
        "('Harbour Mobility Ltd'); this assessment is of 'Testfirma ApS'"))
    assert "nothing written: 1 problem(s)" in err


@pytest.mark.parametrize("organisation", ["Testfirma ApS", "  testfirma   aps ", "Organisation"])
def test_a_toml_answer_file_of_this_organisation_or_a_blank_template_is_collected(
        cli, assessment, tmp_path, organisation):
    """The same name (case and spaces aside), or the name ``cxassess template`` writes
    before anyone types the client's: collected as before."""
    code, out, err = cli("collect", assessment,
                         _toml_answers(tmp_path / "dora.toml", organisation))
    assert code == 0, err
    assert "Dora (IT): new respondent, 1 answer(s)" in out and "another" not in err


@pytest.mark.parametrize("key, value, expect", [
    ("questionnaire", "four-f", "the form is for questionnaire 'four-f'"),
    ("version", "0.0", "the form is for version '0.0'"),
    ("kind", "something", "not a cxassess form"),
])
def test_a_form_for_another_questionnaire_or_version_is_refused(cli, forms, assessment,
                                                                key, value, expect):
    anna = forms / "anna-customer-service.xlsx"
    wb = load_workbook(anna)
    meta = wb["cxassess"]
    cell = next(r[1] for r in meta.iter_rows(max_col=2) if r[0].value == key)
    cell.value = value
    wb.save(anna)
    err = _refused(cli, assessment, anna, expect=expect)
    if key != "kind":
        assert f"{anna}: cxassess!B{cell.row}: " in err


def test_the_same_form_twice_is_reported(cli, forms, assessment):
    anna = forms / "anna-customer-service.xlsx"
    _refused(cli, assessment, anna, anna, expect="the same form is given twice")
    copy = forms / "copy.xlsx"
    shutil.copy(anna, copy)
    _refused(cli, assessment, anna, copy, expect="Anna (Customer service) has answered already in")


def test_one_person_answering_twice_under_another_department_is_warned_of(cli, forms,
                                                                          assessment):
    """Anna (Customer service) is in the assessment; she fills a blank form too and types
    her department as "Support": added (it may be a namesake), with a warning naming both."""
    blank, other = forms / "blank-01.xlsx", forms / "blank-02.xlsx"
    fill(blank, {"C3": "anna ", "C4": "Support", "E7": 2})
    fill(other, {"C3": "Carl", "C4": "Sales", "E7": 1})
    code, out, err = cli("collect", assessment, blank, other)
    assert code == 0, err
    assert (f"warning: {blank}: anna (Support) is added as a new respondent, but Anna "
            "(Customer service) has answered already") in err
    assert "Carl" not in err  # a new name: no warning
    assert [r.name for r in load_assessment_data(assessment)[0].respondents] == \
        ["Anna", "Bo", "anna", "Carl"]


def test_blank_forms_nobody_filled_in_are_skipped(cli, forms, assessment):
    """README: forms --blank 10, then collect forms/*.xlsx — the blank forms that did not
    come back are in the folder too, untouched."""
    bo = forms / "bo-marketing.xlsx"
    fill(bo, {f"E{row_of(bo, 'fix-staff')}": 1})
    code, out, err = cli("collect", assessment, *sorted(forms.iterdir()))
    assert code == 0, err
    assert f"warning: {forms / 'blank-01.xlsx'}: a blank form nobody filled in; skipped" in err
    assert "Bo (Marketing): 0 answer(s) added, 1 changed" in out
    assert [r.name for r in load_assessment_data(assessment)[0].respondents] == ["Anna", "Bo"]


def test_a_blank_form_without_a_name_is_refused(cli, forms, assessment):
    blank = forms / "blank-02.xlsx"
    fill(blank, {"E7": 2})
    _refused(cli, assessment, blank, expect=f"{blank}: Questions!C3: the respondent's name is empty")


def test_a_renamed_questions_sheet_is_still_read(cli, forms, assessment):
    anna = forms / "anna-customer-service.xlsx"
    wb = load_workbook(anna)
    wb["Questions"][f"E{row_of(anna, 'fix-staff')}"] = 4
    wb["Questions"].title = "Anna's answers"  # the sheet's tab renamed by the respondent
    wb.save(anna)
    code, out, err = cli("collect", assessment, anna)
    assert code == 0, err
    people = {r.name: r for r in load_assessment_data(assessment)[0].respondents}
    assert people["Anna"].answers["fix-staff"].level == 4


def test_rows_inserted_or_deleted_among_the_questions_move_no_answer(cli, forms, assessment):
    anna, bo = forms / "anna-customer-service.xlsx", forms / "bo-marketing.xlsx"
    wb = load_workbook(anna)
    ws = wb["Questions"]
    ws.protection.sheet = False  # no password: one click in Excel or LibreOffice
    first, last = row_of(anna, DEV_ORDER[0]), row_of(anna, DEV_ORDER[-1])
    ws.insert_rows(first + 2, 2)  # two empty rows among the questions
    ws[f"E{last + 2}"] = 3  # the last question, pushed below where the form ended
    ws[f"E{first}"] = 1
    wb.save(anna)
    cxm = row_of(bo, "seduce-cxm")
    wb = load_workbook(bo)
    wb["Questions"].delete_rows(row_of(bo, "fix-staff"))  # a question deleted: not answered
    wb["Questions"][f"E{cxm - 1}"] = 2
    wb.save(bo)
    code, out, err = cli("collect", assessment, anna, bo)
    assert code == 0, err
    people = {r.name: r for r in load_assessment_data(assessment)[0].respondents}
    assert people["Anna"].answers[DEV_ORDER[-1]].level == 3
    assert people["Anna"].answers[DEV_ORDER[0]].level == 1
    assert people["Bo"].answers["seduce-cxm"].level == 2
    # an answer typed on an inserted row belongs to no question: refused, named
    wb = load_workbook(anna)
    wb["Questions"][f"E{first + 2}"] = 2
    wb.save(anna)
    _refused(cli, assessment, anna,
             expect=f"{anna}: Questions!E{first + 2}: this row has no question id")


def test_excel_s_lock_file_of_an_open_form_is_skipped_with_a_warning(cli, forms, assessment):
    anna = forms / "anna-customer-service.xlsx"
    fill(anna, {f"E{row_of(anna, 'fix-staff')}": 4})
    lock = forms / "~$anna-customer-service.xlsx"  # what Excel leaves while anna is open
    lock.write_bytes(b"\x0bKaren Smith" + b"\x00" * 150)
    code, out, err = cli("collect", assessment, lock, anna)  # as forms/*.xlsx lists them
    assert code == 0, err
    assert f"warning: {lock}: skipped: Excel's lock file" in err
    people = {r.name: r for r in load_assessment_data(assessment)[0].respondents}
    assert people["Anna"].answers["fix-staff"].level == 4


def test_corrupt_and_foreign_files_are_one_line_each(cli, forms, assessment, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    plain = tmp_path / "plain.xlsx"
    from openpyxl import Workbook
    Workbook().save(plain)
    err = _refused(cli, assessment, junk, text, plain, tmp_path / "missing.xlsx",
                   expect=f"{junk}: not a readable .xlsx workbook")
    assert f"{text}: not a form" in err
    assert f"{plain}: not a cxassess form" in err
    assert f"{tmp_path / 'missing.xlsx'}: no such file" in err
    assert len(err.splitlines()) == 5


def test_a_bad_toml_form_names_the_key(cli, assessment, tmp_path):
    toml = tmp_path / "bad.toml"
    toml.write_text('format = 1\nquestionnaire = "dev"\n[organisation]\nname = "X"\n'
                    '[[respondents]]\nname = "Eve"\n[respondents.answers]\n"fix-staff" = 9\n'
                    '"no-such" = 1\n', encoding="utf-8")
    _refused(cli, assessment, toml, expect=f"{toml}: respondents[0].answers")
    other = tmp_path / "other.toml"
    other.write_text('format = 1\nquestionnaire = "four-f"\n[organisation]\nname = "X"\n'
                     '[[respondents]]\nname = "Eve"\n', encoding="utf-8")
    _refused(cli, assessment, other, expect="the file is for questionnaire 'four-f'")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_form_saved_by_libreoffice_is_collected(cli, forms, assessment, tmp_path):
    bo = forms / "bo-marketing.xlsx"
    row = row_of(bo, "refine-feedback")
    fill(bo, {f"E{row}": "2 – x", f"G{row}": "=1+1"}, out=tmp_path / "bo.xlsx")
    saved = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx", "--outdir", str(saved), str(tmp_path / "bo.xlsx")],
                   check=True, capture_output=True, timeout=180)
    code, out, err = cli("collect", assessment, saved / "bo.xlsx")
    assert code == 0, err
    answer = {r.name: r for r in load_assessment_data(assessment)[0].respondents}["Bo"] \
        .answers["refine-feedback"]
    assert (answer.level, answer.note) == (2, "=1+1")


def test_names_with_markup_and_formula_characters_round_trip(cli, assessment):
    tricky = '=Ærø & <Søn> "Ltd"'
    assessment.write_text(assessment.read_text(encoding="utf-8").replace(
        'name = "Bo"', 'name = ' + '"=Ærø & <Søn> \\"Ltd\\""'), encoding="utf-8")
    out = assessment.parent / "forms"
    assert cli("forms", assessment, "-o", out)[0] == 0
    path = next(p for p in out.iterdir() if p.name == "aeroe-soen-ltd-marketing.xlsx")
    wb = load_workbook(path)
    meta = {r[0].value: r[1].value for r in wb["cxassess"].iter_rows(max_col=2) if r[0].value}
    assert meta["respondent"] == tricky and meta["department"] == "Marketing"
    assert wb["Questions"]["C3"].value == tricky
    assert any(c.value == f"{tricky}, Marketing" for row in wb["Instructions"].iter_rows()
               for c in row)
    fill(path, {f"E{row_of(path, 'fix-staff')}": 1})
    code, out_text, err = cli("collect", assessment, path)
    assert code == 0, err
    assert f"{tricky} (Marketing): 0 answer(s) added, 1 changed" in out_text


def test_a_name_a_workbook_cannot_hold_is_still_the_same_respondent(cli, assessment):
    """A control character in a name is dropped on the form (a workbook cannot hold it);
    collecting the form updates that respondent rather than adding a second one."""
    assessment.write_text(assessment.read_text(encoding="utf-8").replace(
        'name = "Bo"', 'name = "Bo\\u0007 Ek"'), encoding="utf-8")
    out = assessment.parent / "forms"
    assert cli("forms", assessment, "-o", out)[0] == 0
    path = next(p for p in out.iterdir() if "marketing" in p.name)
    assert load_workbook(path)["Questions"]["C3"].value == "Bo Ek"
    before = len(load_assessment_data(assessment)[0].respondents)
    fill(path, {f"E{row_of(path, 'fix-staff')}": 1})
    code, out_text, err = cli("collect", assessment, path)
    assert code == 0, err
    people = load_assessment_data(assessment)[0].respondents
    assert len(people) == before
    assert "Bo\\x07 Ek (Marketing): 0 answer(s) added, 1 changed" in out_text  # escaped
    bo = next(r for r in people if r.name == "Bo\x07 Ek")
    assert bo.answers["fix-staff"].level == 1


def test_collect_keeps_the_assessment_s_own_settings(cli, forms, assessment):
    text = assessment.read_text(encoding="utf-8").replace(
        'language = "en"', 'language = "en"\nanonymous = true\nprevious = "last-year.toml"')
    assessment.write_text(text, encoding="utf-8")
    bo = forms / "bo-marketing.xlsx"
    fill(bo, {f"E{row_of(bo, 'fix-staff')}": 0})
    code, _, err = cli("collect", assessment, bo)
    assert code == 0, err
    loaded = load_assessment_data(assessment)[0]
    assert loaded.anonymous and loaded.previous == "last-year.toml"


def test_many_forms_are_read_in_worker_processes_in_order(forms, monkeypatch):
    """Reading in this process is broken on purpose: the forms still come back, in order
    and with the missing one's error in its place, so other processes read them (a
    spawned worker imports the module afresh), as many as there are cores; with too few
    forms per worker, reading stays here and the broken reader shows."""
    from cxassess.export import formreader

    expected = [formreader.read_form(p) for p in sorted(forms.iterdir())]

    def broken(path):
        raise AssertionError("read in the calling process")

    pools = []

    class Pool(formreader.ProcessPoolExecutor):
        def __init__(self, max_workers, **kwargs):
            pools.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(formreader, "read_form", broken)
    monkeypatch.setattr(formreader, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(formreader, "PER_WORKER", 1)
    monkeypatch.setattr(formreader.os, "cpu_count", lambda: 2)
    paths = sorted(forms.iterdir()) + [forms / "missing.xlsx"]
    read = formreader.read_forms(paths)
    assert pools == [2], "one worker per core, no more"
    assert read[:-1] == expected
    assert isinstance(read[-1], formreader.InputError) and "no such file" in str(read[-1])
    assert "missing.xlsx" in str(read[-1])

    monkeypatch.setattr(formreader, "PER_WORKER", len(paths))  # one worker's worth
    with pytest.raises(AssertionError, match="calling process"):
        formreader.read_forms(paths)
