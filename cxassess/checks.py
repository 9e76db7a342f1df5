"""Consistency checks: answers a consultant should question before presenting the result.

Pure core code over a scored :class:`~cxassess.report.Report` (no I/O, no UI). Each check
has an ``id``, a ``message`` in the report's language and the ``questions`` it concerns:

- ``stage-order``: a later stage scores :data:`STAGE_LEAD` points or more above an earlier
  one (e.g. Seduce at 100 with Understand at 25). The stages build on each other (000:
  "forstå, før du kan fixe ... fixe, før du kan forfine eller forføre"), so such answers are
  usually optimistic or misread. One check per later stage, against its weakest earlier one.
- ``departments-apart``: on one question, two departments' mean levels lie
  :data:`DEPARTMENT_SPREAD` levels or more apart (from ``report.disagreements``).
  Customers meet the company as one whole (004), so a split view is worth a conversation.
  One check listing such questions (those of ``report.disagreements``, at most
  :data:`~cxassess.departments.MOST_DISAGREEMENTS`).
- ``critical``: questions rated 4 or more in importance but at level 1 or below.
- ``coverage``: fewer than half of the questions have a level; the scores rest on little.
- ``importance-not-asked``: an importance given on a question that does not ask for one
  (typed into a hand-written file): it counts nowhere, so the respondent's view of what
  matters would be lost without a word. A check, not an error: the run goes on.

Uniform answers give no check.
"""

from __future__ import annotations

from .models import STAGE_LABELS, STAGES
from .report import Check, QuestionResult, Report
from .urgency import CRITICAL_IMPORTANCE
from .wording import percent, phrase, short_number

STAGE_LEAD = 40.0
"""A later stage this many points above an earlier one is implausible."""

DEPARTMENT_SPREAD = 3.0
"""Departments whose mean levels on one question differ by this much are far apart."""

MIN_COVERAGE = 0.5
"""Below this share of questions with a level, the scores rest on too little."""

TEXTS = {
    "en": {
        "stage-order": "{later} scores {later_score}, {lead} points above {earlier} "
                       "({earlier_score}): a later stage rarely runs ahead of an earlier one, "
                       "since each builds on the one before. Check these answers before you "
                       "present them.",
        "departments-apart": "Departments are far apart on {count}, e.g. “{text}”: {high} says "
                             "level {high_level}, {low} level {low_level}. Talk it through "
                             "before you present the average.",
        "departments-apart.one": "Departments are far apart on “{text}”: {high} says level "
                                 "{high_level}, {low} level {low_level}. Talk it through "
                                 "before you present the average.",
        "critical": "{count} {matters}, rated {importance} or more in importance by the "
                    "respondents but at level 1 or below: {items}.",
        "critical.item": "“{text}” (importance {importance}, level {level})",
        "coverage": "Only {answered} of {total} questions have a level ({share}): the "
                    "scores rest on few answers.",
        "questions": "{n} questions",
        "critical.one": "critical question matters a great deal", 
        "critical.many": "critical questions matter a great deal",
        "more": "and {n} more",
        "importance-not-asked.one": "“{text}” was given an importance ({who}), but the "
                                    "question does not ask for one: it is not counted in "
                                    "the gaps or the urgency.",
        "importance-not-asked": "{count} were given an importance but do not ask for one, "
                                "e.g. “{text}” ({who}): it is not counted in the gaps or "
                                "the urgency.",
        "who.more": "{who} and {n} more",
    },
    "da": {
        "stage-order": "{later} scorer {later_score}, {lead} point over {earlier} "
                       "({earlier_score}): Et senere trin er sjældent længere end et tidligere, "
                       "for hvert trin bygger på det forrige. Tjek svarene, før I præsenterer "
                       "dem.",
        "departments-apart": "Afdelingerne ligger langt fra hinanden på {count}, fx “{text}”: "
                             "{high} svarer niveau {high_level}, {low} niveau {low_level}. Tal "
                             "det igennem, før I præsenterer gennemsnittet.",
        "departments-apart.one": "Afdelingerne ligger langt fra hinanden på “{text}”: {high} "
                                 "svarer niveau {high_level}, {low} niveau {low_level}. Tal "
                                 "det igennem, før I præsenterer gennemsnittet.",
        "critical": "{count} {matters}, vurderet til {importance} eller mere i vigtighed af "
                    "respondenterne, men på niveau 1 eller derunder: {items}.",
        "critical.item": "“{text}” (vigtighed {importance}, niveau {level})",
        "coverage": "Kun {answered} af {total} spørgsmål har et niveau ({share}): Scorerne "
                    "hviler på få svar.",
        "questions": "{n} spørgsmål",
        "critical.one": "kritisk spørgsmål betyder meget",
        "critical.many": "kritiske spørgsmål betyder meget",
        "more": "og {n} mere",
        "importance-not-asked.one": "“{text}” har fået en vigtighed ({who}), men "
                                    "spørgsmålet spørger ikke om den: Den tæller ikke med i "
                                    "forskellen eller hastegraden.",
        "importance-not-asked": "{count} har fået en vigtighed, men spørger ikke om den, fx "
                                "“{text}” ({who}): Den tæller ikke med i forskellen eller "
                                "hastegraden.",
        "who.more": "{who} og {n} mere",
    },
}


