"""`python -m mlkit.labsetup` installs the kit's Jupyter settings where a server from that environment
reads them, keeps settings that were already there, and every setting is one Jupyter knows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from jupyter_core.paths import jupyter_path
from jupyter_server.services.contents.filemanager import FileContentsManager
from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
from jupyterlab.labapp import LabApp
from traitlets.config import Config
from traitlets.utils.importstring import import_item
from voila.exporter import VoilaExporter

from mlkit import labsetup

CONFIG_CLASSES = {
    "FileContentsManager": FileContentsManager,
    "MappingKernelManager": MappingKernelManager,
    "LabApp": LabApp,
    "VoilaExporter": VoilaExporter,
}


def installed(prefix: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(prefix.rglob("*")) if p.is_file()}


def test_install_writes_both_files_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    assert labsetup.problems(tmp_path), "an empty prefix should be reported as not set up"
    paths = labsetup.install(tmp_path)
    assert sorted(paths) == sorted([tmp_path / labsetup.SERVER_CONFIG, tmp_path / labsetup.LAB_OVERRIDES])
    first = installed(tmp_path)
    labsetup.install(tmp_path)
    assert installed(tmp_path) == first
    assert labsetup.problems(tmp_path) == []


def test_settings_already_there_are_kept(tmp_path: Path) -> None:
    overrides = tmp_path / labsetup.LAB_OVERRIDES
    overrides.parent.mkdir(parents=True)
    theirs = {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        "@jupyterlab/notebook-extension:tracker": {"recordTiming": True, "kernelShutdown": False},
    }
    overrides.write_text(json.dumps(theirs), encoding="utf-8")
    labsetup.install(tmp_path)
    result = json.loads(overrides.read_text(encoding="utf-8"))
    assert result["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    tracker = result["@jupyterlab/notebook-extension:tracker"]
    assert tracker["recordTiming"] is True
    assert tracker["kernelShutdown"] is True, "the kit's value should win for the keys it sets"


def test_unreadable_settings_stop_the_install_before_anything_is_written(tmp_path: Path) -> None:
    overrides = tmp_path / labsetup.LAB_OVERRIDES
    overrides.parent.mkdir(parents=True)
    overrides.write_text("{ not json", encoding="utf-8")
    with pytest.raises(SystemExit, match="not valid JSON"):
        labsetup.install(tmp_path)
    assert not (tmp_path / labsetup.SERVER_CONFIG).exists()
    assert overrides.read_text(encoding="utf-8") == "{ not json"


def test_check_reports_a_changed_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert labsetup.main(["--prefix", str(tmp_path), "--check"]) == 1
    assert labsetup.main(["--prefix", str(tmp_path)]) == 0
    assert labsetup.main(["--prefix", str(tmp_path), "--check"]) == 0
    server = tmp_path / labsetup.SERVER_CONFIG
    config = json.loads(server.read_text(encoding="utf-8"))
    config["MappingKernelManager"]["cull_connected"] = False
    server.write_text(json.dumps(config), encoding="utf-8")
    assert labsetup.main(["--prefix", str(tmp_path), "--check"]) == 1
    assert "MappingKernelManager.cull_connected" in capsys.readouterr().err


def schema_for(plugin: str) -> dict:
    """The JSON schema JupyterLab validates a plugin's settings with (core or a prebuilt extension)."""
    package, name = plugin.split(":")
    for data in jupyter_path():
        for candidate in (
            Path(data, "lab", "schemas", package, f"{name}.json"),
            Path(data, "labextensions", package, "schemas", package, f"{name}.json"),
        ):
            if candidate.exists():
                return json.loads(candidate.read_text(encoding="utf-8"))
    pytest.fail(f"no JupyterLab schema for {plugin}: a misspelt plugin id is ignored silently")


