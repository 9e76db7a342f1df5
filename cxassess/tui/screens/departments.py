"""The departments side by side, in short, for the results screen: each department's
stage scores and the questions the departments disagree on most (the workbook's
Departments sheet has the whole picture)."""

from __future__ import annotations

from textual.content import Content

from ...models import STAGE_LABELS, STAGES
from ...pipeline import Result
from ...wording import number
from ..widgets import fit, fmt_score

WORDS = {"en": "Where the departments disagree most (mean level per department)",
         "da": "Hvor afdelingerne er mest uenige (gennemsnitligt niveau pr. afdeling)"}
SHOWN = 3
"""How many of the disagreements the screen lists."""


def departments_section(result: Result, lang: str) -> Content | None:
    """Nothing with fewer than two departments."""
    report = result.report
    if len(report.departments) < 2:
        return None
    width = min(18, max(len(d.name) for d in report.departments))
    lines = []
    for d in report.departments:
        parts: list = [(f"{fit(d.name, width):<{width}} ", "bold")]
        for stage in STAGES:
            parts += [(f"  {STAGE_LABELS[stage][lang][:6]} ", "$text-muted"),
                      fmt_score(d.stages.get(stage)).strip().rjust(3)]
        parts.append((f"  ({d.respondents})", "$text-muted"))
        lines.append(Content.assemble(*parts))
    if report.disagreements:
        lines += [Content(""), Content.styled(WORDS["da" if lang == "da" else "en"], "bold")]
        for item in report.disagreements[:SHOWN]:
            means = " · ".join(f"{name} {number(level, lang)}"
                               for name, level in item.departments.items())
            lines.append(Content.assemble(("• ", "$accent"), item.text,
                                          (f" ({means})", "$text-muted")))
    return Content("\n").join(lines)
