"""The app view of a lesson (Voilà) leaves out the lesson's JupyterLab instructions and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from mlkit import appview

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
HEADING = re.compile(r"^#+ .*$", re.M)


def test_a_quote_a_paragraph_and_list_items_naming_lab_menus_go_the_rest_stays() -> None:
    source = (
        "# Lesson 9\n\n"
        "> **New session?** Choose **Run ▸ Run All Cells**, then\n> press **Load**.\n\n"
        "**Goal:** read closely.\n\n"
        "**First, run the two cells below** (press Shift +\nEnter twice).\n\n"
        "1. Press **Download** and keep the file.\n"
        "2. Then close this lesson with **File › Close and\n   Shut Down**, so that memory is freed.\n"
        "3. Hand it in.\n\n"
        "Save the page (File › Save page as) and upload it."
    )
    assert appview.app_markdown(source) == (
        "# Lesson 9\n\n"
        "**Goal:** read closely.\n\n"
        "1. Press **Download** and keep the file.\n"
        "3. Hand it in.\n\n"
        "Save the page (File › Save page as) and upload it."
    )


def test_text_without_lab_instructions_is_returned_as_it_is() -> None:
    source = "## Claims\n\n- one\n- two\n  more\n\nA *word* that stays."
    assert appview.app_markdown(source) == source


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_lesson_in_the_app_view_has_no_lab_instruction_and_keeps_every_heading(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    before = [(c.cell_type, c.source) for c in nb.cells]
    nb, _ = appview.LabOnlyRemover().preprocess(nb, {})
    markdown = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    left = [p for p in appview.lab_only_phrases() if p in " ".join(markdown.split())]
    assert not left, f"{path.name}: {left}"
    assert "Run All" not in markdown and "Shift" not in markdown
    headings = [h for kind, src in before if kind == "markdown" for h in HEADING.findall(src)]
    assert HEADING.findall(markdown) == headings, "a heading went missing"
    assert [(c.cell_type, c.source) for c in nb.cells if c.cell_type == "code"] == [
        b for b in before if b[0] == "code"
    ], "code cells must be untouched (Voilà runs them all)"
    assert len(markdown) > 0.5 * sum(len(s) for k, s in before if k == "markdown"), "most prose stays"


def test_other_notebooks_pass_unchanged() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Choose **Run ▸ Run All Cells**.")]
    nb, _ = appview.LabOnlyRemover().preprocess(nb, {})
    assert nb.cells[0].source == "Choose **Run ▸ Run All Cells**."
