"""Worst first: a question's gap and urgency, and when a question is critical.

One definition, used by scoring (the Gaps sheet), the roadmap and the docs. Pure code.
"""

from __future__ import annotations

from .models import MAX_IMPORTANCE, MAX_LEVEL, MIN_IMPORTANCE

LEVEL_POINTS = 100 / MAX_LEVEL
"""A level on the 0..100 scale of the scores: ``level * LEVEL_POINTS`` (× 25) is a
question's score (:func:`cxassess.scoring.level_score`), a department's and the level's
side of the importance gap. (Written ``level * 100 / MAX_LEVEL`` before: the same bits,
as multiplying by 4 and dividing by 4 are exact in binary floating point.)"""

TARGET_LEVEL = 3.0
"""A question falls short below this mean level (the practice is in place and used)."""

CRITICAL_IMPORTANCE, CRITICAL_LEVEL = 4.0, 1.0
"""A question is critical when its mean importance is at least 4 and its mean level at
most 1: it matters a great deal and hardly works."""


def importance_score(importance: float) -> float:
    return (importance - MIN_IMPORTANCE) * 100 / (MAX_IMPORTANCE - MIN_IMPORTANCE)


def importance_gap(level: float, importance: float) -> float:
    """Importance minus experience on one 0..100 scale, as on the Gaps sheet."""
    return importance_score(importance) - level * LEVEL_POINTS


def question_gap(level: float | None, importance: float | None, asks_importance: bool,
                 target: float = TARGET_LEVEL) -> float:
    """A question's gap on 0..100: importance versus experience (:func:`importance_gap`)
    when the question asks for importance and has it, else the distance from its level to
    ``target``; never below 0, and 0 for an unanswered question."""
    if level is None:
        return 0.0
    if asks_importance and importance is not None:
        gap = importance_gap(level, importance)
    else:
        gap = (target - level) * LEVEL_POINTS
    return max(0.0, gap)


def urgency(weight: float, level: float | None, importance: float | None,
            asks_importance: bool, target: float = TARGET_LEVEL) -> float:
    """Worst first: a question's urgency is its weight × its gap (:func:`question_gap`),
    rounded to two decimals. The roadmap, the Gaps sheet and the docs use this one rule."""
    return round(weight * question_gap(level, importance, asks_importance, target), 2)


def is_critical(level: float | None, importance: float | None) -> bool:
    """Mean importance ≥ 4 and mean level ≤ 1: it matters a great deal and hardly works."""
    return (level is not None and importance is not None
            and importance >= CRITICAL_IMPORTANCE and level <= CRITICAL_LEVEL)


__all__ = ["CRITICAL_IMPORTANCE", "CRITICAL_LEVEL", "TARGET_LEVEL", "importance_gap",
           "LEVEL_POINTS", "importance_score", "is_critical", "question_gap", "urgency"]
