"""The fast paths give exactly what the straightforward ones gave.

- ``aggregate`` (one pass over the answers) equals a plain per-question reference, on
  hypothesis-made assessments, and the whole ``score --json`` document is byte-identical
  with either, for the shipped examples and a generated 500-respondent assessment;
- each department's scores and the disagreements, from one pass over the levels, equal
  those of a full scoring context per department (the definition);
- the questionnaire cache serves a changed file afresh, whatever its size and time stamp
  say, and never a stale questionnaire.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxassess import departments as depts_module
from cxassess import pipeline, scoring
from cxassess.export.jsondoc import dumps, score_document
from cxassess.loading import InputError, load_questionnaire_file

from helpers import FIXTURES, ROOT, make_assessment

DEV_QUESTIONS = ("understand-journey", "understand-data", "fix-tracking", "fix-staff",
                 "refine-peaks", "refine-feedback", "seduce-omnichannel", "seduce-cxm")


def _generate():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_aggregate(questionnaire, assessment) -> dict[str, dict]:
    """Per question, straight from the definitions: a loop over the respondents each."""
    out = {}
    for q in questionnaire.questions:
        given = [(r, r.answers[q.id]) for r in assessment.respondents if q.id in r.answers]
        levels = [a.level for _, a in given if a.level is not None]
        importances = [a.importance for _, a in given if a.importance is not None]
        departments: dict[str, list[int]] = {}
        for r, a in given:
            if a.level is not None:
                # without a department: the one group "(no department)", as the
                # Departments sheet shows it (never the respondent's own name)
                departments.setdefault(r.department.strip() or depts_module.NO_DEPARTMENT[
                    assessment.language], []).append(a.level)
        out[q.id] = {
            "levels": tuple(levels),
            "level": sum(levels) / len(levels) if levels else None,
            "importance": sum(importances) / len(importances) if importances else None,
            "not_applicable": sum(1 for _, a in given if a.not_applicable),
            "department_levels": {d: sum(v) / len(v) for d, v in departments.items()},
            "spread": max(levels) - min(levels) if levels else None,
            "answers": given,
        }
    return out


def as_reference(aggregates) -> dict[str, dict]:
    return {qid: {"levels": a.levels, "level": a.level, "importance": a.importance,
                  "not_applicable": a.not_applicable,
                  "department_levels": dict(a.department_levels), "spread": a.spread,
                  "answers": list(a.answers)}
            for qid, a in aggregates.items()}


answer_values = st.one_of(
    st.integers(0, 4),
    st.just("n/a"),
    st.fixed_dictionaries({"level": st.integers(0, 4)},
                          optional={"importance": st.integers(1, 5), "note": st.text(max_size=5)}),
    st.fixed_dictionaries({"level": st.just("n/a")}, optional={"importance": st.integers(1, 5)}),
    st.fixed_dictionaries({"importance": st.integers(1, 5)}),  # importance without a level
)
respondents = st.lists(st.dictionaries(st.sampled_from(DEV_QUESTIONS), answer_values),
                       min_size=0, max_size=8)
departments = st.sampled_from(["Sales", "IT", " IT ", ""])


@settings(max_examples=150, deadline=None)
@given(answers=respondents, data=st.data())
def test_one_pass_aggregation_equals_the_reference(dev_questionnaire, answers, data):
    depts = [data.draw(departments) for _ in answers]
    assessment = make_assessment(answers, departments=depts)
    fast = scoring.aggregate(dev_questionnaire, assessment)
    assert list(fast) == list(dev_questionnaire.question_ids)
    assert as_reference(fast) == reference_aggregate(dev_questionnaire, assessment)
    context = scoring.make_context(dev_questionnaire, assessment)
    for qid in DEV_QUESTIONS:
        assert context.respondent_answers(qid) == reference_aggregate(
            dev_questionnaire, assessment)[qid]["answers"]


def _reference_aggregates(questionnaire, assessment):
    """:func:`reference_aggregate` in the shape scoring uses, to score through it."""
    return {qid: scoring.Aggregate(
        question=questionnaire.question(qid), levels=ref["levels"],
        department_levels=MappingProxyType(ref["department_levels"]),
        importances=tuple(a.importance for _, a in ref["answers"] if a.importance is not None),
        not_applicable=ref["not_applicable"], answers=tuple(ref["answers"]))
        for qid, ref in reference_aggregate(questionnaire, assessment).items()}


@pytest.mark.parametrize("source", ["nordlys-energi.toml", "harbour-mobility.toml", 500])
def test_score_json_is_the_same_through_the_reference_aggregation(
        source, tmp_path, builtin_plugins, monkeypatch):
    if isinstance(source, int):
        path = _generate().write(tmp_path / "big.toml", source, seed=1)
    else:
        path = ROOT / "examples" / source
    fast = pipeline.run(path, builtin_plugins)
    monkeypatch.setattr(scoring, "aggregate", _reference_aggregates)
    slow = pipeline.run(path, builtin_plugins)
    assert dumps(score_document(fast.report, fast.roadmap)) == \
        dumps(score_document(slow.report, slow.roadmap))


def reference_departments(questionnaire, assessment):
    """Each department scored through a full context of its own respondents, and the
    disagreements from each department's answers, straight from the definitions."""
    scores, means = [], {}
    for name, people in depts_module.groups(assessment).items():
        context = scoring.make_context(
            questionnaire, assessment.model_copy(update={"respondents": people}))
        scores.append(depts_module.DepartmentScore(
            name=name, respondents=len(people),
            stages={s.id: s.score for s in scoring.stage_scores(context)},
            dimensions={d: scoring.weighted_score(context, context.questions(dimension=d)).score
                        for d in questionnaire.dimensions}))
        for q in questionnaire.questions:
            levels = context.answers[q.id].levels
            if levels:
                means.setdefault(q.id, {})[name] = round(sum(levels) / len(levels), 2)
    in_order = [(q.id, means[q.id]) for q in questionnaire.questions if q.id in means]
    spreads = [(qid, round(max(m.values()) - min(m.values()), 2), m)
               for qid, m in in_order if len(m) > 1]
    return scores, sorted([(qid, spread, m) for qid, spread, m in spreads
                           if spread >= depts_module.MIN_SPREAD], key=lambda x: -x[1])


