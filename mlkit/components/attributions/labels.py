"""Sources with no reporting verb: a label and a colon ("Report: ...", "Rubio: ...", a transcript's
"Michael P. McDonald: “...”") and a named poll as the setting of figures ("In a Fox poll, Cruz had 38
percent"). Each is found by its own scan of the document, after the cues.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.tokens import Span, Token

from mlkit.components.tokens import hash_set, member, next_word

from .content import clause_after, clause_before
from .doc_view import Attr, DocView
from .phrases import cap, label_word
from .words import (
    COLON_ID,
    HEADLINE_LABELS,
    IN_ID,
    LEADING_DROP,
    NOT_LABELS,
    NP_BREAKERS,
    POLL_NOUNS,
    QUOTE_MARKS,
)

POLL_ARRAY = hash_set(POLL_NOUNS)  # for member() over the whole Doc


def polls_as_settings(v: DocView) -> list[Attr]:
    """ "In a Fox poll, Cruz had 38 percent", "she trails in national polls": the poll is where the
    figures come from, so it is their source even without a reporting verb."""
    doc = v.doc
    out = []
    polls = numpy.flatnonzero(member(v.lower_array, POLL_ARRAY)).tolist()
    if not polls:
        return out  # most articles name no poll
    for i in numpy.flatnonzero(v.lower_array == IN_ID).tolist():
        k = bisect.bisect_right(polls, i)
        if k == len(polls) or polls[k] >= i + 12:
            continue  # a poll word within the next 11 words, or this "in" does not set a poll
        s0, s1 = v.sent(i)
        np_end = None
        for j in range(i + 1, min(s1, i + 12)):
            tok = doc[j]
            if v.is_boundary_at(tok.i) or tok.text in {".", "!", "?"}:
                break
            if tok.lower_ in POLL_NOUNS:
                np_end = j + 1
                nxt = next_word(doc, j)
                if nxt is not None and nxt.lower_ in {"of", "by", "for"}:
                    continue  # "the RealClearPolitics average of New Hampshire polls"
                break
        if np_end is None:
            continue
        words = v.words(i + 1, np_end)
        if not words or any(t.lower_ in NP_BREAKERS for t in words):
            continue
        at_start = v.starts_sentence(i, s0)
        named = words[0].lower_ in {"a", "an", "the"} and any(cap(t) or t.is_upper for t in words[1:])
        if not (at_start or named) or v.quote_containing(doc[i].idx) is not None:
            continue  # "ahead in the polls" is a figure of speech; "in a Fox poll" names a source
        if at_start:
            comma = next((t for t in v.words(np_end, s1) if t.text == ","), None)
            content = clause_after(v, comma.i + 1) if comma is not None else None
        else:
            content = clause_before(v, i, None)
        if content is None:
            continue
        out.append(
            Attr(
                (i, i + 1),
                (words[0].i, np_end),
                content,
                "other",
                "neutral",
                "The figures come from a poll or survey: check who ran it, when, and how many people "
                "it asked.",
            )
        )
    return out


def _name_label(toks: list[Token]) -> tuple[Token, Token] | None:
    """ "Rubio: ...", "Michael P. McDonald: “...”", "HEADLINE - Jeffrey M. Jones: ...": a name of up to
    five words opening the line (or after a dash) and a colon; returns its first word and the colon."""
    colon_at = next((k for k, t in enumerate(toks[:12]) if t.text == ":"), None)
    if colon_at is None or colon_at == 0:
        return None
    begin = 0
    for k in range(colon_at - 1, -1, -1):
        if toks[k].text in {"-", "—", "–"}:
            begin = k + 1
            break
    label = toks[begin:colon_at]
    if not 0 < len(label) <= 5 or not all(label_word(t) for t in label):
        return None
    if len(label) == 1 and len(label[0].text) < 2:
        return None  # "Q:" and "A:" in interviews are not marked consistently enough to count
    if any(t.lower_ in NOT_LABELS or t.lower_ in LEADING_DROP for t in label) or label[0].like_num:
        return None
    after = toks[colon_at + 1 : colon_at + 4]
    if len(after) < 3 or after[0].like_num:
        return None  # "Hillary Clinton: 1,769.": a tally, not words
    return label[0], toks[colon_at]


def headline_labels(v: DocView, taken: set[int]) -> list[Attr]:
    """Headline conventions: "Report: ...", "Police: ..." — a label and a colon before the claim."""
    out = []
    # a label is a word and a colon at the start of a line: only sentences with a colon among their
    # first 14 tokens are read (found from the colons, which are few)
    colons = numpy.flatnonzero(v.lower_array == COLON_ID).tolist()
    for s0, s1 in sorted({v.sent(c) for c in colons if c < v.sent(c)[0] + 14}):
        if s1 - s0 < 3:
            continue
        toks = v.words(s0, s1)
        if len(toks) < 3 or toks[0].i in taken:
            continue
        if toks[1].text == ":" and toks[0].lower_ in HEADLINE_LABELS:
            label, colon = toks[0], toks[1]
        else:
            named = _name_label(toks)
            if named is None:
                continue
            colon = named[1]
            label = v.doc[named[0].i : colon.i]
        rest = [t for t in toks if t.i > colon.i]
        if len(rest) < 2:
            continue
        content = (rest[0].idx, rest[-1].idx + len(rest[-1].text))
        if isinstance(label, Span):
            out.append(
                Attr(
                    (colon.i, colon.i + 1),
                    (label.start, label.end),
                    content,
                    "direct" if rest[0].text in QUOTE_MARKS else "other",
                    "neutral",
                    "A name and a colon before words, as in a headline or a transcript, say who the "
                    "words come from.",
                )
            )
            continue
        if label.lower_ in {"report", "reports", "exclusive"}:
            out.append(
                Attr(
                    (label.i, label.i + 1),
                    None,
                    content,
                    "other",
                    "neutral",
                    '"Report:" in a headline says the claim comes from a report, without saying '
                    "whose, so the headline itself does not vouch for it.",
                )
            )
        else:
            out.append(
                Attr(
                    (toks[1].i, toks[1].i + 1),
                    (label.i, label.i + 1),
                    content,
                    "other",
                    "neutral",
                    "A headline label with a colon says who the claim comes from.",
                )
            )
    return out
