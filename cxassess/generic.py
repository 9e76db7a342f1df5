"""The generic dimension scorer: a dimension's questions, weighted, with findings.

The built-in scorers (data, tracking, silos, empowerment) are this scorer with their own
touches, and the core scores any dimension a questionnaire names that no plugin scores
with it, under the scorer name ``cxassess`` (:data:`GENERIC_SCORER`). Plugins may use
:func:`score_dimension` too.
"""

from __future__ import annotations

from collections.abc import Callable

from . import wording
from .report import ScoreResult
from .scoring import Aggregate, ScorerContext, level_score, lowest, score_result, \
    scored_questions

GENERIC_SCORER = "cxassess"
"""The ``scorer`` of a dimension the core scored because no plugin did."""

_BANDS = {
    "en": [
        (80, "{label} scores {score:.0f}/100: a strength to keep and build on."),
        (60, "{label} scores {score:.0f}/100: in place, with room to improve."),
        (40, "{label} scores {score:.0f}/100: partly in place; the basics work in places, not across the organisation."),
        (20, "{label} scores {score:.0f}/100: weak; it needs a deliberate effort before more ambitious work."),
        (0, "{label} scores {score:.0f}/100: a foundation still to be built."),
    ],
    "da": [
        (80, "{label} scorer {score:.0f}/100: en styrke at holde fast i og bygge videre på."),
        (60, "{label} scorer {score:.0f}/100: på plads, men med plads til forbedring."),
        (40, "{label} scorer {score:.0f}/100: delvist på plads; det grundlæggende virker nogle steder, men ikke i hele organisationen."),
        (20, "{label} scorer {score:.0f}/100: svagt; det kræver en bevidst indsats, før I går efter mere ambitiøse mål."),
        (0, "{label} scorer {score:.0f}/100: et fundament, der endnu skal bygges."),
    ],
}

_TEXTS = {
    "en": {
        "none": "{label}: no question was answered, so it cannot be scored.",
        "coverage": "{missing} of {total} questions are unanswered or n/a; the score rests on the other {answered}.",
        "weakest": "Weakest: “{text}” (level {level} of 4).",
    },
    "da": {
        "none": "{label}: ingen spørgsmål er besvaret, så det kan ikke scores.",
        "coverage": "{missing} af {total} spørgsmål er ubesvarede eller markeret i/r (ikke relevant); scoren bygger på de øvrige {answered}.",
        "weakest": "Svagest: “{text}” (niveau {level} af 4).",
    },
}


def phrase(context: ScorerContext, key: str, **values: object) -> str:
    return wording.phrase(_TEXTS, context.language, key, **values)


def score_dimension(context: ScorerContext, dimension: str,
                    question_score: Callable[[Aggregate], float] = level_score,
                    extra_findings: Callable[[ScorerContext], list[str]] | None = None) -> ScoreResult:
    """Score the questions tagged with ``dimension`` (each by ``question_score``, by
    default its mean level × 25) and phrase the findings: the band the score falls in,
    what was not answered, and the weakest questions. A dimension without questions in
    this questionnaire gets an empty result: nothing assessed, nothing to say (the core
    then leaves it out of the report)."""
    questions = context.questions(dimension=dimension)
    if not questions:
        return ScoreResult()
    scored = scored_questions(context, questions, question_score)  # once, for both uses
    result = score_result(scored, len(questions))  # the weighted mean, once too
    findings = result.findings
    score = result.score
    label = context.questionnaire.dimension_label(dimension, context.language)
    if score is None:
        findings.append(phrase(context, "none", label=label))
        return result
    lang = "da" if context.language == "da" else "en"
    band = next(text for floor, text in _BANDS[lang] if score >= floor)
    findings.append(band.format(label=label, score=score))
    if len(scored) < len(questions):
        findings.append(phrase(context, "coverage", missing=len(questions) - len(scored),
                               total=len(questions), answered=len(scored)))
    for q, s in lowest(scored, n=3):
        if s >= 75:
            break
        findings.append(phrase(context, "weakest", text=context.text(q.text),
                               level=wording.number(s / 25, lang)))
    if extra_findings is not None:
        findings.extend(extra_findings(context))
    return result
