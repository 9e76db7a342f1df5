"""Scoring: answers aggregated per question, stage scores, and the plugins' scorers.

A score is 0..100: the weighted mean, over the answered questions, of each question's
level on a 0..100 scale (level × 25). "n/a" is left out (it lowers coverage, never the
score); a dimension or stage with no answered question scores ``None``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from pydantic import ValidationError

from . import isolation
from .checks import consistency_checks
from .departments import department_of, side_by_side
from .loading import format_validation_error
from .models import PER_PHASE, STAGE_LABELS, STAGES, \
    Answer, Assessment, Question, Questionnaire, Respondent, Text
from .plugins import Plugins
from .report import DimensionScore, Gap, PluginInfo, PluginInitiative, QuestionResult, \
    Report, RespondentAnswer, ScoreResult, StageScore
from .urgency import LEVEL_POINTS, importance_gap, is_critical, urgency

MASTERY_BAR = 60.0
"""A stage is mastered when its score reaches this bar (0..100). 60 means the answers
average level 2.4 of 4: the practice is in place and used, not only planned."""


_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


# --------------------------------------------------------------------------- aggregation


@dataclass(frozen=True, init=False)
class Aggregate:
    """All respondents' answers to one question."""

    question: Question
    levels: tuple[int, ...]
    department_levels: Mapping[str, float]
    """Mean level per department (:func:`cxassess.departments.department_of`: respondents
    without one are one group, "(no department)"), over the departments that gave one."""
    importances: tuple[int, ...]
    not_applicable: int
    answers: tuple[tuple[Respondent, Answer], ...] = ()
    """Each respondent's own answer, in respondent order (respondents who gave none are
    left out)."""

    level: float | None = field(init=False, compare=False)
    """Mean level over the respondents who gave one."""
    importance: float | None = field(init=False, compare=False)
    """Mean importance over the respondents who gave one."""

    def __init__(self, question: Question, levels: tuple[int, ...],
                 department_levels: Mapping[str, float], importances: tuple[int, ...],
                 not_applicable: int, answers: tuple[tuple[Respondent, Answer], ...] = ()
                 ) -> None:
        # Frozen: set once, here, in one update of the instance's dict (a run builds one
        # per question, and the generated __init__'s object.__setattr__ per field took
        # twice as long). Scorers read the means again and again: worked out once.
        self.__dict__.update(
            question=question, levels=levels, department_levels=department_levels,
            importances=importances, not_applicable=not_applicable, answers=answers,
            level=_mean(levels), importance=_mean(importances))

    @property
    def answered(self) -> bool:
        return bool(self.levels)

    @property
    def spread(self) -> int | None:
        """Highest minus lowest level given (0 when everyone agrees)."""
        return max(self.levels) - min(self.levels) if self.levels else None


def _mean(values: tuple[int, ...]) -> float | None:
    return sum(values) / len(values) if values else None


class _Tally:
    """One question's answers while :func:`aggregate` reads them. (A plain class, as
    :class:`ScorerRegistry`: a dataclass compiles its methods when its module is
    imported, about half a millisecond each on every command, measured.)"""

    __slots__ = ("levels", "department_levels", "importances", "not_applicable", "answers")

    def __init__(self) -> None:
        self.levels: list[int] = []
        self.department_levels: dict[str, list[int]] = {}
        self.importances: list[int] = []
        self.not_applicable = 0
        self.answers: list[tuple[Respondent, Answer]] = []


def aggregate(questionnaire: Questionnaire, assessment: Assessment) -> dict[str, Aggregate]:
    """Every question's :class:`Aggregate`, in one pass over the answers (answers to
    question ids the questionnaire does not have are left out)."""
    tallies = {q.id: _Tally() for q in questionnaire.questions}
    for r in assessment.respondents:
        department = department_of(r, assessment.language)
        for question_id, a in r.answers.items():
            tally = tallies.get(question_id)
            if tally is None:
                continue
            tally.answers.append((r, a))
            if a.level is not None:
                tally.levels.append(a.level)
                tally.department_levels.setdefault(department, []).append(a.level)
            tally.not_applicable += a.not_applicable
            if a.importance is not None:
                tally.importances.append(a.importance)
    out: dict[str, Aggregate] = {}
    for q in questionnaire.questions:
        t = tallies[q.id]
        out[q.id] = Aggregate(
            question=q,
            levels=tuple(t.levels),
            department_levels=MappingProxyType(
                {d: sum(v) / len(v) for d, v in t.department_levels.items()}),
            importances=tuple(t.importances),
            not_applicable=t.not_applicable,
            answers=tuple(t.answers),
        )
    return out


