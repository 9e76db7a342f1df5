"""Fill-in forms: ``cxassess forms`` writes one .xlsx per respondent, ``cxassess collect``
reads them back.

A form has three sheets, named in the assessment's language:

- **Instructions / Vejledning** — who the form is for and how to fill it in;
- **Questions / Spørgsmål** — one row per question: its id (hidden column A), stage,
  question with help text, the five level anchors, and the answer cells **Level /
  Niveau** (a drop-down: 0–4 with each anchor's short label, and n/a), **Importance /
  Vigtighed** (1–5, a drop-down, only where the question asks for it) and **Note**. Only
  the answer cells (and, on a blank form, name and department) are unlocked; the sheet
  is protected without a password;
- **cxassess** (hidden) — the form's metadata: the assessment key, questionnaire id and
  version, the respondent, and where the answers are; also each question's drop-down list.

Returned forms are read by :mod:`cxassess.export.formreader` (without openpyxl); checking
and merging are the core's (:mod:`cxassess.collect`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..collect import FORM_FORMAT, FORM_KIND, assessment_key
from ..errors import InputError, show_path
from ..files import atomic_write_bytes, check_writable, folder_problem, slug
from ..models import STAGE_LABELS, STAGES, Assessment, Question, Questionnaire
from .excel import own_properties
from .formreader import META_SHEET, read_form
from .workbook.styles import (BAND, BOX, INPUT, INPUT_HEAD, INK, MUTED, NAVY, STAGE_COLOURS,
                              STAGE_TINTS, TOP, WRAP, WRAP_CENTER, Sheet, alignment, clean_text,
                              font_style, put, text_height)

UNLOCKED = Protection(locked=False)

WORDS = {
    "en": {
        "instructions": "Instructions", "questions": "Questions",
        "title": "Customer experience maturity: questionnaire",
        "for": "For", "organisation": "Organisation", "name": "Name",
        "department": "Department", "stage": "Stage", "question": "Question",
        "levels": "What each level means", "level": "Level", "importance": "Importance",
        "note": "Note", "na": "n/a – not applicable",
        "importance_labels": ("not important", "a little important", "somewhat important",
                              "important", "very important"),
        "type_here": "Type your name and department in the yellow cells at the top of "
                     "the sheet “Questions”.",
        "steps": [
            "Answer on the sheet “Questions”: one row per question.",
            "Level: choose the level (0–4) whose description is fully true today – what is "
            "actually in place, not what is planned. The descriptions stand on each row. "
            "Choose “n/a” if the question does not apply to your organisation; leave the "
            "cell empty if you do not know.",
            "Importance (where asked): how much this matters to your customers, from 1 (not "
            "important) to 5 (very important).",
            "Note: anything the consultant should know – an example, a reason, a doubt.",
            "Only the yellow answer cells can be edited. Save the file (keep the .xlsx format) "
            "and send it back.",
        ],
        "level_prompt": "Choose the level that is fully true today, or n/a.",
        "importance_prompt": "How much this matters to customers: 1 (not) to 5 (very).",
        "list_error": "Choose one of the listed values.",
    },
    "da": {
        "instructions": "Vejledning", "questions": "Spørgsmål",
        "title": "Modenhed i kundeoplevelsen: spørgeskema",
        "for": "Til", "organisation": "Organisation", "name": "Navn",
        "department": "Afdeling", "stage": "Trin", "question": "Spørgsmål",
        "levels": "Hvad niveauerne betyder", "level": "Niveau", "importance": "Vigtighed",
        "note": "Note", "na": "n/a – ikke relevant",
        "importance_labels": ("ikke vigtigt", "lidt vigtigt", "noget vigtigt", "vigtigt",
                              "meget vigtigt"),
        "type_here": "Skriv dit navn og din afdeling i de gule felter øverst på arket "
                     "“Spørgsmål”.",
        "steps": [
            "Svar på arket “Spørgsmål”: én række pr. spørgsmål.",
            "Niveau: vælg det niveau (0–4), hvis beskrivelse er helt sand i dag – det, I "
            "faktisk har på plads, ikke det, der er planlagt. Beskrivelserne står på hver "
            "række. Vælg “n/a”, hvis spørgsmålet ikke er relevant for jer; lad feltet stå "
            "tomt, hvis du ikke ved det.",
            "Vigtighed (hvor der spørges): hvor meget det betyder for jeres kunder, fra 1 "
            "(ikke vigtigt) til 5 (meget vigtigt).",
            "Note: alt, konsulenten bør vide – et eksempel, en begrundelse, en tvivl.",
            "Kun de gule svarfelter kan redigeres. Gem filen (behold .xlsx-formatet), og send "
            "den tilbage.",
        ],
        "level_prompt": "Vælg det niveau, der er helt sandt i dag, eller n/a.",
        "importance_prompt": "Hvor meget det betyder for kunderne: 1 (ikke) til 5 (meget).",
        "list_error": "Vælg en af værdierne på listen.",
    },
}

# Questions sheet columns
ID, STAGE, QUESTION, LEVELS, LEVEL, IMPORTANCE = 1, 2, 3, 4, 5, 6
WIDTHS = [3, 10, 42, 78, 20, 13, 30]
HEADER_ROW = 6
NAME_CELL, DEPARTMENT_CELL = (3, 3), (4, 3)  # (row, column) of the name and department


def short_label(anchor: str, longest: int = 42) -> str:
    """An anchor's first clause, at most ``longest`` characters, for the drop-down."""
    first = re.split(r"[;:.(]\s", anchor, maxsplit=1)[0].strip().rstrip(",")
    if len(first) <= longest:
        return first
    cut = first[:longest - 1].rsplit(" ", 1)[0].rstrip(" ,–-")
    return cut + "…"


