"""wording: numbers as each language writes them, one rule for every text that shows them
(the text report, compare's text, the terminal app)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cxassess.export.compare_text import number as compare_number
from cxassess.wording import number, signed_number

values = st.floats(min_value=-1000, max_value=1000, allow_nan=False)
languages = st.sampled_from(["en", "da"])
digits = st.integers(min_value=0, max_value=2)


def test_examples_a_reader_sees():
    assert signed_number(2.5, "en") == "+2.5"
    assert signed_number(-2.5, "da") == "−2,5"  # the minus sign and a decimal comma
    assert signed_number(-0.04, "da") == "±0,0"  # no change at one decimal: no sign to read
    assert signed_number(12.0, "en", 0) == "+12"
    assert number(-1.25, "da", 2) == "−1,25"


@given(value=values, lang=languages, d=digits)
def test_a_change_is_its_size_as_number_writes_it_with_one_sign(value, lang, d):
    out = signed_number(value, lang, d)
    sign, size = out[0], out[1:]
    assert size == number(abs(value), lang, d)
    assert sign == ("±" if round(value, d) == 0 else "+" if value > 0 else "−")
    assert "-" not in out  # the minus sign, never a hyphen
    assert ("." in out) == (lang == "en" and d > 0)
    assert ("," in out) == (lang == "da" and d > 0)


@given(value=values, lang=languages, d=digits, sign=st.booleans())
def test_compare_writes_numbers_by_the_same_rule(value, lang, d, sign):
    assert compare_number(value, lang, d, sign) == (
        signed_number(value, lang, d) if sign else number(value, lang, d))
    assert compare_number(None, lang, d, sign) == "–"


def test_the_terminal_apps_gaps_are_signed_by_the_same_rule(builtin_plugins):
    """Harbour Mobility works better than it needs to on three questions (gap −12.5): the
    results show "−12", not "+-12", and "±0" for no gap."""
    from cxassess import pipeline
    from cxassess.tui.screens.results import gaps_section

    from helpers import ROOT

    result = pipeline.run(ROOT / "examples" / "harbour-mobility.toml", builtin_plugins)
    assert sorted({g.gap for g in result.report.gaps})[:2] == [-12.5, 0.0]
    lines = gaps_section(result, "en").plain.splitlines()
    assert [line.split()[0] for line in lines] == [signed_number(g.gap, "en", 0)
                                                  for g in result.report.gaps]
    assert {"+38", "±0", "−12"} <= {line.split()[0] for line in lines}
    assert not any("+-" in line or "+−" in line for line in lines)


def test_the_text_reports_gaps_are_signed_by_the_same_rule(builtin_plugins):
    """The text report's largest gaps, when the largest left are below 0 or 0: "−12" and
    "±0", as the terminal app writes them, not "-12" and "+0"."""
    from cxassess import pipeline
    from cxassess.export.text import render

    from helpers import ROOT

    result = pipeline.run(ROOT / "examples" / "harbour-mobility.toml", builtin_plugins)
    report = result.report.model_copy(update={"gaps": result.report.gaps[-4:]})  # 0, −12.5 …
    text = render(report, result.roadmap)
    assert "    ±0  " in text and "   −12  " in text
    assert " -12 " not in text and " +0 " not in text
