"""Time forms out and answers in at organisation scale: writing 500 fill-in forms,
and collecting 500 filled ones. Run: python benchmarks/bench_collect.py [RESPONDENTS]

The respondents and their answers come from generate.py (the same seed, the same
figures). Forms are written for an assessment with those respondents and no answers,
then filled the way a spreadsheet saves them (levels typed as numbers or chosen as the
drop-down's "3 – …" label, n/a, importance, the odd note) by editing the saved XML, and
collected — in-process and as the whole `cxassess collect` command. Forms are written
one after another and read in one worker process per core; the figures say how many cores there were.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from generate import write as generate

N = int(sys.argv[1]) if len(sys.argv) > 1 else 500


def _empty(path: Path, out: Path) -> Path:
    """The assessment with its respondents but none of their answers."""
    lines, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[respondents.answers]"):
            skipping = True
        elif line.startswith("[[respondents]]"):
            skipping = False
        if not skipping:
            lines.append(line)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _fill(form: Path, answers: dict, sheet_part: str = "xl/worksheets/sheet2.xml") -> None:
    """Type ``answers`` (question id → level, "n/a" or {level, importance, note}) into a
    saved form by editing its questions sheet, as a spreadsheet application saves it."""
    with zipfile.ZipFile(form) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts[sheet_part].decode("utf-8")
    row_of = {qid: row for row, qid in re.findall(r'<c r="A(\d+)"[^>]*><is><t>([a-z0-9_-]+)</t>',
                                                  xml)}
    for i, (qid, answer) in enumerate(answers.items()):
        row = row_of.get(qid)
        if row is None:
            continue
        table = answer if isinstance(answer, dict) else {"level": answer}
        level = table.get("level")
        if level == "n/a":
            xml = _put(xml, f"E{row}", "n/a")
        elif level is not None:
            xml = _put(xml, f"E{row}", level if i % 2 else f"{level} – x")
        if table.get("importance") is not None:
            xml = _put(xml, f"F{row}", table["importance"])
        if table.get("note"):
            xml = _put(xml, f"G{row}", table["note"])
    parts[sheet_part] = xml.encode("utf-8")
    with zipfile.ZipFile(form, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def _put(xml: str, ref: str, value) -> str:
    def cell(match: re.Match) -> str:
        style = match.group(1)
        if isinstance(value, int):
            return f'<c r="{ref}"{style}><v>{value}</v></c>'
        text = str(value).replace("&", "&amp;").replace("<", "&lt;")
        return f'<c r="{ref}"{style} t="inlineStr"><is><t>{text}</t></is></c>'
    return re.sub(rf'<c r="{ref}"((?: s="\d+")?)(?: t="n")?\s*/>', cell, xml, count=1)


def main() -> None:
    from cxassess import pipeline
    from cxassess.collect import check_form, merge
    from cxassess.export.formreader import read_forms
    from cxassess.export.forms import write_forms
    from cxassess.loading import load_assessment_data
    from cxassess.plugins import load_plugins

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        truth = generate(tmp / "truth.toml", N, seed=1)
        empty = _empty(truth, tmp / "client.toml")
        loaded = pipeline.load(empty, load_plugins())
        answers = {r.name: {q: a.model_dump() for q, a in r.answers.items()}
                   for r in load_assessment_data(truth)[0].respondents}

        start = time.perf_counter()
        written = write_forms(loaded.assessment, loaded.questionnaire, tmp / "forms")
        write_s = time.perf_counter() - start
        for form, r in zip(written, loaded.assessment.respondents):
            _fill(form, {q: (a["level"] if not a["not_applicable"] else "n/a")
                         if not (a["importance"] or a["note"]) else
                         {"level": "n/a" if a["not_applicable"] else a["level"],
                          "importance": a["importance"], "note": a["note"]}
                         for q, a in answers[r.name].items()})

        start = time.perf_counter()
        forms = read_forms(written)
        returned = []
        for form in forms:
            found, bad = check_form(form, loaded.assessment, loaded.questionnaire)
            assert not bad, bad[:3]
            returned += found
        merged, changes = merge(loaded.assessment, returned)
        collect_s = time.perf_counter() - start
        assert sum(c.added for c in changes) == sum(len(a) for a in answers.values())

        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cxassess", "collect", str(empty), *map(str, written)],
                       check=True, capture_output=True)
        command_s = time.perf_counter() - start
        shutil.rmtree(tmp / "forms")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cxassess", "forms", str(empty), "-o",
                        str(tmp / "forms")], check=True, capture_output=True)
        forms_command_s = time.perf_counter() - start

    n_answers = sum(len(a) for a in answers.values())
    print(f"{N} respondents, {n_answers} answers, {cores} core(s)")
    print(f"write {N} forms (write_forms)              : {write_s:6.1f} s  ({write_s / N * 1000:.0f} ms per form)")
    print(f"cxassess forms (whole command)            : {forms_command_s:6.1f} s")
    print(f"read + check + merge {N} forms, in-process : {collect_s:6.1f} s  ({collect_s / N * 1000:.1f} ms per form)")
    print(f"cxassess collect (whole command, writes)  : {command_s:6.1f} s")


if __name__ == "__main__":
    main()
