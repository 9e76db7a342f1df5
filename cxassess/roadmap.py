"""The staged roadmap: the four-F method's rules, enforced by the core.

:func:`plan_roadmap` turns a scored :class:`~cxassess.report.Report` into a
:class:`~cxassess.report.Roadmap` the executive acts on. Pure code, no I/O and no UI.

**Initiatives from the questionnaire.** A question *falls short* when it has a mean level
(unanswered and "n/a" questions have none and are never initiatives) below
:data:`TARGET_LEVEL` (3 of 4: the practice is in place and used). The questions that fall
short are grouped per stage × dimension — a question with several dimensions belongs to
its first dimension only — and each group is one initiative with the id
``<stage>-<dimension>``, titled with the first sentence of the improvement text of its
most urgent question; the rationale gives the levels and importance gaps of its two
most urgent questions and the initiative's place in the method; ``actions`` lists the
concrete steps: the rest of that improvement, then the first sentence of the other
questions' improvements.

**Priority.** A question's priority is ``weight × gap`` with
``gap = (4 − level) × 25 × (0.5 + (importance − 1) / 4)``: the distance from level 4 on
0..100, scaled by the customers' mean importance when the question asks for it (×0.5 at
importance 1, ×1 at 3 or when not asked, ×1.5 at 5). An initiative's priority is the sum
over its questions (the whole weighted gap it closes), rounded to two decimals. Ties are
broken by id everywhere, so the same report always gives byte-identical JSON.

**Phases.** Four fixed phases, 0–3, 3–9, 9–18 and 18+ months; trailing empty phases are
dropped, phase 1 never. The method's rules:

1. Phase 1 holds the questionnaire's Understand initiatives (and a plugin's that asks for
   no phase). When no Understand question falls short
   the core adds a refresh of journeys and expectations ("start with understanding
   anyway"), so phase 1 always holds one.
2. Seduce is never in phase 1 and always comes after the phase of the highest-priority
   Fix initiative. When Fix, data or tracking are weak (below the mastery bar, or not
   scored) Seduce goes to phase 4 and its rationale states it as the long-term goal;
   otherwise to phase 3 (phase 2 when the current stage is already Seduce).
3. Fix and Refine run combined: the most important half of the Fix initiatives (ranked by
   priority) is in phase 1, the rest in phase 2; Refine starts in phase 2 (in phase 1
   when the current stage is Refine or Seduce, or nothing needs fixing), its top half
   there and the rest a phase later.
4. Within a phase, initiatives are ordered by priority, highest first, ties by id.
5. Plugin initiatives (``report.plugin_initiatives``) go where they ask (``phase``; or,
   without one, where a core initiative of their stage would go), unless that breaks
   rules 1–3: then they move to the nearest phase the rules allow (a Seduce initiative to
   the earliest allowed one) and their rationale says so. A phase beyond 4 becomes 4.
   Their question ids are kept only when they name a real question no other initiative
   addresses, so no question is addressed twice.

**Projection ("done").** An initiative is done when each question it addresses reaches at
least level 3 (:data:`TARGET_LEVEL`). ``Phase.projected_stages`` gives each stage's score
once the initiatives of that phase and all earlier ones are done, with the formula of
:func:`cxassess.scoring.weighted_score` (weighted mean of the levels × 25 over the
answered questions, one decimal), never lower than the current score; a stage with no
answered question stays ``None``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .models import MAX_IMPORTANCE, MAX_LEVEL, MIN_IMPORTANCE, STAGE_LABELS, STAGES
from .report import Initiative, Phase, PluginInitiative, QuestionResult, Report, Roadmap

TARGET_LEVEL = 3.0
"""A question falls short below this mean level; "done" raises it to this level."""

PHASES = 4
"""The roadmap's fixed set of phases (trailing empty ones are dropped, phase 1 never)."""

REFRESH_ID = "understand-refresh"
"""The id of the Understand refresh added when no Understand question falls short."""

FOUNDATIONS = ("data", "tracking")
"""The dimensions that, with the Fix stage, make the foundation Seduce needs."""

