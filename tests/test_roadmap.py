"""The roadmap: the four-F rules hold for every assessment and every plugin contribution.

Reports come from the real scorer (dev fixture, and the built-in four-F questionnaire when
present); property tests draw random assessments (1–4 respondents, levels, n/a, missing
answers, importance) and random plugin initiatives, and check the rules on each.
``CXASSESS_SLOW_TESTS=1`` runs ten times the examples.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess.loading import load_questionnaire_file
from cxassess.models import STAGES
from cxassess.plugins import load_plugins, new_manager
from cxassess.report import PluginInitiative, Report
from cxassess.roadmap import plan_roadmap
from cxassess.scoring import MASTERY_BAR, score

from helpers import FIXTURES, ROOT, make_assessment

DEV = load_questionnaire_file(FIXTURES / "dev.toml")
FOUR_F_PATH = ROOT / "questionnaires" / "four-f.toml"
FOUR_F = load_questionnaire_file(FOUR_F_PATH)

BUILTIN_SCORERS = "data,tracking,silos,empowerment"
NO_PLUGINS = new_manager()
SCORERS = load_plugins(env={"CXASSESS_LOAD_PLUGINS": BUILTIN_SCORERS})

TARGET = 3.0  # "done": each addressed question reaches level 3 of 4
MOVED = {"en": "Moved from phase {old} to phase {new}", "da": "Flyttet fra fase {old} til fase {new}"}
UNDERSTAND_FIRST = {"en": "Understand never comes after Refine or Seduce",
                    "da": "Forstå kommer aldrig efter Forfin eller Forfør"}
LONG_TERM = {"en": "The long-term goal", "da": "Det langsigtede mål"}
JOINED = {"en": "It also includes “{title}”, proposed by the plugin “{source}”: "
                "Understand never comes after Refine or Seduce",
          "da": "Det omfatter også “{title}”, foreslået af pluginet “{source}”: "
                "Forstå kommer aldrig efter Forfin eller Forfør"}
PLUGIN_SOURCES = ("plug-a", "plug-b")
SAYS_FIXES = {"en": ("alongside the first fixes", "alongside the fixes", "every fix is aimed"),
              "da": ("sideløbende med de første fixes", "sideløbende med Fix",
                     "det, I fixer,")}
BEFORE_FIXING = {"en": ("before you start fixing", "Start here"),
                 "da": ("før I begynder at fixe", "Start her")}
SAYS_PEAKS = {"en": ("alongside the first Refine work",),
              "da": ("sideløbende med det første Forfin-arbejde",)}


# --------------------------------------------------------------------------- building reports


def build_report(questionnaire, respondents, *, language="en", plugins=NO_PLUGINS,
                 initiatives=()) -> Report:
    assessment = make_assessment(respondents, questionnaire=questionnaire.id, language=language)
    report = score(questionnaire, assessment, plugins)
    report.plugin_initiatives = [PluginInitiative.model_validate(i) for i in initiatives]
    return report


def uniform(questionnaire, level, **overrides):
    answers = {q.id: level for q in questionnaire.questions}
    answers.update(overrides)
    return [answers]


@st.composite
def answer_sets(draw, questionnaire):
    """1–4 respondents; each question missing, n/a, a level, or a level with importance.
    ``floor`` biases some assessments towards mature organisations."""
    floor = draw(st.sampled_from([0, 0, 0, 1, 2, 3, 4]))
    level = st.integers(0, 4).map(lambda value: max(value, floor))
    answer = st.one_of(
        st.none(),
        st.just("n/a"),
        level,
        st.fixed_dictionaries({"level": level, "importance": st.integers(1, 5)}),
        st.fixed_dictionaries({"level": st.just("n/a"), "importance": st.integers(1, 5)}),
    )
    n = len(questionnaire.questions)
    respondents = []
    for _ in range(draw(st.integers(1, 4))):
        values = draw(st.lists(answer, min_size=n, max_size=n))
        respondents.append({q.id: v for q, v in zip(questionnaire.questions, values)
                            if v is not None})
    return respondents


@st.composite
def plugin_initiatives(draw, questionnaire):
    question_ids = [q.id for q in questionnaire.questions]
    ids = ["p1", "p2", "understand-refresh", "understand-data", "fix-tracking", "seduce-data",
           "refine-data", "understand-first", "fix-first"]
    out = []
    for i in range(draw(st.integers(0, 6))):
        out.append({
            "id": draw(st.sampled_from(ids)),
            "title": f"Plugin initiative {i}",
            "stage": draw(st.sampled_from(STAGES)),
            "dimension": draw(st.sampled_from([*questionnaire.dimensions, "voice"])),
            "priority": draw(st.one_of(st.integers(0, 3000),
                                       st.floats(0, 3000, allow_nan=False))),
            "rationale": draw(st.sampled_from(["", "From the survey export."])),
            "phase": draw(st.one_of(st.none(), st.integers(1, 6))),
            "questions": draw(st.lists(st.sampled_from([*question_ids, "no-such-question"]),
                                       max_size=4)),
            "source": draw(st.sampled_from(PLUGIN_SOURCES)),
        })
    return out


@st.composite
def reports(draw, questionnaire):
    return build_report(
        questionnaire, draw(answer_sets(questionnaire)),
        language=draw(st.sampled_from(["en", "da"])),
        plugins=draw(st.sampled_from([NO_PLUGINS, SCORERS])),
        initiatives=draw(plugin_initiatives(questionnaire)),
    )


# --------------------------------------------------------------------------- the checks


def rank(initiatives):
    return sorted(initiatives, key=lambda i: (-i.priority, i.id))


def phase_of(roadmap):
    return {i.id: p.number for p in roadmap.phases for i in p.initiatives}


def foundations_weak(report):
    """Fix, data, tracking or silos below the bar or unscored, or a critical question left
    outside Seduce."""
    fix = report.stage("fix").score
    if fix is None or fix < report.mastery_bar:
        return True
    for dim_id in ("data", "tracking", "silos"):
        dim = report.dimension(dim_id)
        if dim is None or dim.score is None or dim.score < report.mastery_bar:
            return True
    return any(q.critical for q in report.questions if q.stage != "seduce")


def targets_of(report):
    """Level 3, raised to 4 for the current stage and Seduce when nothing falls short."""
    answered = [q for q in report.questions if q.level is not None]
    mature = answered and all(q.level >= TARGET for q in answered)
    return {s: 4.0 if mature and s in (report.current_stage, "seduce") else TARGET
            for s in STAGES}


def expected_urgency(q, target=TARGET):
    """weight × gap: importance versus experience (0..100) where asked, else the distance
    to the target level; never negative."""
    if q.asks_importance and q.importance is not None:
        gap = (q.importance - 1) * 25 - q.level * 25
    else:
        gap = (target - q.level) * 25
    return q.weight * max(0.0, gap)


def critical(q):
    return q.asks_importance and q.importance is not None and q.importance >= 4 \
        and q.level is not None and q.level <= 1


def check_structure(report, roadmap):
    assert roadmap.current_stage == report.current_stage
    assert roadmap.mastery_bar == report.mastery_bar == MASTERY_BAR
    numbers = [p.number for p in roadmap.phases]
    assert numbers == list(range(1, len(numbers) + 1)) and 1 <= len(numbers) <= 4
    assert len(roadmap.phases) == 1 or roadmap.phases[-1].initiatives  # no trailing empty phase
    horizons = {"en": ["0–3 months", "3–9 months", "9–18 months", "18+ months"],
                "da": ["0–3 måneder", "3–9 måneder", "9–18 måneder", "18+ måneder"]}
    for phase in roadmap.phases:
        assert phase.title.strip()
        assert phase.horizon == horizons[report.language][phase.number - 1]
        if phase.number < 4:
            assert len(phase.initiatives) <= report.per_phase, "focus: phases 1–3 are capped"
        assert phase.initiatives == rank(phase.initiatives), \
            "within a phase, highest priority first, ties by id"
    ids = [k for i in roadmap.initiatives for k in (i.id, *i.includes)]
    assert len(ids) == len(set(ids)), "initiative ids are unique, those taken in too"
    for i in roadmap.initiatives:
        assert i.priority >= 0
        assert i.title.strip() and i.rationale.strip()
        assert len(i.title) <= 90, "titles are short"


def check_questions(report, roadmap):
    """Every question exists, none is addressed twice; core initiatives group exactly the
    questions that fall short of their target, each of one stage, with priority the
    urgency of the most urgent one (weight × gap)."""
    by_id = {q.id: q for q in report.questions}
    goal = targets_of(report)
    seen: list[str] = []
    for i in roadmap.initiatives:
        assert set(i.questions) <= set(by_id)
        seen += i.questions
    assert len(seen) == len(set(seen)), "a question is addressed by two initiatives"
    source = report.questionnaire["id"]
    short = {q.id for q in report.questions if q.level is not None and q.level < goal[q.stage]}
    covered = set()
    for i in roadmap.initiatives:
        if i.source != source or not i.questions:
            continue
        members = [by_id[qid] for qid in i.questions]
        for q in members:
            assert q.level is not None, "an unanswered or n/a question became an initiative"
            assert q.level < goal[q.stage]
            assert q.stage == i.stage
        assert i.dimension == members[0].dimensions[0]
        covered |= set(i.questions)
        urgencies = [round(expected_urgency(q, goal[q.stage]), 2) for q in members]
        assert i.priority == pytest.approx(max(urgencies), abs=0.01), "priority: the worst question"
        assert urgencies == sorted(urgencies, reverse=True), "the most urgent question leads"
        grouped = [q for q in members if not (q.prerequisite and q.stage != "seduce")]
        if i.id != f"{i.stage}-first":  # (the id of a stage's group, and of nothing else)
            assert len({q.dimensions[0] for q in members}) == 1
            assert len(members) == 1 or len(grouped) == len(members), "a prerequisite stands alone"
    assert covered == short, "every question that falls short is in one core initiative"


def check_rule_1(report, roadmap):
    phase1 = roadmap.phases[0].initiatives
    assert any(i.stage == "understand" for i in phase1), "phase 1 holds an Understand initiative"
    goal = targets_of(report)
    understand_short = any(q.stage == "understand" and q.level is not None
                           and q.level < goal["understand"] for q in report.questions)
    refresh = [i for i in phase1 if i.stage == "understand" and i.source == report.questionnaire["id"]
               and not i.questions]
    assert bool(refresh) == (not understand_short), "the refresh comes when nothing else does"


def check_understanding_before_refine(report, roadmap):
    """No Understand initiative in a later phase than any Refine or Seduce initiative, a
    plugin's neither: the understanding is done by the phase where Refine starts (000: "Men
    start alligevel med at forstå. … Og så er det typisk oplagt at gå videre med en
    kombination af at fixe og forfine")."""
    where = phase_of(roadmap)
    start = min((where[i.id] for i in roadmap.initiatives if i.stage in ("refine", "seduce")),
                default=4)
    for i in roadmap.initiatives:
        if i.stage == "understand":
            assert where[i.id] <= start, \
                f"{i.id} is in phase {where[i.id]}, after Refine or Seduce work in phase {start}"


