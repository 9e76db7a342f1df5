"""Method sheet: questionnaire, mastery bar, the four stages, plugins, sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook

from ... import __version__
from ...models import STAGES
from .labels import STAGE_MEANING
from .pages import Pages
from .styles import BOX, MUTED, Sheet, TOP, WRAP, font_style, put, stage_cell

if TYPE_CHECKING:  # pragma: no cover
    from ...pipeline import Result

NAME = {"en": "Method", "da": "Metode"}
"""The sheet's name by language."""

def write(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    questionnaire = result.loaded.questionnaire
    ws = wb.create_sheet(NAME[lang])
    sheet = Sheet(ws, [24, 30, 24, 16, 8, 30, 40], lang, report.organisation)
    row = sheet.title(t["method_title"], report.organisation)

    row = sheet.heading(row, t["about"])
    about = [
        (t["questionnaire"], questionnaire.title.get(lang)),
        (t["id"], questionnaire.id), (t["version"], questionnaire.version),
        (t["mastery_bar"], f"{report.mastery_bar:.0f} / 100. {t['mastery_text']}"),
        (t["reading"], t["reading_text"]),
        (t["made_with"], f"cxassess {__version__}"),
    ]
    for label, value in about:
        put(ws, row, 1, label, font=font_style(10, True, MUTED), align=TOP)
        sheet.merge(row, 2, 7, value, font=font_style(10.5), align=WRAP)
        sheet.fit(row, [(2, 7, value, 10.5)])
        row += 1
    row += 1

    pages = Pages(sheet)
    first = row
    row = sheet.heading(row, t["the_stages"])
    sheet.header(row, [(1, 1, t["stage"]), (2, 7, t["meaning"])])
    for stage in STAGES:
        row += 1
        meaning = STAGE_MEANING[lang][stage]
        stage_cell(sheet, row, 1, stage)
        sheet.merge(row, 2, 7, meaning, font=font_style(10.5), align=WRAP, border=BOX)
        sheet.fit(row, [(2, 7, meaning, 10.5)])
    pages.table(first, row)
    row += 2

    first = row
    row = sheet.heading(row, t["plugins"])
    sheet.header(row, [(1, 1, t["plugin"]), (2, 2, t["version"]), (3, 3, t["builtin"]),
                       (4, 7, t["scores_dims"])])
    for p in report.plugins:
        dims = ", ".join(d.label for d in report.dimensions if d.scorer == p.name)
        row += 1
        put(ws, row, 1, p.name, font=font_style(10.5, True), align=WRAP, border=BOX)
        put(ws, row, 2, p.version or "–", font=font_style(10), align=TOP, border=BOX)
        put(ws, row, 3, t["yes"] if p.builtin else t["no"], font=font_style(10), align=TOP,
             border=BOX)
        sheet.merge(row, 4, 7, dims, font=font_style(10), align=WRAP, border=BOX)
        sheet.fit(row, [(1, 1, p.name, 10.5, True), (4, 7, dims, 10)])
    pages.table(first, row)
    row += 2

    # the Published column only when a source names its publisher or year (the built-in
    # questionnaire's articles name neither: an empty column would read as missing data)
    sources = list(questionnaire.sources.values())
    dated = any(src.publisher or src.year for src in sources)
    notes = 6 if dated else 4
    first = row
    row = sheet.heading(row, t["sources"])
    sheet.header(row, [(1, 2, t["source_title"]), (3, 3, t["author"])]
                 + ([(4, 5, t["publisher"])] if dated else []) + [(notes, 7, t["notes"])])
    for src in sources:
        published = ", ".join(str(x) for x in (src.publisher, src.year) if x)
        note = _source_note(src, lang, t)
        row += 1
        sheet.merge(row, 1, 2, src.title, font=font_style(10, True), align=WRAP, border=BOX)
        put(ws, row, 3, src.author, font=font_style(10), align=WRAP, border=BOX)
        if dated:
            sheet.merge(row, 4, 5, published, font=font_style(10), align=WRAP, border=BOX)
        sheet.merge(row, notes, 7, note, font=font_style(9.5, False, MUTED), align=WRAP,
                    border=BOX)
        sheet.fit(row, [(1, 2, src.title, 10, True), (3, 3, src.author, 10),
                        (4, 5, published, 10), (notes, 7, note, 9.5)])
    pages.table(first, row)
    if report.warnings:
        row += 2
        first = row
        row = sheet.heading(row, t["warnings"])
        for w in report.warnings:
            sheet.merge(row, 1, 7, f"• {w}", font=font_style(10, False, MUTED), align=WRAP)
            sheet.fit(row, [(1, 7, f"• {w}", 10)])
            row += 1
        pages.table(first, row - 1, head=1)
    pages.finish(t["method_title"])


def _source_note(src, lang: str, t: dict) -> str:
    """A source's note in ``lang``: whether the questionnaire's authors added it, and its
    address."""
    note = src.note_in(lang)
    if src.own_addition:
        note = f"{t['own_addition']} {note}".strip()
    if src.url:
        note = f"{note}\n{src.url}".strip()
    return note
