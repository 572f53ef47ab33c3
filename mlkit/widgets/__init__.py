"""The widgets students touch in the lessons (one line per lesson cell). Each returns a widget, defaults to
the seed article, and has a text fallback (a table, a list or a summary). Text is shown in one front-end
component, the article view (``article_view``); every answer is saved as it is given (``saving``).
"""

from __future__ import annotations

from mlkit.widgets.compare import compare
from mlkit.widgets.explorer import headline_vs_body, source_explorer, sourcing_chain
from mlkit.widgets.highlighter import highlighter
from mlkit.widgets.imvain import imvain
from mlkit.widgets.judgement import headline_judgement
from mlkit.widgets.lab import rewrite_lab
from mlkit.widgets.marking import spot_the_hedges, who_is_the_source
from mlkit.widgets.my_work import my_work
from mlkit.widgets.questions import checklist, confidence_poll, question
from mlkit.widgets.search import search_step
from mlkit.widgets.work import reflection
from mlkit.widgets.your_article import your_article

__all__ = [
    "checklist",
    "compare",
    "confidence_poll",
    "headline_judgement",
    "headline_vs_body",
    "highlighter",
    "imvain",
    "my_work",
    "question",
    "reflection",
    "rewrite_lab",
    "search_step",
    "source_explorer",
    "sourcing_chain",
    "spot_the_hedges",
    "who_is_the_source",
    "your_article",
]
