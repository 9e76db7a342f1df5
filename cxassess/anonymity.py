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


def anonymise(assessment: Assessment) -> Assessment:
    """The assessment with respondents numbered in file order and every department of
    fewer than :data:`MIN_GROUP` respondents (or none) merged into "Other"."""
    lang = assessment.language
    sizes = Counter(r.department.strip() for r in assessment.respondents)
    people = [
        r.model_copy(update={
            "name": RESPONDENT[lang].format(n=n),
            "department": (r.department.strip()
                           if r.department.strip() and sizes[r.department.strip()] >= MIN_GROUP
                           else OTHER[lang]),
        })
        for n, r in enumerate(assessment.respondents, start=1)
    ]
    return assessment.model_copy(update={"respondents": people, "anonymous": True})
