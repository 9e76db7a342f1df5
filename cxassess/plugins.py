"""Finding, loading and calling plugins.

Plugins come from the ``cxassess`` entry-point group (the built-in scorers too, through
this package's own pyproject) and from ``*.py`` files in a plugins folder
(``--plugins-dir`` or ``CXASSESS_PLUGINS_DIR``). ``CXASSESS_LOAD_PLUGINS`` (a comma list;
empty means none) limits which installed plugins load.

Each plugin is loaded, validated (``check_pending``: a misspelt hook name fails loudly)
and later called on its own through :mod:`cxassess.isolation` (its prints kept off
stdout, any exception caught, a time limit per call), so one broken or slow plugin is
reported by name and never stops the others.

A plugin's name is its entry-point name when installed, the file's stem when loaded from
a plugins folder, and the ``name`` given when registered directly (``cxassess.testing``
finds the entry-point name of an installed module, so tests and real runs agree).
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import pluggy

from . import hookspecs, isolation
from .entrypoints import EntryPoint, entry_points
from .isolation import describe_error as _short_error

ENTRY_POINT_GROUP = "cxassess"
ENV_PLUGINS_DIR = "CXASSESS_PLUGINS_DIR"
ENV_LOAD_PLUGINS = "CXASSESS_LOAD_PLUGINS"
BUILTIN_DISTRIBUTION = "cxassess"
FILE_MODULE_PREFIX = "cxassess_plugin_"
"""A plugin file ``NAME.py`` is imported as the module ``cxassess_plugin_NAME``."""


class PluginRecord:
    """One plugin as found: loaded (``error`` is None) or not. ``origin`` is "entry point
    <value>", "file <path>" or "registered"; ``unmarked``, its functions named like a
    hook but not marked ``@hookimpl`` (never called).

    (A plain class, as :class:`Plugins`: a dataclass compiles its methods when this
    module is imported, about half a millisecond each on every command, measured.)"""

    __slots__ = ("name", "version", "builtin", "origin", "error", "module", "unmarked")

    def __init__(self, name: str, version: str | None = None, builtin: bool = False,
                 origin: str = "", error: str | None = None, module: Any = None,
                 unmarked: tuple[str, ...] = ()) -> None:
        self.name = name
        self.version = version
        self.builtin = builtin
        self.origin = origin
        self.error = error
        self.module = module
        self.unmarked = unmarked

    @property
    def loaded(self) -> bool:
        return self.error is None


class HookCall(NamedTuple):
    """What one plugin's hook function returned."""

    plugin: str
    result: Any

    def items(self, hook: str, warnings: list[str]) -> list | tuple:
        """The list a hook returns (None for an empty one); anything else — a string, a
        number, a dict, a generator whose iteration would run plugin code outside its
        isolation — is a warning naming the plugin and ignored."""
        if self.result is None:
            return []
        if isinstance(self.result, (list, tuple)):
            return self.result
        warnings.append(f"plugin {self.plugin!r}: {hook} returned a value of type "
                        f"{type(self.result).__name__}, not a list; ignored")
        return []


def _validation_error(exc: BaseException) -> str:
    """pluggy's refusal of a plugin, as one line that says what to change: for an unknown
    hook, the hook that was probably meant (not pluggy's repr of the module, an internal
    name and an absolute path); for a hook function with an argument the hook does not
    pass, the arguments it does pass."""
    text = str(exc)
    unknown = re.search(r"unknown hook '([^']+)'", text)
    argument = re.search(r"for hook '([^']+)'\n.*\nArgument\(s\) \{(.*)\} are declared", text)
    if unknown:
        import difflib  # only for this message: loading plugins does not need it

        known = [n for n in dir(hookspecs) if n.startswith(f"{hookspecs.PROJECT}_")]
        close = difflib.get_close_matches(unknown.group(1), known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (hooks: {', '.join(known)})"
        return f"{type(exc).__name__}: unknown hook {unknown.group(1)!r}{hint}"
    if argument and hasattr(hookspecs, argument.group(1)):
        import inspect

        hook = argument.group(1)
        passed = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters)
        return (f"{type(exc).__name__}: {hook} takes {argument.group(2)}, which the hook does "
                f"not pass (it passes: {passed}; a hook function takes some of these, by name)")
    return _short_error(exc)


