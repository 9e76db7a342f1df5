"""What scoring and planning produce: the Report and the Roadmap.

Pydantic models (and a plain dataclass for the per-answer rows), no I/O and no UI.
Renderers (terminal text, JSON, Excel, TUI) read these and compute nothing of their own.
"""

import functools
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.fields import FieldInfo

from .models import Stage, check_id


class Model(BaseModel):
    """Base of the report models. As in :class:`cxassess.models.Strict`, annotations are
    real types and empty containers are plain defaults (``default=[]``: pydantic copies a
    mutable default for each model), not a builtin ``default_factory``, whose signature
    pydantic would read through the tokenizer at import.

    Scoring and planning build these with ``model_construct``: every value comes from
    input validated when it was read, and is of the field's type already. So a model's
    validator is built only when something validates one (a plugin's
    :class:`ScoreResult` or :class:`PluginInitiative`, a test): ``defer_build``. Building
    the validators of all of them at import was a tenth of a cold ``score --json``
    (measured); ``score --json`` writes its JSON without their serializers too
    (:mod:`cxassess.export.jsondoc`)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> "Model":
        """What pydantic's ``model_construct`` makes of these models (they have no aliases,
        private attributes or ``model_post_init``), without its look-up of every field's
        aliases, which cost more than validating the models: a one-respondent run takes
        2.4% fewer instructions with this than with pydantic's (and fewer than with
        validation)."""
        names, fields, order = _fields(cls)
        if values.keys() == names:  # every field given, the usual case: copied in one go
            data: dict[str, Any] = dict(zip(order, map(values.__getitem__, order)))
            given = set(names)
        else:
            data, given = {}, set()
            for name, field in fields:
                if name in values:
                    data[name] = values[name]
                    given.add(name)
                elif not field.is_required():
                    # (no validated_data: older pydantic 2 does not take it, and no default
                    # factory of these models asks for it)
                    data[name] = field.get_default(call_default_factory=True)
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", data)
        object.__setattr__(model, "__pydantic_fields_set__",
                           given if _fields_set is None else _fields_set)
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model


@functools.cache
def _fields(cls: type[Model]
            ) -> tuple[frozenset[str], tuple[tuple[str, FieldInfo], ...], tuple[str, ...]]:
    """A model's field names, its fields, and its field names in order: reading
    ``model_fields`` goes through a descriptor each time."""
    return frozenset(cls.model_fields), tuple(cls.model_fields.items()), tuple(cls.model_fields)


COVERAGE_TOLERANCE = 0.001
"""How far ``coverage`` may be from ``answered / total`` (it is often rounded)."""


class ScoreResult(Model):
    """What a scorer returns (a dict with these keys is accepted too).

    Strict: numbers must be numbers (``"55"`` is rejected, not read as 55), finite,
    ``answered ≤ total``, and when ``total`` is given ``coverage`` is ``answered / total``
    (computed when left out)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    score: float | None = Field(default=None, ge=0, le=100, allow_inf_nan=False)
    coverage: float = Field(default=0.0, ge=0, le=1, allow_inf_nan=False)
    answered: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)
    findings: list[str] = Field(default=[])

    @model_validator(mode="after")
    def _consistent(self) -> "ScoreResult":
        if self.answered > self.total:
            raise ValueError(f"answered ({self.answered}) is more than total ({self.total})")
        if self.total:
            share = self.answered / self.total
            if "coverage" not in self.model_fields_set:
                self.coverage = round(share, 3)
            elif abs(self.coverage - share) > COVERAGE_TOLERANCE:
                raise ValueError(f"coverage {self.coverage:g} does not match answered/total "
                                 f"= {self.answered}/{self.total} = {share:.3g}")
        return self


class StageScore(Model):
    id: Stage
    label: str
    score: float | None = Field(ge=0, le=100)
    answered: int
    total: int


class DimensionScore(Model):
    id: str
    label: str
    score: float | None = Field(ge=0, le=100)
    coverage: float = Field(ge=0, le=1)
    answered: int
    total: int
    scorer: str = Field(description="name of the plugin that produced the score")
    findings: list[str]


@dataclass(slots=True)
class RespondentAnswer:
    """One respondent's answer to one question, as the report shows it (read it, do not
    change it). A plain slotted dataclass, not a validated model: there is one per
    answer (18,000 for 500 respondents), built from answers validated when the file was
    read, and a frozen dataclass takes ten times as long to build."""

    respondent: str
    department: str
    level: int | None
    not_applicable: bool
    importance: int | None
    note: str


@dataclass(slots=True, kw_only=True)
class QuestionResult:
    """One question, aggregated over respondents, with its texts in the report language.
    A plain slotted dataclass, like :class:`RespondentAnswer`: scoring builds one per
    question on every run from validated input, and a validated model took five times
    as long to build."""

    id: str
    stage: Stage
    dimensions: list[str]
    weight: float
    asks_importance: bool
    text: str
    improvement: str
    short: str = ""
    """The questionnaire's short title, if any."""
    prerequisite: bool = False
    level: float | None
    """Mean level 0..4 over the respondents who gave one."""
    importance: float | None
    """Mean importance 1..5, when given."""
    answered: int
    """Respondents who gave a level."""
    not_applicable: int
    """Respondents who answered n/a."""
    spread: int | None
    """Highest minus lowest level given."""
    critical: bool = False
    """Mean importance ≥ 4 and mean level ≤ 1."""
    urgency: float = 0.0
    """Weight × gap (see :func:`cxassess.urgency.urgency`)."""
    answers: list[RespondentAnswer]


