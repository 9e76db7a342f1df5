"""Departments side by side: each department's own scores, and the questions the
departments see most differently (the silo evidence the method asks for).

A department's stage scores are the core's stage scores over its respondents only; its
dimension scores are the generic weighted score over each dimension's questions (plugins
score the whole organisation only). Pure: no I/O and no UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import TYPE_CHECKING

from .models import STAGES, Assessment, Question, Questionnaire, Respondent
from .report import DepartmentScore, Disagreement

if TYPE_CHECKING:  # pragma: no cover
    from .scoring import ScorerContext

NO_DEPARTMENT = {"en": "(no department)", "da": "(ingen afdeling)"}
MOST_DISAGREEMENTS = 10
"""At most this many questions in the disagreement list."""
MIN_SPREAD = 1.0
"""A question is listed when department means lie at least one level apart."""

_NONE: MappingProxyType[str, float] = MappingProxyType({})


def groups(assessment: Assessment) -> dict[str, list[Respondent]]:
    """Respondents by department name, departments sorted by name."""
    out: dict[str, list[Respondent]] = {}
    missing = NO_DEPARTMENT[assessment.language]
    for r in assessment.respondents:
        out.setdefault(r.department.strip() or missing, []).append(r)
    return dict(sorted(out.items(), key=lambda item: item[0].casefold()))


def department_levels(by_department: dict[str, list[Respondent]]
                      ) -> dict[str, dict[str, list[int]]]:
    """Each department's levels per question id (in respondent order), in one pass over
    the answers: what its scores and the disagreements rest on."""
    out: dict[str, dict[str, list[int]]] = {}
    for name, people in by_department.items():
        levels: dict[str, list[int]] = {}
        out[name] = levels
        for r in people:
            for question_id, a in r.answers.items():
                if a.level is not None:
                    levels.setdefault(question_id, []).append(a.level)
    return out


def _levels_context(questionnaire: Questionnaire, assessment: Assessment,
                    levels: dict[str, list[int]]) -> ScorerContext:
    """A scoring context that holds levels only (no importance, notes or n/a): enough for
    the weighted scores, which rest on the levels alone."""
    from .scoring import Aggregate, ScorerContext

    answers = {q.id: Aggregate(q, tuple(levels.get(q.id, ())), _NONE, (), 0)
               for q in questionnaire.questions}
    return ScorerContext(questionnaire, assessment, MappingProxyType(answers),
                         assessment.language)


def department_scores(questionnaire: Questionnaire, assessment: Assessment,
                      by_department: dict[str, list[Respondent]],
                      levels: dict[str, dict[str, list[int]]],
                      whole: ScorerContext | None = None) -> list[DepartmentScore]:
    """Each department's scores over its own respondents' ``levels`` (see
    :func:`department_levels`). ``whole``, the organisation's scoring context, stands for
    a department that holds every respondent."""
    from .scoring import question_index, scored_questions, weighted_mean

    index = question_index(questionnaire)

    def mean(context: ScorerContext, questions: Iterable[Question]) -> float | None:
        return weighted_mean(scored_questions(context, questions))

    out = []
    for name, people in by_department.items():
        if whole is not None and len(people) == len(assessment.respondents):
            context = whole
        else:
            context = _levels_context(
                questionnaire, assessment.model_copy(update={"respondents": people}),
                levels[name])
        out.append(DepartmentScore.model_construct(
            name=name, respondents=len(people),
            # the scores stage_scores and the generic scorer give, without their models
            stages={s: mean(context, index.by_stage.get(s, ())) for s in STAGES},
            dimensions={d: mean(context, index.by_dimension.get(d, ()))
                        for d in questionnaire.dimensions},
        ))
    return out


def disagreements(questionnaire: Questionnaire, levels: dict[str, dict[str, list[int]]],
                  language: str) -> list[Disagreement]:
    """Questions whose department mean levels (``levels``: see :func:`department_levels`)
    lie furthest apart (at least :data:`MIN_SPREAD`), largest spread first, then in
    questionnaire order."""
    out: list[Disagreement] = []
    if len(levels) < 2:
        return out
    for q in questionnaire.questions:
        means: dict[str, float] = {}
        for name, per_question in levels.items():
            given = per_question.get(q.id)
            if given:
                means[name] = round(sum(given) / len(given), 2)
        if len(means) < 2:
            continue
        spread = round(max(means.values()) - min(means.values()), 2)
        if spread >= MIN_SPREAD:
            out.append(Disagreement.model_construct(
                question=q.id, text=q.text.get(language), spread=spread, departments=means))
    out.sort(key=lambda d: -d.spread)
    return out[:MOST_DISAGREEMENTS]


def side_by_side(questionnaire: Questionnaire, assessment: Assessment,
                 whole: ScorerContext | None = None
                 ) -> tuple[list[DepartmentScore], list[Disagreement]]:
    """Every department's scores, and the questions they disagree on most. ``whole``:
    the organisation's scoring context of the same assessment, when there is one."""
    by_department = groups(assessment)
    if whole is not None and len(by_department) == 1:  # the department is the organisation
        return department_scores(questionnaire, assessment, by_department, {}, whole), []
    levels = department_levels(by_department)
    return (department_scores(questionnaire, assessment, by_department, levels, whole),
            disagreements(questionnaire, levels, assessment.language))
