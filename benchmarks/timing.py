"""What the benchmark scripts share: paired A/B timing against a baseline, and peak memory.

A machine shared with other work makes bare times wander by a factor of two or three, so
every goal is a *ratio* against a baseline timed in the same loop: each pair runs the
figure and the baseline back to back (alternating which goes first), and the ratio of
each pair is what counts. :func:`row` prints the figure, the baseline and the ratio as
"median (min–max)" of the pairs::

    clock = time.process_time                  # or time.perf_counter
    result = paired(timed(work, clock), timed(baseline, clock), pairs=10)
    print(row("load + score + plan", result, "tomllib.load", goal=1.5))

:func:`run` times a whole command: its wall time, or (``cpu=True``) the processor time
it used. Processor time leaves out the time a busy machine makes the command wait, which
is most of the spread on a shared machine; wall time is what a user waits.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "nordlys-energi.toml"
PYTHON = sys.executable

if sys.version_info >= (3, 11):
    TOML_MODULE = "tomllib"
else:
    TOML_MODULE = "tomli"


def seconds(fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    start = clock()
    fn()
    return clock() - start


def timed(fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter
          ) -> Callable[[], float]:
    """``fn`` as a callable that runs it and returns the time it took on ``clock``."""
    return lambda: seconds(fn, clock)


@dataclass
class Paired:
    """The times of ``figure`` and ``baseline``, pair by pair (seconds)."""

    figure: list[float]
    baseline: list[float]

    @property
    def ratios(self) -> list[float]:
        return [f / b for f, b in zip(self.figure, self.baseline)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)


def rounds(runs: Sequence[Callable[[], float]], count: int = 10, warmup: int = 1
           ) -> list[list[float]]:
    """Run each of ``runs`` once per round, ``count`` rounds (after ``warmup`` untimed
    ones), in the reverse order every other round. Each returns the time it took (see
    :func:`timed` and :func:`run`); the result holds each one's times, round by round."""
    for _ in range(warmup):
        for fn in runs:
            fn()
    times: list[list[float]] = [[] for _ in runs]
    for i in range(count):
        order = range(len(runs)) if i % 2 == 0 else reversed(range(len(runs)))
        for j in order:
            times[j].append(runs[j]())
    return times


def paired(figure: Callable[[], float], baseline: Callable[[], float], pairs: int = 10,
           warmup: int = 1) -> Paired:
    """Run ``figure`` and ``baseline`` back to back ``pairs`` times (after ``warmup``
    untimed pairs), alternating which of the two runs first (see :func:`rounds`)."""
    return Paired(*rounds([figure, baseline], pairs, warmup))


def ms(value: float) -> str:
    return f"{value * 1000:8.2f} ms"


def row(label: str, result: Paired, baseline_label: str, goal: float | None = None,
        per: float = 1.0) -> str:
    """One line: the figure and the baseline (medians, divided by ``per``, e.g. the
    number of respondents for a per-respondent figure), the ratio as median (min–max)
    and, when given, the goal with "ok" or "MISSED"."""
    ratios = result.ratios
    line = (f"{label:<44} {ms(statistics.median(result.figure) / per)}   "
            f"baseline {ms(statistics.median(result.baseline) / per)} ({baseline_label})   "
            f"ratio {result.ratio:.2f}× ({min(ratios):.2f}–{max(ratios):.2f}), "
            f"{len(ratios)} pairs")
    if goal is not None:
        line += f"   goal ≤ {goal:g}× {'ok' if result.ratio <= goal else 'MISSED'}"
    return line


# Commands run as an installed program does: with its modules' bytecode cached (an
# install writes it; a source checkout writes it on the first run), whatever
# PYTHONDONTWRITEBYTECODE says in the environment the benchmark was started from.
COMMAND_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(argv: Sequence[str], cpu: bool = False) -> float:
    """Run a command to the end and return its wall time, or with ``cpu`` the processor
    time it used (user + system, seconds); raise when it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=subprocess.DEVNULL, stderr=errors,
                                env=COMMAND_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(map(str, argv))} failed:\n"
                             f"{errors.read().decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime if cpu else elapsed


# A child's peak resident set counts what its parent had when it forked, so the command
# is started from a small fresh interpreter that reports its children's peak (KiB).
_PEAK = ("import resource, subprocess, sys; "
         "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_memory(argv: Sequence[str]) -> int:
    """The peak memory (bytes, maximum resident set) of a command run to the end."""
    out = subprocess.run([PYTHON, "-c", _PEAK, *map(str, argv)], check=True,
                         capture_output=True, text=True, env=COMMAND_ENV).stdout
    return int(out.split()[-1]) * 1024


def traced_peak(fn: Callable[[], object]) -> int:
    """The peak of Python memory allocated while ``fn`` runs (bytes, tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def mib(value: float) -> str:
    return f"{value / 2**20:7.1f} MiB"


def size_sweep(label: str, command_for: Callable[[int], Sequence[str]], sizes: Sequence[int],
               cpu: bool, runs: int = 3, once_from: int | None = None) -> list[str]:
    """A table of one command by size: the median of ``runs`` runs (one run from
    ``once_from`` respondents on), the time per respondent and the peak memory."""
    width = max(len(label), 12)
    lines = [f"{'respondents':>11} {label:>{width}} {'per respondent':>15} {'peak memory':>12}"]
    for n in sizes:
        command = command_for(n)
        times = runs if once_from is None or n < once_from else 1
        took = statistics.median(run(command, cpu) for _ in range(times))
        lines.append(f"{n:>11,} {ms(took):>{width}} {ms(took / n):>15} "
                     f"{mib(peak_memory(command)):>12}")
    return lines