# --------------------------------------------------------------------------- lookups


class QuestionIndex(NamedTuple):
    """A questionnaire's questions by id, by stage and by dimension (each in questionnaire
    order): what every run looks up again and again."""

    by_id: Mapping[str, Question]
    by_stage: Mapping[str, tuple[Question, ...]]
    by_dimension: Mapping[str, tuple[Question, ...]]


class _Identity:
    """A cache key that is its object's identity (the models are not hashable). The key
    holds the object, so its id is not reused while the key is cached."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Identity) and other.obj is self.obj


def question_index(questionnaire: Questionnaire) -> QuestionIndex:
    """The lookups of a questionnaire, made once per questionnaire (it is immutable)."""
    return _question_index(_Identity(questionnaire))


@functools.lru_cache(maxsize=16)
def _question_index(key: _Identity) -> QuestionIndex:
    questions = key.obj.questions
    by_stage: dict[str, list[Question]] = {}
    by_dimension: dict[str, list[Question]] = {}
    for q in questions:
        by_stage.setdefault(q.stage, []).append(q)
        for d in q.dimensions:
            by_dimension.setdefault(d, []).append(q)
    return QuestionIndex(
        MappingProxyType({q.id: q for q in questions}),
        MappingProxyType({k: tuple(v) for k, v in by_stage.items()}),
        MappingProxyType({k: tuple(v) for k, v in by_dimension.items()}))


@functools.lru_cache(maxsize=16)
def _fixed_fields(key: _Identity, language: str
                  ) -> tuple[tuple[Question, Mapping[str, Any]], ...]:
    return tuple((q, {
        "id": q.id, "stage": q.stage, "weight": q.weight, "asks_importance": q.asks_importance,
        "text": q.text.get(language), "improvement": q.improvement.get(language),
        "short": q.short.get(language) if q.short is not None else "",
        "prerequisite": q.prerequisite}) for q in key.obj.questions)


def fixed_fields(questionnaire: Questionnaire, language: str
                 ) -> tuple[tuple[Question, Mapping[str, Any]], ...]:
    """Each question (in questionnaire order) with the fields of its
    :class:`~cxassess.report.QuestionResult` that no answer changes — id, stage, weight,
    ``asks_importance``, ``prerequisite`` and its texts in ``language`` (``short`` is
    ``""`` when it has none) — made once per questionnaire and language."""
    return _fixed_fields(_Identity(questionnaire), language)


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class ScorerContext:
    """What a scorer gets: read it, never change it.

    - ``questionnaire``, ``assessment``: the validated models (frozen; the context holds
      its own copy of the respondents, answers and inputs: see :func:`make_context`);
    - ``answers``: question id → :class:`Aggregate` (levels, mean level, importance,
      n/a count, mean level per department);
    - ``language``: the assessment's language (``"da"`` or ``"en"``), for findings;
    - ``base_dir``: the assessment file's folder, to resolve ``assessment.inputs`` paths.
    """

    questionnaire: Questionnaire
    assessment: Assessment
    answers: Mapping[str, Aggregate]
    language: str = "en"
    base_dir: Path | None = None

    def questions(self, *, dimension: str | None = None, stage: str | None = None) -> list[Question]:
        if dimension is None and stage is None:
            return list(self.questionnaire.questions)
        index = question_index(self.questionnaire)
        if dimension is None:
            return list(index.by_stage.get(stage, ()))
        return [q for q in index.by_dimension.get(dimension, ())
                if stage is None or q.stage == stage]

    def respondent_answers(self, question_id: str) -> list[tuple[Respondent, Answer]]:
        """Each respondent's own answer to a question (respondents who gave none are left out)."""
        if question_id in self.answers:
            return list(self.answers[question_id].answers)
        return [(r, r.answers[question_id]) for r in self.assessment.respondents
                if question_id in r.answers]

    def text(self, text: Text | None) -> str:
        return text.get(self.language) if text is not None else ""

    def input_path(self, key: str) -> Path | None:
        """The path named in the assessment's ``[inputs]`` table, relative to the file."""
        value = self.assessment.inputs.get(key)
        if not value:
            return None
        path = Path(value).expanduser()
        if not path.is_absolute() and self.base_dir is not None:
            path = self.base_dir / path
        return path

    def read_input(self, key: str, *, limit: int | None = None) -> bytes | None:
        """The bytes of the file named ``key`` in ``[inputs]`` (None when it names none),
        read as cxassess reads its own files: a regular file only (never a device, FIFO
        or folder), at most ``limit`` bytes (default 64 MB). A file it cannot read is an
        :class:`~cxassess.errors.InputError` of one line naming the file and the key (and
        a ``limit`` given as the plugin's: "more than the plugin's limit of 4 bytes")."""
        path = self.input_path(key)
        if path is None:
            return None
        from .errors import show_key, show_path
        from .files import read_bytes

        return read_bytes(path, limit=limit, label=f"{show_path(path)} ([inputs] {show_key(key)})",
                          limit_owner="the plugin's")


