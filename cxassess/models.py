"""Domain models: questionnaires and assessments as read from TOML.

Pure pydantic, no I/O and no UI. Loading (with file-aware error messages) lives in
``cxassess.loading``; scoring results live in ``cxassess.report``.
"""

import datetime
import math
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, \
    model_validator

from .celltext import clean_text
from .errors import show

STAGES: tuple[str, ...] = ("understand", "fix", "refine", "seduce")
"""The four Fs, in method order."""

STAGE_LABELS: dict[str, dict[str, str]] = {
    "understand": {"en": "Understand", "da": "Forstå"},
    "fix": {"en": "Fix", "da": "Fix"},
    "refine": {"en": "Refine", "da": "Forfin"},
    "seduce": {"en": "Seduce", "da": "Forfør"},
}

LANGUAGES: tuple[str, ...] = ("da", "en")
Language = Literal["da", "en"]
Stage = Literal["understand", "fix", "refine", "seduce"]

MIN_LEVEL, MAX_LEVEL = 0, 4
MIN_IMPORTANCE, MAX_IMPORTANCE = 1, 5
NOT_APPLICABLE = "n/a"
MAX_TITLE = 90
"""An initiative title is a short imperative of at most this many characters."""
PER_PHASE, MIN_PER_PHASE = 4, 3
"""Phases 1–3 of the roadmap hold at most ``PER_PHASE`` initiatives unless the assessment
sets ``[roadmap] per_phase`` (at least ``MIN_PER_PHASE``: phase 1 may need an Understand,
a Fix and a Refine initiative)."""

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")

