"""``export --previous``: the executive's Owner, Due and Status survive a re-export, by
initiative id, and what the new assessment shows as done is listed as done."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from cxassess.export.workbook.carry import _value, status_meaning
from cxassess.export.workbook.labels import OLDER_STATUSES, STATUSES, T
from cxassess.export.workbook.styles import clean_text

from helpers import FIXTURES, ROADMAP, ROOT, rows_by_id, table_header, type_work

NORDLYS = ROOT / "examples" / "nordlys-energi.toml"
NORDLYS_2027 = ROOT / "examples" / "nordlys-energi-2027.toml"

def test_the_roadmap_sheet_holds_each_initiative_id_in_a_hidden_column(cli, tmp_path):
    out = tmp_path / "a.xlsx"
    assert cli("export", NORDLYS, "-o", out, "--lang", "en")[0] == 0
    ws = load_workbook(out)["Roadmap"]
    _, labels = table_header(ws, "Id")
    assert ws.column_dimensions[get_column_letter(labels["Id"])].hidden
    assert {"understand-data", "fix-silos", "fix-tracking"} <= set(rows_by_id(ws))


def test_typed_owner_due_and_status_survive_a_re_export(cli, tmp_path):
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "en")[0] == 0
    type_work(old, "en", {"fix-silos": ("=Peter Lund", dt.datetime(2027, 3, 1), "In progress")})
    code, _, err = cli("export", NORDLYS, "-o", new, "--lang", "en", "--previous", old)
    assert code == 0, err
    ws = load_workbook(new)["Roadmap"]
    _, labels = table_header(ws, "Id")
    row = rows_by_id(ws)["fix-silos"]
    assert ws.cell(row, labels["Owner"]).value == "=Peter Lund"
    assert ws.cell(row, labels["Owner"]).data_type == "s"  # still text, not a formula
    assert ws.cell(row, labels["Due"]).value == dt.datetime(2027, 3, 1)
    assert ws.cell(row, labels["Status"]).value == "In progress"
    # the other initiatives stay blank for the executive
    other = rows_by_id(ws)["fix-tracking"]
    assert ws.cell(other, labels["Owner"]).value is None


@pytest.mark.parametrize("lang, heading, done", [
    ("en", "Done since the last assessment", "Done"),
    ("da", "Gennemført siden sidste vurdering", "Gennemført"),
])
def test_an_initiative_done_a_year_later_is_listed_as_done_with_its_owner(cli, tmp_path, lang,
                                                                         heading, done):
    old, new = tmp_path / "2026.xlsx", tmp_path / "2027.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", lang)[0] == 0
    type_work(old, lang, {"understand-data": ("Mette Holm", None, "I gang" if lang == "da"
                                               else "In progress"),
                           "fix-silos": ("Peter Lund", None, None)})
    code, _, err = cli("export", NORDLYS_2027, "-o", new, "--lang", lang, "--previous", old)
    assert code == 0, err
    ws = load_workbook(new)[ROADMAP[lang]]
    _, labels = table_header(ws, "Id")
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[0] == heading)
    section = rows[start:]
    mette = [r for r in section if "Mette Holm" in r]
    assert len(mette) == 1 and done in mette[0]
    # fix-silos is still open in 2027: its owner stays on its card, not in the done list
    assert not any("Peter Lund" in r for r in section)
    open_row = rows_by_id(ws)["fix-silos"]
    owner = "Owner" if lang == "en" else "Ansvarlig"
    assert ws.cell(open_row, labels[owner]).value == "Peter Lund"
    # done initiatives carry no id, so they are not listed as done again next year
    assert "understand-data" not in rows_by_id(ws)


def test_a_previous_workbook_that_is_not_ours_is_refused_and_nothing_is_written(cli, tmp_path):
    foreign = tmp_path / "budget.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Budget 2027"
    wb.save(foreign)
    out = tmp_path / "out.xlsx"
    code, _, err = cli("export", NORDLYS, "-o", out, "--previous", foreign)
    assert code == 1
    assert err.count("\n") == 1 and "budget.xlsx" in err and "cxassess" in err
    assert not out.exists()


def test_a_previous_file_that_is_no_workbook_is_refused(cli, tmp_path):
    junk = tmp_path / "notes.xlsx"
    junk.write_text("not a zip", encoding="utf-8")
    code, _, err = cli("export", NORDLYS, "-o", tmp_path / "out.xlsx", "--previous", junk)
    # the same words as collect says of a form that is no workbook
    assert code == 1 and "notes.xlsx" in err and "not a readable .xlsx workbook" in err
    assert not (tmp_path / "out.xlsx").exists()


def test_replacing_a_workbook_keeps_the_work_typed_into_it(tmp_path, builtin_plugins):
    from cxassess import pipeline
    from cxassess.export.excel import replace_workbook, write_workbook

    result = pipeline.run(NORDLYS, builtin_plugins, "en")
    path = tmp_path / "client.xlsx"
    write_workbook(result, path)
    type_work(path, "en", {"understand-data": ("Mette Holm", None, "Done")})
    typed = path.read_bytes()
    replace_workbook(result, path)
    assert path.read_bytes() != typed, "the workbook was written again"
    ws = load_workbook(path)["Roadmap"]
    _, labels = table_header(ws, "Id")
    row = rows_by_id(ws)["understand-data"]
    assert (ws.cell(row, labels["Owner"]).value, ws.cell(row, labels["Status"]).value) == \
        ("Mette Holm", "Done")


def test_done_is_told_by_the_questions_an_initiative_addressed_not_by_its_id(cli, tmp_path):
    """The hidden Questions column decides: an initiative whose questions all reach the
    target is done even if an initiative of that id is planned again; one whose questions
    are still below is not done, even when the new roadmap has no initiative of its id."""
    old, new = tmp_path / "2026.xlsx", tmp_path / "2027.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "en")[0] == 0
    wb = load_workbook(old)
    ws = wb["Roadmap"]
    _, labels = table_header(ws, "Id")
    rows = rows_by_id(ws)
    ws.cell(rows["fix-silos"], labels["Questions"]).value = "fix-cx-ownership"  # now at 3.2
    ws.cell(rows["fix-silos"], labels["Owner"]).value = "Peter Lund"
    ws.cell(rows["fix-data"], labels["Id"]).value = "fix-legacy"  # no such id in 2027
    ws.cell(rows["fix-data"], labels["Questions"]).value = "fix-silo-handoffs"  # still 2.0
    ws.cell(rows["fix-data"], labels["Owner"]).value = "Jonas Berg"
    wb.save(old)
    assert cli("export", NORDLYS_2027, "-o", new, "--lang", "en", "--previous", old)[0] == 0
    rows = [[c.value for c in r] for r in load_workbook(new)["Roadmap"].iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[0] == "Done since the last assessment")
    section = rows[start:]
    assert any("Peter Lund" in r and "Done" in r for r in section)
    assert not any("Jonas Berg" in r for r in section)
    # fix-legacy is still open; the 2027 card addressing its question carries its work on
    ws = load_workbook(new)["Roadmap"]
    _, labels = table_header(ws, "Id")
    card = next(r for i, r in rows_by_id(ws).items()
                if "fix-silo-handoffs" in str(ws.cell(r, labels["Questions"]).value).split())
    assert ws.cell(card, labels["Owner"]).value == "Jonas Berg"


def _dev_assessment(tmp_path, name, levels, *, language="en", date="2026-03-01"):
    """An assessment of the development questionnaire, one respondent, the given levels."""
    from cxassess.loading import load_questionnaire_file

    ids = load_questionnaire_file(FIXTURES / "dev.toml").question_ids
    (tmp_path / "dev.toml").write_bytes((FIXTURES / "dev.toml").read_bytes())
    lines = ["format = 1", 'questionnaire = "dev.toml"', f'language = "{language}"',
             "[organisation]", 'name = "Testfirma ApS"', f'date = "{date}"',
             "[[respondents]]", 'name = "Anna"', 'department = "Sales"',
             "[respondents.answers]"]
    lines += [f'"{q}" = {levels.get(q, 3)}' for q in ids]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _done_section(path, lang="en"):
    rows = [[c.value for c in r] for r in load_workbook(path)[ROADMAP[lang]].iter_rows()]
    heading = {"en": "Done since the last assessment",
               "da": "Gennemført siden sidste vurdering"}[lang]
    start = next((i for i, r in enumerate(rows) if r[0] == heading), None)
    return [] if start is None else rows[start:]


def test_a_mature_organisations_work_is_not_done_when_nothing_moved(cli, tmp_path):
    """Everything at level 3: the roadmap plans Seduce to level 4. Re-exported a year later
    with nothing changed, its initiatives are still open: the owner stays on the card and
    nothing is listed as done."""
    mature = _dev_assessment(tmp_path, "mature.toml", {})
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert cli("export", mature, "-o", old)[0] == 0
    type_work(old, "en", {"seduce-data": ("Mette Holm", None, "In progress")})
    assert cli("export", mature, "-o", new, "--previous", old)[0] == 0
    assert _done_section(new) == []
    ws = load_workbook(new)["Roadmap"]
    _, labels = table_header(ws, "Id")
    row = rows_by_id(ws)["seduce-data"]
    assert ws.cell(row, labels["Owner"]).value == "Mette Holm"
    # and it is done once its question reaches level 4, the target it was planned against
    assert cli("export", _dev_assessment(tmp_path, "later.toml", {"seduce-omnichannel": 4}),
               "-o", new, "--previous", old)[0] == 0
    assert any("Mette Holm" in r and "Done" in r for r in _done_section(new))


def test_the_workbook_and_compare_agree_on_done_open_and_new(cli, tmp_path):
    """Every initiative of 2026 gets an owner; carried into 2027, the done ones are listed
    as done, the open ones keep their owner on their card, and new cards start blank:
    exactly as ``compare --json`` classes them."""
    import json

    old, new = tmp_path / "2026.xlsx", tmp_path / "2027.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "en")[0] == 0
    ids = list(rows_by_id(load_workbook(old)["Roadmap"]))
    type_work(old, "en", {i: (f"owner of {i}", None, None) for i in ids})
    assert cli("export", NORDLYS_2027, "-o", new, "--lang", "en", "--previous", old)[0] == 0
    doc = json.loads(cli("compare", NORDLYS, NORDLYS_2027, "--json")[1])["initiatives"]
    listed_done = {cell[len("owner of "):] for r in _done_section(new) for cell in r
                   if isinstance(cell, str) and cell.startswith("owner of ")}
    assert listed_done == set(doc["done"])
    ws = load_workbook(new)["Roadmap"]
    _, labels = table_header(ws, "Id")
    cards = {i: ws.cell(r, labels["Owner"]).value for i, r in rows_by_id(ws).items()}
    assert {i for i, owner in cards.items() if owner} == set(cards) & set(doc["open"])
    assert all(cards[i] is None for i in doc["new"])
    assert all(owner in (None, f"owner of {i}") for i, owner in cards.items())


STATUS = {"en": ("Owner", "Status"), "da": ("Ansvarlig", "Status")}


@pytest.mark.parametrize("old_lang, typed, new_lang, carried", [
    ("da", "Færdig", "da", "Gennemført"),  # the older Danish word for done
    ("da", "  færdig ", "en", "Done"),
    ("da", "FÆRDIG", "da", "Gennemført"),
    ("da", "Gennemført", "en", "Done"),
    ("da", "i  gang", "da", "I gang"),
    ("en", "In progress", "da", "I gang"),
    ("en", "on hold", "da", "Sat på pause"),
    ("en", " Not Started", "en", "Not started"),
    ("da", "Sat på pause", "en", "On hold"),
])
def test_a_status_is_carried_by_its_meaning_into_the_new_drop_down(cli, tmp_path, old_lang,
                                                                   typed, new_lang, carried):
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", old_lang)[0] == 0
    type_work(old, old_lang, {"fix-silos": ("Peter Lund", None, typed)})
    code, _, err = cli("export", NORDLYS, "-o", new, "--lang", new_lang, "--previous", old)
    assert code == 0 and "warning" not in err, err
    ws = load_workbook(new)[ROADMAP[new_lang]]
    _, labels = table_header(ws, "Id")
    cell = ws.cell(rows_by_id(ws)["fix-silos"], labels["Status"])
    assert cell.value == carried
    # no comment of a status kept as typed; one of Done the assessment does not show done
    done = carried in ("Done", "Gennemført")
    assert (cell.comment is None) != done
    listed = ws.data_validations.dataValidation[0].formula1.strip('"').split(",")
    assert carried in listed


def test_a_status_cxassess_does_not_know_is_kept_as_typed_with_a_comment_and_a_warning(
        cli, tmp_path):
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "da")[0] == 0
    type_work(old, "da", {"fix-silos": ("Peter Lund", None, "Venter på IT")})
    code, _, err = cli("export", NORDLYS, "-o", new, "--lang", "da", "--previous", old)
    assert code == 0
    warning = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1
    assert "old.xlsx" in warning[0] and "Køreplan!H" in warning[0] and "Venter på IT" in warning[0]
    ws = load_workbook(new)["Køreplan"]
    _, labels = table_header(ws, "Id")
    cell = ws.cell(rows_by_id(ws)["fix-silos"], labels["Status"])
    assert cell.value == "Venter på IT"
    assert cell.comment is not None and "Venter" not in cell.comment.text
    assert "Gennemført" in cell.comment.text  # it names the statuses the list holds


status_words = st.sampled_from(sorted({w for labels in STATUSES.values()
                                      for w in labels.values()} | set(OLDER_STATUSES)))


@settings(max_examples=200, deadline=None)
@given(word=status_words, case=st.sampled_from([str, str.upper, str.lower, str.title]),
       before=st.sampled_from(["", " ", "  ", "\t", "\u00a0"]),
       after=st.sampled_from(["", " ", "\n", "\u00a0 "]), lang=st.sampled_from(["en", "da"]))
def test_every_status_cxassess_ever_listed_is_carried_as_one_of_the_new_drop_downs_values(
        word, case, before, after, lang):
    typed = before + case(word) + after
    cell = _carried_status(typed, lang)
    assert cell.value in T[lang]["status_values"].split(",")
    assert cell.value == STATUSES[lang][status_meaning(word)] and cell.comment is None


@settings(max_examples=200, deadline=None)
@given(typed=st.one_of(st.text(max_size=20).filter(lambda v: clean_text(v) == v and v.strip()),
                       st.integers(-10**6, 10**6), st.floats(-1e6, 1e6), st.datetimes()),
       lang=st.sampled_from(["en", "da"]))
def test_every_carried_status_is_a_drop_down_value_or_kept_as_typed_with_a_comment(typed, lang):
    cell = _carried_status(typed, lang)
    if cell.value in T[lang]["status_values"].split(","):
        assert cell.comment is None and status_meaning(typed) is not None
    else:
        assert cell.value == _value(typed) and cell.comment is not None
        assert "Roadmap!H9" in cell.comment.text


def _carried_status(typed, lang):
    from cxassess.export.workbook.carry import Work, _status

    ws = Workbook().active
    _status(ws, 1, 1, Work(id="fix-silos", status=typed, status_cell="Roadmap!H9"), lang)
    return ws.cell(1, 1)


def test_work_survives_what_an_executive_does_to_the_roadmap_sheet(cli, tmp_path):
    """Rows inserted above the table, a column inserted, the sheet renamed, a header
    retyped, cards sorted, a card deleted and Due typed as a real date: the work typed is
    still found by initiative id and carried over."""
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "da")[0] == 0
    type_work(old, "da", {"fix-silos": ("Peter Lund", dt.datetime(2027, 3, 1), "I gang"),
                          "understand-data": ("Mette Holm", None, "Færdig"),
                          "fix-tracking": ("Jonas Berg", None, "I gang")})
    wb = load_workbook(old)
    ws = wb["Køreplan"]
    rows = rows_by_id(ws)
    a, b = rows["fix-silos"], rows["understand-data"]
    for col in range(1, ws.max_column + 1):  # sorted: two cards change places
        ws.cell(a, col).value, ws.cell(b, col).value = ws.cell(b, col).value, ws.cell(a, col).value
    ws.delete_rows(rows["fix-tracking"], 2)  # the card deleted
    header, labels = table_header(ws, "Id")
    ws.cell(header, labels["Ansvarlig"]).value = " ansvarlig"
    ws.insert_cols(1)
    ws.insert_rows(1, 15)
    ws["A1"] = "Drøftet på ledermødet 3. december"
    ws.title = "Køreplan 2026"
    wb.save(old)
    code, _, err = cli("export", NORDLYS, "-o", new, "--lang", "da", "--previous", old)
    assert code == 0, err
    ws = load_workbook(new)["Køreplan"]
    _, labels = table_header(ws, "Id")
    rows = rows_by_id(ws)
    carried = {i: tuple(ws.cell(rows[i], labels[k]).value for k in ("Ansvarlig", "Frist", "Status"))
               for i in ("fix-silos", "understand-data", "fix-tracking")}
    assert carried == {"fix-silos": ("Peter Lund", dt.datetime(2027, 3, 1), "I gang"),
                       "understand-data": ("Mette Holm", None, "Gennemført"),
                       "fix-tracking": (None, None, None)}


def _regroup(path, lang, edits):
    """Change the hidden Id and Questions of cards, as an earlier version's roadmap had
    grouped its work (``edits``: id → (new id, questions))."""
    wb = load_workbook(path)
    ws = wb[ROADMAP[lang]]
    _, labels = table_header(ws, "Id")
    rows = rows_by_id(ws)
    for initiative, (new_id, questions) in edits.items():
        ws.cell(rows[initiative], labels["Id"]).value = new_id
        ws.cell(rows[initiative], labels["Questions"]).value = questions
    wb.save(path)


def test_work_of_initiatives_merged_into_one_card_is_all_kept(cli, tmp_path):
    """Two earlier initiatives whose questions one card now addresses: the work of the one
    first in the earlier roadmap goes on the card, the other's into a comment on its Owner
    cell."""
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "en")[0] == 0
    ws = load_workbook(old)["Roadmap"]
    _, labels = table_header(ws, "Id")
    questions = ws.cell(rows_by_id(ws)["fix-tracking"], labels["Questions"]).value.split()
    assert len(questions) >= 2
    type_work(old, "en", {"fix-tracking": ("Mette Holm", None, "In progress"),
                           "fix-data": ("Peter Lund", dt.datetime(2027, 5, 1), "On hold")})
    _regroup(old, "en", {"fix-tracking": ("fix-old-a", questions[0]),
                         "fix-data": ("fix-old-b", " ".join(questions[1:]))})
    assert cli("export", NORDLYS, "-o", new, "--lang", "en", "--previous", old)[0] == 0
    ws = load_workbook(new)["Roadmap"]
    _, labels = table_header(ws, "Id")
    row = rows_by_id(ws)["fix-tracking"]
    owner = ws.cell(row, labels["Owner"])
    assert (owner.value, ws.cell(row, labels["Due"]).value, ws.cell(row, labels["Status"]).value) \
        == ("Peter Lund", dt.datetime(2027, 5, 1), "On hold")  # fix-data came first in 2026
    assert owner.comment is not None
    assert "fix-old-a" in owner.comment.text and "Mette Holm" in owner.comment.text
    assert "In progress" in owner.comment.text


def test_open_work_no_card_continues_is_listed_with_its_owner_and_followed_next_time(
        cli, tmp_path):
    old, new, later = tmp_path / "old.xlsx", tmp_path / "new.xlsx", tmp_path / "later.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "da")[0] == 0
    type_work(old, "da", {"fix-data": ("Jonas Berg", None, "Sat på pause")})
    _regroup(old, "da", {"fix-data": ("fix-retired", "fix-retired-question")})
    code, _, err = cli("export", NORDLYS_2027, "-o", new, "--lang", "da", "--previous", old)
    assert code == 0, err
    rows = [[c.value for c in r] for r in load_workbook(new)["Køreplan"].iter_rows()]
    start = next(i for i, r in enumerate(rows)
                 if r[0] == "Stadig åbne fra sidste vurdering, ikke på denne køreplan")
    listed = [r for r in rows[start:] if "Jonas Berg" in r]
    assert len(listed) == 1 and "Sat på pause" in listed[0] and "fix-retired" in listed[0]
    ws = load_workbook(new)["Køreplan"]
    row = start + next(i for i, r in enumerate(rows[start:]) if "Jonas Berg" in r) + 1
    _, labels = table_header(ws, "Id")
    status = ws.cell(row, labels["Status"]).coordinate
    assert any(status in dv.sqref for dv in ws.data_validations.dataValidation)
    # the next workbook still finds it by its id
    assert cli("export", NORDLYS_2027, "-o", later, "--lang", "da", "--previous", new)[0] == 0
    rows = [[c.value for c in r] for r in load_workbook(later)["Køreplan"].iter_rows()]
    assert sum("Jonas Berg" in r for r in rows) == 1


def test_work_marked_done_that_the_assessment_does_not_show_done_says_so(cli, tmp_path):
    """The executive marked fix-silos Done, but a year later its questions are still below
    the target: the card keeps Done as typed, with a comment saying the assessment does
    not show it done; a card whose status is anything else gets no such comment."""
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "en")[0] == 0
    type_work(old, "en", {"fix-silos": ("Peter Lund", None, "Done"),
                          "fix-data": ("Jonas Berg", None, "In progress")})
    assert cli("export", NORDLYS, "-o", new, "--lang", "en", "--previous", old)[0] == 0
    ws = load_workbook(new)["Roadmap"]
    _, labels = table_header(ws, "Id")
    rows = rows_by_id(ws)
    claimed = ws.cell(rows["fix-silos"], labels["Status"])
    assert claimed.value == "Done" and "this assessment" in claimed.comment.text
    assert ws.cell(rows["fix-data"], labels["Status"]).comment is None


def test_a_previous_workbook_of_another_organisation_is_carried_over_with_a_warning(cli,
                                                                                   tmp_path):
    """The consultant picked the wrong client's workbook: its owners would land on this
    client's cards (ids like fix-silos are the same for every client), so it is said."""
    old = tmp_path / "nordlys.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "en")[0] == 0
    type_work(old, "en", {"fix-silos": ("Peter Lund", None, "In progress")})
    code, _, err = cli("export", ROOT / "examples" / "harbour-mobility.toml", "-o",
                       tmp_path / "harbour.xlsx", "--previous", old)
    assert code == 0, err
    assert (f"warning: {old}: the earlier workbook is of 'Nordlys Energi A/S', this assessment "
            "of 'Harbour Mobility Ltd'") in err
    code, _, err = cli("export", NORDLYS_2027, "-o", tmp_path / "2027.xlsx", "--previous", old)
    assert code == 0 and "the earlier workbook is of" not in err


