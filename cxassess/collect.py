"""Answers in: returned forms merged into the assessment, all or nothing.

The readers turn a returned file into plain data: the xlsx form reader
(:mod:`cxassess.export.formreader`) gives a :class:`FilledForm` — every value with the sheet
and cell it came from — and :func:`read_toml_form` reads a TOML file of one or more respondents (the
assessment format, as ``cxassess template`` writes it). This module checks them against
the assessment and its questionnaire, turns them into :class:`Returned` answers and
merges those into a new :class:`~cxassess.models.Assessment`. Every problem is one line
naming the file and the cell or key; the caller writes nothing when there is any.

Pure: no openpyxl, no UI; the only I/O is reading a TOML form.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .celltext import clean_text
from .errors import show, show_path
from .loading import InputError, apply_aliases, check_against, load_assessment_data
from .models import MAX_IMPORTANCE, MAX_LEVEL, MIN_IMPORTANCE, MIN_LEVEL, NOT_APPLICABLE, \
    Answer, Assessment, Questionnaire, Respondent, decimal, not_whole
from .template import ORGANISATION

FORM_KIND = "cxassess-form"
FORM_FORMAT = 1
"""What the hidden metadata of a form says it is; a newer format is refused."""

NOT_APPLICABLE_WORDS = (NOT_APPLICABLE, "na", "i/r")
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]0+)?)\s*(?:[–—-].*)?$", re.DOTALL)


def assessment_key(assessment: Assessment) -> str:
    """A stable key tying forms to one assessment: organisation name, date and
    questionnaire (answers may change between sending forms out and collecting them)."""
    text = "\n".join((assessment.organisation.name.strip(), assessment.organisation.date.strip(),
                      assessment.questionnaire.strip()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True)
class ShownDate:
    """A number a spreadsheet shows as a date, with the text it shows: a spreadsheet
    makes a date of "2.5" or "2/5" typed into a cell, and the number beneath (46144)
    means nothing to the person who typed it. ``str()`` gives the text shown."""

    serial: float
    shown: str

    def __str__(self) -> str:
        return self.shown


@dataclass(frozen=True)
class Value:
    """One value as the reader found it, and where: ``Questions!F14``."""

    value: object
    where: str


@dataclass(frozen=True)
class Row:
    question: Value
    level: Value
    importance: Value | None = None
    note: Value | None = None


@dataclass
class FilledForm:
    """A returned xlsx form as plain data."""

    source: str
    meta: dict[str, Value]
    name: Value
    department: Value
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Returned:
    """One respondent's answers from one returned file."""

    source: str
    name: str
    department: str
    answers: dict[str, Answer]

    @property
    def who(self) -> str:
        return f"{self.name} ({self.department})" if self.department else self.name

    @property
    def identity(self) -> tuple[str, str]:
        return identity(self.name, self.department)


def as_held(text: str) -> str:
    """``text`` as a form gives it back, for comparing: control characters dropped (a
    workbook cannot hold them), every run of white space one space (a carriage return
    comes back a line feed, outer spaces may not come back at all)."""
    return " ".join(clean_text(text).split())


def identity(name: str, department: str) -> tuple[str, str]:
    """Who a respondent is: name and department, case and spacing ignored, compared as a
    form holds them (:func:`as_held`)."""
    return (as_held(name).casefold(), as_held(department).casefold())


# --------------------------------------------------------------------------- values


def _expected(what: str, low: int, high: int) -> str:
    return f"a whole number {low}..{high}" + (" or n/a" if what == "level" else "")


def _whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, ShownDate):
        raise ValueError(f"{what} {show(value.shown)} was read as a date; type "
                         f"{_expected(what, low, high)}")
    if isinstance(value, bool):
        raise ValueError(f"{what} {show(value)} is not a whole number {low}..{high}")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(not_whole(what, value, low, high))
        value = int(value)
    if isinstance(value, str):
        match = _NUMBER.match(value)
        if not match:
            if decimal(value) is not None:
                raise ValueError(not_whole(what, value, low, high))
            raise ValueError(f"{what} {show(value.strip())} is not a number {low}..{high}"
                             + (" or n/a" if what == "level" else ""))
        value = int(float(match.group(1).replace(",", ".")))
    if not isinstance(value, int):
        raise ValueError(f"{what} {show(value)} is not a whole number {low}..{high}")
    if not low <= value <= high:
        raise ValueError(f"{what} {show(value)} is outside {low}..{high}")
    return value


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_level(value: object) -> tuple[int | None, bool]:
    """A typed or chosen level: ``3``, ``"3"``, ``"3 – label"``, ``"n/a"`` (also the
    drop-down's ``"n/a – …"``) or blank. Returns (level, not applicable)."""
    if _blank(value):
        return None, False
    if isinstance(value, str):
        word = value.strip().lower()
        if any(word == w or word.startswith(w + " ") for w in NOT_APPLICABLE_WORDS):
            return None, True
    return _whole(value, "level", MIN_LEVEL, MAX_LEVEL), False


