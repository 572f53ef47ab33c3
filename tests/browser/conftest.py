"""Fixtures for the end-to-end tests: one throwaway JupyterLab server and Debian's Chromium under Playwright.

The server is started by mlkit.labserver with the kit's own Jupyter settings (mlkit/labconfig/, the ones
`make lab` and Binder use: the save hook, kernel culling, no news toast, no windowing ...), its own
empty user settings, workspace and config folders, a temporary copy of lessons/ and MLKIT_WORK_DIR in a
temporary folder, so a run never writes into the repository. One server and one browser page serve
every test (each test opens its notebook with ?reset), which keeps the layer fast.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from mlkit import labserver

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and the server log go (artifacts/ is git-ignored; CI keeps it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder JupyterLab serves: a copy of lessons/ (tests may add notebooks of their own)."""
    root = tmp_path_factory.mktemp("lab-root")
    if (ROOT / "lessons").exists():
        labserver.copy_lessons(ROOT / "lessons", root)
    else:
        (root / "lessons").mkdir()
    return root


@pytest.fixture(scope="session")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MLKIT_WORK_DIR of every kernel the server starts: where answers are saved."""
    return tmp_path_factory.mktemp("work")


@pytest.fixture(scope="session")
def lab_url(lab_root: Path, work_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab on 127.0.0.1 with an empty token; stopped (with its kernels) afterwards."""
    home = tmp_path_factory.mktemp("lab-home")
    env = dict(os.environ) | {"MLKIT_WORK_DIR": str(work_dir)}
    try:
        server = labserver.start(lab_root, home, env=env)
    except labserver.ServerError as error:
        pytest.fail(str(error))
    try:
        yield server.url
    finally:
        server.stop()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(server.log, ARTIFACTS / "jupyterlab-server.log")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not on PATH (Debian: apt-get install -y chromium); .ci/run installs it")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def page(browser: Browser) -> Iterator[Page]:
    """One page for the whole layer: loading a new browser context per test costs seconds each."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(autouse=True)
def fresh_student(page: Page, lab_url: str, work_dir: Path) -> Iterator[None]:
    """Each test meets the server as a new student would: after it, every session it left open is shut
    down (as File > Close and Shut Down would; kernels do not pile up on the one shared server) and the
    answers it saved are removed (a test counting saved answers sees only its own)."""
    yield
    xsrf = next((c["value"] for c in page.context.cookies() if c["name"] == "_xsrf"), "")
    for session in page.request.get(f"{lab_url}/api/sessions").json():
        page.request.delete(f"{lab_url}/api/sessions/{session['id']}", headers={"X-XSRFToken": xsrf})
    shutil.rmtree(work_dir / "student_work", ignore_errors=True)
