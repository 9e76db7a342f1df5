"""A moved plugin initiative gives the true reason for its own move, in English and Danish.

Rule 7: a plugin's initiative that would break the rules is moved, and its rationale says
so. The reason named must be the rule that moved it: a plugin's Fix moved to phase 3 to
keep phases 1–2 free for the Understand work was told "Understand never comes after Refine
or Seduce", which is about Understand initiatives, not about it. Each reason text is
checked here against what the roadmap shows: the rule it names holds for that initiative.
"""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess.roadmap import TEXTS, plan_roadmap

from test_roadmap import (DEV, FOUR_F, PLUGIN_SOURCES, build_report, check_all,
                          foundations_weak, phase_of, plugin, property_settings, rank, reports,
                          uniform)

SETTINGS = settings(property_settings(600), suppress_health_check=[HealthCheck.too_slow])

MOVED = {"en": re.compile(r"Moved from phase (\d+) to phase (\d+): (.*?)\.(?: |$)"),
         "da": re.compile(r"Flyttet fra fase (\d+) til fase (\d+): (.*?)\.(?: |$)")}


def reasons_named(rationale: str, language: str, cap: int) -> tuple[int, int, list[str]]:
    """The move a rationale tells of: from, to, and the reason keys it names, in order."""
    found = MOVED[language].findall(rationale)
    assert len(found) == 1, f"one move is told: {rationale!r}"
    old, new, said = found[0]
    known = {TEXTS[language][k].format(cap=cap).lower(): k
             for k in TEXTS[language] if k.startswith("reason.")}
    keys = []
    for part in said.split("; "):
        assert part.lower() in known, f"{part!r} is not a reason the roadmap gives"
        keys.append(known[part.lower()])
    return int(old), int(new), keys


def _context(report, roadmap):
    where = phase_of(roadmap)
    by_stage = {s: [i for i in roadmap.initiatives if i.stage == s]
                for s in ("understand", "fix", "refine", "seduce")}
    fixes = rank(by_stage["fix"])
    half = fixes[:math.ceil(len(fixes) / 2)]
    edge = half[-1].priority if half else math.inf
    top_half = [i for i in fixes if i.priority >= edge]  # (ties at the edge count)
    start = min((where[i.id] for i in by_stage["refine"] + by_stage["seduce"]), default=4)
    return where, by_stage, fixes, top_half, start


def full(roadmap, report, phase):
    return phase <= 3 and phase <= len(roadmap.phases) and \
        len(roadmap.phases[phase - 1].initiatives) >= report.per_phase


def check_reason(report, roadmap, initiative, asked, old, new, key):
    """The rule ``key`` names holds for ``initiative``, moved from ``old`` to ``new``."""
    where, by_stage, fixes, top_half, start = _context(report, roadmap)
    stage = initiative.stage
    later = new > old
    if key == "reason.top_fix":
        assert stage == "fix" and new == 1 and initiative.priority == fixes[0].priority
    elif key == "reason.fix":
        assert stage == "fix" and new <= 2 and initiative in top_half and new < old
    elif key == "reason.refine":
        assert stage == "refine" and old > 2 and new <= 2
    elif key == "reason.understand":
        assert stage == "understand" and new < old and new <= start
    elif key == "reason.refine_understand":
        assert stage == "refine" and later
        assert max(where[i.id] for i in by_stage["understand"]) >= old
    elif key == "reason.seduce":
        assert stage == "seduce" and later and not foundations_weak(report)
        top = min(where[i.id] for i in fixes if i.priority == fixes[0].priority) if fixes else 0
        assert old <= max(1, top)
    elif key == "reason.seduce_weak":
        assert stage == "seduce" and later and foundations_weak(report)
        assert old <= max((where[i.id] for i in fixes), default=1)
    elif key == "reason.seduce_understand":
        assert stage == "seduce" and later
        assert old < max(where[i.id] for i in by_stage["understand"]) <= new
    elif key in ("reason.room_understand", "reason.room_fix"):
        # the phases up to 1 or 2 from the one asked for are full, holding the work due
        assert later
        due = by_stage["understand"] if key == "reason.room_understand" else top_half
        assert any(all(full(roadmap, report, p) for p in range(1, last + 1))
                   and any(where[i.id] <= last for i in due if i is not initiative)
                   for last in (1, 2) if last >= old), key
        if key == "reason.room_understand":
            assert old <= start
    elif key == "reason.full":
        assert later and any(full(roadmap, report, p) for p in range(min(old, asked), new))
    elif key == "reason.last":
        assert asked > 4 and new == 4
    else:  # pragma: no cover
        raise AssertionError(f"no check for {key}")


