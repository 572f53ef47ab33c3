"""mlkit: explainable hedges, boosters and attributions in news text, for media-literacy lessons.

`mlkit.analyze(text)` returns a Result (see the analysis contract); everything else in the kit reads it.
"""

from __future__ import annotations

from importlib import resources

from mlkit.pipeline import add_components, analyze, analyze_many, get_nlp
from mlkit.result import Result

__version__ = "0.1.0"
__all__ = ["Result", "add_components", "analyze", "analyze_many", "get_nlp", "seed_article", "__version__"]


def seed_article() -> str:
    """The 2013 article the lessons walk through, exactly as received (see data/article.SOURCE.md)."""
    return resources.files("mlkit").joinpath("data/article.txt").read_text(encoding="utf-8")
