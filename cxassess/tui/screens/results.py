"""Results, as the core computed them (:func:`cxassess.pipeline.evaluate`).

The first screen (80×24) holds what a management team asks first: the stage bars with
the mastery bar marked, the current stage, and the first phase of the roadmap. The
details follow in folded sections. Scoring runs in a worker thread (plugins may be
slow): a busy indicator shows meanwhile and the keys of this screen keep working.

Adding a section is one function and one line: a function ``(result, language) ->
Content | Widget | None`` (None: nothing to show), listed in ``SUMMARY`` (always shown,
in order) or in ``DETAILS`` with the label key of its folded section's title."""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Collapsible, Static
from textual.worker import Worker, WorkerState

from ...models import STAGE_LABELS
from ...pipeline import Result
from ...wording import number, percent, signed_number
from ..i18n import t
from ..loading_errors import describe_error
from ..session import Session
from ..widgets import ERROR_SECONDS, KeyFooter, bar, fmt_score
from .departments import departments_section

BAR = 24  # cells of a score bar
CHANGE_CELLS = 7  # " +33,2": the change since the previous assessment, beside a score
LABEL_MAX = 30  # a dimension label longer than this wraps rather than pushing the bar off

SectionBody = Content | Widget | None
Section = Callable[[Result, str], SectionBody]


def stage_label(stage: str, language: str) -> str:
    return STAGE_LABELS[stage].get(language, STAGE_LABELS[stage]["en"])


# ---------------------------------------------------------------------- the first screen


def stages_section(result: Result, lang: str) -> SectionBody:
    """The current stage, and a bar per stage with the mastery bar marked ┃."""
    report = result.report
    width = max(len(s.label) for s in report.stages)
    lines = [Content.assemble((t(lang, "current_stage") + ": ", "bold"),
                              (stage_label(report.current_stage, lang).upper(),
                               "bold reverse $accent"), "   ", ("┃", "bold $warning"),
                              (f" {t(lang, 'mastery_bar')} "
                               f"{number(report.mastery_bar, lang, 0)}", "$text-muted"))]
    for s in report.stages:
        here = s.id == report.current_stage
        lines.append(Content.assemble(
            ("▶ " if here else "  ", "bold $accent"),
            (f"{s.label:<{width}}  ", "bold" if here else ""),
            bar(s.score, BAR, mark=report.mastery_bar), f" {fmt_score(s.score)}",
            change(result, "stage", s.id, lang),
            (f"   {s.answered}/{s.total}", "$text-muted")))
    return Content("\n").join(lines)


# ---------------------------------------------------------------------- since the previous


def change(result: Result, kind: str, key: str, lang: str) -> Content:
    """The change since the previous assessment, beside a score (empty without one)."""
    if result.since is None:
        return Content("")
    deltas = result.since.stage_deltas if kind == "stage" else result.since.dimension_deltas
    delta = deltas.get(key)
    if delta is None:
        return Content.styled("     –", "$text-muted")
    shown = round(delta, 1)  # as signed_number shows it: ±0.0 is no change
    style = "bold $success" if shown > 0 else ("bold $error" if shown < 0 else "$text-muted")
    return Content.styled(f" {signed_number(delta, lang):>{CHANGE_CELLS - 1}}", style)


def since_line_section(result: Result, lang: str) -> SectionBody:
    """One line: since when, the current stage then and now, initiatives done/open/new."""
    c = result.since
    if c is None:
        return None
    return Content.styled(t(lang, "since_line", date=c.baseline.date or "–",
                            then=stage_label(c.baseline.current_stage, lang),
                            now=stage_label(c.latest.current_stage, lang),
                            done=len(c.with_status("done")), open=len(c.with_status("open")),
                            new=len(c.with_status("new"))), "$text-muted")


def since_section(result: Result, lang: str) -> SectionBody:
    """The previous roadmap's initiatives done and still open, and the new ones."""
    if result.since_error:
        return Content.assemble(("! ", "bold $warning"),
                                t(lang, "since_failed", error=result.since_error))
    c = result.since
    if c is None:
        return None
    marks = {"done": ("✓ ", "bold $success"), "open": ("○ ", "bold $warning"),
             "new": ("+ ", "bold $accent")}
    blocks = []
    for status in ("done", "open", "new"):
        items = c.with_status(status)
        if items:
            blocks.append(Content("\n").join([
                Content.styled(f"{t(lang, 'since_' + status)} ({len(items)})", "bold $primary"),
                *(Content.assemble(marks[status], i.title,
                                   (f"  {stage_label(i.stage, lang)}", "italic"))
                  for i in items)]))
    return Content("\n\n").join(blocks) if blocks else None