def parse_importance(value: object) -> int | None:
    """A typed or chosen importance 1..5 (``4``, ``"4"``, ``"4 – important"``) or blank."""
    return None if _blank(value) else _whole(value, "importance", MIN_IMPORTANCE, MAX_IMPORTANCE)


def _note(value: object) -> str:
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# --------------------------------------------------------------------------- forms


def _meta(form: FilledForm, key: str) -> str:
    found = form.meta.get(key)
    return "" if found is None or found.value is None else str(found.value).strip()


def check_form(form: FilledForm, assessment: Assessment, questionnaire: Questionnaire
               ) -> tuple[list[Returned], list[str]]:
    """A filled xlsx form checked against the assessment: its answers, or the problems
    (each one line: ``file: Sheet!Cell: what``); neither for a blank form left empty."""
    src = form.source

    def where(key: str) -> str:
        found = form.meta.get(key)
        return f"{src}: {found.where}: " if found is not None else f"{src}: "

    if _meta(form, "kind") != FORM_KIND:
        return [], [f"{src}: not a cxassess form (its form information is missing)"]
    try:
        newer = int(_meta(form, "format") or 0) > FORM_FORMAT
    except ValueError:
        newer = True
    if newer:
        return [], [f"{where('format')}form format {show(_meta(form, 'format'))} is newer than "
                      f"this cxassess understands ({FORM_FORMAT})"]
    if _meta(form, "questionnaire") != questionnaire.id:
        return [], [f"{where('questionnaire')}the form is for questionnaire "
                      f"{show(_meta(form, 'questionnaire'))}, the assessment uses {questionnaire.id!r}"]
    if as_held(_meta(form, "version")) != as_held(questionnaire.version):
        return [], [f"{where('version')}the form is for version {show(_meta(form, 'version'))} of "
                      f"questionnaire {questionnaire.id!r}, the assessment uses version "
                      f"{show(questionnaire.version)}"]
    if _meta(form, "assessment") != assessment_key(assessment):
        return [], [f"{where('assessment')}the form belongs to another assessment "
                      f"(organisation {show(_meta(form, 'organisation'))}, date "
                      f"{show(_meta(form, 'date'))}); this one is "
                      f"{show(assessment.organisation.name)}, date "
                      f"{show(assessment.organisation.date)}"]
    problems: list[str] = []
    name, department = _note(form.name.value), _note(form.department.value)
    if not name and not department and all(
            _blank(v.value) for row in form.rows for v in (row.level, row.importance, row.note)
            if v is not None):
        return [], []  # a blank form nobody filled in (not returned): nothing to collect
    if not name:
        problems.append(f"{src}: {form.name.where}: the respondent's name is empty")
    known = set(questionnaire.question_ids)
    answers: dict[str, Answer] = {}
    for row in form.rows:
        qid = _note(row.question.value)
        if not qid and all(_blank(v.value) for v in (row.level, row.importance, row.note)
                           if v is not None):
            continue  # an empty row (inserted among the questions, or one left of a deleted one)
        if not qid:
            problems.append(f"{src}: {row.level.where}: this row has no question id: answer "
                            "on the question rows (a row was inserted into the form?)")
            continue
        if qid not in known:
            problems.append(f"{src}: {row.question.where}: unknown question id {show(qid)} "
                            f"(not in questionnaire {questionnaire.id!r})")
            continue
        if qid in answers:
            problems.append(f"{src}: {row.question.where}: question {show(qid)} appears twice")
            continue
        level, not_applicable, importance, bad = None, False, None, False
        try:
            level, not_applicable = parse_level(row.level.value)
        except ValueError as exc:
            problems.append(f"{src}: {row.level.where}: {exc}")
            bad = True
        if row.importance is not None:
            try:
                importance = parse_importance(row.importance.value)
            except ValueError as exc:
                problems.append(f"{src}: {row.importance.where}: {exc}")
                bad = True
        if bad:
            continue
        note = _note(row.note.value) if row.note is not None else ""
        if level is None and not not_applicable and importance is None and not note:
            continue
        answers[qid] = Answer(level=level, not_applicable=not_applicable,
                              importance=importance, note=note)
    if problems:
        return [], problems
    return [Returned(src, name, department, answers)], []


def _organisation(name: str) -> str:
    """An organisation's name as compared: case and spacing do not count."""
    return as_held(name).casefold()


def _check_organisation(returned: Assessment, assessment: Assessment, path: Path) -> None:
    """A TOML answer file naming another organisation is refused, as a form of another
    assessment is: its answers would be merged into the wrong client's assessment. A file
    that still holds the template's placeholder name belongs to no client in particular."""
    theirs = returned.organisation.name
    if _organisation(theirs) in (_organisation(assessment.organisation.name),
                                 _organisation(ORGANISATION)):
        return
    raise InputError(f"{show_path(path)}: organisation.name: the file belongs to another "
                     f"organisation ({show(theirs)}); this assessment is of "
                     f"{show(assessment.organisation.name)} (correct the name in the file to "
                     "collect it)")


