"""Time the headless path: `cxassess score --json` as a command, and load → score → plan
in-process. Run: python benchmarks/bench_score.py [ASSESSMENT.toml]

Prints the median of repeated runs; the figures in the README come from this script.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from timing import EXAMPLE, median_seconds


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE
    from cxassess import pipeline
    from cxassess.export.jsondoc import dumps, score_document
    from cxassess.plugins import load_plugins

    plugins = load_plugins()
    result = pipeline.run(path, plugins)
    n_answers = sum(len(r.answers) for r in result.loaded.assessment.respondents)

    def in_process():
        r = pipeline.run(path, plugins)
        dumps(score_document(r.report, r.roadmap))

    def command():
        subprocess.run([sys.executable, "-m", "cxassess", "score", str(path), "--json"],
                       check=True, capture_output=True)

    def import_cli():
        subprocess.run([sys.executable, "-c", "import cxassess.cli"], check=True)

    print(f"{path.name}: {len(result.loaded.assessment.respondents)} respondents, "
          f"{n_answers} answers, {len(result.roadmap.initiatives)} initiatives")
    print(f"load + score + plan + JSON, in-process : {median_seconds(in_process, 50) * 1000:7.1f} ms")
    print(f"python -c 'import cxassess.cli'         : {median_seconds(import_cli, 10) * 1000:7.1f} ms")
    print(f"cxassess score --json (whole command)   : {median_seconds(command, 10) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
