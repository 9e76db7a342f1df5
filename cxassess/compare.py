"""Reassessment: what moved between two or more assessments of one organisation.

:func:`compare` is pure (no I/O, no UI), like the planner: it takes scored and planned
assessments (:class:`Snapshot`: a Report, its Roadmap and the file it came from) and
returns a :class:`Comparison` that the renderers (terminal text, ``compare --json``, the
Trend workbook, the TUI's results screen) show without computing anything of their own.

**Order.** Assessments are ordered by ``[organisation] date`` (ISO ``YYYY-MM-DD``), which
is required here; equal dates keep the order given. The first is the *baseline*, the last
the *latest*. Assessments of differently named organisations, or of different
questionnaires, are compared, with a warning.

**Scores.** Per assessment: the current stage and every stage and dimension score.
``deltas`` are latest minus baseline, one decimal; ``None`` when either has no score.

**Questions.** Question ids of earlier assessments are read through the questionnaire's
``aliases`` (old id → new id; chains are followed), so a renamed question compares with
itself. A question with a mean level in both the baseline and the latest assessment has
*improved* or got *worse* when its level moved (levels are compared at one decimal, the
precision every report shows them in); one with a level in only the latest is
*added*, in only the baseline *removed* — never silently dropped.

**Initiatives.** Each initiative of the baseline roadmap was planned for the questions it
addressed that fell short of their stage's target (:func:`cxassess.roadmap.targets`: level
3 of 4, or level 4 for a mature organisation's current stage and Seduce), each to reach
that target: :func:`planned`. It is *done* when every one of those questions now reaches
the level it was planned to reach; one question left below, or no longer answered, keeps
it *open*. An initiative planned for no question (the Understand refresh, a plugin's) is
done when the latest roadmap no longer holds it, on its own card or taken into another's
(listed in that one's ``includes``: a plugin's Understand work the core's Understand
initiative took in is still open, carried in the core's card). Work taken into a card is
followed as a card of its own (:func:`followed`: the card's ``included``, with its title
and questions), in the baseline and the latest alike. A latest initiative
*continues* the open baseline initiative of its id, those of the ids it includes, and an
open one the latest roadmap no longer holds that was planned for one of its questions
(work grouped differently this time). *New* are the
latest roadmap's initiatives that continue none: a new id, or the id of baseline work now
done (the same id again is new work: other questions, or a higher target); and work the
latest roadmap took into a card that is not open baseline work of its id.
:func:`progress` decides this once, for ``compare``, the Trend workbook and ``export
--previous``. Initiative ids are ``<stage>-<dimension>`` and so stable from one
assessment to the next, except for a stage's ``<stage>-first`` group of phase-1 musts.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from .errors import InputError, show, show_path
from .report import Included, Initiative, Model, QuestionResult, Report, Roadmap
from .roadmap import dimension_label, targets

EPSILON = 1e-9


@dataclass(frozen=True)
class Snapshot:
    """One scored and planned assessment; ``source`` names its file in messages."""

    source: str
    report: Report
    roadmap: Roadmap


class Point(Model):
    """One assessment on the timeline."""

    file: str
    date: str
    organisation: str
    current_stage: str
    stages: dict[str, float | None]
    dimensions: dict[str, float | None]


class QuestionMove(Model):
    """A question whose level moved (or that one side does not have)."""

    id: str
    text: str
    stage: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """After minus before, one decimal; ``None`` when one side has no level."""
        return _delta(self.before, self.after)


class InitiativeStatus(Model):
    id: str
    title: str
    stage: str
    dimension: str
    status: Literal["done", "open", "new"]
    questions: list[str]


class Comparison(Model):
    language: Literal["da", "en"] = Field(description="the latest report's language")
    assessments: list[Point] = Field(description="in date order, the baseline first")
    stage_labels: dict[str, str]
    dimension_labels: dict[str, str]
    stage_deltas: dict[str, float | None]
    dimension_deltas: dict[str, float | None]
    improved: list[QuestionMove]
    worse: list[QuestionMove]
    added: list[QuestionMove]
    removed: list[QuestionMove]
    initiatives: list[InitiativeStatus]
    warnings: list[str] = Field(default_factory=list)

    @property
    def baseline(self) -> Point:
        return self.assessments[0]

    @property
    def latest(self) -> Point:
        return self.assessments[-1]

    def with_status(self, status: str) -> list[InitiativeStatus]:
        return [i for i in self.initiatives if i.status == status]


# --------------------------------------------------------------------------- helpers


def assessment_date(snapshot: Snapshot) -> _dt.date:
    """The ``[organisation] date`` of an assessment; a missing or unreadable one is an
    :class:`~cxassess.loading.InputError` naming the file."""
    return parse_date(snapshot.report.date, snapshot.source)


def parse_date(value: str, source: str) -> _dt.date:
    """An ``[organisation] date`` as a date; a missing or unreadable one is an
    :class:`~cxassess.loading.InputError` naming ``source``."""
    value = value.strip()
    if not value:
        raise InputError(f"{show_path(source)}: organisation.date is missing; compare orders "
                         "assessments by it (add date = \"YYYY-MM-DD\" under [organisation])")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{show_path(source)}: organisation.date: {show(value)} is not a date "
                         "(YYYY-MM-DD)") from None


def resolve_alias(question_id: str, aliases: Mapping[str, str]) -> str:
    """The current id of a question, following ``aliases`` (old id → new id) to the end."""
    seen = {question_id}
    while question_id in aliases:
        question_id = aliases[question_id]
        if question_id in seen:  # a cycle: stop where it closes
            break
        seen.add(question_id)
    return question_id


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 1)


def _shown(level: float | None) -> float | None:
    return None if level is None else round(level, 1)


def _point(snapshot: Snapshot) -> Point:
    report = snapshot.report
    return Point(file=snapshot.source, date=report.date.strip(),
                 organisation=report.organisation, current_stage=report.current_stage,
                 stages={s.id: s.score for s in report.stages},
                 dimensions={d.id: d.score for d in report.dimensions})


def _levels(report: Report, aliases: Mapping[str, str]) -> dict[str, QuestionResult]:
    return {resolve_alias(q.id, aliases): q for q in report.questions}


def _moves(first: Report, last: Report, aliases: Mapping[str, str]):
    before, after = _levels(first, aliases), _levels(last, aliases)
    improved, worse, added, removed = [], [], [], []
    for qid in sorted(set(before) | set(after)):
        old, new = before.get(qid), after.get(qid)
        old_level = _shown(old.level) if old is not None else None
        new_level = _shown(new.level) if new is not None else None
        shown = new if new is not None else old
        move = QuestionMove(id=qid, text=shown.text, stage=shown.stage,
                            before=old_level, after=new_level)
        if old_level is None and new_level is None:
            continue  # unanswered (or n/a) in both: nothing to compare
        if old_level is None:
            added.append(move)
        elif new_level is None:
            removed.append(move)
        elif new_level > old_level:
            improved.append(move)
        elif new_level < old_level:
            worse.append(move)
    by_change = lambda m: (-abs((m.after or 0) - (m.before or 0)), m.id)  # noqa: E731
    return sorted(improved, key=by_change), sorted(worse, key=by_change), added, removed


def followed(roadmap: Roadmap) -> list[Initiative | Included]:
    """Every initiative a roadmap plans, in roadmap order: each card, then the initiatives
    taken into it (its ``included``: a plugin's Understand work carried in the core's
    card), which are followed as the cards are."""
    return [k for i in roadmap.initiatives for k in (i, *i.included)]


def planned(item: Initiative | Included, report: Report) -> dict[str, float]:
    """What an initiative of ``report``'s roadmap was planned for: each of its questions
    that fell short of its stage's target (:func:`cxassess.roadmap.targets`), with that
    target: the level the question is to reach. Empty for an initiative planned for no
    question (the Understand refresh; a plugin's without questions, or whose questions
    already reached their target)."""
    goal = targets(report)
    by_id = {q.id: q for q in report.questions}
    out: dict[str, float] = {}
    for qid in item.questions:
        q = by_id.get(qid)
        if q is not None and q.level is not None and q.level < goal[q.stage] - EPSILON:
            out[qid] = goal[q.stage]
    return out


def held(roadmap: Roadmap) -> set[str]:
    """The ids of the initiatives a roadmap holds: on their own cards, or taken into
    another's (its ``includes``: a plugin's Understand work carried in the core's card)."""
    return {k for i in roadmap.initiatives for k in (i.id, *i.includes)}


