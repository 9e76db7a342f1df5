"""Whose answers are shown, and the choice of another: one line at the top of the question
screen (the respondent ``▾`` on the left, how far they are on the right) that opens a
list of the respondents below it, as a drop-down does.

One light widget where Textual's ``Select`` and a label took eight: the list is a small
screen of its own, built only while it is open. Enter, space or down (or a click) opens
it; up/down and Enter (or a click) choose, Escape (or a click outside) closes it. Its
last entry adds a respondent when the file can be written."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .widgets import SplitLine

ADD = "add"  # what the list returns for its "add a respondent" entry


class RespondentBar(SplitLine, can_focus=True):
    """The respondent shown (``value``, an index into ``options``, or None) and, on the
    right, whatever the screen puts there. Posts :class:`RespondentBar.Changed` when the
    value is changed (from the list or by setting ``value``) and
    :class:`RespondentBar.AddRequested` for the list's "add" entry."""

    DEFAULT_CSS = """
    RespondentBar {
        &:focus { background: $accent 35%; }
        &:hover { background: $block-hover-background; }
    }
    """
    BINDINGS = [
        Binding("enter,space,down", "open", "Choose", show=False),
    ]

    class Changed(Message):
        def __init__(self, bar: RespondentBar, value: int) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

        @property
        def control(self) -> RespondentBar:
            return self.bar

    class AddRequested(Message):
        pass

    def __init__(self, options: list[str], value: int | None, *, prompt: str,
                 add_label: str | None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = list(options)
        self._value = value
        self.prompt = prompt
        self.add_label = add_label  # the list's last entry (None: no adding)

    @property
    def value(self) -> int | None:
        return self._value

    @value.setter
    def value(self, value: int | None) -> None:
        if value != self._value:
            self._value = value
            self.refresh()
            if value is not None:
                self.post_message(self.Changed(self, value))

    def set_options(self, options: list[str]) -> None:
        self.options = list(options)
        self.refresh()

    def left_content(self) -> Content:
        if self._value is None or not 0 <= self._value < len(self.options):
            name = Content.styled(self.prompt, "$text-muted")
        else:
            name = Content(self.options[self._value])
        return Content.assemble(name, (" ▾", "$text-muted"))

    def action_open(self) -> None:
        region = self.content_region
        picker = RespondentPicker(self.options, self._value, self.add_label,
                                  x=region.x, y=region.y + 1)

        def chosen(result: int | str | None) -> None:
            self.focus()
            if result == ADD:
                self.post_message(self.AddRequested())
            elif isinstance(result, int):
                self.value = result

        self.app.push_screen(picker, chosen)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_open()


class RespondentPicker(ModalScreen[int | str | None]):
    """The list of respondents, below the bar that opened it (styled in app.tcss)."""

    BINDINGS = [Binding("escape", "dismiss", "Close", show=False)]

    def __init__(self, options: list[str], value: int | None, add_label: str | None, *,
                 x: int, y: int) -> None:
        super().__init__()
        self.options = options
        self.value = value
        self.add_label = add_label
        self.at = (x, y)

    def compose(self) -> ComposeResult:
        # Content, not a string: a string would be read as markup ("[/]" in a name)
        items: list[Option | None] = [Option(Content(label), id=str(i))
                                      for i, label in enumerate(self.options)]
        if self.add_label is not None:
            if items:
                items.append(None)  # a separator
            items.append(Option(Content.styled(self.add_label, "italic"), id=ADD))
        listing = OptionList(*items, id="respondent-list")
        listing.styles.offset = self.at
        if self.value is not None:
            listing.highlighted = self.value
        yield listing

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        self.dismiss(ADD if option_id == ADD else int(option_id))

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # outside the list
            self.dismiss(None)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
