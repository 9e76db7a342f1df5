"""Entry points read without importlib.metadata (cxassess.entrypoints): the same entry
points as importlib.metadata finds, and pydantic's plugins still found and used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from importlib import metadata

from cxassess import entrypoints
from cxassess.plugins import load_plugins

from helpers import FIXTURES, ROOT, run_subprocess


def found(group: str) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in entrypoints.entry_points(group)]


def by_importlib(group: str) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in metadata.entry_points(group=group)]


def dist_info(site, folder: str, entry_points: str, version: str = "1.0"):
    dist = site / folder
    dist.mkdir(parents=True)
    name = folder.partition("-")[0]
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
                                   encoding="utf-8")
    (dist / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return dist


def test_the_same_entry_points_as_importlib_metadata_in_this_environment():
    groups = set(metadata.entry_points().groups) | {"cxassess", "pydantic", "none"}
    for group in groups:
        assert found(group) == by_importlib(group), group
    assert ("data", "cxassess_scorers.data", "cxassess") in found("cxassess")


def test_the_same_entry_points_as_importlib_metadata_for_every_layout(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    dist_info(first, "shop_plugins-2.0.dist-info",
              "# a comment\n\n[cxassess]\n  basket = shop.basket:plugin [extra]\n"
              "till=shop.till\n[console_scripts]\nshop = shop:main\n")
    dist_info(first, "Old.Style-0.1.egg-info", "[cxassess]\nold = oldstyle\n")
    dist_info(first, "no_entry_points-1.0.dist-info", "")
    (first / "no_entry_points-1.0.dist-info" / "entry_points.txt").unlink()
    # installed a second time further down the path: the first one found counts
    dist_info(second, "Shop.Plugins-1.0.dist-info", "[cxassess]\nstale = shop.stale\n")
    dist_info(second, "other-3.dist-info", "[cxassess]\nother = other\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    mine = found("cxassess")
    assert sorted(mine) == sorted(by_importlib("cxassess"))
    names = {name for name, _, _ in mine}
    assert {"basket", "till", "old", "other"} <= names and "stale" not in names
    assert found("console_scripts") == by_importlib("console_scripts")


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\n"
                                                   "Version: 1.0\n")
        z.writestr("zipped-1.0.dist-info/entry_points.txt", "[cxassess]\nzipped = zipped\n")
    monkeypatch.syspath_prepend(str(archive))
    assert ("zipped", "zipped", "cxassess") in found("cxassess")
    assert sorted(found("cxassess")) == sorted(by_importlib("cxassess"))


def test_a_plugin_installed_after_plugins_were_loaded_is_found_by_the_next_load(
        tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    env = {"CXASSESS_LOAD_PLUGINS": "late"}
    assert load_plugins(env=env).records == []
    dist_info(site, "cxassess_late-0.3.dist-info", "[cxassess]\nlate = cxassess_late\n", "0.3")
    (site / "cxassess_late.py").write_text(
        "from cxassess import hookimpl\n\n@hookimpl\ndef cxassess_register_scorers(register):\n"
        "    register('late', lambda context: {'score': 1.0})\n", encoding="utf-8")
    try:
        [record] = load_plugins(env=env).records
    finally:
        sys.modules.pop("cxassess_late", None)
    assert (record.name, record.version, record.loaded) == ("late", "0.3", True)


SPY = """
import os, sys

class Spy:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind,
                             config, plugin_settings):
        print("pydantic plugin saw", schema_type_path.name,
              "disabled:", os.environ.get("PYDANTIC_DISABLE_PLUGINS"), file=sys.stderr)
        return None, None, None

plugin = Spy()
"""


def test_a_pydantic_plugin_is_still_loaded_and_used(tmp_path):
    """With a package declaring a pydantic plugin, pydantic finds and calls it, and the
    command's output is what it is without it."""
    site = tmp_path / "site"
    dist_info(site, "pydantic_spy-1.0.dist-info", "[pydantic]\nspy = pydantic_spy:plugin\n")
    (site / "pydantic_spy.py").write_text(SPY, encoding="utf-8")
    assessment = ROOT / "examples" / "nordlys-energi.toml"
    plain = run_subprocess("score", assessment, "--json")
    spied = run_subprocess("score", assessment, "--json", env={
        "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))})
    assert plain.returncode == spied.returncode == 0, spied.stderr
    assert "pydantic plugin saw Assessment disabled: None" in spied.stderr
    assert "pydantic plugin saw" not in plain.stderr
    assert spied.stdout == plain.stdout


PROBE = """
import sys
from cxassess.cli import main
code = main({args!r})
print('LOADED:' + ','.join(m for m in ('importlib.metadata', 'email') if m in sys.modules),
      file=sys.stderr)
import pydantic.plugin._loader as loader
print('GROUP:' + loader.PYDANTIC_ENTRY_POINT_GROUP, file=sys.stderr)
sys.exit(code)
"""


def test_score_reads_no_metadata_with_importlib_and_pydantic_gives_way_when_asked():
    """No package declares a pydantic plugin here: ``score --json`` scores without
    importing importlib.metadata (nor email, which it imports); asked for anything but
    its plugins, pydantic's own module is there."""
    args = ["score", str(FIXTURES / "dev-assessment.toml"), "--json"]
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["organisation"]
    assert "LOADED:\n" in proc.stderr
    assert "GROUP:pydantic\n" in proc.stderr
