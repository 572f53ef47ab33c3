"""The pre-save hook keeps kit lessons clean on disk and leaves every other notebook alone.

Saves go through jupyter-server's own contents manager (the class JupyterLab's server uses), configured
from the kit's packaged JSON config, so the test also shows that the hook's dotted name works from JSON.
What a save "sends" is modelled on what JupyterLab 4 sent for lesson 00 after Run All (seen in a
browser): widget outputs, execution counts, the kernel's display name and full language_info.
"""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from committed import committed_text
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from traitlets.config import Config

from mlkit import labsetup, savehook

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "lessons" / "00_start_here.ipynb"
WIDGET_VIEW = {"model_id": "5e1f", "version_major": 2, "version_minor": 0}


def as_jupyterlab_sends(notebook: dict[str, Any]) -> dict[str, Any]:
    """The notebook after Run All, as JupyterLab puts it in a save request."""
    sent = copy.deepcopy(notebook)
    sent["metadata"]["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    sent["metadata"]["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"}
    sent["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    count = 0
    for cell in sent["cells"]:
        if cell["cell_type"] == "code":
            count += 1
            cell["execution_count"] = count
            cell["metadata"]["scrolled"] = True
            cell["metadata"]["execution"] = {"iopub.status.busy": "2026-11-29T10:00:00Z"}
            cell["outputs"] = [
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"application/vnd.jupyter.widget-view+json": WIDGET_VIEW, "text/plain": "VBox()"},
                },
                {"output_type": "stream", "name": "stdout", "text": "hello\n"},
            ]
    return sent


def manager(root: Path) -> AsyncLargeFileManager:
    """The contents manager a JupyterLab server uses, with only the kit's server config applied."""
    config = Config(labsetup.server_config())
    return AsyncLargeFileManager(root_dir=str(root), config=config)


def save(root: Path, path: str, notebook: dict[str, Any]) -> str:
    """Save through the contents manager, then return the file's text as written on disk."""
    model = {"type": "notebook", "format": "json", "content": copy.deepcopy(notebook)}
    asyncio.run(manager(root).save(model, path))
    return (root / path).read_text(encoding="utf-8")


@pytest.fixture
def lesson_text() -> str:
    return committed_text(LESSON)


def test_config_names_the_hook_as_a_string_and_jupyter_server_imports_it(tmp_path: Path) -> None:
    hook = labsetup.server_config()["FileContentsManager"]["pre_save_hook"]
    assert isinstance(hook, str), "the JSON config should name the hook, not hold code"
    assert manager(tmp_path).pre_save_hook is savehook.clean_lesson


def test_lesson_saved_after_a_run_is_byte_identical_to_the_committed_file(
    tmp_path: Path, lesson_text: str
) -> None:
    lesson = json.loads(lesson_text)
    assert savehook.lesson_id(lesson) == "00_start_here"
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / LESSON.name).write_text(lesson_text, encoding="utf-8")
    sent = as_jupyterlab_sends(lesson)
    assert sent != lesson
    assert save(tmp_path, f"lessons/{LESSON.name}", sent) == lesson_text


def test_lesson_saved_twice_stays_identical(tmp_path: Path, lesson_text: str) -> None:
    """Autosave every two minutes: every later save must give the same file."""
    (tmp_path / LESSON.name).write_text(lesson_text, encoding="utf-8")
    sent = as_jupyterlab_sends(json.loads(lesson_text))
    assert save(tmp_path, LESSON.name, sent) == save(tmp_path, LESSON.name, sent) == lesson_text


def test_teachers_own_notebook_is_saved_as_sent(tmp_path: Path, lesson_text: str) -> None:
    own = json.loads(lesson_text)
    del own["metadata"]["mlkit"]
    sent = as_jupyterlab_sends(own)
    written = save(tmp_path, "my_notes.ipynb", sent)
    assert written == nbformat.writes(nbformat.from_dict(copy.deepcopy(sent))) + "\n"
    assert '"output_type": "display_data"' in written


def test_lesson_saved_under_a_new_name_keeps_what_was_sent_but_the_run(
    tmp_path: Path, lesson_text: str
) -> None:
    """Save As: there is no lesson file at that path to take metadata from."""
    sent = as_jupyterlab_sends(json.loads(lesson_text))
    written = json.loads(save(tmp_path, "copy_of_lesson.ipynb", sent))
    code = [c for c in written["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert all(c["metadata"] == {} for c in code)
    assert "widgets" not in written["metadata"]
    assert written["metadata"]["language_info"] == sent["metadata"]["language_info"]
    assert [c["source"] for c in written["cells"]] == [c["source"] for c in sent["cells"]]


def test_metadata_of_another_lesson_on_disk_is_not_borrowed(tmp_path: Path, lesson_text: str) -> None:
    other = json.loads(lesson_text)
    other["metadata"]["mlkit"] = {"lesson": "99_other"}
    other["metadata"]["language_info"] = {"name": "other"}
    (tmp_path / LESSON.name).write_text(json.dumps(other), encoding="utf-8")
    sent = as_jupyterlab_sends(json.loads(lesson_text))
    written = json.loads(save(tmp_path, LESSON.name, sent))
    assert written["metadata"]["language_info"] == sent["metadata"]["language_info"]
    assert written["metadata"]["mlkit"] == {"lesson": "00_start_here"}


@pytest.mark.parametrize(
    "model",
    [
        {"type": "file", "format": "text", "content": '{"metadata": {"mlkit": {"lesson": "x"}}}'},
        {"type": "directory"},
        {"type": "notebook", "content": None},
    ],
    ids=["text file", "directory", "rename without content"],
)
def test_anything_but_a_notebook_is_left_alone(model: dict[str, Any]) -> None:
    before = copy.deepcopy(model)
    savehook.clean_lesson(model=model, path="x", contents_manager=None)
    assert model == before


def test_markdown_and_sources_survive_and_the_result_is_valid(tmp_path: Path, lesson_text: str) -> None:
    sent = as_jupyterlab_sends(json.loads(lesson_text))
    sent["cells"][0]["source"] = "# A student's own note"
    written = save(tmp_path, "lesson.ipynb", sent)
    nb = nbformat.reads(written, as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].source == "# A student's own note"
