"""The terminal app tells what replacing a workbook carried over, and what it could not
carry over as it was, as ``cxassess export --previous`` does on the command line."""

from __future__ import annotations

import pytest

from cxassess.tui.screens.dialogs import ConfirmDialog
from cxassess.tui.screens.question import QuestionScreen

from helpers import rows_by_id, type_work
from test_tui import dev_assessment, plugins, run_async, running, settle  # noqa: F401 (fixture)


async def _export(pilot, replace: bool) -> None:
    await pilot.press("ctrl+e")
    await pilot.pause()
    await pilot.press("enter")  # the default path
    await pilot.pause()
    if replace:
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QuestionScreen)


@pytest.mark.parametrize("lang, status, told", [
    ("en", "Waiting for IT", [
        "Carried over from testfirma.xlsx: the Owner, Due or Status of 1 initiative(s) of "
        "this roadmap.",
        "the status “Waiting for IT” of {id} is not one cxassess knows: carried over as "
        "typed, with a comment."]),
    ("da", "Venter på IT", [
        "Overført fra testfirma.xlsx: Ansvarlig, Frist eller Status for 1 initiativ(er) på "
        "denne køreplan.",
        "cxassess kender ikke status “Venter på IT” for {id}; den er overført, som den var "
        "skrevet, med en kommentar."]),
])
@run_async
async def test_replacing_a_workbook_tells_what_was_carried_over(tmp_path, plugins, lang,
                                                                 status, told):
    from openpyxl import load_workbook

    path = dev_assessment(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('language = "en"',
                                                             f'language = "{lang}"'),
                    encoding="utf-8")
    workbook = tmp_path / "testfirma.xlsx"
    async with running(path, plugins) as pilot:
        app = pilot.app
        await _export(pilot, replace=False)
        sheet = "Roadmap" if lang == "en" else "Køreplan"
        initiative = next(iter(rows_by_id(load_workbook(workbook)[sheet])))
        type_work(workbook, lang, {initiative: ("Mette Holm", None, status)})
        before = len(app._notifications)
        await _export(pilot, replace=True)
        [note] = list(app._notifications)[before:]
    for line in told:
        assert line.format(id=initiative) in note.message
    assert note.severity == "warning"  # a status kept as typed wants a look


@run_async
async def test_replacing_a_file_cxassess_did_not_write_says_nothing_was_carried_over(
        tmp_path, plugins):
    path = dev_assessment(tmp_path)
    (tmp_path / "testfirma.xlsx").write_bytes(b"not a workbook")
    async with running(path, plugins) as pilot:
        await _export(pilot, replace=True)
        [note] = list(pilot.app._notifications)
    assert "Nothing was carried over: testfirma.xlsx is not a workbook exported by " \
           "cxassess." in note.message


def test_replacing_another_organisations_workbook_says_so_first(tmp_path, plugins):
    """What the terminal app tells on replacing (replace_workbook's CarryOver): the wrong
    client's workbook is named before anything else, and wants a look."""
    from cxassess import pipeline
    from cxassess.export.excel import replace_workbook, write_workbook

    from helpers import ROOT

    workbook = tmp_path / "client.xlsx"
    write_workbook(pipeline.run(ROOT / "examples" / "nordlys-energi.toml", plugins), workbook)
    carried = replace_workbook(pipeline.run(ROOT / "examples" / "harbour-mobility.toml",
                                            plugins), workbook)
    assert carried.attention
    assert carried.told("da")[0] == ("Den forrige projektmappe er for Nordlys Energi A/S, "
                                     "denne vurdering for Harbour Mobility Ltd: Arbejdet er "
                                     "alligevel overført efter initiativ-id.")
    assert carried.told("en", warned=False)[0].startswith("Carried over from client.xlsx: ")
