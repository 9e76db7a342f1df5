"""Progress of long work, shown on stderr as a bar only when stderr is a terminal and the
work has taken longer than about a second; nothing at all otherwise (scripts, pipes,
``--json``), and rich is imported only when the bar is shown.

    with Progress() as progress:
        progress.phase("Scoring")                  # a phase of unknown length
        result = pipeline.run(...)
        progress.phase("Writing the workbook")
        write_workbook(result, out, progress=progress.update)
"""

from __future__ import annotations

import os
import sys
import threading
from typing import IO, Any

DELAY = 1.0
"""Seconds of work before the bar appears, unless env ``CXASSESS_PROGRESS_DELAY`` says."""
ENV_DELAY = "CXASSESS_PROGRESS_DELAY"


def env_delay() -> float:
    """The delay env ``CXASSESS_PROGRESS_DELAY`` sets (seconds, 0 or more), else ``DELAY``."""
    try:
        seconds = float(os.environ.get(ENV_DELAY, DELAY))
    except ValueError:
        return DELAY
    return seconds if 0 <= seconds < 3600 else DELAY


class Progress:
    def __init__(self, stream: IO[str] | None = None, delay: float | None = None):
        self.stream = sys.stderr if stream is None else stream
        delay = env_delay() if delay is None else delay
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self._lock = threading.Lock()
        self._label, self._total, self._done = "", None, 0
        self._bar: Any = None
        self._task: Any = None
        self._timer = threading.Timer(delay, self._show) if self.enabled else None
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()

    def phase(self, label: str, total: int | None = None) -> None:
        """Start a phase: ``total`` steps, or of unknown length when None."""
        with self._lock:
            self._label, self._total, self._done = label, total, 0
            if self._bar is not None:
                self._bar.update(self._task, description=label, total=total, completed=0)

    def advance(self, steps: int = 1) -> None:
        self.update(self._done + steps, self._total)

    def update(self, done: int, total: int | None) -> None:
        """``done`` of ``total`` steps of the current phase are done."""
        with self._lock:
            self._done, self._total = done, total
            if self._bar is not None:
                self._bar.update(self._task, completed=done, total=total)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, Progress as Bar, TaskProgressColumn, TextColumn,
                                   TimeElapsedColumn)

        with self._lock:
            if self._timer is None:  # closed meanwhile
                return
            self._bar = Bar(TextColumn("{task.description}"), BarColumn(),
                            TaskProgressColumn(), TimeElapsedColumn(),
                            console=Console(file=self.stream), transient=True)
            self._task = self._bar.add_task(self._label, total=self._total,
                                            completed=self._done)
            self._bar.start()

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._bar is not None:
                self._bar.stop()
                self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
