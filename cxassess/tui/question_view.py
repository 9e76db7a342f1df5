"""A question (its stage line, text and help text) and its answer choices (five level
anchors and n/a), drawn as one light widget.

Drawn line by line (Textual's line API): the question as the screen styles it, wrapped
to the widget's width, then each choice in plain text: a mark (``●`` chosen, ``○``
not), its key and its text with a hanging indent, so the list reads as a list. The widget fills the room the screen gives it and keeps its size from one
question to the next, so showing the next question redraws these lines and nothing else
(no layout pass). The keyboard moves a highlight (up, down, home, end) and Enter takes
it; a click takes the choice under the mouse; the chosen one stays marked and bold
whatever is highlighted. What does not fit scrolls, the highlighted choice kept in view."""

from __future__ import annotations

import textwrap
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from .drawing import content_strips
from .pick_list import PickList

INDENT = 5  # "● 0  " before a choice's text; its wrapped lines are indented as far
MIN_TEXT = 10  # cells: narrower than this, text is wrapped at this width anyway
BOLD = Style(bold=True)
PINNED_ROOM = 8  # rows the question must leave for the rest to stay in view below it


def wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width)``. Words between single spaces with no hyphen (as
    anchor texts are) are filled here, the same way at a fraction of the cost; any other
    text is left to textwrap."""
    words = text.split(" ")
    if "-" in text or "  " in text or not text.isprintable() or text != text.strip() \
            or not text or max(map(len, words)) > width:
        return textwrap.wrap(text, width)
    lines: list[str] = []
    line: list[str] = []
    length = 0
    for word in words:
        if line and length + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, length = [], 0
        length += len(word) + (1 if line else 0)
        line.append(word)
    lines.append(" ".join(line))
    return lines


class Choice(NamedTuple):
    key: str  # the key that takes it ("0".."4", "n")
    text: str
    italic: bool = False


class _Line(NamedTuple):
    choice: int | None  # the choice the line belongs to; None for the question's lines
    text: str
    first: bool  # a choice's first line (with its mark and key)


class QuestionView(PickList):
    """Posts :class:`QuestionView.Selected` when a choice is taken."""

    class Selected(Message):
        """A choice was taken (Enter or a click)."""

        def __init__(self, view: QuestionView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index
            self.key = view.choices[index].key

        @property
        def control(self) -> QuestionView:
            return self.view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = Content()
        self.toggle: Content | None = None
        self.choices: list[Choice] = []
        self.chosen: int | None = None
        self.highlighted = 0
        self._wrapped_for = -1  # the width the lines were wrapped to
        self._lines: list[_Line] = []  # the choices' lines, below the question's
        self._question_lines: list[Strip] = []
        self._question_style: object = None  # the style they were drawn in
        self._first_line: list[int] = []  # each choice's first line
        self._pass: tuple | None = None  # what render_lines looked up for its lines
        self._pinned = 0  # rows at the top that show the question whatever the scroll

    # ------------------------------------------------------------------ content

    def show(self, question: Content, choices: list[Choice], chosen: int | None,
             highlighted: int, toggle: Content | None = None) -> None:
        """Show this question and its choices, ``chosen`` marked, ``highlighted``
        under the cursor. ``toggle`` ends the question's first line (the stage line) when
        it fits there, and starts the next line when it does not: it is never broken."""
        new_question = question.plain != self.question.plain
        before = self._drawn()
        self.question = question
        self.toggle = toggle
        self.choices = list(choices)
        self.chosen = chosen
        self.highlighted = max(0, min(highlighted, len(self.choices) - 1))
        self._wrap()
        self._refresh_changed(before, self._drawn())
        if new_question and self.scroll_offset.y:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_to_highlight()

    def _drawn(self) -> list[tuple]:
        """What each line of the content looks like, to compare before and after."""
        return [tuple(strip) for strip in self._question_lines] + [
            (self._line_text(line), line.choice == self.highlighted, line.choice == self.chosen,
             self.choices[line.choice].italic) for line in self._lines]

    def _refresh_changed(self, before: list[tuple], after: list[tuple]) -> None:
        """Redraw the lines that changed (the next question's blank lines at the bottom,
        or a line that reads the same, are left as they are)."""
        if self.scroll_offset.y:  # scrolled: rows and lines no longer match one to one
            self.refresh()
            return
        changed = [y for y in range(max(len(before), len(after)))
                   if y >= len(before) or y >= len(after) or before[y] != after[y]]
        start = None
        for y in [*changed, None]:
            if start is not None and (y is None or y != end + 1):
                self.refresh_lines(start, end - start + 1)
                start = None
            if y is not None and start is None:
                start = y
            end = y

    @property
    def plain(self) -> str:
        """The text shown (all of it, scrolled into view or not), a line each."""
        return "\n".join([strip.text.rstrip() for strip in self._question_lines]
                         + [self._line_text(line).rstrip() for line in self._lines])

    def line_of(self, index: int) -> int:
        """The line (from the top of the content) where choice ``index`` starts."""
        return len(self._question_lines) + self._first_line[index]

    def _wrap(self) -> None:
        """Break the question and the choices into lines for the width, with a blank
        line between them. The column of the scroll bar is kept free, so the text
        wraps the same whether or not it shows. Before the widget has a size (the
        screen being put together) this waits for it."""
        if not self.size.width:
            return
        width = self._wrapped_for = self.size.width
        text_width = max(MIN_TEXT, width - 1)
        self._render_question()
        lines: list[_Line] = []
        self._first_line = []
        for index, choice in enumerate(self.choices):
            self._first_line.append(len(lines))
            body = wrap(choice.text, max(MIN_TEXT, text_width - INDENT)) or [""]
            lines += [_Line(index, text, i == 0) for i, text in enumerate(body)]
        self._lines = lines
        self._fit_virtual_size()

    def _render_question(self) -> None:
        """The question's lines, in the widget's style as it is now, and a blank one."""
        style = self._question_style = self.get_visual_style()
        width = max(MIN_TEXT, self._wrapped_for - 1)
        question = self.question
        if self.toggle is not None:
            end = question.plain.find("\n") % (len(question.plain) + 1)  # the first line's
            fits = question[:end].cell_length + 2 + self.toggle.cell_length <= width
            question = Content.assemble(question[:end], "  " if fits else "\n", self.toggle,
                                        question[end:])
        self._question_lines = [*content_strips(question, width, style, self.link_style),
                                Strip.blank(width, style.rich_style)]

    def _fit_virtual_size(self) -> None:
        """Room for every line, and never less than the widget: a question that fits
        changes nothing the layout depends on."""
        height = len(self._question_lines) + len(self._lines)
        virtual = Size(self.size.width, max(height, self.size.height))
        if virtual != self.virtual_size:
            self.virtual_size = virtual
        # what does not fit scrolls below the question itself (the stage line and the
        # question, and the blank line after them), which stays in view while room is left
        head = next((y + 1 for y, strip in enumerate(self._question_lines)
                     if not strip.text.strip()), 0)
        self._pinned = head if height > self.size.height \
            and self.size.height - head >= PINNED_ROOM else 0

    def on_resize(self) -> None:
        if self.size.width != self._wrapped_for:
            self._wrap()
        else:
            self._fit_virtual_size()
        self._scroll_to_highlight()

    # ------------------------------------------------------------------ drawing

    def _line_text(self, line: _Line) -> str:
        if line.first:
            mark = "●" if line.choice == self.chosen else "○"
            return f"{mark} {self.choices[line.choice].key}  {line.text}"
        return " " * INDENT + line.text

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lines as :meth:`render_line` draws them, with what they share (the width, the
        styles) looked up once for all of them."""
        self._pass = self._lookup()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def _lookup(self) -> tuple:
        if self._question_lines and self.get_visual_style() != self._question_style:
            self._render_question()
        return (self.scrollable_content_region.width, self.scroll_offset.y, self._style(),
                self._style("pick-list--highlighted"), self._style("pick-list--hover"))

    def render_line(self, y: int) -> Strip:
        width, top, normal, highlighted, hover = self._pass or self._lookup()
        number = y if y < self._pinned else top + y
        if number < len(self._question_lines):
            return self._question_lines[number].crop_extend(0, width, normal)
        number -= len(self._question_lines)
        if number >= len(self._lines):
            return Strip.blank(width, normal)
        line = self._lines[number]
        index = line.choice
        if index == self.highlighted:
            style = highlighted
        elif index == self._hover:
            style = hover
        else:
            style = normal
        chosen = index == self.chosen
        text = self._line_text(line)
        head = len(text) - len(line.text)
        body = Style(bold=chosen or None, italic=self.choices[index].italic or None)
        segments = [Segment(text[:head], style + BOLD if chosen else style),
                    Segment(line.text, style + body)]
        return Strip(segments).adjust_cell_length(width, style)

    def item_lines(self, index: int) -> tuple[int, int]:
        start = self._first_line[index]
        end = self._first_line[index + 1] if index + 1 < len(self._first_line) \
            else len(self._lines)
        return len(self._question_lines) + start, end - start

    def item_at_line(self, line: int) -> int | None:
        number = line - len(self._question_lines)
        return self._lines[number].choice if 0 <= number < len(self._lines) else None

    def _scroll_to_highlight(self) -> None:
        if self.highlighted < len(self._first_line) \
                and self.virtual_size.height > self.size.height:
            start, count = self.item_lines(self.highlighted)
            if not self._pinned:
                self.scroll_to_region(Region(0, start, 1, count), animate=False, force=True,
                                      immediate=True)
                return
            top = self.scroll_offset.y  # rows below the pinned ones show line top + row
            if start < top + self._pinned:
                top = start - self._pinned
            elif start + count > top + self.size.height:
                top = start + count - self.size.height
            self.scroll_to(y=max(0, top), animate=False, immediate=True)

    def item_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._pinned:
            return None
        return self.item_at_line(offset.y + self.scroll_offset.y)

    # ------------------------------------------------------------------ keys and mouse

    def move_highlight(self, index: int) -> None:
        if not self.choices:
            return
        index = max(0, min(index, len(self.choices) - 1))
        if index != self.highlighted:
            old, self.highlighted = self.highlighted, index
            self.refresh_item(old)
            self.refresh_item(index)
            self._scroll_to_highlight()

    def action_move(self, delta: int) -> None:
        self.move_highlight(self.highlighted + delta)

    def action_move_to(self, index: int) -> None:
        self.move_highlight(index if index >= 0 else len(self.choices) + index)

    def action_select(self) -> None:
        if self.choices:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = self.item_under(event)
        if index is not None:
            event.stop()
            self.move_highlight(index)
            self.post_message(self.Selected(self, index))
