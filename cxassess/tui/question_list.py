"""The list of questions beside the question (by stage, each with its mark), drawn line
by line (Textual's line API) so that an answer redraws the one question and its stage's
count, not the whole list.

It looks and behaves like Textual's OptionList, which it replaces here: one line per
item; stage headings are not selectable; the keyboard moves the highlight (up, down,
home, end, page up/down are the screen's) and each move is announced
(:class:`QuestionList.Highlighted`), as is Enter or a click
(:class:`QuestionList.Selected`)."""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual

from .pick_list import PickList

HEADING = "stage:"  # the id prefix of a stage heading (not selectable)


class Item(NamedTuple):
    id: str
    prompt: Content

    @property
    def disabled(self) -> bool:
        return self.id.startswith(HEADING)


class QuestionList(PickList):
    DEFAULT_CSS = """
    QuestionList {
        background: $surface;
    }
    """

    highlighted: reactive[int | None] = reactive(None, init=False, repaint=False)

    class Highlighted(Message):
        def __init__(self, question_list: QuestionList, item: Item) -> None:
            super().__init__()
            self.question_list = question_list
            self.item = item

        @property
        def control(self) -> QuestionList:
            return self.question_list

    class Selected(Highlighted):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Item] = []
        self._index: dict[str, int] = {}
        self._strips: dict[tuple[int, str], Strip] = {}  # (item, look) -> its line
        self._strips_style: object = None  # the widget's style they were drawn in

    # ------------------------------------------------------------------ content

    def set_items(self, items: list[Item]) -> None:
        self.items = list(items)
        self._index = {item.id: i for i, item in enumerate(self.items)}
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self.items))
        self.refresh()

    def replace(self, item_id: str, prompt: Content) -> None:
        """Give one item a new prompt and redraw its line only."""
        index = self._index[item_id]
        self.items[index] = Item(item_id, prompt)
        for look in ("", "highlighted", "disabled", "hover"):
            self._strips.pop((index, look), None)
        self.refresh_line(index)

    def get_option_index(self, item_id: str) -> int:
        return self._index[item_id]

    @property
    def highlighted_option(self) -> Item | None:
        return None if self.highlighted is None else self.items[self.highlighted]

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self.items))
        self._scroll_to_highlight()

    def _scroll_to_highlight(self) -> None:
        """The highlighted item in view, once the list has its size (a list mounted and
        filled in one go has none yet)."""
        if self.highlighted is not None and self.size.height \
                and self.virtual_size.height > self.size.height:
            self.scroll_to_region(Region(0, self.highlighted, 1, 1), animate=False,
                                  force=True, immediate=True)

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if self.get_visual_style() != self._strips_style:  # focus, theme
            self._strips.clear()
            self._strips_style = self.get_visual_style()
        if not 0 <= index < len(self.items):
            return Strip.blank(width, self.get_visual_style().rich_style)
        item = self.items[index]
        look = ("disabled" if item.disabled else "highlighted" if index == self.highlighted
                else "hover" if index == self._hover else "")
        strip = self._strips.get((index, look))
        if strip is None or strip.cell_length != width:
            style = self.get_visual_style(*((f"pick-list--{look}",) if look else ()))
            strip = Visual.to_strips(self, item.prompt, width, 1, style, pad=True)[0]
            strip = strip.extend_cell_length(width, style.rich_style).crop(0, width)
            self._strips[index, look] = strip
        return strip

    def item_lines(self, index: int) -> tuple[int, int]:
        return index, 1

    def item_at_line(self, line: int) -> int | None:
        return line if 0 <= line < len(self.items) else None

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self.refresh_item(old)
        self.refresh_item(new)
        if new is None:
            return
        self._scroll_to_highlight()
        self.post_message(self.Highlighted(self, self.items[new]))

    # ------------------------------------------------------------------ keys and mouse

    def _move(self, index: int, step: int) -> None:
        """Highlight the first selectable item from ``index`` on, in steps of ``step``."""
        while 0 <= index < len(self.items):
            if not self.items[index].disabled:
                self.highlighted = index
                return
            index += step

    def action_move(self, step: int) -> None:
        start = self.highlighted if self.highlighted is not None else -step
        self._move(start + step, step)

    def action_move_to(self, index: int) -> None:
        if index >= 0:
            self._move(index, 1)
        else:
            self._move(len(self.items) - 1, -1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.items[self.highlighted]))

    def on_click(self, event: events.Click) -> None:
        index = self.item_under(event)
        if index is not None and not self.items[index].disabled:
            event.stop()
            self.highlighted = index
            self.post_message(self.Selected(self, self.items[index]))
