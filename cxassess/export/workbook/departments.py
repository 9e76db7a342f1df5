"""Departments sheet: stage and dimension scores per department as a heat map, the
respondents per department, and the questions the departments see most differently."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from ...anonymity import MIN_GROUP, OTHER
from ...models import STAGES
from ...roadmap import dimension_label
from .pages import Pages
from .styles import BOX, MUTED, Sheet, TOP_CENTER, WRAP, font_style, put, stage_cell

if TYPE_CHECKING:  # pragma: no cover
    from ...pipeline import Result

NAME = {"en": "Departments", "da": "Afdelinger"}
"""The sheet's name by language."""

WORDS = {
    "en": {
        "title": "Departments side by side",
        "intro": "Each department's own scores (0–100), computed over its respondents only; "
                 "red is low, green is high. Dimension scores per department are the plain "
                 "weighted mean of the dimension's questions.",
        "scores": "Scores by department", "respondents": "Respondents",
        "disagree": "Where the departments disagree most",
        "disagree_intro": "Mean level (0–4) per department on the questions whose department "
                          "means lie furthest apart: the customer meets a different company "
                          "depending on whom they talk to.",
        "question": "Question", "spread": "Spread", "none": "The departments agree: no "
                                                            "question lies a level or more apart.",
        "one": "Only one department has answered.",
        "pooled": "An anonymous survey shows departments of fewer than {n} respondents together "
                  "as “{other}”, so no departments are compared here.",
    },
    "da": {
        "title": "Afdelingerne side om side",
        "intro": "Hver afdelings egne scorer (0–100), beregnet ud fra afdelingens egne "
                 "respondenter; rød er lav, grøn er høj. Dimensionsscorer pr. afdeling er det "
                 "vægtede gennemsnit af dimensionens spørgsmål.",
        "scores": "Scorer pr. afdeling", "respondents": "Respondenter",
        "disagree": "Hvor afdelingerne er mest uenige",
        "disagree_intro": "Gennemsnitligt niveau (0–4) pr. afdeling på de spørgsmål, hvor "
                          "afdelingerne ligger længst fra hinanden: kunden møder en anden "
                          "virksomhed alt efter, hvem de taler med.",
        "question": "Spørgsmål", "spread": "Forskel", "none": "Afdelingerne er enige: intet "
                                                              "spørgsmål ligger et niveau "
                                                              "eller mere fra hinanden.",
        "one": "Kun én afdeling har svaret.",
        "pooled": "En anonym undersøgelse viser afdelinger med færre end {n} respondenter samlet "
                  "som “{other}”, så her sammenlignes ingen afdelinger.",
    },
}

RED, YELLOW, GREEN = "F8696B", "FFEB84", "63BE7B"


def _scale(ws, ref: str, high: float) -> None:
    ws.conditional_formatting.add(ref, ColorScaleRule(
        start_type="num", start_value=0, start_color=RED,
        mid_type="num", mid_value=high / 2, mid_color=YELLOW,
        end_type="num", end_value=high, end_color=GREEN))


def _why_none(result: Result, w: dict) -> str:
    """Why no question is listed: the departments agree, one answered, or an anonymous
    survey pooled them all."""
    departments = result.report.departments
    if len(departments) >= 2:
        return w["none"]
    if result.loaded.assessment.anonymous:
        lang = result.report.language
        return w["pooled"].format(n=MIN_GROUP, other=OTHER[lang])
    return w["one"]


def write(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    w = WORDS[lang]
    departments = report.departments
    ws = wb.create_sheet(NAME[lang])
    n = max(len(departments), 1)
    dept_width = max(9.0, min(16.0, 100 / n))
    sheet = Sheet(ws, [46] + [dept_width] * n + [9], lang, report.organisation)
    last = n + 1
    row = sheet.title(w["title"], report.organisation)
    sheet.merge(row, 1, sheet.ncols, w["intro"], font=font_style(10, False, MUTED, italic=True),
                align=WRAP)
    sheet.fit(row, [(1, sheet.ncols, w["intro"], 10)])
    row += 2
    pages = Pages(sheet)
    questionnaire = result.loaded.questionnaire
    table = row
    row = sheet.heading(row, w["scores"], 1, last)
    header = row
    sheet.header(row, [(1, 1, "")] + [(c, c, d.name) for c, d in enumerate(departments, 2)],
                 centre=range(2, last + 1))
    row += 1
    put(ws, row, 1, w["respondents"], font=font_style(10, True, MUTED), border=BOX)
    for c, d in enumerate(departments, 2):
        put(ws, row, c, d.respondents, font=font_style(10, False, MUTED), align=TOP_CENTER,
            border=BOX)
    first = row + 1
    for stage in STAGES:
        row += 1
        stage_cell(sheet, row, 1, stage)
        for c, d in enumerate(departments, 2):
            put(ws, row, c, d.stages.get(stage), font=font_style(10.5, True), fmt="0",
                align=TOP_CENTER, border=BOX)
    for dim in questionnaire.dimensions:
        row += 1
        put(ws, row, 1, dimension_label(result.report, dim, questionnaire),
            font=font_style(10.5), border=BOX)
        for c, d in enumerate(departments, 2):
            put(ws, row, c, d.dimensions.get(dim), font=font_style(10.5, True), fmt="0",
                align=TOP_CENTER, border=BOX)
    if departments:
        _scale(ws, f"B{first}:{get_column_letter(last)}{row}", 100)
    pages.table(table, row)
    row += 2

    table = row
    row = sheet.heading(row, w["disagree"], 1, last + 1)
    sheet.merge(row, 1, last + 1, w["disagree_intro"],
                font=font_style(10, False, MUTED, italic=True), align=WRAP)
    sheet.fit(row, [(1, last + 1, w["disagree_intro"], 10)])
    row += 1
    if len(departments) < 2 or not report.disagreements:
        sheet.merge(row, 1, last + 1, _why_none(result, w), font=font_style(10, False, MUTED,
                                                                             italic=True))
    else:
        sheet.header(row, [(1, 1, w["question"])]
                     + [(c, c, d.name) for c, d in enumerate(departments, 2)]
                     + [(last + 1, last + 1, w["spread"])], centre=range(2, last + 2))
        first = row + 1
        for item in report.disagreements:
            row += 1
            put(ws, row, 1, item.text, font=font_style(10), align=WRAP, border=BOX)
            for c, d in enumerate(departments, 2):
                put(ws, row, c, item.departments.get(d.name), font=font_style(10.5, True),
                    fmt="0.0", align=TOP_CENTER, border=BOX)
            put(ws, row, last + 1, item.spread, font=font_style(10.5, True, MUTED), fmt="0.0",
                align=TOP_CENTER, border=BOX)
            sheet.fit(row, [(1, 1, item.text, 10)])
        _scale(ws, f"B{first}:{get_column_letter(last)}{row}", 4)
    pages.table(table, row, head=3)  # the heading, its introduction and the header
    pages.finish(w["title"])
    ws.freeze_panes = ws.cell(header + 1, 2)
