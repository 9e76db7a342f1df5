"""Small widgets and helpers shared by the screens."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Label

from .i18n import t


def field_row(label: str, widget: Widget, *more: Widget) -> Horizontal:
    """A form row: a label, then the field (and any buttons beside it)."""
    return Horizontal(Label(label, classes="field-label"), widget, *more, classes="field")


def localise_bindings(node: DOMNode, language: str) -> None:
    """Give the bindings whose ``id`` is a label key their description in ``language``.

    Bindings are copied per instance by Textual, so this only affects ``node``."""
    bindings = node._bindings.key_to_bindings
    for key, items in list(bindings.items()):
        out = []
        for b in items:
            if b.id and b.id.startswith("k_"):
                b = replace(b, description=t(language, b.id))
            if b.group is not None and b.group.description.startswith("k_"):
                b = replace(b, group=Binding.Group(t(language, b.group.description),
                                                   compact=b.group.compact))
            out.append(b)
        bindings[key] = out


def bar(score: float | None, width: int = 20) -> Content:
    """A horizontal score bar 0..100 in the theme's colours."""
    if score is None:
        return Content.styled("·" * width, "$text-muted")
    filled = max(0, min(width, round(score / 100 * width)))
    return Content.assemble(
        ("█" * filled, "$primary"),
        ("░" * (width - filled), "$text-muted"),
    )


def fmt_score(score: float | None) -> str:
    return "  –" if score is None else f"{score:3.0f}"


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