# --------------------------------------------------------------------------- phrases

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "horizon1": "0–3 months",
        "horizon2": "3–9 months",
        "horizon3": "9–18 months",
        "horizon4": "18+ months",
        "title.understand": "understand customers",
        "title.fix": "fix what must work",
        "title.refine": "refine the moments that matter most",
        "title.seduce": "seduce across channels",
        "title.and": " and ",
        "title.empty2": "Make the changes part of everyday work and measure the effect",
        "title.empty3": "Repeat the assessment and revisit the journeys",
        "title.long_term": " – the long-term goal",
        "short.intro": "Where it falls short: {items}.",
        "short.item": "“{text}” at level {level} of 4",
        "short.importance": ", customers rate its importance {importance} of 5",
        "short.gap": " (a gap of {gap} points)",
        "short.more": "and {n} more questions",
        "short.more1": "and 1 more question",
        "role.understand": "Start here: understand customers before you start fixing.",
        "role.top_fix": "The most important fix: this must work, or the rest of the "
                        "experience suffers.",
        "role.early_fix": "One of the most important fixes, so it comes early.",
        "role.later_fix": "Fixed alongside the first peaks, so the work does not go cold.",
        "role.first_refine": "A peak at a journey point customers value: start it alongside "
                             "the fixes, not after them.",
        "role.refine": "More peaks at the journey points that matter most to customers.",
        "seduce.weak": "The long-term goal: seducing across channels needs a solid "
                       "foundation, and it is not there yet ({items}; the mastery bar is {bar}).",
        "seduce.strong": "Builds on a solid foundation: Fix, data and tracking clear the "
                         "mastery bar.",
        "weak.score": "{label} scores {score}",
        "weak.none": "{label} has no score",
        "refresh.title": "Refresh the customer journeys and expectations",
        "refresh.rationale": "Start with understanding anyway: no Understand question falls "
                             "short, but expectations change with trends, technology and "
                             "markets. Read the analyses that already exist, get close to "
                             "customers again and revisit the journeys – no grand study needed.",
        "overview.title": "Get an overview of the customer journeys and expectations",
        "overview.rationale": "Start with understanding: no Understand question has been "
                              "answered yet. Read the analyses that already exist, get close "
                              "to customers and map their journeys from their side – no grand "
                              "study needed.",
        "plugin": "Proposed by the plugin “{source}”.",
        "moved": "Moved from phase {old} to phase {new}: {reason}.",
        "reason.seduce": "Seduce never comes in phase 1, and only after the most important fix",
        "reason.fix": "the most important fixes come in phases 1–2",
        "reason.refine": "Refine starts no later than phase 2, alongside Fix",
        "reason.last": "the roadmap has four phases",
    },
    "da": {
        "horizon1": "0–3 måneder",
        "horizon2": "3–9 måneder",
        "horizon3": "9–18 måneder",
        "horizon4": "18+ måneder",
        "title.understand": "forstå kunderne",
        "title.fix": "fix det, der skal virke",
        "title.refine": "forfin de øjeblikke, der betyder mest",
        "title.seduce": "forfør på tværs af kanaler",
        "title.and": " og ",
        "title.empty2": "Gør ændringerne til en del af hverdagen, og mål effekten",
        "title.empty3": "Gentag vurderingen, og genbesøg kunderejserne",
        "title.long_term": " – det langsigtede mål",
        "short.intro": "Her halter det: {items}.",
        "short.item": "“{text}” på niveau {level} af 4",
        "short.importance": ", og kunderne vurderer vigtigheden til {importance} af 5",
        "short.gap": " (et gab på {gap} point)",
        "short.more": "og {n} spørgsmål mere",
        "short.more1": "og 1 spørgsmål mere",
        "role.understand": "Start her: Forstå kunderne, før I begynder at fikse.",
        "role.top_fix": "Det vigtigste at fikse: Det her skal virke, ellers lider resten af "
                        "oplevelsen.",
        "role.early_fix": "Et af de vigtigste punkter at fikse, så det kommer tidligt.",
        "role.later_fix": "Fikses sideløbende med de første højdepunkter, så arbejdet ikke "
                          "går i stå.",
        "role.first_refine": "Et højdepunkt på et punkt i kunderejsen, som kunderne sætter "
                             "pris på: Start det sideløbende med Fix og ikke først bagefter.",
        "role.refine": "Flere højdepunkter på de punkter i kunderejsen, der betyder mest for "
                       "kunderne.",
        "seduce.weak": "Det langsigtede mål: At forføre på tværs af kanaler kræver et solidt "
                       "fundament, og det er der ikke endnu ({items}; mestringsgrænsen er {bar}).",
        "seduce.strong": "Bygger på et solidt fundament: Fix, kundedata og måling ligger over "
                         "mestringsgrænsen.",
        "weak.score": "{label} scorer {score}",
        "weak.none": "{label} har ingen score",
        "refresh.title": "Genopfrisk kunderejserne og kundernes forventninger",
        "refresh.rationale": "Start alligevel med at forstå: Ingen Forstå-spørgsmål halter, "
                             "men kundernes forventninger ændrer sig med trends, teknologi og "
                             "markeder. Læs de analyser, der allerede findes, kom tæt på "
                             "kunderne igen, og genbesøg kunderejserne – det kræver ikke et "
                             "stort studie.",
        "overview.title": "Skab overblik over kunderejserne og kundernes forventninger",
        "overview.rationale": "Start med at forstå: Ingen Forstå-spørgsmål er besvaret endnu. "
                              "Læs de analyser, der allerede findes, kom tæt på kunderne, og "
                              "kortlæg rejserne fra kundens side – det kræver ikke et stort "
                              "studie.",
        "plugin": "Foreslået af pluginet “{source}”.",
        "moved": "Flyttet fra fase {old} til fase {new}: {reason}.",
        "reason.seduce": "Forfør kommer aldrig i fase 1 og først efter det vigtigste at fikse",
        "reason.fix": "Det vigtigste at fikse kommer i fase 1–2",
        "reason.refine": "Forfin begynder senest i fase 2, side om side med Fix",
        "reason.last": "Køreplanen har fire faser",
    },
}

