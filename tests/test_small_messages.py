"""Small messages for bad input: one line naming the file and key (or sheet!cell) that
says what is expected, exit 1, nothing written.

- a date and time (or a time) in ``[organisation] date``;
- a level or importance with decimals ("2,5", 2.5): levels are whole steps, and the two
  whole numbers around it are named;
- a date in a form's level cell (a spreadsheet makes a date of "2.5" or "2/5" as it is
  typed) is shown as the spreadsheet shows it, not as its serial number; so is a time.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook

from cxassess.collect import parse_importance, parse_level
from cxassess.compat import tomllib

from helpers import ROOT, dev_forms

HARBOUR = ROOT / "examples" / "harbour-mobility.toml"


@pytest.mark.parametrize("written, message", [
    ("2026-11-23T10:00:00", "a date and time (2026-11-23T10:00:00); write the date alone: "
                            "date = 2026-11-23"),
    ("2026-11-23 10:00:00+01:00", "a date and time (2026-11-23T10:00:00+01:00); write the date "
                                  "alone: date = 2026-11-23"),
    ("10:00:00", "a time of day (10:00:00), not a date; write the assessment's date, "
                 "e.g. date = 2026-11-23"),
])
def test_a_date_and_time_in_date_says_to_write_the_date_alone(cli, tmp_path, written, message):
    path = tmp_path / "a.toml"
    text = HARBOUR.read_text(encoding="utf-8")
    assert 'date = "2026-11-23"' in text
    path.write_text(text.replace('date = "2026-11-23"', f"date = {written}"), encoding="utf-8")
    code, out, err = cli("score", path)
    assert code == 1 and out == ""
    assert err.splitlines() == [f"error: {path}: organisation.date: {message}"]


@pytest.mark.parametrize("typed, message", [
    ("2,5", "level '2,5' is not a whole number 0..4 or n/a: levels are whole steps; "
            "choose 2 or 3"),
    (" 1.5 ", "level '1.5' is not a whole number 0..4 or n/a: levels are whole steps; "
              "choose 1 or 2"),
    (0.5, "level 0.5 is not a whole number 0..4 or n/a: levels are whole steps; "
          "choose 0 or 1"),
    ("4,5", "level '4,5' is not a whole number 0..4 or n/a: levels are whole steps"),
])
def test_a_level_with_decimals_says_levels_are_whole_steps(typed, message):
    with pytest.raises(ValueError) as caught:
        parse_level(typed)
    assert str(caught.value) == message


def test_an_importance_with_decimals_names_the_two_choices():
    with pytest.raises(ValueError, match=r"^importance '4,5' is not a whole number 1\.\.5: "
                                         r"importances are whole steps; choose 4 or 5$"):
        parse_importance("4,5")
    assert parse_level("3,0") == (3, False)  # a whole number with decimals is still fine


@pytest.mark.parametrize("answer, key", [('"2,5"', ""), ("2.5", ""),
                                         ('{ level = "2,5" }', ".level")])
def test_the_assessment_file_says_the_same_of_a_decimal_level(cli, tmp_path, answer, key):
    path = tmp_path / "a.toml"
    text = HARBOUR.read_text(encoding="utf-8")
    first = '"understand-journey-map" = 4'
    assert first in text
    path.write_text(text.replace(first, f'"understand-journey-map" = {answer}', 1),
                    encoding="utf-8")
    code, _, err = cli("score", path)
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith(f'error: {path}: respondents[0].answers."understand-journey-map"'
                           f"{key}: level ")
    assert line.endswith("is not a whole number 0..4 or n/a: levels are whole steps; "
                         "choose 2 or 3")


def _form_with(folder, cells: dict, number_formats: dict):
    dev_forms(folder)
    form = folder / "forms" / "anna-customer-service.xlsx"
    wb = load_workbook(form)
    ws = wb["Questions"]
    for ref, value in cells.items():
        ws[ref].value = value
    for ref, fmt in number_formats.items():
        ws[ref].number_format = fmt
    wb.save(form)
    return form


def test_a_date_in_a_level_cell_is_shown_as_the_spreadsheet_shows_it(cli, tmp_path):
    form = _form_with(tmp_path, {"E7": dt.datetime(2026, 5, 2), "E8": dt.datetime(2026, 3, 2),
                                 "F8": dt.datetime(2026, 5, 4)},
                      {"E7": "dd-mm-yyyy", "E8": "d/m", "F8": "d. mmmm yyyy"})
    before = (tmp_path / "client.toml").read_bytes()
    code, _, err = cli("collect", tmp_path / "client.toml", form)
    assert code == 1
    lines = err.splitlines()
    assert f"error: {form}: Questions!E7: level '02-05-2026' was read as a date; type a whole " \
           "number 0..4 or n/a" in lines
    assert any("Questions!E8: level '2/3' was read as a date" in line for line in lines)
    # a format with a month's name is shown the ISO way
    assert any("Questions!F8: importance '2026-05-04' was read as a date" in line and
               line.endswith("type a whole number 1..5") for line in lines)
    assert not any("4614" in line or "4608" in line for line in lines)  # no serial numbers
    assert (tmp_path / "client.toml").read_bytes() == before


def test_a_time_in_a_level_cell_is_shown_as_a_time(cli, tmp_path):
    form = _form_with(tmp_path, {"E7": dt.time(3, 0)}, {})
    code, _, err = cli("collect", tmp_path / "client.toml", form)
    assert code == 1 and "Questions!E7: level '03:00' was read as a date" in err


def test_a_date_in_a_note_is_kept_as_the_spreadsheet_shows_it(cli, tmp_path):
    form = _form_with(tmp_path, {"E7": 2, "G7": dt.datetime(2026, 5, 2)}, {"G7": "dd.mm.yyyy"})
    code, _, err = cli("collect", tmp_path / "client.toml", form)
    assert code == 0, err
    data = tomllib.loads((tmp_path / "client.toml").read_text(encoding="utf-8"))
    anna = next(r for r in data["respondents"] if r["name"].startswith("Anna"))
    answer = anna["answers"]["understand-journey"]
    assert answer["level"] == 2 and answer["note"] == "02.05.2026"
