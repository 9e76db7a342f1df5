"""The cxassess terminal app.

``run_app(file, plugins)`` is what ``cxassess`` / ``cxassess tui [FILE]`` call. Without a
file the start screen opens; an existing file opens on its first unanswered question; a
file that does not exist starts a new assessment to be saved there; a file that cannot be
read opens an error screen and is never written. Every screen is built in the language
of the assessment (:func:`cxassess.tui.widgets.in_language`), and the chosen theme is
remembered (:mod:`cxassess.tui.settings`).
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
from .settings import load_theme, save_theme
from .widgets import in_language


class CxApp(App[int]):
    """Start → new assessment or open one → questions ⇄ results → export."""

    CSS_PATH = "app.tcss"
    TITLE = "cxassess"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help", show=False),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="k_palette"),
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
        self._theme_loaded = False

    # ------------------------------------------------------------------ screens

    def on_mount(self) -> None:
        theme = load_theme()
        if theme in self.available_themes:
            self.theme = theme
        self._theme_loaded = True
        if self.file is None:
            self.show_start()
        elif self.file.exists():
            self.open_path(self.file)
        else:
            self.start_new(self.file)

    def watch_theme(self, theme: str) -> None:
        if self._theme_loaded:
            save_theme(theme)

    def _replace(self, screen: Screen) -> None:
        """Show ``screen`` as the only screen above the default one."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def show_start(self) -> None:
        from .screens.start import StartScreen

        self._close_session()
        self.sub_title = ""
        self._replace(in_language(StartScreen, self.ui_language)(self.ui_language))

    def start_new(self, path: Path | None) -> None:
        from .screens.new import NewAssessmentScreen

        screen = in_language(NewAssessmentScreen, self.ui_language)(
            self.ui_language, self.plugins, path)
        if path is not None and len(self.screen_stack) <= 1:
            self._replace(screen)  # straight from the command line
        else:
            self.push_screen(screen)

    def open_path(self, path: Path) -> None:
        """Open an existing assessment; an unreadable one shows the error screen."""
        self._close_session()
        try:
            session = Session.open(path, self.plugins)
        except Exception as exc:
            from .screens.error import ErrorScreen

            self._replace(in_language(ErrorScreen, self.ui_language)(
                path, describe_error(exc), self.ui_language))
            return
        self.open_session(session)

    def reopen(self, session: Session) -> None:
        """Read the assessment again from its file (after another program changed it)."""
        self.open_path(session.path)

    def open_session(self, session: Session) -> None:
        from .screens.question import QuestionScreen

        if self.session is not session:
            self._close_session()
        self.session = session
        self.ui_language = session.language
        self.title = f"cxassess — {session.assessment.organisation.name}"
        if self.remember_recent:
            self.call_after_refresh(remember, session.path)  # off the first paint
        self._replace(in_language(QuestionScreen, session.language)(session))

    def show_results(self, session: Session) -> None:
        """The results screen; it scores in a worker (plugins may be slow)."""
        from .screens.results import ResultsScreen

        self.push_screen(in_language(ResultsScreen, session.language)(session))

    def export(self, session: Session, result=None) -> None:
        """Ask for the workbook's path (default: the assessment file with .xlsx), ask
        before replacing one (then the Owner, Due and Status typed into it are carried
        over), write it with the core exporter (scoring first when needed, in a worker)
        and say where it went."""
        from .screens.dialogs import ExportDialog

        lang = session.language
        carried: list = [None]  # what replacing a workbook carried over (a CarryOver)

        def write(path: Path) -> None:
            from ..export.excel import replace_workbook

            # a workbook being replaced keeps the executive's Owner / Due / Status
            carried[0] = replace_workbook(
                result if result is not None else session.evaluate(), path)

        def done(path: Path | None) -> None:
            if path is None:
                return
            # what was carried over, and what could not be, as the command line tells it
            told = carried[0].told(lang) if carried[0] is not None else []
            self.notify("\n".join([t(lang, "export_ok", path=path), *told]), markup=False,
                        timeout=8 + 4 * len(told),
                        severity="warning" if told and carried[0].attention else "information")

        self.push_screen(in_language(ExportDialog, lang)(
            lang, session.path.with_suffix(".xlsx"), write), done)

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        from .screens.dialogs import HelpScreen, screen_keys

        if isinstance(self.screen, HelpScreen):
            return
        lang = self.ui_language
        self.push_screen(in_language(HelpScreen, lang)(lang, screen_keys(self.screen, lang)))

    def action_command_palette(self) -> None:
        """The command palette, its prompt in the assessment's language too."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t(self.ui_language, "palette_prompt"),
                                            id="--command-palette"))

    def _flush(self) -> None:
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if callable(flush):
                flush()

    async def action_quit(self) -> None:
        self._flush()
        self._close_session()
        self.exit(0)

    def on_unmount(self) -> None:
        """However the app ends: save what is pending and let go of the file."""
        self._flush()
        self._close_session()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands: the screen's keys, then theme and quit — all in the
        assessment's language."""
        lang = self.ui_language
        seen = {"k_help", "k_quit"}
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not (binding.id or "").startswith("k_"):
                continue
            if binding.id in seen or "(" in binding.action or "." in binding.action \
                    or not screen.check_action(binding.action, ()):
                continue
            seen.add(binding.id)
            tip = t(lang, binding.id + "_tip", default="")
            yield SystemCommand(t(lang, binding.id), tip or t(lang, binding.id),
                                lambda action=binding.action: self.run_action(action, screen))
        yield SystemCommand(t(lang, "k_help"), t(lang, "k_help_tip"), self.action_help)
        yield SystemCommand(t(lang, "k_theme"), t(lang, "k_theme_tip"), self.action_change_theme)
        yield SystemCommand(t(lang, "k_quit"), t(lang, "k_quit_tip"), self.action_quit)


def run_app(file: Path | None, plugins: Plugins) -> int:
    """Run the terminal app; returns the exit status for the command line."""
    app = CxApp(file, plugins)
    app.run()
    return app.return_code or 0
