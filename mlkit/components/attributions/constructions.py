"""Report shapes with rules of their own: "according to X" and "citing X" (the source follows), passives
("was rejected by X", "it was reported that ..."), and questions put by someone unnamed ("Asked
whether he would quit, ...").
"""

from __future__ import annotations

import numpy

from mlkit import lexicon
from mlkit.components.tokens import member, next_word
from mlkit.components.tokens import prev_word as word_before

from .content import clause_after, clause_before, inside_quote, phrase_after
from .cues import Cue, stance
from .doc_view import Attr, DocView, Range
from .speaker import source_after
from .words import (
    AGENTLESS_IDS,
    AGENTLESS_VERBS,
    LEADING_DROP,
    PASSIVE_AUX,
    PASSIVE_IDS,
    QUESTION_WORDS,
    QUOTE_MARKS,
    THAT_ID,
)


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
    if rest is None and question is not None and question.lower_ in QUESTION_WORDS:
        rest = (question.idx, question.idx + len(question.text))  # "When asked why, ..."
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


NO_AGENT = "No one is named: the sentence does not say who made this report."
BY_AGENT = 'A passive report that names its source after "by".'
NOT_PASSIVE_FLAGS = frozenset({"mind", "strict", "study", "needs_quote", "noun", "then_to"})


def passive(v: DocView, cue: Cue) -> Attr | None:
    """A reporting verb in the passive. "was rejected by large majorities": the agent after "by" is the
    source. "it was reported that ...", "has been criticized for ...": no one is named, which is worth
    noticing. Verbs of saying (`agentless_verbs`: "reported", "told", "assured") are reports in any
    passive; other cues only outside a quotation and when their flags allow it."""
    doc, start, end, aux, nxt = v.doc, cue.start, cue.end, cue.prev, cue.nxt
    saying = cue.first_low in AGENTLESS_VERBS
    if nxt is None:
        return None
    if aux.lower_ not in PASSIVE_AUX:  # "was first reported": the helper stands before the adverb
        aux = word_before(doc, aux.i) or aux
    if not saying and (
        cue.flags & NOT_PASSIVE_FLAGS  # "is believed", "is expected": hedges, not reports
        or aux.lower_ in {"'s", "’s"}  # "Obama's calls for": a possessive
        or v.quote_containing(aux.idx) is not None  # inside a quotation: the speaker's own words
        or nxt.text in {".", "!", "?"}
        or (nxt.lower_ == "to" and doc[start].lower_ != "asked")  # "is said to have ...": a hedge
    ):
        return None
    if v.negation_in(aux.i - 2, end):
        return None
    if nxt.lower_ == "by":
        src = source_after(v, nxt.i + 1)
        if src is None:
            return None
        content = clause_before(v, aux.i, None)
        if cue.entry is None:
            return Attr((aux.i, end), src, content, "indirect", "neutral", BY_AGENT)
        content = content or phrase_after(v, src[1])
        return Attr((aux.i, end), src, content, "indirect", *stance(cue.word, nxt, cue.entry))
    if saying:  # "it was reported on Sunday that ...": only with a that-clause
        that = _that_soon_after(v, start)
        if that is None:
            return None
        content = inside_quote(v, start, clause_after(v, that + 1))
        category = cue.entry.category if cue.entry else "neutral"
        return Attr((aux.i, end), None, content, "other", category, NO_SOURCE, extra={"no_source": True})
    content = phrase_after(v, end) if not nxt.is_punct else None
    if content is None:
        return None
    return Attr((aux.i, end), None, content, "other", stance(cue.word, nxt, cue.entry)[0], NO_AGENT)


NO_SOURCE = (
    "This report has no source: the sentence does not say who said it, so no one stands behind the claim."
)


def passive_candidates(v: DocView) -> list[int]:
    """Verbs of saying after a form of "be" ("was assured", "were told"): passive reports even when the
    verb is not in the cue list."""
    out = []
    lower, space = v.lower, v.space
    for i in numpy.flatnonzero(member(v.lower_array, AGENTLESS_IDS)).tolist():
        j = i - 1  # the word before, on word hashes
        while j >= 0 and space[j]:
            j -= 1
        if j >= 0 and lower[j] in PASSIVE_IDS:
            out.append(i)
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
