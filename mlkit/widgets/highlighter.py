"""The highlighter: the article with every mark labelled, category checkboxes, a legend, a keyboard
"Why is this marked?" list and a table view (the text fallback).
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets

from mlkit.render import (
    CATEGORIES,
    CATEGORY_BY_KEY,
    counts,
    legend_html,
    marked_html,
    marks_from_result,
    printable,
    table_html,
    why_text,
)
from mlkit.result import Result
from mlkit.widgets._html import as_result, esc, note, style_widget


class Highlighter(widgets.VBox):
    """Holds the Result and its marks once; a toggle only re-renders HTML (see bench_widgets)."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.marks = marks_from_result(result)
        self.checkboxes = {
            c.key: widgets.Checkbox(
                value=True,
                description=c.label,
                indent=False,
                layout=widgets.Layout(width="auto", margin="0 1.5em 0 0"),
            )
            for c in CATEGORIES
        }
        self.legend = widgets.HTML(legend_html())
        self.summary = widgets.HTML()
        self.text_view = widgets.HTML()
        self.why = widgets.Dropdown(
            options=[("Choose a mark…", -1)]
            + [
                (f"{n}. {CATEGORY_BY_KEY[m.category].short}: {printable(m.text[:40])}", m.id)
                for n, m in enumerate(self.marks, start=1)
            ],
            value=-1,
            description="Why is this marked?",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="max-content"),
        )
        self.why_answer = widgets.HTML(note('<p class="mlkit-why-answer" role="status"></p>'))
        self.table = widgets.HTML()
        table_box = widgets.Accordion(children=[self.table], titles=("Table of every mark (text view)",))
        for box in self.checkboxes.values():
            box.observe(self._on_toggle, names="value")
        self.why.observe(self._on_why, names="value")
        self.refresh()
        help_text = widgets.HTML(
            note("Click a marked word (or Tab to it) to see why it is marked. Tick or untick a kind of mark.")
        )
        super().__init__(
            [
                style_widget(),
                help_text,
                widgets.HBox(list(self.checkboxes.values()), layout=widgets.Layout(flex_flow="row wrap")),
                self.legend,
                self.summary,
                self.text_view,
                self.why,
                self.why_answer,
                table_box,
            ]
        )

    @property
    def shown(self) -> set[str]:
        """The categories whose checkbox is ticked."""
        return {key for key, box in self.checkboxes.items() if box.value}

    def refresh(self, show: Iterable[str] | None = None) -> None:
        """Re-render the text, legend, summary and table for the ticked categories."""
        shown = self.shown if show is None else set(show)
        if not self.result.text.strip():
            self.text_view.value = note("<p>There is no text to analyse yet.</p>")
        else:
            self.text_view.value = marked_html(self.result.text, self.marks, shown)
        self.legend.value = legend_html(shown) if shown else note("<p>No kind of mark is ticked.</p>")
        tally = counts([m for m in self.marks if m.category in shown])
        parts = [f"{tally[c.key]} {c.label.lower()}" for c in CATEGORIES if c.key in shown]
        self.summary.value = note(f"<p>Showing {esc(', '.join(parts) or 'no marks')}.</p>")
        self.table.value = table_html(self.marks, shown)

    def _on_toggle(self, _change: object) -> None:
        self.refresh()

    def _on_why(self, change: dict) -> None:
        mark = next((m for m in self.marks if m.id == change["new"]), None)
        if mark is None:
            self.why_answer.value = note('<p class="mlkit-why-answer" role="status"></p>')
            return
        self.why_answer.value = note(
            f'<p class="mlkit-why-answer" role="status"><strong>{esc(mark.text)}</strong> — '
            f"{esc(why_text(mark))}</p>"
        )


def highlighter(text: str | Result | None = None) -> Highlighter:
    """The article (default: the seed) with hedges, boosters, sources, cues and quoted content marked."""
    return Highlighter(as_result(text))
