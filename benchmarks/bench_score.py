"""Time the headless path against baselines run in the same loop (see timing.py).

    python benchmarks/bench_score.py [--pairs N] [--sweep 1,50,500,5000] [--wall] [FILE]
    python benchmarks/bench_score.py --against DIR [--pairs N] [--wall]

Rows (the goals of the performance issue):

- ``score --json``, cold: the whole ``cxassess score FILE --json`` process against a
  process that only imports the floor it stands on (pydantic's BaseModel, pluggy and the
  TOML parser); goal ≤ 1.3×.
- the floor: what a program on this stack pays before doing anything of its own, when it
  finds plugins the usual way — the baseline plus one pydantic model built and used (the
  first one imports the rest of pydantic, and importlib.metadata to scan the installed
  packages for pydantic plugins) plus a scan of the ``cxassess`` entry-point group with
  importlib.metadata (how plugins are found; DESIGN.md), against the same baseline; then
  the part of it cxassess still pays, the first model alone with pydantic's plugin search
  left out (cxassess spares it when no package declares a pydantic plugin and reads its
  own entry points without importlib.metadata: ``cxassess.entrypoints``); and
  ``score --json`` against the floor. All run in the same loop.
- load + score + plan in-process on a one-respondent assessment (generated: every
  question of the four-F questionnaire answered once, ``generate.write(path, 1, seed=1)``):
  runs per second; goal ≥ 500/s. Printed with it: the same on the example (four
  respondents), for information, then what bounds the rate: loading alone (reading,
  parsing and validating the file and finding its questionnaire) and the TOML parser
  alone, on the one-respondent file.
- per extra respondent: (500 respondents − 1 respondent) / 499 against the TOML parser
  reading the 500-respondent file, per respondent; goal ≤ 1.5×.
- the sweep: ``score --json`` as a whole process on generated assessments of 1, 50, 500
  and 5,000 respondents, with the process's peak memory.

``--against DIR`` prints only the rate row, by turns with the code in DIR (a checkout of
another commit, e.g. ``git worktree add /tmp/before COMMIT``): each of ``--pairs`` rounds
times a fresh process of each (in alternating order, 5 batches of 50 runs each, after one
untimed run), and the row gives both rates and the ratio of each round's pair, so a
machine that speeds up or slows down meanwhile moves both alike.

Times are processor time (what the work costs, whatever else the machine is doing);
``--wall`` times the wall clock instead (what a user waits, on a quiet machine).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import write
from timing import COMMAND_ENV, EXAMPLE, PYTHON, TOML_MODULE, Paired, paired, rounds, row, run, \
    seconds, size_sweep

BASELINE_IMPORTS = f"from pydantic import BaseModel; import pluggy, {TOML_MODULE}"
MODEL = ["class A(BaseModel):", "    x: int", "A(x=1)"]
FLOOR = "\n".join([BASELINE_IMPORTS, *MODEL,
                   "from importlib.metadata import entry_points",
                   "list(entry_points(group='cxassess'))"])
FIRST_MODEL = "\n".join([  # pydantic's plugin search left out: a loader that finds none
    "import sys, types", "loader = types.ModuleType('pydantic.plugin._loader')",
    "loader.get_plugins = lambda: ()", "sys.modules[loader.__name__] = loader",
    BASELINE_IMPORTS, *MODEL])
RATE_GOAL = 500
SWEEP = (1, 50, 500, 5000)


def score_command(path: Path) -> list[str]:
    return [PYTHON, "-m", "cxassess", "score", str(path), "--json"]


def cold(path: Path, pairs: int, cpu: bool) -> list[str]:
    score, floor, first, baseline = rounds(
        [lambda: run(score_command(path), cpu), lambda: run([PYTHON, "-c", FLOOR], cpu),
         lambda: run([PYTHON, "-c", FIRST_MODEL], cpu),
         lambda: run([PYTHON, "-c", BASELINE_IMPORTS], cpu)], pairs)
    return [row("score --json, cold whole process", Paired(score, baseline), "imports only",
                goal=1.3),
            row("floor: + one model + entry-point scan", Paired(floor, baseline), "imports only"),
            row("  of which the first model", Paired(first, baseline), "imports only"),
            row("score --json against the floor", Paired(score, floor), "the floor")]


def rate(label: str, work, batches: int, clock, per_batch: int = 50) -> tuple[float, str]:
    """Runs of ``work`` per second: the median of ``batches`` batches (after one untimed
    run), and the line that shows it."""
    work()
    rates = [per_batch / seconds(lambda: [work() for _ in range(per_batch)], clock)
             for _ in range(batches)]
    median = statistics.median(rates)
    return median, (f"{label:<44} {median:8.0f} /s   "
                    f"({min(rates):.0f}–{max(rates):.0f}, {batches} batches of {per_batch})")


def in_process_rate(folder: Path, example: Path, plugins, batches: int, clock) -> list[str]:
    """The rate row on a one-respondent assessment, then (for information) the example's
    rate, and the rates of loading alone and of the TOML parser alone on the
    one-respondent file."""
    from cxassess import pipeline

    one = write(folder / "rate-one.toml", 1, seed=1)
    per_second, line = rate("load + score + plan, in-process, 1 respondent",
                            lambda: pipeline.run(one, plugins), batches, clock)
    text = one.read_text(encoding="utf-8")
    toml = __import__(TOML_MODULE)
    return [f"{line}   goal ≥ {RATE_GOAL}/s {'ok' if per_second >= RATE_GOAL else 'MISSED'}",
            rate(f"  the same, {example.name}", lambda: pipeline.run(example, plugins),
                 batches, clock)[1],
            rate("  load alone (read, parse, validate)",
                 lambda: pipeline.load(one, plugins), batches, clock)[1],
            rate(f"  {TOML_MODULE}.loads of the 1-respondent file",
                 lambda: toml.loads(text), batches, clock)[1]]


RATE_CHILD = """
import statistics, sys, time
from cxassess import pipeline
from cxassess.plugins import load_plugins
plugins, path, clock = load_plugins(), sys.argv[1], getattr(time, sys.argv[2])
pipeline.run(path, plugins)
rates = []
for _ in range(5):
    start = clock()
    for _ in range(50):
        pipeline.run(path, plugins)
    rates.append(50 / (clock() - start))
