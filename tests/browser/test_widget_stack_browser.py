"""The widget stack alone, in JupyterLab in a real Chromium: a small notebook of our own with a checkbox
that redraws marked text, so a failure here points at the environment (ipywidgets, jupyterlab_widgets,
JupyterLab out of step), not at a lesson; and a notebook with a broken widget, to show the checks can
fail. The lessons themselves are driven by test_lessons_browser.py; check_highlighter is shared with it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from jlab import check_highlighter, close_and_shut_down, run_notebook, save, widget_problems
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

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


def test_widget_stack_renders_in_chromium(page: Page, lab_url: str, lab_root: Path, artifacts: Path) -> None:
    path = write_notebook(lab_root, "widget_stack_check.ipynb", STACK_CHECK_SOURCE)
    run_notebook(page, lab_url, path, artifacts / "stack-check")
    assert widget_problems(page, save(page, path)) == []
    check_highlighter(page, artifacts / "stack-check")
    close_and_shut_down(page)


def test_broken_widget_is_caught(page: Page, lab_url: str, lab_root: Path, artifacts: Path) -> None:
    """The checker itself can fail: a widget view whose model does not exist must be reported."""
    path = write_notebook(lab_root, "broken_widget.ipynb", BROKEN_WIDGET_SOURCE)
    run_notebook(page, lab_url, path, artifacts / "broken-widget")
    problems = widget_problems(page, save(page, path))
    assert any("Error displaying widget" in p for p in problems), problems
    assert any("the kernel sent 2 widgets, 1 drawn" in p for p in problems), problems
    close_and_shut_down(page)
