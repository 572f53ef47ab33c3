"""Install the kit's Jupyter settings into an environment: `python -m mlkit.labsetup [--prefix DIR]`.

One piece, used the same way by `make lab`, Binder's postBuild and the browser tests' server, so the
tests test what students get. The settings are data files beside this module (see labconfig/README.md
for why each one is there):

- ``labconfig/jupyter_server_config.json`` -> ``<prefix>/etc/jupyter/jupyter_server_config.json``
  (the save hook that keeps lessons clean, kernel culling, no update check). Not a file in
  ``jupyter_server_config.d/``: jupyter-server reads that folder only for ``jpserver_extensions``;
- ``labconfig/overrides.json`` -> ``<prefix>/share/jupyter/lab/settings/overrides.json``
  (JupyterLab defaults: no news toast, Markdown opens rendered, ...).

Both are merged section by section into what is already there: the kit's keys are set, others kept.

Both places are read by any Jupyter server started from that environment; a user's own settings still win.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

SERVER_CONFIG = Path("etc", "jupyter", "jupyter_server_config.json")
LAB_OVERRIDES = Path("share", "jupyter", "lab", "settings", "overrides.json")


def packaged(name: str) -> dict[str, Any]:
    """One of the settings files shipped in mlkit/labconfig/."""
    text = resources.files("mlkit").joinpath("labconfig", name).read_text(encoding="utf-8")
    return json.loads(text)


def server_config() -> dict[str, Any]:
    return packaged("jupyter_server_config.json")


def lab_overrides() -> dict[str, Any]:
    return packaged("overrides.json")


def _read_json(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise SystemExit(
            f"{path} is not valid JSON ({error}); fix or remove it, then run this again"
        ) from error
    if not isinstance(data, dict):
        raise SystemExit(f"{path} should hold a JSON object; fix or remove it, then run this again")
    return data


def merged(existing: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    """``existing`` with ``ours`` set section by section (a config class or a JupyterLab plugin);
    other sections, and other keys in ours, untouched."""
    result = dict(existing)
    for section, values in ours.items():
        theirs = existing.get(section)
        result[section] = {**(theirs if isinstance(theirs, dict) else {}), **values}
    return result


def missing(existing: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    """``section.key`` for each of our keys that ``existing`` does not set to our value."""
    return [
        f"{section}.{key}"
        for section, values in ours.items()
        for key, value in values.items()
        if not isinstance(existing.get(section), dict) or existing[section].get(key) != value
    ]


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def install(prefix: Path | str = sys.prefix) -> list[Path]:
    """Write both settings files under ``prefix``; running it again changes nothing. Returns their paths."""
    prefix = Path(prefix)
    files = {prefix / SERVER_CONFIG: server_config(), prefix / LAB_OVERRIDES: lab_overrides()}
    # Read both first: a file we cannot read stops us before anything is written.
    new = {path: merged(_read_json(path), ours) for path, ours in files.items()}
    for path, data in new.items():
        _write_json(path, data)
    return list(new)


def problems(prefix: Path | str = sys.prefix) -> list[str]:
    """What is missing or different from the packaged settings under ``prefix`` (empty when installed)."""
    prefix = Path(prefix)
    found = []
    for path, ours in ((prefix / SERVER_CONFIG, server_config()), (prefix / LAB_OVERRIDES, lab_overrides())):
        wrong = missing(_read_json(path), ours)
        if wrong:
            found.append(f"{path}: {', '.join(wrong)} not set to the kit's values")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlkit.labsetup", description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--prefix", default=sys.prefix, help="environment to install into (default: this one)"
    )
    parser.add_argument("--check", action="store_true", help="only check that the settings are installed")
    args = parser.parse_args(argv)
    if args.check:
        found = problems(args.prefix)
        for problem in found:
            print(problem, file=sys.stderr)
        print("kit settings installed" if not found else "run: python -m mlkit.labsetup")
        return 1 if found else 0
    for path in install(args.prefix):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
