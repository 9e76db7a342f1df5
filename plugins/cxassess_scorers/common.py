"""What the built-in scorers share: scoring a dimension and phrasing its findings."""

from __future__ import annotations

from collections.abc import Callable

from cxassess.report import ScoreResult
from cxassess.scoring import Aggregate, ScorerContext, level_score, weakest, weighted_score

_BANDS = {
    "en": [
        (80, "{label} is a strength ({score:.0f}/100): keep it and build on it."),
        (60, "{label} is in place ({score:.0f}/100), with room to improve."),
        (40, "{label} is partly in place ({score:.0f}/100): the basics work in places, not across the organisation."),
        (20, "{label} is weak ({score:.0f}/100): it needs a deliberate effort before more ambitious work."),
        (0, "{label} is largely missing ({score:.0f}/100): it is a foundation to build first."),
    ],
    "da": [
        (80, "{label} er en styrke ({score:.0f}/100): hold fast i det, og byg videre."),
        (60, "{label} er på plads ({score:.0f}/100), men kan forbedres."),
        (40, "{label} er delvist på plads ({score:.0f}/100): det grundlæggende virker nogle steder, men ikke i hele organisationen."),
        (20, "{label} er svagt ({score:.0f}/100) og kræver en bevidst indsats, før I går efter mere ambitiøse mål."),
        (0, "{label} mangler stort set ({score:.0f}/100) og er et fundament, der skal bygges først."),
    ],
}

_TEXTS = {
    "en": {
        "none": "{label}: no question was answered, so it cannot be scored.",
        "coverage": "{missing} of {total} questions were not answered or marked n/a; the score rests on the other {answered}.",
        "weakest": "Weakest: “{text}” (level {level:.1f} of 4).",
    },
    "da": {
        "none": "{label}: ingen spørgsmål er besvaret, så det kan ikke scores.",
        "coverage": "{missing} af {total} spørgsmål er ubesvarede eller markeret n/a; scoren bygger på de øvrige {answered}.",
        "weakest": "Svagest: “{text}” (niveau {level:.1f} af 4).",
    },
}


def phrase(context: ScorerContext, key: str, **values: object) -> str:
    lang = "da" if context.language == "da" else "en"
    return _TEXTS[lang][key].format(**values)


def label_of(context: ScorerContext, dimension: str) -> str:
    dim = context.questionnaire.dimensions.get(dimension)
    return dim.label.get(context.language) if dim else dimension


def score_dimension(context: ScorerContext, dimension: str,
                    question_score: Callable[[Aggregate], float] = level_score,
                    extra_findings: Callable[[ScorerContext], list[str]] | None = None) -> ScoreResult:
    """Score the questions tagged with ``dimension`` and phrase the findings: the band
    the score falls in, what was not answered, and the weakest questions."""
    questions = context.questions(dimension=dimension)
    result = weighted_score(context, questions, question_score)
    label = label_of(context, dimension)
    findings: list[str] = []
    if result.score is None:
        findings.append(phrase(context, "none", label=label))
        return result.model_copy(update={"findings": findings})
    lang = "da" if context.language == "da" else "en"
    band = next(text for floor, text in _BANDS[lang] if result.score >= floor)
    findings.append(band.format(label=label, score=result.score))
    if result.answered < result.total:
        findings.append(phrase(context, "coverage", missing=result.total - result.answered,
                               total=result.total, answered=result.answered))
    for q, s in weakest(context, questions, n=3, question_score=question_score):
        if s >= 75:
            break
        findings.append(phrase(context, "weakest", text=context.text(q.text), level=s / 25))
    if extra_findings is not None:
        findings.extend(extra_findings(context))
    return result.model_copy(update={"findings": findings})
