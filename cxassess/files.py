"""Reading and writing the user's files safely.

- :func:`read_bytes` reads only regular files (never a device, FIFO or folder — a FIFO
  cannot block it) and at most :data:`MAX_FILE_BYTES`.
- :func:`atomic_write_bytes` writes a temporary file beside the target
  (``.NAME.XXXXXXXX.tmp``: a dot, the target's name, a dot, eight random characters
  ``a-z0-9_`` as :func:`tempfile.mkstemp` makes them, ``.tmp``), fsyncs and renames it
  over the target, so the target is either the old file or the new one. It never
  replaces a file that is read-only (:func:`check_writable`), keeps the mode of the file
  it replaces, and removes the temporary files an earlier, killed write of the same
  target left behind.

Every problem is an :class:`~cxassess.errors.InputError` of one line naming the file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import threading
import time
import unicodedata
from pathlib import Path

from .errors import InputError, show_path

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest assessment or questionnaire file read (a 5,000-respondent assessment is
about 10 MB)."""

_STARTED = time.time()
_cleaned: set[str] = set()

_REASONS = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ELOOP: "too many levels of symbolic links (a symbolic link loop?)",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a folder, not a file",
    errno.EROFS: "the file system is read-only",
}


def reason(exc: OSError | ValueError) -> str:
    """What went wrong with a path, in words (``OSError`` and the ``ValueError`` of a path
    with a NUL character)."""
    if isinstance(exc, ValueError):
        return "the path contains a NUL character" if "null" in str(exc).lower() \
            else f"not a usable path ({exc})"
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa",
                           "ß": "ss"})
SLUG_LENGTH = 60
"""The longest file-name stem :func:`slug` gives."""
_RESERVED = {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}
"""Names Windows reserves for devices, with any extension (``con.xlsx`` cannot be saved)."""


def slug(text: str, fallback: str) -> str:
    """A file-name stem made from a name: æøå and ß spelt out, other accents dropped,
    lower case, every other run of characters one ``-``, at most :data:`SLUG_LENGTH`
    characters. ``fallback`` (itself such a stem) when nothing is left, and appended to
    a name Windows reserves (``con`` → ``con-FALLBACK``)."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    stem = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:SLUG_LENGTH].rstrip("-")
    if not stem:
        return fallback
    return f"{stem}-{fallback}" if stem in _RESERVED else stem


def megabytes(size: int) -> str:
    """A size as errors show it: whole megabytes, or bytes below one."""
    return f"{size / (1024 * 1024):,.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def _limit(limit: int, owner: str | None, shown: str | None = None) -> str:
    """The limit (``shown`` so) as an error quotes it: the one every file has, or
    ``owner``'s own."""
    shown = shown or megabytes(limit)
    return f"the {shown} a file may have" if owner is None else f"{owner} limit of {shown}"


def _check_regular(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device, pipe or socket); only regular files are read"
    return None


def _too_large(name: str, size: int, limit: int, owner: str | None = None) -> InputError:
    """``name`` is ``size`` bytes, over ``limit``: both in one unit, bytes when whole
    megabytes would show them alike (``is 1 MB, more than the 1 MB``)."""
    size_shown, limit_shown = megabytes(size), megabytes(limit)
    if size_shown == limit_shown or limit < 1024 * 1024:
        size_shown, limit_shown = f"{size:,} bytes", f"{limit:,} bytes"
    return InputError(f"{name}: is {size_shown}, more than {_limit(limit, owner, limit_shown)}")


