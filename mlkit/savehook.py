"""Keep kit lessons clean on disk, however often JupyterLab saves them.

jupyter-server calls ``clean_lesson`` (configured as ``FileContentsManager.pre_save_hook`` by
``mlkit.labsetup``) on every save, autosave included. For a kit lesson — a notebook whose metadata has
``"mlkit": {"lesson": ...}`` — it drops code-cell outputs, execution counts, saved widget state and the
view state JupyterLab records per cell, and keeps the lesson's own notebook metadata rather than what
the running kernel filled in. So a lesson reopened later never shows "Error displaying widget: model
not found" (no widget output is left to fail), and the file stays identical to the committed one.
Any other notebook (a teacher's own) is saved exactly as sent.

This module is imported by the Jupyter server, so it imports nothing heavy (no spaCy, no widgets).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Per-cell view state JupyterLab may write while a student works; none of it belongs in a lesson file.
CELL_VIEW_STATE = ("collapsed", "scrolled", "execution", "jp-MarkdownHeadingCollapsed", "trusted")
WIDGET_STATE = (
    "widgets"  # notebook metadata key of "Save widget state" (application/vnd.jupyter.widget-state)
)


def lesson_id(notebook: dict[str, Any]) -> str | None:
    """The lesson name in ``metadata.mlkit.lesson``, or None for a notebook that is not a kit lesson."""
    marker = (notebook.get("metadata") or {}).get("mlkit")
    lesson = marker.get("lesson") if isinstance(marker, dict) else None
    return lesson if isinstance(lesson, str) and lesson else None


def strip_lesson(notebook: dict[str, Any], metadata_on_disk: dict[str, Any] | None = None) -> None:
    """Clear, in place, everything running a lesson adds; keep the sources and the cells' own metadata.

    ``metadata_on_disk`` is the lesson file's notebook metadata before this save: when given, it replaces
    what JupyterLab sends (which carries the kernel's display name and full language_info).
    """
    if metadata_on_disk is not None:
        notebook["metadata"] = dict(metadata_on_disk)
    notebook.get("metadata", {}).pop(WIDGET_STATE, None)
    for cell in notebook.get("cells", []):
        metadata = cell.get("metadata")
        if isinstance(metadata, dict):
            for key in CELL_VIEW_STATE:
                metadata.pop(key, None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


def _metadata_on_disk(contents_manager: Any, path: str, lesson: str) -> dict[str, Any] | None:
    """The notebook metadata of the same lesson already saved at ``path``; None if there is none."""
    root = getattr(contents_manager, "root_dir", None)
    if not root:
        return None
    file = Path(root, path.strip("/")).resolve()
    if not file.is_relative_to(Path(root).resolve()) or not file.is_file():
        return None
    try:
        saved = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # unreadable: keep what the browser sent rather than guess
    if not isinstance(saved, dict) or lesson_id(saved) != lesson:
        return None
    return saved["metadata"]


def clean_lesson(model: dict[str, Any], path: str, contents_manager: Any = None, **_: Any) -> None:
    """jupyter-server pre-save hook: strip a kit lesson's run state; leave every other file alone."""
    content = model.get("content")
    if model.get("type") != "notebook" or not isinstance(content, dict) or content.get("nbformat") != 4:
        return
    lesson = lesson_id(content)
    if lesson is None:
        return
    strip_lesson(content, _metadata_on_disk(contents_manager, path, lesson))
