"""Issue 16: a roadmap an executive would sign — worst first, critical questions,
prerequisites, the whole foundation before Seduce, focus, a way forward for the mature,
consistency checks and the respondents' notes as evidence.

Profiles are built with the public ``cxassess.testing`` helpers on the built-in four-F
questionnaire, scored with the built-in scorers.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess import hookimpl
from cxassess.models import STAGES, RoadmapSettings
from cxassess.testing import make_assessment, plan, plugin_scoring

from test_roadmap import property_settings

SETTINGS = settings(property_settings(60),
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def scoring():
    with plugin_scoring(builtins=True) as scoring:
        yield scoring


@pytest.fixture(scope="module")
def four_f(scoring):
    return scoring.questionnaire("four-f")


def answers_at(questionnaire, level, **overrides):
    answers = {q.id: level for q in questionnaire.questions}
    answers.update(overrides)
    return answers


def score_and_plan(scoring, questionnaire, answers=None, *, respondents=None, language="en",
                   per_phase=None):
    assessment = make_assessment(questionnaire, answers=answers, respondents=respondents,
                                 language=language)
    if per_phase is not None:
        assessment = assessment.model_copy(update={"roadmap": RoadmapSettings(per_phase=per_phase)})
    report = scoring.score(assessment)
    return report, plan(report)


def phase_of(roadmap):
    return {i.id: p.number for p in roadmap.phases for i in p.initiatives}


def initiative_with(roadmap, question_id):
    return next(i for i in roadmap.initiatives if question_id in i.questions)


def importance_questions(questionnaire, stage):
    return [q for q in questionnaire.questions if q.stage == stage and q.asks_importance]


# --------------------------------------------------------------------------- worst first


def test_one_worst_question_leads_a_larger_group_of_milder_gaps(scoring, four_f):
    """The case from the issue: one Fix question at level 0 and importance 5, the other
    Fix questions at level 2. Its initiative is the top fix and leads phase 1's fixes,
    although fix-tracking's group of milder gaps adds up to more."""
    fix = [q.id for q in four_f.questions if q.stage == "fix"]
    answers = answers_at(four_f, 3, **{qid: 2 for qid in fix})
    answers["fix-silo-handoffs"] = {"level": 0, "importance": 5}
    report, roadmap = score_and_plan(scoring, four_f, answers)
    worst = initiative_with(roadmap, "fix-silo-handoffs")
    tracking = initiative_with(roadmap, "fix-tracking")
    assert len(tracking.questions) > len(worst.questions)
    assert worst.priority == 3 * 100 == max(i.priority for i in roadmap.initiatives)
    assert phase_of(roadmap)[worst.id] == 1
    fixes_in_1 = [i for i in roadmap.phases[0].initiatives if i.stage == "fix"]
    assert fixes_in_1[0] is worst or fixes_in_1[0].id == worst.id
    assert "The most important fix" in worst.rationale


@SETTINGS
@given(data=st.data())
def test_the_single_worst_question_leads_whatever_the_question(scoring, four_f, data):
    """Any Fix question asking for importance, at level 0 with importance 3 (not critical),
    beats the other Fix questions at level 2: its initiative is the most urgent fix and
    is in phase 1."""
    worst = data.draw(st.sampled_from(importance_questions(four_f, "fix")))
    answers = answers_at(four_f, 3, **{q.id: 2 for q in four_f.questions if q.stage == "fix"})
    answers[worst.id] = {"level": 0, "importance": 3}
    report, roadmap = score_and_plan(scoring, four_f, answers)
    lead = initiative_with(roadmap, worst.id)
    assert lead.questions[0] == worst.id, "the worst question leads its initiative"
    fixes = [i for i in roadmap.initiatives if i.stage == "fix"]
    assert lead.priority == max(i.priority for i in fixes)
    assert phase_of(roadmap)[lead.id] == 1


def test_urgency_is_one_definition_on_the_gaps_sheet_and_the_roadmap(scoring, four_f):
    answers = answers_at(four_f, 3, **{"fix-mobile": {"level": 1, "importance": 5}})
    report, roadmap = score_and_plan(scoring, four_f, answers)
    [gap] = [g for g in report.gaps if g.question == "fix-mobile"]
    assert gap.gap == 75.0 and gap.urgency == 2 * 75.0
    assert initiative_with(roadmap, "fix-mobile").priority == gap.urgency


# --------------------------------------------------------------------------- critical


