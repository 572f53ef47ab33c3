"""IMVAIN (Center for News Literacy, Stony Brook University) applied to real sources, with feedback.

For each source of the 2013 article the student answers the five questions (Yes / No / Can't tell) and
presses Check; each answer gets the reason from instructor/data/imvain.json. Saved as small JSON:
{"answers": {source: {letter: reply}}, "score": [right, total], "first": {...}} (first attempt kept).

The replies are radio buttons (a screen reader says which is chosen, and the filled circle shows it by
shape), and the chosen reply is also written out with a tick beside them. After a restart the choices,
the feedback and the saved message come back, as in every other widget.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from mlkit.lessons import imvain_data
from mlkit.render import esc
from mlkit.widgets.saving import save_html as save
from mlkit.widgets.saving import saved


def chosen_words(reply: str | None) -> str:
    """The chosen reply in words with a tick, or a prompt to choose: never shown by shade alone."""
    return f"<p><strong>✓ {esc(reply)}</strong></p>" if reply else "<p><em>not answered yet</em></p>"


class Imvain(widgets.VBox):
    """A grid of five questions per source, one Check, a reason for every answer."""

    def __init__(self, set_id: str) -> None:
        self.question_id = f"06_imvain_{set_id}"
        data = imvain_data(set_id)
        self.questions = data["questions"]
        self.sources = data["sources"]
        before = saved(self.question_id)
        answers = before.get("answers", {}) if isinstance(before, dict) else {}
        answers = answers if isinstance(answers, dict) else {}
        self.first = before.get("first") if isinstance(before, dict) else None
        self.picks: dict[tuple[str, str], widgets.RadioButtons] = {}
        self.shown: dict[tuple[str, str], widgets.HTML] = {}
        rows: list[widgets.Widget] = []
        for src in self.sources:
            rows.append(widgets.HTML(f"<h4>Source: “{esc(src['source'])}”</h4>"))
            for letter, name, ask in self.questions:
                given = answers.get(src["source"])
                value = given.get(letter) if isinstance(given, dict) else None
                pick = widgets.RadioButtons(
                    options=data["replies"],
                    value=value if value in data["replies"] else None,
                    orientation="horizontal",
                    layout=widgets.Layout(width="auto"),
                )
                shown = widgets.HTML(chosen_words(pick.value), layout=widgets.Layout(min_width="8em"))
                pick.observe(lambda change, shown=shown: setattr(shown, "value", chosen_words(change["new"])),
                             names="value")  # fmt: skip
                self.picks[(src["source"], letter)] = pick
                self.shown[(src["source"], letter)] = shown
                label = widgets.HTML(
                    f"<p><strong>{esc(letter)}</strong> ({esc(name)}): {esc(ask)}</p>",
                    layout=widgets.Layout(width="50%"),
                )
                rows.append(widgets.HBox([label, pick, shown], layout=widgets.Layout(align_items="center")))
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _b: self.check())
        super().__init__([*rows, self.check_button, self.feedback])
        if isinstance(before, dict) and "score" in before and self.complete(self.answers()):
            # restored after a restart: the feedback on the last checked answers comes back with them
            self.feedback.value = "<p>Saved earlier.</p>" + self.report(self.answers())[1]

    def answers(self) -> dict[str, dict[str, str | None]]:
        return {
            src["source"]: {
                letter: self.picks[(src["source"], letter)].value for letter, _, _ in self.questions
            }
            for src in self.sources
        }

    @staticmethod
    def complete(answers: dict[str, dict[str, str | None]]) -> bool:
        return all(v is not None for per in answers.values() for v in per.values())

    def report(self, answers: dict[str, dict[str, Any]]) -> tuple[int, str]:
        """(answers that agree with ours, the feedback as HTML: the score, then a reason for each)."""
        right, lines = 0, []
        for src in self.sources:
            items = []
            for letter, _, _ in self.questions:
                accepted, why = src["answers"][letter]
                given = answers[src["source"]][letter]
                ok = given in accepted
                right += ok
                mark = "Agreed" if ok else f"We would say {' or '.join(accepted)}"
                items.append(
                    f"<li><strong>{esc(letter)}: {esc(given)}. {esc(mark)}.</strong> {esc(why)}</li>"
                )
            lines.append(f"<p><strong>“{esc(src['source'])}”</strong></p><ul>{''.join(items)}</ul>")
        total = len(self.sources) * len(self.questions)
        head = (
            f"<p><strong>{right} of {total} answers agree with ours.</strong> Where you differ, read the "
            "reason: some questions have more than one fair answer.</p>"
        )
        return right, head + "".join(lines)

    def check(self) -> dict[str, Any] | None:
        answers = self.answers()
        if not self.complete(answers):
            self.feedback.value = (
                "<p>Answer every question for every source first (Can't tell is an answer).</p>"
            )
            return None
        right, feedback = self.report(answers)
        total = len(self.sources) * len(self.questions)
        if not self.first:
            self.first = {"answers": answers, "score": [right, total]}
        value = {"answers": answers, "score": [right, total], "first": self.first}
        self.feedback.value = feedback + save(self.question_id, value)
        return value


def imvain(set_id: str = "2013") -> Imvain:
    """The IMVAIN questions for each source of a set (the 2013 article's by default), with feedback."""
    return Imvain(set_id)
