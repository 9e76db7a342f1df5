"""Built-in scorer `empowerment`. Staff empowerment: staff equipped with competences, authority and timely insight to solve the customer's problem, and a culture where everyone owns the customer experience."""

from __future__ import annotations

from cxassess import hookimpl
from cxassess.report import ScoreResult
from cxassess.scoring import ScorerContext

from cxassess.generic import score_dimension

DIMENSION = "empowerment"


def score(context: ScorerContext) -> ScoreResult:
    return score_dimension(context, DIMENSION)


@hookimpl
def cxassess_register_scorers(register):
    register(DIMENSION, score)