@SETTINGS
@given(data=st.data())
def test_one_critical_question_in_a_mature_organisation(scoring, four_f, data):
    """Everything at 3 but one question that matters a great deal and hardly works: its
    stage is the current stage (not Seduce), and it is addressed in phase 1."""
    stage = data.draw(st.sampled_from(["understand", "fix", "refine"]))
    candidates = importance_questions(four_f, stage) or importance_questions(four_f, "fix")
    question = data.draw(st.sampled_from(candidates))
    answer = {"level": data.draw(st.integers(0, 1)), "importance": data.draw(st.integers(4, 5))}
    language = data.draw(st.sampled_from(["en", "da"]))
    report, roadmap = score_and_plan(scoring, four_f, answers_at(four_f, 3, **{question.id: answer}),
                                     language=language)
    assert report.current_stage == question.stage != "seduce"
    assert question.id in {qid for i in roadmap.phases[0].initiatives for qid in i.questions}
    assert [c.id for c in report.checks] == ["critical"]
    assert report.checks[0].questions == [question.id]
    initiative = initiative_with(roadmap, question.id)
    assert {"en": "Critical:", "da": "Kritisk:"}[language] in initiative.rationale
    assert not any(i.stage == "seduce" for i in roadmap.phases[0].initiatives)


def test_the_issue_s_example_is_not_at_seduce(scoring, four_f):
    answers = answers_at(four_f, 3, **{"fix-silo-handoffs": {"level": 0, "importance": 5}})
    report, roadmap = score_and_plan(scoring, four_f, answers)
    assert report.stage("fix").score >= report.mastery_bar
    assert report.current_stage == "fix"


# --------------------------------------------------------------------------- prerequisites


def test_four_f_marks_the_cx_owner_and_the_measurement_baseline_as_prerequisites(four_f):
    prerequisites = {q.id for q in four_f.questions if q.prerequisite}
    assert {"fix-cx-ownership", "fix-measurement-baseline"} <= prerequisites
    for q in four_f.questions:
        assert q.short is not None, f"{q.id} has a short title"
        assert len(q.short.en) <= 90 and len(q.short.da) <= 90


def test_prerequisites_that_fall_short_stand_alone_in_phase_1(scoring, four_f):
    answers = answers_at(four_f, 3, **{"fix-cx-ownership": 2, "fix-measurement-baseline": 2,
                                       "fix-silo-handoffs": 2, "fix-promise-delivery": 2})
    report, roadmap = score_and_plan(scoring, four_f, answers)
    phase1 = {i.id: i for i in roadmap.phases[0].initiatives}
    for qid in ("fix-cx-ownership", "fix-measurement-baseline"):
        assert phase1[qid].questions == [qid], "a prerequisite is not buried in a group"
        assert "A prerequisite" in phase1[qid].rationale
    assert phase1["fix-cx-ownership"].title == "Appoint a CX owner in top management with a " \
                                               "mandate across departments"


def test_questionnaires_show_json_exposes_prerequisite_and_short(cli):
    code, out, _ = cli("questionnaires", "show", "four-f", "--json")
    assert code == 0
    questions = {q["id"]: q for q in json.loads(out)["questions"]}
    assert questions["fix-cx-ownership"]["prerequisite"] is True
    assert questions["fix-mobile"]["prerequisite"] is False
    assert questions["fix-mobile"]["short"]["da"] == "Få kundernes vigtigste opgaver til at " \
                                                     "virke på mobilen"


# --------------------------------------------------------------------------- focus


@pytest.mark.parametrize("per_phase", [None, 3, 6])
@pytest.mark.parametrize("language", ["en", "da"])
def test_everything_at_2_is_a_handful_per_phase(scoring, four_f, per_phase, language):
    report, roadmap = score_and_plan(scoring, four_f, answers_at(four_f, 2), language=language,
                                     per_phase=per_phase)
    cap = per_phase or 4
    assert report.per_phase == cap
    for phase in roadmap.phases[:3]:
        assert len(phase.initiatives) <= cap
    assert len(roadmap.phases[0].initiatives) == cap, "phase 1 is used to the full"
    for i in roadmap.initiatives:
        assert len(i.title) <= 90
    phase1 = {qid for i in roadmap.phases[0].initiatives for qid in i.questions}
    assert {"fix-cx-ownership", "fix-measurement-baseline"} <= phase1


def test_musts_beyond_the_cap_are_grouped_per_stage(scoring, four_f):
    """Everything at 0 with importance 5: critical questions everywhere. Phase 1 keeps to
    the cap by grouping the musts of a stage into one initiative."""
    answers = {q.id: {"level": 0, "importance": 5} if q.asks_importance else 0
               for q in four_f.questions}
    report, roadmap = score_and_plan(scoring, four_f, answers, per_phase=3)
    phase1 = roadmap.phases[0].initiatives
    assert len(phase1) <= 3
    addressed = {qid for i in phase1 for qid in i.questions}
    for q in report.questions:
        if q.stage != "seduce" and (q.critical or q.prerequisite):
            assert q.id in addressed
    assert any(i.id.endswith("-first") for i in phase1)