class Gap(Model):
    """Importance versus experience on a question that asks for importance."""

    question: str
    text: str
    stage: Stage
    importance: float
    level: float
    gap: float = Field(description="importance and level on one 0..100 scale: importance − level")
    urgency: float = Field(default=0.0, description="weight × gap (0 when the gap is negative)")


class PluginInfo(Model):
    name: str
    version: str | None
    builtin: bool


class PluginInitiative(Model):
    """An initiative a plugin contributes through ``cxassess_roadmap_initiatives``."""

    id: str
    title: str = Field(min_length=1)
    stage: Stage
    dimension: str
    priority: float = Field(ge=0)
    rationale: str = ""
    phase: int | None = Field(default=None, ge=1)
    questions: list[str] = Field(default=[])
    source: str = ""

    _check_id = field_validator("id")(check_id)


class Evidence(Model):
    """A respondent's own note on a question an initiative addresses."""

    respondent: str
    department: str
    question: str
    note: str

    @property
    def who(self) -> str:
        """Who wrote it, as every output attributes a note: "name, department"."""
        return ", ".join(part for part in (self.respondent, self.department) if part)

    @property
    def quoted(self) -> str:
        """The note in quotes, attributed: “note” (name, department)."""
        return f"“{self.note}” ({self.who})"


class Check(Model):
    """Something odd in the answers that the consultant should look at before presenting."""

    id: str
    message: str
    questions: list[str] = Field(default=[])


class Included(Model):
    """An initiative taken into another's card (see :attr:`Initiative.includes`), as it
    was proposed: followed by ``compare`` and ``export --previous`` like a card of its own."""

    id: str
    title: str
    stage: Stage
    dimension: str
    source: str = Field(description="the contributing plugin's name")
    questions: list[str] = Field(default=[], description="the questions it was proposed for")


class Initiative(Model):
    id: str
    title: str
    stage: Stage
    dimension: str
    priority: float = Field(description="higher is more urgent")
    rationale: str
    source: str = Field(description="the questionnaire id or the contributing plugin's name")
    questions: list[str]
    actions: list[str] = Field(default=[],
                               description="concrete steps, from the questions' improvement texts")
    evidence: list[Evidence] = Field(default=[],
                                     description="respondents' notes on the questions it addresses")
    includes: list[str] = Field(default=[],
                                description="ids of the initiatives taken into this one (a "
                                            "plugin's Understand initiative with no place "
                                            "before the Refine work)")
    included: list[Included] = Field(default=[],
                                     description="the initiatives of ``includes``, in full: "
                                                 "title, stage, dimension, source, questions")


class Phase(Model):
    number: int = Field(ge=1)
    title: str
    horizon: str
    initiatives: list[Initiative]
    projected_stages: dict[str, float | None] = Field(
        default={},
        description="stage scores once this phase's and earlier phases' initiatives are done",
    )


class Roadmap(Model):
    current_stage: Stage
    mastery_bar: float
    phases: list[Phase]

    @property
    def initiatives(self) -> list[Initiative]:
        return [i for p in self.phases for i in p.initiatives]


class DepartmentScore(Model):
    """One department's own stage and dimension scores (the generic weighted score)."""

    name: str
    respondents: int
    stages: dict[str, float | None]
    dimensions: dict[str, float | None]


class Disagreement(Model):
    """A question the departments see differently: each department's mean level."""

    question: str
    text: str
    spread: float = Field(description="highest minus lowest department mean level")
    departments: dict[str, float]


class Report(Model):
    """Everything scoring found. ``questions`` and ``plugin_initiatives`` feed the planner
    and the renderers; they are not part of ``score --json``."""

    organisation: str
    sector: str = ""
    assessor: str = ""
    date: str = ""
    language: Literal["da", "en"]
    questionnaire: dict[str, str] = Field(description="{id, version, title}")
    respondents: list[dict[str, str]] = Field(default=[])
    mastery_bar: float
    per_phase: int = Field(default=4, description="phases 1–3 hold at most this many initiatives")
    current_stage: Stage
    stages: list[StageScore]
    dimensions: list[DimensionScore]
    gaps: list[Gap]
    questions: list[QuestionResult]
    plugins: list[PluginInfo]
    plugin_initiatives: list[PluginInitiative] = Field(default=[])
    departments: list[DepartmentScore] = Field(default=[])
    disagreements: list[Disagreement] = Field(default=[])
    checks: list[Check] = Field(default=[])
    warnings: list[str] = Field(default=[])

    def stage(self, stage_id: str) -> StageScore:
        return next(s for s in self.stages if s.id == stage_id)

    def dimension(self, dimension_id: str) -> DimensionScore | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

