"""Issue 16: the consistency checks and the respondents' notes (evidence) reach every
place an executive or a consultant reads — score --json, the text report, the workbook's
Summary, Roadmap and Gaps sheets, and the terminal app's results."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from cxassess.loading import dumps_assessment
from cxassess.testing import make_assessment, plugin_scoring

from test_tui import plugins, run_async, running, settle, shown_text  # noqa: F401 (fixture)

NOTE = "Flytning er stadig en PDF-blanket."


@pytest.fixture(scope="module")
def four_f():
    with plugin_scoring(builtins=True) as scoring:
        yield scoring.questionnaire("four-f")


def implausible(questionnaire, language="en"):
    """Seduce at 4 while Understand is at 1 and Fix at 0, with one note."""
    answers = {q.id: {"understand": 1, "fix": 0, "refine": 1, "seduce": 4}[q.stage]
               for q in questionnaire.questions}
    answers["fix-mobile"] = {"level": 0, "importance": 3, "note": NOTE}
    return make_assessment(questionnaire, language=language, respondents=[
        {"name": "Mette Holm", "department": "Kundeservice", "answers": answers}])


@pytest.fixture
def assessment_file(tmp_path, four_f):
    def write(language="en"):
        path = tmp_path / f"implausible-{language}.toml"
        path.write_text(dumps_assessment(implausible(four_f, language)), encoding="utf-8")
        return path
    return write


def test_score_json_has_checks_and_evidence(cli, assessment_file):
    code, out, _ = cli("score", assessment_file(), "--json")
    assert code == 0
    doc = json.loads(out)
    assert [c["id"] for c in doc["checks"]][:1] == ["stage-order"]
    assert set(doc["checks"][0]) == {"id", "message", "questions"}
    evidence = [e for p in doc["roadmap"]["phases"] for i in p["initiatives"]
                for e in i["evidence"]]
    assert evidence == [{"respondent": "Mette Holm", "department": "Kundeservice",
                         "question": "fix-mobile", "note": NOTE}]
    assert doc["roadmap"]["per_phase"] == 4


def test_uniform_answers_print_an_empty_check_list(cli, tmp_path, four_f):
    path = tmp_path / "uniform.toml"
    path.write_text(dumps_assessment(make_assessment(four_f, fill=2)), encoding="utf-8")
    code, out, _ = cli("score", path, "--json")
    assert code == 0 and json.loads(out)["checks"] == []


@pytest.mark.parametrize("language", ["en", "da"])
def test_text_report_shows_checks_evidence_and_clean_wording(cli, assessment_file, language):
    code, out, _ = cli("score", assessment_file(language))
    assert code == 0
    heading = {"en": "Worth checking before you present",
               "da": "Værd at tjekke, før I præsenterer"}[language]
    assert heading in out
    assert {"en": "Seduce scores 100", "da": "Forfør scorer 100"}[language] in out
    assert NOTE in out and "(Mette Holm, Kundeservice)" in out
    assert {"en": "1 respondent\n", "da": "1 respondent\n"}[language] in out
    assert "customers rate its importance" not in out and "1 respondents" not in out
    if language == "da":
        for wrong in ("fikse", "Fiks ", " gab ", "mestringsgrænse", " · data · ",
                      " · silos · "):
            assert wrong not in out, wrong
        assert "mestringstærskel" in out and "Med deres egne ord" in out
    for line in out.splitlines():
        assert "beføjels " not in line  # labels are never cut


@pytest.mark.parametrize("language", ["en", "da"])
def test_workbook_shows_checks_evidence_and_urgency(cli, assessment_file, tmp_path, language):
    out = tmp_path / f"book-{language}.xlsx"
    code, _, err = cli("export", assessment_file(language), "-o", out)
    assert code == 0, err
    wb = load_workbook(out)
    texts = {sheet: [str(c.value) for row in wb[sheet].iter_rows() for c in row
                     if c.value is not None] for sheet in wb.sheetnames}
    summary, roadmap, gaps = wb.sheetnames[0], wb.sheetnames[1], \
        {"en": "Gaps", "da": "Forskel"}[language]
    heading = {"en": "Worth checking before you present",
               "da": "Værd at tjekke, før I præsenterer"}[language]
    assert heading in texts[summary]
    assert any(t.startswith("• ") and {"en": "Seduce scores", "da": "Forfør scorer"}[language]
               in t for t in texts[summary])
    card = next(t for t in texts[roadmap] if NOTE in t)
    assert {"en": "In their own words:", "da": "Med deres egne ord:"}[language] in card
    assert f"“{NOTE}” (Mette Holm, Kundeservice)" in card
    header = {"en": "Urgency\n(weight × gap)", "da": "Hastegrad\n(vægt × forskel)"}[language]
    # fix-mobile (weight 2) at level 0, importance 3: gap (3 − 1) × 25 − 0 × 25 = 50
    assert gap_rows(wb[gaps], header) == [[3, 0, 50, 100]]
    for sheet in wb.sheetnames:
        joined = " ".join(texts[sheet])
        assert "mestringsgrænse" not in joined.lower() and "customers rate its importance" not in joined


def gap_rows(ws, urgency_header: str) -> list[list]:
    """The Gaps table's Importance, Level, Gap and Urgency, row by row."""
    [head] = [c for row in ws.iter_rows() for c in row if c.value == urgency_header]
    return [[ws.cell(r, c).value for c in range(head.column - 3, head.column + 1)]
            for r in range(head.row + 1, ws.max_row + 1) if ws.cell(r, 1).value is not None]


