"""Stage 5, once every report of the document is known: a content ends where the next speaker begins
("..., and his lawyer pointed out that ..."); a quotation that goes on after its speaker is named
("“We will win,” she said. “Nobody can stop us.”") is that speaker's to its end; and a report with no
source inside someone's quotation ("... we were assured that ...,” he claimed) is explained as the
speaker's unnamed informant, not as a sentence that names no one.
"""

from __future__ import annotations

import bisect

from spacy.strings import hash_string

from mlkit.components.quotes import Quote

from .doc_view import Attr, DocView
from .words import COMMA_ID, PRONOUNS

CONJUNCTION_IDS = frozenset(hash_string(w) for w in ("and", "but", "while", "whereas"))
CLAUSE_BREAK_IDS = frozenset(hash_string(w) for w in (",", ";"))

#: Words allowed between a speaker and the next part of the quotation ("she said on Monday. “...").
MAX_TAIL_WORDS = 6

QUOTED_NO_SOURCE = (
    "Inside the quotation, the speaker ({who}) says “{words}” but not by whom, so this part rests on "
    "someone nobody names."
)


def drop_minds_inside_reports(v: DocView, attrs: list[Attr]) -> list[Attr]:
    """A thought or wish inside someone else's report ("Sanders said Republicans want to cut ...") is
    that speaker's claim about another mind, already marked by the outer report; marking it again
    would credit the Republicans with words they never said. Reports of speech inside stay: they
    form the sourcing chain."""
    contents = sorted(a.content for a in attrs if a.content is not None)
    if not contents:
        return attrs
    starts = [c[0] for c in contents]
    widest = max(e - s for s, e in contents)

    def inside(a: Attr) -> bool:
        at = v.doc[a.cue[0]].idx
        k = bisect.bisect_right(starts, at)
        for s, e in reversed(contents[bisect.bisect_left(starts, at - widest) : k]):
            if s <= at < e and (s, e) != a.content:
                return True
        return False

    return [a for a in attrs if not (a.extra.get("mind") and inside(a))]


def continue_quotations(v: DocView, attrs: list[Attr]) -> None:
    """Extend a direct report over the quotations that continue it in the same paragraph: after the
    speaker (“...,” she said, “...”), in the next sentence (“...,” she said. “...”) or right after the
    first part (She said: “...” “...”). A part that another report claims ("“...,” he replied") is not
    taken, nor one across a line break."""
    claimed = {a.content for a in attrs if a.content is not None}
    cue_chars = sorted(v.doc[a.cue[0]].idx for a in attrs)
    for a in attrs:
        if a.kind != "direct" or a.source is None or a.content is None:
            continue
        q = _quote_at(v, a.content)
        if q is None:
            continue
        last = v.doc[max(a.cue[1], a.source[1]) - 1]  # the speaker's phrase ends with cue or source
        end = max(q.end, last.idx + len(last))
        while True:
            nxt = _next_part(v, end, cue_chars)
            if nxt is None or (nxt.start, nxt.end) in claimed:
                break
            a.content = (a.content[0], nxt.end)
            end = nxt.end


def _quote_at(v: DocView, content: tuple[int, int]) -> Quote | None:
    """The balanced quotation that is exactly this content."""
    q = v.quote_containing(content[0] + 1)
    if q is not None and (q.start, q.end) == content and q.balanced:
        return q
    return None


def _next_part(v: DocView, after: int, cue_chars: list[int]) -> Quote | None:
    """The quotation that opens soon after character `after` in the same paragraph, with only a short
    tail of the speaker's phrase and a comma or a sentence end between, and no report of its own: no
    cue inside its sentence after it ("“...,” he replied")."""
    k = _first_quote_from(v, after)
    if k is None:
        return None
    q = v.quotes[k]
    gap = v.text[after : q.start]
    lo = bisect.bisect_left(cue_chars, after)
    if lo < len(cue_chars) and cue_chars[lo] < q.start:
        return None  # another report stands between ("..., adding that ... “...”")
    if not q.balanced or "\n" in gap or any(m in gap for m in '"“”«»'):
        return None
    if len(gap.split()) > MAX_TAIL_WORDS:
        return None
    if gap.strip() and not any(mark in gap for mark in ",.:;!?"):
        return None  # “...,” she said “...”: no break between, not one quotation going on
    sentence_end = _sentence_end_char(v, q.end)
    if any(q.end <= c < sentence_end for c in cue_chars):
        return None  # “...,” he replied: this part is someone's report of its own
    return q


