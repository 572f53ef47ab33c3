"""Unsourced sentences: body sentences that state a fact with no attribution and no hedge.

Not a verdict that the sentence is wrong (reporters often know things first-hand); a prompt to ask
"how does the writer know this?". Quoted words count as sourced, and a hedge about a number only
("a number of", "about 30") does not make the claim itself any less flat.
"""

from __future__ import annotations

from typing import Any

from mlkit.findings._common import SpanIndex, attribution_spans, words
from mlkit.findings.body import body_sentences
from mlkit.findings.quotes import quote_regions
from mlkit.result import Result

#: Shorter stretches (a stray fragment, "Thanks.") are not claims worth asking about.
MIN_WORDS = 5


def unsourced_sentences(r: Result) -> list[dict[str, Any]]:
    """Body sentences asserting facts with no attribution, no hedge and no quotation marks around them."""
    hedges = SpanIndex(r.hedges)
    boosters = SpanIndex(r.boosters)
    sourced = SpanIndex(attribution_spans(r))
    quoted = SpanIndex({"start": s, "end": e} for s, e in quote_regions(r.text))
    out = []
    for s in body_sentences(r):
        start, end, text = s["start"], s["end"], s["text"]
        if len(words(text)) < MIN_WORDS or text.rstrip("\"'”’)").endswith("?"):
            continue
        if sourced.overlapping(start, end):
            continue
        inside = sum(min(end, q["end"]) - max(start, q["start"]) for q in quoted.overlapping(start, end))
        if inside * 2 >= end - start:
            continue  # mostly someone's quoted words
        found = hedges.overlapping(start, end)
        if any(h.get("category") != "approximator" for h in found):
            continue
        out.append({**s, "reason": _reason(found, boosters.overlapping(start, end))})
    return out


def _reason(approximators: list[dict[str, Any]], boosts: list[dict[str, Any]]) -> str:
    base = "It states this as fact but says nowhere who says so or how the writer knows"
    if boosts:
        return f"{base}, and “{boosts[0]['text']}” makes it sound even more certain."
    if approximators:
        only = approximators[0]["text"]
        return f"{base}; its only hedge, “{only}”, is about a number, not about whether it is true."
    return f"{base}, so the reader has to take the writer's word for it."