def check_rule_2(report, roadmap):
    """Seduce: never in phase 1; while the foundation is weak the core's is the long-term
    goal in phase 4 and a plugin's comes after the last phase with Fix work."""
    where = phase_of(roadmap)
    seduce = [i for i in roadmap.initiatives if i.stage == "seduce"]
    assert not any(i.stage == "seduce" for i in roadmap.phases[0].initiatives)
    fixes = rank(i for i in roadmap.initiatives if i.stage == "fix")
    if fixes and seduce:
        # the most urgent fix: any of the top priority (a merged `fix-first` may share it)
        top = [i for i in fixes if i.priority == fixes[0].priority]
        assert min(where[i.id] for i in top) < min(where[i.id] for i in seduce)
    if foundations_weak(report):
        last_fix = max((where[i.id] for i in fixes), default=0)
        for i in seduce:
            if i.source in PLUGIN_SOURCES:
                assert where[i.id] > last_fix or where[i.id] == 4
            else:
                assert where[i.id] == 4
                assert LONG_TERM[report.language] in i.rationale


def is_phase_1_must(report, initiative):
    """A core initiative phase 1 must hold whatever else competes: one with a critical
    question or a prerequisite that falls short (outside Seduce), a stage's group of such
    musts, or the core's Understand work (rule 1)."""
    if initiative.source != report.questionnaire["id"]:
        return False
    by_id = {q.id: q for q in report.questions}
    goal = targets_of(report)
    short = [by_id[qid] for qid in initiative.questions if by_id[qid].level is not None
             and by_id[qid].level < goal[by_id[qid].stage]]
    return initiative.stage == "understand" or initiative.id == f"{initiative.stage}-first" \
        or (initiative.stage != "seduce" and any(critical(q) or q.prerequisite for q in short))


