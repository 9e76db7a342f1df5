"""Departments side by side and anonymity: per-department scores, the disagreement list,
"Respondent N" and "Other" for small departments."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxassess.anonymity import anonymise
from cxassess.departments import MIN_SPREAD, side_by_side
from cxassess.scoring import score

from helpers import FIXTURES, make_assessment, reload_workbook


def test_two_departments_answering_1_and_3_disagree(dev_questionnaire, builtin_plugins):
    ids = dev_questionnaire.question_ids
    assessment = make_assessment([{q: 1 for q in ids}, {q: 1 for q in ids}, {q: 3 for q in ids}],
                                 departments=["Sales", "Sales", "Service"])
    report = score(dev_questionnaire, assessment, builtin_plugins)
    by_name = {d.name: d for d in report.departments}
    assert set(by_name) == {"Sales", "Service"}
    assert by_name["Sales"].respondents == 2 and by_name["Service"].respondents == 1
    assert set(by_name["Sales"].stages.values()) == {25.0}
    assert set(by_name["Service"].stages.values()) == {75.0}
    assert set(by_name["Service"].dimensions) == set(dev_questionnaire.dimensions)
    assert set(by_name["Service"].dimensions.values()) == {75.0}
    listed = {d.question for d in report.disagreements}
    assert listed == set(ids)
    assert all(d.spread == 2.0 and d.departments == {"Sales": 1.0, "Service": 3.0}
               for d in report.disagreements)


def test_agreement_and_single_department_list_nothing(dev_questionnaire, builtin_plugins):
    ids = dev_questionnaire.question_ids
    same = make_assessment([{q: 2 for q in ids}, {q: 2 for q in ids}], departments=["A", "B"])
    assert score(dev_questionnaire, same, builtin_plugins).disagreements == []
    one = make_assessment([{q: 0 for q in ids}, {q: 4 for q in ids}], departments=["A", "A"])
    report = score(dev_questionnaire, one, builtin_plugins)
    assert [d.name for d in report.departments] == ["A"]
    assert report.disagreements == []


@pytest.mark.parametrize("language, group", [("en", "(no department)"),
                                             ("da", "(ingen afdeling)")])
def test_respondents_without_a_department_are_one_group_everywhere(dev_questionnaire,
                                                                   builtin_plugins, language,
                                                                   group):
    """Two people who gave no department, answering 0 and 4: the Departments sheet shows
    them as one group, and the silos score and its findings see that same group — not two
    departments of one person each, named after the respondents (which would make their
    disagreement a silo signal and score silos 25, not the plain 50)."""
    ids = dev_questionnaire.question_ids
    assessment = make_assessment([{q: 0 for q in ids}, {q: 4 for q in ids}],
                                 departments=["", " "], language=language)
    report = score(dev_questionnaire, assessment, builtin_plugins)
    assert [(d.name, d.respondents) for d in report.departments] == [(group, 2)]
    assert report.disagreements == []
    silos = next(d for d in report.dimensions if d.id == "silos")
    assert silos.score == 50.0  # the plain mean level × 25, as for one department
    assert not any(name in finding for finding in silos.findings for name in ("R0", "R1"))
    # beside a named department, the group is compared as the sheet shows it
    mixed = make_assessment([{q: 0 for q in ids}, {q: 4 for q in ids}, {q: 4 for q in ids}],
                            departments=["", "", "Salg"], language=language)
    report = score(dev_questionnaire, mixed, builtin_plugins)
    assert {d.name for d in report.departments} == {group, "Salg"}
    assert {tuple(sorted(d.departments)) for d in report.disagreements} == {
        tuple(sorted([group, "Salg"]))}
    silos = next(d for d in report.dimensions if d.id == "silos")
    # two groups at 2 and 4: (their mean 3 + the lowest 2) / 2 = level 2.5 (three
    # "departments" R0, R1 and Salg at 0, 4 and 4 gave 33.3)
    assert silos.score == 62.5


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C"]),
                          st.lists(st.sampled_from([0, 1, 2, 3, 4, "n/a"]), min_size=8, max_size=8)),
                min_size=1, max_size=6))
def test_disagreements_are_the_department_means_apart(dev_questionnaire, people):
    ids = dev_questionnaire.question_ids
    assessment = make_assessment([dict(zip(ids, levels)) for _, levels in people],
                                 departments=[d for d, _ in people])
    departments, disagreements = side_by_side(dev_questionnaire, assessment)
    assert sum(d.respondents for d in departments) == len(people)
    spreads = [d.spread for d in disagreements]
    assert spreads == sorted(spreads, reverse=True)
    for item in disagreements:
        col = ids.index(item.question)
        for name, mean in item.departments.items():
            levels = [lv[col] for d, lv in people if d == name and lv[col] != "n/a"]
            assert mean == round(sum(levels) / len(levels), 2)
        assert item.spread == round(max(item.departments.values())
                                    - min(item.departments.values()), 2) >= MIN_SPREAD


def test_anonymise_numbers_respondents_and_merges_small_departments(dev_questionnaire):
    assessment = make_assessment([{}] * 6, departments=["Big", "Small", "Big", "Big", "", "Tiny"])
    anonymous = anonymise(assessment)
    assert [r.name for r in anonymous.respondents] == [f"Respondent {n}" for n in range(1, 7)]
    assert [r.department for r in anonymous.respondents] == ["Big", "Other", "Big", "Big", "Other",
                                                             "Other"]
    danish = anonymise(assessment.model_copy(update={"language": "da"}))
    assert danish.respondents[1].department == "Andre"


@pytest.mark.parametrize("departments, shown", [
    # one person alone in "Other" would be that person's answers under another name
    (["Sales"] * 3 + ["Board"], ["Other"] * 4),
    (["Big"] * 4 + ["Mid"] * 3 + ["Small"], ["Big"] * 4 + ["Other"] * 4),
    (["Big"] * 3 + ["Small", ""], ["Other"] * 5),
    (["Big"] * 3 + ["A", "B", "C"], ["Big"] * 3 + ["Other"] * 3),
    (["Big"] * 3, ["Big"] * 3),
])
def test_anonymous_other_never_holds_fewer_than_three(dev_questionnaire, builtin_plugins,
                                                      departments, shown):
    assessment = make_assessment([{q: 2 for q in dev_questionnaire.question_ids}] * len(departments),
                                 departments=departments)
    anonymous = anonymise(assessment)
    assert [r.department for r in anonymous.respondents] == shown
    report = score(dev_questionnaire, anonymous, builtin_plugins)
    assert all(d.respondents >= 3 for d in report.departments)


def test_anonymous_in_the_file_hides_names_in_score_json(cli, tmp_path):
    text = (FIXTURES / "dev-assessment.toml").read_text(encoding="utf-8")
    path = tmp_path / "a.toml"
    (tmp_path / "dev.toml").write_bytes((FIXTURES / "dev.toml").read_bytes())
    path.write_text(text.replace('format = 1', 'format = 1\nanonymous = true', 1), encoding="utf-8")
    code, out, _ = cli("score", path, "--json")
    assert code == 0
    doc = json.loads(out)
    names = [line.split("=", 1)[1].strip().strip('"') for line in text.splitlines()
             if line.startswith("name =")][1:]
    assert names and not any(name in out for name in names)
    assert all(d["name"] == "Other" for d in doc["departments"])
    code, out, _ = cli("score", path)
    assert code == 0 and not any(name in out for name in names)


# --------------------------------------------------------------------------- workbook


EXAMPLE = FIXTURES.parent.parent / "examples" / "nordlys-energi.toml"


def test_departments_sheet_is_a_heat_map_with_counts_and_disagreements(builtin_plugins):
    from cxassess import pipeline

    result = pipeline.run(EXAMPLE, builtin_plugins, "en")
    report = result.report
    ws = reload_workbook(result)["Departments"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    names = [d.name for d in report.departments]
    header = next(i for i, r in enumerate(rows) if r[1:1 + len(names)] == names)
    assert rows[header + 1][:1 + len(names)] == ["Respondents"] + [d.respondents for d in report.departments]
    understand = rows[header + 2]
    assert understand[0] == "Understand"
    assert understand[1:1 + len(names)] == [round(d.stages["understand"], 1) for d in report.departments]
    assert ws.conditional_formatting, "the heat map has a colour scale"
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert all(r.type == "colorScale" for r in rules) and len(rules) == 2
    texts = [r[0] for r in rows]
    for item in report.disagreements:
        row = rows[texts.index(item.text)]
        assert row[1:1 + len(names)] == [item.departments.get(n) for n in names]
        assert row[1 + len(names)] == item.spread


def test_anonymous_export_has_no_respondent_name_anywhere(builtin_plugins, cli, tmp_path):
    from openpyxl import load_workbook

    from cxassess.loading import load_assessment_data

    assessment, _ = load_assessment_data(EXAMPLE)
    names = [r.name for r in assessment.respondents]
    out = tmp_path / "anon.xlsx"
    code, _, err = cli("export", EXAMPLE, "-o", out, "--anonymous")
    assert code == 0, err
    wb = load_workbook(out)
    seen = []
    for ws in wb:
        seen += [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        for part in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter,
                     ws.firstHeader, ws.firstFooter):
            seen += [str(x.text) for x in (part.left, part.center, part.right) if x.text]
    seen += [str(wb.properties.title), str(wb.properties.description)]
    assert not [text for text in seen for name in names if name in text]
    assert any("Respondent 1" in text for text in seen)
    # four departments of one respondent each: all shown as "Andre" (the example is Danish)
    assert [c.value for c in wb["Afdelinger"][7] if c.value] == ["Andre"]
    texts = [c.value for row in wb["Afdelinger"].iter_rows() for c in row if c.value]
    # not "only one department has answered": four did, and the survey pooled them
    assert "Kun én afdeling har svaret." not in texts
    assert any("færre end 3 respondenter samlet som “Andre”" in str(t) for t in texts)
