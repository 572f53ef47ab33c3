"""Report shapes with rules of their own: "according to X" and "citing X" (the source follows), passives
("was rejected by X", "it was reported that ..."), and questions put by someone unnamed ("Asked
whether he would quit, ...").
"""

from __future__ import annotations

import numpy

from mlkit import lexicon
from mlkit.components.tokens import next_word
from mlkit.components.tokens import prev_word as word_before

from .content import clause_after, clause_before, inside_quote, phrase_after
from .cues import Cue, cue_entry, stance
from .doc_view import Attr, DocView, Range
from .speaker import source_after
from .words import AGENTLESS_IDS, LEADING_DROP, PASSIVE_AUX, PASSIVE_IDS, QUOTE_MARKS, THAT_ID


def according_to(
    v: DocView, start: int, end: int, entry: lexicon.Entry, kind: str, source: Range | None = None
) -> Attr | None:
    """ "according to the ministry" / "citing two people familiar with the plan": the source follows;
    `source` when the caller has already found it."""
    doc = v.doc
    if source is None:
        source = source_after(v, end, long=kind == "according_to")
    if source is None:
        return None
    prev_word = word_before(doc, start)
    s0, _ = v.sent(start)
    at_start = (
        prev_word is None
        or start == s0
        or prev_word.is_sent_start
        and prev_word.i == s0
        or (prev_word.lower_ in LEADING_DROP and prev_word.i <= s0 + 1)
        or prev_word.text in QUOTE_MARKS
    )
    if at_start:
        after = source[1]
        q = v.quote_starting_near(doc[after - 1].idx + len(doc[after - 1].text))
        content = (q.start, q.end) if q else clause_after(v, after)
    else:
        content = clause_before(v, start, None)
    return Attr((start, end), source, content, kind, entry.category, entry.explanation)


def question_put(v: DocView, cue: Cue) -> Attr | None:
    """ "Asked whether he would quit, ...", "when asked about it": a question put by someone the
    sentence does not name (usually a reporter); the question is the content."""
    question = next_word(v.doc, cue.end - 1)
    rest = phrase_after(v, question.i + 1) if question is not None else None
    if rest is None:
        return None
    return Attr(
        (cue.cue_start, cue.end),
        None,
        (question.idx, rest[1]),
        "other",
        cue.entry.category,
        '"Asked" with no one named as asking: a question put to the speaker, usually by a reporter.',
        extra={"question": True},
    )


def passive(v: DocView, cue: Cue) -> Attr | None:
    """ "was rejected by large majorities": the agent after "by" is the source; "has been criticized
    for ...": no one is named, which is worth noticing."""
    doc, start, end, aux = v.doc, cue.start, cue.end, cue.prev
    if cue.flags & {"mind", "strict", "study", "needs_quote", "noun", "then_to"}:
        return None  # "is believed", "is expected": hedges, not reports
    if aux.lower_ in {"'s", "’s"} or v.quote_containing(aux.idx) is not None:
        return None  # "Obama's calls for": a possessive; inside a quotation: the speaker's own words
    nxt = next_word(doc, end - 1)
    if nxt is None or nxt.text in {".", "!", "?"} or (nxt.lower_ == "to" and doc[start].lower_ != "asked"):
        return None  # "is said to have ...": an impersonal hedge
    if v.negation_in(aux.i - 2, end):
        return None
    word = doc[end - 1].lower_
    stance_, explanation = stance(word, nxt, cue.entry)
    if nxt.lower_ == "by":
        src = source_after(v, nxt.i + 1)
        if src is None:
            return None
        content = clause_before(v, aux.i, None) or phrase_after(v, src[1])
        return Attr((aux.i, end), src, content, "indirect", stance_, explanation)
    content = phrase_after(v, end) if not nxt.is_punct else None
    if content is None:
        return None
    return Attr(
        (aux.i, end),
        None,
        content,
        "other",
        stance_,
        "No one is named: the sentence does not say who made this report.",
    )


def agentless(v: DocView) -> list[Attr]:
    """ "it was reported that ...", "we were assured that ...": a report with no one behind it."""
    doc = v.doc
    out = []
    for i in numpy.flatnonzero(numpy.isin(v.lower_array, AGENTLESS_IDS)).tolist():
        if not PASSIVE_IDS.intersection(v.lower[max(0, i - 2) : i]):
            continue  # cheap test on word hashes first: most "said"s have no "was" before them
        tok = doc[i]
        aux = word_before(doc, tok.i)
        if aux is None or aux.lower_ not in PASSIVE_AUX:
            continue
        nxt = next_word(doc, tok.i)
        if nxt is None:
            continue
        negated = v.negation_in(i - 3, i)
        if nxt.lower_ == "by":  # "was reported by the BBC": an agent after all
            src = None if negated else source_after(v, nxt.i + 1)
            if src is None:
                continue
            content = clause_before(v, aux.i, None)
            out.append(
                Attr(
                    (aux.i, tok.i + 1),
                    src,
                    content,
                    "indirect",
                    "neutral",
                    'A passive report that names its source after "by".',
                )
            )
            continue
        that = _that_soon_after(v, tok.i)
        if that is None or negated:
            continue
        content = inside_quote(v, tok.i, clause_after(v, that + 1))
        entry = cue_entry(tok.lower_)
        out.append(
            Attr(
                (aux.i, tok.i + 1),
                None,
                content,
                "other",
                entry.category if entry else "neutral",
                "This report has no source: the sentence does not say who said it, so no one "
                "stands behind the claim.",
            )
        )
    return out


def _that_soon_after(v: DocView, i: int) -> int | None:
    """ "it was reported on Sunday that ...": the "that" within a few words of the verb."""
    _, s1 = v.sent(i)
    for j in range(i + 1, min(s1, i + 7)):
        if v.lower[j] == THAT_ID:
            return j
        if v.doc[j].is_punct and v.doc[j].text != "-":
            return None
    return None