class Strict(BaseModel):
    """Base for file models: unknown keys are errors, models are immutable, and types are
    strict — a bool or a string never passes as a number or a flag (``weight = true``,
    ``asks_importance = "yes"``).

    Building the model classes is most of what importing this module costs, so: the
    annotations are real types, not postponed strings (``from __future__ import
    annotations`` would have pydantic evaluate every one of them again), and an empty
    container's ``default_factory`` is a lambda — for a builtin such as ``dict``,
    pydantic's look at the factory's signature runs the tokenizer, a few milliseconds in
    a process that had no use for it. And a model's validator is built when it is first
    used (``defer_build``): commands validate whole questionnaires and assessments, whose
    validators take in the nested models, so a ``Text`` or an ``Answer`` rarely needs one
    of its own."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)

def check_id(value: str) -> str:
    """An id is matched whole: lower-case letters, digits, '-' and '_' (not ending in a
    newline, not empty)."""
    if not _ID.fullmatch(value):
        raise ValueError(
            f"{show(value)} is not a valid id (lower-case letters, digits, '-' and '_')"
        )
    return value

_SURROGATE = re.compile("[\ud800-\udfff]")

def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or only spaces")
    if not clean_text(value).strip():  # what a workbook or form would show: nothing
        raise ValueError("must say something: it holds only spaces and control characters")
    if _SURROGATE.search(value):  # only a plugin's dict can hold one: a file cannot
        raise ValueError("holds a lone surrogate (\\ud800-\\udfff), which is no text")
    return value

Id = Annotated[str, AfterValidator(check_id)]
"""An id: ``four-f``, ``fix-mobile``, ``data``."""

NonBlank = Annotated[str, AfterValidator(_not_blank)]
"""A text that says something: not empty, not only whitespace."""

class Text(Strict):
    """A user-facing text in both languages."""

    en: NonBlank
    da: NonBlank

    def get(self, language: str) -> str:
        return self.da if language == "da" else self.en

# --------------------------------------------------------------------------- questionnaire

class Source(Strict):
    """A source the questionnaire is grounded in (an article, or the questionnaire's own
    addition when ``own_addition`` is true)."""

    title: NonBlank
    author: str = ""
    publisher: str = ""
    year: int | None = None
    url: str = ""
    note: str | Text = ""  # plain, or {en, da} to follow the reader's language
    own_addition: bool = False

    def note_in(self, language: str) -> str:
        return self.note.get(language) if isinstance(self.note, Text) else self.note

class Dimension(Strict):
    label: Text
    description: Text | None = None

class Question(Strict):
    id: Id
    stage: Stage
    dimensions: list[Id] = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0, le=10)
    asks_importance: bool = False
    text: Text
    help: Text | None = None
    levels: list[Text] = Field(min_length=5, max_length=5)
    improvement: Text
    short: Text | None = Field(
        default=None, description="the initiative title when this question leads one: a short "
                                  "imperative of at most 90 characters")
    prerequisite: bool = Field(
        default=False, description="when it falls short, the roadmap addresses it in phase 1")
    sources: list[Id] = Field(min_length=1)

    @field_validator("short")
    @classmethod
    def _short_title(cls, value: Text | None) -> Text | None:
        if value is not None:
            for language in LANGUAGES:
                if len(value.get(language)) > MAX_TITLE:
                    raise ValueError(f"{language}: at most {MAX_TITLE} characters, "
                                     f"got {len(value.get(language))}")
        return value

    @field_validator("dimensions")
    @classmethod
    def _unique_dimensions(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a dimension is listed twice")
        return value

class Questionnaire(Strict):
    id: Id
    version: NonBlank
    title: Text
    description: Text | None = None
    languages: list[Language] = Field(default_factory=lambda: list(LANGUAGES))
    sources: dict[Id, Source] = Field(default_factory=lambda: {})
    dimensions: dict[Id, Dimension] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    aliases: dict[str, str] = Field(
        default_factory=lambda: {},
        description="old question id → current id, so answers and comparisons made with "
                    "an earlier version of the questionnaire follow a renamed question",
    )

    @model_validator(mode="after")
    def _cross_references(self) -> "Questionnaire":
        seen: set[str] = set()
        for i, q in enumerate(self.questions):
            if q.id in seen:
                raise ValueError(f"questions[{i}].id: duplicate question id {show(q.id)}")
            seen.add(q.id)
            for d in q.dimensions:
                if d not in self.dimensions:
                    raise ValueError(
                        f"questions[{i}].dimensions: unknown dimension {show(d)} "
                        f"(declared: {', '.join(sorted(self.dimensions))})"
                    )
            for s in q.sources:
                if s not in self.sources:
                    raise ValueError(
                        f"questions[{i}].sources: unknown source {show(s)} "
                        f"(declared: {', '.join(sorted(self.sources)) or 'none'})"
                    )
        for old, new in self.aliases.items():
            try:
                check_id(old)
            except ValueError as exc:  # an error in a validator of the whole names no key
                raise ValueError(f"aliases: {exc}") from None
            if old in seen:
                raise ValueError(f"aliases.{old}: {show(old)} is a current question "
                                 "id, not an old one")
            if new not in seen:
                raise ValueError(f"aliases.{old}: {show(new)} is not a question id")
        return self

    def dimension_label(self, dimension: str, language: str) -> str:
        """The label this questionnaire gives ``dimension`` in ``language``; the id of a
        dimension it does not declare."""
        dim = self.dimensions.get(dimension)
        return dim.label.get(language) if dim is not None else dimension

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def questions_in_stage(self, stage: str) -> list[Question]:
        return [q for q in self.questions if q.stage == stage]

    def questions_in_dimension(self, dimension: str) -> list[Question]:
        return [q for q in self.questions if dimension in q.dimensions]

# --------------------------------------------------------------------------- assessment

class Answer(Strict):
    """One respondent's answer to one question.

    ``level`` is 0..4, or ``None`` for "n/a" (``not_applicable``) or not yet answered.
    """

    level: int | None = Field(default=None, ge=MIN_LEVEL, le=MAX_LEVEL)
    not_applicable: bool = False
    importance: int | None = Field(default=None, ge=MIN_IMPORTANCE, le=MAX_IMPORTANCE)
    note: str = ""

    @model_validator(mode="wrap")
    @classmethod
    def _one_object_per_value(cls, data: object, handler, info) -> "Answer":
        """Within validations given one ``{SAME_ANSWERS: table}`` context (the files a
        process reads), answers written the same are validated once and are one object
        (answers are immutable): a 500-respondent file holds some 40 different answers
        among its 18,500. The key tells exact types apart (:func:`_value_key`)."""
        seen = info.context.get(SAME_ANSWERS) if isinstance(info.context, dict) else None
        key = _value_key(data) if seen is not None else None
        if key is None:
            return handler(data)
        answer = seen.get(key)
        if answer is None:
            answer = seen[key] = handler(data)
        return answer

    @model_validator(mode="before")
    @classmethod
    def _from_file(cls, data: object) -> object:
        """Accept the three file shapes: ``2``, ``"n/a"`` and ``{level, importance, note}``."""
        if decimal(data) is not None:
            raise ValueError(not_whole("level", data, MIN_LEVEL, MAX_LEVEL))
        if (hint := whole_written_otherwise("level", data, MIN_LEVEL, MAX_LEVEL)) is not None:
            raise ValueError(hint)
        if type(data) is int:
            if not MIN_LEVEL <= data <= MAX_LEVEL:
                raise ValueError(f"level {show(data)} is outside {MIN_LEVEL}..{MAX_LEVEL}")
            return {"level": data}
        if isinstance(data, str):
            if data.strip().lower() == NOT_APPLICABLE:
                return {"not_applicable": True}
            raise ValueError(f"expected a level 0..4 or \"n/a\", got {show(data)}")
        if not isinstance(data, dict):  # a bool, a float, an array, a date: never an answer
            raise ValueError("expected a level 0..4, \"n/a\" or a table {level, importance, note}, "
                             f"got {show(data)}")
        if isinstance(data, dict) and isinstance(data.get("level"), str):
            if data["level"].strip().lower() == NOT_APPLICABLE:
                return {**{k: v for k, v in data.items() if k != "level"}, "not_applicable": True}
        return data

    @field_validator("level", "importance", mode="before")
    @classmethod
    def _whole_number_in_range(cls, value: object, info) -> object:
        low, high = ((MIN_LEVEL, MAX_LEVEL) if info.field_name == "level"
                     else (MIN_IMPORTANCE, MAX_IMPORTANCE))
        if value is None:
            return value
        if decimal(value) is not None:
            raise ValueError(not_whole(info.field_name, value, low, high))
        if (hint := whole_written_otherwise(info.field_name, value, low, high)) is not None:
            raise ValueError(hint)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{info.field_name} must be a whole number {low}..{high}, "
                             f"got {show(value)}")
        if not low <= value <= high:
            raise ValueError(f"{info.field_name} {show(value)} is outside {low}..{high}")
        return value

    @model_validator(mode="after")
    def _level_or_na(self) -> "Answer":
        if self.not_applicable and self.level is not None:
            raise ValueError("an answer cannot both have a level and be \"n/a\"")
        return self

    @property
    def answered(self) -> bool:
        """True when the respondent gave a level (n/a and blank are not levels)."""
        return self.level is not None

    def to_file(self) -> int | str | dict:
        """The most compact file shape for this answer."""
        if not self.importance and not self.note:
            if self.not_applicable:
                return NOT_APPLICABLE
            if self.level is not None:
                return self.level
        out: dict = {}
        if self.not_applicable:
            out["level"] = NOT_APPLICABLE
        elif self.level is not None:
            out["level"] = self.level
        if self.importance is not None:
            out["importance"] = self.importance
        if self.note:
            out["note"] = self.note
        return out

SAME_ANSWERS = "same answers"
"""The validation context key of :meth:`Answer._one_object_per_value`'s table."""

