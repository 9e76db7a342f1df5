"""The questionnaire: one question at a time, whole, with whose answer it is.

At 80×24 the question, its five level anchors and n/a fit without scrolling: the anchors
are wrapped with a hanging indent, the list of questions folds away below
``WIDE`` columns (key ``l`` brings it back) and the question's help text starts folded on
short terminals (key ``h``). Every change is saved at once through
:class:`cxassess.tui.session.Session`; a change that cannot be saved is not shown, and a
banner says so until a save succeeds."""

from __future__ import annotations

import functools
from collections.abc import Callable

from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.timer import Timer
from textual.widgets import Input

from ... import frozen
from ...models import MAX_IMPORTANCE, MIN_IMPORTANCE, STAGE_LABELS, STAGES, Question
from ..i18n import t
from ..loading_errors import describe_error
from ..question_list import HEADING, Item, QuestionList
from ..question_view import Choice, QuestionView
from ..respondent_bar import RespondentBar
from ..session import Session, is_done
from ..widgets import ERROR_SECONDS, Banner, KeyFooter, OneLine, SplitLine, fit, in_language

SIDEBAR_MIN, SIDEBAR_MAX, SIDEBAR_SHARE = 30, 56, 0.3  # keep in step with app.tcss
WIDE = 110  # columns from which the list of questions shows beside the question
NOTE_DEBOUNCE = 0.15  # seconds: well under the time it takes to reach for kill
ALL_ANSWERED_SECONDS = 12  # a message to read, not a flash
SHOW_HELP_FROM_HEIGHT = 40  # rows; below this the help text starts folded (key h)
IMPORTANCE = Binding.Group("k_importance", compact=True)
CHANGES = {"answer", "not_applicable", "importance", "clear", "add_respondent"}  # not read-only


@functools.cache
def help_toggle(language: str, shown: bool) -> Content:
    """"▸ Help (h)" (or "▾ …" while shown), clickable; made once per language and state."""
    toggle = t(language, "help_hide" if shown else "help_show")
    return Content.from_markup("[@click=screen.toggle_help]$toggle[/]",
                               toggle=toggle).stylize("$primary")


