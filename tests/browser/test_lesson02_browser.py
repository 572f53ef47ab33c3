"""End to end, as a student sees it: lesson 02 in JupyterLab in a real Chromium.

Open the notebook, Run > Run All Cells, then check that every widget rendered (no "Error displaying
widget", the symptom of ipywidgets and jupyterlab_widgets drifting apart), that unticking a category
changes the highlighted marks, and that clicking a mark reveals its explanation. Screenshots go to
artifacts/browser/. A small notebook of our own runs first: it checks the widget stack alone, so a
failure there points at the environment, not at the lesson; and a notebook with a broken widget
checks that the checks can fail.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser
RUN_TIMEOUT_S = 240
KERNEL_START_TIMEOUT_MS = 90_000
LESSON = "lessons/02_hedges.ipynb"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# What the page says, read the way a person reads it: the kernel status in the status bar, and each
# code cell's prompt ("[ ]" never run, "[*]" queued or running, "[3]" done).
KERNEL_IDLE_JS = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
  .some(e => /\\|\\s*Idle\\s*$/.test(e.textContent))"""
STARTED_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]
  .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
CELL_STATE_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')].map(cell => ({
  prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
  empty: ((cell.querySelector('.cm-content') || {}).textContent || '').trim() === '',
}))"""

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


# What a student sees when the browser side has no such widget model: "Error displaying widget".
BROKEN_WIDGET_SOURCE = """\
import ipywidgets as w
from IPython.display import display