def check_rule_3(report, roadmap):
    """Fix and Refine combined; the worst fix — the core's or a plugin's, worst first
    whoever contributed it — every critical question and every prerequisite that falls
    short in phase 1 (Seduce excepted). A plugin's most urgent fix gives way only to a
    phase 1 full of the core's musts, which then hold a fix of their own."""
    where = phase_of(roadmap)
    fixes = rank(i for i in roadmap.initiatives if i.stage == "fix")
    if fixes:  # any of the top priority: the phase-1 musts may be merged into `fix-first`
        tops = [i for i in fixes if i.priority == fixes[0].priority]
        if not any(where[i.id] == 1 for i in tops):
            phase1 = roadmap.phases[0].initiatives
            assert all(i.source in PLUGIN_SOURCES for i in tops), \
                "the most urgent fix is in phase 1"
            assert len(phase1) == report.per_phase and all(
                is_phase_1_must(report, i) for i in phase1), \
                "a plugin's most urgent fix gives way only to the core's musts"
            assert any(i.stage == "fix" for i in phase1)
    refines = [i for i in roadmap.initiatives if i.stage == "refine"]
    if refines:
        assert min(where[i.id] for i in refines) <= 2, "Refine starts no later than phase 2"
    goal = targets_of(report)
    phase1 = {qid for i in roadmap.phases[0].initiatives for qid in i.questions}
    for q in report.questions:
        if q.stage == "seduce" or q.level is None or q.level >= goal[q.stage]:
            continue
        if critical(q) or q.prerequisite:
            assert q.id in phase1, f"{q.id} is critical or a prerequisite: phase 1"


def check_fixes_early(report, roadmap):
    """The most important fixes come early (000: "det rammer kundeoplevelsen, hvis I ikke
    tager jer af de vigtigste fixes tidligt"): each fix in the more urgent half of the Fix
    initiatives is in phase 1 or 2, unless phase 2 is full of fixes at least as urgent and
    the first Refine initiative (Fix and Refine run combined)."""
    where = phase_of(roadmap)
    fixes = rank(i for i in roadmap.initiatives if i.stage == "fix")
    if not fixes:
        return
    half = (len(fixes) + 1) // 2
    bar = fixes[half].priority if half < len(fixes) else -1.0
    for i in fixes[:half]:
        if i.priority <= bar or where[i.id] <= 2:
            continue  # (a tie at the edge of the half is broken by more than the priority)
        phase2 = roadmap.phases[1].initiatives
        assert len(phase2) == report.per_phase, f"{i.id} is in phase {where[i.id]}"
        assert all(j.stage == "fix" and j.priority >= i.priority for j in phase2
                   if j.stage != "refine"), f"{i.id} waits behind less urgent work"
        assert sum(j.stage == "refine" for j in phase2) <= 1


def check_roles(report, roadmap):
    """A rationale speaks of fixes, or of peaks, beside its own work only when the roadmap
    holds Fix, or Refine, work: an organisation with nothing to fix is not told to start
    its peaks "alongside the fixes"."""
    stages = {i.stage for i in roadmap.initiatives}
    for phase in roadmap.phases:
        for i in phase.initiatives:
            if any(said in i.rationale for said in SAYS_FIXES[report.language]):
                assert "fix" in stages, f"{i.id} speaks of fixes on a roadmap without Fix work"
            if any(said in i.rationale for said in SAYS_PEAKS[report.language]):
                assert any(j.stage == "refine" for j in phase.initiatives), \
                    f"{i.id} is fixed 'alongside the first Refine work' in a phase without it"
            # phase 1 is ordered worst first: its Understand card never claims to come
            # before the fixing (a more urgent fix may stand above it)
            assert not any(said in i.rationale for said in BEFORE_FIXING[report.language]), i.id


def check_rule_4(roadmap):
    for phase in roadmap.phases:
        priorities = [i.priority for i in phase.initiatives]
        assert priorities == sorted(priorities, reverse=True), "worst first within a phase"


