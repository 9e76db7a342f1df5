"""Which questionnaires exist: the built-in ones and those plugins provide."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from .errors import show, show_path
from .loading import InputError, builtin_questionnaire_files, format_validation_error, \
    load_questionnaire_file, validate_as
from .models import Questionnaire
from .plugins import Plugins


class CatalogEntry(NamedTuple):
    """A questionnaire and where it comes from. (A named tuple: a dataclass costs every
    command a few times as much to create at import.)"""

    questionnaire: Questionnaire
    origin: str  # "built-in", "plugin <name>" or a file path
    path: Path | None = None  # the file it was read from; None for a plugin's data


def _from_plugin_item(item: Any, plugin: str) -> Questionnaire:
    if isinstance(item, Questionnaire):
        return item
    if isinstance(item, (str, Path)):
        return load_questionnaire_file(Path(item))
    if isinstance(item, dict):
        return validate_as(Questionnaire, item, f"questionnaire from plugin {plugin!r}")
    raise InputError(f"plugin {plugin!r} returned a value of type {type(item).__name__}, "
                     "not a questionnaire path, dict or Questionnaire")


def catalog(plugins: Plugins | None, warnings: list[str]) -> dict[str, CatalogEntry]:
    """Every available questionnaire by id. A built-in that does not validate is an
    error (it is our bug); a plugin's broken questionnaire is a warning."""
    entries: dict[str, CatalogEntry] = {}
    for path in builtin_questionnaire_files():
        q = load_questionnaire_file(path)
        entries[q.id] = CatalogEntry(q, "built-in", path)
    if plugins is None:
        return entries
    for call in plugins.call_each("cxassess_questionnaires", warnings):
        for item in call.items("cxassess_questionnaires", warnings):
            try:
                q = _from_plugin_item(item, call.plugin)
            except (InputError, ValidationError) as exc:
                msg = str(exc) if isinstance(exc, InputError) else format_validation_error(exc, item)
                warnings.append(f"plugin {call.plugin!r}: questionnaire skipped: {msg}")
                continue
            if q.id in entries:
                warnings.append(f"plugin {call.plugin!r}: questionnaire id {q.id!r} is "
                                f"already provided by {entries[q.id].origin}; skipped")
                continue
            path = Path(item) if isinstance(item, (str, Path)) else None
            entries[q.id] = CatalogEntry(q, f"plugin {call.plugin}", path)
    return entries


def is_path(ref: str) -> bool:
    """Whether a questionnaire reference is a path to a .toml rather than an id."""
    return ref.endswith(".toml") or "/" in ref or "\\" in ref


def resolve(ref: str, base_dir: Path, plugins: Plugins | None, warnings: list[str],
            *, source: str | Path = "") -> Questionnaire:
    """The questionnaire an assessment names: an id, or a path to a ``.toml`` file —
    relative to the assessment file's folder, or absolute. A path must be a regular file
    within the size limit; anything else (``"N/A"``, ``/dev/zero``, a folder) is refused.
    Errors name the assessment (``source``) and then the questionnaire as written."""
    return resolve_file(ref, base_dir, plugins, warnings, source=source)[0]


def resolve_file(ref: str, base_dir: Path, plugins: Plugins | None, warnings: list[str],
                 *, source: str | Path = "") -> tuple[Questionnaire, Path | None]:
    """:func:`resolve`, and the file the questionnaire was read from (None for one a
    plugin gave as data)."""
    where = f"{show_path(source)}: " if source else ""
    if is_path(ref):
        if not ref.endswith(".toml"):
            raise InputError(f"{where}questionnaire: {show(ref)} is neither a questionnaire id "
                             "nor a path to a .toml file")
        path = Path(ref)
        if not path.is_absolute():
            path = base_dir / path
        label = f'{where}questionnaire "{show_path(ref)}"'
        return load_questionnaire_file(path, label=label), path
    entries = catalog(plugins, warnings)
    if ref not in entries:
        known = ", ".join(sorted(entries)) or "none"
        raise InputError(f"{where}questionnaire: unknown questionnaire id {show(ref)} "
                         f"(available: {known})")
    return entries[ref].questionnaire, entries[ref].path
