"""The highlighter: the article with every mark labelled, in the article view's read mode.

Ticking a kind of mark on or off, hovering and "why is this marked?" all happen in the browser, with no
trip to the kernel; the view carries its own legend and a table of every mark (the text fallback).
"""

from __future__ import annotations

from mlkit.result import Result
from mlkit.widgets._html import as_result
from mlkit.widgets.article_view import ArticleView

HELP = (
    "Each kind of mark has its own line style and a tag after it, so colour is never the only clue. "
    "Click, hover or Tab to a mark to see why it is marked; untick a kind of mark to hide it."
)


class Highlighter(ArticleView):
    """The article view in read mode: every hedge, booster, source, reporting word and quotation."""

    def __init__(self, result: Result, label: str = "The article with the kit's marks") -> None:
        super().__init__(result, mode="read", label=label, help=HELP)


def highlighter(text: str | Result | None = None) -> Highlighter:
    """The article (default: the seed) with hedges, boosters, sources, cues and quoted content marked."""
    return Highlighter(as_result(text))
