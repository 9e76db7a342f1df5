"""An importance given on a question that does not ask for one counts nowhere (not in the
gaps, not in the urgency); it used to be dropped without a word. It is now a check,
``importance-not-asked``, in ``score --json``, the text report and the workbook's
Summary, in the report's language — and never fails the run."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from cxassess.loading import dumps_assessment
from cxassess.testing import make_assessment, plugin_scoring


@pytest.fixture(scope="module")
def four_f():
    with plugin_scoring(builtins=True) as scoring:
        yield scoring.questionnaire("four-f")


def write(tmp_path, questionnaire, language="en", stray=2):
    """Everyone at level 2; the first ``stray`` questions that ask for no importance get
    one from both respondents (Mette 5, Jonas 4)."""
    unasked = [q.id for q in questionnaire.questions if not q.asks_importance][:stray]
    people = []
    for name, importance in (("Mette Holm", 5), ("Jonas Berg", 4)):
        answers = {q.id: 2 for q in questionnaire.questions}
        answers.update({qid: {"level": 2, "importance": importance} for qid in unasked})
        people.append({"name": name, "department": "Kundeservice", "answers": answers})
    path = tmp_path / f"stray-{language}-{stray}.toml"
    path.write_text(dumps_assessment(make_assessment(questionnaire, language=language,
                                                     respondents=people)), encoding="utf-8")
    return path, unasked


def score(cli, path):
    code, out, err = cli("score", path, "--json")
    assert code == 0, err
    return json.loads(out)


def test_score_json_names_the_questions_and_the_run_goes_on(cli, tmp_path, four_f):
    path, unasked = write(tmp_path, four_f)
    [check] = score(cli, path)["checks"]
    assert check["id"] == "importance-not-asked" and check["questions"] == unasked
    first = next(q for q in four_f.questions if q.id == unasked[0])
    assert first.text.en.rstrip("?.") in check["message"]
    assert "(Mette Holm and 1 more)" in check["message"]
    assert check["message"].startswith("2 questions were given an importance")


def test_one_question_one_respondent(cli, tmp_path, four_f):
    path, [qid] = write(tmp_path, four_f, stray=1)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'"{qid}" = {{ level = 2, importance = 4 }}', f'"{qid}" = 2'),
                    encoding="utf-8")
    [check] = score(cli, path)["checks"]
    assert check["questions"] == [qid] and "(Mette Holm)" in check["message"]
    assert "does not ask for one" in check["message"]


def test_the_stray_importance_changes_no_score_and_no_roadmap(cli, tmp_path, four_f):
    """What the check says is true: the importance counts nowhere."""
    path, _ = write(tmp_path, four_f)
    plain = tmp_path / "plain.toml"
    plain.write_text(dumps_assessment(make_assessment(four_f, respondents=[
        {"name": n, "department": "Kundeservice",
         "answers": {q.id: 2 for q in four_f.questions}}
        for n in ("Mette Holm", "Jonas Berg")])), encoding="utf-8")
    with_stray, without = score(cli, path), score(cli, plain)
    assert without["checks"] == []
    for key in ("stages", "dimensions", "gaps", "roadmap", "current_stage"):
        assert with_stray[key] == without[key], key


@pytest.mark.parametrize("language, heading, words", [
    ("en", "Worth checking before you present", "were given an importance but do not ask"),
    ("da", "Værd at tjekke, før I præsenterer", "har fået en vigtighed, men spørger ikke om den"),
])
def test_the_text_report_and_the_workbook_say_so(cli, tmp_path, four_f, language, heading,
                                                 words):
    path, _ = write(tmp_path, four_f, language)
    code, out, err = cli("score", path)
    assert code == 0, err
    assert heading in out and words in out
    book = tmp_path / f"book-{language}.xlsx"
    code, _, err = cli("export", path, "-o", book)
    assert code == 0, err
    summary = load_workbook(book).worksheets[0]
    assert any(words in str(c.value) for row in summary.iter_rows() for c in row)
