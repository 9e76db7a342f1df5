"""A new assessment: questionnaire, language, organisation, respondents, where to save."""

from __future__ import annotations

import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from ... import catalog
from ...errors import InputError
from ...files import slug
from ...plugins import Plugins
from ..i18n import LANGUAGE_NAMES, t
from ..loading_errors import describe_error
from ..session import Session, target_problem
from ..widgets import KeyFooter, field_row


def today() -> str:
    """The date the form starts with (YYYY-MM-DD); the consultant may change it."""
    return datetime.date.today().isoformat()


class NewAssessmentScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "create", "Create", id="k_create", priority=True),
        Binding("escape", "cancel", "Cancel", id="k_back"),
        Binding("f1", "app.help", "Help", id="k_help"),
        Binding("ctrl+q", "app.quit", "Quit", id="k_quit", priority=True),
    ]

    def __init__(self, language: str, plugins: Plugins, path: Path | None = None) -> None:
        super().__init__()
        self.language = language
        self.plugins = plugins
        self.fixed_path = path
        self.path_edited = path is not None
        self.respondents: list[tuple[str, str]] = []
        self.warnings: list[str] = []
        self.entries: dict[str, catalog.CatalogEntry] = {}
        self.catalog_error = ""
        try:
            self.warnings = plugins.load_warnings()
            self.entries = catalog.catalog(plugins, self.warnings)
        except Exception as exc:  # a broken built-in questionnaire
            self.catalog_error = describe_error(exc)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        lang = self.language
        entries = list(self.entries.values())
        # Content, not a string: a plugin's title would be read as markup ("[/]")
        q_options = [(Content(f"{e.questionnaire.title.get(lang)} ({e.questionnaire.id} "
                              f"{e.questionnaire.version}, {len(e.questionnaire.questions)})"),
                      e.questionnaire.id) for e in entries]
        default_q = "four-f" if "four-f" in self.entries else (entries[0].questionnaire.id
                                                               if entries else Select.NULL)
        with VerticalScroll(id="new-form"):
            yield Label(t(lang, "new_title"), classes="screen-title")
            if self.catalog_error or not entries:
                yield Static(Content(self.catalog_error or t(lang, "no_questionnaires")),
                             classes="error")
            yield field_row(t(lang, "questionnaire"), Select(
                q_options, value=default_q, allow_blank=not entries, id="questionnaire",
                compact=True, type_to_search=False))
            yield field_row(t(lang, "language"), Select(
                [(name, code) for code, name in LANGUAGE_NAMES.items()],
                value=lang if lang in LANGUAGE_NAMES else "da", allow_blank=False,
                id="language", compact=True, type_to_search=False))
            yield field_row(t(lang, "organisation"), Input(id="org-name", compact=True))
            yield field_row(t(lang, "sector"), Input(id="org-sector", compact=True))
            yield field_row(t(lang, "assessor"), Input(id="assessor", compact=True))
            yield field_row(t(lang, "date"), Input(today(), id="date", compact=True))
            yield Label(t(lang, "respondents"), classes="section")
            yield Static(t(lang, "none_added"), id="resp-list")
            yield field_row(t(lang, "name"), Input(id="resp-name", compact=True))
            yield field_row(t(lang, "department"), Input(id="resp-dept", compact=True),
                            Button(t(lang, "add"), id="add-resp", compact=True))
            yield field_row(t(lang, "save_as"), Input(
                str(self.fixed_path) if self.fixed_path else f"{t(lang, 'file_stem')}.toml",
                id="save-path", compact=True))
            yield Static("", id="new-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(f"{t(lang, 'create')} (ctrl+s)", id="create", variant="primary")
                yield Button(t(lang, "cancel"), id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#org-name", Input).focus()

    # ------------------------------------------------------------------ events

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "org-name" and not self.path_edited:
            path_input = self.query_one("#save-path", Input)
            with path_input.prevent(Input.Changed):
                path_input.value = f"{slug(event.value, t(self.language, 'file_stem'))}.toml"
        elif event.input.id == "save-path" and event.input.has_focus:
            self.path_edited = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        order = ["org-name", "org-sector", "assessor", "date", "resp-name", "resp-dept",
                 "save-path"]
        which = event.input.id
        if which == "resp-dept" or (which == "resp-name" and event.value.strip()
                                    and self.query_one("#resp-dept", Input).value.strip()):
            self._add_respondent()
            self.query_one("#resp-name", Input).focus()
        elif which == "save-path":
            self._create()
        elif which in order:
            self.query_one(f"#{order[order.index(which) + 1]}", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add-resp":
            self._add_respondent()
            self.query_one("#resp-name", Input).focus()
        elif event.button.id == "create":
            self._create()
        elif event.button.id == "cancel":
            self.action_cancel()

    def action_create(self) -> None:
        self._create()

    def action_cancel(self) -> None:
        self.app.show_start()  # type: ignore[attr-defined]

    def action_remove_respondent(self, index: int) -> None:
        if 0 <= index < len(self.respondents):
            del self.respondents[index]
            self._show_respondents()

    # ------------------------------------------------------------------ helpers

    def _error(self, message: str) -> None:
        self.query_one("#new-error", Static).update(Content(message))

    def _show_respondents(self) -> None:
        widget = self.query_one("#resp-list", Static)
        if not self.respondents:
            widget.update(t(self.language, "none_added"))
            return
        parts: list[Content] = []
        for i, (name, dept) in enumerate(self.respondents):
            parts.append(Content.assemble(
                (f"{i + 1}. ", "$text-muted"), (name, "bold"),
                (f" — {dept}" if dept else "", ""), "  ",
                Content.from_markup(f"[@click=screen.remove_respondent({i})]✕[/]")))
        widget.update(Content("\n").join(parts))

    def _add_respondent(self) -> bool:
        name_input = self.query_one("#resp-name", Input)
        dept_input = self.query_one("#resp-dept", Input)
        name = name_input.value.strip()
        if not name:
            return False
        self.respondents.append((name, dept_input.value.strip()))
        name_input.value = ""
        dept_input.value = ""
        self._show_respondents()
        self._error("")
        return True

    def _create(self) -> None:
        lang = self.language
        qid = self.query_one("#questionnaire", Select).value
        if qid is Select.NULL or qid not in self.entries:
            self._error(t(lang, "err_questionnaire"))
            return
        org = self.query_one("#org-name", Input).value.strip()
        if not org:
            self._error(t(lang, "err_org"))
            self.query_one("#org-name", Input).focus()
            return
        self._add_respondent()  # a name typed but not yet added counts
        if not self.respondents:
            self._error(t(lang, "err_respondents"))
            self.query_one("#resp-name", Input).focus()
            return
        date = self.query_one("#date", Input).value.strip()
        try:
            if date:
                datetime.date.fromisoformat(date)
        except ValueError:
            self._error(t(lang, "err_date"))
            self.query_one("#date", Input).focus()
            return
        text = self.query_one("#save-path", Input).value.strip()
        if not text:
            self._error(t(lang, "err_path"))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".toml":
            self._error(t(lang, "err_suffix"))
            return
        try:
            problem = target_problem(path)
        except InputError as exc:
            self._error(describe_error(exc))
            return
        if problem == "exists":
            self._error(t(lang, "err_exists", path=path))
            return
        if problem == "folder":
            self._error(t(lang, "err_folder", folder=path.parent))
            return
        language = str(self.query_one("#language", Select).value)
        try:
            session = Session.create(
                path, self.plugins, questionnaire=self.entries[qid].questionnaire,
                questionnaire_ref=str(qid), language=language, organisation=org,
                sector=self.query_one("#org-sector", Input).value,
                assessor=self.query_one("#assessor", Input).value, date=date,
                respondents=self.respondents, warnings=self.warnings)
        except Exception as exc:
            self._error(describe_error(exc))
            return
        self.app.open_session(session)  # type: ignore[attr-defined]
