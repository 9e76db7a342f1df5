"""Calling plugin code so that it cannot take a run down.

Every call into a plugin — importing it, each of its hooks, each of its scorers — goes
through :func:`call`, which promises three things:

- **Nothing escapes.** Any exception is caught and returned, ``SystemExit`` (a plugin
  calling ``sys.exit``) and other ``BaseException`` s included; only
  ``KeyboardInterrupt`` goes on up, so Ctrl-C still stops cxassess.
- **Printing is harmless.** What the plugin writes to ``sys.stdout`` (``print``) goes to
  stderr, each line prefixed with ``plugin 'NAME': ``, so ``score --json`` stays valid
  JSON. ``sys.stdout`` is one object for the whole process, so swapping it for the
  duration of a call (``contextlib.redirect_stdout``) would also swallow what other
  threads print — the terminal app draws from its own thread while a worker scores.
  Instead a small router is put on ``sys.stdout`` once, and it sends each write by the
  thread that makes it: the plugin's thread to stderr, every other thread where it went
  before. Writes that bypass ``sys.stdout`` (``os.write(1, …)``, ``sys.__stdout__``,
  ``sys.stdout.buffer``) and threads the plugin starts itself are not caught.
- **A time limit.** The call runs in a worker thread, and the caller waits for it at
  most ``timeout`` seconds (``None`` or ``0``: no limit). A call still running then is
  reported as not finishing in time and its result, should it ever come, is ignored.
  Python cannot stop a thread from outside, so the abandoned call keeps running in the
  background until it returns or the process ends (its worker is not reused meanwhile).
  Workers are daemon threads, which never keep the process alive, so ``cxassess score``
  still exits as soon as its own work is done. The limit needs no signals, so it works
  in any thread (the terminal app scores in a worker thread, where ``signal.alarm``
  cannot be used).

What a plugin changes of the process that every other part relies on — ``sys.stdout``,
``sys.stderr`` (replaced, or the process's own closed: a new one is opened on the same
descriptor), the working folder, the file-creation mask (umask), the recursion limit,
``sys.path`` (entries it removed come back, in their place; entries it added stay, after
them) and ``sys.modules`` (a module it removed, or replaced by ``None`` or another
object, is put back; modules it imported stay) — is put back once the calls handed over
together have returned. What no library can undo is not: ``os._exit``, ``os.close(1)``,
a signal handler or a thread it starts, a module's contents it patches.

A run's scorers are handed to one worker together (:func:`call_each`), which runs them
one after another, each with all three promises of its own; the calls after one past
the limit go to another worker. Handing each call over on its own cost two thread
switches per call, more than a short scorer takes.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

from .files import current_umask

DEFAULT_TIMEOUT = 10.0
"""Seconds one plugin call may take (``--plugin-timeout``, ``CXASSESS_PLUGIN_TIMEOUT``)."""

ENV_TIMEOUT = "CXASSESS_PLUGIN_TIMEOUT"


def timeout_from(value: str | float | None, source: str = ENV_TIMEOUT) -> float:
    """A time limit in seconds from an option or the environment: a number ≥ 0, where 0
    means no limit; ``None`` or ``""`` gives the default. Raises ValueError naming
    ``source`` for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not seconds >= 0 or seconds == float("inf"):
        raise ValueError(f"{source}: expected a number of seconds (0 for no limit), got {value!r}")
    return seconds


def plugin_timeout(given: float | None = None, env: Mapping[str, str] | None = None) -> float:
    """The time limit of each plugin call, the one rule for the CLI, the plugin manager
    and :mod:`cxassess.testing`: ``given`` (``--plugin-timeout`` or an argument), else
    ``$CXASSESS_PLUGIN_TIMEOUT`` in ``env`` (default ``os.environ``), else
    :data:`DEFAULT_TIMEOUT`. A bad value in the environment raises ValueError naming it."""
    if given is not None:
        return given
    return timeout_from((os.environ if env is None else env).get(ENV_TIMEOUT))


def describe_error(exc: BaseException) -> str:
    """``Type: message`` (the first line of the message), or the type alone. An exception
    whose message cannot be had (its ``__str__`` raises or returns no string) is named by
    its type."""
    try:
        text = str(exc).strip()
    except Exception:  # noqa: BLE001 — a plugin's exception class is plugin code too
        text = ""
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def seconds(value: float) -> str:
    return f"{value:g} s"


# --------------------------------------------------------------------------- stdout


class _Prefixed:
    """Writes whole lines to the current ``sys.stderr``, each prefixed with a name."""

    def __init__(self, name: str) -> None:
        self.prefix = f"plugin {name!r}: "
        self.pending = ""

    def write(self, text: str) -> int:
        self.pending += str(text)
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self._emit(line)
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self._emit(self.pending)
            self.pending = ""

    def _emit(self, line: str) -> None:
        stream = sys.stderr
        if stream is not None:
            try:
                stream.write(f"{self.prefix}{line}\n")
            except (OSError, ValueError):  # a stderr closed or broken (by plugin code)
                pass


