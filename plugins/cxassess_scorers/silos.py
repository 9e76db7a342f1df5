"""Built-in scorer `silos`: whether the customer meets one company or its departments.

Customers judge the company as one whole, not as departments; silo thinking creates
friction. Besides the silo questions' levels, this scorer reads disagreement between
departments answering the same question as a silo signal: each question scores the
average of the mean department level and the lowest department level, so a department
lagging behind pulls the score down (0/2/4 scores lower than 2/2/2). With one
department the score is the plain level, as for every other dimension.
"""

from __future__ import annotations

from cxassess import hookimpl
from cxassess.models import MAX_LEVEL
from cxassess.report import ScoreResult
from cxassess.scoring import Aggregate, ScorerContext
from cxassess.wording import short_number

from cxassess.generic import score_dimension

DIMENSION = "silos"
SPREAD_SIGNAL = 2  # levels apart between departments worth a finding


def question_score(agg: Aggregate) -> float:
    """0..100: half the mean department level, half the lowest department level."""
    levels = list(agg.department_levels.values())
    mean = sum(levels) / len(levels)
    return (mean + min(levels)) / 2 * 100 / MAX_LEVEL


def disagreement_findings(context: ScorerContext) -> list[str]:
    rows = []
    for q in context.questionnaire.questions:
        agg = context.answers[q.id]
        depts = agg.department_levels
        if len(depts) < 2:
            continue
        spread = max(depts.values()) - min(depts.values())
        if spread >= SPREAD_SIGNAL:
            rows.append((spread, q, depts))
    rows.sort(key=lambda row: (-row[0], row[1].id))
    out = []
    for spread, q, depts in rows[:3]:
        low = min(depts, key=lambda d: (depts[d], d))
        high = max(depts, key=lambda d: (depts[d], d))
        # a department's mean level as the level it is, not rounded to a whole one
        low_level, high_level = (short_number(depts[d], context.language) for d in (low, high))
        if context.language == "da":
            out.append(f"Afdelingerne er uenige om “{context.text(q.text)}”: {low} svarer "
                       f"{low_level}, {high} svarer {high_level}. Kunden møder "
                       "forskellige virksomheder alt efter, hvem de taler med.")
        else:
            out.append(f"Departments disagree on “{context.text(q.text)}”: {low} answers "
                       f"{low_level}, {high} answers {high_level}. The customer meets "
                       "a different company depending on whom they deal with.")
    return out


def score(context: ScorerContext) -> ScoreResult:
    return score_dimension(context, DIMENSION, question_score, disagreement_findings)


@hookimpl
def cxassess_register_scorers(register):
    register(DIMENSION, score)