def level_options(question: Question, lang: str) -> list[str]:
    """The Level drop-down of one question: ``"0 – short label"`` … and n/a."""
    return [f"{n} – {short_label(a.get(lang))}" for n, a in enumerate(question.levels)] \
        + [WORDS[lang]["na"]]


def importance_options(lang: str) -> list[str]:
    return [f"{n} – {label}" for n, label in enumerate(WORDS[lang]["importance_labels"], 1)]


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class FormFor:
    """Who a form is for; a blank form has no name and asks for it."""

    name: str = ""
    department: str = ""

    @property
    def blank(self) -> bool:
        return not self.name

    @property
    def line(self) -> str:
        """Name and department as the instructions name the respondent."""
        return self.name + (f", {self.department}" if self.department else "")


def _meta_sheet(wb: Workbook, meta: list[tuple[str, str]], questionnaire: Questionnaire,
                lang: str):
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    for row, (key, value) in enumerate(meta, start=1):
        put(ws, row, 1, key)
        put(ws, row, 2, value)
    first = len(meta) + 2
    put(ws, first - 1, 1, "importance")
    for col, option in enumerate(importance_options(lang), start=4):
        put(ws, first - 1, col, option)
    lists = {}
    for row, q in enumerate(questionnaire.questions, start=first):
        put(ws, row, 1, q.id)
        options = level_options(q, lang)
        for col, option in enumerate(options, start=4):
            put(ws, row, col, option)
        lists[q.id] = f"{META_SHEET}!$D${row}:${get_column_letter(3 + len(options))}${row}"
    importance = f"{META_SHEET}!$D${first - 1}:$H${first - 1}"
    ws.protection.sheet = True
    return lists, importance


def _instructions(wb: Workbook, assessment: Assessment, questionnaire: Questionnaire,
                  who: FormFor, lang: str) -> None:
    w = WORDS[lang]
    ws = wb.active
    ws.title = w["instructions"]
    sheet = Sheet(ws, [4, 22, 80], lang, assessment.organisation.name)
    ws.page_setup.orientation = "portrait"
    row = sheet.title(w["title"], f"{questionnaire.title.get(lang)} ({questionnaire.id} "
                                  f"{questionnaire.version})")
    facts = [(w["organisation"], assessment.organisation.name)]
    if not who.blank:
        facts.append((w["for"], who.line))
    for label, value in facts:
        put(ws, row, 2, label, font=font_style(10.5, True, MUTED), align=TOP)
        put(ws, row, 3, value, font=font_style(11), align=WRAP)
        row += 1
    row += 1
    if who.blank:
        sheet.merge(row, 2, 3, w["type_here"], font=font_style(11, True, INPUT_HEAD))
        row += 2
    for n, step in enumerate(w["steps"], start=1):
        put(ws, row, 1, n, font=font_style(11, True, NAVY), align=TOP)
        sheet.merge(row, 2, 3, step, font=font_style(11), align=WRAP)
        sheet.fit(row, [(2, 3, step, 11)])
        row += 1
    ws.protection.sheet = True
    ws.print_area = f"A1:C{row}"


