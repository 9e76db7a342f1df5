"""One slug for every file name cxassess makes from a name (the terminal app's suggested
assessment file, ``cxassess forms``' form files): always a safe, non-empty file name,
the same for the same name."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cxassess.export.forms import form_files
from cxassess.files import SLUG_LENGTH, slug
from cxassess.testing import make_assessment

SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                   *(f"lpt{n}" for n in range(10))}


@settings(max_examples=300, deadline=None)
@given(name=st.text(), fallback=st.sampled_from(["respondent", "assessment"]))
def test_a_slug_is_a_safe_non_empty_file_name_and_stable(name, fallback):
    stem = slug(name, fallback)
    assert SAFE.fullmatch(stem), stem
    assert len(stem) <= SLUG_LENGTH + len(fallback) + 1
    assert stem not in WINDOWS_DEVICES
    assert slug(name, fallback) == stem and slug(stem, fallback) == stem


@given(name=st.text(alphabet="æøåÆØÅßabcXYZ019 -_.'/\\:*?\"<>|", max_size=20))
def test_danish_letters_and_sharp_s_are_spelt_out_not_dropped(name):
    spelt = name.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"}))
    letters = re.sub(r"[^a-z0-9]", "", spelt)
    kept = slug(name, "x")
    if not letters:
        assert kept == "x"
    elif letters in WINDOWS_DEVICES:
        assert kept == f"{letters}-x"
    else:
        assert kept.replace("-", "") == letters


def test_examples():
    assert slug("Bager Ærø ApS", "assessment") == "bager-aeroe-aps"
    assert slug("Jens Weiß Straße", "respondent") == "jens-weiss-strasse"
    assert slug("Crème brûlée", "x") == "creme-brulee"
    assert slug("  ?? 日本 ", "assessment") == "assessment"
    assert slug("Con", "respondent") == "con-respondent"
    assert slug("a " * 100, "x") == "-".join(["a"] * 30)


def test_form_files_are_named_by_the_slug_of_name_and_department():
    assessment = make_assessment("dev", respondents=[
        {"name": "Jens Weiß", "department": "Kundeservice"},
        {"name": "Jens Weiss", "department": "Kundeservice"},
        {"name": "日本", "department": ""},
        {"name": "Con", "department": ""}])
    assert [name for name, _ in form_files(assessment, 1)] == [
        "jens-weiss-kundeservice.xlsx", "jens-weiss-kundeservice-2.xlsx", "respondent.xlsx",
        "con-respondent.xlsx", "blank-01.xlsx"]