def test_per_phase_is_an_assessment_table_the_writer_keeps(tmp_path, four_f):
    from cxassess.loading import dumps_assessment, load_assessment_data

    assessment = make_assessment(four_f, answers={"fix-mobile": 2}).model_copy(
        update={"roadmap": RoadmapSettings(per_phase=5)})
    path = tmp_path / "a.toml"
    path.write_text(dumps_assessment(assessment), encoding="utf-8")
    assert "[roadmap]\nper_phase = 5" in path.read_text(encoding="utf-8")
    loaded, _ = load_assessment_data(path)
    assert loaded.roadmap.per_phase == 5


def test_per_phase_below_three_is_refused(tmp_path, cli):
    path = tmp_path / "a.toml"
    path.write_text('format = 1\nquestionnaire = "four-f"\n[organisation]\nname = "X"\n'
                    '[roadmap]\nper_phase = 2\n', encoding="utf-8")
    code, _, err = cli("validate", path)
    assert code == 1 and "per_phase" in err and len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- the mature


@pytest.mark.parametrize("language", ["en", "da"])
def test_everything_at_3_gets_a_way_forward(scoring, four_f, language):
    report, roadmap = score_and_plan(scoring, four_f, answers_at(four_f, 3), language=language)
    assert report.current_stage == "seduce" and report.checks == []
    assert len(roadmap.initiatives) >= 3
    seduce = [i for i in roadmap.initiatives if i.stage == "seduce"]
    assert seduce
    good = {"en": "From good to excellent", "da": "Fra godt til fremragende"}[language]
    assert all(good in i.rationale for i in seduce)
    assert roadmap.phases[0].initiatives[0].stage == "understand"
    assert not any(i.stage == "seduce" for i in roadmap.phases[0].initiatives)
    assert roadmap.phases[-1].projected_stages["seduce"] == 100.0


# --------------------------------------------------------------------------- Seduce waits


class SeducePlugin:
    """A plugin that asks for Seduce in phase 1."""

    @staticmethod
    @hookimpl
    def cxassess_roadmap_initiatives(context, report):
        return [{"id": "omni-now", "title": "Launch the omnichannel app", "stage": "seduce",
                 "dimension": "data", "priority": 1e6, "phase": 1,
                 "rationale": "Everyone talks about omnichannel."}]


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_plugin_s_seduce_in_phase_1_waits_for_the_fixes(four_f, language):
    answers = answers_at(four_f, 3, **{q.id: 1 for q in four_f.questions if q.stage == "fix"})
    with plugin_scoring(SeducePlugin, name="omni", builtins=True) as scoring:
        report = scoring.score(questionnaire=four_f, answers=answers, language=language)
    roadmap = plan(report)
    where = phase_of(roadmap)
    [omni] = [i for i in roadmap.initiatives if i.source == "omni"]
    last_fix = max(where[i.id] for i in roadmap.initiatives if i.stage == "fix")
    assert where[omni.id] > last_fix or where[omni.id] == 4
    moved = {"en": f"Moved from phase 1 to phase {where[omni.id]}: while the foundation is weak",
             "da": f"Flyttet fra fase 1 til fase {where[omni.id]}: Så længe fundamentet er svagt"}
    assert moved[language] in omni.rationale
    assert omni.rationale.startswith("Everyone talks about omnichannel.")


def test_silos_belong_to_the_foundation(scoring, four_f):
    """Fix, data and tracking strong but silos weak: Seduce is still the long-term goal."""
    silos = {q.id for q in four_f.questions if q.dimensions[0] == "silos"
             or "silos" in q.dimensions}
    answers = answers_at(four_f, 4, **{qid: 1 for qid in silos})
    answers.update({q.id: 2 for q in four_f.questions if q.stage == "seduce"})
    report, roadmap = score_and_plan(scoring, four_f, answers)
    assert report.dimension("silos").score < report.mastery_bar
    assert report.stage("fix").score >= report.mastery_bar
    seduce = [i for i in roadmap.initiatives if i.stage == "seduce"]
    assert seduce and all(phase_of(roadmap)[i.id] == 4 for i in seduce)
    assert all("The long-term goal" in i.rationale and "Silos and ownership scores" in i.rationale
               for i in seduce)


# --------------------------------------------------------------------------- checks


def test_implausible_answers_give_a_check(scoring, four_f):
    answers = {q.id: {"understand": 1, "fix": 0, "refine": 2, "seduce": 4}[q.stage]
               for q in four_f.questions}
    report, _ = score_and_plan(scoring, four_f, answers)
    messages = {c.message.split(" ")[0]: c for c in report.checks if c.id == "stage-order"}
    assert set(messages) == {"Refine", "Seduce"}  # each against its weakest earlier stage
    assert messages["Seduce"].message.startswith("Seduce scores 100, 100 points above Fix (0)")
    assert set(messages["Seduce"].questions) == {q.id for q in four_f.questions
                                                 if q.stage == "seduce"}