def _question_text(q: Question, lang: str) -> CellRichText | str:
    text = clean_text(q.text.get(lang))  # a questionnaire's text may hold what no cell can
    if q.help is None:
        return text
    return CellRichText(TextBlock(InlineFont(rFont="Calibri", sz=10.5, b=True, color=INK), text),
                        TextBlock(InlineFont(rFont="Calibri", sz=9.5, i=True, color=MUTED),
                                  "\n" + clean_text(q.help.get(lang))))


def _questions(wb: Workbook, assessment: Assessment, questionnaire: Questionnaire,
               who: FormFor, lang: str, lists: dict[str, str], importance_list: str) -> dict:
    w = WORDS[lang]
    asks = any(q.asks_importance for q in questionnaire.questions)
    widths = WIDTHS if asks else WIDTHS[:IMPORTANCE - 1] + WIDTHS[IMPORTANCE:]
    note_col = len(widths)
    ws = wb.create_sheet(w["questions"])
    sheet = Sheet(ws, widths, lang, assessment.organisation.name)
    ws.column_dimensions["A"].hidden = True
    sheet.title(f"{w['title']} · {assessment.organisation.name}",
                f"{questionnaire.title.get(lang)} ({questionnaire.id} {questionnaire.version})")
    for (row, col), label, value in ((NAME_CELL, w["name"], who.name),
                                     (DEPARTMENT_CELL, w["department"], who.department)):
        put(ws, row, col - 1, label, font=font_style(10.5, True, MUTED), align=TOP)
        cell = put(ws, row, col, value, font=font_style(11, True), fill=INPUT if who.blank else None,
                   border=BOX, align=TOP, fmt="@")
        if who.blank:
            cell.protection = UNLOCKED
    headers = [(STAGE, w["stage"]), (QUESTION, w["question"]), (LEVELS, w["levels"]),
               (LEVEL, w["level"]), (note_col, w["note"])]
    if asks:
        headers.insert(4, (IMPORTANCE, w["importance"]))
    for col, label in headers:
        answer = col >= LEVEL
        put(ws, HEADER_ROW, col, label, font=font_style(10.5, True, "FFFFFF"),
            fill=INPUT_HEAD if answer else NAVY, align=alignment(wrap_text=True, vertical="center",
                                                                  horizontal="center" if answer else "left"),
            border=BOX)
    put(ws, HEADER_ROW, ID, "id")
    ws.row_dimensions[HEADER_ROW].height = 22
    level_prompt = dict(prompt=w["level_prompt"], error=w["list_error"], showErrorMessage=True,
                        showInputMessage=True, allow_blank=True)
    importance_dv = DataValidation(type="list", formula1=importance_list,
                                   prompt=w["importance_prompt"], error=w["list_error"],
                                   showErrorMessage=True, showInputMessage=True, allow_blank=True)
    ws.add_data_validation(importance_dv)
    row = HEADER_ROW
    for stage in STAGES:
        for q in questionnaire.questions_in_stage(stage):
            row += 1
            put(ws, row, ID, q.id, font=font_style(8, False, MUTED))
            put(ws, row, STAGE, STAGE_LABELS[stage][lang],
                font=font_style(10.5, True, STAGE_COLOURS[stage]), fill=STAGE_TINTS[stage],
                align=TOP, border=BOX)
            cell = put(ws, row, QUESTION, None, align=WRAP, border=BOX)
            cell.value = _question_text(q, lang)
            anchors = "\n".join(f"{n} – {a.get(lang)}" for n, a in enumerate(q.levels))
            put(ws, row, LEVELS, anchors, font=font_style(9, False, INK), align=WRAP, border=BOX)
            put(ws, row, LEVEL, None, font=font_style(10.5, True), fill=INPUT, border=BOX,
                align=WRAP_CENTER).protection = UNLOCKED
            dv = DataValidation(type="list", formula1=lists[q.id], **level_prompt)
            ws.add_data_validation(dv)
            dv.add(ws.cell(row, LEVEL))
            if asks:
                if q.asks_importance:
                    put(ws, row, IMPORTANCE, None, font=font_style(10.5, True), fill=INPUT,
                        border=BOX, align=WRAP_CENTER).protection = UNLOCKED
                    importance_dv.add(ws.cell(row, IMPORTANCE))
                else:
                    put(ws, row, IMPORTANCE, None, fill=BAND, border=BOX)
            put(ws, row, note_col, None, font=font_style(10), fill=INPUT, border=BOX, align=WRAP,
                fmt="@").protection = UNLOCKED
            lines = text_height(q.text.get(lang), widths[QUESTION - 1], 10.5, True)
            if q.help is not None:
                lines += text_height(q.help.get(lang), widths[QUESTION - 1], 9.5)
            levels = text_height(anchors, widths[LEVELS - 1], 9)
            ws.row_dimensions[row].height = round(max(lines, levels) + 4)
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, STAGE)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"B1:{get_column_letter(note_col)}{row}"
    return {"questions_sheet": ws.title, "first_row": str(HEADER_ROW + 1), "last_row": str(row),
            "level_column": get_column_letter(LEVEL),
            "importance_column": get_column_letter(IMPORTANCE) if asks else "",
            "note_column": get_column_letter(note_col),
            "name_cell": f"{get_column_letter(NAME_CELL[1])}{NAME_CELL[0]}",
            "department_cell": f"{get_column_letter(DEPARTMENT_CELL[1])}{DEPARTMENT_CELL[0]}"}


