"""A file that cannot be opened: say what is wrong, change nothing."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from ..i18n import t
from ..widgets import KeyFooter


class ErrorScreen(Screen[None]):
    AUTO_FOCUS = "#back"
    BINDINGS = [
        Binding("escape", "back", "Back", id="k_back"),
        Binding("question_mark,f1", "app.help", "Help", id="k_help", key_display="?"),
        Binding("ctrl+q", "app.quit", "Quit", id="k_quit", priority=True),
    ]

    def __init__(self, path: Path | None, message: str, language: str) -> None:
        super().__init__()
        self.path = path
        self.message = message
        self.language = language

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(id="error-box"):
            yield Label(t(lang, "error_title"), classes="screen-title")
            if self.path is not None:
                yield Static(Content(str(self.path)), id="error-path")
            with VerticalScroll(id="error-scroll"):
                yield Static(Content(self.message), id="error-message", classes="error")
            yield Static(t(lang, "error_untouched"), classes="muted")
            with Horizontal(classes="buttons"):
                yield Button(t(lang, "back_to_start"), id="back", variant="primary")
                yield Button(t(lang, "quit"), id="quit")
        yield KeyFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "quit":
            self.app.exit()
        else:
            self.action_back()

    def action_back(self) -> None:
        self.app.show_start()  # type: ignore[attr-defined]
