"""Lesson 08's reflection: the confidence given in lesson 0 beside the same question asked again."""

from __future__ import annotations

import ipywidgets as widgets

from mlkit.widgets import saving
from mlkit.widgets._html import esc, note, style_widget
from mlkit.widgets.questions import CONFIDENCE_LABELS, ConfidencePoll

HEADLINE_BEFORE = "00_headline_confidence"
HEADLINE_AFTER = "08_headline_confidence"


class Reflection(widgets.VBox):
    """The confidence given in lesson 0 next to a new poll, with the change put in words."""

    def __init__(self, before_id: str, after_id: str, prompt: str) -> None:
        self.before_id = before_id
        self.before = saving.saved(before_id, "poll")
        before_text = (
            f"In lesson 0 you said: <strong>{esc(CONFIDENCE_LABELS[self.before])}</strong>."
            if self.before in CONFIDENCE_LABELS
            else "There is no saved answer from lesson 0. If you did lesson 0 on another day, load that file "
            "with Load in the My work bar at the top of this lesson and do what it says; or answer anyway."
        )
        self.poll = ConfidencePoll(after_id, prompt)
        self.comparison = widgets.HTML()
        self.poll.save_button.on_click(lambda _b: self.compare())
        if self.poll.choice.value is not None:
            self.compare()  # restored after a restart: the comparison comes back with the answer
        super().__init__(
            [style_widget(), widgets.HTML(note(f"<p>{before_text}</p>")), self.poll, self.comparison]
        )

    def compare(self) -> str:
        now = self.poll.choice.value
        if now is None or self.before not in range(1, 6):
            self.comparison.value = ""
            return ""
        if now < self.before:
            words = "You are less sure now than at the start."
        elif now > self.before:
            words = "You are more sure now than at the start."
        else:
            words = "Your confidence has not changed."
        self.comparison.value = note(
            f"<p>Start: {self.before} of 5 → now: {now} of 5. {esc(words)} What evidence changed your mind, "
            "or kept it the same?</p>"
        )
        return self.comparison.value


def reflection(
    before_id: str = HEADLINE_BEFORE,
    after_id: str = HEADLINE_AFTER,
    prompt: str = "Now, how sure are you that he is dead?",
) -> Reflection:
    """Show the lesson-00 confidence against a new poll (saved under ``after_id``)."""
    return Reflection(before_id, after_id, prompt)