_ANSWER_KEYS = frozenset(("level", "importance", "note"))


def _value_key(data: object) -> object:
    """A hashable key that tells an answer's file value from every other one, or None.
    Exact types only: ``True == 1`` and ``1.0 == 1`` must not find the answer ``1``."""
    if type(data) is int or type(data) is str:
        return data
    if type(data) is dict and data.keys() <= _ANSWER_KEYS and all(
            type(v) is int or type(v) is str for v in data.values()):
        return tuple(sorted(data.items()))
    return None


_DECIMAL = re.compile(r"\s*(\d+[.,]\d+)\s*")


def decimal(value: object) -> float | None:
    """A number with decimals, typed with a decimal point or comma (2.5, "2,5"); None
    for anything else, a whole number included."""
    if isinstance(value, float) and not value.is_integer():
        return value
    if isinstance(value, str) and (match := _DECIMAL.fullmatch(value)):
        number = float(match.group(1).replace(",", "."))
        return None if number.is_integer() else number
    return None


def whole_written_otherwise(what: str, value: object, low: int, high: int) -> str | None:
    """The problem of a whole number in range written as a decimal (``3.0``) or in quotes
    (``"3"``), saying how to write it; None for any other value."""
    if isinstance(value, float) and value.is_integer() and low <= value <= high:
        return (f"{what} {value:g}.0 is written with a decimal point; write the whole "
                f"number: {int(value)}")
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() \
            and low <= int(value.strip()) <= high:
        return (f"{what} {show(value)} is written in quotes; write the number without "
                f"them: {int(value.strip())}")
    return None