def check_rule_5(report, roadmap):
    """A plugin's initiative keeps its source, stage and rationale and says when it was
    moved; a plugin's Understand initiative that found no place before the Refine work is
    taken into the core's Understand initiative in phase 1, which says so."""
    where = phase_of(roadmap)
    language = report.language
    by_title = {i.title: i for i in roadmap.initiatives if i.source in PLUGIN_SOURCES}
    for pi in report.plugin_initiatives:
        if pi.title not in by_title:
            assert pi.stage == "understand", f"{pi.title!r} is missing"
            [host] = [i for i in roadmap.phases[0].initiatives if i.stage == "understand"
                      and JOINED[language].format(title=pi.title, source=pi.source)
                      in i.rationale]
            assert host.source == report.questionnaire["id"] and f"{pi.title}." in host.actions
            assert any(k in (pi.id, f"{pi.source}-{pi.id}") or k.startswith(f"{pi.source}-{pi.id}-")
                       or k.startswith(f"{pi.id}-") for k in host.includes), \
                "the initiative taken in is listed in the host's includes"
            continue
        out = by_title[pi.title]
        assert out.source == pi.source and out.stage == pi.stage and out.priority >= 0
        assert out.rationale.startswith(pi.rationale.strip())
        final = where[out.id]
        if pi.phase is None or pi.phase == final:
            assert "Moved from phase" not in out.rationale
            assert "Flyttet fra fase" not in out.rationale
            continue
        assert MOVED[language].format(old=pi.phase, new=final) in out.rationale, \
            "a moved plugin initiative says so"
        if pi.phase <= 4 and pi.stage == "seduce":
            assert final > pi.phase, "Seduce is only moved later"
        if pi.phase <= 4 and pi.stage == "understand" and final < pi.phase:
            start = min(where[i.id] for i in roadmap.initiatives if i.stage in ("refine", "seduce"))
            assert final <= start, "Understand is moved back only to come before Refine work"
            assert UNDERSTAND_FIRST[language] in out.rationale


def projected_done(report, roadmap, upto):
    addressed = {qid for p in roadmap.phases[:upto] for i in p.initiatives for qid in i.questions}
    goal = targets_of(report)
    out = {}
    for stage in STAGES:
        rows = [(q.weight, max(q.level, goal[stage]) if q.id in addressed else q.level)
                for q in report.questions if q.stage == stage and q.level is not None]
        current = report.stage(stage).score
        if not rows:
            out[stage] = current
            continue
        value = round(sum(w * l * 25 for w, l in rows) / sum(w for w, _ in rows), 1)
        out[stage] = max(current, value)
    return out


def check_projection(report, roadmap):
    previous = {s.id: s.score for s in report.stages}
    for phase in roadmap.phases:
        assert set(phase.projected_stages) == set(STAGES)
        for stage, value in phase.projected_stages.items():
            if previous[stage] is None:
                assert value is None
                continue
            assert value >= previous[stage], "a projection never falls"
            assert value >= report.stage(stage).score
        assert phase.projected_stages == pytest.approx(projected_done(report, roadmap, phase.number))
        previous = phase.projected_stages


def check_all(report):
    roadmap = plan_roadmap(report)
    check_structure(report, roadmap)
    check_questions(report, roadmap)
    check_rule_1(report, roadmap)
    check_understanding_before_refine(report, roadmap)
    check_rule_2(report, roadmap)
    check_rule_3(report, roadmap)
    check_fixes_early(report, roadmap)
    check_rule_4(roadmap)
    check_rule_5(report, roadmap)
    check_roles(report, roadmap)
    check_projection(report, roadmap)
    again = plan_roadmap(Report.model_validate(report.model_dump()))
    assert again.model_dump_json() == roadmap.model_dump_json(), "the same input, the same JSON"
    return roadmap


# --------------------------------------------------------------------------- properties

SLOW = os.environ.get("CXASSESS_SLOW_TESTS") == "1"
"""A long sweep: ten times the examples of every roadmap property (the audit's too)."""


def property_settings(examples: int) -> settings:
    return settings(max_examples=examples * (10 if SLOW else 1), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@property_settings(2000)
@given(reports(DEV))
def test_rules_hold_for_random_dev_assessments(report):
    check_all(report)


@property_settings(800)
@given(st.data())
def test_rules_hold_for_random_four_f_assessments(data):
    check_all(data.draw(reports(FOUR_F)))


# --------------------------------------------------------------------------- examples


QUESTIONNAIRES = [DEV, FOUR_F]


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES, ids=lambda q: q.id)
@pytest.mark.parametrize("language", ["en", "da"])
def test_mature_organisation_still_starts_with_an_understand_refresh(questionnaire, language):
    answers = [{q.id: {"level": 4, "importance": 5} if q.asks_importance else 4
                for q in questionnaire.questions}]
    report = build_report(questionnaire, answers, language=language, plugins=SCORERS)
    assert report.current_stage == "seduce"
    roadmap = check_all(report)
    assert len(roadmap.phases) == 1
    [refresh] = roadmap.phases[0].initiatives
    assert refresh.stage == "understand" and refresh.questions == []
    expected = {"en": "expectations change", "da": "forventninger ændrer sig"}[language]
    assert expected in refresh.rationale
    assert roadmap.phases[0].projected_stages == {s.id: 100.0 for s in report.stages}


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES, ids=lambda q: q.id)
def test_understand_at_zero_puts_understand_first(questionnaire):
    answers = {q.id: 0 if q.stage == "understand" else 4 for q in questionnaire.questions}
    report = build_report(questionnaire, [answers], plugins=SCORERS)
    assert report.current_stage == "understand"
    roadmap = check_all(report)
    understand = [q.id for q in questionnaire.questions if q.stage == "understand"]
    phase1 = [i for i in roadmap.phases[0].initiatives if i.stage == "understand"]
    assert sorted(qid for i in phase1 for qid in i.questions) == sorted(understand)
    assert all("The starting point: understand what customers go through" in i.rationale
               for i in phase1)
    assert roadmap.phases[0].projected_stages["understand"] == 75.0


