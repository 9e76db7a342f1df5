"""Entry points of the installed packages, read without :mod:`importlib.metadata`.

Importing :mod:`importlib.metadata` imports ``email``, ``zipfile``, ``socket``,
``tempfile`` and some 50 modules more: about a fifth of what a whole ``score --json``
process costs above the imports it cannot avoid (measured). Finding entry points needs
none of it: :func:`entry_points` lists the folders of ``sys.path`` and reads the
``entry_points.txt`` of each ``*.dist-info`` / ``*.egg-info`` folder, as
``importlib.metadata.entry_points`` does — a package installed twice counts where it is
found first, lines are read the same way. Anything it does not read the same way (a zip
file or an egg on the path, a path entry that is not text, an unusual folder name, a
finder that lists packages of its own, a malformed line) hands the whole search to
:mod:`importlib.metadata`.

:func:`spare_pydantic_the_scan` keeps pydantic from importing :mod:`importlib.metadata`
for its own plugin search when no package declares a pydantic plugin (see there).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import types
from functools import reduce
from importlib.machinery import PathFinder
from typing import Any, NamedTuple

_PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
"""An entry point's value, as importlib.metadata reads it: ``module[:attr.attr] [extras]``."""
_EXTENSIONS = (".dist-info", ".egg-info")


class Distribution(NamedTuple):
    """An installed package's metadata folder."""

    path: str

    def read_text(self, name: str) -> str | None:
        """One of its files as text, or None when it has none (as importlib.metadata)."""
        try:
            with open(os.path.join(self.path, name), encoding="utf-8") as fh:
                return fh.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            return None


class EntryPoint(NamedTuple):
    """An entry point: what importlib.metadata's gives, with ``dist`` anything that has
    ``read_text(name)``."""

    name: str
    value: str
    group: str
    dist: Any = None

    def load(self) -> Any:
        """The module, or the object in it, that the value names."""
        match = _PATTERN.match(self.value)
        if match is None:
            raise ValueError(f"{self.value!r} is not an entry point")
        module = importlib.import_module(match.group("module"))
        return reduce(getattr, filter(None, (match.group("attr") or "").split(".")), module)


class _Unusual(Exception):
    """Something this module does not read the way importlib.metadata does."""


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _distributions() -> list[Distribution]:
    finders = [f for f in sys.meta_path if getattr(f, "find_distributions", None) is not None]
    if any(f is not PathFinder for f in finders):
        raise _Unusual("a finder that lists packages of its own")
    seen: set[str] = set()
    found = []
    for entry in sys.path:
        if not isinstance(entry, str):
            raise _Unusual("a path entry that is not text")
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except NotADirectoryError:
            raise _Unusual("a zip file on the path") from None
        except OSError:
            continue
        if folder.lower().endswith(".egg"):
            raise _Unusual("an egg on the path")
        for child in children:
            stem, dot, extension = child.rpartition(".")
            if not child.lower().endswith(_EXTENSIONS):
                continue
            if "." + extension not in _EXTENSIONS:
                raise _Unusual("a metadata folder named in capitals")
            name = _normalize(stem.partition("-")[0])
            if name not in seen:
                seen.add(name)
                found.append(Distribution(os.path.join(folder, child)))
    return found


def _read(text: str, dist: Distribution) -> list[EntryPoint]:
    """The entry points of one ``entry_points.txt``."""
    found = []
    group = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line.strip("[]")
        elif group is not None:
            name, equals, value = line.partition("=")
            if not equals:
                raise _Unusual("a line that is not name = value")
            found.append(EntryPoint(name.strip(), value.strip(), group, dist))
    return found


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group``, from every installed package, in the order
    importlib.metadata would find the packages."""
    try:
        return [ep for dist in _distributions()
                for ep in _read(dist.read_text("entry_points.txt") or "", dist)
                if ep.group == group]
    except _Unusual:
        from importlib import metadata

        return [EntryPoint(ep.name, ep.value, ep.group, getattr(ep, "dist", None))
                for ep in metadata.entry_points(group=group)]


PYDANTIC_LOADER = "pydantic.plugin._loader"


def spare_pydantic_the_scan() -> None:
    """Let pydantic skip its plugin search when there is nothing for it to find.

    The first validator pydantic builds imports ``pydantic.plugin._loader``, which
    imports :mod:`importlib.metadata` (a fifth of a ``score --json`` above its floor,
    measured) and scans every package for the ``pydantic`` entry-point group. This puts
    a stand-in for that module in place, whose ``get_plugins()`` reads the group with
    :func:`entry_points` and, when no package declares a pydantic plugin, returns none
    — what pydantic's own would return. When there is one, or anything else of the
    module is asked for, the stand-in gives way to pydantic's module, which then does
    exactly what it always does (``PYDANTIC_DISABLE_PLUGINS`` included). Called once,
    by the command line, before any model is built; nothing is done when pydantic's
    module is already loaded."""
    if PYDANTIC_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(PYDANTIC_LOADER, spare_pydantic_the_scan.__doc__)

    def real() -> types.ModuleType:
        if sys.modules.get(PYDANTIC_LOADER) is stand_in:
            del sys.modules[PYDANTIC_LOADER]
        return importlib.import_module(PYDANTIC_LOADER)

    none: list[bool] = []  # found none: pydantic's module, too, searches only once

    def get_plugins() -> Any:
        if not none and not entry_points("pydantic"):
            none.append(True)
        return () if none else real().get_plugins()

    def other(name: str) -> Any:
        if name.startswith("__"):  # what the import system looks up (``__path__`` …)
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = other  # type: ignore[attr-defined]
    sys.modules[PYDANTIC_LOADER] = stand_in