def not_whole(what: str, value: float | str, low: int, high: int) -> str:
    """The problem of a decimal (:func:`decimal`) where a whole ``what`` (level, importance)
    goes: what is expected, and the two whole numbers around it."""
    number = decimal(value)
    shown = f"{value:g}" if isinstance(value, float) else show(value.strip())
    also = " or n/a" if what == "level" else ""
    hint = f"; choose {math.floor(number)} or {math.ceil(number)}" \
        if number is not None and low <= number <= high else ""
    return f"{what} {shown} is not a whole number {low}..{high}{also}: {what}s are whole steps{hint}"


class Organisation(Strict):
    name: NonBlank
    sector: str = ""
    assessor: str = ""
    date: str = ""

    @field_validator("date", mode="before")
    @classmethod
    def _toml_date(cls, value: object) -> object:
        """``date = 2026-11-23`` (a TOML date, unquoted) reads as the text 2026-11-23; a
        TOML date and time, or a time, is told to be written as the date alone."""
        if type(value) is datetime.date:
            return value.isoformat()
        if isinstance(value, datetime.datetime):
            raise ValueError(f"a date and time ({value.isoformat()}); write the date alone: "
                             f"date = {value.date().isoformat()}")
        if isinstance(value, datetime.time):
            raise ValueError(f"a time of day ({value.isoformat()}), not a date; write the "
                             "assessment's date, e.g. date = 2026-11-23")
        return value

class Respondent(Strict):
    name: NonBlank
    department: str = ""
    answers: dict[str, Answer] = Field(default_factory=lambda: {})

class RoadmapSettings(Strict):
    """The assessment's optional ``[roadmap]`` table."""

    per_phase: int = Field(default=PER_PHASE, ge=MIN_PER_PHASE, le=50)

class Assessment(Strict):
    format: Literal[1] = 1
    questionnaire: NonBlank
    language: Language = "da"
    anonymous: bool = Field(
        default=False,
        description="Staff survey: respondents shown as \"Respondent 1…\" and departments "
                    "of fewer than 3 respondents as \"Other\" in every output.",
    )
    previous: str = Field(
        default="",
        description="The previous assessment of the same organisation, a path relative to "
                    "this file; the results then show what moved since.",
    )
    organisation: Organisation
    inputs: dict[str, str] = Field(
        default_factory=lambda: {},
        description="Free-form named inputs for plugins, e.g. paths of survey exports.",
    )
    respondents: list[Respondent] = Field(default_factory=lambda: [])
    roadmap: RoadmapSettings | None = None

    @field_validator("format", mode="before")
    @classmethod
    def _format_is_the_number_one(cls, value: object) -> object:
        # Literal[1] alone lets true and 1.0 through
        if type(value) is not int:
            raise ValueError(f"the file format version must be the number 1, got {show(value)}")
        return value

    @field_validator("previous", mode="before")
    @classmethod
    def _previous_is_a_path(cls, value: object) -> object:
        example = 'e.g. previous = "2025/client.toml"'
        if not isinstance(value, str):
            raise ValueError(f"the previous assessment's file, a path in quotes ({example}), "
                             f"got {show(value)}")
        if not value.strip():
            raise ValueError(f"empty; name the previous assessment's file ({example}), "
                             "or leave the key out")
        return value

    def to_file(self, respondents: bool = True) -> dict:
        """The TOML-ready document of this assessment, in the file format (without the
        respondents when ``respondents`` is false)."""
        doc: dict = {
            "format": self.format,
            "questionnaire": self.questionnaire,
            "language": self.language,
            **({"anonymous": True} if self.anonymous else {}),
            **({"previous": self.previous} if self.previous else {}),
            "organisation": {
                k: v for k, v in self.organisation.model_dump().items() if v or k == "name"
            },
        }
        if self.inputs:
            doc["inputs"] = dict(self.inputs)
        if self.roadmap is not None:
            doc["roadmap"] = self.roadmap.model_dump()
        if not respondents:
            return doc
        doc["respondents"] = [
            {
                "name": r.name,
                "department": r.department,
                "answers": {qid: a.to_file() for qid, a in r.answers.items()},
            }
            for r in self.respondents
        ]
        return doc


def questionnaire_schema() -> dict:
    """The JSON Schema of a questionnaire file (``cxassess questionnaires schema``), from
    the models themselves, for editors that complete and check TOML against a schema."""
    schema = Questionnaire.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "cxassess questionnaire", **{k: v for k, v in schema.items() if k != "title"}}
