"""Build the Binder environment the way repo2docker would, as far as this machine allows, and run lesson
00 in it.

repo2docker makes a conda environment from environment.yml (conda-forge's Python 3.11 and pip, then the
pip list), copies the repository in, and runs postBuild. Here: a new Python 3.11 venv, the
conda-level pip requirement and environment.yml's pip list (parsed from the YAML) installed into it, a
clean copy of the repository, `bash -e postBuild` with that venv first on PATH, then lesson 00 executed
by nbclient inside the venv, on the venv's own kernel, with MLKIT_WORK_DIR in a temporary folder.
What it cannot reproduce: conda's own Python build, the Docker image, mybinder.org's network.
Takes a minute or two (the install dominates); its own layer ('launch') in `make test`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCE = (".git", ".venv", "artifacts", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
LESSON = "00_start_here.ipynb"
INSTALL_TIMEOUT_S = 600
pytestmark = [pytest.mark.launch, pytest.mark.slow]

# Runs inside the Binder venv: execute lesson 00 on that venv's python3 kernel, plus one extra cell that
# reports which Python and which mlkit the kernel used; print a JSON summary.
RUN_LESSON = """
import json, sys
import nbformat
from nbclient import NotebookClient
path, workdir = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import sys, mlkit; print(sys.prefix); print(mlkit.__file__)"))
NotebookClient(nb, timeout=180, kernel_name="python3", allow_errors=True,
               resources={"metadata": {"path": workdir}}).execute()
code = [c for c in nb.cells if c.cell_type == "code"]
print(json.dumps({
    "ran": all(c.execution_count is not None for c in code if c.source.strip()),
    "errors": [f"{o.ename}: {o.evalue}" for c in code for o in c.outputs if o.output_type == "error"],
    "stderr": [o.text for c in code for o in c.outputs if o.get("name") == "stderr"],
    "widgets": sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                   for c in code for o in c.outputs),
    "kernel": code[-1].outputs[0].text.split() if code[-1].outputs else [],
}))
"""


def environment_spec() -> tuple[str, list[str], list[str]]:
    """(python version, conda-level pip requirement(s), pip list) from environment.yml."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_list = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    python = next(re.sub(r"^python\s*=+\s*", "", d) for d in conda if re.match(r"^python\s*=", d))
    pip_itself = [re.sub(r"\s+", "", d) for d in conda if re.match(r"^pip\b", d)]
    return python, pip_itself, [str(p) for p in pip_list]


def clean_env(venv: Path, home: Path) -> dict[str, str]:
    """The environment of a process in the Binder image: the venv first on PATH, nothing of ours leaking
    in (no PYTHONPATH, no VIRTUAL_ENV of the project, no user-level Jupyter kernels or config)."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env |= {
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "PIP_NO_INPUT": "1",
        "JUPYTER_DATA_DIR": str(home / "jupyter-data"),
        "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"),
        "JUPYTER_RUNTIME_DIR": str(home / "jupyter-runtime"),
        "MLKIT_WORK_DIR": str(home / "work"),
        "MPLBACKEND": "Agg",
    }
    return env


def run(cmd: list[str], cwd: Path, env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
    assert done.returncode == 0, (
        f"{what} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    )
    return done


@pytest.fixture(scope="module")
def binder(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build the environment once; return paths and how long each stage took."""
    python_version, pip_itself, pip_list = environment_spec()
    interpreter = shutil.which(f"python{python_version}")
    if interpreter is None and f"{sys.version_info[0]}.{sys.version_info[1]}" == python_version:
        interpreter = sys.executable
    if interpreter is None:
        pytest.skip(f"environment.yml asks for Python {python_version}, which this machine does not have")
    home = tmp_path_factory.mktemp("binder")
    venv, repo = home / "env", home / "repo"
    env = clean_env(venv, home)
    times: dict[str, float] = {}

    start = time.monotonic()
    run([interpreter, "-m", "venv", str(venv)], home, env, "creating the venv")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-cache-dir"]
    if pip_itself:
        run([*pip, *pip_itself], home, env, "installing pip as environment.yml asks")
    run([*pip, *pip_list], home, env, "installing environment.yml's pip list")
    times["environment.yml"] = time.monotonic() - start

    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    start = time.monotonic()
    post = run(["bash", "-e", "postBuild"], repo, env, "postBuild")
    times["postBuild"] = time.monotonic() - start
    return {"home": home, "venv": venv, "repo": repo, "env": env, "times": times, "postBuild": post}


def test_postbuild_installs_the_kit_and_its_settings_and_no_model(binder: dict) -> None:
    venv, env = binder["venv"], binder["env"]
    python = str(venv / "bin" / "python")
    probe = (
        "import json, importlib.util, mlkit; model = importlib.util.find_spec('en_core_web_sm') is not None; "
        "print(json.dumps({'mlkit': mlkit.__file__, 'model': model}))"
    )
    seen = json.loads(run([python, "-c", probe], binder["home"], env, "importing mlkit").stdout)
    assert Path(seen["mlkit"]).resolve().is_relative_to(venv.resolve()), (
        f"mlkit imported from {seen['mlkit']}, not the Binder env"
    )
    assert not seen["model"], "en_core_web_sm is installed, but nothing uses it"
    run([python, "-m", "mlkit.labsetup", "--check"], binder["home"], env, "checking the kit's settings")
    widgets = venv / "share" / "jupyter" / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager"
    assert widgets.is_dir(), "the ipywidgets JupyterLab extension is missing: widgets would not render"


def test_lesson_00_runs_in_the_binder_environment(binder: dict) -> None:
    venv, env, repo = binder["venv"], binder["env"], binder["repo"]
    lesson = repo / "lessons" / LESSON
    script = binder["home"] / "run_lesson.py"
    script.write_text(RUN_LESSON, encoding="utf-8")
    start = time.monotonic()
    done = run(
        [str(venv / "bin" / "python"), str(script), str(lesson), str(lesson.parent)], repo, env, "lesson 00"
    )
    binder["times"]["lesson 00"] = time.monotonic() - start
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ran"], "some code cells of lesson 00 did not run"
    assert result["errors"] == [], (result["errors"], result["stderr"])
    assert result["widgets"] > 0, "lesson 00 displayed no widget"
    prefix, mlkit_file = result["kernel"]
    assert Path(prefix).resolve() == venv.resolve(), f"the kernel ran in {prefix}, not in the Binder venv"
    assert Path(mlkit_file).resolve().is_relative_to(venv.resolve()), (
        f"the kernel imported mlkit from {mlkit_file}"
    )
    assert not (lesson.parent / "student_work").exists(), "answers went into lessons/, not MLKIT_WORK_DIR"
    print("Binder build stages (s):", {k: round(v, 1) for k, v in binder["times"].items()})
