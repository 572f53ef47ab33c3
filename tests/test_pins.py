"""The pins in requirements.txt, pyproject.toml and environment.yml agree, so Binder runs what CI tests.

The widget trio (jupyterlab, ipywidgets, jupyterlab_widgets) must be pinned exactly: when they drift
apart, every widget shows "Error displaying widget: model not found".
"""

from __future__ import annotations

import os
import re
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

tomllib = pytest.importorskip("tomllib", reason="needs Python 3.11+ (tomllib); CI and Binder run 3.11")
ROOT = Path(__file__).resolve().parent.parent
WIDGET_TRIO = ("jupyterlab", "ipywidgets", "jupyterlab_widgets")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!-]+)$")


def exact_pins(lines: list[str], where: str) -> dict[str, str]:
    """name -> version for lines of the form name==version; anything looser is an error."""
    pins: dict[str, str] = {}
    for line in lines:
        match = PIN.match(line.strip())
        assert match, f"{where}: {line!r} is not pinned as name==version"
        name = canonicalize_name(match.group(1))
        assert name not in pins, f"{where}: {name} is pinned twice"
        pins[name] = match.group(2)
    return pins


def requirement_lines(path: Path) -> list[str]:
    """Lines of a pip requirements file, without comments, blanks and -r includes."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-r"):
            out.append(line)
    return out


def runtime_pins() -> dict[str, str]:
    return exact_pins(requirement_lines(ROOT / "requirements.txt"), "requirements.txt")


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    return exact_pins(lines, "pyproject.toml")


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def environment_pip_pins() -> dict[str, str]:
    pip_sections = [d["pip"] for d in environment()["dependencies"] if isinstance(d, dict)]
    assert len(pip_sections) == 1, "environment.yml needs exactly one pip: section"
    return exact_pins(pip_sections[0], "environment.yml")


def test_pyproject_pins_equal_requirements() -> None:
    assert pyproject_pins() == runtime_pins()


def test_environment_yml_pins_equal_requirements() -> None:
    assert environment_pip_pins() == runtime_pins()


@pytest.mark.parametrize("name", WIDGET_TRIO)
def test_widget_trio_pinned_everywhere(name: str) -> None:
    key = canonicalize_name(name)
    for source, pins in [
        ("requirements.txt", runtime_pins()),
        ("pyproject.toml", pyproject_pins()),
        ("environment.yml", environment_pip_pins()),
    ]:
        assert key in pins, f"{name} is not pinned in {source}"


def test_ipywidgets_accepts_the_pinned_jupyterlab_widgets() -> None:
    """The installed ipywidgets declares which jupyterlab_widgets it works with; the pin must be one."""
    pins = runtime_pins()
    declared = [Requirement(r) for r in metadata.requires("ipywidgets") or []]
    frontend = [r for r in declared if canonicalize_name(r.name) == "jupyterlab-widgets"]
    assert frontend, "ipywidgets no longer declares jupyterlab_widgets; check the pair by hand"
    assert frontend[0].specifier.contains(pins["jupyterlab-widgets"]), (
        f"ipywidgets {pins['ipywidgets']} wants jupyterlab_widgets{frontend[0].specifier}, "
        f"pinned {pins['jupyterlab-widgets']}"
    )


def test_installed_versions_match_pins() -> None:
    """The environment the tests run in is the pinned one (a stale .venv would test something else)."""
    pins = runtime_pins() | exact_pins(requirement_lines(ROOT / "requirements-dev.txt"), "requirements-dev")
    wrong = {n: (v, metadata.version(n)) for n, v in pins.items() if metadata.version(n) != v}
    assert not wrong, f"installed versions differ from the pins (pin, installed): {wrong}"


def test_dev_requirements_include_runtime_ones() -> None:
    text = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert re.search(r"^-r requirements\.txt$", text, re.M), (
        "requirements-dev.txt must include requirements.txt"
    )


def test_environment_takes_only_python_and_pip_from_conda() -> None:
    env = environment()
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    names = sorted(re.split(r"[=<>! ]", d, maxsplit=1)[0] for d in conda)
    assert names == ["pip", "python"], f"conda packages besides python and pip: {conda}"
    assert "python=3.11" in conda, "Binder should run the Python CI runs (3.11)"


def test_postbuild_stops_on_error_installs_kit_and_settings_and_downloads_nothing() -> None:
    path = ROOT / "postBuild"
    assert os.access(path, os.X_OK), "postBuild must be executable"
    commands = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert commands[0] == "set -e", "the first command of postBuild must be `set -e`"
    assert any(re.search(r"pip install\b.*\s(-e\s+)?\.$", c) for c in commands), "mlkit not installed"
    assert "python -m mlkit.labsetup" in commands, "the kit's Jupyter settings are not installed"
    fetches = [c for c in commands if re.search(r"spacy download|curl|wget|git clone", c)]
    assert not fetches, f"postBuild downloads something the kit does not use: {fetches}"


def test_nothing_downloads_at_launch() -> None:
    """A Binder `start` script runs at every launch; a download there would make every student wait."""
    start = ROOT / "start"
    if start.exists():
        assert "download" not in start.read_text(encoding="utf-8")
    assert not (ROOT / "binder").exists(), "a binder/ folder makes repo2docker ignore the top-level files"