def build_form(assessment: Assessment, questionnaire: Questionnaire, who: FormFor) -> Workbook:
    """One fill-in form, in the assessment's language."""
    lang = assessment.language
    wb = Workbook()
    meta = [("kind", FORM_KIND), ("format", str(FORM_FORMAT)),
            ("assessment", assessment_key(assessment)),
            ("organisation", assessment.organisation.name), ("date", assessment.organisation.date),
            ("questionnaire", questionnaire.id), ("version", questionnaire.version),
            ("language", lang), ("respondent", who.name), ("department", who.department),
            ("blank", "true" if who.blank else "false")]
    # the layout keys are known before the questions sheet is written
    layout_keys = ["questions_sheet", "first_row", "last_row", "level_column",
                   "importance_column", "note_column", "name_cell", "department_cell"]
    lists, importance = _meta_sheet(wb, meta + [(k, "") for k in layout_keys], questionnaire, lang)
    _instructions(wb, assessment, questionnaire, who, lang)
    layout = _questions(wb, assessment, questionnaire, who, lang, lists, importance)
    ws = wb[META_SHEET]
    for row, key in enumerate(layout_keys, start=len(meta) + 1):
        put(ws, row, 2, layout[key])
    wb.move_sheet(META_SHEET, offset=len(wb.sheetnames))
    wb.active = 0
    own_properties(wb, lang, f"{WORDS[lang]['title']}: {assessment.organisation.name}")
    return wb


def form_bytes(assessment: Assessment, questionnaire: Questionnaire, who: FormFor) -> bytes:
    buffer = io.BytesIO()
    build_form(assessment, questionnaire, who).save(buffer)
    return buffer.getvalue()


def form_files(assessment: Assessment, blank: int) -> list[tuple[str, FormFor]]:
    """File names and recipients: one per respondent (name-department.xlsx), then the
    blank ones (blank-01.xlsx …)."""
    out: list[tuple[str, FormFor]] = []
    used: set[str] = set()
    for r in assessment.respondents:
        stem = slug(f"{r.name} {r.department}", "respondent")
        name, n = stem, 1
        while name in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        out.append((f"{name}.xlsx", FormFor(r.name.strip(), r.department.strip())))
    width = max(2, len(str(blank)))
    out += [(f"blank-{n:0{width}d}.xlsx", FormFor()) for n in range(1, blank + 1)]
    return out


