"""The staged roadmap: the four-F method's rules, enforced by the core.

:func:`plan_roadmap` turns a scored :class:`~cxassess.report.Report` into a
:class:`~cxassess.report.Roadmap` the executive acts on. Pure code, no I/O and no UI: the
same report always gives byte-identical JSON. docs/method.md quotes the articles behind
each rule.

**Initiatives from the questionnaire.** A question *falls short* when it has a mean level
(unanswered and "n/a" questions have none and are never initiatives) below its target,
:data:`~cxassess.urgency.TARGET_LEVEL` (3 of 4: the practice is in place and used). The
questions that fall short are grouped per stage × dimension — a question with several
dimensions belongs to its first dimension only — and each group is one initiative with
the id ``<stage>-<dimension>``, titled with the questionnaire's ``short`` title of its most
urgent question (else the first sentence of its improvement text, kept within
:data:`~cxassess.models.MAX_TITLE` characters). The rationale gives the levels and gaps of
its two most urgent questions and the initiative's place in the method; ``actions`` lists
the concrete steps; ``evidence`` the respondents' own notes on its questions.

**Worst first.** A question's urgency is ``weight × gap`` (:func:`cxassess.urgency.urgency`):
the importance-versus-experience gap of the Gaps sheet when the question asks for
importance, else the distance to the target level, on 0..100. An initiative's priority is
the urgency of its most urgent question; ties go by the id (the same input always gives
the same roadmap). So one question that matters a great deal and does not work leads a larger group
of milder gaps.

**A way forward for the mature.** When no answered question falls short, the target rises
to level 4 for the current stage and Seduce: the step from good to excellent.

**Phases.** Four fixed phases, 0–3, 3–9, 9–18 and 18+ months; trailing empty phases are
dropped, phase 1 never. Phases 1–3 hold at most ``report.per_phase`` initiatives (4 unless
the assessment's ``[roadmap] per_phase`` says otherwise); phase 4 is the backlog. The rules:

1. Phase 1 holds the most urgent Understand initiative. When no Understand question falls
   short the core adds a refresh of journeys and expectations ("start with understanding
   anyway"), so phase 1 always holds one. No Understand initiative comes after a Refine or
   Seduce initiative: the Understand work is done by the phase where Refine starts (Fix
   runs beside it, worst first), and Seduce never comes before the last of it. When the
   core's Understand work and the more urgent half of the fixes cannot all be placed by
   then, the core's Understand initiatives are merged into one ``understand-first`` (first
   all but the prerequisites that stand alone, then all) and everything is placed again. A
   plugin's Understand initiative is moved forward to that phase at the latest; it gives
   way to the core's Understand work and those fixes, and when every place up to that
   phase is taken, the core's most urgent Understand initiative (in phase 1) takes it in:
   its title becomes one of the actions and the rationale names the plugin. Without
   Refine work, while the foundation is solid, a plugin's Understand initiative asks for
   the phase where Seduce goes at the latest (rule 4), so it does not hold Seduce back.
2. Phase 1 also holds the most urgent Fix initiative — the core's or a plugin's: worst
   first, whoever contributed it — every initiative with a critical question (mean
   importance ≥ 4, mean level ≤ 1) and every one with a questionnaire ``prerequisite``
   that falls short — Seduce excepted. When these musts exceed the cap, the core's musts
   of one stage are merged into one initiative ``<stage>-first`` (the stage with the
   most, first) until they fit; a plugin's most urgent fix that still does not fit gives
   way to them (it comes in phase 2, among the most important fixes). That id is kept for a stage's grouped work, as
   ``understand-refresh`` is for the refresh: a plugin's initiative or a core group that
   would have one gets another.
3. Fix and Refine run combined: Refine starts no later than phase 2 (in phase 1 when the
   current stage is Refine or Seduce, or nothing needs fixing, and the Understand work
   left fits in phase 1 beside it); no Refine initiative comes before the phase where
   Refine starts; and phases 1–2 keep room for the more urgent half of the Fix
   initiatives, the core's and the plugins' alike: other work that would take the last
   places they need moves to phase 3, so the most important fixes land in phases 1–2
   (phase 3 only when phase 2 is full of more urgent fixes and the first Refine
   initiative; a plugin's fix among them asking for a full phase 2 takes a free place in
   phase 1). The rest is placed worst first; what does not fit moves to the next phase.
4. Seduce is never in phase 1. While the foundation is weak — the Fix stage, or the data,
   tracking or silos dimension, below the mastery bar or not scored, or a critical
   question left outside Seduce — the core's Seduce is phase 4, the long-term goal, and a
   plugin's comes only after the last phase holding Fix work (phase 4 at the latest).
   Otherwise Seduce comes after the phase of the most urgent fix: phase 3 (phase 2 when
   the current stage is already Seduce).
5. Within a phase, initiatives are ordered by priority, highest first.
6. Plugin initiatives (``report.plugin_initiatives``) go where they ask (``phase``; or,
   without one, where a core initiative of their stage would go), unless that breaks the
   rules above or the phase is full: then they move to the nearest phase allowed and their
   rationale says so, naming the rule that moved them: the one that keeps them out of
   the phase asked for (Seduce's rules, the most important fixes, Refine's start, the
   Understand work first, the room phases 1–2 keep for the most important fixes or for
   the Understand work), then a full phase when that moved them further. A phase beyond 4 becomes 4. Their question ids are kept only when
   they name a real question no other initiative addresses, so no question is addressed
   twice.

**Projection ("done").** An initiative is done when each question it addresses reaches its
target level. ``Phase.projected_stages`` gives each stage's score once the initiatives of
that phase and all earlier ones are done, with the formula of
:func:`cxassess.scoring.weighted_score` (weighted mean of the levels × 25 over the
answered questions, one decimal), never lower than the current score; a stage with no
answered question stays ``None``.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from .models import MAX_TITLE, STAGE_LABELS, STAGES, Questionnaire
from .report import Evidence, Included, Initiative, Phase, PluginInitiative, QuestionResult, \
    Report, Roadmap
from .urgency import LEVEL_POINTS, TARGET_LEVEL, importance_gap, urgency
from .wording import number, short_number

MATURE_TARGET = 4.0
"""The raised target when nothing falls short: best practice."""

PHASES = 4
"""The roadmap's fixed set of phases (trailing empty ones are dropped, phase 1 never)."""