def test_departments_far_apart_give_a_check(scoring, four_f):
    base = answers_at(four_f, 2)
    report, _ = score_and_plan(scoring, four_f, respondents=[
        {"name": "Ann", "department": "Sales", "answers": {**base, "fix-mobile": 4}},
        {"name": "Bo", "department": "Service", "answers": {**base, "fix-mobile": 0}},
    ], language="da")
    [check] = report.checks
    assert check.id == "departments-apart" and check.questions == ["fix-mobile"]
    assert "Sales svarer niveau 4, Service niveau 0" in check.message


def test_little_coverage_gives_a_check(scoring, four_f):
    report, _ = score_and_plan(scoring, four_f, {"fix-mobile": 2, "fix-tracking": 2})
    assert [c.id for c in report.checks] == ["coverage"]
    assert "Only 2 of 37 questions" in report.checks[0].message


@SETTINGS
@given(level=st.integers(0, 4), people=st.integers(1, 3), language=st.sampled_from(["en", "da"]))
def test_uniform_answers_give_no_check(scoring, four_f, level, people, language):
    answers = answers_at(four_f, level)
    report, _ = score_and_plan(scoring, four_f, respondents=[
        {"name": f"R{n}", "department": f"D{n}", "answers": answers} for n in range(people)],
        language=language)
    assert report.checks == []


# --------------------------------------------------------------------------- evidence


def test_notes_are_evidence_on_the_initiative_of_their_question(scoring, four_f):
    answers = answers_at(four_f, 3)
    report, roadmap = score_and_plan(scoring, four_f, respondents=[
        {"name": "Mette", "department": "Kundeservice", "answers": {
            **answers, "fix-mobile": {"level": 1, "importance": 5,
                                      "note": "Flytning er stadig en PDF."},
            "fix-tracking": {"level": 3, "note": "Fine here."}}},
        {"name": "Jonas", "department": "Marketing", "answers": {
            **answers, "fix-mobile": {"level": 2, "note": "  "}}},
    ])
    mobile = initiative_with(roadmap, "fix-mobile")
    assert [e.model_dump() for e in mobile.evidence] == [
        {"respondent": "Mette", "department": "Kundeservice", "question": "fix-mobile",
         "note": "Flytning er stadig en PDF."}]
    assert all(e.question in i.questions for i in roadmap.initiatives for e in i.evidence)


# --------------------------------------------------------------------------- every profile


@st.composite
def profiles(draw, questionnaire):
    floor = draw(st.sampled_from([0, 0, 1, 2, 3]))
    level = st.integers(0, 4).map(lambda value: max(value, floor))
    answer = st.one_of(st.none(), st.just("n/a"), level,
                       st.fixed_dictionaries({"level": level, "importance": st.integers(1, 5)}))
    respondents = []
    for n in range(draw(st.integers(1, 3))):
        values = draw(st.lists(answer, min_size=len(questionnaire.questions),
                               max_size=len(questionnaire.questions)))
        respondents.append({"name": f"R{n}", "department": f"D{n % 2}",
                            "answers": {q.id: v for q, v in zip(questionnaire.questions, values)
                                        if v is not None}})
    return respondents


@settings(property_settings(150),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_every_profile_reads_as_a_plan(scoring, four_f, data):
    respondents = data.draw(profiles(four_f))
    per_phase = data.draw(st.sampled_from([None, 3, 5]))
    language = data.draw(st.sampled_from(["en", "da"]))
    report, roadmap = score_and_plan(scoring, four_f, respondents=respondents,
                                     language=language, per_phase=per_phase)
    cap = per_phase or 4
    assert any(i.stage == "understand" for i in roadmap.phases[0].initiatives)
    assert not any(i.stage == "seduce" for i in roadmap.phases[0].initiatives)
    for phase in roadmap.phases:
        if phase.number <= 3:
            assert len(phase.initiatives) <= cap
    for i in roadmap.initiatives:
        assert 0 < len(i.title) <= 90
    by_id = {q.id: q for q in report.questions}
    phase1 = {qid for i in roadmap.phases[0].initiatives for qid in i.questions}
    for q in report.questions:
        if q.stage != "seduce" and q.level is not None and q.level < 3 \
                and (q.critical or q.prerequisite):
            assert q.id in phase1
    stages_with_critical = {q.stage for q in report.questions if q.critical}
    current = STAGES.index(report.current_stage)
    assert all(STAGES.index(s) >= current for s in stages_with_critical)
    for i in roadmap.initiatives:
        for e in i.evidence:
            assert e.question in i.questions and e.note.strip()
            assert any(a.note.strip() == e.note for a in by_id[e.question].answers)
