"""The executive workbook: ``cxassess export FILE -o OUT.xlsx``.

The only module that imports openpyxl. It renders the Report and the Roadmap the core
computed and computes nothing of its own: every score, gap, priority and phase comes from
``cxassess.pipeline.Result``; this module only picks the words, the layout and the colours.

Six sheets, named in the report's language:

=========  ========  ====================================================================
en         da        holds
=========  ========  ====================================================================
Summary    Overblik  who and when, the current stage in a sentence, stage scores (bar
                     chart), dimensions (radar chart), the top five priorities, why the
                     roadmap starts with Understand and never with Seduce
Roadmap    Køreplan  the phases in order, each initiative a two-row card (stage, dimension,
                     priority, empty Owner / Due / Status with a Status drop-down, then
                     why), phase columns at the right shaded where it runs: a timeline
Scores     Scorer    every stage and dimension: score, coverage, answered/total, scorer,
                     findings
Gaps       Gab       importance versus current level, largest gaps first, with a chart
Responses  Svar      every answer of every respondent
Method     Metode    questionnaire, plugins, mastery bar, the four stages, sources
=========  ========  ====================================================================

Every text that reaches a cell goes through :func:`_put`, which stores strings as strings
(``data_type = "s"``): a respondent called ``=SUM(A1)`` or a note ``+45 …`` is shown as
typed and never becomes a formula. Cells whose text starts with ``= + - @`` (or a tab or
carriage return, as OWASP's CSV-injection guidance lists) also get Excel's *quote prefix*
style, so editing the cell later does not turn it into a formula either; the visible text
is unchanged.
"""

from __future__ import annotations

import io
import math
from copy import copy
from functools import lru_cache
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, RadarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.legend import LegendEntry
from openpyxl.chart.series import DataPoint, SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__
from ..loading import InputError, atomic_write_bytes
from ..models import STAGE_LABELS, STAGES

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Result
    from ..report import Initiative, Report, Roadmap

__all__ = ["SHEETS", "STAGE_COLOURS", "build_workbook", "write_workbook", "workbook_bytes"]

# --------------------------------------------------------------------------- palette

STAGE_COLOURS = {"understand": "2E5C8A", "fix": "C8553D", "refine": "3C8D5A",
                 "seduce": "7A52B3"}
"""One colour per stage, used in every sheet and chart."""
STAGE_TINTS = {"understand": "DCE6F2", "fix": "F8E0D9", "refine": "DCEFE2",
               "seduce": "E9E1F4"}
NAVY = "1F3A5F"
INK = "1F2937"
MUTED = "5B6472"
RULE = "C5CCD6"
BAND = "F4F6F9"
INPUT = "FFF8E1"
INPUT_HEAD = "8A6D1F"
PHASE_BAND = "E6EBF2"
MASTERY = "8A94A6"
DIMENSION_COLOUR = "1F3A5F"

FONT = "Calibri"
LINE_PT = 15.0  # height of one line of 11 pt text, in points
PRIORITY_FORMAT = "0.0"

_THIN = Side(style="thin", color=RULE)
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNDER = Border(bottom=Side(style="medium", color=NAVY))

SHEETS = {
    "en": {"summary": "Summary", "roadmap": "Roadmap", "scores": "Scores", "gaps": "Gaps",
           "responses": "Responses", "method": "Method"},
    "da": {"summary": "Overblik", "roadmap": "Køreplan", "scores": "Scorer", "gaps": "Gab",
           "responses": "Svar", "method": "Metode"},
}
"""Sheet names by language, in workbook order."""

# --------------------------------------------------------------------------- words