REFRESH_ID = "understand-refresh"
"""The id of the Understand refresh added when no Understand question falls short."""

FOUNDATIONS = ("data", "tracking", "silos")
"""The dimensions that, with the Fix stage, make the foundation Seduce needs."""

GROUP_IDS = frozenset(f"{stage}-first" for stage in STAGES)
"""The ids of the groups of one stage's initiatives (:func:`_merge`)."""

KEPT_IDS = GROUP_IDS | {REFRESH_ID}
"""The ids kept for the groups and the Understand refresh: a plugin's initiative or a core
group that would have one gets another (see :func:`_unique`), so ``<stage>-first`` always
means the stage's grouped work and ``understand-refresh`` the refresh, from one assessment
to the next."""

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
        "short.intro_mature": "Good, not yet excellent: {items}.",
        "short.item": "“{text}” at level {level} of 4",
        "short.importance": ", rated {importance} of 5 in importance by the respondents",
        "short.gap": " (a gap of {gap} points)",
        "short.more": "and {n} more questions",
        "short.more1": "and 1 more question",
        "critical": "Critical: it matters a great deal and hardly works, so it is addressed "
                    "now.",
        "prerequisite": "A prerequisite for the rest of the work, so it comes first.",
        "mature": "From good to excellent: everything already reaches level 3, so the next "
                  "step is level 4 – best practice – here.",
        "role.understand": "The starting point: understand what customers go through and "
                           "what matters to them, so every fix is aimed where it counts.",
        "role.understand_more": "More understanding, alongside the first fixes.",
        "role.understand_alone": "The starting point: understand what customers go through "
                                 "and what matters to them, so what comes next builds on "
                                 "it.",
        "role.understand_more_alone": "More understanding, so the overview is complete "
                                      "before the work goes further.",
        "role.top_fix": "The most important fix: this must work, or the rest of the "
                        "experience suffers.",
        "role.early_fix": "One of the most important fixes, so it comes early.",
        "role.room_fix": "Also fixed now: the first phase has room for it.",
        "role.later_fix": "Fixed alongside the first Refine work, so the work does not go "
                          "cold.",
        "role.later_fix_alone": "Next in line, after the most important fixes.",
        "role.first_refine": "The first Refine work, lifting the experience above the "
                             "acceptable level: start it alongside the fixes, not after them.",
        "role.first_refine_alone": "The first Refine work, lifting the experience above the "
                                   "acceptable level: nothing needs fixing first, so the "
                                   "work can be more ambitious.",
        "role.refine": "More Refine work, lifting the experience above the acceptable level "
                       "where it matters most to customers.",
        "seduce.weak": "The long-term goal: seducing across channels needs a solid "
                       "foundation, and it is not there yet ({items}; the mastery threshold "
                       "is {bar}).",
        "seduce.strong": "Builds on a solid foundation: Fix, data, tracking and silos clear "
                         "the mastery threshold and no critical question is left before "
                         "Seduce.",
        "weak.score": "{label} scores {score}",
        "weak.none": "{label} has no score",
        "weak.unassessed": "{label} is not assessed by this questionnaire",
        "weak.critical": "{n} critical questions are left",
        "weak.critical1": "1 critical question is left",
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
        "joined": "It also includes “{title}”, proposed by the plugin “{source}”: "
                  "Understand never comes after Refine or Seduce, and no place was free "
                  "before the Refine work.",
        "moved": "Moved from phase {old} to phase {new}: {reason}.",
        "reason.seduce": "Seduce never comes in phase 1, and only after the most important fix",
        "reason.seduce_weak": "while the foundation is weak, Seduce comes only after the last "
                              "phase with Fix work",
        "reason.top_fix": "the most urgent fix comes first, in phase 1",
        "reason.fix": "the most important fixes come in phases 1–2",
        "reason.room_fix": "phases 1–2 keep room for the most important fixes",
        "reason.refine": "Refine starts no later than phase 2, alongside Fix",
        "reason.refine_understand": "Refine starts only once the Understand work is done",
        "reason.understand": "Understand never comes after Refine or Seduce",
        "reason.room_understand": "room is kept for the Understand work, which comes before "
                                  "the Refine work",
        "reason.seduce_understand": "Seduce comes only after the Understand work",
        "reason.full": "phases 1–3 hold at most {cap} initiatives each",
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
        "short.intro_mature": "Godt, men endnu ikke fremragende: {items}.",
        "short.item": "“{text}” på niveau {level} af 4",
        "short.importance": ", og respondenterne vurderer vigtigheden til {importance} af 5",
        "short.gap": " (en forskel på {gap} point)",
        "short.more": "og {n} spørgsmål mere",
        "short.more1": "og 1 spørgsmål mere",
        "critical": "Kritisk: Det betyder meget og virker næsten ikke, så det tages op nu.",
        "prerequisite": "En forudsætning for resten af arbejdet, så det kommer først.",
        "mature": "Fra godt til fremragende: Alt når allerede niveau 3, så næste skridt er "
                  "niveau 4 – bedste praksis – her.",
        "role.understand": "Udgangspunktet: Forstå, hvad kunderne går igennem, og hvad der "
                           "betyder noget for dem, så det, I fixer, rammer, hvor det tæller.",
        "role.understand_more": "Mere forståelse, sideløbende med de første fixes.",
        "role.understand_alone": "Udgangspunktet: Forstå, hvad kunderne går igennem, og hvad "
                                 "der betyder noget for dem, så det, der kommer bagefter, "
                                 "bygger på det.",
        "role.understand_more_alone": "Mere forståelse, så overblikket er på plads, før "
                                      "arbejdet går videre.",
        "role.top_fix": "Det vigtigste at fixe: Det her skal virke, ellers lider resten af "
                        "oplevelsen.",
        "role.early_fix": "Et af de vigtigste punkter at fixe, så det kommer tidligt.",
        "role.room_fix": "Fixes også nu: Der er plads til det i første fase.",
        "role.later_fix": "Fixes sideløbende med det første Forfin-arbejde, så I ikke går "
                          "kolde.",
        "role.later_fix_alone": "Næste skridt efter det vigtigste at fixe.",
        "role.first_refine": "Det første Forfin-arbejde, der løfter oplevelsen over det "
                             "acceptable niveau: Start det sideløbende med Fix og ikke først "
                             "bagefter.",
        "role.first_refine_alone": "Det første Forfin-arbejde, der løfter oplevelsen over det "
                                   "acceptable niveau: Intet skal fixes først, så arbejdet kan "
                                   "blive mere ambitiøst.",
        "role.refine": "Mere Forfin-arbejde, der løfter oplevelsen over det acceptable niveau "
                       "dér, hvor det betyder mest for kunderne.",
        "seduce.weak": "Det langsigtede mål: At forføre på tværs af kanaler kræver et solidt "
                       "fundament, og det er der ikke endnu ({items}; mestringstærsklen er "
                       "{bar}).",
        "seduce.strong": "Bygger på et solidt fundament: Fix, kundedata, måling og siloer "
                         "ligger over mestringstærsklen, og intet kritisk spørgsmål er tilbage "
                         "før Forfør.",
        "weak.score": "{label} scorer {score}",
        "weak.none": "{label} har ingen score",
        "weak.unassessed": "{label} vurderes ikke i dette spørgeskema",
        "weak.critical": "{n} kritiske spørgsmål er tilbage",
        "weak.critical1": "1 kritisk spørgsmål er tilbage",
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
        "joined": "Det omfatter også “{title}”, foreslået af pluginet “{source}”: "
                  "Forstå kommer aldrig efter Forfin eller Forfør, og der var ingen ledig "
                  "plads før Forfin-arbejdet.",
        "moved": "Flyttet fra fase {old} til fase {new}: {reason}.",
        "reason.seduce": "Forfør kommer aldrig i fase 1 og først efter det vigtigste at fixe",
        "reason.seduce_weak": "så længe fundamentet er svagt, kommer Forfør først efter den "
                              "sidste fase med Fix-arbejde",
        "reason.top_fix": "det allervigtigste at fixe kommer først, i fase 1",
        "reason.fix": "det vigtigste at fixe kommer i fase 1–2",
        "reason.room_fix": "fase 1–2 holder plads til det vigtigste at fixe",
        "reason.refine": "Forfin begynder senest i fase 2, side om side med Fix",
        "reason.refine_understand": "Forfin begynder først, når Forstå-arbejdet er gjort",
        "reason.understand": "Forstå kommer aldrig efter Forfin eller Forfør",
        "reason.room_understand": "der holdes plads til Forstå-arbejdet, som kommer før "
                                  "Forfin-arbejdet",
        "reason.seduce_understand": "Forfør kommer først efter Forstå-arbejdet",
        "reason.full": "fase 1–3 rummer højst {cap} initiativer hver",
        "reason.last": "køreplanen har fire faser",
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
    """A fixed phrase of the roadmap in ``language`` (``"da"``; anything else is English),
    filled in with ``values`` (as :func:`cxassess.wording.phrase`; a plan fills some
    sixty, so a phrase without values is taken as it is)."""
    template = TEXTS["da" if language == "da" else "en"][key]
    return template.format(**values) if values else template


