"""Lesson 02 as a Voilà app (the Binder link `voila/render/lessons/02_hedges.ipynb`), in a real Chromium:
no code cell and no widget error on the page; select words in the article, Check, read found / missed /
extra in place; reload the page (a new kernel) and find the marks and the result again. The app's kernel
runs in the lesson's folder, as JupyterLab's kernel for the same lesson does, so both read and write the
same lessons/student_work/answers.json.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jlab import open_notebook, shoot
from playwright.sync_api import Browser, Page
from test_article_view_browser import mark_three_and_check, picked_words, view

pytestmark = pytest.mark.browser

LESSON = "lessons/02_hedges.ipynb"
READY_JS = """() => { const vs = [...document.querySelectorAll('.mlkit-article')];
  return vs.length >= 2 && vs.every(v => v.dataset.ready === 'true'); }"""


def kernel_cwd(kernel_id: str) -> Path:
    """The working directory of the kernel process started for ``kernel_id`` (Linux /proc)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if f"kernel-{kernel_id}.json" in cmdline.read_text(errors="replace"):
                return (cmdline.parent / "cwd").resolve()
        except OSError:
            continue
    raise AssertionError(f"no process for kernel {kernel_id}")


def kernel_ids(page: Page, base: str) -> set[str]:
    return {k["id"] for k in page.request.get(f"{base}/api/kernels").json()}


def shut_down(page: Page, base: str, ids: set[str]) -> None:
    """Voilà's kernels are not sessions, so the shared fixture would not end them: end them here."""
    xsrf = next((c["value"] for c in page.context.cookies() if c["name"] == "_xsrf"), "")
    for kernel_id in ids:
        page.request.delete(f"{base}/api/kernels/{kernel_id}", headers={"X-XSRFToken": xsrf})


def open_app(page: Page, base: str) -> None:
    page.goto(f"{base}/voila/render/{LESSON}", timeout=120_000)
    page.wait_for_function(READY_JS, timeout=120_000)


def assert_clean_app(page: Page) -> None:
    """What a student sees holds no code and no widget that failed to draw."""
    text = page.locator("body").inner_text()
    code_inputs = ".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .jp-InputPrompt, .cm-editor, pre code"
    assert page.locator(code_inputs).count() == 0
    assert page.locator(".jp-RenderedMarkdown h2").count() >= 3, "the lesson's Markdown is not rendered"
    assert "import mlkit" not in text and "mlkit.widgets" not in text, "code shown in the app"
    assert "Error displaying widget" not in text and "Traceback" not in text
    assert "There was an error when executing cell" not in text  # Voilà's message for a failed cell
    lab_only = [p for p in ("Run ▸", "Kernel ›", "Shift + Enter", "Close and Shut Down") if p in text]
    assert not lab_only, f"JupyterLab instructions in the app view (mlkit.appview): {lab_only}"