T: dict[str, dict[str, str]] = {
    "en": {
        "title": "Customer experience maturity",
        "subject": "Customer experience maturity assessment (the four Fs) and roadmap",
        "organisation": "Organisation", "sector": "Sector", "date": "Date",
        "assessor": "Assessor", "respondents": "Respondents", "questionnaire": "Questionnaire",
        "where": "Where the organisation stands", "current": "Current stage",
        "stage_scores": "Stage scores", "dimension_scores": "Dimension scores",
        "stage": "Stage", "dimension": "Dimension", "score": "Score",
        "mastery_bar": "Mastery bar", "bar_short": "Mastery bar",
        "coverage": "Coverage", "answered": "Answered",
        "answered_total": "Answered /\ntotal", "scorer": "Scorer", "findings": "Findings",
        "top5": "Top five priorities", "initiative": "Initiative", "phase": "Phase",
        "priority": "Priority", "rationale": "Why", "why_title":
            "Why the roadmap starts with Understand and never with Seduce",
        "why": (
            "The four Fs are also a work plan: understand before you fix, fix before you "
            "refine or seduce. Every roadmap therefore begins by getting close to customers "
            "and seeing their journeys from their side; for a mature organisation that is a "
            "short refresh, and reading the analyses that already exist may be enough. Fix "
            "and Refine then run together: the most important fixes come first so the "
            "experience stops hurting, while a few chosen peaks keep the work from going "
            "cold. Seduce (omnichannel, personalisation, data integrated across "
            "touchpoints) needs a solid foundation of data, tracking and collaboration "
            "across departments, so it is the long-term goal and never where the work "
            "starts."),
        "roadmap_title": "Roadmap: what happens in which phase",
        "counts": "initiatives: {initiatives} · phases: {phases}",
        "phases": "Phases", "after_phase": "Stage scores after this phase",
        "owner": "Owner", "due": "Due", "status": "Status",
        "status_values": "Not started,In progress,Done,On hold",
        "status_prompt": "Choose the initiative's status.",
        "status_error": "Choose one of the listed values.",
        "fill_in": "Owner, Due and Status are for you to fill in.",
        "no_initiatives": "No initiatives in this phase.",
        "scores_title": "Scores: every stage and dimension",
        "stages": "Stages", "dimensions": "Dimensions", "core": "cxassess (core)",
        "current_marker": "Current stage.", "not_scored": "not scored",
        "no_answers": "No question in this stage was answered.",
        "gaps_title": "Gaps: importance versus today's level",
        "gaps_intro": ("Questions where respondents rated how important the point is to "
                       "customers (1–5) and how well it works today (level 0–4). The gap puts "
                       "both on one 0–100 scale: the larger, the more urgent."),
        "question": "Question", "importance": "Importance\n(1–5)", "level": "Level\n(0–4)",
        "gap": "Gap\n(0–100)", "gap_chart": "Largest gaps between importance and experience",
        "no_gaps": "No question that asks importance has both a level and an importance yet.",
        "responses_title": "Responses: every answer of every respondent",
        "respondent": "Respondent", "department": "Department",
        "level_short": "Level", "level_text": "What the level means",
        "importance_short": "Importance", "note": "Note", "na": "n/a",
        "na_text": "Not applicable (left out of the scores)",
        "method_title": "Method: how this assessment was made",
        "about": "About this assessment", "version": "Version", "id": "Id",
        "mastery_text": ("A stage counts as mastered when its score reaches the mastery bar. "
                         "The current stage is the first stage, in the order Understand, "
                         "Fix, Refine, Seduce, that is below the bar."),
        "the_stages": "The four stages", "meaning": "What it means",
        "reading": "How to read the scores",
        "reading_text": ("Each question is answered on five levels, 0 (nothing in place) to 4 "
                         "(best practice), by one or more respondents; answers are averaged "
                         "per question and weighted into stage and dimension scores from 0 "
                         "to 100. Answers marked n/a are left out, never counted as 0. "
                         "Coverage is the share of a dimension's questions that were "
                         "answered."),
        "plugins": "Scorer plugins", "plugin": "Plugin", "builtin": "Built-in",
        "yes": "yes", "no": "no", "scores_dims": "Scores",
        "sources": "Sources of the method", "source_title": "Title", "author": "Author",
        "publisher": "Published", "notes": "Note",
        "own_addition": "The questionnaire's own addition.",
        "warnings": "Notes from scoring", "made_with": "Made with",
        "page": "Page &P of &N",
        "current_sentence": "{org} is at the {stage} stage: {stage} scores {score} of 100, "
                            "below the mastery bar of {bar}. {meaning}",
        "current_none": "{org} is at the {stage} stage: no question in {stage} has been "
                        "answered yet, so it cannot count as mastered. {meaning}",
        "current_all": "{org} clears the mastery bar of {bar} in every stage and works at "
                       "the Seduce stage ({score} of 100). {meaning}",
    },
    "da": {
        "title": "Modenhed i kundeoplevelsen",
        "subject": "Vurdering af modenhed i kundeoplevelsen (de fire F’er) og køreplan",
        "organisation": "Organisation", "sector": "Branche", "date": "Dato",
        "assessor": "Konsulent", "respondents": "Respondenter",
        "questionnaire": "Spørgeskema",
        "where": "Hvor organisationen står", "current": "Nuværende trin",
        "stage_scores": "Score pr. trin", "dimension_scores": "Score pr. dimension",
        "stage": "Trin", "dimension": "Dimension", "score": "Score",
        "mastery_bar": "Mestringsgrænse", "bar_short": "Mestrings-\ngrænse",
        "coverage": "Dækning", "answered": "Besvaret",
        "answered_total": "Besvaret /\ni alt", "scorer": "Scorer", "findings": "Fund",
        "top5": "De fem vigtigste prioriteter", "initiative": "Initiativ", "phase": "Fase",
        "priority": "Prioritet", "rationale": "Hvorfor", "why_title":
            "Hvorfor køreplanen starter med Forstå og aldrig med Forfør",
        "why": (
            "De fire F’er er også en arbejdsplan: forstå, før I fixer, og fix, før I "
            "forfiner eller forfører. Derfor begynder enhver køreplan med at komme tæt på "
            "kunderne og se rejsen fra deres side; for en moden organisation er det en kort "
            "genopfriskning, og det kan være nok at læse de analyser, der allerede findes. "
            "Derefter kører Fix og Forfin sammen: De vigtigste fejl rettes først, så "
            "oplevelsen holder op med at gøre ondt, mens nogle få udvalgte højdepunkter "
            "holder arbejdet varmt. Forfør (omnikanal, personalisering og data integreret "
            "på tværs af kontaktpunkter) kræver et solidt fundament af data, tracking og "
            "samarbejde på tværs af afdelinger. Derfor er Forfør det langsigtede mål og "
            "aldrig dér, arbejdet begynder."),
        "roadmap_title": "Køreplan: hvad sker der i hvilken fase",
        "counts": "initiativer: {initiatives} · faser: {phases}",
        "phases": "Faser", "after_phase": "Score pr. trin efter denne fase",
        "owner": "Ansvarlig", "due": "Frist", "status": "Status",
        "status_values": "Ikke startet,I gang,Færdig,Sat på pause",
        "status_prompt": "Vælg initiativets status.",
        "status_error": "Vælg en af værdierne på listen.",
        "fill_in": "Ansvarlig, Frist og Status udfylder I selv.",
        "no_initiatives": "Ingen initiativer i denne fase.",
        "scores_title": "Scorer: alle trin og dimensioner",
        "stages": "Trin", "dimensions": "Dimensioner", "core": "cxassess (kernen)",
        "current_marker": "Nuværende trin.", "not_scored": "ikke scoret",
        "no_answers": "Intet spørgsmål på dette trin er besvaret.",
        "gaps_title": "Gab: vigtighed over for niveauet i dag",
        "gaps_intro": ("Spørgsmål, hvor respondenterne har vurderet, hvor vigtigt punktet er "
                       "for kunderne (1–5), og hvor godt det virker i dag (niveau 0–4). Gabet "
                       "sætter begge på én skala fra 0 til 100: jo større, jo mere presserende."),
        "question": "Spørgsmål", "importance": "Vigtighed\n(1–5)", "level": "Niveau\n(0–4)",
        "gap": "Gab\n(0–100)", "gap_chart": "Største gab mellem vigtighed og oplevelse",
        "no_gaps": "Intet spørgsmål om vigtighed har endnu både et niveau og en vigtighed.",
        "responses_title": "Svar: alle respondenters svar",
        "respondent": "Respondent", "department": "Afdeling",
        "level_short": "Niveau", "level_text": "Hvad niveauet betyder",
        "importance_short": "Vigtighed", "note": "Note", "na": "i/r",
        "na_text": "Ikke relevant (tæller ikke med i scoren)",
        "method_title": "Metode: sådan er vurderingen lavet",
        "about": "Om vurderingen", "version": "Version", "id": "Id",
        "mastery_text": ("Et trin regnes for mestret, når dets score når mestringsgrænsen. "
                         "Det nuværende trin er det første trin i rækkefølgen Forstå, Fix, "
                         "Forfin, Forfør, der ligger under grænsen."),
        "the_stages": "De fire trin", "meaning": "Hvad trinnet betyder",
        "reading": "Sådan læses scorerne",
        "reading_text": ("Hvert spørgsmål besvares på fem niveauer, fra 0 (intet på plads) til "
                         "4 (bedste praksis), af en eller flere respondenter; svarene midles "
                         "pr. spørgsmål og vægtes sammen til scorer fra 0 til 100 for trin "
                         "og dimensioner. Svar markeret i/r (ikke relevant) udelades og "
                         "tæller aldrig som 0. Dækning er den andel af en dimensions "
                         "spørgsmål, der er besvaret."),
        "plugins": "Scorer-plugins", "plugin": "Plugin", "builtin": "Indbygget",
        "yes": "ja", "no": "nej", "scores_dims": "Scorer",
        "sources": "Metodens kilder", "source_title": "Titel", "author": "Forfatter",
        "publisher": "Udgivet", "notes": "Note",
        "own_addition": "Spørgeskemaets egen tilføjelse.",
        "warnings": "Bemærkninger fra scoringen", "made_with": "Lavet med",
        "page": "Side &P af &N",
        "current_sentence": "{org} står på trinnet {stage}: {stage} scorer {score} af 100, "
                            "under mestringsgrænsen på {bar}. {meaning}",
        "current_none": "{org} står på trinnet {stage}: Intet spørgsmål i {stage} er besvaret "
                        "endnu, så trinnet kan ikke regnes for mestret. {meaning}",
        "current_all": "{org} når mestringsgrænsen på {bar} på alle trin og arbejder på "
                       "trinnet Forfør ({score} af 100). {meaning}",
    },
}

