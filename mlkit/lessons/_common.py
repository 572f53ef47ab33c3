"""The one set of definitions every lesson view counts with: analyses cached per text, the four hedge
families lesson 02 teaches, and who stands behind each report (named, not named, no one).

Every count a lesson shows (hedges, sources by kind, hands) is computed by a function here or in
mlkit.findings, so the prose, the tables, the widgets and the worksheets cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import mlkit
from mlkit import lexicon, sourcing
from mlkit.labels import FAMILY_OF, HEDGE_FAMILIES
from mlkit.result import Result

#: Who stands behind a report, as every lesson view counts it (mlkit.sourcing, the one definition).
SOURCE_GROUPS = sourcing.SOURCE_GROUPS
SOURCE_GROUP_WORDS = sourcing.GROUP_WORDS


@lru_cache(maxsize=32)
def _analyze(text: str, lexicon_version: int) -> Result:
    return mlkit.analyze(text)


def result(text: str | Result | None = None) -> Result:
    """The analysis of ``text`` (the seed article by default), once per text and lexicon version."""
    if isinstance(text, Result):
        return text
    return _analyze(mlkit.seed_article() if text is None else text, lexicon.version())


def family(category: str) -> str:
    """The student-facing family name of a hedge category (an unknown key is shown readably)."""
    key = FAMILY_OF.get(category)
    return HEDGE_FAMILIES[key][0] if key else category.replace("_", " ").capitalize()


def hedge_counts(r: Result) -> Counter[str]:
    """How many hedges fall in each family (keys of HEDGE_FAMILIES)."""
    return Counter(FAMILY_OF.get(h.get("category", ""), "possible") for h in r.hedges)


def source_group(a: dict[str, Any], r: Result) -> str:
    """named | not named | no one, for one attribution of ``r`` (mlkit.sourcing.groups, one by one)."""
    return sourcing.groups(r)[r.attributions.index(a)]


def source_counts(text: str | Result | None = None) -> dict[str, int]:
    """Reports per group: the one count of "sources by kind" every lesson view shows."""
    return sourcing.source_counts(result(text))


def counts(text: str | Result | None = None) -> dict[str, int]:
    """How many hedges, boosters, reports (attributions) and sentences the kit finds."""
    r = result(text)
    return {
        "hedges": len(r.hedges),
        "boosters": len(r.boosters),
        "attributions": len(r.attributions),
        "sentences": len(r.sentences),
    }


#: What the "Who" column shows for a report whose text gives no source ("Report:", "we were assured").
NOT_SAID = "(not said)"


def _words(span: dict[str, Any]) -> str:
    return " ".join(span["text"].split())


def speaker(a: dict[str, Any], r: Result) -> str | None:
    """Who a report's source stands for, in the words of its first mention: a pronoun ("he") or a
    description ("the activist", "the same source") resolved to "an opposition activist", followed through
    chains of such references (each step at most once, so a loop cannot run on). None: no source."""
    src = a.get("source")
    if not src or not src["text"].strip():
        return None
    by_span = {(o["source"]["start"], o["source"]["end"]): o for o in r.attributions if o.get("source")}
    current, seen = src, set()
    resolved = a.get("resolved_source")
    while resolved and (resolved["start"], resolved["end"]) not in seen:
        seen.add((resolved["start"], resolved["end"]))
        current = resolved
        nxt = by_span.get((resolved["start"], resolved["end"]))
        resolved = nxt.get("resolved_source") if nxt else None
    return _words(current)


def who(a: dict[str, Any], r: Result | None = None) -> str:
    """The source as the text gives it, with what it stands for when it refers back ("he (= an opposition
    activist)"); NOT_SAID when the text gives no source."""
    src = a.get("source")
    if not src or not src["text"].strip():
        return NOT_SAID
    text = _words(src)
    first = speaker(a, r) if r is not None else None
    if first is None and a.get("resolved_source"):
        first = _words(a["resolved_source"])
    return f"{text} (= {first})" if first and first.lower() != text.lower() else text


def sentence_with(word: str, text: str | Result | None = None) -> str:
    """The first sentence of the text that contains ``word`` (case-insensitive), for the rewrite lab."""
    r = result(text)
    for s in r.sentences:
        sentence = r.text[s["start"] : s["end"]]
        if word.lower() in sentence.lower():
            return " ".join(sentence.split())
    raise ValueError(f"no sentence contains {word!r}")
