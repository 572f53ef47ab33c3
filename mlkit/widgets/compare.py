"""Compare two texts side by side: hedge density, sources by type, verb stance, with both texts marked
in the article view's compare mode (toggles and reasons work in both columns)."""

from __future__ import annotations

import ipywidgets as widgets

from mlkit.result import Result
from mlkit.widgets._html import as_result, figure_image, note, style_widget, table
from mlkit.widgets.article_view import ArticleView


class Compare(widgets.VBox):
    """A table and a chart of the same measures for two texts, then both texts marked side by side."""

    def __init__(self, a: Result, b: Result, labels: tuple[str, str]) -> None:
        self.results = (a, b)
        self.labels = labels
        from mlkit import plots  # matplotlib (25 MB in every kernel) loads only when a chart is drawn

        self.stats = (plots.text_stats(a), plots.text_stats(b))
        rows = [
            [key, f"{self.stats[0][key]:g}", f"{self.stats[1][key]:g}"]
            for key in ("words", *plots.COMPARE_KEYS)
        ]
        self.table = widgets.HTML(note(table(["Measure", labels[0], labels[1]], rows)))
        self.figure = plots.compare_figure(a, b, labels)
        self.view = ArticleView(a, mode="compare", label=f"{labels[0]} and {labels[1]}, side by side")
        self.view.set_compare(b, labels)
        super().__init__([style_widget(), self.table, figure_image(self.figure), self.view])


def compare(
    text_a: str | Result, text_b: str | Result, labels: tuple[str, str] = ("Text A", "Text B")
) -> Compare:
    """Two texts side by side: hedges per 100 words, sources by type and verb stance."""
    return Compare(as_result(text_a), as_result(text_b), labels)
