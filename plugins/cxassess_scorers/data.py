"""Built-in scorer `data`. Customer data: which data exists, whether the right data is collected from all customers through the whole experience, and whether it is used for segmentation and integrated across touchpoints."""

from __future__ import annotations

from cxassess import hookimpl
from cxassess.report import ScoreResult
from cxassess.scoring import ScorerContext

from cxassess.generic import score_dimension

DIMENSION = "data"


def score(context: ScorerContext) -> ScoreResult:
    return score_dimension(context, DIMENSION)


@hookimpl
def cxassess_register_scorers(register):
    register(DIMENSION, score)