def is_done(initiative_id: str, plan: Mapping[str, float], latest: Report,
            latest_roadmap: Roadmap, aliases: Mapping[str, str] | None = None) -> bool:
    """Whether an earlier initiative (its id and what it was planned for, see
    :func:`planned`: question id → the level to reach) is done in the latest assessment:
    every question at or above the level it was planned to reach; planned for no
    question, when the latest roadmap no longer holds it (:func:`held`: on its own card or
    taken into another's)."""
    if not plan:
        return initiative_id not in held(latest_roadmap)
    aliases = aliases or {}
    levels = {resolve_alias(q.id, aliases): q.level for q in latest.questions}
    for qid, target in plan.items():
        level = levels.get(resolve_alias(qid, aliases))
        if level is None or level < target - EPSILON:
            return False
    return True


@dataclass(frozen=True)
class Progress:
    """How an earlier roadmap fared: the status of each earlier initiative by id (done or
    open); for each initiative of the latest roadmap, the open earlier initiatives it
    continues (see :func:`progress`); and the ids of the latest roadmap's new initiatives
    (cards that continue none, and work taken into a card that is not open earlier work),
    in roadmap order."""

    status: dict[str, Literal["done", "open"]]
    continued: dict[str, list[str]]
    new: list[str]

    @property
    def stranded(self) -> list[str]:
        """Earlier initiatives still open that no initiative of the latest roadmap
        continues: a question they were planned for is no longer answered, or is above
        the latest roadmap's target but below the level it was planned to reach."""
        carried = {k for ids in self.continued.values() for k in ids}
        return [k for k, v in self.status.items() if v == "open" and k not in carried]


