"""Anonymity for staff surveys: respondents become "Respondent 1…", small departments
become "Other".

An assessment with ``anonymous = true`` (or exported with ``--anonymous``) is anonymised
once, before scoring, so every output — the workbook's cells, headers and footers, the
JSON, the text report, attributions of notes — only ever sees the anonymous names.
Pure: no I/O and no UI.
"""

from __future__ import annotations

from collections import Counter

from .models import Assessment

MIN_GROUP = 3
"""A department with fewer respondents than this is shown as "Other" when anonymous."""

OTHER = {"en": "Other", "da": "Andre"}
RESPONDENT = {"en": "Respondent {n}", "da": "Respondent {n}"}


def shown_departments(departments: list[str]) -> set[str]:
    """The departments (one entry per respondent) shown by name: each of at least
    :data:`MIN_GROUP` respondents, as long as the others pooled as "Other" are none or at
    least :data:`MIN_GROUP` too — else the smallest named ones join "Other" (ties by name),
    so "Other" never holds one or two people."""
    sizes = Counter(departments)
    named = {d: n for d, n in sizes.items() if d and n >= MIN_GROUP}
    pooled = len(departments) - sum(named.values())
    while 0 < pooled < MIN_GROUP and named:
        smallest = min(named, key=lambda d: (named[d], d))
        pooled += named.pop(smallest)
    return set(named)


def anonymise(assessment: Assessment) -> Assessment:
    """The assessment with respondents numbered in file order and every department of
    fewer than :data:`MIN_GROUP` respondents (or none) merged into "Other", which never
    holds fewer than :data:`MIN_GROUP` (see :func:`shown_departments`)."""
    lang = assessment.language
    named = shown_departments([r.department.strip() for r in assessment.respondents])
    people = [
        r.model_copy(update={
            "name": RESPONDENT[lang].format(n=n),
            "department": r.department.strip() if r.department.strip() in named else OTHER[lang],
        })
        for n, r in enumerate(assessment.respondents, start=1)
    ]
    return assessment.model_copy(update={"respondents": people, "anonymous": True})
