"""A real install works: `pip install .` into a new virtual environment, then the `mlkit` command.

Catches what an editable checkout hides: data files missing from the wheel, a broken console script,
imports that only work from the repository folder. To stay fast, the new environment gets mlkit only
(`--no-deps`) and borrows the already-installed dependencies through a .pth file naming the project
environment's site-packages. A plain path line in a .pth does not run that folder's own .pth files,
so the project's editable mlkit stays invisible and the test sees only the freshly built one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "mlkit" / "data" / "article.txt"
NOT_SOURCE = (".git", ".venv", "artifacts", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
CONTRACT_KEYS = {"pipeline", "hedges", "boosters", "attributions", "sentences"}
pytestmark = pytest.mark.slow


def run(cmd: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding a wheel-built mlkit; returns its bin/ folder."""
    home = tmp_path_factory.mktemp("pkg")
    # Build from a clean copy: an in-tree build leaves build/ behind, and a stale build/lib can slip
    # deleted modules into the next wheel.
    source = home / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    env_dir = home / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    result = run([*pip, "install", "--quiet", "--no-deps", str(source)], cwd=home)
    assert result.returncode == 0, result.stderr[-3000:]
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=home)
    Path(site.stdout.strip(), "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir / "bin"


def printed_json(installed: Path, code: str, cwd: Path) -> Any:
    """What ``code`` prints as JSON when run by the freshly installed Python (it must exit cleanly)."""
    result = run([str(installed / "python"), "-c", code], cwd=cwd)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_installed_package_is_the_wheel_and_carries_its_data(installed: Path, tmp_path: Path) -> None:
    code = (
        "import json, mlkit; text = mlkit.seed_article(); r = mlkit.analyze(text); "
        "print(json.dumps({'file': mlkit.__file__, 'chars': len(text), 'hedges': len(r.hedges)}))"
    )
    info = printed_json(installed, code, tmp_path)
    assert Path(info["file"]).is_relative_to(installed.parent), (
        f"imported {info['file']}, not the installed copy"
    )
    assert info["chars"] == len(ARTICLE.read_text(encoding="utf-8"))
    assert info["hedges"] > 0, "lexicon data missing from the wheel: no hedge found in the seed article"


def test_installed_package_carries_the_practice_articles(installed: Path, tmp_path: Path) -> None:
    """The practice articles and their credits ship in the wheel (package data), not only in a checkout."""
    code = (
        "import json; from mlkit.lessons import articles as a; "
        "print(json.dumps({s: [a.article_text(s), a.article_credit(s)] for s in a.article_slugs()}))"
    )
    shipped = printed_json(installed, code, tmp_path)
    folder = ROOT / "mlkit" / "data" / "articles"
    assert sorted(shipped) == sorted(p.stem for p in folder.glob("*.txt")), (
        "an article is missing from the wheel"
    )
    for slug, (text, credit) in shipped.items():
        assert text == (folder / f"{slug}.txt").read_text(encoding="utf-8")
        assert credit == (folder / f"{slug}.SOURCE.md").read_text(encoding="utf-8").strip()


def test_cli_prints_contract_json(installed: Path, tmp_path: Path) -> None:
    pytest.importorskip("mlkit.cli", reason="mlkit/cli.py (the CLI) is not written yet")
    script = installed / "mlkit"
    assert script.exists(), "the `mlkit` console script was not installed"
    result = run([str(script), "analyze", str(ARTICLE), "--format", "json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert CONTRACT_KEYS <= data.keys()
    text = ARTICLE.read_text(encoding="utf-8")
    spans = data["hedges"] + data["boosters"] + [a["cue"] for a in data["attributions"]]
    assert spans, "no hedge, booster or attribution found in the seed article"
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans), "offsets do not index the input"