@pytest.mark.parametrize("plugin", sorted(labsetup.lab_overrides()))
def test_every_lab_setting_exists_and_is_valid(plugin: str) -> None:
    values = labsetup.lab_overrides()[plugin]
    schema = schema_for(plugin)
    unknown = set(values) - set(schema.get("properties", {}))
    assert not unknown, f"{plugin}: no such setting {sorted(unknown)}"
    jsonschema.validate(values, schema)


@pytest.mark.parametrize("section", sorted(labsetup.server_config()))
def test_every_server_setting_is_a_configurable_trait(section: str) -> None:
    traits = CONFIG_CLASSES[section].class_traits(config=True)
    for key, value in labsetup.server_config()[section].items():
        assert key in traits, f"{section}.{key} is not a configurable trait"
        for item in value if isinstance(value, list) else [value]:  # dotted names must import
            if isinstance(item, str) and "." in item:
                assert callable(import_item(item)) or isinstance(import_item(item), type), item


def test_culling_values_reach_the_kernel_manager() -> None:
    km = MappingKernelManager(config=Config(labsetup.server_config()))
    assert km.cull_idle_timeout > 0 and km.cull_interval > 0
    assert km.cull_idle_timeout >= 10 * 60, "never cull before Binder itself would end an idle session"
    assert km.cull_connected, (
        "an open lesson tab keeps a connection: without this nothing left open is culled"
    )
    assert not km.cull_busy


def test_a_jupyter_server_reads_the_installed_config(tmp_path: Path) -> None:
    """Installed under a prefix on the config path, the settings reach a real ServerApp (not just a file).
    The installed timeout is changed to a value of its own, so a copy elsewhere (this venv's) cannot pass."""
    labsetup.install(tmp_path / "prefix")
    server = tmp_path / "prefix" / labsetup.SERVER_CONFIG
    config = json.loads(server.read_text(encoding="utf-8"))
    config["MappingKernelManager"]["cull_idle_timeout"] = 4321
    server.write_text(json.dumps(config), encoding="utf-8")
    code = """if True:
        import json, sys
        from jupyter_server.serverapp import ServerApp
        app = ServerApp()
        app.initialize(argv=["--ServerApp.open_browser=False", "--ServerApp.port=0",
                             "--ServerApp.allow_root=True"])
        hook = app.contents_manager.pre_save_hook
        print(json.dumps({"hook": f"{hook.__module__}.{hook.__name__}",
                          "cull": app.kernel_manager.cull_idle_timeout, "spacy": "spacy" in sys.modules}))
    """
    env = os.environ | {
        "JUPYTER_CONFIG_PATH": str(tmp_path / "prefix" / "etc" / "jupyter"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "empty"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["hook"] == labsetup.server_config()["FileContentsManager"]["pre_save_hook"]
    assert seen["cull"] == 4321
    assert not seen["spacy"], "loading the save hook imported spaCy into the server"


def test_voilas_exporter_runs_the_kits_preprocessor() -> None:
    """Voilà, a server extension here, builds its page's exporter from the server's own config (the
    jupyter_server_config.json labsetup installs; its voila.json only sets VoilaConfiguration). That exporter
    runs mlkit.appview on a lesson as Voilà's page does (a JupyterLab instruction gone, the rest kept) and
    leaves other notebooks alone. The browser test checks the same on a served lesson."""
    import nbformat
    from nbconvert.exporters.templateexporter import TemplateExporter

    exporter = VoilaExporter(config=Config(labsetup.server_config()))
    text = "Read this.\n\nChoose **Run ▸ Run All Cells**."
    for metadata, expected in [({"mlkit": {"lesson": "02_hedges"}}, "Read this."), ({}, text)]:
        nb = nbformat.v4.new_notebook(metadata=metadata)
        nb.cells = [nbformat.v4.new_markdown_cell(text)]
        nb, _ = super(TemplateExporter, exporter).from_notebook_node(nb)  # what Voilà's page runs
        assert nb.cells[0].source == expected