def _text(language: str, key: str, **values: object) -> str:
    return phrase(TEXTS, language, key, **values)


def _label(question: QuestionResult) -> str:
    return question.text.strip().rstrip("?.") or question.id


def _stage_order(report: Report) -> list[Check]:
    language = report.language
    scores = {s.id: s.score for s in report.stages}
    out = []
    for n, later in enumerate(STAGES):
        if scores.get(later) is None:
            continue
        earlier_scored = [s for s in STAGES[:n] if scores.get(s) is not None]
        if not earlier_scored:
            continue
        earlier = min(earlier_scored, key=lambda s: (scores[s], STAGES.index(s)))
        lead = scores[later] - scores[earlier]
        if lead < STAGE_LEAD:
            continue
        questions = [q.id for q in report.questions if q.stage == later and q.level is not None
                     and q.level * 25 >= scores[later]]
        out.append(Check.model_construct(id="stage-order", questions=questions, message=_text(
            language, "stage-order",
            later=STAGE_LABELS[later][language], later_score=short_number(scores[later], language),
            earlier=STAGE_LABELS[earlier][language],
            earlier_score=short_number(scores[earlier], language),
            lead=short_number(lead, language))))
    return out


def _departments_apart(report: Report) -> list[Check]:
    language = report.language
    texts = {q.id: q for q in report.questions}
    apart = [d for d in report.disagreements if d.spread >= DEPARTMENT_SPREAD]
    if not apart:
        return []
    first = apart[0]  # the largest spread first
    ordered = sorted(first.departments.items(), key=lambda item: (-item[1], item[0]))
    (high, high_level), (low, low_level) = ordered[0], ordered[-1]
    key = "departments-apart.one" if len(apart) == 1 else "departments-apart"
    return [Check.model_construct(
        id="departments-apart", questions=[d.question for d in apart],
        message=_text(language, key, count=_text(language, "questions", n=len(apart)),
                      text=_label(texts[first.question]),
                      high=high, high_level=short_number(high_level, language),
                      low=low, low_level=short_number(low_level, language)))]


def _critical(report: Report) -> list[Check]:
    language = report.language
    critical = sorted((q for q in report.questions if q.critical),
                      key=lambda q: (-q.urgency, q.id))
    if not critical:
        return []
    items = [_text(language, "critical.item", text=_label(q),
                   importance=short_number(q.importance or 0, language),
                   level=short_number(q.level or 0, language)) for q in critical[:3]]
    if len(critical) > 3:
        items.append(_text(language, "more", n=len(critical) - 3))
    matters = _text(language, "critical.one" if len(critical) == 1 else "critical.many")
    return [Check.model_construct(
        id="critical", questions=[q.id for q in critical],
        message=_text(language, "critical", count=len(critical), matters=matters,
                      importance=short_number(CRITICAL_IMPORTANCE, language),
                      items="; ".join(items)))]


def _coverage(report: Report) -> list[Check]:
    total = len(report.questions)
    answered = sum(q.level is not None for q in report.questions)
    if not total or answered / total >= MIN_COVERAGE:
        return []
    missing = [q.id for q in report.questions if q.level is None]
    return [Check.model_construct(id="coverage", questions=missing, message=_text(
        report.language, "coverage", answered=answered, total=total,
        share=percent(answered / total, report.language)))]


def _importance_not_asked(report: Report) -> list[Check]:
    language = report.language
    given = [q for q in report.questions if q.importance is not None and not q.asks_importance]
    if not given:
        return []
    first = given[0]
    people = list(dict.fromkeys(a.respondent for a in first.answers if a.importance is not None))
    who = people[0] if len(people) == 1 else _text(language, "who.more", who=people[0],
                                                   n=len(people) - 1)
    key = "importance-not-asked.one" if len(given) == 1 else "importance-not-asked"
    return [Check.model_construct(
        id="importance-not-asked", questions=[q.id for q in given],
        message=_text(language, key, count=_text(language, "questions", n=len(given)),
                      text=_label(first), who=who))]


def consistency_checks(report: Report) -> list[Check]:
    """Every check that applies to ``report``, in a fixed order (see the module docstring)."""
    return [*_stage_order(report), *_departments_apart(report), *_critical(report),
            *_coverage(report), *_importance_not_asked(report)]


__all__ = ["DEPARTMENT_SPREAD", "MIN_COVERAGE", "STAGE_LEAD", "consistency_checks"]
