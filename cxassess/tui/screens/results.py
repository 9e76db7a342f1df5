"""Results: stage and dimension scores, the current stage, findings, the roadmap and any
plugin warnings — all as the core computed them (:func:`cxassess.pipeline.evaluate`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from ...models import STAGE_LABELS
from ...pipeline import Result
from ..i18n import t
from ..session import Session
from ..widgets import bar, fit, fmt_score, localise_bindings


class ResultsScreen(Screen[None]):
    AUTO_FOCUS = "#results"
    BINDINGS = [
        Binding("escape", "back", "Back", id="k_back"),
        Binding("ctrl+e", "export", "Export", id="k_export", priority=True),
        Binding("ctrl+r", "back", "Back", show=False, priority=True),
        Binding("question_mark,f1", "app.help", "Help", id="k_help", key_display="?"),
        Binding("ctrl+q", "app.quit", "Quit", id="k_quit", priority=True),
    ]

    def __init__(self, session: Session, result: Result) -> None:
        super().__init__()
        self.session = session
        self.result = result
        self.language = result.report.language
        localise_bindings(self, self.language)

    def _stage(self, stage: str) -> str:
        return STAGE_LABELS[stage].get(self.language, STAGE_LABELS[stage]["en"])

    def compose(self) -> ComposeResult:
        lang = self.language
        report, roadmap = self.result.report, self.result.roadmap
        with VerticalScroll(id="results"):
            head = report.organisation + (f" · {report.sector}" if report.sector else "")
            yield Label(Content.assemble((t(lang, "results_title"), "bold $accent"), "  ",
                                         (head, "bold")), classes="screen-title")
            yield Static(Content.assemble(
                (f"{report.questionnaire.get('title', '')} "
                 f"{report.questionnaire.get('version', '')}", "$text-muted"),
                (f" · {len(report.respondents)} {t(lang, 'respondents').lower()}",
                 "$text-muted")))
            yield Static(Content.assemble(
                (t(lang, "current_stage") + ": ", "bold"),
                (self._stage(report.current_stage).upper(), "bold reverse $accent"),
                (f"  ({t(lang, 'mastery_bar')} {report.mastery_bar:.0f})", "$text-muted")),
                id="current-stage")

            yield Label(t(lang, "stages"), classes="section")
            for s in report.stages:
                here = s.id == report.current_stage
                yield Static(Content.assemble(
                    ("▶ " if here else "  ", "bold $accent"),
                    (f"{fit(s.label, 10):<10} ", "bold" if here else ""),
                    bar(s.score, 24), f" {fmt_score(s.score)}",
                    (f"  {s.answered}/{s.total}", "$text-muted")), classes="score-row")

            yield Label(t(lang, "dimensions"), classes="section")
            for d in report.dimensions:
                yield Static(Content.assemble(
                    "  ", (f"{fit(d.label, 18):<18} ", "bold"), bar(d.score, 24),
                    f" {fmt_score(d.score)}",
                    (f"  {t(lang, 'coverage')} {d.coverage:.0%}", "$text-muted")),
                    classes="score-row")
                for finding in d.findings:
                    yield Static(Content.assemble(("• ", "$accent"), finding), classes="finding")

            yield Label(t(lang, "roadmap"), classes="section")
            for phase in roadmap.phases:
                yield Static(Content.assemble((f"{phase.number}. {phase.title}", "bold $accent"),
                                              (f"  ({phase.horizon})" if phase.horizon else "",
                                               "$text-muted")), classes="phase")
                if not phase.initiatives:
                    yield Static(Content.styled(t(lang, "no_initiatives"), "$text-muted"),
                                 classes="initiative")
                for item in phase.initiatives:
                    yield Static(Content.assemble((f"[{self._stage(item.stage)}] ", "$accent"),
                                                  (item.title, "bold")), classes="initiative")
                    if item.rationale:
                        yield Static(Content.styled(item.rationale, "$text-muted"),
                                     classes="rationale")
                    for step in item.actions:
                        yield Static(Content.assemble(("→ ", "$accent"), step),
                                     classes="rationale")

            if report.warnings:
                yield Label(t(lang, "warnings"), classes="section warning")
                for w in report.warnings:
                    yield Static(Content.assemble(("! ", "bold $warning"), w), classes="finding")
        yield Footer(compact=True, show_command_palette=False)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        self.app.export(self.session, self.result)  # type: ignore[attr-defined]