def test_the_command_line_tells_what_was_carried_over_and_what_waits_for_a_decision(
        cli, tmp_path):
    """Beside the warning of a status kept as typed: how many cards got earlier work, how
    many earlier initiatives are listed as done and as still open below the roadmap (the
    counts the sheet shows), and a card marked Done that the assessment does not show done."""
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", "en")[0] == 0
    type_work(old, "en", {"fix-data": ("Jonas Berg", None, "Waiting for IT"),
                          "fix-silos": ("Peter Lund", None, "Done")})
    _regroup(old, "en", {"fix-data": ("fix-retired", "fix-retired-question")})
    code, _, err = cli("export", NORDLYS_2027, "-o", new, "--lang", "en", "--previous", old)
    assert code == 0, err
    rows = [[c.value for c in r] for r in load_workbook(new)["Roadmap"].iter_rows()]
    done_at = next(i for i, r in enumerate(rows) if r[0] == "Done since the last assessment")
    open_at = next(i for i, r in enumerate(rows)
                   if r[0] == "Still open from the last assessment, not on this roadmap")
    def listed(section):  # below its title, note and header
        return sum(1 for r in section[3:] if any(v is not None for v in r))

    done, stranded = listed(rows[done_at:open_at]), listed(rows[open_at:])
    assert done >= 1 and stranded == 1
    lines = err.splitlines()
    [warning] = [line for line in lines if line.startswith("warning:")]
    assert "old.xlsx: Roadmap!H" in warning and "Waiting for IT" in warning
    assert f"Carried over from {old}: the Owner, Due or Status of 1 initiative(s) of " \
           "this roadmap." in lines  # fix-silos: fix-data is on no card now
    assert f"Listed below the roadmap: {done} initiative(s) done since the last assessment, " \
           f"{stranded} still open and not on this roadmap." in lines
    claimed = [line for line in lines if "is marked Done" in line]
    assert claimed == ["fix-silos is marked Done, but a question it was planned for is still "
                       "below the level it was to reach (a comment says so)."]


