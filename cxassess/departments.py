"""Departments side by side: each department's own scores, and the questions the
departments see most differently (the silo evidence the method asks for).

A department's stage scores are the core's stage scores over its respondents only; its
dimension scores are the generic weighted score over each dimension's questions (plugins
score the whole organisation only). Pure: no I/O and no UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Assessment, Questionnaire, Respondent
from .report import DepartmentScore, Disagreement

if TYPE_CHECKING:  # pragma: no cover
    from .scoring import ScorerContext

NO_DEPARTMENT = {"en": "(no department)", "da": "(ingen afdeling)"}
MOST_DISAGREEMENTS = 10
"""At most this many questions in the disagreement list."""
MIN_SPREAD = 1.0
"""A question is listed when department means lie at least one level apart."""


def groups(assessment: Assessment) -> dict[str, list[Respondent]]:
    """Respondents by department name, departments sorted by name."""
    out: dict[str, list[Respondent]] = {}
    missing = NO_DEPARTMENT[assessment.language]
    for r in assessment.respondents:
        out.setdefault(r.department.strip() or missing, []).append(r)
    return dict(sorted(out.items(), key=lambda item: item[0].casefold()))


def department_scores(questionnaire: Questionnaire, assessment: Assessment,
                      by_department: dict[str, list[Respondent]],
                      whole: ScorerContext | None = None) -> list[DepartmentScore]:
    """Each department's scores over its own respondents. ``whole``, the organisation's
    scoring context, stands for a department that holds every respondent (its answers are
    the organisation's), so a one-department assessment is not aggregated twice."""
    from .scoring import make_context, stage_scores, weighted_score

    out = []
    for name, people in by_department.items():
        if whole is not None and len(people) == len(assessment.respondents):
            context = whole
        else:
            context = make_context(questionnaire,
                                   assessment.model_copy(update={"respondents": people}))
        out.append(DepartmentScore(
            name=name, respondents=len(people),
            stages={s.id: s.score for s in stage_scores(context)},
            dimensions={d: weighted_score(context, context.questions(dimension=d)).score
                        for d in questionnaire.dimensions},
        ))
    return out


def disagreements(questionnaire: Questionnaire, by_department: dict[str, list[Respondent]],
                  language: str) -> list[Disagreement]:
    """Questions whose department mean levels lie furthest apart (at least
    :data:`MIN_SPREAD`), largest spread first, then in questionnaire order."""
    out: list[Disagreement] = []
    if len(by_department) < 2:
        return out
    for q in questionnaire.questions:
        means: dict[str, float] = {}
        for name, people in by_department.items():
            levels = [a.level for r in people
                      if (a := r.answers.get(q.id)) is not None and a.level is not None]
            if levels:
                means[name] = round(sum(levels) / len(levels), 2)
        if len(means) < 2:
            continue
        spread = round(max(means.values()) - min(means.values()), 2)
        if spread >= MIN_SPREAD:
            out.append(Disagreement(question=q.id, text=q.text.get(language), spread=spread,
                                    departments=means))
    out.sort(key=lambda d: -d.spread)
    return out[:MOST_DISAGREEMENTS]


def side_by_side(questionnaire: Questionnaire, assessment: Assessment,
                 whole: ScorerContext | None = None
                 ) -> tuple[list[DepartmentScore], list[Disagreement]]:
    """Every department's scores, and the questions they disagree on most. ``whole``:
    the organisation's scoring context of the same assessment, when there is one."""
    by_department = groups(assessment)
    return (department_scores(questionnaire, assessment, by_department, whole),
            disagreements(questionnaire, by_department, assessment.language))