def _answered(path: Path) -> bool:
    """Whether a file is a form someone filled in: a name or department typed on a blank
    form, or any answer (as ``collect`` tells a returned blank form from an untouched
    one). A file that is not a readable form holds no answers to lose."""
    try:
        form = read_form(path)
    except InputError:
        return False
    typed = [v for row in form.rows for v in (row.level, row.importance, row.note) if v]
    blank = form.meta.get("blank")
    if blank is not None and blank.value == "true":
        typed += [form.name, form.department]
    return any(v.value is not None and str(v.value).strip() for v in typed)


def write_forms(assessment: Assessment, questionnaire: Questionnaire, folder: Path,
                blank: int = 0, force: bool = False) -> list[Path]:
    """Write every form into ``folder`` (created if missing). Nothing is written when a
    form would overwrite an existing file and ``force`` is not given."""
    folder = Path(folder)
    if folder.exists() and (problem := folder_problem(folder)):  # a file, a FIFO …
        raise InputError(f"{show_path(folder)}: {problem}")
    files = [(folder / name, who) for name, who in form_files(assessment, blank)]
    if not files:
        raise InputError("the assessment has no respondents yet: add them, or ask for blank "
                         "forms with --blank N")
    for path, _ in files:
        if path.exists() and not force:
            raise InputError(f"{path}: already exists; not overwritten (use --force to "
                             "replace the forms)")
        if path.exists() and _answered(path):
            raise InputError(f"{path}: holds answers (a returned form?); not replaced, even "
                             "with --force: collect it first, or move it away")
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    for path, _ in files:  # all of them or none: a read-only form stops it before any write
        check_writable(path)
    new = [path for path, _ in files if not path.exists()]
    written: list[Path] = []
    try:
        for (path, _), payload in zip(files, forms_bytes(assessment, questionnaire,
                                                         [who for _, who in files])):
            atomic_write_bytes(path, payload)
            written.append(path)
    except InputError as exc:  # a full disk half-way: no folder of some forms only
        _remove_new(written, new, folder if made else None)
        replaced = len(set(written) - set(new))
        raise InputError(f"{exc}; " + (f"{replaced} existing form(s) were replaced before "
                                       "it, no new one is kept" if replaced else
                                       "no form written")) from None
    return [path for path, _ in files]


def _remove_new(written: list[Path], new: list[Path], folder: Path | None) -> None:
    """Remove the forms of ``written`` that are ``new`` (replaced ones cannot be put back),
    and ``folder`` when it was made for them and is empty again."""
    for path in set(written) & set(new):
        path.unlink(missing_ok=True)
    if folder is not None:
        try:
            folder.rmdir()
        except OSError:
            pass


# A form differs from the next only in who it is for: the workbook is built and saved once
# with placeholders, and each respondent's form is that file with the placeholders replaced.
_SLOT_NAME, _SLOT_DEPARTMENT = "\ue000respondent\ue001", "\ue000department\ue001"
_SLOT_FOR = FormFor(_SLOT_NAME, _SLOT_DEPARTMENT).line  # the Instructions' "For" line


def _xml_text(text: str) -> bytes:
    return escape(clean_text(text), {'"': "&quot;"}).encode("utf-8")


def forms_bytes(assessment: Assessment, questionnaire: Questionnaire,
                people: list[FormFor]) -> Iterator[bytes]:
    """The .xlsx bytes of each person's form, in order."""
    template: dict[str, bytes] | None = None
    blank: bytes | None = None
    for who in people:
        if who.blank:
            blank = blank or form_bytes(assessment, questionnaire, who)
            yield blank
            continue
        if template is None:
            with zipfile.ZipFile(io.BytesIO(form_bytes(
                    assessment, questionnaire, FormFor(_SLOT_NAME, _SLOT_DEPARTMENT)))) as zf:
                template = {info.filename: zf.read(info) for info in zf.infolist()}
        slots = [(_SLOT_FOR, who.line),
                 (_SLOT_NAME, who.name), (_SLOT_DEPARTMENT, who.department)]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in template.items():
                for slot, value in slots:
                    data = data.replace(slot.encode("utf-8"), _xml_text(value))
                zf.writestr(name, data)
        yield buffer.getvalue()