display(w.Checkbox(description="Hedges"))
view = {"model_id": "no-such-model", "version_major": 2, "version_minor": 0}
display({"application/vnd.jupyter.widget-view+json": view, "text/plain": "a widget"}, raw=True)
"""


def write_notebook(folder: Path, name: str, source: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, folder / name)
    return name


def accept_dialogs(page: Page) -> None:
    """Accept whatever dialog JupyterLab raised (kernel choice, restart), so nothing blocks clicks, and
    answer No to the "Jupyter news" question should it appear despite the settings (it covers widgets)."""
    news_no = page.locator(".jp-toast-button", has_text=re.compile(r"^No$"))
    if news_no.count():
        news_no.first.click()
    for _ in range(3):
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count() == 0:
            return
        dialog.first.click()
        page.wait_for_timeout(300)


def open_notebook(page: Page, base: str, path: str) -> None:
    """Open the notebook and wait until its kernel says Idle in the status bar (started and connected)."""
    page.goto(f"{base}/lab/tree/{path}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    accept_dialogs(page)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=KERNEL_START_TIMEOUT_MS)
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()  # focus the notebook, as a student would


def run_all_cells(page: Page) -> None:
    """Use the menu, as a student would: Run > Run All Cells. Retry if no cell started (lost click)."""
    for _ in range(3):
        page.get_by_role("menuitem", name="Run", exact=True).click()
        label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
        page.locator(".lm-Menu-item", has=label).click()
        try:
            page.wait_for_function(STARTED_JS, timeout=10_000)
            return
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    pytest.fail("Run > Run All Cells started no cell")


def wait_for_run(page: Page, timeout_s: float = RUN_TIMEOUT_S) -> list[dict]:
    """Wait until no cell is queued or running and the kernel has stayed idle for a moment."""
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        accept_dialogs(page)
        cells = page.evaluate(CELL_STATE_JS)
        idle = page.evaluate(KERNEL_IDLE_JS)
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
            .map(o => ({widget: !!o.querySelector(':scope > .jupyter-widgets')
                                || (o.children.length > 0 && o.firstElementChild.childElementCount > 0
                                    && !o.querySelector(':scope > [class*="jp-Rendered"]')
                                    && !/Error displaying widget|Loading widget/.test(o.innerText)),
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
    """Marks a person can see: the article view's (a hidden kind loses its style) and the stack check's."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-NotebookPanel .mlk-m, .jp-NotebookPanel .mlkit-mark')]
            .filter(m => m.offsetParent !== null)
            .map(m => [m.dataset.category || [...m.classList].find(c => c.startsWith('mlk-m-')) || '',
                       m.textContent.trim()])
            .filter(([cat]) => !document.querySelector('.mlk-hide-' + cat.replace('mlk-m-', '')))"""
    )


def explanations(page: Page) -> list[str]:
    return [t.strip() for t in page.locator(".mlk-why:visible, .mlkit-why:visible").all_inner_texts()]


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


def run_notebook(page: Page, base: str, path: str, shots: Path) -> None:
    """Open the notebook, Run All, and check that every code cell ran."""
    open_notebook(page, base, path)
    run_all_cells(page)
    cells = wait_for_run(page)
    shoot(page, shots, "1-ran")
    not_run = [i for i, c in enumerate(cells) if not c["empty"] and not re.search(r"\[\d+\]", c["prompt"])]
    assert not not_run, f"code cells {not_run} did not run; errors: {error_outputs(page)[:2]}"


def widget_problems(page: Page, base: str, path: str) -> list[str]:
    """What a person would see go wrong with the widgets: error text, or a widget shown as plain text."""
    problems = []
    try:
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=20_000)
    except PlaywrightTimeoutError:
        problems.append("a widget still says 'Loading widget...'")
    if "Error displaying widget" in page.locator(".jp-NotebookPanel").inner_text():
        problems.append("a widget shows 'Error displaying widget' (widget packages out of step?)")
    rendered = sum(o["widget"] for o in top_level_outputs(page))
    sent = saved_widget_outputs(page, base, path)
    if sent == 0:
        problems.append("the notebook displayed no widget")
    if rendered != sent:
        problems.append(f"the kernel sent {sent} widgets but {rendered} rendered as widgets")
    return problems


FIRST_WORD_JS = """m => { const line = m.getClientRects()[0];
  return [line.left + Math.min(4, line.width / 2), line.top + line.height / 2]; }"""


def check_highlighter(page: Page, shots: Path) -> None:
    """Unticking 'Hedges' changes the marks and ticking it restores them; clicking a mark explains it."""
    before = marks(page)
    assert before, "no highlighted mark in the page"
    box = page.get_by_role("checkbox", name=re.compile(r"^Hedges")).first
    box.scroll_into_view_if_needed()
    was_checked = box.is_checked()
    box.click()
    toggled = wait_for_change(page, before)
    shoot(page, shots, "2-toggled")
    assert toggled != before, "unticking 'Hedges' did not change the highlighted marks"
    box.click()
    assert box.is_checked() == was_checked
    assert wait_for_change(page, toggled) == before, "ticking 'Hedges' again did not bring the marks back"

    before_click = explanations(page)
    mark = page.locator(".mlk-text .mlk-m:visible, .mlkit-mark:visible").first
    mark.scroll_into_view_if_needed()
    # Click on the mark's first word, as a person would: a mark that wraps onto a second line has a box
    # whose centre is plain text between its two pieces.
    x, y = mark.evaluate(FIRST_WORD_JS)
    page.mouse.click(x, y)
    page.wait_for_timeout(500)
    shoot(page, shots, "3-explained")
    after_click = explanations(page)
    assert after_click != before_click and any(after_click), "clicking a mark revealed no explanation"


def test_widget_stack_renders_in_chromium(page: Page, lab_url: str, lab_root: Path, artifacts: Path) -> None:
    path = write_notebook(lab_root, "widget_stack_check.ipynb", STACK_CHECK_SOURCE)
    run_notebook(page, lab_url, path, artifacts / "stack-check")
    assert widget_problems(page, lab_url, path) == []
    check_highlighter(page, artifacts / "stack-check")


def test_broken_widget_is_caught(page: Page, lab_url: str, lab_root: Path, artifacts: Path) -> None:
    """The checker itself can fail: a widget view whose model does not exist must be reported."""
    path = write_notebook(lab_root, "broken_widget.ipynb", BROKEN_WIDGET_SOURCE)
    run_notebook(page, lab_url, path, artifacts / "broken-widget")
    problems = widget_problems(page, lab_url, path)
    assert any("Error displaying widget" in p for p in problems), problems
    assert any("rendered as widgets" in p for p in problems), problems


def test_lesson_02_in_chromium(page: Page, lab_url: str, lab_root: Path, artifacts: Path) -> None:
    if not (lab_root / LESSON).exists():
        pytest.skip(f"{LESSON} is not written yet")
    run_notebook(page, lab_url, LESSON, artifacts / "lesson02")
    assert widget_problems(page, lab_url, LESSON) == []
    check_highlighter(page, artifacts / "lesson02")