def check_reasons(report):
    roadmap = plan_roadmap(report)
    where = phase_of(roadmap)
    by_title = {p.title: p for p in report.plugin_initiatives}
    for initiative in roadmap.initiatives:
        if initiative.source not in PLUGIN_SOURCES:
            continue
        asked = by_title[initiative.title].phase
        if asked is None or asked == where[initiative.id]:
            assert not MOVED[report.language].search(initiative.rationale)
            continue
        old, new, keys = reasons_named(initiative.rationale, report.language, report.per_phase)
        assert (old, new) == (asked, where[initiative.id])
        for key in keys:
            check_reason(report, roadmap, initiative, asked, min(asked, 4), new, key)
    return roadmap


@SETTINGS
@given(st.data())
def test_every_moved_initiative_names_the_rule_that_moved_it(data):
    report = data.draw(reports(data.draw(st.sampled_from([DEV, FOUR_F]))))
    report.per_phase = data.draw(st.sampled_from([3, 4, 5]))
    check_reasons(report)


def test_every_reason_text_has_both_languages_and_reads_as_a_clause():
    """Each reason exists in English and Danish; a clause after a colon, it starts in lower
    case unless with a stage's name (the Danish sentence capitalises the first)."""
    keys = {k for k in TEXTS["en"] if k.startswith("reason.")}
    assert keys == {k for k in TEXTS["da"] if k.startswith("reason.")}
    stages = {"en": ("Understand", "Fix", "Refine", "Seduce"),
              "da": ("Forstå", "Fix", "Forfin", "Forfør")}
    for language in ("en", "da"):
        for key in keys:
            said = TEXTS[language][key]
            assert said[0].islower() or said.startswith(stages[language]), (language, key)
            assert not said.endswith(".")


@pytest.mark.parametrize("language,said", [
    ("en", "Moved from phase 1 to phase 2: room is kept for the Understand work, which comes "
           "before the Refine work."),
    ("da", "Flyttet fra fase 1 til fase 2: Der holdes plads til Forstå-arbejdet, som kommer "
           "før Forfin-arbejdet.")])
def test_a_plugin_s_fix_moved_to_keep_room_for_the_understand_work_says_so(language, said):
    """The last session's odd reason: Refine starts in phase 1 (the current stage is
    Refine), so the core's Understand work is due there; a plugin's fix asking for phase 1
    leaves phase 1's last place to it. It was told "Understand never comes after Refine or
    Seduce", a rule about Understand initiatives."""
    answers = uniform(FOUR_F, 3, **{q.id: 1 for q in FOUR_F.questions if q.stage == "refine"})
    answers[0].update({"understand-journey-map": 2, "understand-touchpoints-not-owned": 2})
    report = build_report(FOUR_F, answers, language=language, initiatives=[
        plugin(stage="fix", priority=500.0, title="Fix the broken checkout"),
        plugin(id="p2", stage="fix", priority=400.0, phase=1, title="Fix the slow app")])
    roadmap = check_all(report)
    check_reasons(report)
    [out] = [i for i in roadmap.initiatives if i.title == "Fix the slow app"]
    assert said in out.rationale
    assert all(i.stage == "understand" for i in roadmap.phases[0].initiatives[2:])


@pytest.mark.parametrize("language,said", [
    ("en", "Moved from phase 2 to phase 3: phases 1–2 keep room for the most important "
           "fixes."),
    ("da", "Flyttet fra fase 2 til fase 3: Fase 1–2 holder plads til det vigtigste at fixe.")])
def test_a_plugin_s_second_peak_moved_to_keep_room_for_the_fixes_says_so(language, said):
    """With a focus of 3, the second of a plugin's peaks asking for phase 2 leaves its place
    to the more urgent half of the fixes (the first peak starts the Refine work there)."""
    report = build_report(FOUR_F, uniform(FOUR_F, 1), language=language, initiatives=[
        plugin(stage="refine", priority=1000.0, phase=2, title="Design the welcome peak"),
        plugin(id="p2", stage="refine", priority=900.0, phase=2,
               title="Design the renewal peak")])
    report.per_phase = 3
    roadmap = check_all(report)
    check_reasons(report)
    [out] = [i for i in roadmap.initiatives if i.title == "Design the renewal peak"]
    assert said in out.rationale
