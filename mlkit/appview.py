"""The app view of a lesson (Voilà): the lesson's JupyterLab instructions are left out of its Markdown.

A lesson is written for JupyterLab ("run the two cells below", "Run ▸ Run All Cells", "File › Close and
Shut Down"). Voilà shows the same notebook with no code cells and no menus, so those sentences would send
a student looking for things that are not there. This nbconvert preprocessor, which Voilà runs on every
page it renders (``VoilaExporter.preprocessors`` in ``mlkit/labconfig/voila.json``), drops from each
Markdown cell of a kit lesson every paragraph, quote or list item holding a phrase listed in
``mlkit/data/app_view.json``; everything else is left as written, and code cells are not touched (Voilà
runs them all and shows only their widgets). The My work bar at the top of every lesson says the app's
version of the dropped advice (a reload runs the lesson again, answers included).

Imported by the Jupyter server, like ``mlkit.savehook``: nothing heavy here.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from nbconvert.preprocessors import Preprocessor

from mlkit.savehook import lesson_id

#: A list item starts with "- ", "* ", "+ " or "1. " (after any indentation); its continuation lines are
#: indented further.
ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s")


@cache
def lab_only_phrases() -> tuple[str, ...]:
    data = json.loads(resources.files("mlkit").joinpath("data", "app_view.json").read_text(encoding="utf-8"))
    return tuple(data["lab_only"])


def _lab_only(text: str) -> bool:
    flat = " ".join(text.split())  # a phrase may be broken across lines
    return any(phrase in flat for phrase in lab_only_phrases())


def _items(block: str) -> list[str]:
    """A block split into list items (each with its continuation lines); a non-list block is one item."""
    items: list[list[str]] = []
    for line in block.split("\n"):
        if ITEM.match(line) or not items:
            items.append([line])
        else:
            items[-1].append(line)
    return ["\n".join(item) for item in items]


def app_markdown(source: str) -> str:
    """``source`` without the blocks (paragraphs, quotes, list items) that only make sense in JupyterLab."""
    kept = []
    for block in re.split(r"\n\s*\n", source):
        if ITEM.match(block):
            items = [item for item in _items(block) if not _lab_only(item)]
            if items:
                kept.append("\n".join(items))
        elif not _lab_only(block):
            kept.append(block)
    return "\n\n".join(kept)


class LabOnlyRemover(Preprocessor):
    """Voilà's preprocessor for kit lessons (a notebook with ``"mlkit": {"lesson": ...}``); other
    notebooks pass unchanged."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        if lesson_id(nb) is None:
            return nb, resources
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = app_markdown(cell.source)
        return nb, resources
