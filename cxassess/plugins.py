"""Finding, loading and calling plugins.

Plugins come from the ``cxassess`` entry-point group (the built-in scorers too, through
this package's own pyproject) and from ``*.py`` files in a plugins folder
(``--plugins-dir`` or ``CXASSESS_PLUGINS_DIR``). ``CXASSESS_LOAD_PLUGINS`` (a comma list;
empty means none) limits which installed plugins load.

Each plugin is loaded, validated (``check_pending``: a misspelt hook name fails loudly)
and later called on its own, so one broken plugin is reported by name and never stops
the others.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs

ENTRY_POINT_GROUP = "cxassess"
ENV_PLUGINS_DIR = "CXASSESS_PLUGINS_DIR"
ENV_LOAD_PLUGINS = "CXASSESS_LOAD_PLUGINS"
BUILTIN_DISTRIBUTION = "cxassess"


@dataclass
class PluginRecord:
    """One plugin as found: loaded (``error`` is None) or not."""

    name: str
    version: str | None = None
    builtin: bool = False
    origin: str = ""  # "entry point <value>", "file <path>" or "registered"
    error: str | None = None
    module: Any = None

    @property
    def loaded(self) -> bool:
        return self.error is None


@dataclass
class HookCall:
    plugin: str
    result: Any


def _short_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _hook_hint(exc: BaseException) -> str:
    """For an unknown hook name, the hook that was probably meant."""
    match = re.search(r"unknown hook '([^']+)'", str(exc))
    if not match:
        return ""
    known = [n for n in dir(hookspecs) if n.startswith(f"{hookspecs.PROJECT}_")]
    close = difflib.get_close_matches(match.group(1), known, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else f" (hooks: {', '.join(known)})"


@dataclass
class Plugins:
    """The plugin manager with a record of every plugin found and every problem met."""

    pm: pluggy.PluginManager
    records: list[PluginRecord] = field(default_factory=list)

    # ------------------------------------------------------------------ registration

    def register(self, plugin: Any, name: str, *, version: str | None = None,
                 builtin: bool = False, origin: str = "registered") -> PluginRecord:
        """Register a plugin object (a module or any object with hook functions).

        A plugin that pluggy rejects, or that implements a hook that does not exist, is
        recorded with its error and left unregistered."""
        record = PluginRecord(name=name, version=version, builtin=builtin, origin=origin,
                              module=plugin)
        try:
            self.pm.register(plugin, name=name)
        except Exception as exc:  # pluggy: bad signature, duplicate name …
            record.error = _short_error(exc)
        else:
            try:
                self.pm.check_pending()
            except pluggy.PluginValidationError as exc:
                self.pm.unregister(plugin)
                record.error = _short_error(exc) + _hook_hint(exc)
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

    def load_warnings(self) -> list[str]:
        return [f"plugin {r.name!r} failed to load: {r.error}" for r in self.failed]

    def hooks_of(self, name: str) -> list[str]:
        plugin = self.pm.get_plugin(name)
        if plugin is None:
            return []
        return sorted(h.name for h in (self.pm.get_hookcallers(plugin) or []))

    # ------------------------------------------------------------------ calling

    def call_each(self, hook: str, warnings: list[str], *,
                  per_plugin: Callable[[str], dict[str, Any]] | None = None,
                  **kwargs: Any) -> Iterator[HookCall]:
        """Call ``hook`` on each plugin in registration order, one at a time.

        ``per_plugin(name)`` may supply arguments made for the plugin being called.
        A plugin that raises is reported in ``warnings`` by name and skipped."""
        caller = getattr(self.pm.hook, hook)
        order = {r.name: i for i, r in enumerate(self.records)}
        impls = sorted(caller.get_hookimpls(),
                       key=lambda impl: order.get(impl.plugin_name, len(order)))
        for impl in impls:
            args = {**kwargs, **(per_plugin(impl.plugin_name) if per_plugin else {})}
            try:
                result = impl.function(**{arg: args[arg] for arg in impl.argnames})
            except Exception as exc:
                warnings.append(f"plugin {impl.plugin_name!r} failed in {hook}: {_short_error(exc)}")
                continue
            yield HookCall(impl.plugin_name, result)


def new_manager() -> Plugins:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return Plugins(pm)


def _allowed(env: Mapping[str, str]) -> set[str] | None:
    if ENV_LOAD_PLUGINS not in env:
        return None
    return {name.strip() for name in env[ENV_LOAD_PLUGINS].split(",") if name.strip()}


def _entry_points() -> list[metadata.EntryPoint]:
    eps = metadata.entry_points(group=ENTRY_POINT_GROUP)
    unique = {(ep.name, ep.value): ep for ep in eps}  # editable + wheel may list twice
    return sorted(unique.values(), key=lambda ep: (not _is_builtin(ep), ep.name))


@lru_cache(maxsize=64)
def _package(dist: metadata.Distribution) -> tuple[str, str]:
    """An installed package's name and version. Its metadata holds the whole README: read
    it once per package, not once per entry point and field."""
    meta = dist.metadata
    return meta["Name"], meta["Version"]


def _version(ep: metadata.EntryPoint) -> str | None:
    dist = getattr(ep, "dist", None)
    return _package(dist)[1] if dist else None


def _is_builtin(ep: metadata.EntryPoint) -> bool:
    dist = getattr(ep, "dist", None)
    return bool(dist and _package(dist)[0] == BUILTIN_DISTRIBUTION)


def load_plugins(plugins_dir: str | Path | None = None, *,
                 env: Mapping[str, str] | None = None,
                 entry_points: bool = True) -> Plugins:
    """Load every plugin: installed ones (entry points, subject to the allow-list), then
    the ``*.py`` files of ``plugins_dir`` (or ``$CXASSESS_PLUGINS_DIR``)."""
    env = os.environ if env is None else env
    plugins = new_manager()
    allowed = _allowed(env)
    if entry_points:
        for ep in _entry_points():
            if allowed is not None and ep.name not in allowed:
                continue
            version = _version(ep)
            builtin = _is_builtin(ep)
            origin = f"entry point {ep.value}"
            try:
                module = ep.load()
            except Exception as exc:
                plugins.records.append(PluginRecord(ep.name, version, builtin, origin,
                                                    error=_short_error(exc)))
                continue
            plugins.register(module, ep.name, version=version, builtin=builtin, origin=origin)
    folder = plugins_dir if plugins_dir is not None else env.get(ENV_PLUGINS_DIR) or None
    if folder is not None:
        load_plugin_dir(plugins, Path(folder))
    return plugins


def load_plugin_dir(plugins: Plugins, folder: Path) -> None:
    """Load each ``*.py`` in ``folder`` as a plugin named after the file."""
    if not folder.is_dir():
        plugins.records.append(PluginRecord(str(folder), origin=f"folder {folder}",
                                            error="plugins folder does not exist"))
        return
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        load_plugin_file(plugins, path)


def load_plugin_file(plugins: Plugins, path: Path, name: str | None = None) -> PluginRecord:
    """Load one ``.py`` file as a plugin, named after the file unless ``name`` is given.

    A file that does not import (a syntax error, an exception at import time …) is
    recorded with its error, like a plugin that does not validate."""
    path = Path(path)
    name = name or path.stem
    module_name = f"cxassess_plugin_{name}"
    try:
        spec = importlib.util.spec_from_file_location(module_name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    except BaseException as exc:  # SyntaxError, SystemExit … in a user's file
        if isinstance(exc, KeyboardInterrupt):
            raise
        sys.modules.pop(module_name, None)
        record = PluginRecord(name, origin=f"file {path}", error=_short_error(exc))
        plugins.records.append(record)
        return record
    return plugins.register(module, name, version=getattr(module, "__version__", None),
                            origin=f"file {path}")


def describe(plugins: Plugins, scorer_ids: Mapping[str, list[str]], *, all_: bool) -> list[dict]:
    """The ``cxassess plugins`` listing: name, version, hooks and scorer ids per plugin;
    with ``all_`` also whether it is built in, where it came from, and failed plugins."""
    rows = []
    for r in plugins.records:
        if not r.loaded and not all_:
            continue
        row: dict[str, Any] = {
            "name": r.name,
            "version": r.version,
            "hooks": plugins.hooks_of(r.name) if r.loaded else [],
            "scorers": scorer_ids.get(r.name, []),
        }
        if all_:
            row["builtin"] = r.builtin
            row["origin"] = r.origin
            row["error"] = r.error
        rows.append(row)
    return rows

