"""An audit of the roadmap rules over assessments users would meet, built end to end.

test_roadmap.py checks the rules on the dev fixture and four-F with the default focus;
this file widens the inputs: custom questionnaires that lack stages or dimensions (built
from four-F, the dev fixture and the shipped self-service example), many respondents in
departments, notes, degenerate profiles (all n/a, all equal, all 0, all 4, a single answered
question), plugin initiatives that come through the real scoring path (Seduce ones, ones
asking for phase 1), every ``[roadmap] per_phase`` an assessment file may set, and both
languages. On top of test_roadmap's rules it checks what an executive reads: no initiative
under a dimension the report does not show, texts in the report's language with Danish
decimal commas, the cap the file sets, the most urgent Understand work in phase 1, the
rules where Understand work competes hardest for places, and the same roadmap whatever
the order of respondents and answers. docs/method.md lists the judgement calls these tests pin down.
"""

from __future__ import annotations

import random
import re
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess import hookimpl
from cxassess.models import MIN_PER_PHASE, STAGES, RoadmapSettings
from cxassess.roadmap import TEXTS
from cxassess.testing import make_assessment, plan, plugin_scoring

from helpers import FIXTURES, ROOT
from test_roadmap import PLUGIN_SOURCES, check_all, phase_of, property_settings, rank

BASES = {
    "four-f": ROOT / "questionnaires" / "four-f.toml",
    "dev": FIXTURES / "dev.toml",
    "self-service": ROOT / "examples" / "questionnaires" / "self-service.toml",
}
BASE_DOCS = {name: tomllib.loads(path.read_text(encoding="utf-8")) for name, path in BASES.items()}

