"""mlkit: explainable hedges, boosters and attributions in news text, for media-literacy lessons.

`mlkit.analyze(text)` returns a Result (see the analysis contract); everything else in the kit reads it.

The engine (and with it spaCy, well over a second to import) loads on first use of ``analyze``,
``analyze_many``, ``get_nlp`` or ``add_components``, not on ``import mlkit``: so the command line is
already inside its own error handling when the slow part starts, and Ctrl-C there gives one line, not a
traceback.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

from mlkit.result import Result

if TYPE_CHECKING:
    from mlkit.pipeline import add_components, analyze, analyze_many, get_nlp

__version__ = "0.1.0"
__all__ = ["Result", "add_components", "analyze", "analyze_many", "get_nlp", "seed_article", "__version__"]

_ENGINE = frozenset({"add_components", "analyze", "analyze_many", "get_nlp"})


def __getattr__(name: str) -> Any:
    """Load the engine the first time one of its functions is asked for (PEP 562)."""
    if name in _ENGINE:
        from mlkit import pipeline

        value = getattr(pipeline, name)
        globals()[name] = value  # later look-ups are plain attribute reads
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def seed_article() -> str:
    """The 2013 article the lessons walk through, exactly as received (see data/article.SOURCE.md)."""
    return resources.files("mlkit").joinpath("data/article.txt").read_text(encoding="utf-8")