def dimension_label(report: Report, dimension: str,
                    questionnaire: Questionnaire | None = None) -> str:
    """What every output calls ``dimension``, in the report's language: the label its
    scorer gave it; else, for a dimension the report does not show (a questionnaire's
    dimension without questions, or a foundation the questionnaire does not name), the
    label the questionnaire declares when ``questionnaire`` is given; else the built-in
    label of :data:`DIMENSION_LABELS`; else the id. Never empty."""
    dim = report.dimension(dimension)
    if dim is not None and dim.label:
        return dim.label
    if questionnaire is not None and dimension in questionnaire.dimensions:
        return questionnaire.dimension_label(dimension, report.language)
    return DIMENSION_LABELS.get(dimension, {}).get(report.language, dimension)


def _sentence(value: str) -> str:
    value = value.strip()
    return value if not value or value[-1] in ".!?" else value + "."


def _clause(value: str) -> str:
    return value.strip().rstrip(".").strip()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9“\"])")
_BREAKS = (" – ", "; ", ", ", " ")


@functools.lru_cache(maxsize=1024)  # the questionnaire's texts, again on every run
def _split_first(value: str) -> tuple[str, str]:
    """The first sentence of a text and the rest."""
    parts = _SENTENCE_END.split(value.strip(), maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


@functools.lru_cache(maxsize=1024)  # the questionnaire's texts, again on every run
def short_title(value: str) -> str:
    """``value`` within :data:`MAX_TITLE` characters: whole when it fits, else cut at the
    last dash, semicolon or comma that leaves a title of some length, else at a word with
    an ellipsis."""
    value = _clause(value)
    if len(value) <= MAX_TITLE:
        return value
    for mark in _BREAKS[:-1]:
        cut = value.rfind(mark, 0, MAX_TITLE)
        if cut >= MAX_TITLE // 3:
            return value[:cut].rstrip(" ,;–")
    cut = value.rfind(" ", 0, MAX_TITLE - 1)
    return (value[:cut] if cut > 0 else value[:MAX_TITLE - 1]).rstrip(" ,;–") + "…"


def _capitalise(value: str) -> str:
    return value[:1].upper() + value[1:]


# --------------------------------------------------------------------------- initiatives


@dataclass(eq=False)  # each item is itself: compared by identity, not field by field
class _Item:
    id: str
    title: str
    stage: str
    dimension: str
    priority: float
    source: str
    questions: list[str]
    members: list[QuestionResult] = field(default_factory=list)  # core only
    urgencies: dict[str, float] = field(default_factory=dict)
    plugin: PluginInitiative | None = None
    rationale: str = ""
    refresh: bool = False
    mature: bool = False
    requested: int | None = None
    phase: int = 0
    move_reasons: list[str] = field(default_factory=list)  # (keys of TEXTS, in order)
    actions: list[str] = field(default_factory=list)
    joined: list[_Item] = field(default_factory=list)  # plugins' Understand work taken in

    @property
    def key(self) -> tuple[float, str]:
        """Worst first: priority, ties by id."""
        return (-self.priority, self.id)

    @property
    def critical(self) -> bool:
        return self.stage != "seduce" and any(q.critical for q in self.members)

    @property
    def prerequisite(self) -> bool:
        return self.stage != "seduce" and any(q.prerequisite for q in self.members)


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-") or "plugin"


def targets(report: Report) -> dict[str, float]:
    """The target level of each stage: :data:`TARGET_LEVEL`, raised to
    :data:`MATURE_TARGET` for the current stage and Seduce when no answered question falls
    short of it (a way forward for the mature)."""
    out = {s: TARGET_LEVEL for s in STAGES}
    answered = [q for q in report.questions if q.level is not None]
    if answered and all(q.level >= TARGET_LEVEL for q in answered):
        out[report.current_stage] = out["seduce"] = MATURE_TARGET
    return out


def _group(stage: str, members: list[QuestionResult],
           urgencies: dict[str, float], report: Report, item_id: str, mature: bool) -> _Item:
    members = sorted(members, key=lambda q: (-urgencies[q.id], q.id))
    lead = members[0]
    title = lead.short or short_title(_split_first(lead.improvement)[0]) \
        or short_title(lead.text) or lead.id
    return _Item(
        id=item_id, title=title, stage=stage, dimension=lead.dimensions[0],
        priority=urgencies[lead.id],
        source=report.questionnaire.get("id", ""), questions=[q.id for q in members],
        members=members, urgencies=urgencies, mature=mature)


def _core_items(report: Report, used: set[str]) -> list[_Item]:
    """One initiative per stage × first dimension of the questions that fall short; a
    prerequisite that falls short (outside Seduce) is an initiative of its own, with the
    question's id, so it is not buried in a group."""
    goal = targets(report)
    mature = any(t > TARGET_LEVEL for t in goal.values())
    # a question's urgency towards the usual target is in the report already
    urgencies = {q.id: q.urgency if goal[q.stage] == TARGET_LEVEL else
                 urgency(q.weight, q.level, q.importance, q.asks_importance, goal[q.stage])
                 for q in report.questions}
    groups: dict[tuple[str, str], list[QuestionResult]] = {}
    for q in report.questions:
        if q.level is not None and q.level < goal[q.stage]:
            own = q.prerequisite and q.stage != "seduce"
            groups.setdefault((q.stage, q.id if own else q.dimensions[0]), []).append(q)
    return [_group(stage, members, urgencies, report,
                   _unique(f"{stage}-{key}" if key == members[0].dimensions[0] else key, used),
                   mature)
            for (stage, key), members in groups.items()]


def _refresh_item(report: Report) -> _Item:
    understand = [q for q in report.questions if q.stage == "understand"]
    answered = any(q.level is not None for q in understand)
    prefix = "refresh" if answered else "overview"
    dimension = understand[0].dimensions[0] if understand else (
        report.questions[0].dimensions[0] if report.questions else "data")
    return _Item(
        id=REFRESH_ID,  # (kept for it: KEPT_IDS)
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
        title = short_title(pi.title)
        items.append(_Item(
            id=_unique(base, used),
            title=title,
            stage=pi.stage,
            dimension=pi.dimension,
            priority=round(float(pi.priority), 2),
            source=source,
            questions=questions,
            plugin=pi,
            rationale=pi.rationale.strip(),
            requested=pi.phase,
            actions=[_sentence(pi.title)] if title != _clause(pi.title) else [],
        ))
    return items


def foundation_gaps(report: Report) -> list[str]:
    """What keeps the foundation Seduce needs weak, as phrases: the Fix stage and the data,
    tracking and silos dimensions below the mastery bar, not scored or not assessed at all
    (an unknown foundation is not a solid one), and the critical
    questions left outside Seduce. Empty when the foundation is solid."""
    language = report.language
    out: list[str] = []

    def weak(label: str, score: float | None, key: str = "weak.none") -> None:
        out.append(text(language, key, label=label) if score is None else
                   text(language, "weak.score", label=label, score=number(score, language)))

    fix = next((s for s in report.stages if s.id == "fix"), None)
    fix_score = fix.score if fix is not None else None
    if fix is None or not fix.total:  # the questionnaire has no Fix question
        weak(STAGE_LABELS["fix"][language], None, "weak.unassessed")
    elif fix_score is None or fix_score < report.mastery_bar:
        weak(STAGE_LABELS["fix"][language], fix_score)
    for dim_id in FOUNDATIONS:
        dim = report.dimension(dim_id)
        if dim is None:  # the questionnaire does not ask about it: unknown, so not solid
            weak(dimension_label(report, dim_id), None, "weak.unassessed")
        elif dim.score is None or dim.score < report.mastery_bar:
            weak(dimension_label(report, dim_id), dim.score)
    critical = sum(q.critical for q in report.questions if q.stage != "seduce")
    if critical:
        out.append(text(language, "weak.critical1") if critical == 1 else
                    text(language, "weak.critical", n=critical))
    return out


# --------------------------------------------------------------------------- placing


def _merge(items: list[_Item], report: Report, used: set[str]) -> _Item:
    """One initiative ``<stage>-first`` (its id is kept for it: :data:`GROUP_IDS`) for
    several initiatives of one stage; a stage's earlier group is among them."""
    for item in items:
        used.discard(item.id)
    members = [q for item in items for q in item.members]
    lead = min(items, key=lambda i: i.key)
    group_id = f"{lead.stage}-first"
    used.add(group_id)
    merged = _group(lead.stage, members, lead.urgencies, report, group_id, lead.mature)
    merged.joined = [j for item in items for j in item.joined]
    return merged


def _musts(items: list[_Item], report: Report, used: set[str]) -> list[_Item]:
    """Phase 1's musts (rule 2): the core's most urgent Understand initiative, the most
    urgent Fix initiative (the core's or a plugin's: worst first, whoever contributed it),
    and the core's initiatives with a critical question or a prerequisite; the core's are
    merged per stage until they fit the cap — first the musts that are not prerequisites,
    then all. A plugin's most urgent fix that still does not fit gives way to the core's
    musts (it is one of the most important fixes, due by phase 2). ``items`` is updated in
    place."""
    core = sorted((i for i in items if i.plugin is None), key=lambda i: i.key)
    musts: list[_Item] = []
    top_understand = _top_understanding(items)
    if top_understand is not None:
        musts.append(top_understand)
    top_fix = min((i for i in items if i.stage == "fix"), key=lambda i: i.key, default=None)
    if top_fix is not None:
        musts.append(top_fix)
    musts += [i for i in core if (i.critical or i.prerequisite) and i not in musts]
    for mergeable in (lambda i: i.plugin is None and not i.prerequisite,
                      lambda i: i.plugin is None):
        while len(musts) > report.per_phase:
            counts = {s: sum(i.stage == s and mergeable(i) for i in musts) for s in STAGES}
            stage = max((s for s in STAGES if counts[s] > 1), key=lambda s: counts[s],
                        default=None)
            if stage is None:
                break
            group = [i for i in musts if i.stage == stage and mergeable(i)]
            merged = _merge(group, report, used)
            musts = [i for i in musts if i not in group] + [merged]
            items[:] = [i for i in items if i not in group] + [merged]
    if len(musts) > report.per_phase and top_fix is not None and top_fix.plugin is not None:
        musts.remove(top_fix)
    return musts


class _Phases:
    """Phases 1–3 hold at most ``cap`` initiatives; phase 4, the backlog, holds the rest."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.load = [0] * (PHASES + 1)

    def free(self, last: int) -> int:
        """The free places in phases 1 to ``last``."""
        return sum(self.cap - self.load[p] for p in range(1, last + 1))

    def leaves_room(self, phase: int, due: list[int]) -> bool:
        """Whether one more initiative in ``phase`` leaves a place for each pending one in
        ``due`` (their deadlines, phase 1 or 2) by its deadline."""
        return all(phase > last or self.free(last) - 1 >= sum(d <= last for d in due)
                   for last in (1, 2))

    def first_with_room(self, phase: int, due: list[int]) -> int:
        """The first phase from ``phase`` on with a free place that leaves room for ``due``."""
        while phase < PHASES and (self.load[phase] >= self.cap
                                  or not self.leaves_room(phase, due)):
            phase += 1
        return phase

    def put(self, item: _Item, wanted: int, *reasons: str | None) -> None:
        """Put ``item`` in phase ``wanted`` (``reasons``: why that is not the phase a plugin
        asked for, keys of :data:`TEXTS`), or the next with a free place: then the full
        phase is a reason too."""
        phase = max(1, min(wanted, PHASES))
        while phase < PHASES and self.load[phase] >= self.cap:
            phase += 1
        self.load[phase] += 1
        item.phase = phase
        if item.plugin is not None and item.requested is not None and phase != item.requested:
            keys = [r for r in reasons if r] + (["reason.full"] if phase > wanted else [])
            item.move_reasons = list(dict.fromkeys(keys))


def _requested(item: _Item) -> tuple[int | None, str | None]:
    if item.requested is None:
        return None, None
    if item.requested > PHASES:
        return PHASES, "reason.last"
    return item.requested, None


def _place(items: list[_Item], report: Report, weak: bool, used: set[str]) -> None:
    """Give every item its phase, enforcing the rules (see the module docstring), placing
    again until they all hold: while the core's Understand work and the most important
    fixes cannot all come by the phase where Refine starts, the core's Understand
    initiatives are merged into one ``understand-first`` — first all but the prerequisites
    that stand alone, then all; while a plugin's Understand initiative comes after Refine
    work, the core's most urgent Understand initiative takes it in (:func:`_join`)."""
    steps = [lambda i: not i.prerequisite or len(i.members) > 1, lambda i: True]
    fits = _place_once(items, report, weak, used)
    while True:
        if not fits and steps:
            mergeable = steps.pop(0)
            group = [i for i in items if i.stage == "understand" and i.plugin is None
                     and not i.refresh and mergeable(i)]
            if len(group) < 2:
                continue
            merged = _merge(group, report, used)
            items[:] = [i for i in items if i not in group] + [merged]
        elif late := _late_understanding(items):
            _join(late, items)
        else:
            return
        _unplace(items)
        fits = _place_once(items, report, weak, used)


def _unplace(items: list[_Item]) -> None:
    for item in items:
        item.phase, item.move_reasons = 0, []


def _late_understanding(items: list[_Item]) -> list[_Item]:
    """The plugins' Understand initiatives placed after Refine or Seduce work (every place
    up to the phase where Refine starts was taken)."""
    start = min((i.phase for i in items if i.stage in ("refine", "seduce")), default=PHASES)
    return [i for i in items if i.plugin is not None and i.stage == "understand"
            and i.phase > start]


def _top_understanding(items: list[_Item]) -> _Item | None:
    """The core's most urgent Understand initiative (always a must of phase 1)."""
    return min((i for i in items if i.stage == "understand" and i.plugin is None),
               key=lambda i: i.key, default=None)


def _join(late: list[_Item], items: list[_Item]) -> None:
    """Let the core's most urgent Understand initiative (in phase 1: a must) take in the
    plugins' Understand work in ``late``; ``items`` is updated in place."""
    host = _top_understanding(items)
    assert host is not None  # (phase 1 always holds the core's Understand work)
    host.joined += late
    items[:] = [i for i in items if i not in late]  # (their ids live on in its `includes`)


def _place_once(items: list[_Item], report: Report, weak: bool, used: set[str]) -> bool:
    """One placing of the items (see :func:`_place`); False when the core's Understand
    work and the more urgent half of the fixes do not all fit by their deadlines."""
    phases = _Phases(report.per_phase)
    for item in _musts(items, report, used):
        phases.put(item, 1, "reason.top_fix")  # (a plugin's must is its most urgent fix)
    by_stage = {s: sorted((i for i in items if i.stage == s), key=lambda i: i.key)
                for s in STAGES}
    wanted = _wishes(items, by_stage, report, weak)
    start = _start_refine(by_stage, phases, wanted)
    deadline, soft = _deadlines(by_stage, start, wanted)
    fits = _fits(by_stage, phases, start, deadline, soft)
    _worst_first(items, phases, wanted, deadline, soft)
    _place_seduce(by_stage, phases, report, weak)
    return fits


def _top_fixes(fixes: list[_Item]) -> list[_Item]:
    """The more urgent half of the Fix initiatives (``fixes``: all of them, worst first):
    the most important fixes."""
    return fixes[:math.ceil(len(fixes) / 2)]


def _wishes(items: list[_Item], by_stage: dict[str, list[_Item]],
            report: Report, weak: bool) -> dict[int, tuple[int, str | None]]:
    """The phase each unplaced item outside Seduce asks for, and why it was moved there
    (by ``id`` of the item): a plugin's the phase it requested, the core's phase 1 (Refine
    where Refine would start); the most important fixes phase 2 at the latest; without
    Refine work, Understand work no later than the phase where Seduce goes while the
    foundation is solid (a plugin's Understand work asking for a later one would hold
    Seduce back behind it: see :func:`_place_seduce`)."""
    top_fixes = _top_fixes(by_stage["fix"])
    refine_start = 1 if report.current_stage in ("refine", "seduce") or not by_stage["fix"] \
        else 2
    seduce_start = PHASES if weak or by_stage["refine"] or not by_stage["seduce"] else (
        2 if report.current_stage == "seduce" else 3)
    wanted: dict[int, tuple[int, str | None]] = {}
    for item in items:
        if item.phase or item.stage == "seduce":
            continue
        phase, reason = _requested(item)
        if phase is None:
            phase = refine_start if item.stage == "refine" else 1
        if item in top_fixes and phase > 2:
            phase, reason = 2, "reason.fix"
        if item.stage == "understand" and phase > seduce_start:
            phase, reason = seduce_start, "reason.understand"
        wanted[id(item)] = (phase, reason)
    return wanted


def _start_refine(by_stage: dict[str, list[_Item]], phases: _Phases,
                  wanted: dict[int, tuple[int, str | None]]) -> int | None:
    """Place the first Refine initiative — no later than phase 2, and in phase 1 only when
    the Understand work left fits there beside it — and return the phase where Refine
    starts (None without Refine work); no other Refine work is wanted before it."""
    refines = by_stage["refine"]
    why = "reason.full"  # why the other Refine work waits for the first's phase
    if refines and not any(i.phase for i in refines):
        understand = [i for i in by_stage["understand"] if not i.phase]
        first = min(refines, key=lambda i: (min(wanted[id(i)][0], 3), i.key))
        phase, reason = wanted[id(first)]
        if phase > 2:
            phase, reason = 2, "reason.refine"
        if phase == 1 and phases.free(1) - 1 < len(understand):
            phase, reason = 2, "reason.refine_understand"
            why = reason
        phases.put(first, phase, reason)
    start = min((i.phase for i in refines if i.phase), default=None)
    if start is not None:
        for item in refines:
            if not item.phase and wanted[id(item)][0] < start:
                wanted[id(item)] = (start, why)
    return start


def _deadlines(by_stage: dict[str, list[_Item]], start: int | None,
               wanted: dict[int, tuple[int, str | None]]) -> tuple[dict[int, int], set[int]]:
    """The latest phase of each unplaced item that has one (by ``id``): phase 2 for the
    most important fixes, the phase where Refine starts for the Understand work (wanted
    there at the latest); and the items whose deadline yields to the others' (a plugin's
    Understand work yields its places to the core's and to those fixes)."""
    deadline = {id(i): 2 for i in _top_fixes(by_stage["fix"]) if not i.phase}
    soft: set[int] = set()
    if start is None:
        return deadline, soft
    for item in by_stage["understand"]:
        if item.phase:
            continue
        deadline[id(item)] = start
        if wanted[id(item)][0] > start:
            wanted[id(item)] = (start, "reason.understand")
        if item.plugin is not None:
            soft.add(id(item))
    return deadline, soft


def _fits(by_stage: dict[str, list[_Item]], phases: _Phases, start: int | None,
          deadline: dict[int, int], soft: set[int]) -> bool:
    """Whether the core's Understand work fits by the phase where Refine starts, and with
    the most important fixes by phase 2, in the places left."""
    hard = [i for i in by_stage["understand"] if id(i) in deadline and id(i) not in soft]
    if not hard:
        return True
    fixes_due = sum(id(i) in deadline for i in by_stage["fix"])
    return len(hard) <= phases.free(start) and len(hard) + fixes_due <= phases.free(2)


def _worst_first(items: list[_Item], phases: _Phases,
                 wanted: dict[int, tuple[int, str | None]], deadline: dict[int, int],
                 soft: set[int]) -> None:
    """Place the items outside Seduce that are not placed yet, most urgent first: each
    takes the earliest phase it may have, but leaves room for the pending items with a
    deadline — an item without one for all of them, the core's for those due earlier, a
    plugin's Understand work for the core's."""
    pending = {id(i): i for i in items if id(i) in deadline and not i.phase}
    for item in sorted((i for i in items if id(i) in wanted and not i.phase),
                       key=lambda i: i.key):
        pending.pop(id(item), None)
        own = deadline.get(id(item))
        kept = [other for k, other in pending.items() if own is None or (
            k not in soft and (id(item) in soft or deadline[k] < own))]
        landing, reasons = _landing(item, wanted[id(item)], own, kept, phases, deadline)
        phases.put(item, landing, *reasons)


def _landing(item: _Item, wish: tuple[int, str | None], own: int | None, kept: list[_Item],
             phases: _Phases, deadline: dict[int, int]) -> tuple[int, list[str]]:
    """Where one item lands, and why it is not where it asked to be: from the phase it
    wants (``wish``, with the reason it wants that one), the first that leaves room for
    the pending items in ``kept``; an item due by phase ``own`` takes an earlier phase
    rather than miss it."""
    phase, reason = wish
    reasons = [reason] if reason else []
    due = [deadline[id(other)] for other in kept]
    landing = phases.first_with_room(phase, due)
    if own is not None and landing > own:  # no place from the phase asked to its deadline
        earlier = phases.first_with_room(1, due)
        if earlier <= own:  # an earlier one
            return earlier, ["reason.understand" if item.stage == "understand" else "reason.fix"]
        # (else every place up to its deadline is taken: a plugin's Understand work, which
        # the core's Understand initiative takes in, see _join)
    if landing > phase:
        why = _no_room(phase, kept, phases, deadline)
        if why != "reason.room_understand" or "reason.refine_understand" not in reasons:
            reasons.append(why)  # (Refine told it waits for the Understand work: once)
    return landing, reasons


def _no_room(phase: int, kept: list[_Item], phases: _Phases, deadline: dict[int, int]) -> str:
    """Why an item finds no place in ``phase``: it is full, or its free places are kept for
    the pending work in ``kept`` — the Understand work when the rest would leave room, else
    the most important fixes."""
    if phases.load[phase] >= phases.cap:
        return "reason.full"
    fixes = [deadline[id(other)] for other in kept if other.stage != "understand"]
    return "reason.room_understand" if phases.leaves_room(phase, fixes) else "reason.room_fix"


def _place_seduce(by_stage: dict[str, list[_Item]], phases: _Phases, report: Report,
                  weak: bool) -> None:
    """Seduce: never in phase 1, after the most important fix and the Understand work;
    while the foundation is weak the core's is the long-term goal and a plugin's comes
    after the last Fix phase."""
    fixes = by_stage["fix"]
    top_fix = fixes[0].phase if fixes else 0
    last_fix = max((i.phase for i in fixes), default=0)
    last_understand = max(i.phase for i in by_stage["understand"])
    if weak:
        earliest, default, why = min(PHASES, max(2, last_fix + 1)), PHASES, "reason.seduce_weak"
    else:
        earliest = min(PHASES, max(2, top_fix + 1))
        default = max(earliest, 2 if report.current_stage == "seduce" else 3)
        why = "reason.seduce"
    for item in by_stage["seduce"]:  # (worst first)
        phase, reason = _requested(item)
        reasons = [reason] if reason else []
        if phase is None:
            phase = max(default, last_understand)
        if phase < earliest:
            phase, reasons = earliest, [why]
        if phase < last_understand:
            phase = last_understand
            reasons.append("reason.seduce_understand")
        phases.put(item, phase, *reasons)


# --------------------------------------------------------------------------- wording


def _actions(item: _Item) -> list[str]:
    """The concrete steps of an initiative, then the titles of the plugins' Understand
    initiatives it took in (:func:`_join`)."""
    return _steps(item) + [_sentence(j.plugin.title) for j in item.joined if j.plugin]


def _steps(item: _Item) -> list[str]:
    """The concrete steps of a core initiative: its lead question's improvement text (the
    rest of it, when the title is its first sentence), then the first sentence of each
    other question's, most urgent first."""
    if not item.members:
        return list(item.actions)
    lead = item.members[0]
    first, rest = _split_first(lead.improvement)
    steps = []
    if lead.short:
        steps.append(_sentence(first))
    elif short_title(first) != _clause(first):
        steps.append(_sentence(first))
    if rest:
        steps.append(_sentence(rest))
    steps += [_sentence(_split_first(q.improvement)[0]) for q in item.members[1:]
              if q.improvement.strip()]
    return steps


def _evidence(item: _Item, by_id: dict[str, QuestionResult]) -> list[Evidence]:
    """The respondents' own notes on the questions an initiative addresses (``by_id``:
    the report's questions by id)."""
    return [Evidence.model_construct(respondent=a.respondent, department=a.department,
                                     question=qid, note=a.note.strip())
            for qid in item.questions for a in by_id[qid].answers if a.note.strip()]


@functools.lru_cache(maxsize=1024)  # the same questions at the same levels, run after run
def _shown(language: str, question_text: str, question_id: str, level: float,
           importance: float | None) -> str:
    """A question as a rationale shows it: its text, its level and, when it asks for
    importance and has it, that and the gap."""
    part = text(language, "short.item", text=_clause(question_text) or question_id,
                level=short_number(level, language))
    if importance is not None:
        part += text(language, "short.importance", importance=short_number(importance, language))
        gap = importance_gap(level, importance)
        if gap > 0:  # (as computed: 62.5 was "62", shown as 63 on the Gaps sheet)
            part += text(language, "short.gap", gap=short_number(gap, language))
    return part


def _shortfall(item: _Item, language: str) -> str:
    shown = [_shown(language, q.text, q.id, q.level or 0.0,
                    q.importance if q.asks_importance else None) for q in item.members[:2]]
    rest = len(item.members) - len(shown)
    if rest == 1:
        shown.append(text(language, "short.more1"))
    elif rest > 1:
        shown.append(text(language, "short.more", n=rest))
    intro = "short.intro_mature" if item.mature else "short.intro"
    return text(language, intro, items="; ".join(shown))


def _rationale(item: _Item, report: Report, role: str | None, weak_note: str | None) -> str:
    language = report.language
    parts: list[str] = []
    if item.plugin is not None or item.refresh:
        if item.rationale:
            parts.append(_sentence(item.rationale))
        elif item.plugin is not None:
            parts.append(text(language, "plugin", source=item.source))
    else:
        parts.append(_shortfall(item, language))
        if item.mature:
            parts.append(text(language, "mature"))
        if item.critical and item.phase == 1:
            parts.append(text(language, "critical"))
        elif item.prerequisite and item.phase == 1:
            parts.append(text(language, "prerequisite"))
    if role:
        parts.append(text(language, role))
    if item.stage == "seduce" and weak_note:
        parts.append(weak_note)
    elif item.stage == "seduce" and item.plugin is None:
        parts.append(text(language, "seduce.strong"))
    if item.plugin is not None and item.move_reasons and item.requested != item.phase:
        reason = "; ".join(text(language, key, cap=report.per_phase)
                           for key in item.move_reasons)
        if language == "da":  # (a whole sentence after the colon: a capital)
            reason = _capitalise(reason)
        parts.append(text(language, "moved", old=item.requested, new=item.phase, reason=reason))
    parts += [text(language, "joined", title=j.title, source=j.source) for j in item.joined]
    return " ".join(parts)


def _roles(items: list[_Item]) -> dict[str, str]:
    """The role sentence of each core initiative; one that would speak of fixes, or of
    Refine work, beside its work has its ``_alone`` form when the roadmap holds no Fix, or
    no Refine, work. Only the most urgent fix is "the most important fix", and only the
    more urgent half of the fixes (the core's and the plugins') in phases 1–2 are "among the
    most important fixes"; another fix in phase 1 is there because phase 1 has room —
    unless it is critical or a prerequisite, which its rationale already gives as the
    reason. Refine work is called Refine work, not a peak: only some of it creates one."""
    roles: dict[str, str] = {}
    fixes = sorted((i for i in items if i.stage == "fix"), key=lambda i: i.key)
    top_half = _top_fixes(fixes)
    refines = sorted((i for i in items if i.stage == "refine"), key=lambda i: (i.phase, i.key))
    first_refine = refines[0].id if refines else None
    no_fixes = "" if fixes else "_alone"
    for item in items:
        if item.plugin is not None or item.refresh:
            continue
        if item.stage == "understand":
            role = "role.understand" if item.phase == 1 else "role.understand_more"
            roles[item.id] = role + no_fixes
        elif item.stage == "fix":
            if item is fixes[0]:
                roles[item.id] = "role.top_fix"
            elif item.phase <= 2 and item in top_half:
                roles[item.id] = "role.early_fix"
            elif item.phase == 1:
                if not (item.critical or item.prerequisite):  # (a must says why it is here)
                    roles[item.id] = "role.room_fix"
            else:
                beside_peaks = any(r.phase == item.phase for r in refines)
                roles[item.id] = "role.later_fix" if beside_peaks else "role.later_fix_alone"
        elif item.stage == "refine":
            roles[item.id] = "role.first_refine" + no_fixes if item.id == first_refine \
                else "role.refine"
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
    """Stage scores once each phase and the ones before it are done (see the docstring).
    A stage none of whose questions a phase addresses keeps the earlier phase's score."""
    goal = targets(report)
    answered: dict[str, list[QuestionResult]] = {stage: [] for stage in STAGES}
    for q in report.questions:
        if q.level is not None:
            answered[q.stage].append(q)
    stage_of = {q.id: q.stage for q in report.questions}
    current = {s.id: s.score for s in report.stages}
    done: set[str] = set()
    out: list[dict[str, float | None]] = []
    for phase_items in phases:
        new = {qid for item in phase_items for qid in item.questions} - done
        done |= new
        moved = {stage_of.get(qid) for qid in new} if out else set(STAGES)
        projected = dict(out[-1]) if out else {}
        for stage in STAGES:
            if stage not in moved:
                continue
            total_weight = weighted = 0.0
            for q in answered[stage]:
                level = q.level
                if q.id in done:
                    level = max(level, goal[stage])
                total_weight += q.weight
                weighted += q.weight * level * LEVEL_POINTS
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
    used: set[str] = set(KEPT_IDS)
    items = _core_items(report, used)
    if not any(i.stage == "understand" for i in items):
        items.append(_refresh_item(report))
    claimed = {qid for i in items for qid in i.questions}
    items += _plugin_items(report, used, claimed)

    weak_parts = foundation_gaps(report)
    weak = bool(weak_parts)
    _place(items, report, weak, used)

    weak_note = None
    if weak:
        weak_note = text(language, "seduce.weak", items="; ".join(weak_parts),
                         bar=short_number(report.mastery_bar, language))
    roles = _roles(items)

    per_phase: list[list[_Item]] = [[] for _ in range(PHASES)]
    for item in items:
        per_phase[item.phase - 1].append(item)
    for phase_items in per_phase:
        phase_items.sort(key=lambda i: i.key)
    while len(per_phase) > 1 and not per_phase[-1]:
        per_phase.pop()

    projections = _projections(report, per_phase)
    by_id = {q.id: q for q in report.questions}
    phases = []
    for number_, (phase_items, projected) in enumerate(zip(per_phase, projections), start=1):
        initiatives = [
            Initiative.model_construct(
                id=item.id, title=item.title, stage=item.stage, dimension=item.dimension,
                priority=item.priority,
                rationale=_rationale(item, report, roles.get(item.id), weak_note),
                source=item.source, questions=list(item.questions), actions=_actions(item),
                evidence=_evidence(item, by_id), includes=[j.id for j in item.joined],
                included=[Included.model_construct(
                    id=j.id, title=j.title, stage=j.stage, dimension=j.dimension,
                    source=j.source, questions=list(j.questions)) for j in item.joined],
            )
            for item in phase_items
        ]
        phases.append(Phase.model_construct(
            number=number_,
            title=_title(number_, {i.stage for i in phase_items}, language, weak),
            horizon=text(language, f"horizon{number_}"),
            initiatives=initiatives,
            projected_stages=projected,
        ))
    return Roadmap.model_construct(current_stage=report.current_stage,
                                   mastery_bar=report.mastery_bar, phases=phases)


__all__ = ["FOUNDATIONS", "MATURE_TARGET", "PHASES", "TEXTS", "dimension_label",
           "foundation_gaps", "plan_roadmap", "short_title", "targets", "text"]