def test_nothing_understand_answered_gets_an_overview_instead():
    answers = {q.id: "n/a" if q.stage == "understand" else 1 for q in DEV.questions}
    roadmap = check_all(build_report(DEV, [answers]))
    [first] = [i for i in roadmap.phases[0].initiatives if i.stage == "understand"]
    assert first.questions == [] and "overview" in first.title


def test_danish_report_gives_danish_titles():
    answers = uniform(DEV, 1)
    en = check_all(build_report(DEV, answers, language="en"))
    da = check_all(build_report(DEV, answers, language="da"))
    improvements = {q.id: q.improvement.da.rstrip(".") for q in DEV.questions}
    for initiative in da.initiatives:
        assert initiative.title in improvements.values()  # one sentence each in dev.toml
        assert "Her halter det" in initiative.rationale
        assert "Where it falls short" not in initiative.rationale
    assert da.phases[0].title == "Forstå kunderne og fix det, der skal virke"
    assert en.phases[0].title == "Understand customers and fix what must work"
    for p_en, p_da in zip(en.phases, da.phases):
        assert p_en.title != p_da.title and "måneder" in p_da.horizon
    assert any("æ" in p.title or "ø" in p.title or "å" in p.title for p in da.phases)
    assert any(LONG_TERM["da"] in i.rationale for i in da.initiatives if i.stage == "seduce")


def test_typical_dev_client_gets_grouped_initiatives():
    respondents = [
        {"understand-journey": {"level": 1, "importance": 5}, "understand-data": 2,
         "fix-tracking": {"level": 0, "importance": 4}, "fix-staff": 1,
         "refine-peaks": {"level": 1, "importance": 4}, "refine-feedback": 2,
         "seduce-omnichannel": 0, "seduce-cxm": 1},
        {"understand-journey": 2, "understand-data": 1, "fix-tracking": 1, "fix-staff": 2,
         "refine-peaks": 2, "refine-feedback": 1, "seduce-omnichannel": 1, "seduce-cxm": 0},
    ]
    roadmap = check_all(build_report(DEV, respondents, plugins=SCORERS))
    # 8 questions, 7 stage × first-dimension groups: the two Understand questions are one
    assert len(roadmap.initiatives) == 7
    [understand] = [i for i in roadmap.initiatives if i.stage == "understand"]
    assert understand.questions == ["understand-journey", "understand-data"]
    assert [p.horizon for p in roadmap.phases] == ["0–3 months", "3–9 months", "9–18 months",
                                                   "18+ months"]
    fixes = rank(i for i in roadmap.initiatives if i.stage == "fix")
    assert "The most important fix" in fixes[0].rationale
    assert "a gap of" in understand.rationale
    # worst first up to the cap: both fixes fit phase 1, the first peak comes alongside in
    # phase 2 (issue 16: phases fill by urgency, no longer half of the fixes per phase)
    where = phase_of(roadmap)
    assert [where[i.id] for i in fixes] == [1, 1]
    refines = rank(i for i in roadmap.initiatives if i.stage == "refine")
    assert where[refines[0].id] == 2
    assert "The first Refine work" in refines[0].rationale


def test_typical_four_f_client_gets_a_readable_list():
    levels = [1, 2, 3, 2, 1, 3, 2]
    answers = {q.id: levels[n % len(levels)] for n, q in enumerate(FOUR_F.questions)}
    roadmap = check_all(build_report(FOUR_F, [answers], plugins=SCORERS))
    assert 6 <= len(roadmap.initiatives) <= 16
    by_id = {q.id: q for q in FOUR_F.questions}
    for i in roadmap.initiatives:
        if i.questions:  # the lead question's short title; its improvement text in actions
            lead = by_id[i.questions[0]]
            assert i.title == lead.short.en and len(i.title) <= 90
            assert " ".join(i.actions).startswith(lead.improvement.en)
    assert len(roadmap.initiatives) < sum(len(i.questions) for i in roadmap.initiatives)


def test_priority_is_weight_times_gap():
    def priority_of(**answer):
        report = build_report(DEV, [{"fix-tracking": answer or 0}])
        [fix] = [i for i in plan_roadmap(report).initiatives if i.stage == "fix"]
        return fix.priority

    # fix-tracking: weight 2, asks importance. Issue 16: the gap is importance versus
    # experience on 0..100 where importance is given, else the distance to level 3
    assert priority_of(level=0) == 2 * 75
    assert priority_of(level=2) == 2 * 25
    assert priority_of(level=0, importance=5) == 2 * 100
    assert priority_of(level=0, importance=1) == 0  # nobody finds it important
    assert priority_of(level=1, importance=5) == 2 * 75
    assert priority_of(level=1, importance=5) > priority_of(level=1, importance=3) \
        > priority_of(level=1, importance=1)


def test_done_means_level_three():
    report = build_report(DEV, uniform(DEV, 0))
    roadmap = check_all(report)
    assert roadmap.phases[-1].projected_stages == {s: 75.0 for s in STAGES}
    assert [p.projected_stages["fix"] for p in roadmap.phases][0] > 0


def test_unanswered_and_not_applicable_questions_are_not_initiatives():
    answers = uniform(DEV, 1, **{"fix-tracking": "n/a"})
    del answers[0]["refine-peaks"]
    roadmap = check_all(build_report(DEV, answers))
    addressed = {qid for i in roadmap.initiatives for qid in i.questions}
    assert "fix-tracking" not in addressed and "refine-peaks" not in addressed
    assert "fix-staff" in addressed


