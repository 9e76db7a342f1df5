"""Progress sheet of the Trend workbook: the baseline roadmap's initiatives done, still
open, and new in the latest roadmap, then the questions that moved (and those only one
assessment has)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook

from .pages import Pages
from .styles import (BOX, MUTED, NAVY, TOP, TOP_CENTER, WRAP, Sheet, font_style, put,
                     stage_cell)
from .trend import shown_date

if TYPE_CHECKING:  # pragma: no cover
    from ...compare import Comparison

NAME = {"en": "Progress", "da": "Fremskridt"}
"""The sheet's name by language."""

WORDS = {
    "en": {"title": "Progress: what got done, what is still open",
           "subtitle": "{org} · the roadmap of {first} against the assessment of {last}",
           "initiatives": "Initiatives of the roadmap of {first}",
           "status": "Status", "initiative": "Initiative", "stage": "Stage",
           "dimension": "Dimension", "done": "Done", "open": "Open",
           "new": "New", "done_note": "Done: every question it was planned for has reached "
                                       "the level it was to reach (3 of 4; 4 where the "
                                       "roadmap raised the target). New: work in the latest "
                                       "roadmap only.",
           "questions": "Questions that moved", "question": "Question",
           "then": "Level\n{date}", "now": "Level\n{date}", "change": "Change",
           "improved": "Improved", "worse": "Fell", "added": "Answered only in the latest",
           "removed": "Answered only in the first", "no_moves": "No question changed level.",
           "none": "None."},
    "da": {"title": "Fremskridt: hvad er gennemført, og hvad er stadig åbent",
           "subtitle": "{org} · køreplanen fra {first} holdt op mod vurderingen fra {last}",
           "initiatives": "Initiativerne i køreplanen fra {first}",
           "status": "Status", "initiative": "Initiativ", "stage": "Trin",
           "dimension": "Dimension", "done": "Gennemført", "open": "Åben",
           "new": "Ny", "done_note": "Gennemført: Alle de spørgsmål, initiativet var "
                                     "planlagt for, har nået det niveau, de skulle nå (3 af "
                                     "4; 4 hvor køreplanen hævede målet). Ny: arbejde, der "
                                     "kun står i den seneste køreplan.",
           "questions": "Spørgsmål, der har flyttet sig", "question": "Spørgsmål",
           "then": "Niveau\n{date}", "now": "Niveau\n{date}", "change": "Ændring",
           "improved": "Bedre", "worse": "Faldet", "added": "Kun besvaret i den seneste",
           "removed": "Kun besvaret i den første", "no_moves": "Intet spørgsmål har skiftet niveau.",
           "none": "Ingen."},
}

STATUS_COLOURS = {"done": ("3C8D5A", "DCEFE2"), "open": ("8A6D1F", "FFF8E1"),
                  "new": ("2E5C8A", "DCE6F2")}
MOVE_COLOURS = {"improved": "3C8D5A", "worse": "C8553D", "added": MUTED, "removed": MUTED}
LEVEL_FORMAT = "0.0"
CHANGE_FORMAT = "+0.0;−0.0;0.0"


def write(wb: Workbook, c: Comparison, t: dict) -> None:
    lang = c.language
    w = WORDS[lang]
    ws = wb.create_sheet(NAME[lang])
    sheet = Sheet(ws, [16, 64, 12, 12, 12, 11], lang, c.latest.organisation, tab=NAVY)
    first_date = shown_date(c.baseline.date, lang)
    last_date = shown_date(c.latest.date, lang)
    row = sheet.title(w["title"], w["subtitle"].format(org=c.latest.organisation,
                                                       first=first_date, last=last_date))
    pages = Pages(sheet)
    first = row
    row = sheet.heading(row, w["initiatives"].format(first=first_date))
    sheet.header(row, [(1, 1, w["status"]), (2, 2, w["initiative"]), (3, 3, w["stage"]),
                       (4, 6, w["dimension"])])
    header = row
    for status in ("done", "open", "new"):
        ink, tint = STATUS_COLOURS[status]
        for item in c.with_status(status):
            dimension = c.dimension_labels.get(item.dimension, item.dimension)
            row += 1
            put(ws, row, 1, w[status], font=font_style(10.5, True, ink), fill=tint,
                border=BOX, align=TOP)
            put(ws, row, 2, item.title, font=font_style(10.5), border=BOX, align=WRAP)
            stage_cell(sheet, row, 3, item.stage)
            sheet.merge(row, 4, 6, dimension, font=font_style(10), border=BOX, align=WRAP)
            sheet.fit(row, [(2, 2, item.title, 10.5), (4, 6, dimension, 10)])
    if row == header:
        row += 1
        sheet.merge(row, 1, 6, w["none"], font=font_style(10, False, MUTED, italic=True))
    row += 1
    sheet.merge(row, 1, 6, w["done_note"], font=font_style(9, False, MUTED, italic=True),
                align=WRAP)
    sheet.fit(row, [(1, 6, w["done_note"], 9)])
    pages.table(first, row)  # the note with its table

    first = row + 2
    row = sheet.heading(first, w["questions"])
    sheet.header(row, [(1, 1, ""), (2, 2, w["question"]), (3, 3, w["stage"]),
                       (4, 4, w["then"].format(date=first_date)),
                       (5, 5, w["now"].format(date=last_date)), (6, 6, w["change"])],
                 centre=[4, 5, 6])
    header = row
    for key in ("improved", "worse", "added", "removed"):
        for move in getattr(c, key):
            text = f"{move.text} ({move.id})"
            row += 1
            put(ws, row, 1, w[key], font=font_style(10, True, MOVE_COLOURS[key]), border=BOX,
                align=WRAP)
            put(ws, row, 2, text, font=font_style(10), border=BOX, align=WRAP)
            stage_cell(sheet, row, 3, move.stage)
            put(ws, row, 4, move.before, font=font_style(10), fmt=LEVEL_FORMAT, border=BOX,
                align=TOP_CENTER)
            put(ws, row, 5, move.after, font=font_style(10), fmt=LEVEL_FORMAT, border=BOX,
                align=TOP_CENTER)
            put(ws, row, 6, move.change, font=font_style(10, True, MOVE_COLOURS[key]),
                fmt=CHANGE_FORMAT, border=BOX, align=TOP_CENTER)
            sheet.fit(row, [(1, 1, w[key], 10, True), (2, 2, text, 10)])
    if row == header:
        row += 1
        sheet.merge(row, 1, 6, w["no_moves"], font=font_style(10, False, MUTED, italic=True))
    pages.table(first, row)
    pages.finish(w["title"])
    ws.freeze_panes = None