def _version_text(version: Any) -> str | None:
    """A plugin's ``__version__`` as text (a number or tuple written as such), or None when
    it has none or cannot be written."""
    if version is None or isinstance(version, str):
        return version
    try:
        return str(version)
    except Exception:  # noqa: BLE001 — its __str__ is plugin code
        return None


def unmarked_hooks(plugin: Any) -> list[str]:
    """Functions named like a hook but not marked with ``@hookimpl``: pluggy ignores
    them silently, which is the classic first mistake."""
    marker = f"{hookspecs.PROJECT}_impl"
    out = []
    for attr in dir(plugin):
        if not attr.startswith(f"{hookspecs.PROJECT}_"):
            continue
        value = getattr(plugin, attr, None)
        if callable(value) and not isinstance(value, type) and not hasattr(value, marker):
            out.append(attr)
    return out


class Plugins:
    """The plugin manager with a record of every plugin found and every problem met.
    ``timeout``: the seconds each plugin call may take (0: no limit); ``kept``: what a
    hook gave, by hook name, with the :meth:`implementations` it came from (see
    :meth:`keep`)."""

    def __init__(self, pm: pluggy.PluginManager, records: list[PluginRecord] | None = None,
                 timeout: float = isolation.DEFAULT_TIMEOUT) -> None:
        self.pm = pm
        self.records: list[PluginRecord] = [] if records is None else records
        self.timeout = timeout
        self.kept: dict[str, tuple[Any, Any]] = {}
        self.notes: list[str] = []  # problems of loading that are no one plugin's

    # ------------------------------------------------------------------ registration

    def register(self, plugin: Any, name: str, *, version: str | None = None,
                 builtin: bool = False, origin: str = "registered") -> PluginRecord:
        """Register a plugin object (a module or any object with hook functions).

        A plugin that pluggy rejects, or that implements a hook that does not exist, is
        recorded with its error and left unregistered."""
        record = PluginRecord(name=name, version=_version_text(version), builtin=builtin,
                              origin=origin, module=plugin)
        taken = next((r for r in self.records if r.name == name and r.loaded), None)
        if taken is not None:
            record.error = (f"a plugin named {name!r} is already loaded (from {taken.origin}); "
                            "give this one another name")
            self.records.append(record)
            return record
        try:
            self.pm.register(plugin, name=name)
        except Exception as exc:  # pluggy: bad signature …
            record.error = _validation_error(exc)
        else:
            try:
                self.pm.check_pending()
            except pluggy.PluginValidationError as exc:
                self.pm.unregister(plugin)
                record.error = _validation_error(exc)
            else:
                record.unmarked = tuple(unmarked_hooks(plugin))
        self.records.append(record)
        return record

    def unregister(self, name: str) -> None:
        plugin = self.pm.get_plugin(name)
        if plugin is not None:
            self.pm.unregister(plugin)
        self.records = [r for r in self.records if r.name != name]

    # ------------------------------------------------------------------ queries

    @property
    def loaded(self) -> list[PluginRecord]:
        return [r for r in self.records if r.loaded]

    @property
    def failed(self) -> list[PluginRecord]:
        return [r for r in self.records if not r.loaded]

    def load_warnings(self, *, failed: bool = True) -> list[str]:
        """A line for each plugin that failed to load (unless ``failed`` is false: a
        listing that shows them as rows), for each loaded one with a function named like
        a hook but not marked ``@hookimpl``, and for each of :attr:`notes`."""
        return [f"plugin {r.name!r} failed to load: {r.error}"
                for r in (self.failed if failed else [])] + [
            f"plugin {r.name!r}: {', '.join(r.unmarked)} is not decorated with @hookimpl "
            "(from cxassess import hookimpl), so it is never called"
            for r in self.records if r.loaded and r.unmarked] + self.notes

    def hooks_of(self, record: PluginRecord) -> list[str]:
        plugin = self.pm.get_plugin(record.name) if record.loaded else None
        if plugin is None:
            return []
        return sorted(h.name for h in (self.pm.get_hookcallers(plugin) or []))

    def run(self, plugin: str, function: Callable[..., Any], /, *args: Any,
            **kwargs: Any) -> isolation.Outcome:
        """Call plugin code in isolation, with this manager's time limit."""
        return isolation.call(function, *args, name=plugin, timeout=self.timeout, **kwargs)

    def failure(self, outcome: isolation.Outcome) -> str:
        return isolation.failure(outcome, self.timeout)

    def implementations(self, hook: str) -> tuple[tuple[str, Callable[..., Any]], ...]:
        """Who implements ``hook``: (plugin name, function) in registration order."""
        return tuple((impl.plugin_name, impl.function) for impl in self._impls(hook))

    def kept_result(self, hook: str) -> Any:
        """What :meth:`keep` kept for ``hook``, or None when the plugins implementing it
        have changed since (or nothing was kept)."""
        implementations, value = self.kept.get(hook, (None, None))
        return value if implementations == self.implementations(hook) else None

    def keep(self, hook: str, value: Any) -> None:
        """Keep what ``hook`` gave, for as long as the same plugins implement it."""
        self.kept[hook] = (self.implementations(hook), value)

    # ------------------------------------------------------------------ calling

    def _impls(self, hook: str) -> list[Any]:
        order = {r.name: i for i, r in enumerate(self.records)}
        return sorted(getattr(self.pm.hook, hook).get_hookimpls(),
                      key=lambda impl: order.get(impl.plugin_name, len(order)))

    def call_each(self, hook: str, warnings: list[str], *,
                  per_plugin: Callable[[str], dict[str, Any]] | None = None,
                  **kwargs: Any) -> Iterator[HookCall]:
        """Call ``hook`` on each plugin in registration order, one at a time.

        ``per_plugin(name)`` may supply arguments made for the plugin being called.
        A plugin that raises (anything, ``SystemExit`` too) or runs past the time limit
        is reported in ``warnings`` by name and skipped."""
        for impl in self._impls(hook):
            args = {**kwargs, **(per_plugin(impl.plugin_name) if per_plugin else {})}
            outcome = self.run(impl.plugin_name, impl.function,
                               **{arg: args[arg] for arg in impl.argnames})
            if not outcome.ok:
                warnings.append(f"plugin {impl.plugin_name!r} failed in {hook}: "
                                f"{self.failure(outcome)}")
                continue
            yield HookCall(impl.plugin_name, outcome.value)


