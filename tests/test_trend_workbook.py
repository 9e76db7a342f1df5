"""The Trend workbook (``cxassess compare … -o TREND.xlsx``), loaded back with openpyxl."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from helpers import ROOT

NORDLYS = ROOT / "examples" / "nordlys-energi.toml"
NORDLYS_2027 = ROOT / "examples" / "nordlys-energi-2027.toml"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    from cxassess.cli import main

    folder = tmp_path_factory.mktemp("trend")
    out = {}
    for lang in ("en", "da"):
        path = folder / f"trend-{lang}.xlsx"
        # the newer file first: the workbook orders by date, not by argument
        assert main(["compare", str(NORDLYS_2027), str(NORDLYS), "-o", str(path),
                     "--lang", lang]) == 0
        out[lang] = load_workbook(path)
    return out


@pytest.mark.parametrize("lang, names", [("en", ["Trend", "Progress"]),
                                         ("da", ["Udvikling", "Fremskridt"])])
def test_sheet_names_follow_the_language(workbooks, lang, names):
    assert workbooks[lang].sheetnames == names


def _header_dates(ws):
    for row in ws.iter_rows(min_row=1, max_row=12):
        dates = [c.value for c in row if isinstance(c.value, dt.datetime)]
        if dates:
            return [d.date() for d in dates]
    return []


def test_trend_holds_the_scores_per_date_in_order_with_two_line_charts(workbooks):
    ws = workbooks["en"]["Trend"]
    assert _header_dates(ws) == [dt.date(2026, 11, 23), dt.date(2027, 11, 22)]
    charts = ws._charts
    assert len(charts) == 2
    assert all(type(c).__name__ == "LineChart" for c in charts)
    assert len(charts[0].series) == 4  # one line per stage
    rows = {r[0].value: [c.value for c in r[1:4]] for r in ws.iter_rows() if r[0].value}
    before, after, change = rows["Understand"]
    assert before < after and change == pytest.approx(after - before, abs=0.051)
    assert rows["Current stage"][:2] == ["Understand", "Refine"]


def test_progress_lists_done_open_and_new_initiatives_and_the_questions_that_moved(workbooks):
    ws = workbooks["da"]["Fremskridt"]
    statuses = [r[0].value for r in ws.iter_rows() if r[0].value in ("Gennemført", "Åben", "Ny")]
    assert statuses.count("Gennemført") >= 3 and "Åben" in statuses and "Ny" in statuses
    text = [str(c.value) for r in ws.iter_rows() for c in r if c.value is not None]
    assert any("(refine-staff-freedom)" in t for t in text)  # the setback is shown
    assert "Faldet" in text and "Bedre" in text


def test_a_formula_like_organisation_name_stays_text(tmp_path):
    from cxassess.cli import main

    files = []
    for source in (NORDLYS, NORDLYS_2027):
        path = tmp_path / source.name
        path.write_text(source.read_text(encoding="utf-8")
                        .replace("Nordlys Energi A/S", "=HYPERLINK(x)"), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "t.xlsx"
    assert main(["compare", *files, "-o", str(out)]) == 0
    wb = load_workbook(out)
    subtitle = wb.worksheets[0]["A2"]
    assert subtitle.data_type == "s" and subtitle.value.startswith("=HYPERLINK")


def test_a_bad_target_changes_nothing(cli, tmp_path):
    earlier = tmp_path / "trend.xlsx"
    earlier.write_bytes(b"earlier")
    code, _, err = cli("compare", NORDLYS, NORDLYS_2027, "-o", tmp_path / "trend.txt")
    assert code == 1 and ".xlsx" in err
    assert earlier.read_bytes() == b"earlier"


@pytest.mark.parametrize("lang, first, last", [("en", "2026-11-23", "2027-11-22"),
                                               ("da", "23-11-2026", "22-11-2027")])
def test_dates_in_the_texts_are_written_as_the_date_cells_show_them(workbooks, lang, first,
                                                                    last):
    """The Danish date cells show 23-11-2026; a subtitle or header saying 2026-11-23 on the
    same page would give one date two ways."""
    texts = [str(c.value) for ws in workbooks[lang] for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    trend, progress = workbooks[lang].worksheets
    assert first in trend["A2"].value and f"{last}" in trend["A2"].value
    assert first in progress["A2"].value and last in progress["A2"].value
    assert any(t.endswith(f"\n{first}") for t in texts) and any(t.endswith(f"\n{last}")
                                                                 for t in texts)
    other = ("2026-11-23", "2027-11-22") if lang == "da" else ("23-11-2026", "22-11-2027")
    assert not [t for t in texts for d in other if d in t]


def _without_answers_to(source, question: str, target):
    """``source`` with nobody's answer to ``question``: the question is in the
    questionnaire but unanswered."""
    from cxassess.compat import tomllib
    import tomli_w

    data = tomllib.loads(source.read_text(encoding="utf-8"))
    for respondent in data["respondents"]:
        respondent["answers"].pop(question, None)
    target.write_text(tomli_w.dumps(data), encoding="utf-8")
    return target


@pytest.mark.parametrize("lang, label, heading", [
    ("en", "Answered only in the latest", "Questions answered only in the latest assessment"),
    ("da", "Kun besvaret i den seneste", "Spørgsmål, der kun er besvaret i den seneste vurdering"),
])
def test_a_question_unanswered_before_is_called_answered_only_in_the_latest(
        cli, tmp_path, lang, label, heading):
    """The question was in the baseline's questionnaire, just unanswered: "only in the
    latest" would say it was new."""
    baseline = _without_answers_to(NORDLYS, "fix-mobile", tmp_path / "baseline.toml")
    out = tmp_path / "trend.xlsx"
    code, text, _ = cli("compare", baseline, NORDLYS_2027, "-o", out, "--lang", lang)
    assert code == 0
    assert f"{heading} (1," in text
    ws = load_workbook(out).worksheets[1]
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows() if r[1].value]
    assert [first for first, second in rows if "(fix-mobile)" in str(second)] == [label]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == label)
    assert ws.cell(row, 1).alignment.wrap_text and ws.row_dimensions[row].height >= 2 * 12
