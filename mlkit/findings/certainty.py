"""Headline versus body: does the headline state as fact what the body only reports or hedges?

A headline that is surer than its own article shapes what readers remember (Ecker et al. 2014), so the
lesson compares a simple certainty score for the headline with the score of each body sentence.

Certainty is 1.0 for a flat statement of fact; each hedge about the claim multiplies it by
HEDGE_FACTOR, each hedge about a number (an approximator) by APPROXIMATOR_FACTOR, and an attribution
(the sentence is someone's report, or is inside one) by ATTRIBUTION_FACTOR, and once more by
DISTANCING_FACTOR when the reporting verb keeps a distance ("claimed", "alleged": ANNOTATION.md's
verb stance). Boosters do not raise it: 1.0 is already "stated as fact".

Only body sentences about the same claim as the headline ("related") are compared with it; see
`related_sentences` for the rule.
"""

from __future__ import annotations

import re
from typing import Any

from mlkit.findings._common import Span, SpanIndex, attribution_spans, content_stems, overlaps, stem, words
from mlkit.findings.body import body_sentences, headline
from mlkit.result import Result

HEDGE_FACTOR = 0.6
APPROXIMATOR_FACTOR = 0.9
ATTRIBUTION_FACTOR = 0.7
DISTANCING_FACTOR = 0.8
#: A body sentence is about the headline's claim when it shares this many meaning words with it, at
#: least one of them not a name ("Syrian", "Qaeda" alone do not make a sentence about a killing).
MIN_SHARED_WORDS = 2
#: The lead: the first body sentences (standfirst, opening paragraphs), where an article says whom the
#: headline is about and where a sentence repeating the headline's event is about the same claim.
LEAD_SENTENCES = 4
#: Words allowed between a name and the event word in the lead ("Imad Ahmad reportedly killed").
MAX_GAP = 2
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def certainty(hedges: list[dict[str, Any]], attributed: bool, distanced: bool = False) -> float:
    """The score described in the module docstring, rounded to two places."""
    score = ATTRIBUTION_FACTOR if attributed else 1.0
    if distanced:
        score *= DISTANCING_FACTOR
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


def _joined(sentence: str, tokens: list[re.Match[str]], j: int) -> bool:
    """Only spaces between token j and the next: no comma or dash breaks the phrase."""
    return sentence[tokens[j].end() : tokens[j + 1].start()].isspace()


def _lead_subject(lead: list[str], key: set[str]) -> tuple[set[str], set[str]]:
    """(subject, event): in the lead, a name followed within MAX_GAP lower-case words (no punctuation
    between) by a key word of the headline names whom the headline is about, and that key word is its
    event ("Imad Ahmad reportedly killed" gives {imad, ahmad} and {kill}; in "the commander of the ISIS,
    was killed" the comma stops the search). A lone capitalised word opening the sentence is not taken
    for a name, and headline words are left out of the subject."""
    subject: set[str] = set()
    event: set[str] = set()
    for sentence in lead:
        tokens = list(_WORD.finditer(sentence))
        for i, m in enumerate(tokens):
            if stem(m.group()) not in key:
                continue

            j = i - 1
            while (
                j >= 0
                and i - 1 - j < MAX_GAP
                and _joined(sentence, tokens, j)
                and tokens[j].group()[:1].islower()
            ):
                j -= 1
            run = []
            while j >= 0 and _joined(sentence, tokens, j) and tokens[j].group()[:1].isupper():
                run.append(tokens[j].group())
                j -= 1
            if len(run) == 1 and j < 0:
                continue  # one capitalised word opening the sentence ("Guards were killed") is no name
            found = content_stems(" ".join(run)) - key
            if found:
                subject |= found
                event.add(stem(m.group()))
    return subject, event


def related_sentences(
    head_text: str, claim: set[str], names: set[str], sentences: list[dict[str, Any]]
) -> list[bool]:
    """Which body sentences are about the headline's claim (pure: a function of words only).

    The key words are the headline's meaning words that are not names ("leader", "killed"; "Syrian",
    "Qaeda" alone say nothing about a killing). A sentence is about the same claim when it:
    1. shares MIN_SHARED_WORDS meaning words with the headline, one of them a key word; or
    2. shares a key word and names the headline's subject as the lead names it (the lead says "Imad
       Ahmad reportedly killed", so "an activist claimed that Imad Ahmad ... was killed" counts); or
    3. shares the headline's event word (the key word after the subject in the lead, or a headline word
       ending in -ed such as "Killed") and is one of the first LEAD_SENTENCES body sentences.
    """
    key = claim - names
    lead = [s["text"] for s in sentences[:LEAD_SENTENCES]]
    subject, event = _lead_subject(lead, key)
    event |= {stem(w) for w in words(head_text) if w.lower().endswith("ed") and stem(w) in key}
    out = []
    for n, s in enumerate(sentences):
        found = content_stems(s["text"])
        shared = claim & found
        shared_key = shared & key
        out.append(
            bool(shared_key)
            and (
                len(shared) >= min(MIN_SHARED_WORDS, len(claim))
                or bool(subject & found)
                or (n < LEAD_SENTENCES and bool(shared_key & event))
            )
        )
    return out


def _percent(x: float) -> str:
    return f"{round(x * 100)}%"


def headline_vs_body(r: Result) -> dict[str, Any]:
    """Certainty of the headline and of every body sentence, and whether the headline overstates."""
    hedge_index = SpanIndex(r.hedges)
    attr_index = SpanIndex(attribution_spans(r))
    distancing = SpanIndex(
        a[k]
        for a in r.attributions
        if a.get("verb_stance") == "distancing"
        for k in ("cue", "content")
        if a.get(k)
    )
    head = headline(r)
    claim = _claim_words(r, head) if head else set()
    names = _names(r, head, claim) if head else set()

    sentences = []
    for s in body_sentences(r):
        hedges = hedge_index.overlapping(s["start"], s["end"])
        attributed = bool(attr_index.overlapping(s["start"], s["end"]))
        distanced = bool(distancing.overlapping(s["start"], s["end"]))
        sentences.append(
            {
                **s,
                "certainty": certainty(hedges, attributed, distanced),
                "hedges": len(hedges),
                "attributed": attributed,
            }
        )
    flags = related_sentences(head["text"] if head else "", claim, names, sentences)
    for s, flag in zip(sentences, flags, strict=True):
        s["related"] = flag

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
        "explanation": _explain(hedge_index, distancing, r.attributions, head_certainty, related, overstated),
    }


def _explain(
    hedge_index: SpanIndex,
    distancing: SpanIndex,
    attributions: list[dict[str, Any]],
    score: float,
    related: list[dict[str, Any]],
    overstated: bool,
) -> str:
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
    cues = {id(a["cue"]): a["cue"]["text"].lower() for a in attributions if a.get("cue")}
    hedge_words = sorted(
        set(hedge_words)
        | {
            cues[id(c)]
            for s in related
            for c in distancing.overlapping(s["start"], s["end"])
            if id(c) in cues
        }
    )
    said = f" (the body says “{'”, “'.join(hedge_words[:4])}”)" if hedge_words else ""
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
