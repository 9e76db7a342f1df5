"""The start screen: a new assessment, a recent one, or a file by its path."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...errors import InputError
from ...files import stat_or_none
from ..i18n import t
from ..loading_errors import describe_error
from ..recent import load_recent
from ..widgets import KeyFooter


class StartScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+n", "new", "New", id="k_new_short"),
        Binding("question_mark,f1", "app.help", "Help", id="k_help", key_display="?"),
        Binding("ctrl+q", "app.quit", "Quit", id="k_quit", priority=True),
    ]

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.recent: list[Path] = load_recent()

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(id="start-box"):
            yield Label(t(lang, "start_title"), classes="screen-title")
            yield Static(t(lang, "start_intro"), classes="muted")
            yield Button(t(lang, "new"), id="new", variant="primary")
            yield Label(t(lang, "recent"), classes="section")
            options = [Option(Content.assemble((p.name, "bold"), "  ",
                                               (str(p.parent), "$text-muted")), id=str(i))
                       for i, p in enumerate(self.recent)]
            if not options:
                options = [Option(t(lang, "no_recent"), disabled=True)]
            yield OptionList(*options, id="recent")
            yield Label(t(lang, "open_file"), classes="section")
            with Horizontal(classes="field"):
                yield Input(placeholder=t(lang, "path_placeholder"), id="open-path", compact=True)
                yield Button(t(lang, "open"), id="open", compact=True)
            yield Static("", id="start-error", classes="error")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    def action_new(self) -> None:
        self.app.start_new(None)  # type: ignore[attr-defined]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "new":
            self.action_new()
        elif event.button.id == "open":
            self._open_typed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._open_typed()

    def _open_typed(self) -> None:
        text = self.query_one("#open-path", Input).value.strip()
        if not text:
            self.query_one("#open-path", Input).focus()
            return
        path = Path(text).expanduser()
        error = self.query_one("#start-error", Static)
        try:
            if stat_or_none(path) is None and path.suffix.lower() != ".toml" \
                    and stat_or_none(path.with_name(path.name + ".toml")) is not None:
                path = path.with_name(path.name + ".toml")  # "nordlys" for nordlys.toml
            exists = stat_or_none(path) is not None
        except InputError as exc:  # too long, in a folder this user may not enter …
            error.update(Content(describe_error(exc)))  # below the field, until the next try
            return
        if exists:
            self.app.open_path(path)  # type: ignore[attr-defined]
        elif path.suffix.lower() == ".toml":  # a new assessment, saved there
            self.app.start_new(path)  # type: ignore[attr-defined]
        else:  # a name mistyped, most likely: not the start of a new assessment
            error.update(Content(t(self.language, "err_no_file", path=path)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.app.open_path(self.recent[int(event.option_id)])  # type: ignore[attr-defined]
