"""mlkit: explainable hedges, boosters and attributions in news text, for media-literacy lessons.

`mlkit.analyze(text)` returns a Result (see the analysis contract); everything else in the kit reads it.

The analyser (and with it spaCy, about 70 MB and a second to import) loads on first use, not on
`import mlkit`: the Jupyter server imports `mlkit.savehook` and must not carry spaCy for nothing, and the
command line is already inside its own error handling when the slow part starts (Ctrl-C there gives one
line, not a traceback).
"""

from __future__ import annotations

from importlib import import_module, resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlkit.pipeline import add_components, analyze, analyze_many, get_nlp
    from mlkit.result import Result

__version__ = "0.1.0"
__all__ = ["Result", "add_components", "analyze", "analyze_many", "get_nlp", "seed_article", "__version__"]
_LAZY = {
    "add_components": "mlkit.pipeline",
    "analyze": "mlkit.pipeline",
    "analyze_many": "mlkit.pipeline",
    "get_nlp": "mlkit.pipeline",
    "Result": "mlkit.result",
}


def __getattr__(name: str) -> Any:
    """Import the analyser the first time one of its names is used (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'mlkit' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def seed_article() -> str:
    """The 2013 article the lessons walk through, exactly as received (see data/article.SOURCE.md)."""
    return resources.files("mlkit").joinpath("data/article.txt").read_text(encoding="utf-8")
