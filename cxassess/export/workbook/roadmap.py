"""Roadmap sheet: the phases in order, each initiative a two-row card with the
executive's Owner / Due / Status, and phase columns shaded as a timeline."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.utils import get_column_letter

from ...compare import planned
from ...models import STAGE_LABELS
from ...roadmap import dimension_label
from ...urgency import TARGET_LEVEL
from .pages import Pages
from .styles import (BAND, BOX, INK, INPUT, INPUT_HEAD, MUTED, NAVY, PHASE_BAND,
                     PRIORITY_FORMAT, STAGE_COLOURS, Sheet, TOP, TOP_CENTER, WRAP, alignment,
                     font_style, put, solid_fill, stage_cell, stage_label)

if TYPE_CHECKING:  # pragma: no cover
    from ...models import Questionnaire
    from ...pipeline import Result
    from ...report import Initiative, Report

NAME = {"en": "Roadmap", "da": "Køreplan"}
"""The sheet's name by language."""

ID_HEADER = "Id"
"""The header of the hidden column that holds each initiative's id (the same in both
languages), by which ``export --previous`` finds the executive's Owner, Due and Status."""
QUESTIONS_HEADER = "Questions"
"""The header of the hidden column with what each initiative was planned for
(:func:`cxassess.compare.planned`), space-separated: a question's id when it is to reach
the standard target (level 3), ``id@4`` when it is to reach a raised one. ``export
--previous`` tells by it what is done."""


INCLUDES_HEADER = "Includes"
"""The header of the hidden column with the initiatives taken into each card (its
``included``, see :func:`included_text`), by which ``export --previous`` follows them as it
follows the cards."""


def included_text(item: Initiative, report: Report, lang: str,
                  questionnaire: Questionnaire | None = None) -> str:
    """The Includes cell of a card that took initiatives in: a JSON list of them, each with
    its id, title, stage and dimension as the sheet shows them, and its plan (as
    :func:`plan_text` writes it)."""
    return json.dumps([{"id": k.id, "title": k.title, "stage": stage_label(k.stage, lang),
                        "dimension": dimension_label(report, k.dimension, questionnaire),
                        "plan": plan_text(planned(k, report))} for k in item.included],
                      ensure_ascii=False)