def progress(plans: Mapping[str, Mapping[str, float]], latest: Report, latest_roadmap: Roadmap,
             aliases: Mapping[str, str] | None = None) -> Progress:
    """Done, open and new (see the module docstring) for the earlier initiatives
    ``plans`` (id → :func:`planned`) against the latest assessment and its roadmap.

    A latest initiative *continues* the open earlier initiative of its own id, those of
    the ids it includes (work taken into its card), and every open earlier one the latest
    roadmap no longer holds that was planned for one of its questions (read through
    ``aliases``): so work grouped differently this time — a stage's ``<stage>-first``
    group of phase-1 musts split up again, or separate initiatives merged into one, a
    prerequisite renamed, a plugin's Understand initiative taken into the core's — is
    still followed."""
    aliases = aliases or {}
    status: dict[str, Literal["done", "open"]] = {
        initiative: "done" if is_done(initiative, plan, latest, latest_roadmap, aliases)
        else "open" for initiative, plan in plans.items()}
    holds = held(latest_roadmap)
    gone = {k: {resolve_alias(q, aliases) for q in plans[k]}
            for k, v in status.items() if v == "open" and k not in holds}
    continued: dict[str, list[str]] = {}
    for item in latest_roadmap.initiatives:
        mine = {resolve_alias(q, aliases) for k in (item, *item.included) for q in k.questions}
        continued[item.id] = [k for k in (item.id, *item.includes)
                              if status.get(k) == "open"] + \
            [k for k, questions in gone.items() if questions & mine]
    new: list[str] = []
    for item in latest_roadmap.initiatives:
        if not continued[item.id]:
            new.append(item.id)
        # work taken into a card is new unless it is earlier work still open
        new += [k.id for k in item.included if status.get(k.id) != "open"]
    return Progress(status, continued, new)


