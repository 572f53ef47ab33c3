"""End to end, as a student sees it: lesson 02 in JupyterLab in a real Chromium.

Open the notebook, Run > Run All Cells, then check that every widget rendered (no "Error displaying
widget", the symptom of ipywidgets and jupyterlab_widgets drifting apart), that unticking a category
changes the highlighted marks, and that clicking a mark reveals its explanation. Screenshots go to
artifacts/browser/. A small notebook of our own runs first: it checks the widget stack alone, so a
failure there points at the environment, not at the lesson.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
RUN_TIMEOUT_S = 240
LESSON = "lessons/02_hedges.ipynb"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# Marks as the widgets agree to render them: class mlkit-mark, data-category, a .mlkit-why to reveal.
STACK_CHECK_SOURCE = """\
import ipywidgets as w
from IPython.display import display

show = w.Checkbox(value=True, description="Hedges")
text = w.HTML()

def draw(_=None):
    hedge = (
        '<details><summary class="mlkit-mark" data-category="evidential">reportedly</summary>'
        '<span class="mlkit-why">Reported by someone else, not seen by the writer.</span></details>'
    )
    booster = '<span class="mlkit-mark" data-category="booster">clearly</span>'
    text.value = (hedge if show.value else "") + booster

show.observe(draw, "value")
draw()
display(w.VBox([show, text]))
"""


def write_stack_check(folder: Path) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Widgets"), nbformat.v4.new_code_cell(STACK_CHECK_SOURCE)]
    nbformat.write(nb, folder / "widget_stack_check.ipynb")
    return "widget_stack_check.ipynb"


def accept_dialogs(page: Page) -> None:
    """Accept whatever dialog JupyterLab raised (kernel choice, restart), so nothing blocks clicks."""
    for _ in range(3):
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count() == 0:
            return
        dialog.first.click()
        page.wait_for_timeout(300)


def open_notebook(page: Page, base: str, path: str) -> None:
    page.goto(f"{base}/lab/tree/{path}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=60_000)
    accept_dialogs(page)


def run_all_cells(page: Page) -> None:
    """Use the menu, as a student would: Run > Run All Cells."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
    page.locator(".lm-Menu-item", has=label).click()


CELL_STATE_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')].map(cell => ({
  prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
  empty: ((cell.querySelector('.cm-content') || {}).textContent || '').trim() === '',
}))"""


def wait_for_run(page: Page, timeout_s: float = RUN_TIMEOUT_S) -> list[dict]:
    """Wait until no cell is queued or running and the kernel has stayed idle for a moment."""
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        accept_dialogs(page)
        cells = page.evaluate(CELL_STATE_JS)
        idle = page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').count() > 0
        busy = any("*" in c["prompt"] for c in cells)
        if idle and not busy:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 2:
                return cells
        else:
            quiet_since = None
        page.wait_for_timeout(300)
    pytest.fail(f"cells still running after {timeout_s} s")


def error_outputs(page: Page) -> list[str]:
    stderr = page.locator(".jp-NotebookPanel [data-mime-type='application/vnd.jupyter.stderr']")
    return stderr.all_inner_texts()


def top_level_outputs(page: Page) -> list[dict]:
    """Outputs of the notebook's cells (not those nested in widgets), and whether a widget view renders."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell .jp-OutputArea-output')]
            .filter(o => !o.parentElement.closest('.jupyter-widgets'))
            .map(o => ({widget: !!o.querySelector(':scope > .jupyter-widgets'),
                        text: o.innerText.slice(0, 200)}))"""
    )


def saved_widget_outputs(page: Page, base: str, path: str) -> int:
    """How many widget views the kernel sent, read back from the notebook JupyterLab saves."""
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1000)
    model = page.request.get(f"{base}/api/contents/{path}?content=1").json()
    cells = model["content"]["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
    return sum(WIDGET_MIME in o.get("data", {}) for o in outputs)


def marks(page: Page) -> list[list[str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.mlkit-mark')]
            .filter(m => m.offsetParent !== null)
            .map(m => [m.dataset.category || '', m.textContent.trim()])"""
    )


def visible_explanations(page: Page) -> set[str]:
    return {t.strip() for t in page.locator(".mlkit-why:visible").all_inner_texts() if t.strip()}


def wait_for_change(page: Page, before: list[list[str]], timeout_s: float = 20) -> list[list[str]]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = marks(page)
        if now != before:
            return now
        page.wait_for_timeout(200)
    return before


def shoot(page: Page, shots: Path, name: str) -> None:
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{name}.png"))


def exercise(page: Page, base: str, path: str, shots: Path) -> None:
    """The whole student path through one notebook, with the checks that a person would make by eye."""
    open_notebook(page, base, path)
    run_all_cells(page)
    cells = wait_for_run(page)
    shoot(page, shots, "1-ran")
    not_run = [i for i, c in enumerate(cells) if not c["empty"] and not re.search(r"\[\d+\]", c["prompt"])]
    assert not not_run, f"code cells {not_run} did not run; errors: {error_outputs(page)[:2]}"

    page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=30_000)
    body = page.locator(".jp-NotebookPanel").inner_text()
    assert "Error displaying widget" not in body, "a widget failed to render (widget packages out of step?)"
    rendered = sum(o["widget"] for o in top_level_outputs(page))
    sent = saved_widget_outputs(page, base, path)
    assert sent > 0, "the notebook displayed no widget"
    assert rendered == sent, f"the kernel sent {sent} widgets but {rendered} rendered as widgets"

    before = marks(page)
    assert before, "no highlighted mark (.mlkit-mark) in the page"
    box = page.get_by_role("checkbox", name="Hedges").first
    box.scroll_into_view_if_needed()
    was_checked = box.is_checked()
    box.click()
    toggled = wait_for_change(page, before)
    shoot(page, shots, "2-toggled")
    assert toggled != before, "unticking 'Hedges' did not change the highlighted marks"
    box.click()
    assert box.is_checked() == was_checked
    assert wait_for_change(page, toggled) == before, "ticking 'Hedges' again did not bring the marks back"

    shown_before = visible_explanations(page)
    mark = page.locator(".mlkit-mark:visible").first
    mark.scroll_into_view_if_needed()
    mark.click()
    page.wait_for_timeout(500)
    shown_after = visible_explanations(page)
    shoot(page, shots, "3-explained")
    assert shown_after - shown_before, "clicking a mark revealed no explanation (.mlkit-why)"


def test_widget_stack_renders_in_chromium(page: Page, lab_url: str, lab_root: Path, artifacts: Path) -> None:
    path = write_stack_check(lab_root)
    exercise(page, lab_url, path, artifacts / "stack-check")


def test_lesson_02_in_chromium(page: Page, lab_url: str, lab_root: Path, artifacts: Path) -> None:
    if not (lab_root / LESSON).exists():
        pytest.skip(f"{LESSON} is not written yet")
    exercise(page, lab_url, LESSON, artifacts / "lesson02")