def check_regular(path: str | os.PathLike, *, limit: int | None = None,
                  label: str | None = None) -> None:
    """Raise :class:`InputError` unless ``path`` is a regular file of at most ``limit``
    bytes (default: :data:`MAX_FILE_BYTES`), for code that hands the path to a reader of
    its own (the plugin importer); :func:`read_bytes` checks the same as it reads."""
    name = label or show_path(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        raise InputError(f"{name}: {reason(exc)}") from None
    problem = _check_regular(info.st_mode)
    if problem:
        raise InputError(f"{name}: {problem}")
    if info.st_size > (MAX_FILE_BYTES if limit is None else limit):
        raise _too_large(name, info.st_size, MAX_FILE_BYTES if limit is None else limit,
                         None if limit is None else "the")


def read_bytes(path: str | os.PathLike, *, limit: int | None = None,
               label: str | None = None, limit_owner: str | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (default:
    :data:`MAX_FILE_BYTES`); ``label`` names the file in errors (default: the path).
    An error quotes a ``limit`` given as ``limit_owner``'s (``"the plugin's"``: "more than
    the plugin's limit of 4 bytes"; default ``"the"``), the default one as every file's."""
    name = label or show_path(path)
    owner = None if limit is None else (limit_owner or "the")
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        problem = _check_regular(os.stat(path).st_mode)
        if problem:
            raise InputError(f"{name}: {problem}")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)  # the file opened, in case it changed since the stat
            problem = _check_regular(info.st_mode)
            if problem:
                raise InputError(f"{name}: {problem}")
            if info.st_size > limit:
                raise _too_large(name, info.st_size, limit, owner)
            # ask for the size the file has, and one byte more to see its end: asking
            # for a megabyte each time allocated (and gave back) a megabyte per read
            chunks, size = [], 0
            while size <= limit:
                chunk = os.read(fd, min(limit + 1 - size, max(info.st_size + 1 - size, 1 << 16)))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if size > limit:
                raise InputError(f"{name}: is more than {_limit(limit, owner)}")
            return b"".join(chunks)
        finally:
            os.close(fd)
    except (OSError, ValueError) as exc:
        raise InputError(f"{name}: {reason(exc)}") from None


def folder_problem(path: str | os.PathLike, what: str = "folder") -> str | None:
    """Why ``path`` is not a usable ``what`` (a folder), in words; None when it is one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return f"{what} does not exist"
    except (OSError, ValueError) as exc:
        return f"{what}: {reason(exc)}"
    if stat.S_ISDIR(mode):
        return None
    if stat.S_ISREG(mode):
        return f"is a file, not a {what}"
    return f"is not a {what} (a device, pipe or socket)"


# --------------------------------------------------------------------------- one file, two names


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether ``a`` and ``b`` are one file on disk (the same device and inode): another
    spelling of the path, a symbolic link and a hard link all count. False when either
    cannot be looked at (missing, unreadable): reading it says so."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def path_key(path: str | os.PathLike) -> str:
    """A key that is equal for every name resolving to one path (``./x``, ``a/../x``, a
    symbolic link), to spot a file listed twice without asking the disk for each pair.
    Unlike :func:`same_file`, two hard links are two keys, and a missing file has one.
    The absolute path as given when it cannot be resolved (a symbolic link loop: reading
    it says so)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(path)


# --------------------------------------------------------------------------- writing


def stat_or_none(path: str | os.PathLike) -> os.stat_result | None:
    """``os.stat(path)``, or None when nothing is there; a path that cannot be used at
    all (too long, through a file, a symbolic link loop, a NUL character) is an
    :class:`InputError`."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(f"{show_path(path)}: {reason(exc)}") from None


def check_writable(path: str | os.PathLike, *, label: str | None = None) -> None:
    """Raise :class:`InputError` when ``path`` must not be (re)written: an existing file
    that is read-only — its mode has no write bit, even for root, as editors treat it —
    or that this user may not write, something that is not a regular file, or a folder
    that is missing or not writable. Nothing is written. ``label`` names the file in the
    message (default: the path)."""
    path = Path(path)
    name = label or show_path(path)
    info = stat_or_none(path)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: is not a regular file; not replaced")
        if not info.st_mode & 0o222:
            raise InputError(f"{name}: the file is read-only; not replaced "
                             "(make it writable first, or write to another file)")
        if not os.access(path, os.W_OK):
            raise InputError(f"{name}: you have no permission to write this file; not replaced")
    folder = path.parent
    try:
        folder_info = os.stat(folder)
    except FileNotFoundError:
        raise InputError(f"{name}: folder {show_path(folder)} does not exist") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{name}: {reason(exc)}") from None
    if not stat.S_ISDIR(folder_info.st_mode):
        raise InputError(f"{name}: {show_path(folder)} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{name}: cannot write in folder {show_path(folder)} (permission denied)")


def _temp_name(target: str) -> re.Pattern[str]:
    return re.compile(re.escape(f".{target}.") + r"[a-z0-9_]{8}\.tmp")


def remove_leftovers(path: str | os.PathLike) -> None:
    """Remove the temporary files a killed earlier write of ``path`` left beside it: only
    regular files named ``.NAME.XXXXXXXX.tmp`` for this target, owned by this user and last written
    before this process started (so a write in progress elsewhere is left alone)."""
    path = Path(path)
    pattern = _temp_name(path.name)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    uid = getattr(os, "geteuid", lambda: None)()
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if (stat.S_ISREG(info.st_mode) and info.st_mtime < _STARTED
                    and (uid is None or info.st_uid == uid)):
                os.unlink(entry.path)
        except OSError:
            continue


def atomic_write_bytes(path: str | os.PathLike, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so the file is either the old one or the new one,
    never half-written: temporary file in the same folder, fsync, rename. A read-only
    target is refused (:func:`check_writable`) before anything is written and again
    just before the rename; a replaced file keeps its mode. Through a symbolic link, the
    file it points to is replaced and the link is kept."""
    name = show_path(path)
    if os.path.islink(path):
        path = os.path.realpath(path)
    path = Path(path)
    check_writable(path, label=name)
    folder = path.parent
    key = os.path.abspath(path)
    if key not in _cleaned:
        remove_leftovers(path)
        _cleaned.add(key)
    import tempfile  # here: commands that write nothing (score) do without it, and without
    # the shutil, bz2 and lzma it imports (a fiftieth of a cold score --json, measured)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{name}: cannot write here ({reason(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~current_umask()
        os.chmod(tmp, mode)
        check_writable(path, label=name)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"{name}: cannot write ({reason(exc)})") from None
        raise
    _fsync_dir(folder)


_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's file-creation mask (read by setting it, and setting it back: one
    thread at a time, or two reading at once could leave the mask at 0)."""
    with _UMASK_LOCK:
        mask = os.umask(0)
        os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