_sinks: dict[int, _Prefixed] = {}
_install_lock = threading.Lock()


class _StdoutRouter:
    """Stands in for ``sys.stdout``: a write from a thread running plugin code goes to that
    plugin's :class:`_Prefixed` sink, any other write to the stream it replaced."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def _stream(self) -> Any:
        return _sinks.get(threading.get_ident()) or self._target

    def write(self, text: str) -> int:
        stream = self._stream()
        return stream.write(text) if stream is not None else len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        stream = self._stream()
        if stream is not None:
            stream.flush()

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, fileno, buffer …
        return getattr(self._target, name)


def _route_stdout() -> None:
    """Put the router on ``sys.stdout``, unless it is there already. Whoever replaces
    ``sys.stdout`` later (a test's capture, the terminal app) gets routed again on the
    next plugin call."""
    if isinstance(sys.stdout, _StdoutRouter):  # the common case: no lock needed
        return
    with _install_lock:
        if not isinstance(sys.stdout, _StdoutRouter):
            sys.stdout = _StdoutRouter(sys.stdout)


# --------------------------------------------------------------------------- calls


class Outcome:
    """What a plugin call came to: its ``value``, or the ``error`` it raised, or
    ``timed_out`` when it did not finish within the limit. (A plain class: a dataclass
    compiles its methods when this module is imported, on every command.)"""

    __slots__ = ("value", "error", "timed_out")

    def __init__(self, value: Any = None, error: BaseException | None = None,
                 timed_out: bool = False) -> None:
        self.value = value
        self.error = error
        self.timed_out = timed_out

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out


class _Job:
    """One plugin call, run by a worker thread. ``done`` is a lock held until the call
    has finished (a bare lock is the cheapest signal between two threads)."""

    __slots__ = ("function", "name", "value", "error", "done")

    def __init__(self, function: Callable[[], Any], name: str) -> None:
        self.function, self.name = function, name
        self.value: Any = None
        self.error: BaseException | None = None
        self.done = threading.Lock()
        self.done.acquire()

    def run(self) -> None:
        me = threading.get_ident()
        sink = _sinks[me] = _Prefixed(self.name)
        try:
            self.value = self.function()
        except BaseException as exc:  # noqa: BLE001 — the whole point: nothing escapes
            self.error = exc
        finally:
            sink.flush()
            _sinks.pop(me, None)
            self.done.release()


class _Batch:
    """Calls one worker runs back to back, so that the caller's thread and the worker
    trade places once per batch rather than twice per call (each trade is a thread
    switch, which costs more than a short scorer). :meth:`stop` keeps the worker from
    starting any further call of the batch, once one of its calls is past the limit."""

    def __init__(self, jobs: list[_Job]) -> None:
        self.jobs = jobs
        self.started = 0
        self.stopped = False
        self.lock = threading.Lock()

    def run(self) -> None:
        for job in self.jobs:
            with self.lock:
                if self.stopped:
                    return
                self.started += 1
            job.run()
            if isinstance(job.error, KeyboardInterrupt):
                return

    def stop(self) -> int:
        """Start no further call; returns how many were started."""
        with self.lock:
            self.stopped = True
            return self.started


_idle: list[_Worker] = []
_idle_lock = threading.Lock()


class _Worker(threading.Thread):
    """A daemon thread that runs batches of plugin calls one after another. Starting a
    thread costs more than a short scorer, so a worker that has finished its batch waits
    for the next; one still busy past the limit is simply not reused until it finishes."""

    def __init__(self) -> None:
        super().__init__(name="cxassess plugin call", daemon=True)
        self.batches: queue.SimpleQueue[_Batch] = queue.SimpleQueue()

    def run(self) -> None:
        while True:
            self.batches.get().run()
            with _idle_lock:
                _idle.append(self)


def _start(jobs: list[_Job]) -> _Batch:
    batch = _Batch(jobs)
    with _idle_lock:
        worker = _idle.pop() if _idle else None
    if worker is None:
        worker = _Worker()
        worker.start()
    worker.batches.put(batch)
    return batch


def call_each(calls: list[tuple[str, Callable[[], Any]]], timeout: float | None
              ) -> list[Outcome]:
    """Run each ``(name, function)`` as plugin ``name``'s code, one after another, with
    every promise of :func:`call` kept for each call on its own: the caller waits at most
    ``timeout`` seconds for each. The calls after one past the limit run in another
    worker. Returns an Outcome per call, in order; re-raises a ``KeyboardInterrupt`` (and
    runs no further call)."""
    _route_stdout()
    streams, folder = (sys.stdout, sys.stderr), _cwd()
    mask, depth = current_umask(), sys.getrecursionlimit()
    path, modules = list(sys.path), sys.modules.copy()
    jobs = [_Job(function, name) for name, function in calls]
    outcomes: list[Outcome] = []
    while len(outcomes) < len(jobs):
        outcomes += _wait(_start(jobs[len(outcomes):]), timeout)
    _put_back(streams, folder, mask, depth)
    _put_back_imports(path, modules)
    return outcomes


def _put_back_imports(path: list[str], modules: dict[str, Any]) -> None:
    """Undo what plugin code changed of the import system: an entry of ``sys.path`` it
    removed (``sys.path.clear()``) and a module of ``sys.modules`` it removed or replaced
    (``sys.modules["json"] = None``) would make the next import in cxassess fail (the
    terminal app and the commands import some modules only when they need them). What
    it added stays: its own imports, and the folders it put on the path to make them."""
    if sys.path != path:
        sys.path[:] = path + [entry for entry in sys.path if entry not in path]
    if not modules.items() <= sys.modules.items():  # one C loop: the usual case is cheap
        for name, module in modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module


def _open_again(stream: Any, name: str, fd: int) -> Any:
    """``stream``, or, when it is (or routes to) the process's own ``sys.__NAME__`` and
    plugin code closed it, a new stream on descriptor ``fd`` (closing ``sys.stdout``
    leaves the descriptor open), which becomes the process's own."""
    own = getattr(sys, f"__{name}__", None)
    target = stream._target if isinstance(stream, _StdoutRouter) else stream
    if target is not own or own is None or not getattr(own, "closed", False):
        return stream
    try:
        new = open(fd, "w", encoding=own.encoding, errors=own.errors, closefd=False,
                   buffering=1 if own.line_buffering else -1)
    except (OSError, ValueError, AttributeError):
        return stream
    setattr(sys, f"__{name}__", new)
    return new


def _put_back(streams: tuple[Any, Any], folder: str | None, mask: int, depth: int) -> None:
    """Undo what plugin code changed of the process: a ``sys.stdout`` or ``sys.stderr``
    it replaced (with a file, None …) would take ``score --json`` and every message after
    it along; a working folder it changed would send every relative path after it (the
    workbook of ``export -o out.xlsx``, the next file to compare) elsewhere; a umask it
    set (``os.umask(0o777)``) would give the files written after it no permissions, and
    a recursion limit it lowered would make the next file read "nested too deeply". Done
    by the caller once the calls returned, never by a worker: a call past the limit that
    returns later must not put back what was current when it started."""
    streams = (_open_again(streams[0], "stdout", 1), _open_again(streams[1], "stderr", 2))
    if sys.stdout is not streams[0] or sys.stderr is not streams[1]:
        sys.stdout, sys.stderr = streams
    if folder is not None and _cwd() != folder:
        try:
            os.chdir(folder)
        except OSError:
            pass
    os.umask(mask)
    if sys.getrecursionlimit() != depth:
        sys.setrecursionlimit(depth)


def _cwd() -> str | None:
    try:
        return os.getcwd()
    except OSError:  # it was removed
        return None


def _wait(batch: _Batch, timeout: float | None) -> list[Outcome]:
    """The outcomes of the calls the batch's worker runs: all of them, or those up to and
    including the first one past the limit (the worker starts no further call then)."""
    limit = min(timeout, threading.TIMEOUT_MAX) if timeout else -1
    out: list[Outcome] = []
    end = len(batch.jobs)
    for job in batch.jobs:
        if len(out) == end:
            break
        if not job.done.acquire(timeout=limit):
            out.append(Outcome(timed_out=True))
            end = batch.stop()
        elif isinstance(job.error, KeyboardInterrupt):
            raise job.error
        else:
            out.append(Outcome(value=job.value, error=job.error))
    return out


def call(function: Callable[..., Any], *args: Any, name: str, timeout: float | None,
         **kwargs: Any) -> Outcome:
    """Run ``function(*args, **kwargs)`` as plugin ``name``'s code (see the module
    docstring): in a daemon thread, its prints on stderr, waiting at most ``timeout``
    seconds. Re-raises a ``KeyboardInterrupt``; returns everything else as an Outcome."""
    [outcome] = call_each([(name, lambda: function(*args, **kwargs))], timeout)
    return outcome


def failure(outcome: Outcome, timeout: float | None) -> str:
    """How a failed call reads in a warning: the exception, or the time limit."""
    if outcome.timed_out:
        return (f"did not finish within {seconds(timeout or 0)} (--plugin-timeout); "
                "it runs on in the background until cxassess exits")
    assert outcome.error is not None
    return describe_error(outcome.error)
