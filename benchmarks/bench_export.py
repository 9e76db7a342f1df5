"""Time the Excel export: building the workbook, saving it, and the whole
`cxassess export` command. Run: python benchmarks/bench_export.py [ASSESSMENT.toml]

Prints medians of repeated runs. Not a timed test: the goal is that exporting a
realistic assessment takes well under a second.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import EXAMPLE, median_seconds


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE
    from cxassess import pipeline
    from cxassess.export.excel import build_workbook, write_workbook
    from cxassess.plugins import load_plugins

    plugins = load_plugins()
    result = pipeline.run(path, plugins)
    n_answers = sum(len(q.answers) for q in result.report.questions)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "board.xlsx"

        def build():
            build_workbook(result)

        def build_and_save():
            build_workbook(result).save(io.BytesIO())

        def write():
            write_workbook(result, out)

        def whole():
            r = pipeline.run(path, plugins)
            write_workbook(r, out)

        def command():
            subprocess.run([sys.executable, "-m", "cxassess", "export", str(path), "-o",
                            str(out)], check=True, capture_output=True)

        write()
        size = out.stat().st_size
        print(f"{path.name}: {len(result.report.respondents)} respondents, {n_answers} answers, "
              f"{len(result.roadmap.initiatives)} initiatives, {len(result.report.gaps)} gaps; "
              f"workbook {size / 1024:.0f} KiB")
        print(f"build the workbook (openpyxl, in memory)  : {median_seconds(build, 20) * 1000:7.1f} ms")
        print(f"build + save to bytes                      : {median_seconds(build_and_save, 20) * 1000:7.1f} ms")
        print(f"write_workbook (build, save, atomic write) : {median_seconds(write, 20) * 1000:7.1f} ms")
        print(f"load + score + plan + write, in-process    : {median_seconds(whole, 20) * 1000:7.1f} ms")
        print(f"cxassess export (whole command)            : {median_seconds(command, 5) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
