"""Questions, checklists and the confidence poll. Each saves on every answer and, when the lesson is run
again after a restart, comes back exactly as the student left it: the choice, the ticks, the words typed,
and the feedback they had earned (a hint after one wrong try, the answer after two).

Multiple choice keeps the first choice (the class summary counts first attempts); free text shows a hint
after the first save and a model answer only when asked for, so the first attempt is the student's own.
Words typed in a free-text box are kept as a draft as soon as the student clicks elsewhere (Download
included), so an answer never pressed Save on is still in the file and comes back after a restart.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from mlkit import store
from mlkit.widgets import saving
from mlkit.widgets._html import esc, note, style_widget


class Question(widgets.VBox):
    """A multiple-choice or free-text question; a wrong first try earns the hint, the second the answer."""

    def __init__(self, question_id: str, prompt: str, choices: list[str] | None = None, answer: Any = None,
                 hint: str | None = None, explanation: str | None = None) -> None:  # fmt: skip
        self.question_id = question_id
        self.answer = answer
        self.hint = hint
        self.explanation = explanation
        self.choices = [str(c) for c in choices or []]
        self.kind = "choice" if self.choices else "text"
        record = store.record(question_id)
        saved = saving.saved(question_id, self.kind)
        self.tries = int(record.get("attempts", 1)) if record and saved is not None else 0
        self.draft = widgets.HTML()
        if self.choices:
            self.input: widgets.Widget = widgets.RadioButtons(
                options=self.choices,
                value=saved if saved in self.choices else None,
                layout=widgets.Layout(width="auto"),
            )
            label = "Check"
        else:
            self.input = widgets.Textarea(
                value=saved if isinstance(saved, str) else "", placeholder="Type your answer here",
                continuous_update=False,  # the words reach the kernel when the student leaves the box
                layout=widgets.Layout(width="95%", height="6em"),
            )  # fmt: skip
            self.input.observe(lambda change: self.keep_draft(change["new"]), names="value")
            label = "Save"
        self.check_button = widgets.Button(description=label, button_style="primary")
        self.model_button = widgets.Button(description="Show a model answer", icon="eye",
                                           layout=widgets.Layout(display="none", width="auto"))  # fmt: skip
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.model_button.on_click(lambda _b: self.reveal())
        if saved is not None and self.tries:
            self.feedback.value = note(self._feedback(saved, "<p>Your saved answer is back.</p>"))
        elif saved is not None:  # a draft, never handed in with Save
            self.draft.value = note("<p>Your words are back. Press Save when your answer is ready.</p>")
        buttons = widgets.HBox([self.check_button, self.model_button])
        super().__init__([style_widget(), widgets.HTML(note(f"<p><strong>{esc(prompt)}</strong></p>")),
                          self.input, self.draft, buttons, self.feedback])  # fmt: skip

    def keep_draft(self, value: str) -> str:
        """Save what is typed as a draft (not an attempt: no hint, no model answer, first try untouched)."""
        if not isinstance(value, str) or not value.strip():
            return ""
        ok, message = saving.save(self.question_id, value, self.kind, attempt=False)
        words = "Your words are kept. Press Save when your answer is ready." if ok else message
        self.draft.value = note(saving.status_html(ok, words))
        return self.draft.value

    def _feedback(self, value: Any, saved_html: str) -> str:
        """What the student has earned so far for ``value`` (no new save, so it can be restored)."""
        explain = f"<p>{esc(self.explanation)}</p>" if self.explanation else ""
        if self.kind == "text":
            if self.answer is not None or self.explanation:
                self.model_button.layout.display = "inline-flex"
            # the hint follows the first save only: after that the student has it, and may ask for a model
            hint = f"<p>Hint to improve it: {esc(self.hint)}</p>" if self.hint and self.tries <= 1 else ""
            return saved_html + hint
        if self.answer is None:  # an opinion: nothing to mark
            return saved_html + explain
        if str(value) == str(self.answer):
            return f'<p class="mlkit-ok"><strong>Correct.</strong></p>{explain}{saved_html}'
        if self.tries <= 1 and self.hint:
            hint = f"Hint: {esc(self.hint)} Try again."
            return f'<p class="mlkit-bad"><strong>Not yet.</strong> {hint}</p>{saved_html}'
        return (
            f'<p class="mlkit-bad"><strong>Not quite.</strong> The answer is “{esc(self.answer)}”.</p>'
            f"{explain}{saved_html}"
        )

    def check(self) -> str:
        value = self.input.value
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            self.feedback.value = note("<p>Choose or type an answer first.</p>")
            return self.feedback.value
        saved_html = saving.save_html(self.question_id, value, self.kind)
        self.tries += 1
        self.draft.value = ""
        self.feedback.value = note(self._feedback(value, saved_html))
        return self.feedback.value

    def reveal(self) -> str:
        """Free text: show the model answer and the reasons, after the student's own attempt is saved."""
        model = f"<p>One possible answer: {esc(self.answer)}</p>" if self.answer is not None else ""
        explain = f"<p>{esc(self.explanation)}</p>" if self.explanation else ""
        self.feedback.value = note(
            model + explain + "<p>Your first answer stays saved as you wrote it; you may improve it.</p>"
        )
        return self.feedback.value


