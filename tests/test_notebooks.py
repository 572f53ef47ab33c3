"""Every lesson is committed clean and runs top to bottom in a fresh kernel, as a student's "Run All" does.

"Committed clean" reads the lesson as committed (`git show HEAD:`), not the working file: a teacher who
ran the lessons in a plain `jupyter lab` (without the kit's save hook) and saved them still gets a green
`make test`. The headless runs execute the working file's cells, its old outputs and counts cleared first.
Each notebook runs in a temporary copy of lessons/ with MLKIT_WORK_DIR pointing at a temporary folder,
so a test run never writes student answers into the repository. (Which lessons must exist, and what
each promises, is checked by tests/test_lesson_content.py.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from committed import committed_text
from nbclient import NotebookClient

from mlkit import binderlinks

ROOT = Path(__file__).resolve().parent.parent
LESSONS_DIR = ROOT / "lessons"
LESSONS = sorted(LESSONS_DIR.glob("*.ipynb"))
CELL_TIMEOUT_S = 180


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_lesson_committed_clean_with_kernelspec(path: Path) -> None:
    """Outputs cleared (students start from a blank page) and a kernelspec (no "Select Kernel" dialog)."""
    nb = nbformat.reads(committed_text(path), as_version=4)
    nbformat.validate(nb)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: code cells {dirty} still have outputs or execution counts"
    spec = nb.metadata.get("kernelspec", {})
    assert spec.get("name") == "python3" and spec.get("language") == "python", (
        f"{path.name}: kernelspec {spec}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_lesson_runs_headless(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run all cells; nbclient raises CellExecutionError (with the traceback) on the first failing cell."""
    lessons = tmp_path / "lessons"
    shutil.copytree(LESSONS_DIR, lessons, ignore=shutil.ignore_patterns("student_work", ".ipynb_checkpoints"))
    work = tmp_path / "work"
    monkeypatch.setenv("MLKIT_WORK_DIR", str(work))  # the kernel inherits this process's environment
    monkeypatch.setenv("MPLBACKEND", "Agg")
    before = sorted(p.name for p in LESSONS_DIR.iterdir())

    nb = nbformat.read(lessons / path.name, as_version=4)
    for cell in nb.cells:  # a lesson saved after a run: its old outputs must not count as this run's
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(lessons)}},
    )
    client.execute()

    ran = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count is not None for c in ran), f"{path.name}: some code cells did not run"
    errors = [o for c in ran for o in c.outputs if o.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]
    assert sorted(p.name for p in LESSONS_DIR.iterdir()) == before, "running a lesson wrote into lessons/"


def test_binder_badge_opens_lesson_00() -> None:
    """The README's Binder badge is the one `make binder-links` prints, and lands on the first lesson."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/[^\s)\]`]+", readme)
    assert links, "README.md has no Binder link"
    for link in links:
        target = re.search(r"[?&]urlpath=lab/tree/([^&#\s]+)", link)
        assert target, f"{link} does not open a notebook (needs ?urlpath=lab/tree/lessons/...)"
        assert target.group(1) == "lessons/00_start_here.ipynb", link
        assert (ROOT / target.group(1)).exists(), f"{link} points at a missing notebook"
        owner, name, branch = link.split("/")[5:8]
        badge = binderlinks.badge(f"{owner}/{name}", branch.split("?")[0])
        assert badge in readme, f"the README badge is not the form make binder-links prints: {badge}"