def test_seduce_is_the_long_term_goal_only_when_foundations_are_weak():
    weak = check_all(build_report(DEV, uniform(DEV, 1), plugins=SCORERS))
    [seduce_phase] = {p.number for p in weak.phases for i in p.initiatives if i.stage == "seduce"}
    assert seduce_phase == 4
    assert weak.phases[-1].title.endswith("the long-term goal")

    strong_answers = uniform(DEV, 4, **{"seduce-omnichannel": 1, "seduce-cxm": 2})
    strong = check_all(build_report(DEV, strong_answers, plugins=SCORERS))
    seduce = [i for i in strong.initiatives if i.stage == "seduce"]
    assert seduce and all(LONG_TERM["en"] not in i.rationale for i in seduce)
    assert {phase_of(strong)[i.id] for i in seduce} == {2}  # current stage seduce, no fixes

    # data and tracking unscored (their scorers give no score): weak, whatever the levels
    unscored_report = build_report(DEV, strong_answers, plugins=_unscoring("data", "tracking"))
    assert {d.id for d in unscored_report.dimensions if d.score is None} == {"data", "tracking"}
    unscored = check_all(unscored_report)
    assert all(LONG_TERM["en"] in i.rationale for i in unscored.initiatives if i.stage == "seduce")


def _unscoring(*dimensions):
    """A plugin manager whose only plugin scores ``dimensions`` as not scored (with a
    reason); every other dimension is scored by the core's generic scorer."""
    import types

    from cxassess import hookimpl

    @hookimpl
    def cxassess_register_scorers(register):
        for d in dimensions:
            register(d, lambda ctx: {"findings": ["No export was given."]})

    manager = new_manager()
    manager.register(types.SimpleNamespace(cxassess_register_scorers=cxassess_register_scorers),
                     "unscoring")
    return manager


def plugin(**fields):
    base = {"id": "p1", "title": "Plugin initiative 0", "dimension": "data", "priority": 10.0,
            "rationale": "From the survey export.", "source": "plug-a"}
    return {**base, **fields}


@pytest.mark.parametrize("language", ["en", "da"])
def test_plugin_seduce_asking_for_phase_1_is_moved(language):
    report = build_report(DEV, uniform(DEV, 1), language=language,
                          initiatives=[plugin(stage="seduce", phase=1, priority=1e6)])
    roadmap = check_all(report)
    [out] = [i for i in roadmap.initiatives if i.source == "plug-a"]
    assert phase_of(roadmap)[out.id] == 2  # the top fix is in phase 1
    assert MOVED[language].format(old=1, new=2) in out.rationale
    assert out.rationale.startswith("From the survey export.")


@pytest.mark.parametrize("language,said", [
    ("en", "Moved from phase 4 to phase 1: the most urgent fix comes first, in phase 1."),
    ("da", "Flyttet fra fase 4 til fase 1: Det allervigtigste at fixe kommer først, i fase 1.")])
def test_plugin_top_fix_asking_for_phase_4_comes_first_and_seduce_follows_it(language, said):
    """The most urgent fix is in phase 1 whoever contributed it (it came in phase 2 while
    the core's less urgent fixes took phase 1: only the core's could be the top fix); the
    plugin's Seduce comes after the last phase with Fix work, the foundation being weak."""
    report = build_report(DEV, uniform(DEV, 1), language=language, initiatives=[
        plugin(stage="fix", phase=4, priority=1e6),
        plugin(id="p2", title="Plugin initiative 1", stage="seduce", phase=2, priority=1e6),
    ])
    roadmap = check_all(report)
    where = {i.title: phase_of(roadmap)[i.id] for i in roadmap.initiatives}
    assert where["Plugin initiative 0"] == 1
    [top] = [i for i in roadmap.initiatives if i.title == "Plugin initiative 0"]
    assert said in top.rationale
    assert max(where[i.title] for i in roadmap.initiatives if i.stage == "fix") == 1
    assert where["Plugin initiative 1"] == 2  # after the last phase with Fix work


def test_plugin_refine_asking_for_a_late_phase_is_moved_when_it_is_the_only_refine():
    answers = uniform(DEV, 1, **{"refine-peaks": 4, "refine-feedback": 4})
    report = build_report(DEV, answers,
                          initiatives=[plugin(stage="refine", phase=3, dimension="voice")])
    roadmap = check_all(report)
    [out] = [i for i in roadmap.initiatives if i.source == "plug-a"]
    assert phase_of(roadmap)[out.id] == 2 and "Moved from phase 3 to phase 2" in out.rationale


@pytest.mark.parametrize("language,said", [
    ("en", "Moved from phase 2 to phase 1: the most important fixes come in phases 1–2."),
    ("da", "Flyttet fra fase 2 til fase 1: Det vigtigste at fixe kommer i fase 1–2.")])
def test_plugin_important_fix_asking_for_a_full_phase_2_comes_in_phase_1(language, said):
    """A plugin's fix among the more urgent half asks for phase 2, which more urgent plugin
    peaks fill: it takes phase 1's free place (it was moved to phase 3, after the peaks,
    while phase 1 had room)."""
    peaks = [plugin(id=f"peak{n}", title=f"Peak {n}", stage="refine", phase=2, priority=100.0)
             for n in range(4)]
    report = build_report(DEV, uniform(DEV, 1), language=language,
                          initiatives=[plugin(stage="fix", phase=2, priority=90.0), *peaks])
    roadmap = check_all(report)
    [out] = [i for i in roadmap.initiatives if i.title == "Plugin initiative 0"]
    assert phase_of(roadmap)[out.id] == 1 and said in out.rationale
    assert len(roadmap.phases[0].initiatives) == 4


