"""Time the Excel export against baselines run in the same loop (see timing.py).

    python benchmarks/bench_export.py [--pairs N] [--whole-runs N] [--sweep 1,50,500,5000]
                                      [--wall] [ASSESSMENT.toml]

Rows (the goals of the performance issue):

- ``write_workbook`` on the example (build and save, in-process) against the same cell
  values written with plain openpyxl, one sheet each as in the workbook; goal ≤ 1.5×.
  In-process pairs are timed in processor time (``--wall`` for the wall clock).
- ``write_workbook`` at 500 respondents against openpyxl's write-only mode writing the same
  cell values; goal ≤ 1.5× time, and peak memory (Python allocations while the workbook
  is made and saved to a file, tracemalloc) ≤ 2× write-only's, and flat: about the same
  peak at each size of the sweep (each, as the 500-respondent figure, measured on a
  second export of its assessment, so what the first put in caches is not counted).
- ``cxassess export`` of a 5,000-respondent assessment, the whole process: ≤ 20 s and
  ≤ 250 MB peak (maximum resident set).
- the sweep: ``cxassess export`` as a whole process on generated assessments of 1, 50, 500
  and 5,000 respondents (processor time, or wall with ``--wall``), with the process's peak
  memory.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generate import write
from timing import (EXAMPLE, PYTHON, mib, paired, peak_memory, row, run, size_sweep, timed,
                    traced_peak)

BIG = 500
SMALL = 50
WHOLE = 5000
WHOLE_SECONDS, WHOLE_BYTES = 20.0, 250 * 10**6
SWEEP = (1, 50, 500, 5000)


CLOCK = time.process_time  # steadier than wall time on a shared machine; --wall for that


def cpu(fn):
    """``fn`` timed on :data:`CLOCK`."""
    return timed(fn, CLOCK)


def export_command(path: Path, out: Path) -> list[str]:
    return [PYTHON, "-m", "cxassess", "export", str(path), "-o", str(out)]


def cells_of(data: bytes) -> list[tuple[str, list[list]]]:
    """Every sheet of a saved workbook as rows of values (None where a cell is empty)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb]


def plain_openpyxl(sheets: list[tuple[str, list[list]]]) -> None:
    """The baseline: the same values, cell by cell, with a plain openpyxl workbook."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    ws.cell(r, c).value = value
    wb.save(io.BytesIO())


def write_only_openpyxl(sheets: list[tuple[str, list[list]]], out: Path | None = None) -> None:
    """The baseline at scale: the same values, row by row, in openpyxl's write-only mode."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for values in rows:
            ws.append(values)
    wb.save(io.BytesIO() if out is None else out)


def example_row(path: Path, plugins, pairs: int) -> str:
    from cxassess import pipeline
    from cxassess.export.excel import workbook_bytes

    result = pipeline.run(path, plugins)
    sheets = cells_of(workbook_bytes(result))
    result = paired(cpu(lambda: workbook_bytes(result)), cpu(lambda: plain_openpyxl(sheets)),
                    pairs)
    return row("write_workbook, example", result, "plain openpyxl, same cells", goal=1.5)


def big_rows(folder: Path, plugins, pairs: int, sizes: list[int]) -> list[str]:
    from cxassess import pipeline
    from cxassess.export.excel import build_workbook, workbook_bytes

    result = pipeline.run(write(folder / f"big-{BIG}.toml", BIG, seed=1), plugins)
    sheets = cells_of(workbook_bytes(result))
    times = paired(cpu(lambda: workbook_bytes(result)), cpu(lambda: write_only_openpyxl(sheets)),
                   pairs)
    # memory while the workbook is made and saved to a file, so neither counts its output
    out = folder / "big.xlsx"
    figure = traced_peak(lambda: build_workbook(result).save(out))
    baseline = traced_peak(lambda: write_only_openpyxl(sheets, out))
    ratio = figure / baseline
    flat = []
    for n in sizes or [SMALL]:
        sized = result if n == BIG else pipeline.run(
            write(folder / f"memory-{n}.toml", n, seed=1), plugins)
        build_workbook(sized).save(out)
        flat.append(f"{n:,}: {mib(traced_peak(lambda: build_workbook(sized).save(out))).strip()}")
    return [row(f"write_workbook, {BIG} respondents", times, "openpyxl write-only", goal=1.5),
            f"{f'write_workbook, {BIG} respondents, memory':<44} {mib(figure)}   "
            f"baseline {mib(baseline)} (openpyxl write-only)   ratio {ratio:.2f}×   "
            f"goal ≤ 2× {'ok' if ratio <= 2 else 'MISSED'}",
            f"{'  by respondents':<44} {', '.join(flat)}"]


def whole_row(folder: Path, runs: int) -> str:
    path = write(folder / f"whole-{WHOLE}.toml", WHOLE, seed=1)
    command = export_command(path, folder / "whole.xlsx")
    times = [run(command) for _ in range(runs)]
    wall, peak = statistics.median(times), peak_memory(command)
    processor = run(command, cpu=True)
    ok = wall <= WHOLE_SECONDS and peak <= WHOLE_BYTES
    return (f"{f'cxassess export, {WHOLE:,} respondents':<44} {wall:8.2f} s  "
            f"({min(times):.2f}–{max(times):.2f}, {runs} runs; {processor:.2f} s processor)"
            f"   peak {mib(peak)}   "
            f"goal ≤ {WHOLE_SECONDS:.0f} s, ≤ {WHOLE_BYTES / 10**6:.0f} MB "
            f"{'ok' if ok else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assessment", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--whole-runs", type=int, default=3,
                        help=f"runs of the {WHOLE:,}-respondent export (0: skip it)")
    parser.add_argument("--sweep", default=",".join(map(str, SWEEP)),
                        help="respondent counts for the sweep (comma list, empty: none)")
    parser.add_argument("--wall", action="store_true",
                        help="time in-process pairs on the wall clock, not processor time")
    args = parser.parse_args()
    if args.wall:
        global CLOCK
        CLOCK = time.perf_counter
    from cxassess.plugins import load_plugins

    plugins = load_plugins()
    print(f"Python {sys.version.split()[0]}; figure, baseline (medians) and ratio "
          f"median (min–max) of paired runs")
    print(example_row(args.assessment, plugins, args.pairs))
    sizes = [int(n) for n in args.sweep.split(",") if n.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(big_rows(Path(tmp), plugins, args.pairs, sizes)))
        if args.whole_runs:
            print(whole_row(Path(tmp), args.whole_runs))
        if sizes:
            print()
            folder = Path(tmp)
            print("\n".join(size_sweep(
                "cxassess export",
                lambda n: export_command(write(folder / f"sweep-{n}.toml", n, seed=1),
                                         folder / f"sweep-{n}.xlsx"),
                sizes, cpu=CLOCK is time.process_time, once_from=5000)))


if __name__ == "__main__":
    main()