STAGE_MEANING = {
    "en": {
        "understand": "See what customers experience by mapping their journeys: what they "
                      "do, how each step feels, how important it is to them, and where the "
                      "gap between importance and experience is largest.",
        "fix": "Fix what does not work at the points that simply must work: understandable "
               "products and communication, platforms without errors, the right tracking, "
               "staff equipped to deliver, no silos the customer runs into. Worst first.",
        "refine": "Create peaks at the journey points that matter most to customers: deliver "
                  "above expectation, with segmented experiences and targeted dialogue built "
                  "on the data collected.",
        "seduce": "A coherent experience across channels, products and touchpoints: "
                  "omnichannel, personalised offers from integrated data, a recognisable "
                  "brand everywhere, and systems that let staff deliver it.",
    },
    "da": {
        "understand": "Se, hvad kunderne oplever, ved at kortlægge deres rejser: hvad de gør, "
                      "hvordan hvert trin opleves, hvor vigtigt det er for dem, og hvor gabet "
                      "mellem vigtighed og oplevelse er størst.",
        "fix": "Ret det, der ikke virker, på de punkter, der bare skal virke: forståelige "
               "produkter og kommunikation, platforme uden fejl, den rigtige tracking, "
               "medarbejdere klædt på til at levere og ingen siloer, kunden støder ind i. "
               "Det værste først.",
        "refine": "Skab højdepunkter på de punkter i rejsen, der betyder mest for kunderne: "
                  "lever over forventning med segmenterede oplevelser og målrettet dialog "
                  "bygget på de indsamlede data.",
        "seduce": "En sammenhængende oplevelse på tværs af kanaler, produkter og "
                  "kontaktpunkter: omnikanal, personlige tilbud ud fra integrerede data, et "
                  "genkendeligt brand overalt og systemer, der lader medarbejderne levere det.",
    },
}

NEXT_STEP = {
    "en": {"understand": "The next step is to understand:",
           "fix": "The next step is to fix:", "refine": "The next step is to refine:",
           "seduce": "The work now is to seduce:"},
    "da": {"understand": "Næste skridt er at forstå:", "fix": "Næste skridt er at fixe:",
           "refine": "Næste skridt er at forfine:", "seduce": "Arbejdet nu er at forføre:"},
}

# --------------------------------------------------------------------------- cells

_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_CELL = 32767


def _clean(text: str) -> str:
    """A string Excel accepts: no control characters it forbids, not over its limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > _MAX_CELL:
        text = text[: _MAX_CELL - 1] + "…"
    return text


def _put(ws: Worksheet, row: int, col: int, value: Any = None, *, font: Font | None = None,
         fill: str | None = None, align: Alignment | None = None, border: Border | None = None,
         fmt: str | None = None):
    """Write one cell. Strings are always stored as text, never as formulas."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        text = _clean(value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(_RISKY_START):
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value
    if font is None and fill is None and align is None and border is None and fmt is None:
        return cell
    # Setting a style through openpyxl hashes every style object each time; a fresh cell
    # with a combination seen before gets a copy of that cell's style instead (the style
    # objects are cached, so their ids are stable for the workbook's lifetime).
    cache = _style_cache(ws)
    key = (id(font), fill, id(align), id(border), fmt, cell.quotePrefix)
    if not cell.has_style and key in cache:
        cell._style = copy(cache[key][0])
        return cell
    fresh = not cell.has_style or (cell.quotePrefix and not _has_other_style(cell))
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = _fill(fill)
    if align is not None:
        cell.alignment = align
    if border is not None:
        cell.border = border
    if fmt is not None:
        cell.number_format = fmt
    if fresh:
        cache[key] = (copy(cell._style), font, align, border)
    return cell


def _style_cache(ws: Worksheet) -> dict:
    wb = ws.parent
    cache = getattr(wb, "_cxassess_styles", None)
    if cache is None:
        cache = wb._cxassess_styles = {}
    return cache


def _has_other_style(cell) -> bool:
    st = cell._style
    return bool(st.fontId or st.fillId or st.borderId or st.numFmtId or st.alignmentId)


@lru_cache(maxsize=None)
def _font(size: float = 11, bold: bool = False, color: str = INK, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, color=color, italic=italic)


@lru_cache(maxsize=None)
def _align(**kwargs: Any) -> Alignment:
    return Alignment(**kwargs)


@lru_cache(maxsize=None)
def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=colour, end_color=colour)


WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
TOP = Alignment(vertical="top")
TOP_CENTER = Alignment(vertical="top", horizontal="center")
HEAD = Alignment(wrap_text=True, vertical="center")
HEAD_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


# Advance widths of Calibri (and the metric-compatible Carlito), in 1/100 em: enough to
# estimate how many lines a wrapped cell needs, so rows get a height that shows all text
# in Excel and LibreOffice alike (neither fits row heights to merged cells by itself).
_GLYPHS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
           "abcdefghijklmnopqrstuvwxyz{|}~æøåÆØÅéèüöäÉÜÖÄ–—“”‘’…•·«»°×")
_ADVANCES = (23, 33, 40, 50, 51, 71, 68, 22, 30, 30, 50, 50, 25, 31, 25, 39, 51, 51, 51, 51,
             51, 51, 51, 51, 51, 51, 27, 27, 50, 50, 50, 46, 89, 58, 54, 53, 62, 49, 46, 63,
             62, 25, 32, 52, 42, 85, 65, 66, 52, 67, 54, 46, 49, 64, 57, 89, 52, 49, 47, 31,
             39, 31, 50, 50, 29, 48, 53, 42, 53, 50, 31, 47, 53, 23, 24, 45, 23, 80, 53, 53,
             53, 53, 35, 39, 33, 53, 45, 71, 43, 45, 40, 31, 46, 31, 50, 77, 53, 48, 76, 66,
             58, 50, 50, 53, 53, 48, 49, 64, 66, 58, 50, 91, 42, 42, 25, 25, 69, 50, 25, 51,
             51, 34, 50)
_EM = dict(zip(_GLYPHS, (a / 100 for a in _ADVANCES)))
_PT_PER_UNIT = 5.25  # one unit of column width is 7 px at 96 dpi in Excel
A4_LONG_IN, A4_SHORT_IN = 297 / 25.4, 210 / 25.4


def _em(text: str) -> float:
    return sum(_EM.get(ch, 0.55 if ch < "\u2e80" else 1.0) for ch in text)