def read_included(text: object) -> list[dict[str, str]]:
    """The initiatives an Includes cell lists (see :func:`included_text`): each a dict with
    ``id``, ``title``, ``stage``, ``dimension`` and ``plan``; nothing for a cell that is
    blank or not such a list (a workbook of before it, or a cell someone typed over)."""
    try:
        found = json.loads(text) if isinstance(text, str) else []
    except ValueError:
        return []
    keys = ("id", "title", "stage", "dimension", "plan")
    return [{k: str(entry.get(k) or "") for k in keys} for entry in
            (found if isinstance(found, list) else [])
            if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"].strip()]


def plan_text(plan: dict[str, float]) -> str:
    """The Questions cell of an initiative planned for ``plan`` (question id → level)."""
    return " ".join(qid if target == TARGET_LEVEL else f"{qid}@{target:g}"
                    for qid, target in plan.items())


def read_plan(text: object) -> dict[str, float]:
    """The plan a Questions cell holds (see :func:`plan_text`); a bare id, as workbooks
    written before the raised target was recorded hold them, is to reach level 3."""
    plan: dict[str, float] = {}
    for token in str(text).split() if isinstance(text, str) else ():
        qid, _, target = token.partition("@")
        try:
            plan[qid] = float(target) if target else TARGET_LEVEL
        except ValueError:
            plan[qid] = TARGET_LEVEL
    return plan

def write(wb: Workbook, result: Result, t: dict) -> None:
    """The phases in order; each initiative a two-row card (facts and the executive's
    Owner / Due / Status, then why), with the phase columns at the right shaded where the
    initiative runs, so the column of shading reads as a timeline."""
    report, roadmap, lang = result.report, result.roadmap, result.report.language
    ws = wb.create_sheet(NAME[lang])
    phases = roadmap.phases
    n = len(phases)
    c_owner, c_due, c_status, c_phase0 = 6, 7, 8, 9
    # hidden: the initiative's id, its questions and the work taken into it, for carrying
    # the work over
    c_id, c_questions, c_includes = c_phase0 + n, c_phase0 + n + 1, c_phase0 + n + 2
    widths = [7, 54, 11, 14, 8, 14, 11, 13] + [9] * n + [16, 16, 16]
    sheet = Sheet(ws, widths, lang, report.organisation)
    for col in (c_id, c_questions, c_includes):
        ws.column_dimensions[get_column_letter(col)].hidden = True
    last_col = c_id - 1
    current = stage_label(roadmap.current_stage, lang)
    counts = t["counts"].format(initiatives=len(roadmap.initiatives), phases=n)
    row = sheet.title(t["roadmap_title"], f"{report.organisation} · {t['current']}: {current}"
                                          f" · {counts} · {t['fill_in']}")
    row -= 1
    header = row
    labels = [(1, 1, t["phase"]), (2, 2, t["initiative"]), (3, 3, t["stage"]),
              (4, 4, t["dimension"]), (5, 5, t["priority"]), (c_owner, c_owner, t["owner"]),
              (c_due, c_due, t["due"]), (c_status, c_status, t["status"])]
    labels += [(c_phase0 + i, c_phase0 + i, f"{t['phase']} {p.number}\n{p.horizon}")
               for i, p in enumerate(phases)]
    labels += [(c_id, c_id, ID_HEADER), (c_questions, c_questions, QUESTIONS_HEADER),
               (c_includes, c_includes, INCLUDES_HEADER)]
    sheet.header(row, labels, centre=[1, 5] + [c_phase0 + i for i in range(n)])
    for col in (c_owner, c_due, c_status):
        ws.cell(row, col).fill = solid_fill(INPUT_HEAD)

    # the title and the table header repeat on every printed page; a card is never split
    # over two pages, nor a phase's heading parted from its first card
    pages = Pages(sheet, title_rows=header)
    status_cells = []
    for index, p in enumerate(phases):
        # the phase: number and title, then where the stages stand once it is done
        row += 1
        phase_head = row
        title = f"{t['phase']} {p.number}: {p.title} ({p.horizon})"
        sheet.merge(row, 1, last_col, title, font=font_style(11.5, True, NAVY), fill=PHASE_BAND,
                    align=alignment(vertical="center", wrap_text=True, indent=0))
        sheet.fit(row, [(1, last_col, title, 11.5, True)], minimum=1.4)
        projected = []
        if p.projected_stages:
            projected.append(f"{t['after_phase']}: " + " · ".join(
                f"{stage_label(k, lang)} {'–' if v is None else f'{v:.0f}'}"
                for k, v in p.projected_stages.items() if k in STAGE_LABELS))
        if not p.initiatives:
            projected.insert(0, t["no_initiatives"])
        if projected:
            row += 1
            text = " ".join(projected)
            sheet.merge(row, 1, last_col, text, font=font_style(9.5, False, MUTED, italic=True),
                        fill=PHASE_BAND, align=alignment(vertical="top", wrap_text=True))
            sheet.fit(row, [(1, last_col, text, 9.5)])
        for item in p.initiatives:
            row += 1
            top, why = row, row + 1
            dim = dimension_label(result.report, item.dimension, result.loaded.questionnaire)
            put(ws, top, 1, p.number, font=font_style(10.5, True), align=TOP_CENTER, border=BOX)
            put(ws, top, 2, item.title, font=font_style(10.5, True), align=WRAP, border=BOX)
            stage_cell(sheet, top, 3, item.stage)
            put(ws, top, 4, dim, font=font_style(10), align=WRAP, border=BOX)
            put(ws, top, 5, item.priority, font=font_style(10), fmt=PRIORITY_FORMAT,
                 align=TOP_CENTER, border=BOX)
            for col in (c_owner, c_status):
                put(ws, top, col, None, fill=INPUT, border=BOX, align=WRAP, font=font_style(10))
            put(ws, top, c_due, None, fill=INPUT, border=BOX, align=TOP, font=font_style(10),
                 fmt="yyyy-mm-dd" if lang == "en" else "dd-mm-yyyy")
            status_cells.append(ws.cell(top, c_status).coordinate)
            put(ws, top, c_id, item.id)
            put(ws, top, c_questions, plan_text(planned(item, report)))
            if item.included:
                put(ws, top, c_includes, included_text(item, report, lang,
                                                       result.loaded.questionnaire))
            put(ws, why, 1, t["rationale"], font=font_style(8.5, False, MUTED, italic=True),
                 align=TOP_CENTER, border=BOX)
            why_text = "\n".join([item.rationale, *(f"• {step}" for step in item.actions),
                                  *_evidence(item, t)])
            sheet.merge(why, 2, c_status, why_text, font=font_style(9.5, False, INK),
                        align=WRAP, border=BOX)
            for i in range(n):
                for r in (top, why):
                    shade = STAGE_COLOURS[item.stage] if i == index else (BAND if i % 2 else None)
                    put(ws, r, c_phase0 + i, None, fill=shade, border=BOX)
            sheet.fit(top, [(2, 2, item.title, 10.5, True), (4, 4, dim, 10)])
            sheet.fit(why, [(2, c_status, why_text, 9.5)])
            pages.block(phase_head or top, why)
            phase_head = 0
            row = why
        if phase_head:
            pages.block(phase_head, row)
    if status_cells:
        values = t["status_values"]
        dv = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True,
                            showDropDown=False, showErrorMessage=True, showInputMessage=True,
                            promptTitle=t["status"], prompt=t["status_prompt"],
                            errorTitle=t["status"], error=t["status_error"])
        dv.sqref = MultiCellRange(" ".join(status_cells))
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(header + 1, 1)
    pages.finish(t["roadmap_title"])


def _evidence(item: Initiative, t: dict) -> list[str]:
    """The respondents' own words on the initiative's questions, attributed."""
    if not item.evidence:
        return []
    return [f"{t['evidence']}:", *(e.quoted for e in item.evidence)]
