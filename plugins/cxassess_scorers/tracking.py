"""Built-in scorer `tracking`. Tracking: the right tracking set up, the whole journey measured (CSAT for small interactions, NPS for the relationship), changing expectations registered, and data turned into actionable insight."""

from __future__ import annotations

from cxassess import hookimpl
from cxassess.report import ScoreResult
from cxassess.scoring import ScorerContext

from cxassess.generic import score_dimension

DIMENSION = "tracking"


def score(context: ScorerContext) -> ScoreResult:
    return score_dimension(context, DIMENSION)


@hookimpl
def cxassess_register_scorers(register):
    register(DIMENSION, score)