def _lines(text: str, width: float, size: float = 11, bold: bool = False) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` units wide."""
    room = max(1.0, (width * _PT_PER_UNIT - 5) / (size * (1.04 if bold else 1.0)))
    total = 0
    for part in (text or "").split("\n"):
        lines, used = 1, 0.0
        for word in part.split(" "):
            w = _em(word)
            if used and used + _EM[" "] + w > room:
                lines, used = lines + 1, 0.0
            elif used:
                used += _EM[" "]
            while w > room:  # a word longer than the line breaks anywhere
                lines, w = lines + 1, w - room
            used += w
        total += lines
    return total


def _line_pt(size: float) -> float:
    """Height of one line of text in Excel (15 pt for 11 pt Calibri)."""
    return size * 1.3 + 0.75


class Sheet:
    """A worksheet with known column widths, so rows of wrapped text get a fitting
    height (LibreOffice does not fit row heights when it opens an .xlsx, and neither
    application fits rows with merged cells)."""

    def __init__(self, ws: Worksheet, widths: Sequence[float], lang: str, org: str,
                 tab: str = NAVY):
        self.ws, self.widths, self.lang = ws, list(widths), lang
        for i, w in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.sheet_view.showGridLines = False
        ws.sheet_properties.tabColor = tab
        _page_setup(ws, lang, org)

    @property
    def ncols(self) -> int:
        return len(self.widths)

    def width(self, first: int, last: int | None = None) -> float:
        last = first if last is None else last
        return sum(self.widths[first - 1:last])

    def fit(self, row: int, cells: Iterable[tuple], minimum: float = 1):
        """Set ``row``'s height to the tallest of ``cells``: (first col, last col, text,
        font size[, bold])."""
        height = minimum * LINE_PT
        for first, last, text, size, *bold in cells:
            lines = _lines(str(text or ""), self.width(first, last), size, bool(bold and bold[0]))
            height = max(height, lines * _line_pt(size))
        self.ws.row_dimensions[row].height = math.ceil(height + 2)

    def merge(self, row: int, first: int, last: int, value: Any = None, **style):
        cell = _put(self.ws, row, first, value, **style)
        if last > first:
            for col in range(first + 1, last + 1):
                extra = {k: v for k, v in style.items() if k in ("fill", "border")}
                _put(self.ws, row, col, None, **extra)
            self.ws.merge_cells(start_row=row, start_column=first, end_row=row,
                                end_column=last)
        return cell

    def title(self, text: str, subtitle: str = "") -> int:
        """Title row (and a subtitle row); returns the next free row."""
        self.merge(1, 1, self.ncols, text, font=_font(16, True, "FFFFFF"), fill=NAVY,
                   align=_align(vertical="center", indent=1))
        self.ws.row_dimensions[1].height = 30
        if subtitle:
            self.merge(2, 1, self.ncols, subtitle, font=_font(11, False, MUTED),
                       align=_align(vertical="center", indent=1, wrap_text=True))
            self.ws.row_dimensions[2].height = 20
            return 4
        return 3

    def heading(self, row: int, text: str, first: int = 1, last: int | None = None) -> int:
        last = self.ncols if last is None else last
        for col in range(first, last + 1):
            _put(self.ws, row, col, text if col == first else None,
                 font=_font(12, True, NAVY), border=_UNDER,
                 align=_align(vertical="bottom"))
        self.ws.row_dimensions[row].height = 22
        return row + 1

    def header(self, row: int, labels: Sequence[tuple[int, int, str]], centre: Iterable[int] = ()):
        """A table header row: (first col, last col, label)."""
        centre = set(centre)
        for first, last, label in labels:
            self.merge(row, first, last, label, font=_font(10.5, True, "FFFFFF"), fill=NAVY,
                       align=HEAD_CENTER if first in centre else HEAD, border=_BOX)
        self.fit(row, [(f, l, t, 10.5, True) for f, l, t in labels])


def _page_setup(ws: Worksheet, lang: str, org: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.header = 0.2
    ws.page_margins.footer = 0.25
    ws.oddFooter.left.text = _clean(org).replace("&", "&&")[:120]
    ws.oddFooter.left.size = 8
    ws.oddFooter.left.color = MUTED
    ws.oddFooter.center.text = "&A"
    ws.oddFooter.center.size = 8
    ws.oddFooter.center.color = MUTED
    ws.oddFooter.right.text = T[lang]["page"]
    ws.oddFooter.right.size = 8
    ws.oddFooter.right.color = MUTED


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _stage(stage: str, lang: str) -> str:
    return STAGE_LABELS[stage][lang]


def _dimension_label(result: Result, dim: str) -> str:
    lang = result.report.language
    found = result.report.dimension(dim)
    if found is not None:
        return found.label
    known = result.loaded.questionnaire.dimensions.get(dim)
    return known.label.get(lang) if known is not None else dim


def _stage_cell(sheet: Sheet, row: int, col: int, stage: str) -> None:
    _put(sheet.ws, row, col, _stage(stage, sheet.lang),
         font=_font(10.5, True, STAGE_COLOURS[stage]), fill=STAGE_TINTS[stage],
         align=TOP, border=_BOX)


# --------------------------------------------------------------------------- charts


def _text_props(size: float = 9, color: str = INK, bold: bool = False) -> RichText:
    cp = CharacterProperties(sz=int(size * 100), b=bold, solidFill=color)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=cp), endParaRPr=cp)])


def _axis_style(axis, size: float = 9) -> None:
    axis.delete = False
    axis.txPr = _text_props(size, MUTED)


def _stage_chart(ws: Worksheet, t: dict, first_row: int, last_row: int, cat_col: int,
                 score_col: int, bar_col: int, stages: Sequence[str]) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.style = 10
    chart.title = t["stage_scores"]
    chart.title.tx.rich.p[0].pPr = ParagraphProperties(
        defRPr=CharacterProperties(sz=1100, b=True, solidFill=NAVY))
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 20
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="E3E7ED"))
    chart.y_axis.number_format = "0"
    _axis_style(chart.x_axis, 9)
    _axis_style(chart.y_axis, 8)
    data = Reference(ws, min_col=score_col, min_row=first_row - 1, max_row=last_row)
    cats = Reference(ws, min_col=cat_col, min_row=first_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    series = chart.series[0]
    series.graphicalProperties.line.noFill = True
    for i, stage in enumerate(stages):
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = STAGE_COLOURS[stage]
        point.graphicalProperties.line.noFill = True
        series.dPt.append(point)
    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(series.dLbls, flag, False)
    series.dLbls.numFmt = "0"
    series.dLbls.position = "outEnd"
    series.dLbls.txPr = _text_props(9, INK, True)
    chart.gapWidth = 60

    line = LineChart()
    line.add_data(Reference(ws, min_col=bar_col, min_row=first_row - 1, max_row=last_row),
                  titles_from_data=True)
    mastery = line.series[0]
    mastery.tx = SeriesLabel(v=t["mastery_bar"])
    mastery.graphicalProperties.line.solidFill = MASTERY
    mastery.graphicalProperties.line.dashStyle = "dash"
    mastery.graphicalProperties.line.width = 19050
    mastery.marker.symbol = "none"
    mastery.smooth = False
    chart += line
    # the bars carry the stage colours; the legend explains only the dashed mastery bar
    chart.legend.legendEntry = [LegendEntry(idx=0, delete=True)]
    chart.legend.position = "b"
    chart.legend.txPr = _text_props(8, MUTED)
    chart.height = 7.4
    chart.width = 9.6
    return chart


def _dimension_chart(ws: Worksheet, t: dict, first_row: int, last_row: int, cat_col: int,
                     score_col: int, bar_col: int) -> RadarChart:
    chart = RadarChart()
    chart.type = "marker"
    chart.style = 10
    chart.title = t["dimension_scores"]
    chart.title.tx.rich.p[0].pPr = ParagraphProperties(
        defRPr=CharacterProperties(sz=1100, b=True, solidFill=NAVY))
    cats = Reference(ws, min_col=cat_col, min_row=first_row, max_row=last_row)
    for col in (score_col, bar_col):
        chart.add_data(Reference(ws, min_col=col, min_row=first_row - 1, max_row=last_row),
                       titles_from_data=True)
    chart.set_categories(cats)
    score, mastery = chart.series
    score.tx, mastery.tx = SeriesLabel(v=t["score"]), SeriesLabel(v=t["mastery_bar"])
    score.graphicalProperties.line.solidFill = DIMENSION_COLOUR
    score.graphicalProperties.line.width = 28575
    score.marker.symbol = "circle"
    score.marker.size = 6
    score.marker.graphicalProperties = GraphicalProperties(solidFill=DIMENSION_COLOUR)
    score.marker.graphicalProperties.line.solidFill = DIMENSION_COLOUR
    mastery.graphicalProperties.line.solidFill = MASTERY
    mastery.graphicalProperties.line.dashStyle = "dash"
    mastery.graphicalProperties.line.width = 15875
    mastery.marker.symbol = "none"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 25
    chart.y_axis.number_format = "0"
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="D5DAE1"))
    _axis_style(chart.x_axis, 8.5)
    _axis_style(chart.y_axis, 7)
    chart.visible_cells_only = False  # the spoke labels live in a hidden column
    chart.legend.position = "b"
    chart.legend.txPr = _text_props(8, MUTED)
    chart.plot_area.layout = Layout(manualLayout=ManualLayout(
        layoutTarget="inner", xMode="edge", yMode="edge", x=0.22, y=0.2, w=0.56, h=0.6))
    return chart


def _gap_chart(ws: Worksheet, t: dict, first_row: int, last_row: int, cat_col: int,
               gap_col: int, stages: Sequence[str]) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = t["gap_chart"]
    chart.title.tx.rich.p[0].pPr = ParagraphProperties(
        defRPr=CharacterProperties(sz=1100, b=True, solidFill=NAVY))
    chart.add_data(Reference(ws, min_col=gap_col, min_row=first_row - 1, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=cat_col, min_row=first_row, max_row=last_row))
    series = chart.series[0]
    series.graphicalProperties.line.noFill = True
    for i, stage in enumerate(stages):
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = STAGE_COLOURS[stage]
        point.graphicalProperties.line.noFill = True
        series.dPt.append(point)
    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(series.dLbls, flag, False)
    series.dLbls.numFmt = "0"
    series.dLbls.position = "outEnd"
    series.dLbls.txPr = _text_props(8, INK, True)
    chart.x_axis.scaling.orientation = "maxMin"  # largest gap on top
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 25
    chart.y_axis.number_format = "0"
    chart.y_axis.crosses = "max"
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="E3E7ED"))
    _axis_style(chart.x_axis, 8)
    _axis_style(chart.y_axis, 8)
    chart.gapWidth = 50
    chart.legend = None
    chart.visible_cells_only = False  # the short labels live in a hidden column
    return chart


# --------------------------------------------------------------------------- sheets


def _summary(wb: Workbook, result: Result, t: dict) -> None:
    report, roadmap, lang = result.report, result.roadmap, result.report.language
    ws = wb.active
    ws.title = SHEETS[lang]["summary"]
    # A rank | B name | C–E numbers | F gap | G–N charts and wide texts
    sheet = Sheet(ws, [5, 32, 10, 10, 10, 2] + [11.5] * 4 + [15] * 4, lang,
                  report.organisation)
    sheet.ws.page_setup.fitToHeight = 1
    row = sheet.title(f"{t['title']}: {report.organisation}")

    facts = [
        (t["organisation"], report.organisation), (t["sector"], report.sector),
        (t["date"], report.date), (t["assessor"], report.assessor),
        (t["respondents"], _respondent_summary(report)),
        (t["questionnaire"], f"{report.questionnaire.get('title', '')} "
                             f"({report.questionnaire.get('id', '')} "
                             f"{report.questionnaire.get('version', '')})"),
    ]
    top = row
    for label, value in facts:
        _put(ws, row, 1, label, font=_font(10, True, MUTED), align=TOP)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.merge(row, 3, 6, value or "–", font=_font(10.5), align=WRAP)
        sheet.fit(row, [(3, 6, value or "–", 10.5)])
        row += 1

    # the current stage, in one sentence, beside the facts
    stage = report.current_stage
    sentence = _current_sentence(report, t, lang)
    _put(ws, top, 7, t["where"], font=_font(10, True, MUTED))
    ws.merge_cells(start_row=top, start_column=7, end_row=top, end_column=14)
    box_rows = max(row - top - 1, 3)
    first_box = top + 1
    for r in range(first_box, first_box + box_rows):
        for c in range(7, 15):
            _put(ws, r, c, None, fill=STAGE_TINTS[stage])
    _put(ws, first_box, 7, sentence, font=_font(11.5, False, INK),
         align=_align(wrap_text=True, vertical="center", indent=1))
    for c in range(7, 15):
        ws.cell(first_box, c).border = Border(left=Side(style="thick", color=STAGE_COLOURS[stage])) \
            if c == 7 else Border()
    ws.merge_cells(start_row=first_box, start_column=7, end_row=first_box + box_rows - 1,
                   end_column=14)
    need = _lines(sentence, sheet.width(7, 14) - 2, 11.5) * _line_pt(11.5) + 8
    have = sum(ws.row_dimensions[r].height or LINE_PT for r in range(first_box, first_box + box_rows))
    if need > have:
        last = first_box + box_rows - 1
        ws.row_dimensions[last].height = (ws.row_dimensions[last].height or LINE_PT) + need - have
    row = max(row, first_box + box_rows) + 1

    # stage and dimension tables (left) feed the charts (right)
    chart_top = row
    row = sheet.heading(row, t["stage_scores"], 1, 5)
    sheet.header(row, [(1, 2, t["stage"]), (3, 3, t["score"]), (4, 4, t["answered_total"]),
                       (5, 5, t["bar_short"])], centre=(3, 4, 5))
    first = row + 1
    for s in report.stages:
        row += 1
        _put(ws, row, 1, None, fill=STAGE_COLOURS[s.id], border=_BOX)
        _put(ws, row, 2, s.label, font=_font(10.5, s.id == stage, INK), border=_BOX,
             fill=STAGE_TINTS[s.id] if s.id == stage else None)
        _put(ws, row, 3, _score(s.score), font=_font(10.5, True), fmt="0",
             align=_align(horizontal="center"), border=_BOX)
        _put(ws, row, 4, f"{s.answered} / {s.total}", font=_font(10, False, MUTED),
             align=_align(horizontal="center"), border=_BOX)
        _put(ws, row, 5, report.mastery_bar, font=_font(10, False, MUTED), fmt="0",
             align=_align(horizontal="center"), border=_BOX)
    stage_rows = (first, row)
    row += 2
    row = sheet.heading(row, t["dimension_scores"], 1, 5)
    sheet.header(row, [(1, 2, t["dimension"]), (3, 3, t["score"]), (4, 4, t["coverage"]),
                       (5, 5, t["bar_short"])], centre=(3, 4, 5))
    first = row + 1
    for d in report.dimensions:
        row += 1
        sheet.merge(row, 1, 2, d.label, font=_font(10.5), border=_BOX)
        _put(ws, row, 3, _score(d.score), font=_font(10.5, True), fmt="0",
             align=_align(horizontal="center"), border=_BOX)
        _put(ws, row, 4, d.coverage, font=_font(10, False, MUTED), fmt="0%",
             align=_align(horizontal="center"), border=_BOX)
        _put(ws, row, 5, report.mastery_bar, font=_font(10, False, MUTED), fmt="0",
             align=_align(horizontal="center"), border=_BOX)
    # the charts stand beside the tables, as tall as they are
    height = max(_rows_cm(ws, chart_top, row), 7.0)
    chart = _stage_chart(ws, t, *stage_rows, 2, 3, 5, [s.id for s in report.stages])
    chart.width, chart.height = _columns_cm(sheet, 7, 10) - 0.2, height
    ws.add_chart(chart, f"G{chart_top}")
    if report.dimensions:
        # short, two-line labels for the radar's spokes live in a hidden column
        label_col = sheet.ncols + 2
        ws.column_dimensions[get_column_letter(label_col)].hidden = True
        for r, d in enumerate(report.dimensions, start=first):
            _put(ws, r, label_col, _two_lines(d.label))
        chart = _dimension_chart(ws, t, first, row, label_col, 3, 5)
        chart.width, chart.height = _columns_cm(sheet, 11, 14), height
        ws.add_chart(chart, f"K{chart_top}")
    row += 2

    # the top five priorities
    row = sheet.heading(row, t["top5"])
    sheet.header(row, [(1, 1, "#"), (2, 8, t["initiative"]), (9, 10, t["stage"]),
                       (11, 12, t["dimension"]), (13, 13, t["phase"]),
                       (14, 14, t["priority"])], centre=(1, 13, 14))
    phase_of = {i.id: p.number for p in roadmap.phases for i in p.initiatives}
    top5 = sorted(roadmap.initiatives, key=lambda i: (-i.priority, phase_of[i.id], i.id))[:5]
    for rank, item in enumerate(top5, start=1):
        row += 1
        dim = _dimension_label(result, item.dimension)
        _put(ws, row, 1, rank, font=_font(10.5, True), align=TOP_CENTER, border=_BOX)
        sheet.merge(row, 2, 8, item.title, font=_font(10.5), align=WRAP, border=_BOX)
        _stage_cell(sheet, row, 9, item.stage)
        sheet.merge(row, 9, 10, None, border=_BOX)
        sheet.merge(row, 11, 12, dim, font=_font(10), align=WRAP, border=_BOX)
        _put(ws, row, 13, phase_of[item.id], font=_font(10.5, True), align=TOP_CENTER,
             border=_BOX)
        _put(ws, row, 14, item.priority, font=_font(10), fmt=PRIORITY_FORMAT,
             align=TOP_CENTER, border=_BOX)
        sheet.fit(row, [(2, 8, item.title, 10.5), (11, 12, dim, 10)])
    row += 2

    # why Understand first and never Seduce
    row = sheet.heading(row, t["why_title"])
    sheet.merge(row, 1, 14, t["why"], font=_font(10.5), align=WRAP)
    sheet.fit(row, [(1, 14, t["why"], 10.5)])
    ws.print_title_rows = "1:2"
    ws.print_area = f"A1:N{row}"


def _two_lines(label: str, longest: int = 14) -> str:
    """Break a long chart label into two lines at the space nearest its middle."""
    if len(label) <= longest or " " not in label:
        return label
    middle = len(label) / 2
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "\n" + label[cut + 1:]


def _columns_cm(sheet: Sheet, first: int, last: int) -> float:
    return sheet.width(first, last) * 7 / 96 * 2.54


def _rows_cm(ws: Worksheet, first: int, last: int) -> float:
    points = sum(ws.row_dimensions[r].height or LINE_PT for r in range(first, last + 1))
    return points / 72 * 2.54


def _respondent_summary(report: Report) -> str:
    departments = []
    for r in report.respondents:
        d = r.get("department", "")
        if d and d not in departments:
            departments.append(d)
    text = str(len(report.respondents))
    return f"{text} ({', '.join(departments)})" if departments else text


def _current_sentence(report: Report, t: dict, lang: str) -> str:
    stage = report.current_stage
    score = report.stage(stage).score
    name = _stage(stage, lang)
    meaning = f"{NEXT_STEP[lang][stage]} {STAGE_MEANING[lang][stage][0].lower()}" \
              f"{STAGE_MEANING[lang][stage][1:]}"
    values = {"org": report.organisation, "stage": name, "bar": f"{report.mastery_bar:.0f}",
              "meaning": meaning, "score": "–" if score is None else f"{score:.0f}"}
    if score is None:
        return t["current_none"].format(**values)
    if score >= report.mastery_bar:
        return t["current_all"].format(**values)
    return t["current_sentence"].format(**values)


def _roadmap(wb: Workbook, result: Result, t: dict) -> None:
    """The phases in order; each initiative a two-row card (facts and the executive's
    Owner / Due / Status, then why), with the phase columns at the right shaded where the
    initiative runs, so the column of shading reads as a timeline."""
    report, roadmap, lang = result.report, result.roadmap, result.report.language
    ws = wb.create_sheet(SHEETS[lang]["roadmap"])
    phases = roadmap.phases
    n = len(phases)
    c_owner, c_due, c_status, c_phase0 = 6, 7, 8, 9
    widths = [7, 54, 11, 14, 8, 14, 11, 13] + [9] * n
    sheet = Sheet(ws, widths, lang, report.organisation)
    last_col = sheet.ncols
    current = _stage(roadmap.current_stage, lang)
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
    sheet.header(row, labels, centre=[1, 5] + [c_phase0 + i for i in range(n)])
    for col in (c_owner, c_due, c_status):
        ws.cell(row, col).fill = _fill(INPUT_HEAD)

    status_cells = []
    blocks: list[tuple[int, int]] = []  # rows printed together: a phase's head, a card
    for index, p in enumerate(phases):
        # the phase: number and title, then where the stages stand once it is done
        row += 1
        phase_head = row
        title = f"{t['phase']} {p.number}: {p.title} ({p.horizon})"
        sheet.merge(row, 1, last_col, title, font=_font(11.5, True, NAVY), fill=PHASE_BAND,
                    align=_align(vertical="center", wrap_text=True, indent=0))
        sheet.fit(row, [(1, last_col, title, 11.5, True)], minimum=1.4)
        projected = []
        if p.projected_stages:
            projected.append(f"{t['after_phase']}: " + " · ".join(
                f"{_stage(k, lang)} {'–' if v is None else f'{v:.0f}'}"
                for k, v in p.projected_stages.items() if k in STAGE_LABELS))
        if not p.initiatives:
            projected.insert(0, t["no_initiatives"])
        if projected:
            row += 1
            text = " ".join(projected)
            sheet.merge(row, 1, last_col, text, font=_font(9.5, False, MUTED, italic=True),
                        fill=PHASE_BAND, align=_align(vertical="top", wrap_text=True))
            sheet.fit(row, [(1, last_col, text, 9.5)])
        for item in p.initiatives:
            row += 1
            top, why = row, row + 1
            dim = _dimension_label(result, item.dimension)
            _put(ws, top, 1, p.number, font=_font(10.5, True), align=TOP_CENTER, border=_BOX)
            _put(ws, top, 2, item.title, font=_font(10.5, True), align=WRAP, border=_BOX)
            _stage_cell(sheet, top, 3, item.stage)
            _put(ws, top, 4, dim, font=_font(10), align=WRAP, border=_BOX)
            _put(ws, top, 5, item.priority, font=_font(10), fmt=PRIORITY_FORMAT,
                 align=TOP_CENTER, border=_BOX)
            for col in (c_owner, c_status):
                _put(ws, top, col, None, fill=INPUT, border=_BOX, align=WRAP, font=_font(10))
            _put(ws, top, c_due, None, fill=INPUT, border=_BOX, align=TOP, font=_font(10),
                 fmt="yyyy-mm-dd" if lang == "en" else "dd-mm-yyyy")
            status_cells.append(ws.cell(top, c_status).coordinate)
            _put(ws, why, 1, t["rationale"], font=_font(8.5, False, MUTED, italic=True),
                 align=TOP_CENTER, border=_BOX)
            why_text = "\n".join([item.rationale, *(f"• {step}" for step in item.actions)])
            sheet.merge(why, 2, c_status, why_text, font=_font(9.5, False, INK),
                        align=WRAP, border=_BOX)
            for i in range(n):
                for r in (top, why):
                    shade = STAGE_COLOURS[item.stage] if i == index else (BAND if i % 2 else None)
                    _put(ws, r, c_phase0 + i, None, fill=shade, border=_BOX)
            sheet.fit(top, [(2, 2, item.title, 10.5, True), (4, 4, dim, 10)])
            sheet.fit(why, [(2, c_status, why_text, 9.5)])
            # a phase's heading stays with its first initiative
            blocks.append((phase_head if phase_head else top, why))
            phase_head = 0
            row = why
        if phase_head:
            blocks.append((phase_head, row))
    if status_cells:
        values = t["status_values"]
        dv = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True,
                            showDropDown=False, showErrorMessage=True, showInputMessage=True,
                            promptTitle=t["status"], prompt=t["status_prompt"],
                            errorTitle=t["status"], error=t["status_error"])
        dv.sqref = MultiCellRange(" ".join(status_cells))
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(header + 1, 1)
    # the title and the table header repeat on every printed page
    ws.print_title_rows = f"1:{header}"
    _keep_together(sheet, blocks, header)


def _row_pt(ws: Worksheet, row: int) -> float:
    return ws.row_dimensions[row].height or LINE_PT


def _keep_together(sheet: Sheet, blocks: Sequence[tuple[int, int]], title_rows: int) -> None:
    """Page breaks so no block of rows (an initiative's card) is split over two printed
    pages. Computed for Excel's scale when fitting the sheet to one page wide; LibreOffice
    scales a little smaller, so its pages hold at least as much."""
    ws = sheet.ws
    margins = ws.page_margins
    width_pt = (A4_LONG_IN - margins.left - margins.right) * 72
    height_pt = (A4_SHORT_IN - margins.top - margins.bottom) * 72
    scale = min(1.0, width_pt / (sheet.width(1, sheet.ncols) * _PT_PER_UNIT))
    room = height_pt / scale - sum(_row_pt(ws, r) for r in range(1, title_rows + 1))
    used = sum(_row_pt(ws, r) for r in range(title_rows + 1, blocks[0][0])) if blocks else 0
    for first, last in blocks:
        height = sum(_row_pt(ws, r) for r in range(first, last + 1))
        if used and used + height > room:
            ws.row_breaks.append(Break(id=first - 1))
            used = 0
        used += height


def _scores(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    ws = wb.create_sheet(SHEETS[lang]["scores"])
    sheet = Sheet(ws, [24, 8, 10, 11, 14, 100], lang, report.organisation)
    row = sheet.title(t["scores_title"], f"{report.organisation} · {t['mastery_bar']} "
                                         f"{report.mastery_bar:.0f}")
    columns = [(1, 1, t["stage"]), (2, 2, t["score"]), (3, 3, t["coverage"]),
               (4, 4, t["answered_total"]), (5, 5, t["scorer"]), (6, 6, t["findings"])]
    row = sheet.heading(row, t["stages"])
    sheet.header(row, columns, centre=(2, 3, 4))
    header = row
    for s in report.stages:
        row += 1
        _stage_cell(sheet, row, 1, s.id)
        _put(ws, row, 2, _score(s.score), font=_font(10.5, True), fmt="0", align=TOP_CENTER,
             border=_BOX)
        _put(ws, row, 3, (s.answered / s.total) if s.total else None, font=_font(10),
             fmt="0%", align=TOP_CENTER, border=_BOX)
        _put(ws, row, 4, f"{s.answered} / {s.total}", font=_font(10), align=TOP_CENTER,
             border=_BOX)
        _put(ws, row, 5, t["core"], font=_font(10, False, MUTED), align=TOP, border=_BOX)
        notes = []
        if s.id == report.current_stage:
            notes.append(t["current_marker"])
        if s.score is None:
            notes.append(t["no_answers"])
        _put(ws, row, 6, " ".join(notes), font=_font(10), align=WRAP, border=_BOX)
    row += 2
    columns[0] = (1, 1, t["dimension"])
    row = sheet.heading(row, t["dimensions"])
    sheet.header(row, columns, centre=(2, 3, 4))
    for d in report.dimensions:
        row += 1
        _put(ws, row, 1, d.label, font=_font(10.5, True), align=WRAP, border=_BOX)
        _put(ws, row, 2, _score(d.score), font=_font(10.5, True), fmt="0", align=TOP_CENTER,
             border=_BOX)
        if d.score is None:
            ws.cell(row, 2).value = t["not_scored"]
            ws.cell(row, 2).data_type = "s"
            ws.cell(row, 2).font = _font(9.5, False, MUTED)
        _put(ws, row, 3, d.coverage, font=_font(10), fmt="0%", align=TOP_CENTER, border=_BOX)
        _put(ws, row, 4, f"{d.answered} / {d.total}", font=_font(10), align=TOP_CENTER,
             border=_BOX)
        _put(ws, row, 5, d.scorer, font=_font(10), align=WRAP, border=_BOX)
        findings = "\n".join(f"• {f}" for f in d.findings)
        _put(ws, row, 6, findings, font=_font(10), align=WRAP, border=_BOX)
        sheet.fit(row, [(1, 1, d.label, 10.5, True), (5, 5, d.scorer, 10),
                        (6, 6, findings, 10)])
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.print_title_rows = "1:2"


def _gaps(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    ws = wb.create_sheet(SHEETS[lang]["gaps"])
    # # | question | stage | importance | level | gap | (spacer) | chart columns | label
    sheet = Sheet(ws, [5, 46, 11, 12, 12, 11, 2] + [10] * 8, lang, report.organisation)
    row = sheet.title(t["gaps_title"], report.organisation)
    sheet.merge(row, 1, 6, t["gaps_intro"], font=_font(10, False, MUTED, italic=True),
                align=WRAP)
    sheet.fit(row, [(1, 6, t["gaps_intro"], 10)])
    row += 2
    header = row
    sheet.header(row, [(1, 1, "#"), (2, 2, t["question"]), (3, 3, t["stage"]),
                       (4, 4, t["importance"]), (5, 5, t["level"]), (6, 6, t["gap"])],
                 centre=(1, 4, 5, 6))
    label_col = sheet.ncols + 1
    ws.column_dimensions[get_column_letter(label_col)].hidden = True
    for rank, g in enumerate(report.gaps, start=1):
        row += 1
        _put(ws, row, 1, rank, font=_font(10), align=TOP_CENTER, border=_BOX)
        _put(ws, row, 2, g.text, font=_font(10), align=WRAP, border=_BOX)
        _stage_cell(sheet, row, 3, g.stage)
        _put(ws, row, 4, g.importance, font=_font(10), fmt="0.0", align=TOP_CENTER,
             border=_BOX)
        _put(ws, row, 5, g.level, font=_font(10), fmt="0.0", align=TOP_CENTER, border=_BOX)
        _put(ws, row, 6, g.gap, font=_font(10.5, True), fmt="0", align=TOP_CENTER,
             border=_BOX, fill=STAGE_TINTS[g.stage])
        short = g.text if len(g.text) <= 48 else g.text[:46].rstrip(" ,.;:") + "…"
        _put(ws, row, label_col, f"{rank}. {short}")
        sheet.fit(row, [(2, 2, g.text, 10)])
    if report.gaps:
        chart = _gap_chart(ws, t, header + 1, row, label_col, 6, [g.stage for g in report.gaps])
        chart.width = _columns_cm(sheet, 8, sheet.ncols)
        chart.height = max(7.0, 0.9 * len(report.gaps) + 2.5)
        ws.add_chart(chart, f"H{header}")
        ws.auto_filter.ref = f"A{header}:F{row}"
    else:
        row += 1
        sheet.merge(row, 1, 6, t["no_gaps"], font=_font(10, False, MUTED, italic=True))
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.print_title_rows = "1:2"


def _responses(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    questionnaire = result.loaded.questionnaire
    ws = wb.create_sheet(SHEETS[lang]["responses"])
    widths = [14, 14, 10.5, 40, 14, 6.5, 34, 10.5, 28]
    sheet = Sheet(ws, widths, lang, report.organisation)
    row = sheet.title(t["responses_title"], f"{report.organisation} · "
                                            f"{t['respondents']}: {_respondent_summary(report)}")
    header = row
    sheet.header(row, [(1, 1, t["respondent"]), (2, 2, t["department"]), (3, 3, t["stage"]),
                       (4, 4, t["question"]), (5, 5, t["dimension"]),
                       (6, 6, t["level_short"]), (7, 7, t["level_text"]),
                       (8, 8, t["importance_short"]), (9, 9, t["note"])], centre=(6, 8))
    for q in report.questions:
        try:
            anchors = [a.get(lang) for a in questionnaire.question(q.id).levels]
        except KeyError:
            anchors = []
        dims = ", ".join(_dimension_label(result, d) for d in q.dimensions)
        for a in q.answers:
            row += 1
            _put(ws, row, 1, a.respondent, font=_font(10), align=WRAP, border=_BOX)
            _put(ws, row, 2, a.department, font=_font(10), align=WRAP, border=_BOX)
            _stage_cell(sheet, row, 3, q.stage)
            _put(ws, row, 4, q.text, font=_font(10), align=WRAP, border=_BOX)
            _put(ws, row, 5, dims, font=_font(9.5, False, MUTED), align=WRAP, border=_BOX)
            if a.not_applicable:
                level, anchor = t["na"], t["na_text"]
            elif a.level is None:
                level, anchor = None, ""
            else:
                level = a.level
                anchor = anchors[a.level] if a.level < len(anchors) else ""
            _put(ws, row, 6, level, font=_font(10.5, True), align=TOP_CENTER, border=_BOX)
            _put(ws, row, 7, anchor, font=_font(9.5), align=WRAP, border=_BOX)
            _put(ws, row, 8, a.importance, font=_font(10), align=TOP_CENTER, border=_BOX)
            _put(ws, row, 9, a.note, font=_font(9.5, False, INK, italic=bool(a.note)),
                 align=WRAP, border=_BOX)
            sheet.fit(row, [(1, 1, a.respondent, 10), (2, 2, a.department, 10),
                            (4, 4, q.text, 10), (5, 5, dims, 9.5), (7, 7, anchor, 9.5),
                            (9, 9, a.note, 9.5)])
    if row > header:
        ws.auto_filter.ref = f"A{header}:I{row}"
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.print_title_rows = f"1:{header}"


def _method(wb: Workbook, result: Result, t: dict) -> None:
    report, lang = result.report, result.report.language
    questionnaire = result.loaded.questionnaire
    ws = wb.create_sheet(SHEETS[lang]["method"])
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
        _put(ws, row, 1, label, font=_font(10, True, MUTED), align=TOP)
        sheet.merge(row, 2, 7, value, font=_font(10.5), align=WRAP)
        sheet.fit(row, [(2, 7, value, 10.5)])
        row += 1
    row += 1

    row = sheet.heading(row, t["the_stages"])
    sheet.header(row, [(1, 1, t["stage"]), (2, 7, t["meaning"])])
    for stage in STAGES:
        row += 1
        _stage_cell(sheet, row, 1, stage)
        sheet.merge(row, 2, 7, STAGE_MEANING[lang][stage], font=_font(10.5), align=WRAP,
                    border=_BOX)
        sheet.fit(row, [(2, 7, STAGE_MEANING[lang][stage], 10.5)])
    row += 2

    row = sheet.heading(row, t["plugins"])
    sheet.header(row, [(1, 1, t["plugin"]), (2, 2, t["version"]), (3, 3, t["builtin"]),
                       (4, 7, t["scores_dims"])])
    for p in report.plugins:
        row += 1
        dims = ", ".join(d.label for d in report.dimensions if d.scorer == p.name)
        _put(ws, row, 1, p.name, font=_font(10.5, True), align=WRAP, border=_BOX)
        _put(ws, row, 2, p.version or "–", font=_font(10), align=TOP, border=_BOX)
        _put(ws, row, 3, t["yes"] if p.builtin else t["no"], font=_font(10), align=TOP,
             border=_BOX)
        sheet.merge(row, 4, 7, dims, font=_font(10), align=WRAP, border=_BOX)
        sheet.fit(row, [(1, 1, p.name, 10.5, True), (4, 7, dims, 10)])
    row += 2

    row = sheet.heading(row, t["sources"])
    sheet.header(row, [(1, 2, t["source_title"]), (3, 3, t["author"]),
                       (4, 5, t["publisher"]), (6, 7, t["notes"])])
    for src in questionnaire.sources.values():
        row += 1
        note = src.note or ""
        if src.own_addition:
            note = f"{t['own_addition']} {note}".strip()
        if src.url:
            note = f"{note}\n{src.url}".strip()
        published = ", ".join(str(x) for x in (src.publisher, src.year) if x)
        sheet.merge(row, 1, 2, src.title, font=_font(10, True), align=WRAP, border=_BOX)
        _put(ws, row, 3, src.author, font=_font(10), align=WRAP, border=_BOX)
        sheet.merge(row, 4, 5, published, font=_font(10), align=WRAP, border=_BOX)
        sheet.merge(row, 6, 7, note, font=_font(9.5, False, MUTED), align=WRAP, border=_BOX)
        sheet.fit(row, [(1, 2, src.title, 10, True), (3, 3, src.author, 10),
                        (4, 5, published, 10), (6, 7, note, 9.5)])
    if report.warnings:
        row += 2
        row = sheet.heading(row, t["warnings"])
        for w in report.warnings:
            sheet.merge(row, 1, 7, f"• {w}", font=_font(10, False, MUTED), align=WRAP)
            sheet.fit(row, [(1, 7, f"• {w}", 10)])
            row += 1
    ws.print_title_rows = "1:2"


# --------------------------------------------------------------------------- public


def build_workbook(result: Result) -> Workbook:
    """The executive workbook of one scored and planned assessment, in its language."""
    report = result.report
    lang = report.language if report.language in T else "en"
    t = T[lang]
    wb = Workbook()
    _summary(wb, result, t)
    _roadmap(wb, result, t)
    _scores(wb, result, t)
    _gaps(wb, result, t)
    _responses(wb, result, t)
    _method(wb, result, t)
    wb.active = 0
    props = wb.properties
    props.title = _clean(f"{t['title']}: {report.organisation}")[:250]
    props.subject = t["subject"]
    props.creator = f"cxassess {__version__}"
    props.lastModifiedBy = f"cxassess {__version__}"
    props.description = _clean(f"{report.questionnaire.get('title', '')} "
                               f"({report.questionnaire.get('id', '')} "
                               f"{report.questionnaire.get('version', '')})")
    props.keywords = "customer experience, CX, maturity, four Fs, roadmap" if lang == "en" \
        else "kundeoplevelse, CX, modenhed, de fire F'er, køreplan"
    props.language = "da-DK" if lang == "da" else "en-GB"
    return wb


def workbook_bytes(result: Result) -> bytes:
    """The .xlsx file's bytes."""
    buffer = io.BytesIO()
    build_workbook(result).save(buffer)
    return buffer.getvalue()


def write_workbook(result: Result, path: Path) -> None:
    """Write the workbook to ``path`` atomically: a failed export leaves an earlier file
    at ``path`` untouched. A missing folder or an unwritable path is an ``InputError``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    atomic_write_bytes(path, workbook_bytes(result))
