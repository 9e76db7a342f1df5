"""Modal dialogs: the keys of a screen, yes/no, add a respondent, export the workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from ...errors import InputError
from ..i18n import t
from ..loading_errors import describe_error
from ..session import target_problem
from ..widgets import field_row, in_language

T = TypeVar("T")


def screen_keys(screen: Screen, language: str) -> list[tuple[str, str]]:
    """The keys of ``screen`` (and the app's own) as (keys, what they do), read from the
    bindings that carry a label id, in their order, so the help cannot drift from what
    the keys do."""
    app = screen.app
    rows: dict[str, tuple[list[str], str]] = {}
    for node in (screen, app):
        for binding in node.BINDINGS:
            if not isinstance(binding, Binding) or not (binding.id or "").startswith("k_"):
                continue
            keys = [app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(",")]
            if binding.key_display:  # "0-4" for 0, "?" for question_mark
                keys[0] = binding.key_display
            text = t(language, binding.id + "_tip", default=t(language, binding.id))
            if binding.id in rows:
                rows[binding.id][0].extend(k for k in keys if k not in rows[binding.id][0])
            else:
                rows[binding.id] = (keys, text)
    return [(" ".join(keys), text) for keys, text in rows.values()]


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below, in its language."""

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", show=False),
    ]

    def __init__(self, language: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.language = language
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2, 0, 0))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for keys, text in self.keys:
            table.add_row(keys, text)
        with Vertical(id="help-box", classes="dialog"):
            yield Label(t(self.language, "help_title"), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(table, id="help-table")
            yield Static(t(self.language, "help_close"), classes="muted", id="help-close")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; Enter or y answers yes, Escape or n no. The safe answer (No)
    has the focus."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No", show=False),
        Binding("y,j", "answer(True)", "Yes", show=False),
    ]

    def __init__(self, language: str, question: str) -> None:
        super().__init__()
        self.language = language
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button(t(self.language, "k_yes"), id="yes", variant="warning")
                yield Button(t(self.language, "k_no"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


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
    """Ask where to write the workbook — and, when it exists, whether to replace it —
    then write it with ``write`` in a worker thread (scoring may be slow) and dismiss
    with the path written.

    ``write(path)`` raises on failure; the message is shown here and the dialog stays
    open so another path can be tried."""

    def __init__(self, language: str, default: Path, write: Callable[[Path], None]) -> None:
        super().__init__()
        self.language = language
        self.default = default
        self.write = write
        self._target: Path | None = None

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(classes="dialog", id="export-box"):
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
        if self._target is not None:  # already writing
            return
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._error(t(self.language, "err_xlsx"))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".xlsx":
            self._error(t(self.language, "err_xlsx"))
            return
        try:
            problem = target_problem(path)
        except InputError as exc:  # too long, in a folder this user may not enter …
            self._error(describe_error(exc))
            return
        if problem == "folder":
            self._error(t(self.language, "err_folder", folder=path.parent))
            return
        if problem == "exists":
            def answered(replace: bool | None) -> None:
                if replace:
                    self._start(path)

            self.app.push_screen(in_language(ConfirmDialog, self.language)(
                self.language, t(self.language, "export_replace", path=path)), answered)
        else:
            self._start(path)

    def _start(self, path: Path) -> None:
        self._target = path.absolute()
        self._error("")
        self.query_one("#export-box").loading = True
        # a failed write is shown below (on_worker_state_changed), not the app's end
        self.run_worker(lambda: self.write(path), thread=True, exclusive=True, name="export",
                        exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "export" or self._target is None:
            return
        if event.state == WorkerState.SUCCESS:
            self.dismiss(self._target)
        elif event.state == WorkerState.ERROR:
            self.query_one("#export-box").loading = False
            self._target = None
            self._error(t(self.language, "export_failed",
                          error=describe_error(event.worker.error)))