SETTINGS = settings(property_settings(300),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


class Contributor:
    """A plugin contributing whatever initiatives the test sets (through the real hook)."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    @hookimpl
    def cxassess_roadmap_initiatives(self, context, report):
        return list(self.items)


@pytest.fixture(scope="module")
def contributor():
    return Contributor()


@pytest.fixture(scope="module")
def scoring(contributor):
    with plugin_scoring(contributor, name=PLUGIN_SOURCES[0], builtins=True) as scoring:
        yield scoring


# --------------------------------------------------------------------------- generators


@st.composite
def questionnaire_docs(draw):
    """A questionnaire users could write: a shipped one, or one that keeps only some stages
    and some dimensions of it, with some questions marked prerequisite."""
    doc = dict(BASE_DOCS[draw(st.sampled_from(sorted(BASE_DOCS)))])
    questions = [dict(q) for q in doc["questions"]]
    stages = draw(st.sets(st.sampled_from(STAGES), min_size=1))
    dims = draw(st.sets(st.sampled_from(sorted(doc["dimensions"])), min_size=1))
    kept = []
    for q in questions:
        q["dimensions"] = [d for d in q["dimensions"] if d in dims]
        if q["stage"] in stages and q["dimensions"]:
            kept.append(q)
    if not kept:  # keep one question of a kept dimension at least
        q = dict(questions[draw(st.integers(0, len(questions) - 1))])
        q["dimensions"] = q["dimensions"][:1] or [sorted(dims)[0]]
        kept = [q]
    for q in kept:
        if draw(st.integers(0, 9)) == 9:  # (shrinks towards the shipped flags)
            q["prerequisite"] = not q.get("prerequisite", False)
    doc["questions"] = kept
    doc["dimensions"] = {d: v for d, v in doc["dimensions"].items()
                         if any(d in q["dimensions"] for q in kept)}
    doc["id"] = f"{doc['id']}-audit"
    return doc


@st.composite
def respondents(draw, question_ids):
    """1–12 respondents in 1–4 departments, with a profile users meet."""
    profile = draw(st.sampled_from(["random", "random", "random", "equal", "zero", "max",
                                    "single", "na", "mature-but-one"]))
    level = st.integers(0, 4)
    importance = st.integers(1, 5)
    note = st.sampled_from(["", "", "Kunderne klager over 2,5 dages ventetid.",
                            "Works on desktop only."])

    def answer_of(value):
        return st.one_of(st.just(value), st.fixed_dictionaries(
            {"level": st.just(value), "importance": importance, "note": note}))

    random_answer = st.one_of(st.none(), st.just("n/a"), level, st.fixed_dictionaries(
        {"level": st.one_of(level, st.just("n/a")), "importance": importance, "note": note}))
    departments = draw(st.lists(st.sampled_from(["Salg", "Kundeservice", "IT", "Ledelse"]),
                                min_size=1, max_size=4, unique=True))
    equal = draw(level)
    single = draw(st.sampled_from(question_ids))
    people = []
    for n in range(draw(st.integers(1, 12))):
        answers = {}
        for qid in question_ids:
            if profile == "random":
                value = draw(random_answer)
            elif profile == "single":
                value = draw(answer_of(equal)) if qid == single else None
            elif profile == "na":
                value = "n/a"
            elif profile == "mature-but-one":
                value = {"level": 0, "importance": 5} if qid == single else draw(st.integers(3, 4))
            else:
                value = draw(answer_of({"equal": equal, "zero": 0, "max": 4}[profile]))
            if value is not None:
                answers[qid] = value
        people.append({"name": f"Respondent {n + 1}",
                       "department": departments[n % len(departments)], "answers": answers})
    return people


@st.composite
def plugin_items(draw, doc):
    """What a plugin may contribute: any stage (Seduce too), asking for any phase (1 too),
    under a dimension of the questionnaire or one the report does not show."""
    question_ids = [q["id"] for q in doc["questions"]]
    out = []
    for i in range(draw(st.integers(0, 5))):
        out.append({
            "id": draw(st.sampled_from(["p1", "p2", "understand-refresh", "fix-tracking",
                                        "seduce-data", "refine-data"])),
            "title": f"Plugin initiative {i}",
            "stage": draw(st.sampled_from(STAGES)),
            "dimension": draw(st.sampled_from([*doc["dimensions"], "voice"])),
            "priority": draw(st.integers(0, 500)),
            "rationale": draw(st.sampled_from(["", "From the survey export."])),
            "phase": draw(st.one_of(st.none(), st.integers(1, 6))),
            "questions": draw(st.lists(st.sampled_from(question_ids), max_size=3)),
        })
    return out


@st.composite
def cases(draw):
    doc = draw(questionnaire_docs())
    people = draw(respondents([q["id"] for q in doc["questions"]]))
    return {
        "doc": doc,
        "respondents": people,
        "language": draw(st.sampled_from(["en", "da"])),
        "per_phase": draw(st.one_of(st.none(), st.integers(MIN_PER_PHASE, 8))),
        "initiatives": draw(plugin_items(doc)),
    }


def score_case(scoring, contributor, case, people=None):
    questionnaire = scoring.questionnaire(case["doc"])
    assessment = make_assessment(questionnaire, respondents=people or case["respondents"],
                                 language=case["language"])
    if case["per_phase"] is not None:
        assessment = assessment.model_copy(
            update={"roadmap": RoadmapSettings(per_phase=case["per_phase"])})
    contributor.items = case["initiatives"]
    return scoring.score(assessment, questionnaire=questionnaire)


# --------------------------------------------------------------------------- the checks


def texts_of(roadmap):
    for phase in roadmap.phases:
        yield phase.title
        yield phase.horizon
        for i in phase.initiatives:
            yield i.title
            yield i.rationale
            yield from i.actions


def fixed_phrases(language):
    """The pieces of the roadmap's fixed phrases (between placeholders) that belong to one
    language only."""
    other = "en" if language == "da" else "da"
    pieces = {p.strip() for value in TEXTS[language].values()
              for p in re.split(r"\{[a-z_]+\}", value) if len(p.strip()) >= 12}
    theirs = " ".join(TEXTS[other].values())
    return {p for p in pieces if p not in theirs}


FOREIGN = {"da": fixed_phrases("en"), "en": fixed_phrases("da")}


def check_reading(report, roadmap):
    """What the executive reads: initiatives only under dimensions the report shows, every
    text present and in the report's language, Danish numbers with a decimal comma."""
    shown = {d.id for d in report.dimensions}
    for i in roadmap.initiatives:
        assert i.dimension in shown, f"{i.id} is filed under {i.dimension!r}, not in the report"
        assert i.stage in STAGES
        assert all(step.strip() for step in i.actions)
        if i.source == report.questionnaire["id"] and len(i.questions) > 1:
            # (one question whose improvement is one short sentence is its own title)
            assert i.actions, "a core initiative of several questions lists their steps"
    for value in texts_of(roadmap):
        assert value.strip()
        for phrase in FOREIGN[report.language]:
            assert phrase not in value, f"{phrase!r} in a {report.language} roadmap"
        if report.language == "da":
            assert not re.search(r"\d\.\d", value), f"a Danish number with a point: {value!r}"


def check_focus(report, roadmap, per_phase):
    """The cap the assessment file sets is the cap the roadmap keeps."""
    assert report.per_phase == (per_phase or 4)
    for phase in roadmap.phases[:3]:
        assert len(phase.initiatives) <= report.per_phase


def check_understand_first(report, roadmap):
    """Start with understanding (000: "Men start alligevel med at forstå"): phase 1 holds
    the most urgent of the questionnaire's Understand initiatives."""
    core = [i for i in roadmap.initiatives if i.stage == "understand"
            and i.source == report.questionnaire["id"]]
    top = max((i.priority for i in core), default=None)
    assert top is None or any(i.priority == top for i in roadmap.phases[0].initiatives
                              if i in core), "the most urgent Understand work starts now"


def normalised(roadmap):
    """The roadmap with each initiative's evidence sorted (the notes follow the order of
    the respondents in the file; everything else must not)."""
    data = roadmap.model_dump()
    for phase in data["phases"]:
        for i in phase["initiatives"]:
            i["evidence"].sort(key=lambda e: (e["question"], e["respondent"], e["note"]))
    return data


def shuffled(people, seed):
    rng = random.Random(seed)
    out = []
    for person in people:
        answers = list(person["answers"].items())
        rng.shuffle(answers)
        out.append({**person, "answers": dict(answers)})
    rng.shuffle(out)
    return out


# --------------------------------------------------------------------------- properties


@SETTINGS
@given(case=cases(), seed=st.integers(0, 2**16))
def test_rules_hold_for_what_users_meet(scoring, contributor, case, seed):
    report = score_case(scoring, contributor, case)
    roadmap = check_all(report)
    check_reading(report, roadmap)
    check_focus(report, roadmap, case["per_phase"])
    check_understand_first(report, roadmap)
    again = plan(score_case(scoring, contributor, case, shuffled(case["respondents"], seed)))
    assert normalised(again) == normalised(roadmap), \
        "the order of respondents and answers in the file changes the roadmap"


@st.composite
def understanding_conflicts(draw):
    """The case where "start with understanding" competes hardest for places: four-F with
    Understand short in several dimensions, Fix questions crucial to customers that hardly
    work (critical), prerequisites short, Refine and Seduce work, a tight focus, and
    sometimes a plugin's Understand or Refine initiative asking for a phase."""
    doc = BASE_DOCS["four-f"]
    levels = {"understand": st.integers(0, 2), "fix": st.integers(0, 3),
              "refine": st.integers(0, 3), "seduce": st.integers(0, 4)}
    answers = {}
    for q in doc["questions"]:
        level = draw(levels[q["stage"]])
        crucial = q.get("asks_importance") and draw(st.booleans())
        answers[q["id"]] = {"level": level, "importance": draw(st.integers(4, 5))} \
            if crucial else level
    plugin = st.fixed_dictionaries({
        "id": st.sampled_from(["p1", "p2"]), "title": st.sampled_from(["Voice of the customer",
                                                                        "Peak at delivery"]),
        "stage": st.sampled_from(["understand", "refine"]), "dimension": st.just("data"),
        "priority": st.integers(0, 500), "rationale": st.just("From the survey export."),
        "phase": st.one_of(st.none(), st.integers(1, 4)), "questions": st.just([])})
    return {"doc": "four-f", "language": draw(st.sampled_from(["en", "da"])),
            "respondents": [{"name": "A", "department": "X", "answers": answers}],
            "per_phase": draw(st.sampled_from([3, 3, 4, None])),
            "initiatives": draw(st.lists(plugin, max_size=2, unique_by=lambda i: i["title"]))}


@SETTINGS
@given(case=understanding_conflicts())
def test_understanding_comes_no_later_than_refine_under_a_tight_focus(scoring, contributor, case):
    """Many Understand shortfalls, critical fixes and a focus of 3 or 4: no Understand work
    waits behind Refine or Seduce work, and still phase 1 holds the musts, the most
    important fixes are in phases 1–2 and no phase breaks the focus."""
    report = score_case(scoring, contributor, case)
    roadmap = check_all(report)  # (check_understanding_before_refine, check_fixes_early)
    check_focus(report, roadmap, case["per_phase"])
    check_understand_first(report, roadmap)


# --------------------------------------------------------------------------- read as an executive


def four_f_profile(scoring, *, understand, fix, refine, seduce, importance=None,
                   per_phase=None, language="en", **overrides):
    """Every question of a stage at one level (importance where the question asks for it)."""
    questionnaire = scoring.questionnaire("four-f")
    levels = {"understand": understand, "fix": fix, "refine": refine, "seduce": seduce}
    answers = {}
    for q in questionnaire.questions:
        level = levels[q.stage]
        answers[q.id] = {"level": level, "importance": importance} \
            if q.asks_importance and importance else level
    answers.update(overrides)
    case = {"doc": None, "respondents": [{"name": "A", "department": "X", "answers": answers}],
            "language": language, "per_phase": per_phase, "initiatives": []}
    assessment = make_assessment(questionnaire, respondents=case["respondents"], language=language)
    if per_phase is not None:
        assessment = assessment.model_copy(update={"roadmap": RoadmapSettings(per_phase=per_phase)})
    report = scoring.score(assessment)
    return report, check_all(report)


@pytest.mark.parametrize("per_phase", [None, 3])
@pytest.mark.parametrize("language", ["en", "da"])
def test_many_weak_fixes_land_in_the_first_two_phases(scoring, contributor, per_phase, language):
    """Understood, but every Fix question at 1 and crucial to customers: the most important
    fixes come early (000: "det rammer kundeoplevelsen, hvis I ikke tager jer af de
    vigtigste fixes tidligt"), alongside the first Refine work, and Seduce waits."""
    contributor.items = []
    report, roadmap = four_f_profile(scoring, understand=3, fix=1, refine=2, seduce=1,
                                     importance=5, per_phase=per_phase, language=language)
    where = phase_of(roadmap)
    assert report.current_stage == "fix"
    fixes = [i for i in roadmap.initiatives if i.stage == "fix"]
    assert {q.id for q in report.questions if q.stage == "fix"} == \
        {qid for i in fixes for qid in i.questions}
    assert all(where[i.id] <= 2 for i in fixes), "every fix is in the first nine months"
    assert rank(fixes)[0].id in {i.id for i in roadmap.phases[0].initiatives}
    assert min(where[i.id] for i in roadmap.initiatives if i.stage == "refine") == 2
    assert {where[i.id] for i in roadmap.initiatives if i.stage == "seduce"} == {4}


@pytest.mark.parametrize("stage", ["fix", "refine"])  # (no Understand question asks importance)
@pytest.mark.parametrize("language", ["en", "da"])
def test_mature_everywhere_but_one_critical_question(scoring, contributor, stage, language):
    """Level 4 everywhere but one question customers find crucial at level 0: the plan is
    that question now, with the Understand refresh, and nothing else to wait for."""
    contributor.items = []
    questionnaire = scoring.questionnaire("four-f")
    question = next(q for q in questionnaire.questions if q.stage == stage and q.asks_importance)
    report, roadmap = four_f_profile(scoring, understand=4, fix=4, refine=4, seduce=4,
                                     importance=3, language=language,
                                     **{question.id: {"level": 0, "importance": 5}})
    assert report.current_stage == stage
    assert len(roadmap.phases) == 1
    phase1 = roadmap.phases[0].initiatives
    assert [i.questions for i in phase1 if i.questions] == [[question.id]]
    assert any(i.stage == "understand" for i in phase1)
    lead = phase1[0]
    assert lead.questions == [question.id] and lead.title == question.short.get(language)


@pytest.mark.parametrize("language,said", [("en", "Fix is not assessed by this questionnaire"),
                                           ("da", "Fix vurderes ikke i dette spørgeskema")])
def test_a_questionnaire_without_fix_keeps_seduce_waiting_and_says_why(
        scoring, contributor, language, said):
    """No Fix question: the foundation is unknown, so Seduce stays the long-term goal, and
    the rationale names Fix as not assessed (not as a stage without a score)."""
    contributor.items = []
    doc = dict(BASE_DOCS["four-f"], id="four-f-without-fix")
    doc["questions"] = [q for q in doc["questions"] if q["stage"] != "fix"]
    case = {"doc": doc, "language": language, "per_phase": None, "initiatives": [],
            "respondents": [{"name": "A", "department": "X",
                             "answers": {q["id"]: 2 for q in doc["questions"]}}]}
    report = score_case(scoring, contributor, case)
    roadmap = check_all(report)
    seduce = [i for i in roadmap.initiatives if i.stage == "seduce"]
    assert seduce and {phase_of(roadmap)[i.id] for i in seduce} == {4}
    assert all(said in i.rationale for i in seduce)


def test_urgent_refine_work_does_not_push_the_important_fixes_to_phase_3(scoring, contributor):
    """Focus 3, the CX owner and the baseline in phase 1, and Refine work more urgent than
    the next fixes: phase 2 still holds the next most important fix beside the first peaks
    (it was all Refine, with every remaining fix in 9–18 months)."""
    contributor.items = []
    crucial = {"level": 2, "importance": 4}
    report, roadmap = four_f_profile(
        scoring, understand=3, fix=3, refine=3, seduce=3, importance=3, per_phase=3,
        **{"understand-emotions": 2, "fix-silo-handoffs": crucial, "fix-staff-equipped": crucial,
           "fix-mobile": crucial, "fix-cx-ownership": 2, "fix-measurement-baseline": 2,
           "refine-peaks": {"level": 2, "importance": 5},
           "refine-targeted-dialogue": {"level": 2, "importance": 5},
           "refine-nps-csat": 1, "refine-segmentation": 1, "refine-staff-freedom": 1})
    where = phase_of(roadmap)
    assert [i.id for i in roadmap.phases[0].initiatives] == \
        ["fix-cx-ownership", "fix-measurement-baseline", "understand-data"]
    phase2 = roadmap.phases[1].initiatives
    assert {i.stage for i in phase2} == {"fix", "refine"}, "Fix and Refine run combined"
    assert where["fix-empowerment"] == 2
    assert max(where[i.id] for i in roadmap.initiatives if i.stage == "refine") == 3


@pytest.mark.parametrize("per_phase", [3, 4])
@pytest.mark.parametrize("language", ["en", "da"])
def test_the_article_s_client_understands_before_it_refines(scoring, contributor, per_phase,
                                                           language):
    """The four-F article's client: analyses lie around but were never brought together,
    journeys never mapped from the customer's side, departments keep to themselves; the
    site does not work on mobile and customers run into silos (the article's two classics),
    nobody in top management owns the experience and there is no baseline; peaks at the
    moments customers value are tempting. With a tight focus the plan still starts with
    understanding and goes on with Fix and Refine together — "Men start alligevel med at
    forstå. Få overblikket. Kom tæt på kunderne. Og så er det typisk oplagt at gå videre
    med en kombination af at fixe og forfine" (000): all the Understand work is done by the
    phase where Refine starts (it was in phase 3, after the first peaks), and the classics
    are fixed first."""
    contributor.items = []
    crucial_broken = {"level": 0, "importance": 5}
    report, roadmap = four_f_profile(
        scoring, understand=1, fix=2, refine=2, seduce=1, importance=3, per_phase=per_phase,
        language=language,
        **{"understand-journey-map": 0, "fix-mobile": crucial_broken,
           "fix-silo-handoffs": crucial_broken, "fix-cx-ownership": 1,
           "fix-measurement-baseline": 1, "fix-worst-first": 0,
           "fix-staff-equipped": {"level": 0, "importance": 3},
           "refine-peaks": {"level": 2, "importance": 5},
           "refine-targeted-dialogue": {"level": 2, "importance": 5}})
    where = phase_of(roadmap)
    assert report.current_stage == "understand"
    understand = [i for i in roadmap.initiatives if i.stage == "understand"]
    refine_start = min(where[i.id] for i in roadmap.initiatives if i.stage == "refine")
    assert refine_start == 2, "Fix and Refine together, from phase 2"
    assert len(understand) == 3 and max(where[i.id] for i in understand) <= refine_start, \
        "the understanding is done by the phase where Refine starts"
    assert {q.id for q in report.questions if q.stage == "understand"} == \
        {qid for i in understand for qid in i.questions}
    phase1 = {qid for i in roadmap.phases[0].initiatives for qid in i.questions}
    assert {"fix-mobile", "fix-silo-handoffs", "fix-cx-ownership",
            "fix-measurement-baseline", "understand-journey-map"} <= phase1
    assert all(len(p.initiatives) <= per_phase for p in roadmap.phases[:3])
    assert {where[i.id] for i in roadmap.initiatives if i.stage == "seduce"} == {4}


def test_understanding_grouped_after_the_musts_were_is_one_understand_first(scoring,
                                                                            contributor):
    """Phase 1's musts were grouped already (Understand prerequisites into
    understand-first) and the rest of the Understand work does not fit by the phase where
    Refine starts: the plan has one understand-first with all of it, not a second
    `understand-first-2` (found by the audit's long sweep)."""
    contributor.items = []
    doc = dict(BASE_DOCS["four-f"], id="four-f-prerequisites")
    flagged = {"understand-importance-gap", "understand-customer-data", "refine-staff-freedom"}
    doc["questions"] = [dict(q, prerequisite=q["id"] in flagged or q.get("prerequisite", False))
                        for q in doc["questions"]]
    answers = {"understand-importance-gap": 0, "understand-expectations-revisited": 0,
               "fix-cx-ownership": {"level": 0, "importance": 1},
               "understand-journey-map": 0, "understand-customer-data": 0,
               "understand-all-departments": 0, "refine-staff-freedom": 0}
    case = {"doc": doc, "language": "en", "per_phase": None, "initiatives": [],
            "respondents": [{"name": "A", "department": "Salg", "answers": answers}]}
    report = score_case(scoring, contributor, case)
    roadmap = check_all(report)
    [understand] = [i for i in roadmap.initiatives if i.stage == "understand"]
    assert understand.id == "understand-first"
    assert sorted(understand.questions) == sorted(
        q.id for q in report.questions if q.stage == "understand" and q.level is not None)
    assert understand in roadmap.phases[0].initiatives