@pytest.mark.parametrize("language", ["en", "da"])
def test_plugin_understand_asking_for_a_phase_after_refine_starts_is_moved_forward(language):
    """Understand never comes after Refine: a plugin's Understand initiative asking for
    phase 3, with the first Refine work in phase 2, comes in phase 2 and says why."""
    report = build_report(DEV, uniform(DEV, 1), language=language,
                          initiatives=[plugin(stage="understand", phase=3)])
    roadmap = check_all(report)
    [out] = [i for i in roadmap.initiatives if i.source == "plug-a"]
    assert min(phase_of(roadmap)[i.id] for i in roadmap.initiatives if i.stage == "refine") == 2
    assert phase_of(roadmap)[out.id] == 2
    assert f"{MOVED[language].format(old=3, new=2)}: {UNDERSTAND_FIRST[language]}." \
        in out.rationale


@pytest.mark.parametrize("per_phase", [3, 4])
def test_a_plugin_initiative_named_like_a_stage_s_group_leaves_the_id_to_the_group(per_phase):
    """``<stage>-first`` is the id of a stage's grouped work: a plugin initiative asking for
    it gets its plugin's name in front, whether or not the core groups that stage, so the
    group keeps its id (it was ``fix-first-2`` beside the plugin's ``fix-first``) and each
    id means the same from one assessment to the next; so does ``understand-refresh``,
    the refresh's id, although this roadmap has no refresh."""
    report = build_report(FOUR_F, uniform(FOUR_F, 1), initiatives=[
        plugin(id="fix-first", stage="fix", priority=500.0),
        plugin(id="understand-first", title="Plugin initiative 1", stage="understand"),
        plugin(id="refine-first", title="Plugin initiative 2", stage="refine"),
        plugin(id="understand-refresh", title="Plugin initiative 3", stage="fix")])
    report.per_phase = per_phase
    roadmap = check_all(report)
    ids = {i.title: i.id for i in roadmap.initiatives if i.source == "plug-a"}
    expected = {"Plugin initiative 0": "plug-a-fix-first",
                "Plugin initiative 1": "plug-a-understand-first",
                "Plugin initiative 2": "plug-a-refine-first",
                "Plugin initiative 3": "plug-a-understand-refresh"}
    if per_phase == 3:  # no place before Refine: the core's Understand work takes it in
        del expected["Plugin initiative 1"]
    assert ids == expected
    # the core's Understand work does not fit beside the prerequisites and the most
    # important fixes by the phase where Refine starts: grouped, under the group's id
    # (with a focus of 3 the plugin's fix, the most urgent, takes a place in phase 1 and
    # the two prerequisites are grouped into fix-first beside it)
    [group] = [i for i in roadmap.initiatives if i.source == "four-f" and "first" in i.id
               and i.stage == "understand"]
    assert group.id == "understand-first" and len(group.questions) > 1
    assert phase_of(roadmap)[group.id] == 1


@pytest.mark.parametrize("language", ["en", "da"])
def test_plugin_understand_with_no_place_before_refine_joins_the_core_s_understanding(language):
    """Every place up to the phase where Refine starts is taken (the prerequisites, the
    grouped understanding, the most important fixes and the first peak, with a focus of
    3): a plugin's Understand initiative no longer waits for phase 4, after the Refine
    work; the core's Understand initiative in phase 1 takes it in, lists its title as a
    step and says why, and no place is added to a phase."""
    report = build_report(FOUR_F, uniform(FOUR_F, 1), language=language, initiatives=[
        plugin(title="Run a voice-of-the-customer survey", stage="understand",
               questions=["understand-journey-map"])])
    report.per_phase = 3
    roadmap = check_all(report)
    assert not [i for i in roadmap.initiatives if i.source == "plug-a"]
    [host] = [i for i in roadmap.phases[0].initiatives if i.stage == "understand"]
    assert host.id == "understand-first"
    assert host.actions[-1] == "Run a voice-of-the-customer survey."
    assert JOINED[language].format(title="Run a voice-of-the-customer survey",
                                   source="plug-a") in host.rationale
    assert all(len(p.initiatives) == 3 for p in roadmap.phases[:3])
    assert min(phase_of(roadmap)[i.id] for i in roadmap.initiatives if i.stage == "refine") == 2


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_roadmap_without_fix_work_speaks_of_none(language):
    """Nothing falls short in Fix: the first peak is not to start "alongside the fixes",
    and the understanding is not "before you start fixing" (both said so before)."""
    answers = uniform(DEV, 1, **{"fix-tracking": 4, "fix-staff": 4})
    roadmap = check_all(build_report(DEV, answers, language=language, plugins=SCORERS))
    assert not [i for i in roadmap.initiatives if i.stage == "fix"]
    first_refine = rank(i for i in roadmap.initiatives if i.stage == "refine")[0]
    assert {"en": "The first Refine work",
            "da": "Det første Forfin-arbejde"}[language] in first_refine.rationale
    assert {"en": "nothing needs fixing first",
            "da": "Intet skal fixes først"}[language] in first_refine.rationale


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_roadmap_without_refine_work_speaks_of_no_peaks(language):
    """Nothing falls short in Refine: a later fix is not fixed "alongside the first
    peaks" (it said so before)."""
    answers = uniform(FOUR_F, 1, **{q.id: 4 for q in FOUR_F.questions if q.stage == "refine"})
    report = build_report(FOUR_F, answers, language=language, plugins=SCORERS)
    report.per_phase = 3
    roadmap = check_all(report)
    later = [i for p in roadmap.phases[1:] for i in p.initiatives if i.stage == "fix"]
    assert later and not [i for i in roadmap.initiatives if i.stage == "refine"]
    for i in later:  # (one of the more urgent half in phase 2 is one of the most important)
        assert {"en": "after the most important fixes",
                "da": "efter det vigtigste at fixe"}[language] in i.rationale or \
            {"en": "One of the most important fixes",
             "da": "Et af de vigtigste punkter at fixe"}[language] in i.rationale
        assert not any(said in i.rationale for said in SAYS_PEAKS[language])
    assert any({"en": "after the most important fixes",
                "da": "efter det vigtigste at fixe"}[language] in i.rationale for i in later)