def make_context(questionnaire: Questionnaire, assessment: Assessment,
                 base_dir: Path | None = None) -> ScorerContext:
    """The context scorers and roadmap hooks read. The models are frozen, but their lists
    and dicts are not: the context holds a copy of the assessment's respondents, answers
    and inputs, so a plugin that sorts or clears them changes neither the outputs nor the
    assessment a caller goes on to save (the terminal app)."""
    assessment = assessment.model_copy(update={
        "inputs": dict(assessment.inputs),
        "respondents": [r.model_copy(update={"answers": dict(r.answers)})
                        for r in assessment.respondents]})
    return ScorerContext(questionnaire, assessment,
                         MappingProxyType(aggregate(questionnaire, assessment)),
                         assessment.language, base_dir)


# --------------------------------------------------------------------------- scoring helpers


def level_score(agg: Aggregate) -> float:
    """A question's score on 0..100: its mean level × 25."""
    assert agg.level is not None
    return agg.level * LEVEL_POINTS


def as_questions(context: ScorerContext, questions: Iterable[Question | str]) -> list[Question]:
    """Questions given as :class:`Question` objects or as ids, as objects; an id the
    questionnaire does not have raises ValueError naming it."""
    by_id = question_index(context.questionnaire).by_id
    out = []
    for q in questions:
        if isinstance(q, str):
            if q not in by_id:
                raise ValueError(f"unknown question id {q!r} (not in questionnaire "
                                 f"{context.questionnaire.id!r})")
            q = by_id[q]
        out.append(q)
    return out


def scored_questions(context: ScorerContext, questions: Iterable[Question],
                     question_score: Callable[[Aggregate], float] = level_score
                     ) -> list[tuple[Question, float]]:
    """Each answered question of ``questions`` (objects) with its ``question_score``, in
    the order given: what :func:`weighted_score` and :func:`weakest` rest on."""
    answers = context.answers
    if question_score is level_score:  # the usual score, without a call per question
        return [(q, agg.level * LEVEL_POINTS) for q in questions
                if (agg := answers[q.id]).levels]
    return [(q, question_score(agg)) for q in questions if (agg := answers[q.id]).levels]


def weighted_mean(scored: list[tuple[Question, float]]) -> float | None:
    """The weighted mean of question scores (see :func:`scored_questions`) on 0..100, to
    one decimal; ``None`` when there are none."""
    if not scored:
        return None
    total_weight = weighted = 0.0
    for q, question_score in scored:
        total_weight += q.weight
        weighted += q.weight * question_score
    return round(min(100.0, max(0.0, weighted / total_weight)), 1)