def first_phase_section(result: Result, lang: str) -> SectionBody:
    """The roadmap's first phase: what to start with."""
    phases = result.roadmap.phases
    if not phases:
        return None
    phase = phases[0]
    head = Content.assemble((t(lang, "start_with") + ": ", "bold $primary"),
                            (phase.title, "bold"),
                            (f" ({phase.horizon})" if phase.horizon else "", "$text-muted"))
    if not phase.initiatives:
        return Content.assemble(head, "\n", (t(lang, "no_initiatives"), "$text-muted"))
    return Vertical(Static(head), Static(numbered(
        [Text.assemble(item.title, (f"  {stage_label(item.stage, lang)}", "italic"))
         for item in phase.initiatives])), classes="summary")


def numbered(items: list[Text]) -> Table:
    """``1. text`` with the text's wrapped lines indented under its first word."""
    table = Table.grid(padding=(0, 1, 0, 0))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for i, item in enumerate(items, 1):
        table.add_row(f"{i}.", item)
    return table


# ---------------------------------------------------------------------- the details


def dimensions_section(result: Result, lang: str) -> SectionBody:
    dims = result.report.dimensions
    if not dims:
        return None
    width = min(LABEL_MAX, max(len(d.label) for d in dims))
    # beside the change since the previous assessment the bar is shorter, so that the
    # coverage still ends the line at 80 columns (it wrapped, "dækning" / "100 %")
    bar_width = BAR if result.since is None else BAR - CHANGE_CELLS
    return Content("\n").join(Content.assemble(
        (f"{d.label:<{width}}  ", "bold"), bar(d.score, bar_width), f" {fmt_score(d.score)}",
        change(result, "dimension", d.id, lang),
        (f"   {t(lang, 'coverage')} {percent(d.coverage, lang)}", "$text-muted")) for d in dims)


def findings_section(result: Result, lang: str) -> SectionBody:
    """Each dimension's findings; a finding already said under another dimension is not
    said again."""
    seen: set[str] = set()
    blocks: list[Content] = []
    for d in result.report.dimensions:
        new = [f for f in d.findings if f not in seen]
        seen.update(new)
        if new:
            blocks.append(Content("\n").join([Content.styled(d.label, "bold $primary"),
                                              *(Content.assemble(("• ", "$accent"), f)
                                                for f in new)]))
    return Content("\n\n").join(blocks) if blocks else None


def gaps_section(result: Result, lang: str) -> SectionBody:
    gaps = result.report.gaps
    if not gaps:
        return None
    return Content("\n").join(Content.assemble(
        (f"{signed_number(g.gap, lang, 0)}  ", "bold $warning"), g.text,
        (f"  ({t(lang, 'importance').lower()} {number(g.importance, lang)}, "
         f"{t(lang, 'level').lower()} {number(g.level, lang)})", "$text-muted"))
        for g in gaps)


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+(?=[^\s])", text.strip()) if part]


def phases_section(result: Result, lang: str) -> SectionBody:
    """Every phase with its initiatives; what all of a phase's rationales say alike (the
    long-term goal of the Seduce work, say) is said once, under the phase."""
    tables: list[Table] = []
    for phase in result.roadmap.phases:
        table = Table.grid(padding=(0, 1, 0, 0))
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        table.add_row(Text(f"{phase.number}.", "bold"), Text.assemble(
            (phase.title, "bold"), (f" ({phase.horizon})" if phase.horizon else "", "dim")))
        split = [sentences(i.rationale) for i in phase.initiatives]
        shared = [s for s in split[0] if len(split) > 1 and all(s in o for o in split[1:])] \
            if split else []
        if shared:
            table.add_row("", Text(" ".join(shared), "italic dim"))
        if not phase.initiatives:
            table.add_row("", Text(t(lang, "no_initiatives"), "dim"))
        for item, said in zip(phase.initiatives, split):
            body = Text.assemble((item.title, "bold"),
                                 (f"  {stage_label(item.stage, lang)}", "italic"))
            own = " ".join(s for s in said if s not in shared)
            if own:
                body.append("\n" + own, "dim")
            for step in item.actions:
                body.append("\n→ " + step)
            for e in item.evidence:
                body.append(f"\n“{e.note}”", "italic")
                body.append(f" ({e.who})", "dim")
            table.add_row("•", body)
        tables.append(table)
    if not tables:
        return None
    return Static(Group(*(part for table in tables for part in (table, ""))),
                  classes="detail")