def _initiative(item: Initiative | Included, status: str,
                aliases: Mapping[str, str]) -> InitiativeStatus:
    return InitiativeStatus(id=item.id, title=item.title, stage=item.stage,
                            dimension=item.dimension, status=status,
                            questions=[resolve_alias(q, aliases) for q in item.questions])


def _labels(snapshots: Sequence[Snapshot]) -> tuple[dict[str, str], dict[str, str]]:
    stages: dict[str, str] = {}
    dimensions: dict[str, str] = {}
    for snap in reversed(snapshots):  # the latest assessment's words win
        for s in snap.report.stages:
            stages.setdefault(s.id, s.label)
        for d in snap.report.dimensions:
            dimensions.setdefault(d.id, dimension_label(snap.report, d.id))
    return stages, dimensions


# --------------------------------------------------------------------------- compare


def order(snapshots: Sequence[Snapshot]) -> list[Snapshot]:
    """The snapshots in date order (a stable sort: equal dates keep the given order)."""
    dated = [(assessment_date(s), i, s) for i, s in enumerate(snapshots)]
    return [s for _, _, s in sorted(dated, key=lambda t: (t[0], t[1]))]


def compare(snapshots: Sequence[Snapshot], aliases: Mapping[str, str] | None = None, *,
            by_date: bool = True) -> Comparison:
    """Compare two or more assessments of one organisation (see the module docstring).
    With ``by_date=False`` the snapshots are taken in the order given, the baseline first,
    and need no date (an assessment compared with the ``previous`` it names)."""
    if len(snapshots) < 2:
        raise ValueError("compare needs at least two assessments")
    aliases = dict(aliases or {})
    ordered = order(snapshots) if by_date else list(snapshots)
    first, last = ordered[0], ordered[-1]
    warnings: list[str] = []
    names = list(dict.fromkeys(s.report.organisation for s in ordered))
    if len(names) > 1:
        warnings.append("the assessments are of differently named organisations: "
                        + ", ".join(repr(n) for n in names))
    questionnaires = list(dict.fromkeys(s.report.questionnaire.get("id", "") for s in ordered))
    if len(questionnaires) > 1:
        warnings.append("the assessments answer different questionnaires ("
                        + ", ".join(repr(q) for q in questionnaires) + "): only questions of "
                        "the same id (or renamed through aliases) compare; the others are "
                        "listed as added or removed, and initiatives by their ids")
    for a, b in zip(ordered, ordered[1:]):
        if a.report.date.strip() == b.report.date.strip():
            warnings.append(f"{a.source} and {b.source} have the same date "
                            f"{show(a.report.date.strip())}; they are compared in the order given")
    points = [_point(s) for s in ordered]
    stage_labels, dimension_labels = _labels(ordered)
    improved, worse, added, removed = _moves(first.report, last.report, aliases)

    earlier = followed(first.roadmap)
    moved = progress({i.id: planned(i, first.report) for i in earlier},
                     last.report, last.roadmap, aliases)
    initiatives = [_initiative(i, moved.status[i.id], aliases) for i in earlier]
    fresh = set(moved.new)
    initiatives += [_initiative(i, "new", aliases) for i in followed(last.roadmap)
                    if i.id in fresh]

    return Comparison(
        language=last.report.language,
        assessments=points,
        stage_labels=stage_labels,
        dimension_labels=dimension_labels,
        stage_deltas={k: _delta(points[0].stages.get(k), points[-1].stages.get(k))
                      for k in stage_labels},
        dimension_deltas={k: _delta(points[0].dimensions.get(k), points[-1].dimensions.get(k))
                          for k in dimension_labels},
        improved=improved, worse=worse, added=added, removed=removed,
        initiatives=initiatives,
        warnings=warnings,
    )


__all__ = ["Comparison", "InitiativeStatus", "Point", "Progress", "QuestionMove", "Snapshot",
           "assessment_date", "compare", "held", "is_done", "order", "parse_date", "planned", "progress",
           "resolve_alias", "followed"]