def _first_quote_from(v: DocView, char: int) -> int | None:
    k = bisect.bisect_left(v.quote_starts, char)
    return k if k < len(v.quotes) else None


def _sentence_end_char(v: DocView, char: int) -> int:
    """The end (character) of the sentence holding character `char - 1`."""
    doc = v.doc
    span = doc.char_span(max(char - 1, 0), char, alignment_mode="expand")
    if span is None:
        return char
    _, s1 = v.sent(span.start)
    last = doc[s1 - 1]
    return last.idx + len(last)


def explain_quoted_sources(v: DocView, attrs: list[Attr]) -> None:
    """A report with no source inside someone's quotation ("we were assured that ...") is the speaker
    passing on what an informant they do not name told them: say so, naming the speaker."""
    for a in attrs:
        if not a.extra.get("no_source"):
            continue
        q = v.quote_containing(v.doc[a.cue[0]].idx)
        if q is None:
            continue
        speaker = next(
            (
                b
                for b in attrs
                if b is not a
                and b.source is not None
                and b.content is not None
                and b.content[0] <= q.start
                and q.end <= b.content[1]
            ),
            None,
        )
        if speaker is None:
            continue
        who, words = _who(v, speaker), _cue_words(v, a)
        a.explanation = QUOTED_NO_SOURCE.format(who=" ".join(who.split()), words=" ".join(words.split()))


def _who(v: DocView, b: Attr) -> str:
    """The speaker's words, with what a pronoun stands for: "he, an opposition activist"."""
    name = v.span(b.source).text
    if b.resolved is not None:
        return f"{name}, {v.span(b.resolved).text}"
    return name


def _cue_words(v: DocView, a: Attr) -> str:
    """The cue with a pronoun subject just before it ("we were assured")."""
    j = v.index_before(a.cue[0])
    start = j if j >= 0 and v.doc[j].lower_ in PRONOUNS else a.cue[0]
    return v.span((start, a.cue[1])).text


def trim_coordinated_contents(v: DocView, attrs: list[Attr]) -> None:
    """ "He maintained that the money was a loan, and his lawyer pointed out that ...": the first content
    ends at ", and", where the next speaker begins; "X said the plan was dead, echoing ...": it ends at
    the comma before a participle that reports again. (Words tested on their hashes.)"""
    doc, lower = v.doc, v.lower
    participles = []
    for b in attrs:
        comma = v.index_before(b.cue[0])
        if comma >= 0 and lower[comma] == COMMA_ID and doc[b.cue[1] - 1].lower_.endswith("ing"):
            participles.append(doc[comma].idx)
    participles.sort()
    for a in attrs:
        if a.content is None or a.kind == "direct":
            continue
        k = bisect.bisect_right(participles, a.content[0])
        if k < len(participles) and participles[k] < a.content[1]:
            a.content = (a.content[0], participles[k])
    sourced = sorted((doc[b.source[0]].idx, b.source[0]) for b in attrs if b.source and b.source[0] > 0)
    starts = [c for c, _ in sourced]
    for a in attrs:
        if a.content is None or a.kind == "according_to":
            continue
        lo = bisect.bisect_right(starts, a.content[0])
        hi = bisect.bisect_left(starts, a.content[1])
        for _, src_tok in sourced[lo : min(hi, lo + 20)]:  # the next few speakers, not every nested one
            if a.source and src_tok == a.source[0]:
                continue
            conj = v.index_before(src_tok)
            if conj < 0 or lower[conj] not in CONJUNCTION_IDS:
                continue
            comma = v.index_before(conj)
            if comma >= 0 and lower[comma] in CLAUSE_BREAK_IDS and doc[comma].idx > a.content[0]:
                a.content = (a.content[0], doc[comma].idx)
                break