def test_taking_in_a_plugin_s_understanding_keeps_the_core_s_before_refine():
    """A critical Refine question makes Refine start in phase 1, so all Understand work
    is due there. The plugin's Understand initiative found no place and was taken in, and
    the roadmap placed again with one initiative fewer chose another most urgent fix
    among ties: phase 1 no longer had room for the core's understand-data, which came in
    phase 2, after the Refine work (found by a sweep). Placing goes on until the rules
    hold: the core's Understand work is grouped into understand-first in phase 1."""
    answers = {"understand-all-departments": 1,
               "understand-existing-analyses": {"level": 0, "importance": 4},
               "fix-worst-first": {"level": 1, "importance": 3},
               "fix-measurement-baseline": {"level": 1, "importance": 5},
               "fix-promise-delivery": {"level": 0, "importance": 4},
               "fix-cx-ownership": {"level": 1, "importance": 1},
               "refine-targeted-dialogue": {"level": 1, "importance": 5}}
    report = build_report(FOUR_F, [answers], initiatives=[
        plugin(stage="understand", phase=2, priority=1000.0, dimension="empowerment")])
    roadmap = check_all(report)  # (check_understanding_before_refine failed)
    phase1 = roadmap.phases[0].initiatives
    assert "refine-targeted-dialogue" in {q for i in phase1 for q in i.questions}
    [understand] = [i for i in roadmap.initiatives if i.stage == "understand"]
    assert understand.id == "understand-first" and understand in phase1
    assert sorted(understand.questions) == ["understand-all-departments",
                                            "understand-existing-analyses"]
    assert understand.actions[-1] == "Plugin initiative 0."


def test_plugin_initiative_in_an_allowed_phase_stays_and_cannot_claim_a_question_twice():
    report = build_report(DEV, uniform(DEV, 1), initiatives=[
        plugin(stage="understand", phase=2, questions=["understand-data", "seduce-cxm"]),
        plugin(id="understand-data", title="Plugin initiative 1", stage="fix",
               questions=["no-such-question"]),
    ])
    roadmap = check_all(report)
    out = {i.title: i for i in roadmap.initiatives if i.source == "plug-a"}
    assert phase_of(roadmap)[out["Plugin initiative 0"].id] == 2
    assert "Moved" not in out["Plugin initiative 0"].rationale
    assert out["Plugin initiative 0"].questions == []  # the core already addresses both
    assert out["Plugin initiative 1"].id != "understand-data"
    assert out["Plugin initiative 1"].questions == []


def test_pipeline_plans_the_dev_fixture():
    from cxassess.pipeline import run

    result = run(FIXTURES / "dev-assessment.toml", SCORERS)
    check_all(result.report)
    assert result.roadmap.model_dump_json() == plan_roadmap(result.report).model_dump_json()


def test_same_assessment_gives_byte_identical_json_across_processes():
    import os
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path\n"
        "from cxassess.pipeline import run\n"
        "from cxassess.plugins import load_plugins\n"
        "r = run(Path(sys.argv[1]), load_plugins(env={'CXASSESS_LOAD_PLUGINS': sys.argv[2]}))\n"
        "sys.stdout.write(r.roadmap.model_dump_json())\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", script, str(FIXTURES / "dev-assessment.toml"), BUILTIN_SCORERS],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_actions_list_every_grouped_question_s_step(dev_questionnaire):
    """Each core initiative lists the concrete steps of all the questions it groups."""
    from cxassess.plugins import new_manager
    from cxassess.roadmap import plan_roadmap
    from cxassess.scoring import score

    from helpers import make_assessment

    answers = {q: 0 for q in dev_questionnaire.question_ids}
    report = score(dev_questionnaire, make_assessment([answers]), new_manager())
    improvements = {q.id: q.improvement for q in report.questions}
    for initiative in plan_roadmap(report).initiatives:
        if initiative.source != "dev" or not initiative.questions:
            continue
        lead, *others = initiative.questions
        assert improvements[lead].startswith(initiative.title)
        for qid in others:
            first = improvements[qid].split(". ")[0].rstrip(".")
            assert any(step.startswith(first) for step in initiative.actions), qid


@pytest.mark.parametrize("language,said", [
    ("en", "no critical question is left before Seduce."),
    ("da", "intet kritisk spørgsmål er tilbage før Forfør.")])
def test_a_critical_seduce_question_is_not_told_no_critical_question_is_left(language, said):
    """A mature organisation whose one critical question is in Seduce: the foundation is
    solid (critical questions count outside Seduce), and the Seduce initiative holding the
    critical question was told "no critical question is left", which it contradicts."""
    answers = uniform(FOUR_F, 3, **{"seduce-omnichannel": {"level": 0, "importance": 5}})
    roadmap = check_all(build_report(FOUR_F, answers, language=language, plugins=SCORERS))
    [seduce] = [i for i in roadmap.initiatives if "seduce-omnichannel" in i.questions]
    assert seduce.rationale.endswith(said)