@pytest.mark.parametrize("old_lang, typed, lang, typed_as", [
    ("en", "In progress", "en", "Typed as “In progress”"),
    ("en", "On hold", "da", "Skrevet som “On hold”"),
    ("da", "Ikke startet", "da", "Skrevet som “Ikke startet”"),
    ("da", " i  gang ", "en", "Typed as “i  gang”"),
])
def test_a_known_status_other_than_done_on_work_now_done_is_kept_in_a_comment(
        cli, tmp_path, old_lang, typed, lang, typed_as):
    """The executive's "In progress" (or "On hold", "Ikke startet") on work the next
    assessment shows done: the Done list writes Done over it, and what they had reported
    stays in a comment with the cell it was typed in, as an unknown status does — before,
    only an unknown status was kept and a known one was lost without a trace."""
    old, new = tmp_path / "2026.xlsx", tmp_path / "2027.xlsx"
    assert cli("export", NORDLYS, "-o", old, "--lang", old_lang)[0] == 0
    type_work(old, old_lang, {"fix-cx-ownership": ("Karen", None, typed),
                              "understand-data": ("Mette", None, "done")})
    code, _, err = cli("export", NORDLYS_2027, "-o", new, "--lang", lang, "--previous", old)
    assert code == 0, err
    ws = load_workbook(new)[ROADMAP[lang]]
    done = STATUSES[lang]["done"]
    [karen] = [r for r in ws.iter_rows() if any(c.value == "Karen" for c in r)]
    status = next(c for c in karen if c.value == done)  # listed as done
    assert status.comment is not None and status.comment.text.startswith(typed_as)
    assert f"({ROADMAP[old_lang]}!H" in status.comment.text  # where it was typed
    [mette] = [r for r in ws.iter_rows() if any(c.value == "Mette" for c in r)]
    assert next(c for c in mette if c.value == done).comment is None  # Done needs no note
