"""The result object every widget, plot, report and CLI format reads (see docs/analysis-json.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    """What ``mlkit.analyze`` returns: the text plus plain lists of spans, sorted by start.

    Plain data rather than a spaCy ``Doc`` so that it serialises, compares and survives a kernel
    restart; ``doc`` is kept for callers who want to go further with spaCy.
    """

    text: str
    pipeline: str
    hedges: list[dict[str, Any]] = field(default_factory=list)
    boosters: list[dict[str, Any]] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, int]] = field(default_factory=list)
    doc: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready shape fixed by the contract (keys may be added, never renamed)."""
        return {
            "pipeline": self.pipeline,
            "hedges": [dict(h) for h in self.hedges],
            "boosters": [dict(b) for b in self.boosters],
            "attributions": [_copy_attr(a) for a in self.attributions],
            "sentences": [dict(s) for s in self.sentences],
        }

    def to_html(self, title: str = "mlkit analysis") -> str:
        """A standalone, escaped HTML page with every mark labelled (never colour alone)."""
        from mlkit.render import render_page

        return render_page(self, title=title)

    def to_text(self) -> str:
        """A plain-text report: the same marks as the HTML, readable without colour or a browser."""
        from mlkit.render import render_text

        return render_text(self)


def _copy_attr(a: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key in ("cue", "source", "content", "resolved_source"):
        if out.get(key) is not None:
            out[key] = dict(out[key])
    return out
