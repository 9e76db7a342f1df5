"""Departments side by side: each department's own scores, and the questions the
departments see most differently (the silo evidence the method asks for).

A respondent answers for their department (:func:`department_of`): as typed, or, without
one, for one group "(no department)" — on the Departments sheet, in the silos score and
its findings and in the checks alike, so a respondent is never a department of one on
their own name. A department's scores rest on its mean level per question, which
:func:`cxassess.scoring.aggregate` works out in its one pass over the answers: its stage
scores are the core's stage scores over its respondents only, its dimension scores the
generic weighted score over each dimension's questions (plugins score the whole
organisation only). Pure: no I/O and no UI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .models import STAGES, Assessment, Question, Questionnaire, Respondent
from .report import DepartmentScore, Disagreement
from .urgency import LEVEL_POINTS

if TYPE_CHECKING:  # pragma: no cover
    from .scoring import Aggregate, ScorerContext

NO_DEPARTMENT = {"en": "(no department)", "da": "(ingen afdeling)"}
MOST_DISAGREEMENTS = 10
"""At most this many questions in the disagreement list."""
MIN_SPREAD = 1.0
"""A question is listed when department means lie at least one level apart."""


def department_of(respondent: Respondent, language: str) -> str:
    """The department a respondent answers for: as typed, without surrounding spaces;
    :data:`NO_DEPARTMENT` in ``language`` when none is given."""
    return respondent.department.strip() or NO_DEPARTMENT["da" if language == "da" else "en"]


def groups(assessment: Assessment) -> dict[str, list[Respondent]]:
    """Respondents by department (:func:`department_of`), departments sorted by name."""
    out: dict[str, list[Respondent]] = {}
    for r in assessment.respondents:
        out.setdefault(department_of(r, assessment.language), []).append(r)
    return dict(sorted(out.items(), key=lambda item: item[0].casefold()))


def department_scores(questionnaire: Questionnaire, answers: Mapping[str, Aggregate],
                      by_department: dict[str, list[Respondent]]) -> list[DepartmentScore]:
    """Each department's scores from its mean level per question (``answers``: the
    organisation's aggregates): the weighted mean of level × 25 over the questions it
    answered, as the core's stage scores and the generic scorer weigh them."""
    from .scoring import question_index, weighted_mean

    index = question_index(questionnaire)

    def mean(name: str, questions: Iterable[Question]) -> float | None:
        return weighted_mean([(q, level * LEVEL_POINTS) for q in questions
                              if (level := answers[q.id].department_levels.get(name))
                              is not None])

    return [DepartmentScore.model_construct(
        name=name, respondents=len(people),
        stages={s: mean(name, index.by_stage.get(s, ())) for s in STAGES},
        dimensions={d: mean(name, index.by_dimension.get(d, ())) for d in questionnaire.dimensions},
    ) for name, people in by_department.items()]


def disagreements(questionnaire: Questionnaire, answers: Mapping[str, Aggregate],
                  names: Iterable[str], language: str) -> list[Disagreement]:
    """Questions whose department mean levels (of the departments ``names``, from the
    organisation's aggregates ``answers``) lie furthest apart (at least
    :data:`MIN_SPREAD`), largest spread first, then in questionnaire order."""
    names = list(names)
    out: list[Disagreement] = []
    if len(names) < 2:
        return out
    for q in questionnaire.questions:
        levels = answers[q.id].department_levels
        means = {name: round(levels[name], 2) for name in names if name in levels}
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
    the organisation's scoring context of the same assessment, when there is one (its
    aggregates are used; without it they are worked out here)."""
    from .scoring import aggregate

    answers = whole.answers if whole is not None else aggregate(questionnaire, assessment)
    by_department = groups(assessment)
    return (department_scores(questionnaire, answers, by_department),
            disagreements(questionnaire, answers, by_department, assessment.language))
