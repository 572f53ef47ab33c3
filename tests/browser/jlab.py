"""What a student does in JupyterLab, and what they see, for the browser tests: open a notebook, Run All,
save, close and shut down; read the page the way a person reads it (the kernel status in the status
bar, each code cell's prompt, error text, widgets drawn or not).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

RUN_TIMEOUT_S = 240
KERNEL_START_TIMEOUT_MS = 90_000
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# The kernel status in the status bar, and each code cell's prompt ("[ ]" never run, "[*]" queued or
# running, "[3]" done).
KERNEL_IDLE_JS = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
  .some(e => /\\|\\s*Idle\\s*$/.test(e.textContent))"""
STARTED_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]
  .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
CELL_STATE_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')].map(cell => ({
  prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
  empty: ((cell.querySelector('.cm-content') || {}).textContent || '').trim() === '',
}))"""
# Per code cell: how many of its own outputs (not those nested inside a widget) there are, and how many
# of them are drawn as a widget.
CELL_OUTPUTS_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')].map(cell => {
  const outs = [...cell.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => !o.parentElement.closest('.jupyter-widgets'));
  // An ipywidgets view sits in .jupyter-widgets; an anywidget view is a plain element tree that is
  // neither a rendered MIME output nor the error / loading text.
  const drawn = outs.filter(o => o.querySelector(':scope > .jupyter-widgets')
    || (o.children.length > 0 && o.firstElementChild.childElementCount > 0
        && !o.querySelector(':scope > [class*="jp-Rendered"]')
        && !/Error displaying widget|Loading widget/.test(o.innerText)));
  return {outputs: outs.length, widgets: drawn.length};
})"""


def accept_dialogs(page: Page) -> None:
    """Accept whatever dialog JupyterLab raised (kernel choice, shut down), so nothing blocks clicks, and
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
    """Open the notebook and wait until its kernel says Idle in the status bar (started and connected).

    As a student does, by double-clicking it in the file browser when JupyterLab is already showing its
    folder with no notebook open (no page reload: seconds per lesson); else by loading its URL afresh."""
    folder, _, name = path.rpartition("/")
    crumbs = page.locator(".jp-FileBrowser .jp-BreadCrumbs")
    here = crumbs.inner_text().replace(" ", "").strip("/") if crumbs.count() else None
    item = page.locator(".jp-DirListing-item", has=page.get_by_text(name, exact=True))
    if page.url.startswith(base) and here == folder and not page.locator(".jp-NotebookPanel").count():
        item.dblclick()
    else:
        page.goto(f"{base}/lab/tree/{path}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    accept_dialogs(page)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=KERNEL_START_TIMEOUT_MS)
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()  # focus the notebook, as a student would


def menu(page: Page, top: str, item: str) -> None:
    """Click a menu item, as a student would: ``menu(page, "Run", "Run All Cells")``."""
    page.get_by_role("menuitem", name=top, exact=True).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$"))
    page.locator(".lm-Menu-item", has=label).click()


def run_all_cells(page: Page) -> None:
    """Run > Run All Cells. Retry if no cell started (a lost click)."""
    for _ in range(3):
        menu(page, "Run", "Run All Cells")
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
            if time.monotonic() - quiet_since > 1:
                return cells
        else:
            quiet_since = None
        page.wait_for_timeout(300)
    pytest.fail(f"cells still running after {timeout_s} s")


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


def error_outputs(page: Page) -> list[str]:
    """Tracebacks and anything else written to stderr, as shown in the notebook."""
    stderr = page.locator(".jp-NotebookPanel [data-mime-type='application/vnd.jupyter.stderr']")
    return stderr.all_inner_texts()


def save(page: Page, path: str) -> dict:
    """Ctrl+S, as a student would; returns the notebook JupyterLab sent to the server (what the page
    holds, outputs included, before any server-side hook) once the server has written it. The body is
    read by intercepting the request: Chromium does not report large request bodies otherwise."""

    def is_this_notebook(url: str) -> bool:
        return unquote(url).split("?")[0].endswith(f"/api/contents/{path}")

    bodies: list[str] = []

    def keep_body(route: Route) -> None:
        if route.request.method == "PUT" and route.request.post_data:
            bodies.append(route.request.post_data)
        route.continue_()

    page.route(is_this_notebook, keep_body)
    try:
        page.locator(".jp-NotebookPanel .jp-InputPrompt").first.click()  # focus the notebook, not a widget
        with page.expect_response(
            lambda r: r.request.method == "PUT" and is_this_notebook(r.url), timeout=30_000
        ) as saved:
            page.keyboard.press("Control+s")
    finally:
        page.unroute(is_this_notebook, keep_body)
    assert saved.value.ok, f"saving {path} failed: HTTP {saved.value.status}"
    assert bodies, f"saving {path} sent no notebook"
    return json.loads(bodies[-1])["content"]


def widget_problems(page: Page, sent: dict) -> list[str]:
    """What a person would see go wrong with the widgets, cell by cell: error text, a widget the kernel
    sent that is not drawn as a widget, or a cell calling mlkit.widgets that shows no widget."""
    problems = []
    try:
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=20_000)
    except PlaywrightTimeoutError:
        problems.append("a widget still says 'Loading widget...'")
    if "Error displaying widget" in page.locator(".jp-NotebookPanel").inner_text():
        problems.append("a widget shows 'Error displaying widget' (widget packages out of step?)")
    drawn = page.evaluate(CELL_OUTPUTS_JS)
    code = [c for c in sent["cells"] if c["cell_type"] == "code"]
    if len(drawn) != len(code):
        return [*problems, f"{len(drawn)} code cells on the page, {len(code)} in the notebook"]
    if not any(WIDGET_MIME in o.get("data", {}) for c in code for o in c["outputs"]):
        problems.append("the notebook displayed no widget")
    for i, (cell, seen) in enumerate(zip(code, drawn, strict=True)):
        sent_widgets = sum(WIDGET_MIME in o.get("data", {}) for o in cell["outputs"])
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if sent_widgets != seen["widgets"]:
            problems.append(f"code cell {i}: the kernel sent {sent_widgets} widgets, {seen['widgets']} drawn")
        if "mlkit.widgets." in source and seen["widgets"] == 0:
            problems.append(f"code cell {i} ({source.strip()[:60]}) shows no widget")
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        if errors:
            problems.append(f"code cell {i}: {errors[0]['ename']}: {errors[0]['evalue']}")
    return problems


def close_and_shut_down(page: Page) -> None:
    """File > Close and Shut Down Notebook, as each lesson tells students to do at its end."""
    menu(page, "File", "Close and Shut Down Notebook…")
    accept_dialogs(page)
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", timeout=20_000)


def close_tab(page: Page) -> None:
    """Close the notebook's tab with its ×, as a student who forgot the menu would (saving if asked)."""
    tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.jp-mod-current")
    tab.locator(".lm-TabBar-tabCloseIcon").click()
    accept_dialogs(page)
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", timeout=20_000)


def kernels(page: Page, base: str) -> list[dict]:
    return page.request.get(f"{base}/api/kernels").json()


# --- the highlighter, as lesson 02 and the stack check draw it ------------------------------------


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
    return [t.strip() for t in page.locator(".mlk-bubble:visible, .mlkit-why:visible").all_inner_texts()]


def wait_for_change(page: Page, before: list[list[str]], timeout_s: float = 20) -> list[list[str]]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = marks(page)
        if now != before:
            return now
        page.wait_for_timeout(200)
    return before


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
