"""Headline versus body: does the headline state as fact what the body only reports or hedges?

A headline that is surer than its own article shapes what readers remember (Ecker et al. 2014), so the
lesson compares a simple certainty score for the headline with the score of each body sentence.

Certainty is 1.0 for a flat statement of fact; each hedge about the claim multiplies it by
HEDGE_FACTOR, each hedge about a number (an approximator) by APPROXIMATOR_FACTOR, and an attribution
(the sentence is someone's report, or is inside one) by ATTRIBUTION_FACTOR. Boosters do not raise it:
1.0 is already "stated as fact".
"""

from __future__ import annotations

from typing import Any

from mlkit.findings._common import Span, SpanIndex, attribution_spans, content_stems, overlaps, stem, words
from mlkit.findings.body import body_sentences, headline
from mlkit.result import Result

HEDGE_FACTOR = 0.6
APPROXIMATOR_FACTOR = 0.9
ATTRIBUTION_FACTOR = 0.7
#: A body sentence is about the headline's claim when it shares this many meaning words with it, at
#: least one of them not a name ("Syrian", "Qaeda" alone do not make a sentence about a killing).
MIN_SHARED_WORDS = 2


def certainty(hedges: list[dict[str, Any]], attributed: bool) -> float:
    """The score described in the module docstring, rounded to two places."""
    score = ATTRIBUTION_FACTOR if attributed else 1.0
    for h in hedges:
        score *= APPROXIMATOR_FACTOR if h.get("category") == "approximator" else HEDGE_FACTOR
    return round(score, 2)


def _names(r: Result, head: Span, claim: set[str]) -> set[str]:
    """Claim words that are names: outside the headline (Title Case there) they are always capitalised."""
    seen: dict[str, bool] = {}
    for piece in (r.text[: head["start"]], r.text[head["end"] :]):
        for w in words(piece):
            st = stem(w)
            if st in claim:
                seen[st] = seen.get(st, True) and w[:1].isupper()
    return {w for w, capitalised in seen.items() if capitalised}


def _claim_words(r: Result, head: Span) -> set[str]:
    """Meaning words of the headline, minus its attribution cues ("Report:" is not the claim)."""
    cues = [a["cue"] for a in r.attributions if a.get("cue") and overlaps(a["cue"], head)]
    text = r.text
    kept = []
    pos = head["start"]
    for cue in sorted(cues, key=lambda c: c["start"]):
        kept.append(text[pos : max(pos, cue["start"])])
        pos = max(pos, cue["end"])
    kept.append(text[pos : head["end"]])
    return content_stems(" ".join(kept))


def _percent(x: float) -> str:
    return f"{round(x * 100)}%"


def headline_vs_body(r: Result) -> dict[str, Any]:
    """Certainty of the headline and of every body sentence, and whether the headline overstates."""
    hedge_index = SpanIndex(r.hedges)
    attr_index = SpanIndex(attribution_spans(r))
    head = headline(r)
    claim = _claim_words(r, head) if head else set()
    names = _names(r, head, claim) if head else set()

    sentences = []
    for s in body_sentences(r):
        hedges = hedge_index.overlapping(s["start"], s["end"])
        attributed = bool(attr_index.overlapping(s["start"], s["end"]))
        shared = claim & content_stems(s["text"])
        sentences.append(
            {
                **s,
                "certainty": certainty(hedges, attributed),
                "hedges": len(hedges),
                "attributed": attributed,
                "related": bool(shared - names) and len(shared) >= min(MIN_SHARED_WORDS, len(claim)),
            }
        )

    if head is None:
        return {
            "headline": None,
            "headline_certainty": 0.0,
            "sentences": sentences,
            "overstated": False,
            "explanation": (
                "The kit found no headline above the text, so there is nothing to compare the body with."
            ),
        }
    head_hedges = hedge_index.overlapping(head["start"], head["end"])
    head_attributed = bool(attr_index.overlapping(head["start"], head["end"]))
    head_certainty = certainty(head_hedges, head_attributed)
    related = [s for s in sentences if s["related"]]
    overstated = bool(related) and head_certainty > max(s["certainty"] for s in related)
    return {
        "headline": head,
        "headline_certainty": head_certainty,
        "sentences": sentences,
        "overstated": overstated,
        "explanation": _explain(hedge_index, head_certainty, related, overstated),
    }


def _explain(hedge_index: SpanIndex, score: float, related: list[dict[str, Any]], overstated: bool) -> str:
    if not related:
        return (
            "No sentence of the body repeats the headline's main words, so the kit cannot tell whether the "
            "body backs the headline up: read both and compare them yourself."
        )
    best = max(s["certainty"] for s in related)
    hedge_words = sorted(
        {
            h["text"].lower()
            for s in related
            for h in hedge_index.overlapping(s["start"], s["end"])
            if h.get("category") != "approximator"
        }
    )
    said = f" (the body says “{'”, “'.join(hedge_words[:3])}”)" if hedge_words else ""
    if overstated:
        return (
            f"The headline sounds {_percent(score)} sure, but every body sentence about the same claim is at "
            f"most {_percent(best)} sure{said}, so the headline states more firmly than the article can "
            "back up."
        )
    lead = "as sure as" if best == score else "surer than"
    return (
        f"At least one body sentence about the same claim is {lead} the headline ({_percent(best)} against "
        f"{_percent(score)}), so the headline does not claim more than the article says."
    )
