"""Scores: the 25·L invariant, n/a handling, monotonicity, silos disagreement."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cxassess.models import STAGES
from cxassess.scoring import current_stage, score

from helpers import make_assessment

BUILTIN = ("data", "tracking", "silos", "empowerment")


def scores(report):
    out = {f"stage:{s.id}": s.score for s in report.stages}
    out.update({f"dim:{d.id}": d.score for d in report.dimensions})
    return out


def test_one_respondent_level_l_everywhere_scores_25l(dev_questionnaire, builtin_plugins):
    for level in range(5):
        answers = {q: level for q in dev_questionnaire.question_ids}
        report = score(dev_questionnaire, make_assessment([answers]), builtin_plugins)
        assert {d.id for d in report.dimensions} == set(BUILTIN)
        for key, value in scores(report).items():
            assert value == 25 * level, key


def test_four_f_invariant_too(builtin_plugins):
    from cxassess.catalog import catalog

    q = catalog(builtin_plugins, [])["four-f"].questionnaire
    for level in range(5):
        report = score(q, make_assessment([{x: level for x in q.question_ids}],
                                          questionnaire="four-f"), builtin_plugins)
        assert set(scores(report).values()) == {25 * level}


def test_not_applicable_is_left_out_and_lowers_coverage(dev_questionnaire, builtin_plugins):
    data_questions = [q.id for q in dev_questionnaire.questions_in_dimension("data")]
    answers = {q: 4 for q in data_questions}
    answers[data_questions[0]] = "n/a"
    report = score(dev_questionnaire, make_assessment([answers]), builtin_plugins)
    data = report.dimension("data")
    assert data.score == 100  # n/a is never counted as 0
    assert abs(data.coverage - (len(data_questions) - 1) / len(data_questions)) < 0.001
    assert data.answered == len(data_questions) - 1


def test_nothing_answered_scores_null(dev_questionnaire, builtin_plugins):
    report = score(dev_questionnaire, make_assessment([{q: "n/a" for q in
                                                        dev_questionnaire.question_ids}]),
                   builtin_plugins)
    assert all(d.score is None and d.coverage == 0 for d in report.dimensions)
    assert all(s.score is None for s in report.stages)
    assert all(d.findings for d in report.dimensions)


def test_weights_count(dev_questionnaire, builtin_plugins):
    # understand-journey (weight 3) at 4, understand-data (weight 1) at 0 → 75
    report = score(dev_questionnaire, make_assessment([{"understand-journey": 4,
                                                        "understand-data": 0}]), builtin_plugins)
    assert report.stage("understand").score == 75


def test_silos_disagreement_scores_lower(dev_questionnaire, builtin_plugins):
    silo_qs = [q.id for q in dev_questionnaire.questions_in_dimension("silos")]
    depts = ["Sales", "Service", "IT"]
    spread = make_assessment([{q: v for q in silo_qs} for v in (0, 2, 4)], departments=depts)
    agree = make_assessment([{q: 2 for q in silo_qs} for _ in range(3)], departments=depts)
    s_spread = score(dev_questionnaire, spread, builtin_plugins).dimension("silos")
    s_agree = score(dev_questionnaire, agree, builtin_plugins).dimension("silos")
    assert s_agree.score == 50
    assert s_spread.score < s_agree.score
    assert any("Sales" in f and "IT" in f for f in s_spread.findings)


def test_findings_cite_the_weakest_question(dev_questionnaire, builtin_plugins):
    answers = {q: 4 for q in dev_questionnaire.question_ids}
    answers["fix-tracking"] = 0
    report = score(dev_questionnaire, make_assessment([answers]), builtin_plugins)
    assert any("The right tracking is set up." in f for f in report.dimension("tracking").findings)


def test_danish_findings(dev_questionnaire, builtin_plugins):
    report = score(dev_questionnaire, make_assessment([{"fix-tracking": 0}], language="da"),
                   builtin_plugins)
    text = " ".join(report.dimension("tracking").findings)
    assert "Den rigtige tracking er sat op." in text and "niveau" in text


def test_current_stage_rules(dev_questionnaire, builtin_plugins):
    everything = {q: 4 for q in dev_questionnaire.question_ids}
    assert score(dev_questionnaire, make_assessment([everything]), builtin_plugins).current_stage == "seduce"
    weak_fix = {**everything, "fix-tracking": 0, "fix-staff": 1}
    assert score(dev_questionnaire, make_assessment([weak_fix]), builtin_plugins).current_stage == "fix"
    no_understanding = {**everything, "understand-journey": 0, "understand-data": 0}
    assert score(dev_questionnaire, make_assessment([no_understanding]),
                 builtin_plugins).current_stage == "understand"


def test_gaps_largest_first(dev_questionnaire, builtin_plugins):
    report = score(dev_questionnaire, make_assessment([{
        "understand-journey": {"level": 3, "importance": 5},
        "fix-tracking": {"level": 0, "importance": 5},
        "refine-peaks": {"level": 2, "importance": 2}}]), builtin_plugins)
    assert [g.question for g in report.gaps] == ["fix-tracking", "understand-journey", "refine-peaks"]
    assert report.gaps[0].gap == 100


# --------------------------------------------------------------------------- properties

ANSWER = st.one_of(st.none(), st.just("n/a"), st.integers(0, 4))


@st.composite
def assessments(draw, question_ids):
    n = draw(st.integers(1, 4))
    depts = draw(st.lists(st.sampled_from(["Sales", "Service", "IT", "Board"]), min_size=n, max_size=n))
    rows = []
    for _ in range(n):
        row = {}
        for q in question_ids:
            value = draw(ANSWER)
            if value is not None:
                row[q] = value
        rows.append(row)
    return rows, depts


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_scores_stay_in_range(dev_questionnaire, builtin_plugins, data):
    rows, depts = data.draw(assessments(dev_questionnaire.question_ids))
    report = score(dev_questionnaire, make_assessment(rows, departments=depts), builtin_plugins)
    for value in scores(report).values():
        assert value is None or 0 <= value <= 100
    for d in report.dimensions:
        assert 0 <= d.coverage <= 1


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_raising_an_answer_never_lowers_any_score(dev_questionnaire, builtin_plugins, data):
    rows, depts = data.draw(assessments(dev_questionnaire.question_ids))
    candidates = [(i, q) for i, row in enumerate(rows) for q, v in row.items() if isinstance(v, int) and v < 4]
    if not candidates:
        return
    i, q = data.draw(st.sampled_from(candidates))
    raised = [dict(r) for r in rows]
    raised[i][q] = data.draw(st.integers(rows[i][q] + 1, 4))
    before = scores(score(dev_questionnaire, make_assessment(rows, departments=depts), builtin_plugins))
    after = scores(score(dev_questionnaire, make_assessment(raised, departments=depts), builtin_plugins))
    for key in before:
        if before[key] is not None:
            assert after[key] >= before[key], (key, q)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_not_applicable_never_lowers_a_score(dev_questionnaire, builtin_plugins, data):
    """Marking an unanswered question n/a changes no score; it is never counted as 0."""
    rows, depts = data.draw(assessments(dev_questionnaire.question_ids))
    blanks = [(i, q) for i, row in enumerate(rows) for q in dev_questionnaire.question_ids if q not in row]
    if not blanks:
        return
    i, q = data.draw(st.sampled_from(blanks))
    with_na = [dict(r) for r in rows]
    with_na[i][q] = "n/a"
    before = scores(score(dev_questionnaire, make_assessment(rows, departments=depts), builtin_plugins))
    after = scores(score(dev_questionnaire, make_assessment(with_na, departments=depts), builtin_plugins))
    assert after == before


def test_current_stage_is_first_below_bar():
    from cxassess.report import StageScore

    def stages(*values):
        return [StageScore(id=s, label=s, score=v, answered=1, total=1) for s, v in zip(STAGES, values)]
    assert current_stage(stages(0, 100, 100, 100)) == "understand"
    assert current_stage(stages(60, 59.9, 100, 100)) == "fix"
    assert current_stage(stages(60, 60, 60, 60)) == "seduce"
    assert current_stage(stages(80, None, 80, 80)) == "fix"
