"""``cxassess score FILE``: the report and roadmap as readable terminal text."""

from __future__ import annotations

import textwrap

from ..models import STAGE_LABELS, STAGES, Questionnaire
from ..report import Report, Roadmap
from ..roadmap import dimension_label
from ..wording import number, percent, questions, short_number, signed_number

WIDTH = 88

LABELS = {
    "en": {
        "respondent": "respondent", "respondents": "respondents", "stage": "Current stage",
        "bar": "mastery threshold", "stages": "Stages", "dimensions": "Dimensions",
        "coverage": "coverage", "roadmap": "Roadmap", "priority": "priority",
        "projected": "after this phase",
        "gaps": "Largest gaps between importance and experience",
        "importance": "importance", "level": "level", "none": "not scored",
        "by": "scorer", "no_initiatives": "(no initiatives)",
        "departments": "Departments (stage scores; respondents in brackets)",
        "disagree": "Where the departments disagree most (mean level per department)",
        "checks": "Worth checking before you present", "evidence": "In their own words",
    },
    "da": {
        "respondent": "respondent", "respondents": "respondenter", "stage": "Nuværende trin",
        "bar": "mestringstærskel", "stages": "Trin", "dimensions": "Dimensioner",
        "coverage": "dækning", "roadmap": "Køreplan", "priority": "prioritet",
        "projected": "efter denne fase",
        "gaps": "Største forskel mellem vigtighed og oplevelse",
        "importance": "vigtighed", "level": "niveau", "none": "ikke scoret",
        "by": "scoret af", "no_initiatives": "(ingen initiativer)",
        "departments": "Afdelinger (scorer pr. trin; respondenter i parentes)",
        "disagree": "Hvor afdelingerne er mest uenige (gennemsnitligt niveau pr. afdeling)",
        "checks": "Værd at tjekke, før I præsenterer", "evidence": "Med deres egne ord",
    },
}


def bar(score: float | None, width: int = 20) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _score(score: float | None) -> str:
    return "  –" if score is None else f"{score:3.0f}"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent]


def _bullets(text: str, indent: str) -> list[str]:
    wrapped = _wrap(text, indent + "  ")
    wrapped[0] = indent + "- " + wrapped[0].lstrip()
    return wrapped


def render(report: Report, roadmap: Roadmap) -> str:
    lang = report.language if report.language in LABELS else "en"
    t = LABELS[lang]
    lines: list[str] = []
    head = report.organisation + (f" · {report.sector}" if report.sector else "")
    lines.append(head)
    people = len(report.respondents)
    lines.append(f"{report.questionnaire['title']} ({report.questionnaire['id']} "
                 f"{report.questionnaire['version']}) · {people} "
                 f"{t['respondent'] if people == 1 else t['respondents']}")
    lines.append("")
    stage = STAGE_LABELS[report.current_stage][lang]
    lines.append(f"{t['stage']}: {stage} ({t['bar']} {short_number(report.mastery_bar, lang)})")
    if report.checks:
        lines.append("")
        lines.append(t["checks"])
        for check in report.checks:
            lines.extend(_bullets(check.message, "  "))
    lines.append("")
    lines.append(t["stages"])
    for s in report.stages:
        lines.append(f"  {s.label:<12} {bar(s.score)} {_score(s.score)}   {s.answered}/{s.total}")
    lines.append("")
    lines.append(t["dimensions"])
    width = max([24, *(len(d.label) for d in report.dimensions)])
    for d in report.dimensions:
        lines.append(f"  {d.label:<{width}} {bar(d.score)} {_score(d.score)}   "
                     f"{t['coverage']} {percent(d.coverage, lang)} · {t['by']} {d.scorer}")
        for finding in d.findings:
            wrapped = _wrap(finding, "      ")
            wrapped[0] = "    - " + wrapped[0].lstrip()
            lines.extend(wrapped)
    if report.gaps:
        lines.append("")
        lines.append(t["gaps"])
        for g in report.gaps[:5]:
            lines.extend(textwrap.wrap(
                f"{signed_number(g.gap, lang, 0):>4}  {g.text} ({t['importance']} "
                f"{number(g.importance, lang)}, "
                f"{t['level']} {number(g.level, lang)})", WIDTH, initial_indent="  ",
                subsequent_indent=" " * 8))
    lines.extend(_departments(report, t, lang))
    lines.append("")
    lines.append(t["roadmap"])
    for phase in roadmap.phases:
        lines.append(f"  {phase.number}. {phase.title} ({phase.horizon})")
        if not phase.initiatives:
            lines.append(f"     {t['no_initiatives']}")
        for i in phase.initiatives:
            lines.extend(_wrap(f"[{STAGE_LABELS[i.stage][lang]} · "
                               f"{dimension_label(report, i.dimension)} · {t['priority']} "
                               f"{short_number(i.priority, lang)}] {i.title}", "     "))
            lines.extend(_wrap(i.rationale, "         "))
            for step in i.actions:
                wrapped = _wrap(step, "           ")
                wrapped[0] = "         → " + wrapped[0].lstrip()
                lines.extend(wrapped)
            if i.evidence:
                lines.append(f"         {t['evidence']}:")
                for e in i.evidence:
                    lines.extend(_wrap(e.quoted, "           "))
        if phase.projected_stages:
            projected = ", ".join(f"{STAGE_LABELS[k][lang]} {_score(v).strip()}"
                                  for k, v in phase.projected_stages.items())
            lines.append(f"     → {t['projected']}: {projected}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _departments(report: Report, t: dict, lang: str) -> list[str]:
    """Departments side by side, in short: stage scores and the top disagreements."""
    if len(report.departments) < 2:
        return []
    lines = ["", t["departments"]]
    lines.append(" " * 30 + "".join(f"{STAGE_LABELS[s][lang]:>12}" for s in STAGES))
    for d in report.departments:
        name = f"{d.name[:24]} ({d.respondents})"
        lines.append(f"  {name:<28}" + "".join(f"{_score(d.stages.get(s)):>12}" for s in STAGES))
    if report.disagreements:
        lines += ["", t["disagree"]]
        for item in report.disagreements[:5]:
            means = ", ".join(f"{name} {number(level, lang)}"
                              for name, level in item.departments.items())
            lines.extend(textwrap.wrap(f"{number(item.spread, lang):>4}  {item.text} ({means})",
                                       WIDTH, initial_indent="  ", subsequent_indent=" " * 8))
    return lines


_SHOW_WORDS = {
    "en": {"weight": "weight", "importance": "importance"},
    "da": {"weight": "vægt", "importance": "vigtighed"},
}


def render_questionnaire(q: Questionnaire, language: str = "en") -> str:
    """``cxassess questionnaires show ID``: the questions with their level anchors."""
    lang = "da" if language == "da" else "en"
    words = _SHOW_WORDS[lang]
    lines = [f"{q.title.get(lang)} ({q.id} {q.version}), {questions(len(q.questions), lang)}",
             ""]
    for stage in STAGES:
        lines.append(f"== {STAGE_LABELS[stage][lang]} ==")
        for question in q.questions_in_stage(stage):
            extra = f" · {words['importance']} 1..5" if question.asks_importance else ""
            lines.append(f"{question.id}  [{', '.join(question.dimensions)} · "
                         f"{words['weight']} {short_number(question.weight, lang)}{extra}]")
            lines.extend(_wrap(question.text.get(lang), "  "))
            for level, anchor in enumerate(question.levels):
                lines.extend(textwrap.wrap(f"{level}: {anchor.get(lang)}", WIDTH,
                                           initial_indent="    ",
                                           subsequent_indent="       "))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