DIMENSION_LABELS: dict[str, dict[str, str]] = {
    "data": {"en": "Customer data", "da": "Kundedata"},
    "tracking": {"en": "Tracking", "da": "Måling"},
    "silos": {"en": "Silos", "da": "Siloer"},
    "empowerment": {"en": "Staff empowerment", "da": "Medarbejdernes handlerum"},
}
"""Fallback labels for the built-in dimensions when no scorer labelled them."""


def text(language: str, key: str, **values: object) -> str:
    """A fixed phrase of the roadmap in ``language`` (``"da"``; anything else is English)."""
    return TEXTS["da" if language == "da" else "en"][key].format(**values)


def _number(value: float, language: str, digits: int = 1) -> str:
    out = f"{value:.{digits}f}"
    return out.replace(".", ",") if language == "da" else out


def _bar(value: float, language: str) -> str:
    return str(int(value)) if float(value).is_integer() else _number(value, language)


def _sentence(value: str) -> str:
    value = value.strip()
    return value if not value or value[-1] in ".!?" else value + "."


def _clause(value: str) -> str:
    return value.strip().rstrip(".").strip()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9“\"])")


def _split_first(value: str) -> tuple[str, str]:
    """The first sentence of a text (a short title) and the rest."""
    parts = _SENTENCE_END.split(value.strip(), maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


def _capitalise(value: str) -> str:
    return value[:1].upper() + value[1:]


# --------------------------------------------------------------------------- priority


def falls_short(question: QuestionResult) -> bool:
    """Answered (it has a mean level) and below :data:`TARGET_LEVEL`."""
    return question.level is not None and question.level < TARGET_LEVEL


def importance_factor(question: QuestionResult) -> float:
    """×0.5 at importance 1 up to ×1.5 at 5; ×1 when importance is not asked or not given."""
    if not question.asks_importance or question.importance is None:
        return 1.0
    return 0.5 + (question.importance - MIN_IMPORTANCE) / (MAX_IMPORTANCE - MIN_IMPORTANCE)


def question_gap(question: QuestionResult) -> float:
    """The distance from level 4 on 0..100, scaled by the customers' importance; 0 when
    the question has no level."""
    if question.level is None:
        return 0.0
    distance = max(0.0, MAX_LEVEL - question.level) * 100 / MAX_LEVEL
    return distance * importance_factor(question)


def question_priority(question: QuestionResult) -> float:
    """``weight × gap`` of one question."""
    return question.weight * question_gap(question)


def _importance_gap(question: QuestionResult) -> float | None:
    """Importance minus level on one 0..100 scale, as in ``Report.gaps``."""
    if not question.asks_importance or question.importance is None or question.level is None:
        return None
    importance = (question.importance - MIN_IMPORTANCE) * 100 / (MAX_IMPORTANCE - MIN_IMPORTANCE)
    return importance - question.level * 100 / MAX_LEVEL


# --------------------------------------------------------------------------- planning


@dataclass
class _Item:
    id: str
    title: str
    stage: str
    dimension: str
    priority: float
    source: str
    questions: list[str]
    members: list[QuestionResult] = field(default_factory=list)  # core only
    plugin: PluginInitiative | None = None
    rationale: str = ""
    refresh: bool = False
    requested: int | None = None
    phase: int = 0
    move_reason: str | None = None

    @property
    def key(self) -> tuple[float, str]:
        return (-self.priority, self.id)


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-") or "plugin"


def _core_items(report: Report, used: set[str]) -> list[_Item]:
    groups: dict[tuple[str, str], list[QuestionResult]] = {}
    for q in report.questions:
        if falls_short(q):
            groups.setdefault((q.stage, q.dimensions[0]), []).append(q)
    items = []
    for (stage, dimension), members in groups.items():
        members.sort(key=lambda q: (-question_priority(q), q.id))
        items.append(_Item(
            id=_unique(f"{stage}-{dimension}", used),
            title=_clause(_split_first(members[0].improvement)[0]) or _clause(members[0].text)
            or members[0].id,
            stage=stage,
            dimension=dimension,
            priority=round(sum(question_priority(q) for q in members), 2),
            source=report.questionnaire.get("id", ""),
            questions=[q.id for q in members],
            members=members,
        ))
    return items


def _refresh_item(report: Report, used: set[str]) -> _Item:
    understand = [q for q in report.questions if q.stage == "understand"]
    answered = any(q.level is not None for q in understand)
    prefix = "refresh" if answered else "overview"
    dimension = understand[0].dimensions[0] if understand else (
        report.questions[0].dimensions[0] if report.questions else "data")
    return _Item(
        id=_unique(REFRESH_ID, used),
        title=text(report.language, f"{prefix}.title"),
        stage="understand",
        dimension=dimension,
        priority=0.0,
        source=report.questionnaire.get("id", ""),
        questions=[],
        rationale=text(report.language, f"{prefix}.rationale"),
        refresh=True,
    )


def _plugin_items(report: Report, used: set[str], claimed: set[str]) -> list[_Item]:
    known = {q.id for q in report.questions}
    items = []
    for pi in report.plugin_initiatives:
        source = pi.source or "plugin"
        base = pi.id if pi.id not in used else f"{_slug(source)}-{pi.id}"
        questions = []
        for qid in pi.questions:
            if qid in known and qid not in claimed:
                claimed.add(qid)
                questions.append(qid)
        items.append(_Item(
            id=_unique(base, used),
            title=pi.title,
            stage=pi.stage,
            dimension=pi.dimension,
            priority=round(float(pi.priority), 2),
            source=source,
            questions=questions,
            plugin=pi,
            rationale=pi.rationale.strip(),
            requested=pi.phase,
        ))
    return items


def foundation_gaps(report: Report) -> list[tuple[str, float | None]]:
    """The weak parts of the foundation Seduce needs: the Fix stage and the data and
    tracking dimensions, each below the mastery bar or not scored, as (label, score)."""
    language = report.language
    out: list[tuple[str, float | None]] = []
    fix = next((s for s in report.stages if s.id == "fix"), None)
    fix_score = fix.score if fix is not None else None
    if fix_score is None or fix_score < report.mastery_bar:
        out.append((STAGE_LABELS["fix"][language], fix_score))
    for dim_id in FOUNDATIONS:
        dim = report.dimension(dim_id)
        score = dim.score if dim is not None else None
        if score is None or score < report.mastery_bar:
            label = dim.label if dim is not None and dim.label else \
                DIMENSION_LABELS.get(dim_id, {}).get(language, dim_id)
            out.append((label, score))
    return out


def _half(n: int) -> int:
    return math.ceil(n / 2)


def _place(items: list[_Item], report: Report, weak: bool) -> None:
    """Give every item its phase, enforcing rules 1–3 (see the module docstring)."""
    by_stage = {s: sorted((i for i in items if i.stage == s), key=lambda i: i.key) for s in STAGES}
    free = {s: [i for i in by_stage[s] if i.requested is None] for s in STAGES}

    # requested phases first (clamped to the fixed set)
    for item in items:
        if item.requested is not None:
            item.phase = min(item.requested, PHASES)
            if item.requested > PHASES:
                item.move_reason = "reason.last"

    # rule 1: every Understand initiative the plugins do not place goes first
    for item in free["understand"]:
        item.phase = 1

    # rule 3: the most important fixes first, the rest right after
    for rank, item in enumerate(free["fix"]):
        item.phase = 1 if rank < _half(len(free["fix"])) else 2
    fixes = by_stage["fix"]
    for item in fixes[:_half(len(fixes))]:
        if item.phase > 2:
            item.phase, item.move_reason = 2, "reason.fix"

    # rule 3: Refine alongside Fix, no later than phase 2
    start = 1 if report.current_stage in ("refine", "seduce") or not fixes else 2
    for rank, item in enumerate(free["refine"]):
        item.phase = start if rank < _half(len(free["refine"])) else start + 1
    refines = by_stage["refine"]
    if refines and min(i.phase for i in refines) > 2:
        refines[0].phase, refines[0].move_reason = 2, "reason.refine"

    # rule 2: Seduce never in phase 1 and only after the most important fix
    earliest = max(2, fixes[0].phase + 1) if fixes else 2
    if weak:
        wanted = PHASES
    else:
        wanted = max(earliest, 2 if report.current_stage == "seduce" else 3)
    for item in free["seduce"]:
        item.phase = wanted
    for item in by_stage["seduce"]:
        if item.phase < earliest:
            item.phase, item.move_reason = earliest, "reason.seduce"


def _actions(item: _Item) -> list[str]:
    """The concrete steps of a core initiative: the rest of its lead question's improvement
    text, then the first sentence of each other question's, most urgent first."""
    if not item.members:
        return []
    steps = []
    rest = _split_first(item.members[0].improvement)[1]
    if rest:
        steps.append(_sentence(rest))
    steps += [_sentence(_split_first(q.improvement)[0]) for q in item.members[1:]
              if q.improvement.strip()]
    return steps


def _shortfall(members: list[QuestionResult], language: str) -> str:
    shown = []
    for q in members[:2]:
        part = text(language, "short.item", text=_clause(q.text) or q.id,
                    level=_number(q.level or 0.0, language))
        if q.asks_importance and q.importance is not None:
            part += text(language, "short.importance",
                         importance=_number(q.importance, language))
            gap = _importance_gap(q)
            if gap is not None and gap > 0:
                part += text(language, "short.gap", gap=str(round(gap)))
        shown.append(part)
    rest = len(members) - len(shown)
    if rest == 1:
        shown.append(text(language, "short.more1"))
    elif rest > 1:
        shown.append(text(language, "short.more", n=rest))
    return text(language, "short.intro", items="; ".join(shown))


def _rationale(item: _Item, report: Report, role: str | None, weak_note: str | None) -> str:
    language = report.language
    parts: list[str] = []
    if item.plugin is not None or item.refresh:
        if item.rationale:
            parts.append(_sentence(item.rationale))
        elif item.plugin is not None:
            parts.append(text(language, "plugin", source=item.source))
    else:
        parts.append(_shortfall(item.members, language))
    if role:
        parts.append(text(language, role))
    if item.stage == "seduce" and weak_note:
        parts.append(weak_note)
    elif item.stage == "seduce" and item.plugin is None:
        parts.append(text(language, "seduce.strong"))
    if item.plugin is not None and item.move_reason is not None and item.requested != item.phase:
        reason = text(language, item.move_reason)
        parts.append(text(language, "moved", old=item.requested, new=item.phase, reason=reason))
    return " ".join(parts)


def _roles(items: list[_Item]) -> dict[str, str]:
    """The role sentence of each core initiative."""
    roles: dict[str, str] = {}
    fixes = sorted((i for i in items if i.stage == "fix"), key=lambda i: i.key)
    refines = sorted((i for i in items if i.stage == "refine"), key=lambda i: (i.phase, i.key))
    first_refine = refines[0].id if refines else None
    for item in items:
        if item.plugin is not None or item.refresh:
            continue
        if item.stage == "understand":
            roles[item.id] = "role.understand"
        elif item.stage == "fix":
            if item is fixes[0]:
                roles[item.id] = "role.top_fix"
            else:
                roles[item.id] = "role.early_fix" if item.phase == 1 else "role.later_fix"
        elif item.stage == "refine":
            roles[item.id] = "role.first_refine" if item.id == first_refine else "role.refine"
    return roles


def _title(number: int, stages: set[str], language: str, weak: bool) -> str:
    if not stages:
        # phase 1 is never empty and a trailing empty phase is dropped
        return text(language, "title.empty3" if number >= 3 else "title.empty2")
    parts = [text(language, f"title.{s}") for s in STAGES if s in stages]
    if len(parts) == 1:
        out = parts[0]
    else:
        head = ", ".join(parts[:-1])
        # Danish: a comma closes a subordinate clause before "og"
        joiner = text(language, "title.and")
        if language == "da" and "," in parts[-2]:
            joiner = "," + joiner
        out = head + joiner + parts[-1]
    if "seduce" in stages and weak:
        out += text(language, "title.long_term")
    return _capitalise(out)


def _projections(report: Report, phases: list[list[_Item]]) -> list[dict[str, float | None]]:
    """Stage scores once each phase and the ones before it are done (see the docstring)."""
    levels = {q.id: q.level for q in report.questions if q.level is not None}
    current = {s.id: s.score for s in report.stages}
    done: set[str] = set()
    out = []
    for phase_items in phases:
        for item in phase_items:
            done.update(item.questions)
        projected: dict[str, float | None] = {}
        for stage in STAGES:
            total_weight = weighted = 0.0
            for q in report.questions:
                if q.stage != stage or q.id not in levels:
                    continue
                level = levels[q.id]
                if q.id in done:
                    level = max(level, TARGET_LEVEL)
                total_weight += q.weight
                weighted += q.weight * level * 100 / MAX_LEVEL
            now = current.get(stage)
            if not total_weight:
                projected[stage] = now
                continue
            score = round(min(100.0, max(0.0, weighted / total_weight)), 1)
            projected[stage] = score if now is None else max(now, score)
        out.append(projected)
    return out


def plan_roadmap(report: Report) -> Roadmap:
    """Plan the staged roadmap of a scored report (the rules: see the module docstring)."""
    language = report.language
    used: set[str] = set()
    items = _core_items(report, used)
    if not any(i.stage == "understand" for i in items):
        items.append(_refresh_item(report, used))
    claimed = {qid for i in items for qid in i.questions}
    items += _plugin_items(report, used, claimed)

    weak_parts = foundation_gaps(report)
    weak = bool(weak_parts)
    _place(items, report, weak)

    weak_note = None
    if weak:
        listed = [text(language, "weak.none", label=label) if score is None else
                  text(language, "weak.score", label=label, score=_number(score, language))
                  for label, score in weak_parts]
        weak_note = text(language, "seduce.weak", items="; ".join(listed),
                         bar=_bar(report.mastery_bar, language))
    roles = _roles(items)

    per_phase: list[list[_Item]] = [[] for _ in range(PHASES)]
    for item in items:
        per_phase[item.phase - 1].append(item)
    for phase_items in per_phase:
        phase_items.sort(key=lambda i: i.key)
    while len(per_phase) > 1 and not per_phase[-1]:
        per_phase.pop()

    projections = _projections(report, per_phase)
    phases = []
    for number, (phase_items, projected) in enumerate(zip(per_phase, projections), start=1):
        initiatives = [
            Initiative(
                id=item.id, title=item.title, stage=item.stage, dimension=item.dimension,
                priority=item.priority,
                rationale=_rationale(item, report, roles.get(item.id), weak_note),
                source=item.source, questions=list(item.questions), actions=_actions(item),
            )
            for item in phase_items
        ]
        phases.append(Phase(
            number=number,
            title=_title(number, {i.stage for i in phase_items}, language, weak),
            horizon=text(language, f"horizon{number}"),
            initiatives=initiatives,
            projected_stages=projected,
        ))
    return Roadmap(current_stage=report.current_stage, mastery_bar=report.mastery_bar,
                   phases=phases)


__all__ = ["FOUNDATIONS", "PHASES", "TARGET_LEVEL", "TEXTS", "falls_short",
           "foundation_gaps", "importance_factor", "plan_roadmap", "question_gap",
           "question_priority", "text"]
