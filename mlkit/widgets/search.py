"""One short step of lesson 05's search: the task, the search words to use, and three boxes for what the
student found (the page, who is behind it, what it says), saved as they type (every keystroke reaches
the kernel, so switching tabs loses nothing).

Binder ends a session after about ten minutes with no activity, so each step is short, and every box
saves on every change: a student who comes back to the tab late loses nothing already typed. Saved as
{"page": ..., "who": ..., "says": ...} under the step's id.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from mlkit.lessons import search_task
from mlkit.render import esc
from mlkit.widgets import saving
from mlkit.widgets.saving import saved

FIELDS = (
    ("page", "The page", "its name or web address"),
    ("who", "Who is behind it?", "who runs or writes it"),
    ("says", "What does it say?", "in a sentence, in your own words"),
)
#: Longest text kept per box: the answers file stays small however much is pasted.
MAX_CHARS = 600


class SearchStep(widgets.VBox):
    """The boxes of one search step; every change is saved at once."""

    def __init__(self, step_id: str) -> None:
        task = search_task(step_id)
        self.question_id = step_id
        before = saved(step_id)
        before = before if isinstance(before, dict) else {}
        self.boxes: dict[str, widgets.Textarea] = {}
        rows: list[widgets.Widget] = [
            widgets.HTML(
                f"<p><strong>{esc(task['title'])}</strong> ({esc(task['minutes'])} minutes). "
                f"{esc(task['task'])}</p>"
                f"<p>Search for: <code>{esc(task['search'])}</code></p>"
            )
        ]
        for key, label, placeholder in FIELDS:
            box = widgets.Textarea(
                value=str(before.get(key, ""))[:MAX_CHARS],
                description=label,
                placeholder=placeholder,
                continuous_update=True,  # every keystroke reaches the kernel: nothing waits for a blur
                style={"description_width": "10em"},
                layout=widgets.Layout(width="95%", height="3.5em"),
            )
            box.observe(lambda _c: self.save(), names="value")
            self.boxes[key] = box
            rows.append(box)
        self.status = widgets.HTML(
            "<p>Saved earlier.</p>" if before else "<p>Your notes are saved as you type.</p>"
        )
        super().__init__([*rows, self.status])

    def value(self) -> dict[str, Any]:
        return {key: box.value.strip()[:MAX_CHARS] for key, box in self.boxes.items()}

    def save(self) -> dict[str, Any]:
        value = self.value()
        ok, message = saving.save(self.question_id, value, attempt=False)  # notes in progress, not attempts
        if ok:  # a count that grows as they type shows the saving keeps up
            words = sum(len(v.split()) for v in value.values())
            message = f"Saved as you type: {words} word{'' if words == 1 else 's'} in the boxes."
        self.status.value = f"<p>{esc(message)}</p>"
        return value


def search_step(step_id: str) -> SearchStep:
    """One step of the lesson-05 search, with boxes for the page, who is behind it and what it says."""
    return SearchStep(step_id)