def read_toml_form(path: Path, assessment: Assessment, questionnaire: Questionnaire
                   ) -> tuple[list[Returned], list[str]]:
    """A TOML file in the assessment format holding one (or more) respondents' answers,
    of the assessment's organisation (or the template's placeholder name)."""
    try:
        returned = apply_aliases(load_assessment_data(path)[0], questionnaire, path)
        if returned.questionnaire not in (assessment.questionnaire, questionnaire.id):
            raise InputError(f"{path}: questionnaire: the file is for questionnaire "
                             f"{show(returned.questionnaire)}, the assessment uses {questionnaire.id!r}")
        if not returned.respondents:
            raise InputError(f"{path}: respondents: the file holds no respondent")
        _check_organisation(returned, assessment, path)
        check_against(returned, questionnaire, path)
    except InputError as exc:
        return [], [str(exc)]
    return [Returned(str(path), r.name.strip(), r.department.strip(),
                     {qid: a for qid, a in r.answers.items()
                      if a.answered or a.not_applicable or a.importance is not None or a.note})
            for r in returned.respondents], []


def duplicates(returned: list[Returned]) -> list[str]:
    """The same respondent in two forms is a problem (which one should win?)."""
    first: dict[tuple[str, str], Returned] = {}
    problems = []
    for r in returned:
        if r.identity in first:
            problems.append(f"{r.source}: {r.who} has answered already in {first[r.identity].source}"
                            if first[r.identity].source != r.source else
                            f"{r.source}: {r.who} appears twice in the file")
        else:
            first[r.identity] = r
    return problems


def namesakes(assessment: Assessment, returned: list[Returned]) -> list[str]:
    """Warnings for a new respondent whose name has answered already under another
    department (in the assessment or an earlier returned file): perhaps one person who
    answered twice, typing their department differently."""
    known = {identity(r.name, r.department) for r in assessment.respondents}
    first: dict[str, str] = {}
    for r in assessment.respondents:
        first.setdefault(identity(r.name, "")[0], f"{r.name} ({r.department})" if r.department
                         else r.name)
    warnings = []
    for r in returned:
        if r.identity in known:
            continue  # an update of a known respondent
        known.add(r.identity)
        if r.identity[0] in first:
            warnings.append(f"{r.source}: {r.who} is added as a new respondent, but "
                            f"{first[r.identity[0]]} has answered already; if they are one "
                            "person, correct the department and collect again")
        first.setdefault(r.identity[0], r.who)
    return warnings


# --------------------------------------------------------------------------- merge


@dataclass(frozen=True)
class Change:
    """What merging one returned file did to one respondent."""

    source: str
    who: str
    new: bool
    added: int
    changed: int
    unchanged: int

    def describe(self) -> str:
        if self.new:
            return f"{self.who}: new respondent, {self.added} answer(s) ({self.source})"
        if not self.added and not self.changed:
            return f"{self.who}: no changes ({self.source})"
        return (f"{self.who}: {self.added} answer(s) added, {self.changed} changed, "
                f"{self.unchanged} unchanged ({self.source})")

    @property
    def any(self) -> bool:
        return self.new or bool(self.added or self.changed)


def _combine(old: Answer | None, new: Answer) -> Answer:
    """``new`` over ``old``, field by field: what the form leaves blank stays as it was."""
    if old is None:
        return new
    update: dict = {}
    if new.level is not None or new.not_applicable:
        update.update(level=new.level, not_applicable=new.not_applicable)
    if new.importance is not None:
        update["importance"] = new.importance
    if new.note:
        update["note"] = new.note
    return old.model_copy(update=update)


def merge(assessment: Assessment, returned: list[Returned]) -> tuple[Assessment, list[Change]]:
    """The assessment with every returned answer in: a known respondent (same name and
    department) is updated — a blank level, importance or note in the form leaves that
    part of the answer as it was — and a new one is added at the end."""
    people = list(assessment.respondents)
    index = {identity(r.name, r.department): i for i, r in enumerate(people)}
    changes = []
    for item in returned:
        at = index.get(item.identity)
        if at is None:
            index[item.identity] = len(people)
            people.append(Respondent(name=item.name, department=item.department,
                                     answers=dict(item.answers)))
            changes.append(Change(item.source, item.who, True, len(item.answers), 0, 0))
            continue
        answers = dict(people[at].answers)
        added = changed = 0
        for qid, answer in item.answers.items():
            old = answers.get(qid)
            answers[qid] = combined = _combine(old, answer)
            added += old is None
            changed += old is not None and combined != old
        people[at] = people[at].model_copy(update={"answers": answers})
        changes.append(Change(item.source, people[at].name + (f" ({people[at].department})"
                                                               if people[at].department else ""),
                              False, added, changed, len(item.answers) - added - changed))
    return assessment.model_copy(update={"respondents": people}), changes
