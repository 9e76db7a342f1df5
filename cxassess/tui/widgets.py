"""Small widgets and helpers shared by the screens."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import NamedTuple, TypeVar

from textual import events
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.dom import DOMNode
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Label, Static

from .i18n import t

N = TypeVar("N", bound=type[DOMNode])

ERROR_SECONDS = 15
"""How long an error message stays (Textual's default, 5 s, is over before it is read)."""


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


class SplitLine(Widget):
    """One line of text: ``left`` from the left edge (cut with an ellipsis when the line is
    short of room) and ``right`` against the right edge, at least two cells apart; one
    widget where a row of two labels would take three."""

    DEFAULT_CSS = """
    SplitLine {
        height: 1;
        width: 1fr;
    }
    """
    GAP = 2

    def __init__(self, left: str | Content = "", right: str | Content = "", *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.left = Content(left) if isinstance(left, str) else left
        self.right = Content(right) if isinstance(right, str) else right

    def set(self, left: str | Content | None = None, right: str | Content | None = None) -> None:
        """Show new text on either side (redrawn only when it changed)."""
        changed = False
        for side, text in (("left", left), ("right", right)):
            if text is None:
                continue
            text = Content(text) if isinstance(text, str) else text
            old = getattr(self, side)
            if text.plain != old.plain or text.spans != old.spans:
                setattr(self, side, text)
                changed = True
        if changed:
            self.refresh()

    def left_content(self) -> Content:
        """What the left side shows (subclasses decorate ``left``)."""
        return self.left

    def render(self) -> Content:
        width = self.size.width
        right = self.right.truncate(width)
        room = width - right.cell_length - (self.GAP if right.cell_length else 0)
        left = self.left_content()
        if left.cell_length > room:
            left = left.truncate(max(room, 0), ellipsis=True)
        fill = width - left.cell_length - right.cell_length
        return Content.assemble(left, " " * max(fill, 0), right)


class OneLine(Widget):
    """One line of styled text (``update`` it with a Content), drawn through Textual's
    line API with each look it has had kept: a line that goes back and forth between a
    few looks (the footer's keys, the importance row, as one question asks for importance
    and the next does not) is drawn again from that cache instead of rendered again."""

    DEFAULT_CSS = """
    OneLine {
        height: 1;
    }
    """
    LOOKS = 32  # looks kept; more than the footer and importance row go through

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = Content()
        self._looks: dict[tuple, Strip] = {}

    def update(self, content: Content) -> None:
        """Show ``content``; the screen is laid out again only when its width changes."""
        layout = content.cell_length != self.content.cell_length
        self.content = content
        self.refresh(layout=layout)

    def render(self) -> Content:
        return self.content

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.content.cell_length

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.get_visual_style()
        if y:
            return Strip.blank(width, style.rich_style)
        content = self.content
        key = (content.plain, tuple(content.spans), width, style, self.app.theme)
        strip = self._looks.get(key)
        if strip is None:
            if len(self._looks) >= self.LOOKS:
                self._looks.clear()
            strip = Visual.to_strips(self, content.truncate(width), width, 1, style,
                                     pad=True)[0].crop_extend(0, width, style.rich_style)
            self._looks[key] = strip
        return strip


class KeyFooter(OneLine):
    """The keys of the screen on one line at the bottom, as Textual's compact footer shows
    them (a key, its description; grouped keys side by side before the group's name;
    keys the screen disables dimmed), drawn as one widget: when the keys or whether they
    are enabled change, the line is redrawn in place, without new widgets or a layout
    pass. A click on a key (or its description) presses it (a dimmed one rings);
    hovering gives it the hover background and shows its tooltip. The line is plain
    styled text: where the keys are is kept by cell, not as links in the text."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """
    def __init__(self) -> None:
        super().__init__()
        self._line = Content()
        self._targets: list[_Target] = []  # where each key (and its description) is
        self._hover: _Target | None = None
        self.keys: list[tuple[str, bool, int]] = []  # (key, enabled, its cell) as shown
        self._entries: tuple = ()  # the keys shown: (binding, enabled, tooltip) each
        self._built: dict[tuple, tuple[Content, list[_Target]]] = {}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._show()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self._show()

    def _show(self) -> None:
        """Show the screen's keys as they are now: drawn again only when they changed, from
        the lines already built when the keys have looked this way before (as the
        importance keys go dim and back from one question to the next)."""
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        entries = tuple(by_action.values())
        if entries == self._entries:
            return
        self._entries = entries
        built = self._built.get(entries)
        if built is None:
            if len(self._built) >= self.LOOKS:
                self._built.clear()
            built = self._built[entries] = self._build(entries)
        self._line, self._targets = built
        self.keys = [(target.key, target.enabled, target.start) for target in self._targets]
        self._hover = None
        self._draw()

    def _build(self, entries: tuple[tuple[Binding, bool, str], ...]
               ) -> tuple[Content, list[_Target]]:
        """The line of these keys (binding, enabled, tooltip) and where each key is."""
        parts: list[Content] = []
        targets: list[_Target] = []
        width = 0

        def add(part: Content, binding: Binding | None = None, enabled: bool = True,
                tooltip: str = "") -> None:
            nonlocal width
            if binding is not None:
                targets.append(_Target(width, width + part.cell_length, binding.key, enabled,
                                       tooltip))
            parts.append(part)
            width += part.cell_length

        def key(binding: Binding, enabled: bool) -> Content:
            style = "bold $footer-key-foreground" + ("" if enabled else " dim")
            return Content.styled(self.app.get_key_display(binding), style)

        i = 0
        while i < len(entries):
            binding, enabled, tooltip = entries[i]
            group = binding.group
            run = 1  # how many keys from here on share the group
            while group is not None and i + run < len(entries) \
                    and entries[i + run][0].group == group:
                run += 1
            if run > 1:
                add(Content(" "))
                for b, on, tip in entries[i:i + run]:
                    add(key(b, on), b, on, tip or b.description)
                add(Content(" "))
                add(Content.styled(group.description + " ", "$footer-description-foreground"))
                i += run
                continue
            add(key(binding, enabled) + Content.styled(
                " " + binding.description, "$footer-description-foreground"
                + ("" if enabled else " dim")), binding, enabled, tooltip)
            add(Content(" "))
            i += 1
        return Content.assemble(*parts), targets

    def _draw(self) -> None:
        line, hover = self._line, self._hover
        if hover is not None:
            line = line.stylize("on $block-hover-background", hover.start, hover.end)
        self.update(line)

    def _target_at(self, x: int) -> _Target | None:
        return next((target for target in self._targets if target.start <= x < target.end),
                    None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        target = self._target_at(event.x)
        self.tooltip = target.tooltip or None if target is not None else None
        if target != self._hover:
            self._hover = target
            self._draw()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self._draw()

    def on_click(self, event: events.Click) -> None:
        target = self._target_at(event.x)
        if target is None:
            return
        event.stop()
        if target.enabled:
            self.app.simulate_key(target.key)
        else:
            self.app.bell()


class _Target(NamedTuple):
    """A key on the footer line: its cells, the key it presses, whether it is enabled."""
    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str


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
            error = t(lang, "os_" + session.save_error, default=session.save_error)
            text = t(lang, "banner_save",
                     reason=t(lang, "why_" + session.save_reason, error=error))
        elif problem == "locked":
            holder = session.holder
            text = t(lang, "banner_locked_link") if holder.linked else \
                t(lang, "banner_locked", pid=holder.pid or "?", host=holder.host or "?",
                  since=holder.since or "?")
        elif problem == "changed":
            text = t(lang, "banner_changed")
        else:
            text = t(lang, "banner_read_only", reason=t(lang, "why_" + problem))
        self.update(Content(text))