def score_result(scored: list[tuple[Question, float]], total: int,
                 findings: Iterable[str] = ()) -> ScoreResult:
    """The :func:`weighted_score` of ``total`` questions whose answered ones are
    ``scored`` (see :func:`scored_questions`), with ``findings``."""
    answered = len(scored)
    return ScoreResult(score=weighted_mean(scored),
                       coverage=round(answered / total, 3) if total else 0.0,
                       answered=answered, total=total, findings=list(findings))


def weighted_score(context: ScorerContext, questions: Iterable[Question | str],
                   question_score: Callable[[Aggregate], float] = level_score) -> ScoreResult:
    """The weighted mean of ``question_score`` over the answered questions (given as
    Question objects or ids).

    Unanswered and "n/a" questions lower ``coverage`` and are left out of the score;
    with no answered question the score is ``None``."""
    questions = as_questions(context, questions)
    return score_result(scored_questions(context, questions, question_score), len(questions))


def lowest(scored: list[tuple[Question, float]], n: int = 3) -> list[tuple[Question, float]]:
    """The ``n`` lowest of ``scored`` (see :func:`scored_questions`); weight breaks ties,
    then id."""
    return sorted(scored, key=lambda item: (item[1], -item[0].weight, item[0].id))[:n]


def weakest(context: ScorerContext, questions: Iterable[Question | str], n: int = 3,
            question_score: Callable[[Aggregate], float] = level_score) -> list[tuple[Question, float]]:
    """The ``n`` answered questions (objects or ids) with the lowest scores (weight
    breaks ties, then id)."""
    return lowest(scored_questions(context, as_questions(context, questions), question_score), n)


# --------------------------------------------------------------------------- scorers


class RegisteredScorer(NamedTuple):
    id: str
    function: Callable[[ScorerContext], Any]
    plugin: str
    label: str | dict | None = None
    description: str = ""


