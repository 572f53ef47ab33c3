"""Every lesson as a student meets it: JupyterLab in a real Chromium with the kit's own settings.

Each lesson is opened, run with Run > Run All Cells, saved with Ctrl+S and closed with File > Close and
Shut Down Notebook (the last one with its tab's ×, which must stop the kernel too: the kit's
kernelShutdown setting). Checked: every code cell ran; no error output and no "Error displaying widget"
text; cell by cell, every widget the kernel sent (read from the notebook JupyterLab sends when saving)
is drawn as a widget, and every cell that calls mlkit.widgets shows one; the file the server wrote is
identical to the committed lesson (the kit's save hook); closing shuts the lesson's kernel down. Lesson
02 also has its highlighter toggled and a mark clicked, and the click must count as kernel activity
(what kernel culling reads). Lesson 00 is then reopened with a new kernel: no error, no stale output;
a teacher's own notebook with a widget, treated the same way, does show the error (so the check can
fail, and the hook leaves other notebooks alone). And a Markdown file opens rendered. Screenshots:
artifacts/browser/lessons/ and beside it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from committed import committed_text
from jlab import (
    check_highlighter,
    close_and_shut_down,
    close_tab,
    error_outputs,
    kernels,
    open_notebook,
    run_notebook,
    save,
    shoot,
    widget_problems,
)
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (ROOT / "lessons").glob("*.ipynb"))
REOPENED = "00_start_here.ipynb"
TEACHER_NOTEBOOK = """\
import ipywidgets as w
w.Checkbox(description="My own widget")
"""


def session_kernel(page: Page, base: str, path: str) -> str:
    sessions = page.request.get(f"{base}/api/sessions").json()
    return next(s["kernel"]["id"] for s in sessions if s["path"] == path)


def last_activity(page: Page, base: str, kernel_id: str) -> str:
    return next(k["last_activity"] for k in kernels(page, base) if k["id"] == kernel_id)


def on_disk(lab_root: Path, path: str) -> str:
    return (lab_root / path).read_text(encoding="utf-8")


def reopen_problems(page: Page, base: str, path: str, old_kernel: str) -> list[str]:
    """Open the notebook again (a new kernel, nothing run) and say what a student would see go wrong."""
    open_notebook(page, base, path)
    page.wait_for_timeout(2000)  # give stale widget outputs time to fail, as they would for a student
    problems = []
    if "Error displaying widget" in page.locator(".jp-NotebookPanel").inner_text():
        problems.append("Error displaying widget")
    stale = page.locator(".jp-NotebookPanel .jp-OutputArea-output").count()
    if stale:
        problems.append(f"{stale} stale outputs")
    if session_kernel(page, base, path) == old_kernel:
        problems.append("the old kernel is still in use")
    return problems


@pytest.mark.parametrize("name", LESSONS, ids=[Path(n).stem for n in LESSONS])
def test_lesson_in_chromium(page: Page, lab_url: str, lab_root: Path, artifacts: Path, name: str) -> None:
    path, shots = f"lessons/{name}", artifacts / "lessons" / Path(name).stem
    run_notebook(page, lab_url, path, shots)
    assert error_outputs(page) == [], error_outputs(page)[:2]
    kernel = session_kernel(page, lab_url, path)
    sent = save(page, path)
    assert widget_problems(page, sent) == []
    assert on_disk(lab_root, path) == committed_text(ROOT / "lessons" / name), (
        f"{path} as saved by the server differs from the committed lesson (save hook not applied?)"
    )
    if name == "02_hedges.ipynb":
        before = last_activity(page, lab_url, kernel)
        check_highlighter(page, shots)
        assert last_activity(page, lab_url, kernel) > before, "widget clicks did not count as kernel activity"
    page.locator(".jp-NotebookPanel .jp-Cell").last.scroll_into_view_if_needed()
    shoot(page, shots, "2-end")
    if name == LESSONS[-1]:  # closed with the tab's ×: the kit's kernelShutdown setting stops the kernel
        close_tab(page)
        for _ in range(40):  # the kernel is shut down as the closed document is disposed: give it time
            if kernel not in {k["id"] for k in kernels(page, lab_url)}:
                break
            page.wait_for_timeout(500)
    else:
        close_and_shut_down(page)
    left = {k["id"] for k in kernels(page, lab_url)}
    assert kernel not in left, "closing the lesson left its kernel running"
    if name == REOPENED:  # a student comes back to the lesson later
        assert reopen_problems(page, lab_url, path, kernel) == []
        shoot(page, shots, "3-reopened")
        close_and_shut_down(page)
        assert on_disk(lab_root, path) == committed_text(ROOT / "lessons" / name)


def test_a_teachers_own_notebook_keeps_its_outputs_and_shows_the_error_when_reopened(
    page: Page, lab_url: str, lab_root: Path, artifacts: Path
) -> None:
    """The control for the reopen check: a notebook that is not a kit lesson keeps its widget output,
    which fails on reopening; so the check can fail, and the hook leaves other notebooks alone."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(TEACHER_NOTEBOOK)]
    nbformat.write(nb, lab_root / "teachers_own.ipynb")
    run_notebook(page, lab_url, "teachers_own.ipynb", artifacts / "reopen-teacher")
    kernel = session_kernel(page, lab_url, "teachers_own.ipynb")
    save(page, "teachers_own.ipynb")
    close_and_shut_down(page)
    problems = reopen_problems(page, lab_url, "teachers_own.ipynb", kernel)
    shoot(page, artifacts / "reopen-teacher", "2-reopened")
    close_and_shut_down(page)
    assert "Error displaying widget" in problems, f"the control notebook should show the error: {problems}"


def test_markdown_opens_rendered(page: Page, lab_url: str, lab_root: Path, artifacts: Path) -> None:
    (lab_root / "guide.md").write_text("# For instructors\n\nSome **bold** words.\n", encoding="utf-8")
    page.goto(f"{lab_url}/lab/tree/guide.md?reset")
    heading = page.locator(".jp-MainAreaWidget .jp-RenderedMarkdown h1")
    heading.wait_for(timeout=60_000)
    shoot(page, artifacts / "markdown", "guide")
    assert heading.inner_text().startswith("For instructors")
    assert page.locator(".jp-MainAreaWidget .jp-FileEditor").count() == 0, "opened in the text editor"
