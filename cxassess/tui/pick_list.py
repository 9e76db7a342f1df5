"""What the question screen's two light lists share: lines drawn with Textual's line API,
items of one or more lines, a highlight (keyboard) and a hover (mouse) styled as
Textual's OptionList styles them, and each item's lines redrawn on their own."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.scroll_view import ScrollView


class PickList(ScrollView, can_focus=True):
    """Subclasses say where items are (:meth:`item_lines`, :meth:`item_at_line`) and
    what the keys do (``action_move``, ``action_move_to``, ``action_select``)."""

    DEFAULT_CSS = """
    PickList {
        height: 1fr;
        overflow-x: hidden;
        & > .pick-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .pick-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .pick-list--disabled {
            color: $text-disabled;
        }
        & > .pick-list--hover {
            background: $block-hover-background;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pick-list--highlighted", "pick-list--disabled", "pick-list--hover"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hover: int | None = None

    def item_lines(self, index: int) -> tuple[int, int]:
        """The first line of item ``index`` and how many lines it takes."""
        raise NotImplementedError

    def item_at_line(self, line: int) -> int | None:
        """The item on content line ``line``, if any."""
        raise NotImplementedError

    def _style(self, *component_classes: str) -> Style:
        return self.get_visual_style(*component_classes).rich_style

    def refresh_item(self, index: int | None) -> None:
        if index is not None:
            self.refresh_lines(*self.item_lines(index))

    def item_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        return None if offset is None else self.item_at_line(offset.y + self.scroll_offset.y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.item_under(event))

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            old, self._hover = self._hover, index
            self.refresh_item(old)
            self.refresh_item(index)