def test_lesson_02_as_voila_app_select_check_reload(
    page: Page, lab_url: str, lab_root: Path, artifacts: Path
) -> None:
    shots = artifacts / "voila"
    before = kernel_ids(page, lab_url)
    started: set[str] = set()
    try:
        open_app(page, lab_url)
        started |= kernel_ids(page, lab_url) - before
        assert len(started) == 1, "one kernel per app page"
        assert kernel_cwd(next(iter(started))) == (lab_root / "lessons").resolve()
        assert_clean_app(page)
        assert page.get_by_role("heading", name="Lesson 2: Hedges").count() == 1  # the Markdown renders
        assert "reload this page" in page.locator(".mlw-app-note").inner_text()  # the app's own advice
        shoot(page, shots, "1-opened")

        spot = view(page, 0)
        assert spot.get_attribute("data-mode") == "select"
        hedges = mark_three_and_check(page, spot)
        expected = f"You found 2 of {hedges} hedges. 1 of your marks is not a hedge."
        counts = (2, 1, hedges - 2)

        def feedback() -> tuple[int, int, int]:
            return tuple(spot.locator(f".mlk-fb-{s}").count() for s in ("found", "extra", "missed"))

        assert feedback() == counts
        assert spot.locator(".mlk-summary").inner_text() == expected
        spot.locator(".mlk-fb-found").first.scroll_into_view_if_needed()
        shoot(page, shots, "2-checked")

        # reload: Voilà starts a new kernel and runs the lesson again; the marks come back from the file
        page.reload()
        page.wait_for_function(READY_JS, timeout=120_000)
        started |= kernel_ids(page, lab_url) - before
        assert_clean_app(page)
        spot = view(page, 0)
        assert spot.get_attribute("data-mode") == "check"
        assert feedback() == counts
        assert spot.locator(".mlk-summary").inner_text() == expected
        assert "saved marks are back" in spot.locator(".mlk-saved").inner_text()
        spot.locator(".mlk-fb-found").first.scroll_into_view_if_needed()
        shoot(page, shots, "3-reloaded")
        spot.get_by_role("button", name="Change my marks").first.click()
        page.wait_for_function("el => el.dataset.mode === 'select'", arg=spot.element_handle())
        assert picked_words(spot) == ["Imad", "reportedly", "apparently"]
        spot.scroll_into_view_if_needed()
        shoot(page, shots, "4-marks-back")

        # the same lesson in JupyterLab gets a kernel in the same folder: one answers file for both views
        open_notebook(page, lab_url, LESSON)
        lab_kernels = kernel_ids(page, lab_url) - before - started
        assert len(lab_kernels) == 1
        assert kernel_cwd(next(iter(lab_kernels))) == (lab_root / "lessons").resolve()
    finally:
        shut_down(page, lab_url, started)
        # Leave no JupyterLab idling on the shared page: while the next test runs in its own context, its
        # file browser's poll would back off, and a later test double-clicking a new file would not see it.
        page.goto("about:blank")


LESSONS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "lessons").glob("*.ipynb"))
# Voilà shows its cells (hidden behind a spinner until then) once every cell has run.
DONE_JS = """() => { const shown = e => e && getComputedStyle(e).display !== 'none';
  return shown(document.querySelector('#rendered_cells')) && !shown(document.querySelector('#loading')); }"""


def test_every_lesson_opens_as_a_clean_app_and_its_heartbeat_reaches_the_kernel(
    browser: Browser, lab_url: str, artifacts: Path
) -> None:
    """Each lesson's app link renders every widget with no error, no code and no JupyterLab instruction.
    The My work bar's heartbeat (shortened to 1 s here, in a context of its own) counts as kernel activity
    in Voilà too, so the kit's culling spares the lesson a student is reading."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script("globalThis.mlkitHeartbeatMs = 1000;")
    page = context.new_page()
    page.set_default_timeout(120_000)
    before = kernel_ids(page, lab_url)
    started: set[str] = set()
    try:
        for name in LESSONS:
            page.goto(f"{lab_url}/voila/render/lessons/{name}")
            page.wait_for_function(DONE_JS)
            started |= kernel_ids(page, lab_url) - before
            page.wait_for_timeout(1500)  # widgets draw after the cells ran
            assert_clean_app(page)
            assert "Loading widget" not in page.locator("body").inner_text(), name
            assert page.locator(".mlkit-mywork").count() >= 2, f"{name}: the My work bars did not draw"
            shoot(page, artifacts / "voila", f"lesson-{name[:2]}")
        # the lesson on screen (the others' pages are gone, their kernels idle until culled)
        mine = [k for k in page.request.get(f"{lab_url}/api/kernels").json() if k["id"] in started]
        assert len(mine) == len(LESSONS) and sum(k["connections"] for k in mine) == 1
        current = max(mine, key=lambda k: k["connections"])
        first = current["last_activity"]
        page.wait_for_timeout(3000)  # nobody touches the page
        again = next(k for k in page.request.get(f"{lab_url}/api/kernels").json() if k["id"] == current["id"])
        assert again["last_activity"] > first, "the heartbeat did not reach the kernel"
    finally:
        shut_down(page, lab_url, started)
        context.close()
