"""The questionnaire: one question at a time, a sidebar of all of them, progress.

Every change is saved at once through :class:`cxassess.tui.session.Session`; a change
that cannot be saved is not shown (an error notification says why)."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.actions import SkipAction
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, OptionList, ProgressBar, Select, Static
from textual.widgets.option_list import Option

from ...models import MAX_IMPORTANCE, MIN_IMPORTANCE, STAGE_LABELS, STAGES, Question
from ..i18n import t
from ..loading_errors import describe_error
from ..session import Session, is_done
from ..widgets import fit, localise_bindings

SIDEBAR_MIN, SIDEBAR_MAX, SIDEBAR_SHARE = 30, 56, 0.3  # keep in step with app.tcss
NOTE_DEBOUNCE = 0.4
SHOW_HELP_FROM_HEIGHT = 40  # rows; below this the help text starts folded (key h)
PREV_NEXT = Binding.Group("k_prevnext", compact=True)


def _level_prompt(chosen: bool, key: str, text: str, *, italic: bool = False) -> Table:
    """One level of the choice list: a mark and the key, then the anchor text with a
    hanging indent. Plain Rich styles (no colours), so every theme shows it well."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, width=4)
    grid.add_column(ratio=1)
    grid.add_row(Text.assemble(("●" if chosen else "○", "bold" if chosen else "dim"), " ",
                               (key, "bold")),
                 Text(text, style=("bold " if chosen else "") + ("italic" if italic else "")))
    return grid


