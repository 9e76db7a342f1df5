"""What the benchmark scripts share: paired A/B timing against a baseline, and peak memory.

A machine shared with other work makes bare times wander by a factor of two or three, so
every goal is a *ratio* against a baseline timed in the same loop: each pair runs the
figure and the baseline back to back (alternating which goes first), and the ratio of
each pair is what counts. :func:`row` prints the figure, the baseline and the ratio as
"median (min–max)" of the pairs::

    result = paired(lambda: work(), lambda: baseline(), pairs=10)
    print(row("load + score + plan", result, "tomllib.load", goal=1.5))
"""

from __future__ import annotations

import statistics
import subprocess
import sys
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


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(seconds(fn) for _ in range(runs))


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


def paired(figure: Callable[[], object], baseline: Callable[[], object], pairs: int = 10,
           warmup: int = 1) -> Paired:
    """Time ``figure`` and ``baseline`` back to back ``pairs`` times (after ``warmup``
    untimed pairs), alternating which of the two runs first."""
    for _ in range(warmup):
        figure()
        baseline()
    result = Paired([], [])
    for i in range(pairs):
        if i % 2:
            b = seconds(baseline)
            f = seconds(figure)
        else:
            f = seconds(figure)
            b = seconds(baseline)
        result.figure.append(f)
        result.baseline.append(b)
    return result


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


def run(argv: Sequence[str]) -> float:
    """Run a command to the end and return its wall time (seconds); raise when it fails."""
    start = time.perf_counter()
    proc = subprocess.run(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, argv))} failed ({proc.returncode}):\n"
                         f"{proc.stderr.decode(errors='replace')}")
    return elapsed


# A child's peak resident set counts what its parent had when it forked, so the command
# is started from a small fresh interpreter that reports its children's peak (KiB).
_PEAK = ("import resource, subprocess, sys; "
         "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_memory(argv: Sequence[str]) -> int:
    """The peak memory (bytes, maximum resident set) of a command run to the end."""
    out = subprocess.run([PYTHON, "-c", _PEAK, *map(str, argv)], check=True,
                         capture_output=True, text=True).stdout
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
