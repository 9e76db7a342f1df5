"""The cxassess terminal app.

``run_app(file, plugins)`` is what ``cxassess`` / ``cxassess tui [FILE]`` call. Without a
file the start screen opens; an existing file opens on its first unanswered question; a
file that does not exist starts a new assessment to be saved there; a file that cannot be
read opens an error screen and is never written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..plugins import Plugins
from .i18n import default_language, t
from .loading_errors import describe_error
from .recent import remember
from .session import Session


class CxApp(App[int]):
    """Start → new assessment or open one → questions ⇄ results → export."""

    CSS_PATH = "app.tcss"
    TITLE = "cxassess"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(self, file: Path | None = None, plugins: Plugins | None = None, *,
                 language: str | None = None, remember_recent: bool = True) -> None:
        super().__init__()
        if plugins is None:
            from ..plugins import load_plugins

            plugins = load_plugins()
        self.file = Path(file) if file is not None else None
        self.plugins = plugins
        self.ui_language = language or default_language()
        self.session: Session | None = None
        self.remember_recent = remember_recent

    # ------------------------------------------------------------------ screens

    def on_mount(self) -> None:
        if self.file is None:
            self.show_start()
        elif self.file.exists():
            self.open_path(self.file)
        else:
            self.start_new(self.file)

    def _replace(self, screen: Screen) -> None:
        """Show ``screen`` as the only screen above the default one."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_start(self) -> None:
        from .screens.start import StartScreen

        self.session = None
        self.sub_title = ""
        self._replace(StartScreen(self.ui_language))

    def start_new(self, path: Path | None) -> None:
        from .screens.new import NewAssessmentScreen

        screen = NewAssessmentScreen(self.ui_language, self.plugins, path)
        if path is not None and len(self.screen_stack) <= 1:
            self._replace(screen)  # straight from the command line
        else:
            self.push_screen(screen)

    def open_path(self, path: Path) -> None:
        """Open an existing assessment; an unreadable one shows the error screen."""
        try:
            session = Session.open(path, self.plugins)
        except Exception as exc:
            from .screens.error import ErrorScreen

            self._replace(ErrorScreen(path, describe_error(exc), self.ui_language))
            return
        self.open_session(session)

    def open_session(self, session: Session) -> None:
        from .screens.question import QuestionScreen

        self.session = session
        self.ui_language = session.language
        self.title = f"cxassess — {session.assessment.organisation.name}"
        if self.remember_recent:
            remember(session.path)
        self._replace(QuestionScreen(session))

    def show_results(self, session: Session) -> None:
        from .screens.results import ResultsScreen

        try:
            result = session.evaluate()
        except Exception as exc:
            self.notify(t(session.language, "results_failed", error=describe_error(exc)),
                        severity="error", timeout=15, markup=False)
            return
        self.push_screen(ResultsScreen(session, result))

    def export(self, session: Session, result=None) -> None:
        """Ask for the workbook's path (default: the assessment file with .xlsx), write
        it with the core exporter, and say how it went."""
        from .screens.dialogs import ExportDialog

        lang = session.language
        if result is None:
            try:
                result = session.evaluate()
            except Exception as exc:
                self.notify(t(lang, "results_failed", error=describe_error(exc)),
                            severity="error", timeout=15, markup=False)
                return

        def write(path: Path) -> None:
            from ..export.excel import write_workbook

            write_workbook(result, path)

        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(t(lang, "export_ok", path=path), markup=False)

        self.push_screen(ExportDialog(lang, session.path.with_suffix(".xlsx"), write), done)

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        from .screens.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.ui_language))

    def _flush(self) -> None:
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if callable(flush):
                flush()

    async def action_quit(self) -> None:
        self._flush()
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from .screens.question import QuestionScreen
        from .screens.results import ResultsScreen

        lang = self.ui_language
        if isinstance(screen, QuestionScreen):
            yield SystemCommand(t(lang, "k_save"), "ctrl+s", screen.action_save)
            yield SystemCommand(t(lang, "k_results"), "ctrl+r", screen.action_results)
            yield SystemCommand(t(lang, "k_export"), "ctrl+e", screen.action_export)
            yield SystemCommand(t(lang, "k_respondent_next"), "r", screen.action_next_respondent)
            yield SystemCommand(t(lang, "k_add_respondent"), "a", screen.action_add_respondent)
        elif isinstance(screen, ResultsScreen):
            yield SystemCommand(t(lang, "k_export"), "ctrl+e", screen.action_export)
            yield SystemCommand(t(lang, "k_back"), "Esc", screen.action_back)
        yield SystemCommand(t(lang, "k_help"), "? / F1", self.action_help)
        yield from super().get_system_commands(screen)


def run_app(file: Path | None, plugins: Plugins) -> int:
    """Run the terminal app; returns the exit status for the command line."""
    app = CxApp(file, plugins)
    app.run()
    return app.return_code or 0
