"""Fuzzing the form reader as respondents fill forms in: whatever they type or paste into
the answer cells — text in any script, control characters, numbers of any size, dates,
times, booleans, formulas — ``collect`` either merges the form, writing an assessment
that loads again with what was typed, or refuses it with one line per problem naming the
file and Questions!cell, exit 1, and the assessment byte-identical.

CI runs a short sweep; ``CXASSESS_SLOW_TESTS=1`` runs a long one."""

from __future__ import annotations

import datetime
import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess.cli import main
from cxassess.loading import load_assessment_data

from helpers import dev_forms

SLOW = os.environ.get("CXASSESS_SLOW_TESTS") == "1"

# what openpyxl can put in a cell (it refuses the control characters XML cannot hold)
CELL_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="".join(
    map(chr, [*range(0, 9), 11, 12, *range(14, 32)]))), max_size=30)
TYPED = st.one_of(
    st.none(), st.booleans(), CELL_TEXT,
    st.integers(-(10**20), 10**20), st.integers(0, 6),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, 2.0, 3.5, -0.0]),
    st.dates(), st.datetimes(), st.times(),
    st.sampled_from(["3", " 4 ", "2 – Listed", "n/a", "N/A – not applicable", "i/r", "=1+1",
                     "3,0", "٣", "３", "+2", "-1", "1e0", "five", "4\n", "\u202e2"]),
)
CELLS = ["E7", "F7", "G7", "E8", "E9", "F9", "G9"]


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    return dev_forms(tmp_path_factory.mktemp("forms"))


def _collect(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@settings(max_examples=200 if SLOW else 15, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(typed=st.fixed_dictionaries({}, optional={cell: TYPED for cell in CELLS}))
def test_whatever_is_typed_into_a_form_is_merged_or_named(made, tmp_path_factory, capsys,
                                                         typed):
    folder = tmp_path_factory.mktemp("collect")
    shutil.copy(made / "dev.toml", folder / "dev.toml")
    assessment = folder / "client.toml"
    shutil.copy(made / "client.toml", assessment)
    before = assessment.read_bytes()
    wb = openpyxl.load_workbook(made / "forms" / "anna-customer-service.xlsx")
    for cell, value in typed.items():
        wb["Questions"][cell] = value
    form = folder / "anna.xlsx"
    wb.save(form)

    code, out, err = _collect(["collect", str(assessment), str(form)], capsys)
    assert "Traceback" not in err
    if code == 0:
        merged, _ = load_assessment_data(assessment)  # what was written loads again
        [anna] = [r for r in merged.respondents if r.name == "Anna"]
        for level_cell, qid in (("E7", "understand-journey"), ("E8", "understand-data")):
            value = typed.get(level_cell)
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4:
                assert anna.answers[qid].level == value
        note = typed.get("G7")
        if isinstance(note, str) and note.strip():
            assert anna.answers["understand-journey"].note == note.strip()
    else:
        assert code == 1, err
        *problems, last = err.splitlines()
        assert problems and last.startswith("error: nothing written: ")
        for line in problems:
            assert re.match(rf"error: {re.escape(str(form))}: Questions![EFG][789]: ", line), line
            assert line.isprintable()
        assert assessment.read_bytes() == before


@pytest.mark.parametrize("value", [datetime.date(2026, 1, 2), datetime.time(3, 0), True,
                                   10**20, 1e300, 2.5, "=1+1"])
def test_a_level_that_is_no_level_is_named_by_its_cell(made, tmp_path, capsys, value):
    shutil.copy(made / "dev.toml", tmp_path / "dev.toml")
    assessment = tmp_path / "client.toml"
    shutil.copy(made / "client.toml", assessment)
    wb = openpyxl.load_workbook(made / "forms" / "anna-customer-service.xlsx")
    wb["Questions"]["E7"] = value
    wb.save(tmp_path / "anna.xlsx")
    code, _, err = _collect(["collect", str(assessment), str(tmp_path / "anna.xlsx")], capsys)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith(f"error: {tmp_path / 'anna.xlsx'}: Questions!E7: level "), first
    assert len(first) < 200, first  # a huge number is described, not printed whole