def checks_section(result: Result, lang: str) -> SectionBody:
    """What looks odd in the answers (the core's consistency checks): to look at before
    presenting."""
    checks = result.report.checks
    if not checks:
        return None
    return Content("\n").join([Content.styled(t(lang, "checks"), "bold $warning"),
                               *(Content.assemble(("? ", "bold $warning"), c.message)
                                 for c in checks)])


def warnings_section(result: Result, lang: str) -> SectionBody:
    warnings = result.report.warnings
    if not warnings:
        return None
    return Content("\n").join(Content.assemble(("! ", "bold $warning"), w) for w in warnings)


SUMMARY: list[Section] = [stages_section, since_line_section, checks_section,
                          first_phase_section]
DETAILS: list[tuple[str, Section]] = [
    ("dimensions", dimensions_section),
    ("since", since_section),
    ("findings", findings_section),
    ("gaps", gaps_section),
    ("departments", departments_section),
    ("roadmap_all", phases_section),
    ("warnings", warnings_section),
]


def _widget(body: Content | Widget, classes: str) -> Widget:
    return body if isinstance(body, Widget) else Static(body, classes=classes)


class ResultsScreen(Screen[None]):
    AUTO_FOCUS = "#results"
    BINDINGS = [
        Binding("escape", "back", "Back", id="k_back"),
        # the footer says how the folded sections below are reached (Enter opens one);
        # priority: Screen's own tab binding, not shown, would be found first
        Binding("tab", "app.focus_next", "Next section", id="k_section", priority=True),
        Binding("ctrl+e", "export", "Export", id="k_export", priority=True),
        Binding("ctrl+r", "back", "Back", show=False, priority=True),
        Binding("question_mark,f1", "app.help", "Help", id="k_help", key_display="?"),
        Binding("ctrl+q", "app.quit", "Quit", show=False, id="k_quit", priority=True),
    ]

    def __init__(self, session: Session, result: Result | None = None) -> None:
        super().__init__()
        self.session = session
        self.result = result
        self.language = session.language
        self._export_when_done = False

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="results")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.result is not None:
            self._show(self.result)
            return
        self.query_one("#results").loading = True
        self.run_worker(self.session.evaluate, thread=True, exclusive=True, name="score",
                        exit_on_error=False)  # a failure is told, not the app's end

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "score":
            return
        if event.state == WorkerState.SUCCESS:
            self.result = event.worker.result
            self._show(self.result)
            if self._export_when_done:
                self.action_export()
        elif event.state == WorkerState.ERROR:
            self.notify(t(self.language, "results_failed",
                          error=describe_error(event.worker.error)),
                        severity="error", timeout=ERROR_SECONDS, markup=False)
            self.dismiss()

    def _show(self, result: Result) -> None:
        lang = self.language
        report = result.report
        body = self.query_one("#results", VerticalScroll)
        body.loading = False
        head = report.organisation + (f" · {report.sector}" if report.sector else "")
        widgets: list[Widget] = [Static(Content.assemble(
            (t(lang, "results_title"), "bold $accent"), "  ", (head, "bold"),
            (f" · {len(report.respondents)} "
             f"{t(lang, 'respondent' if len(report.respondents) == 1 else 'respondents').lower()}",
             "$text-muted")), classes="results-head")]
        for section in SUMMARY:
            content = section(result, lang)
            if content is not None:
                widgets.append(_widget(content, "summary"))
        for key, section in DETAILS:
            content = section(result, lang)
            if content is not None:
                widgets.append(Collapsible(_widget(content, "detail"), title=t(lang, key),
                                           collapsed=True, id=f"details-{key}"))
        body.mount_all(widgets)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        if self.result is None:  # still scoring: export once it is done
            self._export_when_done = True
            return
        self._export_when_done = False
        self.app.export(self.session, self.result)  # type: ignore[attr-defined]
