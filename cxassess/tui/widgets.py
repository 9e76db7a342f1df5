"""Small widgets and helpers shared by the screens."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TypeVar

from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Footer, Label, Static

from .i18n import t

N = TypeVar("N", bound=type[DOMNode])


def field_row(label: str, widget: Widget, *more: Widget) -> Horizontal:
    """A form row: a label, then the field (and any buttons beside it)."""
    return Horizontal(Label(label, classes="field-label"), widget, *more, classes="field")


def _localise(binding: Binding | tuple, language: str) -> Binding | tuple:
    if not isinstance(binding, Binding):
        return binding
    if binding.id and binding.id.startswith("k_"):
        binding = replace(binding, description=t(language, binding.id),
                          tooltip=t(language, binding.id + "_tip", default=""))
    if binding.group is not None and binding.group.description.startswith("k_"):
        binding = replace(binding, group=Binding.Group(t(language, binding.group.description),
                                                       compact=binding.group.compact))
    return binding


@functools.cache
def in_language(cls: N, language: str) -> N:
    """``cls`` with its key bindings described in ``language``.

    A binding whose ``id`` is a label key (``k_…``) gets that label as its description
    and the label ``k_…_tip`` as its tooltip (the longer text the help screen shows).
    Built as a subclass (with Textual's public ``inherit_bindings`` switch), so the
    footer, the help screen and the command palette all read the same bindings."""
    bindings = [_localise(b, language) for base in reversed(cls.__mro__)
                for b in base.__dict__.get("BINDINGS", [])]
    return type(cls)(cls.__name__, (cls,),
                     {"BINDINGS": bindings, "__module__": cls.__module__,
                      "__qualname__": cls.__qualname__},
                     inherit_bindings=False)


def bar(score: float | None, width: int = 20, mark: float | None = None) -> Content:
    """A horizontal score bar 0..100 in the theme's colours; ``mark`` (0..100), when
    given, is drawn as ``┃`` where the mastery bar lies."""
    if score is None:
        cells = [("·", "$text-muted")] * width
    else:
        filled = max(0, min(width, round(score / 100 * width)))
        cells = [("█", "$primary")] * filled + [("░", "$text-muted")] * (width - filled)
    if mark is not None:
        at = max(0, min(width - 1, round(mark / 100 * width) - 1))
        cells[at] = ("┃", "bold $warning")
    return Content.assemble(*cells)


def fmt_score(score: float | None) -> str:
    return "  –" if score is None else f"{score:3.0f}"


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def put(widget: Static, content: str | Content) -> None:
    """Show ``content`` in a one-line ``widget`` sized to its text; the screen is laid out
    again only when the text's width changes."""
    old = widget.content
    width = Content(content).cell_length if isinstance(content, str) else content.cell_length
    old_width = Content(old).cell_length if isinstance(old, str) else old.cell_length
    widget.update(content, layout=width != old_width)


class KeyFooter(Footer):
    """The compact footer of every screen, rebuilt only when the keys it shows change.

    Textual's footer rebuilds all its keys each time a screen says its bindings may have
    changed: four times while the question screen opens, with the same keys. When only
    whether keys are enabled changed (the question screen's importance keys, dimmed on
    questions that do not ask for importance), the keys shown are dimmed or lit in place."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple | None = None

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = [(binding, enabled, tooltip) for _, binding, enabled, tooltip
                 in self.screen.active_bindings.values() if binding.show]
        keys = (self.compact, self.show_command_palette,
                tuple((binding, tooltip) for binding, _, tooltip in shown))
        enabled = {binding.action: on for binding, on, _ in shown}
        if self._shown is not None and keys == self._shown[0]:
            if enabled != self._shown[1]:
                for key in self.query("FooterKey"):  # Textual's FooterKey, not exported
                    key._disabled = not enabled.get(key.action, True)  # a click bells
                    key.set_class(key._disabled, "-disabled")
        else:
            await super().recompose()
        self._shown = (keys, enabled)


class Banner(Static):
    """A line above the screen that stays while the file is not being written (read-only,
    held by another app, changed on disk, or a failed save), in the session's language."""

    def __init__(self, language: str, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.language = language
        self.shown_problem: str | None = None
        self.display = False

    def show(self, session) -> None:
        lang, problem = self.language, session.problem
        self.shown_problem = problem
        self.display = problem is not None
        if problem is None:
            return
        if problem == "save":
            text = t(lang, "banner_save", reason=t(lang, "why_" + session.save_reason))
        elif problem == "locked":
            holder = session.holder
            text = t(lang, "banner_locked", pid=holder.pid or "?", host=holder.host or "?",
                     since=holder.since or "?")
        elif problem == "changed":
            text = t(lang, "banner_changed")
        else:
            text = t(lang, "banner_read_only", reason=t(lang, "why_" + problem))
        self.update(Content(text))
