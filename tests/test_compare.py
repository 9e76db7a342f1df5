"""Reassessment: ``cxassess compare`` and the pure comparison behind it.

Profiles are built and scored with the public ``cxassess.testing`` helpers (the
development questionnaire and the built-in scorers); the CLI runs on the shipped Nordlys
examples, a year apart.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cxassess import testing
from cxassess.compare import Snapshot, compare, planned, progress
from cxassess.loading import InputError, load_questionnaire_file
from cxassess.models import STAGES
from cxassess.roadmap import targets

from helpers import FIXTURES, ROOT

DEV = load_questionnaire_file(FIXTURES / "dev.toml")
NORDLYS = ROOT / "examples" / "nordlys-energi.toml"
NORDLYS_2027 = ROOT / "examples" / "nordlys-energi-2027.toml"
FIX_QUESTIONS = [q.id for q in DEV.questions_in_stage("fix")]


@pytest.fixture(scope="module")
def scoring():
    with testing.plugin_scoring(builtins=True) as s:
        yield s


def snapshot(scoring, answers, date, *, questionnaire=DEV, name="Testfirma ApS",
             source=None) -> Snapshot:
    report = scoring.score(questionnaire=questionnaire, answers=answers,
                           organisation={"name": name, "date": date})
    return Snapshot(source or f"{date}.toml", report, testing.plan(report))


def levels(level, questionnaire=DEV, **overrides):
    answers = {q: level for q in questionnaire.question_ids}
    answers.update(overrides)
    return answers


# --------------------------------------------------------------------------- scores


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.lists(st.integers(0, 3), min_size=len(DEV.questions), max_size=len(DEV.questions)),
       raise_by=st.integers(1, 4))
def test_an_improvement_in_fix_moves_only_fix_and_the_dimensions_its_questions_carry(
        scoring, base, raise_by):
    before = dict(zip(DEV.question_ids, base))
    after = {q: min(4, v + raise_by) if q in FIX_QUESTIONS else v for q, v in before.items()}
    c = compare([snapshot(scoring, before, "2025-03-01"), snapshot(scoring, after, "2026-03-01")])
    carried = {d for q in DEV.questions_in_stage("fix") for d in q.dimensions}
    for stage in STAGES:
        if stage != "fix":
            assert c.stage_deltas[stage] == 0
    assert c.stage_deltas["fix"] > 0 or all(before[q] == 4 for q in FIX_QUESTIONS)
    for dim, delta in c.dimension_deltas.items():
        if dim not in carried:
            assert delta == 0, dim
    assert {m.id for m in c.improved} <= set(FIX_QUESTIONS)
    assert c.worse == [] and c.added == [] and c.removed == []


def test_deltas_are_latest_minus_first_whatever_order_the_files_come_in(scoring):
    old = snapshot(scoring, levels(1), "2025-03-01", source="old.toml")
    mid = snapshot(scoring, levels(2), "2025-09-01", source="mid.toml")
    new = snapshot(scoring, levels(3), "2026-03-01", source="new.toml")
    c = compare([new, old, mid])
    assert [p.file for p in c.assessments] == ["old.toml", "mid.toml", "new.toml"]
    for stage in STAGES:
        assert c.stage_deltas[stage] == pytest.approx(
            c.latest.stages[stage] - c.baseline.stages[stage], abs=0.05)
        assert c.stage_deltas[stage] == 50.0


# --------------------------------------------------------------------------- initiatives


def test_an_initiative_whose_questions_all_reach_the_target_is_done_one_left_below_stays_open(
        scoring):
    c = compare([snapshot(scoring, levels(1), "2025-03-01"),
                 snapshot(scoring, levels(1, **{"fix-tracking": 3, "fix-staff": 2}),
                          "2026-03-01")])
    status = {i.id: i.status for i in c.initiatives}
    assert status["fix-tracking"] == "done"
    assert status["fix-empowerment"] == "open"  # fix-staff is still at 2
    assert status["understand-data"] == "open"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(st.integers(0, 4), min_size=len(DEV.questions), max_size=len(DEV.questions)),
       after=st.lists(st.integers(0, 4), min_size=len(DEV.questions), max_size=len(DEV.questions)))
def test_done_means_every_planned_question_at_its_planned_target_and_new_means_new_work(
        scoring, before, after):
    """Done: each question the baseline initiative fell short on now reaches the target the
    baseline planned against (level 3, or 4 where a mature roadmap raised it). New: a
    latest initiative that continues no open baseline work."""
    old = snapshot(scoring, dict(zip(DEV.question_ids, before)), "2025-03-01")
    new = snapshot(scoring, dict(zip(DEV.question_ids, after)), "2026-03-01")
    c = compare([old, new])
    latest = {q.id: q.level for q in new.report.questions}
    goal = targets(old.report)
    stage_of = {q.id: q.stage for q in old.report.questions}
    baseline_ids = [i.id for i in old.roadmap.initiatives]
    assert [i.id for i in c.initiatives if i.status != "new"] == baseline_ids
    status = {i.id: i.status for i in c.initiatives if i.status != "new"}
    for item in old.roadmap.initiatives:
        if item.questions:
            assert (status[item.id] == "done") == all(
                latest[q] >= goal[stage_of[q]] for q in item.questions)
    assert {i.id for i in c.with_status("new")} == \
        {i.id for i in new.roadmap.initiatives} - {k for k, v in status.items() if v == "open"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.lists(st.integers(0, 4), min_size=len(DEV.questions), max_size=len(DEV.questions)))
@example(answers=[3] * len(DEV.questions))  # mature: the roadmap plans to level 4
def test_an_assessment_compared_with_itself_has_nothing_done_and_nothing_new(scoring, answers):
    same = dict(zip(DEV.question_ids, answers))
    c = compare([snapshot(scoring, same, "2025-03-01"), snapshot(scoring, same, "2026-03-01")])
    assert {i.status for i in c.initiatives} <= {"open"}


def test_a_mature_organisation_that_did_not_move_has_done_nothing(scoring):
    """Everything at level 3: the roadmap raises the target to 4 for the current stage and
    Seduce. A year with no change leaves those initiatives open, not done."""
    c = compare([snapshot(scoring, levels(3), "2025-03-01"),
                 snapshot(scoring, levels(3), "2026-03-01")])
    assert [i.id for i in c.with_status("done")] == []
    assert {"seduce-data", "seduce-empowerment"} <= {i.id for i in c.with_status("open")}
    assert c.with_status("new") == []


def test_a_mature_organisations_initiative_is_done_when_it_reaches_level_4(scoring):
    c = compare([snapshot(scoring, levels(3), "2025-03-01"),
                 snapshot(scoring, levels(3, **{"seduce-omnichannel": 4}), "2026-03-01")])
    status = {i.id: i.status for i in c.initiatives if i.status != "new"}
    assert status["seduce-data"] == "done"  # seduce-omnichannel, planned to reach 4
    assert status["seduce-empowerment"] == "open"  # seduce-cxm still at 3


def test_work_done_and_planned_again_under_its_id_is_done_and_new(scoring):
    """seduce-omnichannel reached level 3, the target it was planned against; now nothing
    falls short, the target rises to 4 and seduce-data is planned again: the old work is
    done, the work under the same id is new."""
    old = snapshot(scoring, levels(3, **{"seduce-omnichannel": 2}), "2025-03-01")
    new = snapshot(scoring, levels(3), "2026-03-01")
    c = compare([old, new])
    assert "seduce-data" in {i.id for i in c.with_status("done")}
    assert "seduce-data" in {i.id for i in c.with_status("new")}
    assert "seduce-data" not in {i.id for i in c.with_status("open")}


def test_the_understand_refresh_stays_open_while_the_latest_roadmap_still_holds_it(scoring):
    c = compare([snapshot(scoring, levels(4), "2025-03-01"),
                 snapshot(scoring, levels(4), "2026-03-01")])
    assert {i.id: i.status for i in c.initiatives}["understand-refresh"] == "open"


# --------------------------------------------------------------------------- questions


def _renamed(old_id: str, new_id: str, aliases: bool) -> dict:
    doc = DEV.model_dump(exclude_none=True)
    for q in doc["questions"]:
        if q["id"] == old_id:
            q["id"] = new_id
    doc["version"] = "2.0"
    if aliases:
        doc["aliases"] = {old_id: new_id}
    return doc


def test_a_renamed_question_compares_with_itself_through_the_aliases(scoring):
    v2 = testing.Scoring(scoring.plugins).questionnaire(_renamed("fix-tracking", "fix-measuring", True))
    old = snapshot(scoring, levels(1), "2025-03-01")
    new = snapshot(scoring, levels(1, v2, **{"fix-measuring": 3}), "2026-03-01", questionnaire=v2)
    c = compare([old, new], aliases=v2.aliases)
    assert [m.id for m in c.improved] == ["fix-measuring"]
    assert (c.improved[0].before, c.improved[0].after) == (1.0, 3.0)
    assert c.added == [] and c.removed == []
    assert {i.id: i.status for i in c.initiatives}["fix-tracking"] == "done"


def test_a_question_in_only_one_assessment_is_reported_as_added_or_removed(scoring):
    v2 = testing.Scoring(scoring.plugins).questionnaire(_renamed("fix-tracking", "fix-measuring", False))
    c = compare([snapshot(scoring, levels(1), "2025-03-01"),
                 snapshot(scoring, levels(1, v2, **{"fix-measuring": 3}), "2026-03-01",
                          questionnaire=v2)])
    assert [m.id for m in c.added] == ["fix-measuring"]
    assert [m.id for m in c.removed] == ["fix-tracking"]
    assert c.removed[0].before == 1.0 and c.removed[0].after is None


def test_an_assessment_answering_an_old_id_loads_against_the_renamed_questionnaire(
        tmp_path, cli):
    import tomli_w

    (tmp_path / "q.toml").write_bytes(tomli_w.dumps(_renamed("fix-tracking", "fix-measuring", True)).encode())
    text = (FIXTURES / "dev-assessment.toml").read_text(encoding="utf-8")
    text = text.replace('questionnaire = "dev.toml"', 'questionnaire = "q.toml"')
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    assert '"fix-tracking"' in text
    code, out, err = cli("score", tmp_path / "a.toml", "--json")
    assert code == 0, err
    doc = json.loads(out)
    fix = next(s for s in doc["stages"] if s["id"] == "fix")
    assert fix["answered"] == fix["total"]


def test_an_alias_to_an_unknown_question_is_refused():
    doc = DEV.model_dump()
    doc["aliases"] = {"fix-old": "no-such-question"}
    with pytest.raises(InputError, match="aliases.fix-old"):
        testing.Scoring(testing.plugin_manager()).questionnaire(doc)


# --------------------------------------------------------------------------- dates and names


def test_a_missing_date_is_a_one_line_error_naming_the_file(scoring):
    with pytest.raises(InputError, match=r"^undated\.toml: organisation\.date is missing"):
        compare([snapshot(scoring, levels(1), "2025-03-01"),
                 snapshot(scoring, levels(1), "", source="undated.toml")])


def test_cli_missing_date_exits_1_with_one_line(cli, tmp_path):
    undated = tmp_path / "undated.toml"
    undated.write_text(NORDLYS.read_text(encoding="utf-8").replace('date = "2026-11-23"\n', ""),
                       encoding="utf-8")
    code, out, err = cli("compare", undated, NORDLYS_2027)
    assert code == 1
    assert err.count("\n") == 1 and str(undated) in err and "organisation.date" in err
    assert out == ""


def test_cli_differently_named_organisations_are_compared_with_a_warning(cli, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(NORDLYS_2027.read_text(encoding="utf-8")
                     .replace("Nordlys Energi A/S", "Sydlys Energi A/S"), encoding="utf-8")
    code, out, err = cli("compare", NORDLYS, other, "--json")
    assert code == 0
    assert "warning:" in err and "Sydlys Energi A/S" in err
    assert len(json.loads(out)["assessments"]) == 2


def test_cli_one_file_is_a_usage_error(cli):
    code, _, err = cli("compare", NORDLYS)
    assert code == 2 and "two" in err


# --------------------------------------------------------------------------- the shipped story


def test_compare_json_has_the_documented_shape(cli):
    code, out, err = cli("compare", NORDLYS_2027, NORDLYS, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) == {"assessments", "deltas", "questions", "initiatives"}
    assert [a["date"] for a in doc["assessments"]] == ["2026-11-23", "2027-11-22"]
    for a in doc["assessments"]:
        assert set(a) == {"file", "date", "current_stage", "stages", "dimensions"}
        assert set(a["stages"]) == set(STAGES)
        assert set(a["dimensions"]) >= {"data", "tracking", "silos", "empowerment"}
    assert doc["assessments"][0]["file"].endswith("nordlys-energi.toml")
    assert set(doc["deltas"]) == {"stages", "dimensions"}
    for key in ("stages", "dimensions"):
        for k, v in doc["deltas"][key].items():
            first, last = doc["assessments"][0][key][k], doc["assessments"][-1][key][k]
            assert v == pytest.approx(last - first, abs=0.051)
    assert set(doc["questions"]) == {"improved", "worse", "added", "removed"}
    assert set(doc["initiatives"]) == {"done", "open", "new"}
    assert all(isinstance(i, str) for v in doc["initiatives"].values() for i in v)


def test_nordlys_a_year_later_tells_a_credible_story(cli):
    code, out, _ = cli("compare", NORDLYS, NORDLYS_2027, "--json")
    doc = json.loads(out)
    first, last = doc["assessments"]
    assert first["current_stage"] == "understand" and last["current_stage"] != "understand"
    assert all(v > 0 for v in doc["deltas"]["stages"].values())
    done, still_open = doc["initiatives"]["done"], doc["initiatives"]["open"]
    assert {"understand-data", "understand-silos", "understand-tracking"} <= set(done)
    assert any(i.startswith("fix-") for i in done) and any(i.startswith("fix-") for i in still_open)
    assert not any(i.startswith("seduce-") for i in done)
    assert doc["questions"]["worse"], "a credible year has a setback too"


@pytest.mark.parametrize("lang, words", [
    ("en", ["Current stage: Understand → ", "Done (", "Still open (", "Questions that fell"]),
    ("da", ["Nuværende trin: Forstå → ", "Gennemført (", "Stadig åbne (", "faldet"]),
])
def test_compare_text_shows_the_change_the_stages_and_the_initiatives(cli, lang, words):
    code, out, _ = cli("compare", NORDLYS, NORDLYS_2027, "--lang", lang)
    assert code == 0
    for word in words:
        assert word in out
    understand = next(line for line in out.splitlines()
                      if line.strip().startswith(("Understand ", "Forstå ")))
    doc = json.loads(cli("compare", NORDLYS, NORDLYS_2027, "--json")[1])
    scores = [f"{a['stages']['understand']:.0f}" for a in doc["assessments"]]
    change = f"{doc['deltas']['stages']['understand']:+.1f}"
    assert understand.split()[1:] == [*scores, change if lang == "en" else change.replace(".", ",")]


# --------------------------------------------------------------------------- previous = "…"


def test_compare_of_one_file_compares_it_with_the_previous_assessment_it_names(cli):
    code, out, err = cli("compare", NORDLYS_2027, "--json")
    assert code == 0, err
    assert json.loads(out) == json.loads(cli("compare", NORDLYS, NORDLYS_2027, "--json")[1])


def _naming_previous(tmp_path, previous):
    path = tmp_path / "nordlys-2027.toml"
    path.write_text(NORDLYS_2027.read_text(encoding="utf-8").replace(
        'previous = "nordlys-energi.toml"', f'previous = "{previous}"'), encoding="utf-8")
    assert f'previous = "{previous}"' in path.read_text(encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["compare", "validate"])
@pytest.mark.parametrize("previous, problem", [
    ("gone.toml", "no such file"),
    ("broken.toml", "invalid TOML"),
    ("notes.toml", "required key is missing"),
    ("nordlys-2027.toml", "names this assessment itself"),
    ("./nordlys-2027.toml", "names this assessment itself"),
])
def test_a_previous_assessment_that_is_missing_or_broken_is_one_line_and_exit_1(
        cli, tmp_path, command, previous, problem):
    (tmp_path / "broken.toml").write_text("answers = [", encoding="utf-8")
    (tmp_path / "notes.toml").write_text('format = 1\n', encoding="utf-8")
    path = _naming_previous(tmp_path, previous)
    code, out, err = cli(command, path)
    assert code == 1
    assert err.count("\n") == 1, err
    assert "nordlys-2027.toml: previous: " in err and previous in err and problem in err
    assert out == ""


def test_assessments_of_the_same_date_keep_the_order_given_and_the_later_given_is_the_latest(
        cli, tmp_path):
    """Equal dates: the order on the command line decides (a warning says so), for the
    baseline, the latest and the language the latest sets."""
    english = tmp_path / "english.toml"
    english.write_text(NORDLYS.read_text(encoding="utf-8").replace('language = "da"',
                                                                   'language = "en"'),
                       encoding="utf-8")
    danish = tmp_path / "danish.toml"
    danish.write_text(NORDLYS_2027.read_text(encoding="utf-8").replace(
        'date = "2027-11-22"', 'date = "2026-11-23"'), encoding="utf-8")
    for first, second, words in ((english, danish, "Nuværende trin"),
                                 (danish, english, "Current stage")):
        code, out, err = cli("compare", first, second)
        assert code == 0, err
        assert words in out
        assert "same date" in err and first.name in err
        doc = json.loads(cli("compare", first, second, "--json")[1])
        assert [a["file"] for a in doc["assessments"]] == [str(first), str(second)]


# --------------------------------------------------------------------------- regrouped work


def _merged(roadmap, ids, into):
    """``roadmap`` with the initiatives ``ids`` merged into one ``into`` (as the planner
    groups a stage's phase-1 musts into ``<stage>-first``)."""
    phases = []
    for phase in roadmap.phases:
        kept = [i for i in phase.initiatives if i.id not in ids]
        merged = [i for i in phase.initiatives if i.id in ids]
        if merged:
            kept.insert(0, merged[0].model_copy(update={
                "id": into, "questions": [q for i in merged for q in i.questions]}))
        phases.append(phase.model_copy(update={"initiatives": kept}))
    return roadmap.model_copy(update={"phases": phases})


def test_work_split_up_again_is_continued_by_each_part_and_is_not_new(scoring):
    old = snapshot(scoring, levels(1), "2025-03-01")
    new = snapshot(scoring, levels(1), "2026-03-01")
    grouped = Snapshot(old.source, old.report, _merged(old.roadmap, {"fix-tracking", "fix-empowerment"},
                                                       "fix-first"))
    c = compare([grouped, new])
    assert {i.id: i.status for i in c.initiatives if i.status != "new"}["fix-first"] == "open"
    assert not {"fix-tracking", "fix-empowerment"} & {i.id for i in c.with_status("new")}
    moved = progress({"fix-first": {"fix-tracking": 3.0, "fix-staff": 3.0}}, new.report,
                     new.roadmap)
    assert moved.continued["fix-tracking"] == moved.continued["fix-empowerment"] == ["fix-first"]
    assert moved.stranded == []


def test_work_merged_into_one_initiative_is_continued_by_it(scoring):
    new = snapshot(scoring, levels(1), "2026-03-01")
    latest = _merged(new.roadmap, {"fix-tracking", "fix-empowerment"}, "fix-first")
    moved = progress({"fix-tracking": {"fix-tracking": 3.0}, "fix-empowerment": {"fix-staff": 3.0}},
                     new.report, latest)
    assert moved.continued["fix-first"] == ["fix-tracking", "fix-empowerment"]
    assert "fix-first" not in moved.new


def test_open_work_no_initiative_continues_is_stranded_not_dropped(scoring):
    new = snapshot(scoring, levels(1), "2026-03-01")
    moved = progress({"fix-legacy": {"fix-retired-question": 3.0}}, new.report, new.roadmap)
    assert moved.status == {"fix-legacy": "open"}
    assert moved.stranded == ["fix-legacy"]


def test_assessments_of_different_questionnaires_are_compared_with_a_warning(cli):
    code, out, err = cli("compare", NORDLYS, ROOT / "examples" / "fjordbank-self-service.toml",
                         "--json")
    assert code == 0, err
    warning = next(line for line in err.splitlines() if "different questionnaires" in line)
    assert "'four-f'" in warning and "'self-service'" in warning
    doc = json.loads(out)
    assert doc["questions"]["added"] and doc["questions"]["removed"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.lists(st.one_of(st.integers(0, 4), st.just("n/a")), min_size=len(DEV.questions),
                        max_size=len(DEV.questions)))
@example(answers=[3] * len(DEV.questions))
def test_carrying_a_roadmap_over_to_itself_is_the_identity(scoring, answers):
    """The same assessment again (the terminal app replacing its workbook): every
    initiative continues itself, nothing is done, new or stranded."""
    same = snapshot(scoring, dict(zip(DEV.question_ids, answers)), "2025-03-01")
    plans = {i.id: planned(i, same.report) for i in same.roadmap.initiatives}
    moved = progress(plans, same.report, same.roadmap)
    assert set(moved.status.values()) <= {"open"}
    assert moved.continued == {i.id: [i.id] for i in same.roadmap.initiatives}
    assert moved.new == [] and moved.stranded == []


def test_a_renamed_prerequisite_is_followed_through_the_aliases(scoring):
    """A prerequisite's initiative has its question's id; renamed, the new id's initiative
    continues the old one (read through aliases), so it is neither new nor stranded."""
    new = snapshot(scoring, levels(1), "2026-03-01")
    item = next(i for i in new.roadmap.initiatives if "fix-tracking" in i.questions)
    moved = progress({"fix-old-tracking": {"fix-old-tracking": 3.0}}, new.report, new.roadmap,
                     {"fix-old-tracking": "fix-tracking"})
    assert moved.status == {"fix-old-tracking": "open"}
    assert "fix-old-tracking" in moved.continued[item.id] and item.id not in moved.new
    assert moved.stranded == []