def test_gaps_sheet_urgency_is_weight_times_gap(cli, tmp_path, four_f):
    """Known answers for the rule in docs/method.md: gap = (importance − 1) × 25 −
    level × 25 on the means of two respondents, urgency = weight × gap with the gap never
    below 0; rows largest gap first, ties by id."""
    first = {"fix-staff-equipped": {"level": 0, "importance": 5},
             "fix-technical-errors": {"level": 3, "importance": 5},
             "fix-mobile": {"level": 2, "importance": 4},
             "refine-peaks": {"level": 1, "importance": 3},
             "seduce-omnichannel": {"level": 4, "importance": 2}}
    second = {**first, "fix-staff-equipped": {"level": 1, "importance": 4},
              "fix-technical-errors": {"level": 1, "importance": 5}}
    weights = {q.id: q.weight for q in four_f.questions}
    assert [weights[q] for q in first] == [3, 2, 2, 3, 3]
    path = tmp_path / "gaps.toml"
    path.write_text(dumps_assessment(make_assessment(four_f, respondents=[
        {"name": "A", "department": "Salg", "answers": first},
        {"name": "B", "department": "Drift", "answers": second}])), encoding="utf-8")
    out = tmp_path / "gaps.xlsx"
    code, _, err = cli("export", path, "-o", out, "--lang", "en")
    assert code == 0, err
    assert gap_rows(load_workbook(out)["Gaps"], "Urgency\n(weight × gap)") == [
        [4.5, 0.5, 75, 225],  # fix-staff-equipped: 3.5 × 25 − 0.5 × 25 = 75; × 3
        [5, 2, 50, 100],      # fix-technical-errors: 100 − 50; × 2
        [4, 2, 25, 50],       # fix-mobile: 75 − 50; × 2
        [3, 1, 25, 75],       # refine-peaks: 50 − 25; × 3 (same gap: after fix-mobile by id)
        [2, 4, -75, 0],       # seduce-omnichannel: 25 − 100 shown, but urgency never below 0
    ]


@pytest.mark.parametrize("lang, sheet, header, explained", [
    ("en", "Gaps", "Gap\n(−100 to 100)",
     ["runs from −100 to 100", "below 0 (with a minus), it already works better than it "
      "needs to, and its urgency is 0"]),
    ("da", "Forskel", "Forskel\n(−100 til 100)",
     ["går fra −100 til 100", "under 0 (med minus) virker det allerede bedre, end det "
      "behøver, og hastegraden er 0"]),
])
def test_gaps_sheet_says_what_a_gap_below_0_means(cli, tmp_path, four_f, lang, sheet, header,
                                                  explained):
    """A point that works better than it matters (level 4, importance 2) has a gap below 0:
    the header gives the range the column really holds, not 0–100, and the explanation
    above the table says what a minus means, in the workbook's language."""
    path = tmp_path / "above.toml"
    path.write_text(dumps_assessment(make_assessment(four_f, respondents=[
        {"name": "A", "department": "Salg", "answers": {
            "fix-mobile": {"level": 1, "importance": 4},
            "seduce-omnichannel": {"level": 4, "importance": 2}}}])), encoding="utf-8")
    out = tmp_path / "above.xlsx"
    assert cli("export", path, "-o", out, "--lang", lang)[0] == 0
    ws = load_workbook(out)[sheet]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert header in texts and not any("0–100)" in text for text in texts)
    intro = next(text for text in texts if "1–5" in text and text != header)
    for words in explained:
        assert words in " ".join(intro.split())
    assert [row[2] for row in gap_rows(ws, next(t for t in texts if t.startswith(
        ("Urgency", "Hastegrad"))))] == [50, -75]  # the values themselves as before


@run_async
async def test_results_screen_shows_checks_and_evidence(assessment_file, plugins):
    async with running(assessment_file(), plugins) as pilot:
        await pilot.press("ctrl+r")
        await settle(pilot)
        results = pilot.app.screen
        text = shown_text(results)  # the checks are on the first screen, not folded
        assert "Worth checking before you present" in text
        assert "Seduce scores 100" in text
        assert f"“{NOTE}” (Mette Holm, Kundeservice)" in text
        assert "1 respondent" in text and "1 respondents" not in text


def test_a_note_is_attributed_by_name_and_department_or_name_alone():
    """The one attribution the text report, the workbook and the terminal app show."""
    from cxassess.report import Evidence

    with_department = Evidence(respondent="Mette Holm", department="Kundeservice",
                               question="fix-mobile", note=NOTE)
    assert with_department.quoted == f"“{NOTE}” (Mette Holm, Kundeservice)"
    alone = Evidence(respondent="Mette Holm", department="", question="fix-mobile", note="Ja.")
    assert (alone.who, alone.quoted) == ("Mette Holm", "“Ja.” (Mette Holm)")