def new_manager(timeout: float | None = None, env: Mapping[str, str] | None = None) -> Plugins:
    """An empty plugin manager; ``timeout`` defaults to ``$CXASSESS_PLUGIN_TIMEOUT`` (in
    ``env``, default ``os.environ``) or 10 s (:func:`cxassess.isolation.plugin_timeout`)."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return Plugins(pm, timeout=isolation.plugin_timeout(timeout, env))


def _allowed(env: Mapping[str, str]) -> set[str] | None:
    if ENV_LOAD_PLUGINS not in env:
        return None
    return {name.strip() for name in env[ENV_LOAD_PLUGINS].split(",") if name.strip()}


def _entry_points() -> list[EntryPoint]:
    eps = entry_points(ENTRY_POINT_GROUP)
    unique = {(ep.name, ep.value): ep for ep in eps}  # editable + wheel may list twice
    return sorted(unique.values(), key=lambda ep: (not _is_builtin(ep), ep.name))


@lru_cache(maxsize=64)
def _package(dist: Any) -> tuple[str | None, str | None]:
    """An installed package's name and version, from the header of its metadata. The body
    after the header is the whole README (45 KB for cxassess): it is read once per
    package, not once per entry point and field, and never parsed. The two fields are
    single lines of the header (core metadata), read without the ``email`` package,
    whose import would cost more than the rest of plugin loading."""
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    fields: dict[str, str] = {}
    for line in text.partition("\n\n")[0].splitlines():
        key, colon, value = line.partition(":")
        if colon and not line[:1].isspace():  # not a folded line of a longer field
            fields.setdefault(key.strip().lower(), value.strip())
    return fields.get("name"), fields.get("version")


def _version(ep: EntryPoint) -> str | None:
    dist = getattr(ep, "dist", None)
    return _package(dist)[1] if dist else None


def _is_builtin(ep: EntryPoint) -> bool:
    dist = getattr(ep, "dist", None)
    return bool(dist and _package(dist)[0] == BUILTIN_DISTRIBUTION)


def entry_point_of(module: Any) -> tuple[str, str | None] | None:
    """The (name, version) under which an installed plugin module is declared in the
    ``cxassess`` entry-point group, or None when it is not."""
    module_name = getattr(module, "__name__", None)
    for ep in _entry_points():
        if ep.value.split(":")[0].strip() == module_name:
            return ep.name, _version(ep)
    return None


def load_plugins(plugins_dir: str | Path | None = None, *,
                 env: Mapping[str, str] | None = None,
                 entry_points: bool = True, timeout: float | None = None) -> Plugins:
    """Load every plugin: installed ones (entry points, subject to the allow-list), then
    the ``*.py`` files of ``plugins_dir`` (or ``$CXASSESS_PLUGINS_DIR``). ``timeout``
    (seconds per plugin call, 0 for none) defaults to ``$CXASSESS_PLUGIN_TIMEOUT`` or 10."""
    env = os.environ if env is None else env
    plugins = new_manager(timeout, env)
    allowed = _allowed(env)
    if entry_points:
        found = _entry_points()
        unknown = sorted((allowed or set()) - {ep.name for ep in found})
        if unknown:  # a misspelt name would otherwise load nothing without a word
            plugins.notes.append(
                f"{ENV_LOAD_PLUGINS}: no installed plugin is called "
                f"{', '.join(map(repr, unknown))} (installed: "
                f"{', '.join(sorted({ep.name for ep in found})) or 'none'})")
        for ep in found:
            if allowed is not None and ep.name not in allowed:
                continue
            version = _version(ep)
            builtin = _is_builtin(ep)
            origin = f"entry point {ep.value}"
            outcome = plugins.run(ep.name, ep.load)
            if not outcome.ok:
                plugins.records.append(PluginRecord(ep.name, version, builtin, origin,
                                                    error=plugins.failure(outcome)))
                continue
            plugins.register(outcome.value, ep.name, version=version, builtin=builtin,
                             origin=origin)
    folder = plugins_dir if plugins_dir is not None else env.get(ENV_PLUGINS_DIR) or None
    if folder is not None:
        load_plugin_dir(plugins, Path(folder))
    return plugins


def load_plugin_dir(plugins: Plugins, folder: Path) -> None:
    """Load each ``*.py`` in ``folder`` as a plugin named after the file."""
    from .files import folder_problem

    problem = folder_problem(folder, "plugins folder")
    if problem:
        plugins.records.append(PluginRecord(str(folder), origin=f"folder {folder}",
                                            error=problem))
        return
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith(("_", ".")):  # helpers; an editor's hidden files
            continue
        load_plugin_file(plugins, path)


def load_plugin_file(plugins: Plugins, path: Path, name: str | None = None) -> PluginRecord:
    """Load one ``.py`` file as a plugin, named after the file unless ``name`` is given.

    A file that does not import (a syntax error, an exception at import time …) is
    recorded with its error, like a plugin that does not validate."""
    path = Path(path)
    name = name or path.stem
    module_name = f"{FILE_MODULE_PREFIX}{name}"
    from .errors import InputError
    from .files import check_regular

    try:  # never import a device, FIFO or folder (it would hang or fill memory)
        check_regular(path)
    except InputError as exc:
        record = PluginRecord(name, origin=f"file {path}", error=str(exc))
        plugins.records.append(record)
        return record

    def load() -> Any:
        spec = importlib.util.spec_from_file_location(module_name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
        return module

    outcome = plugins.run(name, load)  # SyntaxError, SystemExit, a hang … in a user's file
    if not outcome.ok:
        sys.modules.pop(module_name, None)
        record = PluginRecord(name, origin=f"file {path}", error=plugins.failure(outcome))
        plugins.records.append(record)
        return record
    module = outcome.value
    return plugins.register(module, name, version=getattr(module, "__version__", None),
                            origin=f"file {path}")


def describe(plugins: Plugins, scorer_ids: Mapping[str, list[str]], *, all_: bool) -> list[dict]:
    """The ``cxassess plugins`` listing: name, version, hooks and the scorer ids each
    plugin registered; with ``all_`` also whether it is built in, where it came from, and
    the plugins that failed (with their error, and no hooks or scorers: they have none)."""
    rows = []
    for r in plugins.records:
        if not r.loaded and not all_:
            continue
        row: dict[str, Any] = {
            "name": r.name,
            "version": r.version,
            "hooks": plugins.hooks_of(r),
            "scorers": scorer_ids.get(r.name, []) if r.loaded else [],
        }
        if all_:
            row["builtin"] = r.builtin
            row["origin"] = r.origin
            row["error"] = r.error
        rows.append(row)
    return rows