class QuestionScreen(Screen[None]):
    AUTO_FOCUS = "#levels"
    BINDINGS = [
        Binding("0", "answer(0)", "Answer", key_display="0-4", id="k_answer"),
        Binding("1", "answer(1)", "Answer", show=False),
        Binding("2", "answer(2)", "Answer", show=False),
        Binding("3", "answer(3)", "Answer", show=False),
        Binding("4", "answer(4)", "Answer", show=False),
        Binding("n", "not_applicable", "n/a", id="k_na"),
        # priority: scrolling containers and lists would take these keys otherwise; the
        # actions step aside (SkipAction) while a text field has focus.
        Binding("left", "prev_question", "Prev", id="k_prev", group=PREV_NEXT, priority=True),
        Binding("right", "next_question", "Next", id="k_next", group=PREV_NEXT, priority=True),
        Binding("pageup", "prev_question", "Prev", show=False, priority=True),
        Binding("pagedown", "next_question", "Next", show=False, priority=True),
        Binding("plus", "importance(1)", "Importance +", show=False),
        Binding("minus", "importance(-1)", "Importance −", show=False),
        Binding("delete,backspace", "clear", "Clear", show=False),
        Binding("h", "toggle_help", "Help text", show=False),
        Binding("r", "next_respondent", "Respondent", show=False),
        Binding("a", "add_respondent", "Add respondent", show=False),
        Binding("ctrl+s", "save", "Save", id="k_save", priority=True),
        Binding("ctrl+r", "results", "Results", id="k_results", priority=True),
        Binding("ctrl+e", "export", "Export", id="k_export", priority=True),
        Binding("question_mark,f1", "app.help", "Help", id="k_help", key_display="?"),
        Binding("ctrl+q", "app.quit", "Quit", id="k_quit", priority=True),
    ]

    def __init__(self, session: Session, index: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.language = session.language
        self.index = session.first_open() if index is None else index
        self.note_qid: str | None = None
        self._note_timer: Timer | None = None
        self._levels_qid: str | None = None
        self.show_help: bool | None = None
        self._sidebar_built_for = 0
        localise_bindings(self, self.language)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        s = self.session
        with Horizontal(id="topbar"):
            yield Static(Content.assemble((s.assessment.organisation.name, "bold"), "  ",
                                          (s.path.name, "$text-muted")), id="org")
            yield Select(self._respondent_options(), id="respondent", compact=True,
                         allow_blank=not s.respondents, type_to_search=False,
                         value=s.respondent if s.respondents else Select.NULL,
                         prompt=t(self.language, "respondent"))
        with Horizontal(id="progress-row"):
            yield Label("", id="progress-label")
            yield ProgressBar(total=len(s.questions), show_eta=False, id="progress")
        with Horizontal(id="body"):
            yield OptionList(id="sidebar")
            with Vertical(id="main"):
                yield Static("", id="stage-line")
                with VerticalScroll(id="question-head", can_focus=False):
                    yield Static("", id="question-text")
                    yield Static("", id="question-help")
                yield OptionList(id="levels")
                yield Static("", id="importance")
                with Horizontal(id="note-row"):
                    yield Label(t(self.language, "note"), id="note-label")
                    yield Input(id="note", compact=True,
                                placeholder=t(self.language, "note_placeholder"))
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.show_help is None:
            self.show_help = self.app.size.height >= SHOW_HELP_FROM_HEIGHT
        self._build_sidebar()
        self._show()
        if not self.session.respondents:
            self.notify(t(self.language, "no_respondents"))
            self.action_add_respondent()

    # ------------------------------------------------------------------ rendering

    @property
    def question(self) -> Question:
        return self.session.questions[self.index]

    def _respondent_options(self) -> list[tuple[str, int]]:
        return [(self.session.label(i), i) for i in range(len(self.session.respondents))]

    def _stage_label(self, stage: str) -> str:
        return STAGE_LABELS[stage].get(self.language, STAGE_LABELS[stage]["en"])

    def _sidebar_prompt(self, number: int, question: Question) -> Content:
        answer = self.session.answer(question.id)
        if answer is not None and answer.not_applicable:
            mark = ("–", "$text-muted")
        elif is_done(answer):
            mark = ("✓", "bold $success")
        else:
            mark = ("·", "$text-muted")
        width = self._sidebar_text_width - len(str(number)) - 2
        text = fit(question.text.get(self.language), width)
        return Content.assemble(mark, " ", (f"{number}. ", "$text-muted"), text)

    def _stage_prompt(self, stage: str) -> Content:
        questions = self.session.questionnaire.questions_in_stage(stage)
        done = sum(is_done(self.session.answer(q.id)) for q in questions)
        return Content.assemble((self._stage_label(stage).upper(), "bold $accent"),
                                (f"  {done}/{len(questions)}", "$text-muted"))

    @property
    def _sidebar_text_width(self) -> int:
        """Cells for a question's line in the sidebar (its border and scroll bar off)."""
        width = min(SIDEBAR_MAX, max(SIDEBAR_MIN, int(self.app.size.width * SIDEBAR_SHARE)))
        return width - 4

    def on_resize(self) -> None:
        if self._sidebar_built_for != self._sidebar_text_width:
            self._build_sidebar()
            self._show_sidebar_highlight()

    def _show_sidebar_highlight(self) -> None:
        sidebar = self.query_one("#sidebar", OptionList)
        with sidebar.prevent(OptionList.OptionHighlighted):
            sidebar.highlighted = sidebar.get_option_index(self.question.id)

    def _build_sidebar(self) -> None:
        self._sidebar_built_for = self._sidebar_text_width
        sidebar = self.query_one("#sidebar", OptionList)
        options: list[Option] = []
        number = 0
        for stage in STAGES:
            questions = self.session.questionnaire.questions_in_stage(stage)
            if not questions:
                continue
            options.append(Option(self._stage_prompt(stage), id=f"stage:{stage}", disabled=True))
            for q in self.session.questions:
                if q.stage == stage:
                    number = self.session.questions.index(q) + 1
                    options.append(Option(self._sidebar_prompt(number, q), id=q.id))
        with sidebar.prevent(OptionList.OptionHighlighted):
            sidebar.set_options(options)

    def _refresh_marks(self, question: Question) -> None:
        sidebar = self.query_one("#sidebar", OptionList)
        number = self.session.questions.index(question) + 1
        sidebar.replace_option_prompt(question.id, self._sidebar_prompt(number, question))
        sidebar.replace_option_prompt(f"stage:{question.stage}",
                                      self._stage_prompt(question.stage))

    def _show_progress(self) -> None:
        done, total = self.session.progress()
        label = t(self.language, "progress", answered=done, total=total)
        self.query_one("#progress-label", Label).update(label)
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _show_levels(self) -> None:
        q = self.question
        answer = self.session.answer(q.id)
        chosen = "na" if answer is not None and answer.not_applicable else (
            str(answer.level) if answer is not None and answer.level is not None else None)
        options = [Option(_level_prompt(chosen == str(i), str(i), level.get(self.language)),
                          id=str(i)) for i, level in enumerate(q.levels)]
        options.append(Option(_level_prompt(chosen == "na", "n", t(self.language, "na"),
                                            italic=True), id="na"))
        levels = self.query_one("#levels", OptionList)
        highlighted = levels.highlighted if self._levels_qid == q.id else None
        self._levels_qid = q.id
        levels.set_options(options)
        if chosen is not None:
            levels.highlighted = 5 if chosen == "na" else int(chosen)
        else:
            levels.highlighted = highlighted if highlighted is not None else 0

    def _show_importance(self) -> None:
        q = self.question
        widget = self.query_one("#importance", Static)
        widget.display = q.asks_importance
        if not q.asks_importance:
            return
        answer = self.session.answer(q.id)
        current = answer.importance if answer else None
        parts = [Content.styled(t(self.language, "importance") + ": ", "bold")]
        for i in range(MIN_IMPORTANCE, MAX_IMPORTANCE + 1):
            style = "bold $text on $accent" if current == i else "$text-muted"
            parts.append(Content.from_markup(f"[@click=screen.set_importance({i})] {i} [/]")
                         .stylize(style))
            parts.append(Content(" "))
        parts.append(Content.styled(t(self.language, "importance_hint"), "$text-muted"))
        widget.update(Content.assemble(*parts))

    def _show_stage_line(self) -> None:
        q = self.question
        lang = self.language
        toggle = t(lang, "help_hide" if self.show_help else "help_show")
        self.query_one("#stage-line", Static).update(Content.assemble(
            (self._stage_label(q.stage).upper(), "bold $accent"), "  ",
            (t(lang, "question_of", n=self.index + 1, total=len(self.session.questions)),
             "$text-muted"), "   ",
            Content.from_markup("[@click=screen.toggle_help]$toggle[/]", toggle=toggle)
            .stylize("$primary")))
        self.query_one("#question-help", Static).display = self.show_help

    def action_toggle_help(self) -> None:
        self.show_help = not self.show_help
        self._show_stage_line()

    def _show(self) -> None:
        """Show the current question (after saving a note typed on the previous one)."""
        self._flush_note()
        q = self.question
        lang = self.language
        dimensions = self.session.questionnaire.dimensions
        dims = ", ".join(dimensions[key].label.get(lang) for key in q.dimensions
                         if key in dimensions)
        self.query_one("#question-text", Static).update(Content.styled(q.text.get(lang), "bold"))
        help_text = Content.styled(dims, "$accent")
        if q.help is not None:
            help_text = Content.assemble(help_text, "\n",
                                         Content.styled(q.help.get(lang), "italic"))
        self.query_one("#question-help", Static).update(help_text)
        self._show_stage_line()
        self._show_levels()
        self._show_importance()
        note = self.query_one("#note", Input)
        answer = self.session.answer(q.id)
        with note.prevent(Input.Changed):
            note.value = answer.note if answer else ""
        self.note_qid = q.id
        self._show_sidebar_highlight()
        self._show_progress()
        self.query_one("#question-head", VerticalScroll).scroll_home(animate=False)

    # ------------------------------------------------------------------ saving

    def _guard(self, change: Callable[[], object]) -> bool:
        """Run a session change; a failed save is reported and leaves the screen as is."""
        try:
            change()
        except Exception as exc:
            self.notify(t(self.language, "save_failed", error=describe_error(exc)),
                        severity="error", timeout=15, markup=False)
            return False
        return True

    def _flush_note(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        if self.note_qid is None or self.session.current is None:
            return
        try:
            value = self.query_one("#note", Input).value
        except Exception:
            return
        qid = self.note_qid
        answer = self.session.answer(qid)
        if value != (answer.note if answer else ""):
            if self._guard(lambda: self.session.set_note(qid, value)):
                question = self.session.questionnaire.question(qid)
                self._refresh_marks(question)

    def flush(self) -> None:
        """Save anything still pending (a note being typed)."""
        self._flush_note()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "note":
            return
        event.stop()
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(NOTE_DEBOUNCE, self._flush_note)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        if event.input.id == "note":
            self._flush_note()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "note":
            event.stop()
            self._flush_note()
            self.query_one("#levels", OptionList).focus()

    def on_unmount(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()

    # ------------------------------------------------------------------ answering

    def _need_respondent(self) -> bool:
        if self.session.current is None:
            self.action_add_respondent()
            return True
        return False

    def _after_answer(self) -> None:
        q = self.question
        self._refresh_marks(q)
        self._show_progress()
        if self.index + 1 < len(self.session.questions):
            self.go(self.index + 1)
            return
        following = self.session.next_open(self.index)
        if following is None:
            self._show_levels()
            self.notify(t(self.language, "all_answered", who=self.session.label()), markup=False)
        else:
            self.go(following)

    def action_answer(self, level: int) -> None:
        if self._need_respondent():
            return
        self._flush_note()
        qid = self.question.id
        if self._guard(lambda: self.session.set_level(qid, level)):
            self._after_answer()

    def action_not_applicable(self) -> None:
        if self._need_respondent():
            return
        self._flush_note()
        qid = self.question.id
        if self._guard(lambda: self.session.set_not_applicable(qid)):
            self._after_answer()

    def action_clear(self) -> None:
        if self._need_respondent():
            return
        qid = self.question.id
        if self._guard(lambda: self.session.clear_level(qid)):
            self._refresh_marks(self.question)
            self._show_levels()
            self._show_progress()

    def action_set_importance(self, value: int | None) -> None:
        q = self.question
        if not q.asks_importance or self._need_respondent():
            self.app.bell()
            return
        answer = self.session.answer(q.id)
        if answer is not None and answer.importance == value:
            value = None  # clicking the chosen one again clears it
        if self._guard(lambda: self.session.set_importance(q.id, value)):
            self._show_importance()
            self._refresh_marks(q)

    def action_importance(self, delta: int) -> None:
        q = self.question
        if not q.asks_importance or self._need_respondent():
            self.app.bell()
            return
        answer = self.session.answer(q.id)
        current = answer.importance if answer else None
        if current is None:
            value = MIN_IMPORTANCE if delta > 0 else None
        else:
            value = current + delta
            if value < MIN_IMPORTANCE:
                value = None
            value = min(value, MAX_IMPORTANCE) if value is not None else None
        if value == current:
            return
        if self._guard(lambda: self.session.set_importance(q.id, value)):
            self._show_importance()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "levels":
            if event.option_id == "na":
                self.action_not_applicable()
            elif event.option_id is not None:
                self.action_answer(int(event.option_id))
        elif event.option_list.id == "sidebar":
            ids = self.session.questionnaire.question_ids
            if event.option_id in ids:
                self.go(ids.index(event.option_id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_list.id == "sidebar" and event.option_id != self.question.id \
                and event.option_id in self.session.questionnaire.question_ids:
            self.go(self.session.questionnaire.question_ids.index(event.option_id))

    # ------------------------------------------------------------------ navigation

    def go(self, index: int) -> None:
        if not 0 <= index < len(self.session.questions):
            return
        self._flush_note()
        self.index = index
        self._show()

    def _typing(self) -> bool:
        """True while a text field (or an open drop-down) has the keyboard."""
        focused = self.focused
        if focused is None:
            return False
        return isinstance(focused, Input) or any(
            isinstance(node, Select) for node in focused.ancestors_with_self)

    def action_prev_question(self) -> None:
        if self._typing():
            raise SkipAction()
        if self.index == 0:
            self.app.bell()
        else:
            self.go(self.index - 1)

    def action_next_question(self) -> None:
        if self._typing():
            raise SkipAction()
        if self.index + 1 >= len(self.session.questions):
            self.app.bell()
        else:
            self.go(self.index + 1)

    # ------------------------------------------------------------------ respondents

    def switch_respondent(self, index: int) -> None:
        if not 0 <= index < len(self.session.respondents) or index == self.session.respondent:
            return
        self._flush_note()
        self.session.respondent = index
        select = self.query_one("#respondent", Select)
        if select.value != index:
            with select.prevent(Select.Changed):
                select.value = index
        self._build_sidebar()
        self.index = self.session.first_open()
        self.note_qid = None
        self._show()

    def action_next_respondent(self) -> None:
        count = len(self.session.respondents)
        if count < 2:
            self.app.bell()
            return
        self.switch_respondent((self.session.respondent + 1) % count)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "respondent" and isinstance(event.value, int):
            event.stop()
            self.switch_respondent(event.value)
            self.query_one("#levels", OptionList).focus()

    def action_add_respondent(self) -> None:
        from .dialogs import AddRespondentDialog

        def added(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            self._flush_note()
            index: list[int] = []
            if self._guard(lambda: index.append(self.session.add_respondent(*result))):
                select = self.query_one("#respondent", Select)
                with select.prevent(Select.Changed):
                    select.set_options(self._respondent_options())
                self.session.respondent = -1  # force the switch to redraw
                self.switch_respondent(index[0])

        self.app.push_screen(AddRespondentDialog(self.language), added)

    # ------------------------------------------------------------------ app actions

    def action_save(self) -> None:
        self._flush_note()
        if self._guard(self.session.save):
            self.notify(t(self.language, "saved", path=self.session.path.name), markup=False)

    def action_results(self) -> None:
        self._flush_note()
        self.app.show_results(self.session)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        self._flush_note()
        self.app.export(self.session)  # type: ignore[attr-defined]
