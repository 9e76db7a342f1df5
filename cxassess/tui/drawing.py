"""Styled text drawn straight to strips (Textual's line API), for the question view.

Textual's ``Visual.to_strips`` also prepares text selection and alignment, and resolves
each run's style again on every call; the question's lines are drawn on every key press,
so here a line that fits is one strip of its runs, each style resolved once a draw, and a
longer line is wrapped as Textual wraps it (``Content.wrap``). Clickable runs
(``@click``) get the widget's link style, as Textual gives them."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip
from textual.style import Style


def content_strips(content: Content, width: int, style: Style,
                   link_style: RichStyle) -> list[Strip]:
    """``content`` (lines split at newlines, each wrapped to ``width``) drawn over
    ``style`` (the widget's visual style), every strip padded to ``width``."""
    pad = (style + Style(reverse=False)).rich_style  # as Textual pads
    looked_up: dict[Style, RichStyle] = {}

    def strip(line: Content) -> Strip:
        segments = []
        for text, run_style in line.render(end=""):
            rich = looked_up.get(run_style)
            if rich is None:
                rich = (style + run_style).rich_style
                if "@click" in rich.meta:
                    rich += link_style
                looked_up[run_style] = rich
            segments.append(Segment(text, rich))
        return Strip(segments, line.cell_length).extend_cell_length(width, pad)

    rows: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        if "\t" in line.plain:
            line = line.expand_tabs()
        rows += [line] if line.cell_length <= width else line.wrap(width)
    return [strip(row) for row in rows]
