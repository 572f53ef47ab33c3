"""Who stands behind each report, as every view counts it: the kit's one answer to "can the reader check
who said this?".

Three groups, in the lessons' words: "named" (the reader is told who: a name, or a pronoun or description
standing for a name given earlier), "not named" (a description such as "an opposition activist", or a
pronoun standing for one) and "no one" (the text gives no source at all). The who-is-the-source exercise,
the lesson tables, the source chart and the side-by-side comparison all count with ``groups``, so no two
views can disagree. Linear in the number of reports, whatever chains of pronouns a text holds.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mlkit.labels import STANCES

#: The groups, in the order every view shows them, with the words the lessons explain them in.
SOURCE_GROUPS = ("named", "not named", "no one")
GROUP_WORDS = {
    "named": "named (you could look them up)",
    "not named": "not named (described, or a pronoun for someone not named)",
    "no one": "no one (the text gives no source)",
}
#: How a count of reports per group is named wherever one is shown (the compare chart, the rewrite lab).
GROUP_REPORTS = {
    "named": "reports by a named source",
    "not named": "reports by a source not named",
    "no one": "reports with no source",
}
_OF_TYPE = {"named": "named", "unnamed": "not named", "none": "no one"}
_NOT_A_NAME = {"a", "an", "the", "one", "some", "two", "three", "several", "many"}


def _span(item: dict[str, Any] | None) -> tuple[int, int] | None:
    return (item["start"], item["end"]) if item else None


def groups(result: Any) -> list[str]:
    """The group of every attribution of ``result``, in order.

    A pronoun, or a description the engine resolved to an earlier source ("the newspaper" after "Asharq
    Al-Awsat", "the activist" after "an opposition activist"), takes the group of the source it stands for,
    followed through chains ("he" → "the activist" → "an opposition activist"); a chain that loops, or
    ends at a mention that is no report's source ("told the newspaper Asharq Al-Awsat"), is "named" only
    when it ends in a capitalised name.
    """
    by_source: dict[tuple[int, int], int] = {}
    for i, a in enumerate(result.attributions):
        span = _span(a.get("source"))
        if span is not None:
            by_source.setdefault(span, i)
    out: list[str | None] = [None] * len(result.attributions)
    for i in range(len(result.attributions)):
        path, j = [], i
        while out[j] is None and j not in path:
            path.append(j)
            a = result.attributions[j]
            kind = a.get("source_type")
            resolved = a.get("resolved_source")
            refers_back = kind == "pronoun" or (kind == "unnamed" and resolved)  # "he", "the newspaper"
            if not refers_back:
                out[j] = _OF_TYPE.get(str(kind), "no one")
                break
            nxt = by_source.get(_span(resolved)) if resolved else None
            if nxt is None or nxt == j:
                words = (resolved or {}).get("text", "").split()
                named = bool(words) and words[0][:1].isupper() and words[0].lower() not in _NOT_A_NAME
                out[j] = "named" if named else "not named"
                break
            j = nxt
        answer = out[j] or "not named"  # a loop of pronouns names no one the reader can check
        for k in path:
            out[k] = answer
    return [g or "not named" for g in out]


def source_counts(result: Any) -> dict[str, int]:
    """Reports per group, every group present (zero included): the one count of "sources by kind"."""
    found = Counter(groups(result))
    return {g: found.get(g, 0) for g in SOURCE_GROUPS}


def stance_counts(result: Any) -> dict[str, int]:
    """Reports per stance of the reporting verb, every stance present (zero included)."""
    found = Counter(str(a.get("verb_stance") or "other") for a in result.attributions)
    return {s: found.get(s, 0) for s in STANCES}
