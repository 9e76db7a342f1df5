"""The most important fixes are the most urgent ones, whoever contributed them.

Rule 2 (worst first), rule 3 (the most important fixes land in phases 1–2, the most urgent
in phase 1) and rule 7 (a plugin's initiatives are placed by the same rules) together: a
plugin's Fix initiative counts among the fixes by its priority like the core's. Before,
only the core's most urgent fix could be phase 1's fix, so a plugin's fix of priority
2,866 came in phase 2 behind less urgent core fixes. A plugin's fix that asks for a phase
keeps it where the rules allow (phases 1–2 for the more urgent half of the fixes); only the
single most urgent fix is taken to phase 1, and it gives way only to a phase 1 full of the
core's musts (critical questions, prerequisites, the Understand work).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess.roadmap import plan_roadmap

from test_roadmap import (DEV, FOUR_F, MOVED, PLUGIN_SOURCES, build_report, check_all,
                          is_phase_1_must, phase_of, plugin, property_settings, rank, reports,
                          uniform)

SETTINGS = settings(property_settings(400), suppress_health_check=[HealthCheck.too_slow])


def asked(report, initiative):
    """The phase a plugin's initiative asked for (None for the core's, or none asked)."""
    if initiative.source not in PLUGIN_SOURCES:
        return None
    [pi] = [p for p in report.plugin_initiatives if p.title == initiative.title]
    return pi.phase


@SETTINGS
@given(st.data())
def test_no_fix_waits_behind_a_less_urgent_one_whoever_contributed_it(data):
    """Worst first among the fixes: a fix comes in a later phase than a less urgent one
    only when the less urgent one is a phase-1 must of the core (a critical question, a
    prerequisite), or a plugin asked for the later phase, or for the earlier one."""
    report = data.draw(reports(data.draw(st.sampled_from([DEV, FOUR_F]))))
    report.per_phase = data.draw(st.sampled_from([3, 4, 5]))
    roadmap = plan_roadmap(report)
    where = phase_of(roadmap)
    fixes = rank(i for i in roadmap.initiatives if i.stage == "fix")
    for more in fixes:
        for less in fixes:
            if less.priority >= more.priority or where[less.id] >= where[more.id]:
                continue
            if where[less.id] == 1 and is_phase_1_must(report, less):
                continue
            if (asked(report, more) or 0) >= where[more.id]:
                continue  # asked for its phase, or a later one: moved no further than needed
            assert asked(report, less) == where[less.id], \
                f"{more.id} ({more.priority}) in phase {where[more.id]} waits behind " \
                f"{less.id} ({less.priority}) in phase {where[less.id]}"


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_plugin_s_fix_more_urgent_than_every_core_fix_comes_in_phase_1(language):
    """The session's example: a plugin's fix of priority 2,866 asking for no phase came in
    phase 2 while the core's fix of priority 100 took phase 1's last place."""
    report = build_report(DEV, uniform(DEV, 1), language=language, initiatives=[
        plugin(stage="fix", priority=2866.0, title="Fix the broken checkout"),
        plugin(id="p2", stage="understand", priority=3000.0, title="Survey the detractors")])
    report.per_phase = 3
    roadmap = check_all(report)
    phase1 = {i.title: i for i in roadmap.phases[0].initiatives}
    assert "Fix the broken checkout" in phase1
    assert MOVED[language].split()[0] not in phase1["Fix the broken checkout"].rationale
    assert phase_of(roadmap)["fix-tracking"] == 2  # priority 100: one of the important fixes


@pytest.mark.parametrize("language,said", [
    ("en", "Moved from phase 2 to phase 1: the most urgent fix comes first, in phase 1."),
    ("da", "Flyttet fra fase 2 til fase 1: Det allervigtigste at fixe kommer først, i fase 1.")])
def test_the_most_urgent_fix_asking_for_phase_2_comes_first_the_next_keeps_phase_2(
        language, said):
    """Only the most urgent fix is taken to phase 1; a plugin's other important fix asking
    for phase 2 keeps it, since the most important fixes may land in phases 1–2."""
    report = build_report(FOUR_F, uniform(FOUR_F, 2), language=language, initiatives=[
        plugin(stage="fix", priority=2866.0, phase=2, title="Fix the broken checkout"),
        plugin(id="p2", stage="fix", priority=2000.0, phase=2, title="Fix the slow app")])
    roadmap = check_all(report)
    titles = {i.title: i for i in roadmap.initiatives}
    where = phase_of(roadmap)
    top, next_ = titles["Fix the broken checkout"], titles["Fix the slow app"]
    assert where[top.id] == 1 and said in top.rationale
    assert where[next_.id] == 2 and MOVED[language].split()[0] not in next_.rationale


@pytest.mark.parametrize("language,said", [
    ("en", "Moved from phase 1 to phase 2: phases 1–3 hold at most 3 initiatives each."),
    ("da", "Flyttet fra fase 1 til fase 2: Fase 1–3 rummer højst 3 initiativer hver.")])
def test_a_plugin_s_most_urgent_fix_gives_way_to_a_phase_1_full_of_the_core_s_musts(
        language, said):
    """With a focus of 3, phase 1 holds the grouped Understand work, the grouped
    prerequisites and a critical Refine question: the plugin's fix, the most urgent, comes
    in phase 2 (still among the most important fixes) and says why."""
    answers = uniform(FOUR_F, 1, **{"refine-peaks": {"level": 0, "importance": 5}})
    report = build_report(FOUR_F, answers, language=language, initiatives=[
        plugin(stage="fix", priority=2866.0, phase=1, title="Fix the broken checkout")])
    report.per_phase = 3
    roadmap = check_all(report)
    phase1 = roadmap.phases[0].initiatives
    assert len(phase1) == 3 and all(is_phase_1_must(report, i) for i in phase1)
    assert "refine-peaks" in {q for i in phase1 for q in i.questions}
    [top] = [i for i in roadmap.initiatives if i.title == "Fix the broken checkout"]
    assert phase_of(roadmap)[top.id] == 2 and said in top.rationale


TOP_FIX = {"en": "The most important fix:", "da": "Det vigtigste at fixe:"}
AMONG_TOP = {"en": "One of the most important fixes", "da": "Et af de vigtigste punkter at fixe"}
ROOM = {"en": "Also fixed now: the first phase has room for it.",
        "da": "Fixes også nu: Der er plads til det i første fase."}
MUST = {"en": ("Critical: it matters a great deal", "A prerequisite for the rest of the work"),
        "da": ("Kritisk: Det betyder meget", "En forudsætning for resten af arbejdet")}


@SETTINGS
@given(st.data())
def test_a_fix_is_called_one_of_the_most_important_only_when_it_is(data):
    """The executive reads the role of each fix: "the most important fix" is the most
    urgent of all (a plugin's may be), "one of the most important fixes" one of the more
    urgent half in phases 1–2; a less urgent fix in phase 1 was called "one of the most
    important fixes" too, because phase 1 had room for it. A critical or prerequisite fix
    in phase 1 is there because it must be, and says so: it is not also told it is there
    because phase 1 had room (it was told both)."""
    report = data.draw(reports(data.draw(st.sampled_from([DEV, FOUR_F]))))
    report.per_phase = data.draw(st.sampled_from([3, 4, 5]))
    roadmap = plan_roadmap(report)
    where = phase_of(roadmap)
    fixes = rank(i for i in roadmap.initiatives if i.stage == "fix")
    half = fixes[:(len(fixes) + 1) // 2]
    edge = half[-1].priority if half else 0.0
    language = report.language
    for i in fixes:
        if i.source in PLUGIN_SOURCES:
            continue
        if TOP_FIX[language] in i.rationale:
            assert i.priority == fixes[0].priority
        if AMONG_TOP[language] in i.rationale:
            assert i.priority >= edge and where[i.id] <= 2
        must = any(said in i.rationale for said in MUST[language])
        if ROOM[language] in i.rationale:
            assert where[i.id] == 1 and i.priority <= edge and not must
        if where[i.id] == 1 and i.priority < edge and not must:
            assert ROOM[language] in i.rationale


@pytest.mark.parametrize("language", ["en", "da"])
def test_fjordbank_s_second_fix_is_there_because_phase_1_has_room(cli, language):
    """The shipped Fjordbank example has two fixes; the second (priority 62.5) comes in
    phase 1 beside the most important one, and is not "one of the most important fixes"."""
    import json

    from helpers import ROOT

    code, out, err = cli("score", ROOT / "examples" / "fjordbank-self-service.toml",
                         "--json", "--lang", language)
    assert code == 0, err
    phase1 = json.loads(out)["roadmap"]["phases"][0]["initiatives"]
    fixes = [i for i in phase1 if i["stage"] == "fix"]
    assert len(fixes) == 2 and fixes[0]["priority"] > fixes[1]["priority"]
    assert TOP_FIX[language] in fixes[0]["rationale"]
    assert ROOM[language] in fixes[1]["rationale"]
    assert AMONG_TOP[language] not in fixes[1]["rationale"]