def question(question_id: str, prompt: str, choices: list[str] | None = None, answer: Any = None,
             hint: str | None = None, explanation: str | None = None) -> Question:  # fmt: skip
    """A question: choices → Check (hint first, then the answer); no choices → free text, saved."""
    return Question(question_id, prompt, choices, answer, hint, explanation)


class Checklist(widgets.VBox):
    """Tick-boxes saved on every change: a lesson's "before you share" list."""

    def __init__(self, question_id: str, items: list[str]) -> None:
        self.question_id = question_id
        saved = saving.saved(question_id, "checklist")
        ticked = set(saved["ticked"]) if isinstance(saved, dict) else set()
        self.boxes = [
            widgets.Checkbox(value=str(item) in ticked, description=str(item), indent=False,
                             layout=widgets.Layout(width="auto"))
            for item in items
        ]  # fmt: skip
        self.status = widgets.HTML()
        for box in self.boxes:
            box.observe(lambda _c: self.save(), names="value")
        self._show("<p>Your saved ticks are back.</p>" if saved else "")
        super().__init__([*self.boxes, self.status])

    def _show(self, saved: str) -> None:
        done = sum(b.value for b in self.boxes)
        self.status.value = note(f"<p>{done} of {len(self.boxes)} done.</p>{saved}")

    def save(self) -> dict[str, Any]:
        value = {"ticked": [b.description for b in self.boxes if b.value], "total": len(self.boxes)}
        self._show(saving.save_html(self.question_id, value, "checklist"))
        return value


def checklist(question_id: str, items: list[str]) -> Checklist:
    """A checklist whose ticks are saved as the student goes."""
    return Checklist(question_id, items)


CONFIDENCE = [
    ("1 - not at all sure", 1),
    ("2 - not very sure", 2),
    ("3 - half sure", 3),
    ("4 - fairly sure", 4),
    ("5 - completely sure", 5),
]
CONFIDENCE_LABELS = {v: k for k, v in CONFIDENCE}


class ConfidencePoll(widgets.VBox):
    """How sure are you? 1 to 5, each step named in words, saved when the student presses Save."""

    def __init__(self, question_id: str, prompt: str) -> None:
        self.question_id = question_id
        saved = saving.saved(question_id, "poll")
        self.choice = widgets.RadioButtons(options=CONFIDENCE, value=saved)
        self.save_button = widgets.Button(description="Save", button_style="primary")
        self.feedback = widgets.HTML()
        self.save_button.on_click(lambda _b: self.save())
        if saved is not None:
            self.feedback.value = note(f"<p>You said: {esc(CONFIDENCE_LABELS[saved])} (saved earlier).</p>")
        super().__init__([widgets.HTML(note(f"<p><strong>{esc(prompt)}</strong></p>")), self.choice,
                          self.save_button, self.feedback])  # fmt: skip

    def save(self) -> int | None:
        if self.choice.value is None:
            self.feedback.value = note("<p>Choose how sure you are first.</p>")
            return None
        label = CONFIDENCE_LABELS[self.choice.value]
        self.feedback.value = note(
            f"<p>You said: {esc(label)}.</p>" + saving.save_html(self.question_id, self.choice.value, "poll")
        )
        return self.choice.value


def confidence_poll(question_id: str, prompt: str) -> ConfidencePoll:
    """A 1–5 confidence poll, saved under ``question_id`` (reflection() compares two of them)."""
    return ConfidencePoll(question_id, prompt)