class ScorerRegistry:
    def __init__(self, scorers: dict[str, RegisteredScorer] | None = None) -> None:
        self.scorers: dict[str, RegisteredScorer] = {} if scorers is None else scorers

    def by_plugin(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for s in self.scorers.values():
            out.setdefault(s.plugin, []).append(s.id)
        return out


REGISTER_HOOK = "cxassess_register_scorers"


def collect_scorers(plugins: Plugins, warnings: list[str]) -> ScorerRegistry:
    """Ask every plugin to register its scorers; reject bad and duplicate ids by name.

    What a plugin registers counts once its hook has returned: a hook that fails, or
    runs past the time limit, registers nothing.

    A plugin manager keeps what was registered while the same plugins implement the hook
    (each hook call is a hand-off to a worker thread, which costs more than a short
    scorer): the hook runs again once a plugin is added or removed, or when the last
    registration met a problem."""
    kept = plugins.kept_result(REGISTER_HOOK)
    if kept is not None:
        return ScorerRegistry(dict(kept))
    problems: list[str] = []
    registry = _register(plugins, problems)
    warnings.extend(problems)
    if not problems:
        plugins.keep(REGISTER_HOOK, dict(registry.scorers))
    return registry


def _register(plugins: Plugins, warnings: list[str]) -> ScorerRegistry:
    registry = ScorerRegistry()
    pending: dict[str, list[tuple[Any, Any, Any, str]]] = {}

    def register_for(plugin: str) -> dict[str, Any]:
        calls = pending.setdefault(plugin, [])

        def register(scorer_id: str, function: Callable[[ScorerContext], Any], *,
                     label: str | dict | None = None, description: str = "") -> None:
            calls.append((scorer_id, function, label, description))
        # a mistaken call names what the plugin called: register(), not this closure
        register.__qualname__ = "register"
        return {"register": register}

    for call in plugins.call_each(REGISTER_HOOK, warnings, per_plugin=register_for):
        plugin = call.plugin
        for scorer_id, function, label, description in pending.pop(plugin, []):
            if not isinstance(scorer_id, str) or not _ID.match(scorer_id):
                warnings.append(f"plugin {plugin!r}: scorer id {scorer_id!r} is not valid "
                                "(lower-case letters, digits, '-' and '_'); skipped")
            elif not callable(function):
                warnings.append(f"plugin {plugin!r}: scorer {scorer_id!r} is not callable; skipped")
            elif scorer_id in registry.scorers:
                first = registry.scorers[scorer_id].plugin
                warnings.append(f"scorer id {scorer_id!r} is registered by both plugin {first!r} "
                                f"and plugin {plugin!r}; keeping {first!r}")
            else:
                if not _is_label(label):
                    warnings.append(f"plugin {plugin!r}: scorer {scorer_id!r}: its label is not "
                                    "text (a string, or {'en': …, 'da': …} of strings); the "
                                    "dimension's own label is used")
                    label = None
                registry.scorers[scorer_id] = RegisteredScorer(
                    scorer_id, function, plugin, label, str(description))
    return registry


def _is_label(label: Any) -> bool:
    """Whether ``label`` is what ``register`` takes: None, a string, or strings by language."""
    if isinstance(label, Mapping):
        return all(isinstance(text, str) for text in label.values())
    return label is None or isinstance(label, str)


def _label(scorer: RegisteredScorer, context: ScorerContext) -> str:
    if isinstance(scorer.label, dict):
        return scorer.label.get(context.language) or next(iter(scorer.label.values()), scorer.id)
    if isinstance(scorer.label, str) and scorer.label:
        return scorer.label
    return context.questionnaire.dimension_label(scorer.id, context.language)


def run_scorer(scorer: RegisteredScorer, context: ScorerContext,
               timeout: float | None = isolation.DEFAULT_TIMEOUT) -> tuple[ScoreResult | None, str]:
    """Call a scorer in isolation (see :mod:`cxassess.isolation`) and validate what it
    returns: ``(result, "")``, or ``(None, what went wrong)``."""
    outcome = isolation.call(scorer.function, context, name=scorer.plugin, timeout=timeout)
    return checked_result(outcome, timeout)


def checked_result(outcome: isolation.Outcome, timeout: float | None
                   ) -> tuple[ScoreResult | None, str]:
    """What a scorer's call came to, validated: ``(result, "")``, or ``(None, what went
    wrong)``."""
    if not outcome.ok:
        return None, f"failed: {isolation.failure(outcome, timeout)}"
    raw = outcome.value
    if isinstance(raw, ScoreResult):  # validated again: it may have been changed since
        raw = {key: getattr(raw, key) for key in ScoreResult.model_fields}
    elif isinstance(raw, Mapping):
        raw = dict(raw)
    else:
        what = ("None (a function without a return statement returns None)" if raw is None
                else f"a value of type {type(raw).__name__}")
        return None, f"returned {what}, not a ScoreResult or dict"
    try:
        return ScoreResult.model_validate(raw), ""
    except ValidationError as exc:
        return None, f"returned an invalid result: {format_validation_error(exc, raw)}"


NOT_ASSESSED = {
    "en": ("Not assessed: its scorer gave no score and no reason.",
           "Not assessed: none of the {total} things it rests on is answered or given."),
    "da": ("Ikke vurderet: scoreren gav hverken en score eller en begrundelse.",
           "Ikke vurderet: intet af de {total}, den bygger på, er besvaret eller givet."),
}
"""The finding of a dimension shown without a score when its scorer gave no reason."""


def questioned_dimensions(questionnaire: Questionnaire) -> set[str]:
    """The dimensions that have at least one question in this questionnaire."""
    return {d for q in questionnaire.questions for d in q.dimensions}


def score_dimensions(context: ScorerContext, registry: ScorerRegistry, warnings: list[str],
                     timeout: float | None = isolation.DEFAULT_TIMEOUT) -> list[DimensionScore]:
    """Score every dimension: the registered scorers', and every dimension with questions
    in the questionnaire that no plugin scores (or whose scorer failed) by the generic
    scorer (:mod:`cxassess.generic`). A dimension without questions whose scorer gives no
    score and rests on nothing (``total`` 0, no finding) is left out: nothing was
    assessed. Any other dimension without a score says why in its findings. In the
    questionnaire's order of dimensions, then the plugins' own in registration order."""
    from .generic import GENERIC_SCORER, score_dimension

    def generic(dimension: str) -> RegisteredScorer:
        return RegisteredScorer(dimension, lambda ctx: score_dimension(ctx, dimension),
                                GENERIC_SCORER)

    asked = questioned_dimensions(context.questionnaire)
    order = list(context.questionnaire.dimensions)
    scorers = dict(registry.scorers)
    scorers.update({d: generic(d) for d in order if d in asked and d not in scorers})
    ordered = sorted(scorers.values(),
                     key=lambda s: order.index(s.id) if s.id in order else len(order))
    outcomes = isolation.call_each(
        [(s.plugin, functools.partial(s.function, context)) for s in ordered], timeout)
    out = []
    for scorer, outcome in zip(ordered, outcomes):
        result, problem = checked_result(outcome, timeout)
        if problem:
            where = f"plugin {scorer.plugin!r}, scorer {scorer.id!r}"
            if scorer.id in asked:
                scorer = generic(scorer.id)
                result, _ = run_scorer(scorer, context, timeout)
                problem += "; the dimension is scored from its questions instead"
            warnings.append(f"{where} {problem}")
        if result is None:
            continue
        findings = list(result.findings)
        if result.score is None and not findings:
            if scorer.id not in asked and not result.total:
                continue
            no_reason, none_given = NOT_ASSESSED["da" if context.language == "da" else "en"]
            findings = [none_given.format(total=result.total) if result.total else no_reason]
        out.append(DimensionScore.model_construct(
            id=scorer.id, label=_label(scorer, context),
            score=None if result.score is None else round(result.score, 1),
            coverage=result.coverage, answered=result.answered, total=result.total,
            scorer=scorer.plugin, findings=findings))
    return out


# --------------------------------------------------------------------------- the report


def stage_scores(context: ScorerContext) -> list[StageScore]:
    by_stage = question_index(context.questionnaire).by_stage
    out = []
    for stage in STAGES:
        questions = by_stage.get(stage, ())
        scored = scored_questions(context, questions)
        out.append(StageScore.model_construct(
            id=stage, label=STAGE_LABELS[stage][context.language],
            score=weighted_mean(scored), answered=len(scored), total=len(questions)))
    return out


def current_stage(stages: list[StageScore], bar: float = MASTERY_BAR,
                  critical: Iterable[str] = ()) -> str:
    """The first stage, in method order, below the mastery bar (a stage with no answered
    question counts as not mastered) or holding a critical question (``critical``: the
    stages that hold one); ``seduce`` when every stage clears it."""
    critical = set(critical)
    for s in stages:
        if s.score is None or s.score < bar or s.id in critical:
            return s.id
    return "seduce"


def gaps(context: ScorerContext) -> list[Gap]:
    """Importance versus experience on the questions that ask importance, largest first."""
    out = []
    for q, fixed in fixed_fields(context.questionnaire, context.language):
        agg = context.answers[q.id]
        if not q.asks_importance or agg.level is None or agg.importance is None:
            continue
        out.append(Gap.model_construct(
            question=q.id, text=fixed["text"], stage=q.stage,
            importance=round(agg.importance, 2), level=round(agg.level, 2),
            gap=round(importance_gap(agg.level, agg.importance), 1),
            urgency=urgency(q.weight, agg.level, agg.importance, True)))
    out.sort(key=lambda g: (-g.gap, g.question))
    return out


def question_results(context: ScorerContext) -> list[QuestionResult]:
    """Each question's :class:`QuestionResult`: its fixed fields (:func:`fixed_fields`)
    and what the answers say."""
    out = []
    for q, fixed in fixed_fields(context.questionnaire, context.language):
        agg = context.answers[q.id]
        level = None if agg.level is None else round(agg.level, 3)
        importance = None if agg.importance is None else round(agg.importance, 3)
        out.append(QuestionResult(
            **fixed, dimensions=list(q.dimensions), level=level, importance=importance,
            answered=len(agg.levels), not_applicable=agg.not_applicable, spread=agg.spread,
            critical=q.asks_importance and is_critical(level, importance),
            urgency=urgency(q.weight, level, importance, q.asks_importance),
            answers=[RespondentAnswer(r.name, r.department, a.level, a.not_applicable,
                                      a.importance, a.note) for r, a in agg.answers],
        ))
    return out


def _plugin_initiatives(plugins: Plugins, context: ScorerContext, report: Report,
                        warnings: list[str]) -> list[PluginInitiative]:
    """The initiatives plugins contribute, validated. One under a dimension the report
    does not show is left out (the roadmap files initiatives only under dimensions the
    report shows); question ids the questionnaire does not have are dropped. Both with
    a warning naming the plugin."""
    out = []
    shown = {d.id for d in report.dimensions}
    known = set(context.questionnaire.question_ids)
    # each plugin reads a copy of the report: one that sorts, clears or sets what it reads
    # changes neither what is printed nor what the next plugin reads
    for call in plugins.call_each("cxassess_roadmap_initiatives", warnings, context=context,
                                  per_plugin=lambda _: {"report": report.model_copy(deep=True)}):
        for i, item in enumerate(call.items("cxassess_roadmap_initiatives", warnings)):
            data = item.model_dump() if isinstance(item, PluginInitiative) else item
            if isinstance(data, Mapping):
                data = {**data, "source": call.plugin}
            try:
                initiative = PluginInitiative.model_validate(data)
            except ValidationError as exc:
                warnings.append(f"plugin {call.plugin!r}: initiative [{i}] is invalid: "
                                f"{format_validation_error(exc, data)}")
                continue
            where = f"plugin {call.plugin!r}: initiative {initiative.id!r}"
            if initiative.dimension not in shown:
                warnings.append(f"{where} is under dimension {initiative.dimension!r}, which "
                                "the report does not show (not scored); left out")
                continue
            unknown = [q for q in initiative.questions if q not in known]
            if unknown:
                warnings.append(f"{where} names question ids the questionnaire "
                                f"{context.questionnaire.id!r} does not have: "
                                f"{', '.join(map(repr, unknown))}; they are dropped")
                initiative = initiative.model_copy(update={
                    "questions": [q for q in initiative.questions if q in known]})
            out.append(initiative)
    return out


def score(questionnaire: Questionnaire, assessment: Assessment, plugins: Plugins, *,
          base_dir: Path | None = None, warnings: Iterable[str] = ()) -> Report:
    """Score an assessment: stage scores from the core, dimension scores from the
    registered scorers (and the generic scorer, for every dimension the questionnaire
    names that no plugin scores), gaps, and the initiatives plugins contribute."""
    warnings = list(warnings)
    context = make_context(questionnaire, assessment, base_dir)
    registry = collect_scorers(plugins, warnings)
    dimensions = score_dimensions(context, registry, warnings, plugins.timeout)
    stages = stage_scores(context)
    departments, disagreements = side_by_side(questionnaire, assessment, context)
    questions = question_results(context)
    critical = {q.stage for q in questions if q.critical}
    report = Report.model_construct(
        organisation=assessment.organisation.name,
        sector=assessment.organisation.sector,
        assessor=assessment.organisation.assessor,
        date=assessment.organisation.date,
        language=assessment.language,
        questionnaire={"id": questionnaire.id, "version": questionnaire.version,
                       "title": questionnaire.title.get(assessment.language)},
        respondents=[{"name": r.name, "department": r.department} for r in assessment.respondents],
        mastery_bar=MASTERY_BAR,
        per_phase=assessment.roadmap.per_phase if assessment.roadmap else PER_PHASE,
        current_stage=current_stage(stages, critical=critical),
        stages=stages,
        dimensions=dimensions,
        gaps=gaps(context),
        questions=questions,
        departments=departments,
        disagreements=disagreements,
        plugins=[PluginInfo.model_construct(name=r.name, version=r.version, builtin=r.builtin)
                 for r in plugins.loaded],
        warnings=[],
    )
    report.plugin_initiatives = _plugin_initiatives(plugins, context, report, warnings)
    report.checks = consistency_checks(report)
    report.warnings = warnings
    return report