print(statistics.median(rates))
"""


def rate_against(folder: Path, other: Path, pairs: int, cpu: bool) -> str:
    """The rate row by turns with the code in ``other`` (see the module docstring)."""
    one = write(folder / "rate-one.toml", 1, seed=1)

    def rate_of(code: Path | None) -> float:
        env = dict(COMMAND_ENV)
        if code is not None:
            env["PYTHONPATH"] = str(code)
        out = subprocess.run([PYTHON, "-c", RATE_CHILD, str(one),
                              "process_time" if cpu else "perf_counter"], env=env, cwd=folder,
                             capture_output=True, text=True, check=True).stdout
        return float(out)

    now, before = rounds([lambda: rate_of(None), lambda: rate_of(other.resolve())], pairs)
    ratios = [a / b for a, b in zip(now, before)]
    median = statistics.median(now)
    return (f"load + score + plan, in-process, 1 respondent: {median:.0f}/s ({min(now):.0f}–"
            f"{max(now):.0f}); {other}: {statistics.median(before):.0f}/s; "
            f"ratio {statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f}), "
            f"{pairs} pairs   goal ≥ {RATE_GOAL}/s "
            f"{'ok' if median >= RATE_GOAL else 'MISSED'}")


def per_respondent(folder: Path, plugins, pairs: int, clock, size: int = 500) -> str:
    from cxassess import pipeline

    one, big = write(folder / "one.toml", 1, seed=1), write(folder / "big.toml", size, seed=1)
    toml = __import__(TOML_MODULE)

    def parse() -> None:
        with open(big, "rb") as fh:
            toml.load(fh)

    def extra() -> float:
        """What the file's 499 extra respondents cost, per respondent."""
        return (seconds(lambda: pipeline.run(big, plugins), clock)
                - seconds(lambda: pipeline.run(one, plugins), clock)) / (size - 1)

    result = paired(extra, lambda: seconds(parse, clock) / size, pairs)
    return row(f"per extra respondent, at {size}", result, f"{TOML_MODULE}.load", goal=1.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assessment", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--sweep", default=",".join(map(str, SWEEP)),
                        help="respondent counts for the sweep (comma list, empty: none)")
    parser.add_argument("--wall", action="store_true",
                        help="time the wall clock, not processor time")
    parser.add_argument("--against", type=Path,
                        help="only the rate row, by turns with the code in this checkout")
    args = parser.parse_args()
    cpu = not args.wall
    if args.against is not None:
        with tempfile.TemporaryDirectory() as tmp:
            print(rate_against(Path(tmp), args.against, args.pairs, cpu))
        return
    clock = time.process_time if cpu else time.perf_counter
    from cxassess.plugins import load_plugins

    plugins = load_plugins()
    print(f"Python {sys.version.split()[0]}, {'processor' if cpu else 'wall-clock'} time; "
          "figure, baseline (medians) and ratio median (min–max) of paired runs")
    print("\n".join(cold(args.assessment, args.pairs, cpu)))
    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(in_process_rate(Path(tmp), args.assessment, plugins, args.pairs, clock)))
        print(per_respondent(Path(tmp), plugins, args.pairs, clock))
        sizes = [int(n) for n in args.sweep.split(",") if n.strip()]
        if sizes:
            print()
            folder = Path(tmp)
            print("\n".join(size_sweep(
                "score --json",
                lambda n: score_command(write(folder / f"sweep-{n}.toml", n, seed=1)),
                sizes, cpu)))


if __name__ == "__main__":
    main()
