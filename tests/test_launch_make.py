"""`make lab` serves students only lessons/ and opens lesson 00; `make lab-teacher` serves the whole
repository and opens the instructor's guide. Each target is started for real (with --no-browser) and
asked, through the server's API and the "open this" file Jupyter writes, what it serves and opens."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from mlkit import labserver

ROOT = Path(__file__).resolve().parent.parent
STAMPS = (".venv/.mlkit-installed", ".venv/.mlkit-settings")
START_TIMEOUT_S = 60
pytestmark = [pytest.mark.launch, pytest.mark.slow]


@contextmanager
def launched(target: str, home: Path, *make_vars: str) -> Iterator[tuple[list[str], str]]:
    """Run `make TARGET [VAR=value ...]`; yield (names at the served root, the URL Jupyter would open in a
    browser)."""
    if shutil.which("make") is None or not (ROOT / ".venv" / "bin" / "jupyter").exists():
        pytest.skip("needs make and the project's .venv (make install)")
    port = labserver.free_port()
    lab_args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0"
    lab_args += " --IdentityProvider.token="
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        lab_args += " --ServerApp.allow_root=True"
    env = os.environ | {
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    # -o: never reinstall from inside a test, even if a stamp looks out of date.
    cmd = ["make", "--no-print-directory", *(f"-o{s}" for s in STAMPS), target, *make_vars]
    cmd.append(f"LAB_ARGS={lab_args}")
    log = home / "make.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            labserver.wait_until_up(f"{base}/api/status", proc, log, timeout_s=START_TIMEOUT_S)
        except labserver.ServerError as error:
            pytest.fail(str(error))
        with urllib.request.urlopen(f"{base}/api/contents", timeout=10) as response:
            names = sorted(item["name"] for item in json.load(response)["content"])
        pages = list((home / "runtime").glob("jpserver-[0-9]*-open.html"))
        assert len(pages) == 1, pages
        found = re.search(r'href="([^"?]+)', pages[0].read_text(encoding="utf-8"))
        opened = found.group(1) if found else ""
        yield names, opened
    finally:
        labserver.stop_process_group(proc)


def test_make_lab_serves_only_the_lessons_and_opens_lesson_00(tmp_path: Path) -> None:
    with launched("lab", tmp_path) as (names, opened):
        assert "00_start_here.ipynb" in names, names
        assert not {"README.md", "Makefile", "mlkit", "tests", "instructor"} & set(names), names
        assert opened.endswith("/lab/tree/00_start_here.ipynb"), opened


def test_make_lab_teacher_serves_the_repository_and_opens_the_guide(tmp_path: Path) -> None:
    guide = ROOT / "instructor" / "INSTRUCTOR_GUIDE.md"
    expected = None
    if guide.exists():
        expected = "instructor/INSTRUCTOR_GUIDE.md"
    elif guide.parent.exists():
        expected = "instructor"
    with launched("lab-teacher", tmp_path) as (names, opened):
        assert {"lessons", "README.md"} <= set(names), names
        if expected is None:
            assert opened.endswith("/lab"), f"no instructor/ folder yet, but {opened} was opened"
        else:
            assert opened.endswith(f"/lab/tree/{expected}"), opened


def test_make_app_serves_the_lessons_and_opens_one_in_voila(tmp_path: Path) -> None:
    with launched("app", tmp_path, "LESSON=02") as (names, opened):
        assert "02_hedges.ipynb" in names and "mlkit" not in names, names  # the root `make lab` serves
        assert opened.endswith("/voila/render/02_hedges.ipynb"), opened


def test_make_app_refuses_a_lesson_that_does_not_exist() -> None:
    if shutil.which("make") is None:
        pytest.skip("needs make")
    done = subprocess.run(
        ["make", "--no-print-directory", *(f"-o{s}" for s in STAMPS), "app", "LESSON=99"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "LESSON=99" in done.stdout + done.stderr