@settings(max_examples=150, deadline=None)
@given(answers=respondents, data=st.data())
def test_department_scores_equal_a_context_per_department(dev_questionnaire, answers, data):
    names = [data.draw(st.sampled_from(["Sales", "IT", " IT ", "", "R0"])) for _ in answers]
    assessment = make_assessment(answers, departments=names)
    scores, disagreements = reference_departments(dev_questionnaire, assessment)
    whole = scoring.make_context(dev_questionnaire, assessment)
    for fast in (depts_module.side_by_side(dev_questionnaire, assessment),
                 depts_module.side_by_side(dev_questionnaire, assessment, whole)):
        assert fast[0] == scores
        assert [(d.question, d.spread, d.departments) for d in fast[1]] == \
            disagreements[:depts_module.MOST_DISAGREEMENTS]


# --------------------------------------------------------------------------- the cache


def _rewrite_keeping_stat(path: Path, text: str) -> None:
    """Change the file's content but not its size or time stamps."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_unchanged_questionnaire_is_validated_once(tmp_path):
    path = tmp_path / "q.toml"
    path.write_bytes((FIXTURES / "dev.toml").read_bytes())
    assert load_questionnaire_file(path) is load_questionnaire_file(path)


def test_a_changed_questionnaire_is_read_afresh_even_with_the_same_size_and_mtime(tmp_path):
    path = tmp_path / "q.toml"
    text = (FIXTURES / "dev.toml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load_questionnaire_file(path)
    assert 'version = "' in text
    old_version = first.version
    new_version = "x" * len(old_version)
    _rewrite_keeping_stat(path, text.replace(f'version = "{old_version}"',
                                             f'version = "{new_version}"', 1))
    assert load_questionnaire_file(path).version == new_version


def test_a_questionnaire_that_grows_or_breaks_is_never_served_from_the_cache(tmp_path):
    path = tmp_path / "q.toml"
    text = (FIXTURES / "dev.toml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load_questionnaire_file(path)
    path.write_text(text.replace(f'version = "{first.version}"', 'version = "2.0-longer"', 1),
                    encoding="utf-8")
    assert load_questionnaire_file(path).version == "2.0-longer"
    path.write_text(text + "\nthis is not toml\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid TOML"):
        load_questionnaire_file(path)
    path.unlink()
    with pytest.raises(InputError, match="no such file"):
        load_questionnaire_file(path)
    path.write_text(text, encoding="utf-8")
    assert load_questionnaire_file(path) == first


@settings(max_examples=500, deadline=None)
@given(level=st.floats(0, 4), weight=st.floats(0.01, 10),
       respondents=st.integers(1, 5000), total=st.integers(0, 20000))
def test_level_points_gives_the_bits_of_the_formula_it_replaced(level, weight, respondents,
                                                                  total):
    """``level * LEVEL_POINTS`` (× 25) is the float ``level * 100 / MAX_LEVEL`` gave, bit
    for bit (× 4 and ÷ 4 are exact in binary floating point), for any level, a mean level
    and a weighted one alike: so sharing the constant changed no score in the JSON."""
    from cxassess.models import MAX_LEVEL
    from cxassess.urgency import LEVEL_POINTS

    mean = min(total, 4 * respondents) / respondents
    for value in (level, mean, weight * level, weight * mean, 3.0 - mean):
        assert (value * LEVEL_POINTS).hex() == (value * 100 / MAX_LEVEL).hex()
