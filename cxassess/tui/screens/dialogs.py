"""Modal dialogs: help, add a respondent, export the workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ..i18n import HELP, t
from ..loading_errors import describe_error
from ..widgets import field_row

T = TypeVar("T")


class HelpScreen(ModalScreen[None]):
    """The keys, in the assessment's language."""

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", show=False),
    ]

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2, 0, 0))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for keys, text in HELP.get(self.language, HELP["en"]):
            table.add_row(keys, text)
        with Vertical(id="help-box", classes="dialog"):
            yield Label(t(self.language, "help_title"), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(table)
            yield Static(t(self.language, "help_close"), classes="muted", id="help-close")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


class FormDialog(ModalScreen[T]):
    """A dialog with an OK and a Cancel button: OK (or Enter) calls ``_ok``, which
    dismisses with a value once the input is good; Cancel and Escape dismiss with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._ok()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _buttons(self, ok_label: str) -> Horizontal:
        return Horizontal(Button(ok_label, id="ok", variant="primary"),
                          Button(t(self.language, "cancel"), id="cancel"), classes="buttons")

    def _ok(self) -> None:
        raise NotImplementedError


class AddRespondentDialog(FormDialog[tuple[str, str] | None]):
    """Name and department of a new respondent."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(classes="dialog"):
            yield Label(t(lang, "add_respondent_title"), classes="dialog-title")
            yield field_row(t(lang, "name"), Input(id="resp-name", compact=True))
            yield field_row(t(lang, "department"), Input(id="resp-dept", compact=True))
            yield Static("", id="dialog-error", classes="error")
            yield self._buttons(t(lang, "add"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "resp-name":
            self.query_one("#resp-dept", Input).focus()
        else:
            self._ok()

    def _ok(self) -> None:
        name = self.query_one("#resp-name", Input).value.strip()
        dept = self.query_one("#resp-dept", Input).value.strip()
        if not name:
            self.query_one("#dialog-error", Static).update(t(self.language, "err_respondents"))
            self.query_one("#resp-name", Input).focus()
            return
        self.dismiss((name, dept))


class ExportDialog(FormDialog[Path | None]):
    """Ask where to write the workbook, write it with ``write`` and say how it went.

    ``write(path)`` raises on failure; the message is shown here and the dialog stays
    open so another path can be tried."""

    def __init__(self, language: str, default: Path, write: Callable[[Path], None]) -> None:
        super().__init__()
        self.language = language
        self.default = default
        self.write = write

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(classes="dialog"):
            yield Label(t(lang, "export_title"), classes="dialog-title")
            yield Label(t(lang, "export_prompt"))
            yield Input(str(self.default), id="export-path", compact=True)
            yield Static("", id="dialog-error", classes="error")
            yield self._buttons(t(lang, "k_export"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._ok()

    def _error(self, message: str) -> None:
        self.query_one("#dialog-error", Static).update(Content(message))

    def _ok(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._error(t(self.language, "err_xlsx"))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".xlsx":
            self._error(t(self.language, "err_xlsx"))
            return
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            self._error(t(self.language, "err_folder", folder=folder))
            return
        try:
            self.write(path)
        except Exception as exc:  # InputError, a missing exporter, a disk problem …
            self._error(t(self.language, "export_failed", error=describe_error(exc)))
            return
        self.dismiss(path)