class QuestionScreen(Screen[None]):
    AUTO_FOCUS = "#question"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    BINDINGS = [
        Binding("0", "answer(0)", "Answer", key_display="0-4", id="k_answer"),
        Binding("1", "answer(1)", "Answer", show=False),
        Binding("2", "answer(2)", "Answer", show=False),
        Binding("3", "answer(3)", "Answer", show=False),
        Binding("4", "answer(4)", "Answer", show=False),
        Binding("n", "not_applicable", "n/a", id="k_na"),
        Binding("plus", "importance(1)", "Importance +", key_display="+",
                id="k_imp_up", group=IMPORTANCE),
        Binding("minus", "importance(-1)", "Importance −", key_display="−",
                id="k_imp_down", group=IMPORTANCE),
        # priority: scrolling containers and lists would take these keys otherwise; the
        # actions step aside (SkipAction) while a text field has focus.
        Binding("left", "prev_question", "Prev", id="k_prev", show=False, priority=True),
        Binding("right", "next_question", "Next", id="k_next", show=False, priority=True),
        Binding("pageup", "prev_question", "Prev", show=False, id="k_prev", priority=True),
        Binding("pagedown", "next_question", "Next", show=False, id="k_next", priority=True),
        Binding("delete,backspace", "clear", "Clear", show=False, id="k_clear"),
        Binding("h", "toggle_help", "Help text", show=False, id="k_help_text"),
        Binding("l", "toggle_list", "List", show=False, id="k_list"),
        Binding("r", "next_respondent", "Next resp.", id="k_respondent_next"),
        Binding("a", "add_respondent", "Add resp.", show=False, id="k_add_respondent"),
        Binding("f5", "reload", "Reload", id="k_reload"),
        Binding("ctrl+s", "save", "Save", show=False, id="k_save", priority=True),
        Binding("ctrl+r", "results", "Results", id="k_results", priority=True),
        Binding("ctrl+e", "export", "Export", id="k_export", priority=True),
        Binding("escape", "leave_note", "Back to the question", id="k_leave_note"),
        Binding("question_mark,f1", "app.help", "Help", id="k_help", key_display="?"),
        Binding("ctrl+q", "app.quit", "Quit", show=False, id="k_quit", priority=True),
    ]

    def __init__(self, session: Session, index: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.language = session.language
        self.index = session.first_open() if index is None else index
        self.note_qid: str | None = None
        self._note_timer: Timer | None = None
        self._question_qid: str | None = None
        self.show_help: bool | None = None
        self._sidebar_built_for = 0
        self._sidebar_stale = True
        self._footer_state: tuple = ()
        self.sidebar: QuestionList | None = None  # mounted when the list first shows
        self._held = False  # its objects frozen out of the collector's way (_settle)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # the width's breakpoint class from the start: Textual sets it on the first
        # resize, which would style every widget of the screen a second time
        self.set_class(self.app.size.width < WIDE, "-narrow", update=False)
        self.set_class(self.app.size.width >= WIDE, "-wide", update=False)
        s = self.session
        # the widgets a key press changes, kept at hand (a query walks the screen)
        self.banner = Banner(s.language, id="banner")
        self.topbar = SplitLine(Content.assemble((s.assessment.organisation.name, "bold"),
                                                 "  ", (s.path.name, "$text-muted")),
                                id="topbar")
        self.respondent_bar = RespondentBar(
            self._respondent_options(), s.respondent if s.respondents else None,
            prompt=t(self.language, "respondent"),
            add_label=t(self.language, "add_respondent_option") if s.writable else None,
            id="respondent")
        self.view = QuestionView(id="question")
        self.importance_row = ImportanceRow(t(self.language, "importance"),
                                            t(self.language, "note"))
        # a note is added to, never replaced by the first key typed (Textual's Input
        # selects its text when it gets the focus)
        self.note = Input(id="note", compact=True, select_on_focus=False,
                          placeholder=t(self.language, "note_placeholder"))
        # the screen is the grid (no container: a widget costs on every key press); the
        # bars above and below and the list of questions at the left are split off its
        # edges in this order (the footer before the list, so it runs the full width)
        yield self.topbar
        yield KeyFooter()
        if self._list_shown():
            self.sidebar = QuestionList(id="sidebar")
            yield self.sidebar
        yield self.respondent_bar
        yield self.view
        yield self.importance_row  # these two share the last row of the grid
        yield self.note

    def on_mount(self) -> None:
        if self.show_help is None:
            self.show_help = self.app.size.height >= SHOW_HELP_FROM_HEIGHT
        self._show_banner()
        self._show()
        self.call_after_refresh(self._settle)
        if not self.session.respondents and self.session.writable:
            self.notify(t(self.language, "no_respondents"))
            self.action_add_respondent()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do nothing here are left out of the footer."""
        if action in CHANGES and not self.session.writable:
            return False
        if action == "leave_note":  # shown while typing a note (other keys type into it)
            return self._typing()
        if action == "importance":  # shown on every question (the footer stays put),
            if self._typing():  # but not while + and − type into the note
                return False
            return True if self.question.asks_importance else None  # dimmed where not asked
        if action == "next_respondent":
            return len(self.session.respondents) > 1
        if action == "reload":  # changed on disk, or held by another app that may be gone
            return self.session.problem in ("changed", "locked")
        return True

    # ------------------------------------------------------------------ rendering

    @property
    def question(self) -> Question:
        return self.session.questions[self.index]

    def _respondent_options(self) -> list[str]:
        return [f"{r.name} — {r.department}" if r.department else r.name
                for r in self.session.respondents]

    def _stage_label(self, stage: str) -> str:
        return STAGE_LABELS[stage].get(self.language, STAGE_LABELS[stage]["en"])

    # -- the list of questions (the sidebar)

    @property
    def _sidebar_width(self) -> int:
        return min(SIDEBAR_MAX, max(SIDEBAR_MIN, int(self.app.size.width * SIDEBAR_SHARE)))

    def _list_shown(self) -> bool:
        return self.app.size.width >= WIDE or self.has_class("-show-list")

    def _sidebar_prompt(self, number: int, question: Question) -> Content:
        answer = self.session.answer(question.id)
        if answer is not None and answer.not_applicable:
            mark = ("–", "$text-muted")
        elif is_done(answer):
            mark = ("✓", "bold $success")
        else:
            mark = ("·", "$text-muted")
        width = self._sidebar_width - 4 - len(str(number)) - 2
        text = fit(question.text.get(self.language), width)
        return Content.assemble(mark, " ", (f"{number}. ", "$text-muted"), text)

    def _stage_prompt(self, stage: str) -> Content:
        questions = self.session.questionnaire.questions_in_stage(stage)
        done = sum(is_done(self.session.answer(q.id)) for q in questions)
        return Content.assemble((self._stage_label(stage).upper(), "bold $accent"),
                                (f"  {done}/{len(questions)}", "$text-muted"))

    def _build_sidebar(self) -> None:
        """Fill the list of questions; while it is folded away (or not there yet) it is
        only marked stale and built when it shows."""
        sidebar = self.sidebar
        if sidebar is None or not self._list_shown():
            self._sidebar_stale = True
            return
        self._sidebar_stale = False
        self._sidebar_built_for = self._sidebar_width
        items: list[Item] = []
        numbers = {q.id: i + 1 for i, q in enumerate(self.session.questions)}
        for stage in STAGES:
            questions = self.session.questionnaire.questions_in_stage(stage)
            if not questions:
                continue
            items.append(Item(HEADING + stage, self._stage_prompt(stage)))
            items += [Item(q.id, self._sidebar_prompt(numbers[q.id], q)) for q in questions]
        sidebar.set_items(items)
        self._show_sidebar_highlight()

    def _show_sidebar_highlight(self) -> None:
        sidebar = self.sidebar
        if self._sidebar_stale or sidebar is None:
            return
        with sidebar.prevent(QuestionList.Highlighted):
            sidebar.highlighted = sidebar.get_option_index(self.question.id)

    def _refresh_marks(self, question: Question) -> None:
        """Redraw the one question (and its stage's count) in the list."""
        sidebar = self.sidebar
        if self._sidebar_stale or sidebar is None or not self._list_shown():
            self._sidebar_stale = True
            return
        number = self.session.questions.index(question) + 1
        sidebar.replace(question.id, self._sidebar_prompt(number, question))
        sidebar.replace(HEADING + question.stage, self._stage_prompt(question.stage))

    async def _show_list(self) -> None:
        """When the list of questions shows: mounted the first time (a widget costs on
        every key press even while hidden), and filled when stale."""
        if not self._list_shown():
            return
        if self.sidebar is None:
            self.sidebar = QuestionList(id="sidebar")
            await self.mount(self.sidebar, before=self.respondent_bar)
        if self._sidebar_stale or self._sidebar_built_for != self._sidebar_width:
            self._build_sidebar()

    async def on_resize(self) -> None:
        await self._show_list()

    async def action_toggle_list(self) -> None:
        self.toggle_class("-show-list")
        await self._show_list()

    # -- progress, whose answers, the question

    def _show_progress(self) -> None:
        """Whose answers these are ("1 of 2") and how many of the questions they answered,
        on one label beside the respondent; and the count over all respondents."""
        s = self.session
        done, total = s.progress()
        count = len(s.respondents)
        who = t(self.language, "who_count", n=s.respondent + 1, total=count) + "  " \
            if count else ""
        self.respondent_bar.set(right=Content.styled(
            who + t(self.language, "progress", answered=done, total=total), "$text-muted"))
        all_done, all_total = s.progress_all()
        self.topbar.set(right=Content.styled(
            t(self.language, "progress_all", answered=all_done, total=all_total),
            "$text-muted"))

    def _show_question(self) -> None:
        """The question, its help text (unless folded) and its choices."""
        q = self.question
        lang = self.language
        answer = self.session.answer(q.id)
        na = len(q.levels)
        chosen = na if answer is not None and answer.not_applicable else (
            answer.level if answer is not None else None)
        choices = [Choice(str(i), level.get(lang)) for i, level in enumerate(q.levels)]
        choices.append(Choice("n", t(lang, "na"), italic=True))
        view = self.view
        highlighted = view.highlighted if self._question_qid == q.id else 0
        self._question_qid = q.id
        view.show(self._question_text(), choices, chosen,
                  highlighted if chosen is None else chosen, toggle=self._help_toggle())

    def _show_importance(self) -> None:
        """The importance row, on every question (so the row keeps its place and size):
        dimmed, and not clickable, where the question does not ask for importance; the
        note field's label ends the same line (one widget, redrawn only when it changes)."""
        q = self.question
        answer = self.session.answer(q.id)
        current = answer.importance if answer and q.asks_importance else None
        self.importance_row.show(q.asks_importance, current)

    def _question_text(self) -> Content:
        """The stage line (stage, "question n of N", dimensions; the view adds the help
        toggle), the question in bold and, unless folded, its help text."""
        q = self.question
        lang = self.language
        dims = ", ".join(self.session.questionnaire.dimension_label(key, lang)
                         for key in q.dimensions)  # the questionnaire declares each one
        parts = [(self._stage_label(q.stage).upper(), "bold $accent"), "  ",
                 (t(lang, "question_of", n=self.index + 1, total=len(self.session.questions)),
                  "$text-muted"), "  ", (dims, "$accent")]
        parts += ["\n", (q.text.get(lang), "bold")]
        if self.show_help and q.help is not None:
            parts += ["\n\n", (q.help.get(lang), "italic $text-muted")]
        return Content.assemble(*parts)

    def _help_toggle(self) -> Content | None:
        """"▸ Help (h)", clickable, for a question with a help text."""
        if self.question.help is None:
            return None
        return help_toggle(self.language, bool(self.show_help))

    def action_toggle_help(self) -> None:
        self.show_help = not self.show_help
        self._show_question()

    def _show(self) -> None:
        """Show the current question (after saving a note typed on the previous one)."""
        self._flush_note()
        q = self.question
        self._show_question()
        self._show_importance()
        note = self.note
        answer = self.session.answer(q.id)
        with note.prevent(Input.Changed):
            note.value = answer.note if answer else ""
        self.note_qid = q.id
        self._show_sidebar_highlight()
        self._show_progress()
        self._refresh_footer()

    def _refresh_footer(self) -> None:
        """Redraw the footer when what it shows changes (see check_action)."""
        state = (self.question.asks_importance, len(self.session.respondents) > 1,
                 self.session.problem)
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    # ------------------------------------------------------------------ saving

    def _show_banner(self) -> None:
        """The banner shows while the file is not written; it is mounted the first time it
        is needed (a hidden widget costs on every key press)."""
        self.banner.show(self.session)
        if self.banner.display and not self.banner.is_attached:
            self.mount(self.banner, before=self.topbar)
        note = self.note
        if note.disabled == self.session.writable:  # nothing typed there could be kept
            note.disabled = not self.session.writable
        self._refresh_footer()

    def _guard(self, change: Callable[[], object]) -> bool:
        """Run a session change; a failed save is shown in the banner (until a save
        succeeds) and leaves the screen as it was."""
        if not self.session.writable:
            self.app.bell()
            self._show_banner()
            return False
        try:
            change()
        except Exception as exc:
            if self.session.problem is None:  # not the file: say what went wrong
                self.notify(t(self.language, "save_failed", error=describe_error(exc)),
                            severity="error", markup=False, timeout=ERROR_SECONDS)
            self._show_banner()
            return False
        if self.banner.shown_problem is not None:
            self._show_banner()
        return True

    def _flush_note(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        if self.note_qid is None or self.session.current is None:
            return
        value = self.note.value
        qid = self.note_qid
        answer = self.session.answer(qid)
        if value != (answer.note if answer else ""):
            if self._guard(lambda: self.session.set_note(qid, value)):
                self._refresh_marks(self.session.questionnaire.question(qid))

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
            self.action_leave_note()

    def action_leave_note(self) -> None:
        """Enter or Escape in the note: saved, and the keys answer again."""
        self._flush_note()
        self.view.focus()

    def _settle(self) -> None:
        """Once the first question is drawn: every respondent's block written in memory
        (the first answer then saves as quickly as the next ones), and what the file and
        the screen are made of frozen out of the garbage collector's way while the screen
        is up (its full passes over them took some 50 ms every hundred key presses); see
        :mod:`cxassess.frozen`."""
        if self._held or not self.is_attached:  # already, or the screen is gone
            return
        self.session.prepare_saving()
        frozen.hold()
        self._held = True

    def on_unmount(self) -> None:
        if self._held:  # what the screen held may be collected
            self._held = False
            frozen.release()
        if self._note_timer is not None:
            self._note_timer.stop()

    # ------------------------------------------------------------------ answering

    def _need_respondent(self) -> bool:
        if self.session.current is None:
            self.action_add_respondent()
            return True
        return False

    def _after_answer(self, was_open: bool) -> None:
        """On to the next question (from the last one, to the first still open); the
        answer that leaves none open, wherever it was, says so."""
        self._refresh_marks(self.question)
        following = self.session.next_open(self.index)
        if was_open and following is None:
            self._tell_all_answered()
        if self.index + 1 < len(self.session.questions):
            self.go(self.index + 1)
        elif following is None:
            self._show_question()
            self._show_progress()
        else:
            self.go(following)

    def _tell_all_answered(self) -> None:
        """Say the respondent is done, and who is not (a consultant goes on with them)."""
        s = self.session
        said = t(self.language, "all_answered", who=s.label())
        open_ = [i for i in range(len(s.respondents)) if s.progress(i)[0] < len(s.questions)]
        if open_:
            said += " " + t(self.language, "still_open" if len(open_) == 1 else "still_open_more",
                            who=s.label(open_[0]), n=len(open_) - 1)
        self.notify(said + " " + t(self.language, "see_results"), markup=False,
                    timeout=ALL_ANSWERED_SECONDS)

    def action_answer(self, level: int) -> None:
        if self._need_respondent():
            return
        self._flush_note()
        qid = self.question.id
        was_open = not is_done(self.session.answer(qid))
        if self._guard(lambda: self.session.set_level(qid, level)):
            self._after_answer(was_open)

    def action_not_applicable(self) -> None:
        if self._need_respondent():
            return
        self._flush_note()
        qid = self.question.id
        was_open = not is_done(self.session.answer(qid))
        if self._guard(lambda: self.session.set_not_applicable(qid)):
            self._after_answer(was_open)

    def action_clear(self) -> None:
        if self._need_respondent():
            return
        qid = self.question.id
        if self._guard(lambda: self.session.clear_level(qid)):
            self._refresh_marks(self.question)
            self._show_question()
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

    def on_question_view_selected(self, event: QuestionView.Selected) -> None:
        event.stop()
        if event.key == "n":
            self.action_not_applicable()
        else:
            self.action_answer(int(event.key))

    def on_question_list_selected(self, event: QuestionList.Selected) -> None:
        event.stop()
        self._go_to(event.item.id)

    def on_question_list_highlighted(self, event: QuestionList.Highlighted) -> None:
        event.stop()
        if event.item.id != self.question.id:
            self._go_to(event.item.id)

    def _go_to(self, question_id: str) -> None:
        ids = self.session.questionnaire.question_ids
        if question_id in ids:
            self.go(ids.index(question_id))

    # ------------------------------------------------------------------ navigation

    def go(self, index: int) -> None:
        if not 0 <= index < len(self.session.questions):
            return
        self._flush_note()
        self.index = index
        self._show()

    def _typing(self) -> bool:
        """True while a text field has the keyboard."""
        return isinstance(self.focused, Input)

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
        """Show another respondent's answers, and say so."""
        if not 0 <= index < len(self.session.respondents) or index == self.session.respondent:
            return
        self._flush_note()
        self.session.respondent = index
        bar = self.respondent_bar
        with bar.prevent(RespondentBar.Changed):
            bar.value = index
        self.index = self.session.first_open()
        self.note_qid = None
        self._build_sidebar()
        self._show()
        self.notify(t(self.language, "switched", who=self.session.label(), n=index + 1,
                      total=len(self.session.respondents)), markup=False)

    def action_next_respondent(self) -> None:
        count = len(self.session.respondents)
        if count < 2:
            self.app.bell()
            return
        self.switch_respondent((self.session.respondent + 1) % count)

    def on_respondent_bar_changed(self, event: RespondentBar.Changed) -> None:
        event.stop()
        self.switch_respondent(event.value)
        self.view.focus()

    def on_respondent_bar_add_requested(self, event: RespondentBar.AddRequested) -> None:
        event.stop()
        self.action_add_respondent()

    def action_add_respondent(self) -> None:
        from .dialogs import AddRespondentDialog

        if not self.session.writable:
            self.app.bell()
            return

        def added(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            self._flush_note()
            index: list[int] = []
            if self._guard(lambda: index.append(self.session.add_respondent(*result))):
                self.respondent_bar.set_options(
                    self._respondent_options())
                self.session.respondent = -1  # force the switch to redraw
                self.switch_respondent(index[0])

        self.app.push_screen(in_language(AddRespondentDialog, self.language)(self.language), added)

    # ------------------------------------------------------------------ app actions

    def action_save(self) -> None:
        self._flush_note()
        if self._guard(self.session.save):
            self.notify(t(self.language, "saved", path=self.session.path), markup=False)

    def action_reload(self) -> None:
        self.app.reopen(self.session)  # type: ignore[attr-defined]

    def action_results(self) -> None:
        self._flush_note()
        self.app.show_results(self.session)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        self._flush_note()
        self.app.export(self.session)  # type: ignore[attr-defined]


class ImportanceRow(OneLine):
    """"Importance  1  2  3  4  5   Note": the values as plain styled text (the chosen one
    marked), dimmed where the question does not ask for importance. Where asked, a click
    on a value sets it (the screen's ``set_importance``) and hovering gives it the hover
    background. Redrawn only when what it shows changes."""

    def __init__(self, label: str, note_label: str) -> None:
        super().__init__(id="importance")
        self.label = label + " "
        self.note_label = note_label
        self.asked = False
        self.current: int | None = None
        self._hover: int | None = None
        self._drawn: tuple | None = None
        self._links: tuple | None = None
        self._by_state: dict[tuple, Content] = {}  # its looks so far

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)

    def _theme_changed(self, _theme: object) -> None:
        self._drawn = None  # the link styles are the theme's
        self._by_state.clear()
        self._draw()

    def show(self, asked: bool, current: int | None) -> None:
        self.asked, self.current = asked, current
        self._draw()

    def _draw(self) -> None:
        state = (self.asked, self.current, self._hover if self.asked else None)
        if state == self._drawn:
            return
        self._drawn = state
        line = self._by_state.get(state)
        if line is None:
            line = self._by_state[state] = self._line()
        self.update(line)

    def _line(self) -> Content:
        """The row as it looks now (kept by state: each question asks for importance or
        not, and the row goes back and forth between a few looks)."""
        values = range(MIN_IMPORTANCE, MAX_IMPORTANCE + 1)
        if not self.asked:
            parts = [Content.styled(self.label + "".join(f" {i} " for i in values), "dim")]
        else:
            parts = [Content.styled(self.label, "bold")]
            link, hover = self._link_styles()
            for i in values:
                value = Content.styled(f" {i} ", hover if i == self._hover else link)
                parts.append(value.stylize("bold on $accent") if self.current == i else value)
        parts += ["  ", (self.note_label, "bold"), " "]
        return Content.assemble(*parts)

    def _link_styles(self) -> tuple[Style, Style]:
        """The values are clickable, so they look as links do (and under the mouse, as
        a link under the mouse); looked up once per theme."""
        if self._links is None or self._links[0] != self.app.theme:
            self._links = (self.app.theme, Style.from_rich_style(self.link_style),
                           Style.from_rich_style(self.link_style_hover))
        return self._links[1:]

    def value_at(self, x: int) -> int | None:
        """The value drawn at cell ``x`` (each takes three cells after the label)."""
        if x < len(self.label):
            return None
        value = MIN_IMPORTANCE + (x - len(self.label)) // 3
        return value if value <= MAX_IMPORTANCE else None

    def _value_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        return None if offset is None else self.value_at(offset.x)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = self._value_under(event)
        self._draw()

    def on_leave(self) -> None:
        self._hover = None
        self._draw()

    def on_click(self, event: events.Click) -> None:
        value = self._value_under(event)
        if self.asked and value is not None:
            event.stop()
            self.screen.action_set_importance(value)
