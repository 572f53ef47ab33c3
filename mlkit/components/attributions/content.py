"""Stage 3, the content: the words reported. A quotation before the speaker or after the cue, a
that-clause, the clause before ", the mayor said", or the rest of the sentence; and whether that makes
the report direct, indirect or mixed.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.strings import hash_string
from spacy.tokens import Token

from .cues import Cue
from .doc_view import DocView, Range
from .phrases import cap
from .speaker import Speaker, citing_end
from .words import (
    ACCORDING_ID,
    ARTICLES,
    COMMA_ID,
    DETERMINERS,
    LEAD_IN_IDS,
    LISTENERS,
    MAX_CONTENT_TOKENS,
    POSSESSIVES,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_IDS,
    QUOTE_MARKS,
    REPORT_OPENERS,
    THAT_ID,
    TIME_WORDS,
    TRAILING_PUNCT_IDS,
)

TRAILING_MARKS = QUOTE_MARKS | {",", ":", "-", "—", "–"}
SETTING_PREPOSITIONS = frozenset("on in at from during via over through outside inside with before".split())
SETTING_NOUNS = frozenset(
    "interview statement statements rally speech conference call letter post tweet hearing meeting event "
    "debate appearance visit briefing show program programme broadcast radio television tv video email "
    "op-ed column remarks press release news campaign trail stop stage floor house room city town "
    "week weekend month year day night morning afternoon evening".split()
)
SETTING_PREPOSITION_IDS = frozenset(hash_string(w) for w in SETTING_PREPOSITIONS)
VERB_STARTS = frozenset("is was are were has have had will would can could should may might must".split())
VERB_START_IDS = frozenset(hash_string(w) for w in VERB_STARTS)
SETTING_WORDS = frozenset(
    "interview statement week month year night morning afternoon evening conference call radio "
    "television".split()
)


@dataclass
class Content:
    """The words reported (character offsets) and the kind of report they make."""

    span: Range | None
    kind: str
    after_that: bool  # the cue is followed by "that"
    before: Token | None  # the word before the speaker and cue, whichever comes first


def find_content(v: DocView, cue: Cue, speaker: Speaker) -> Content | None:
    """The content of a report whose speaker is known; None when the cue's flags need a shape that is
    not there ("called" needs a quotation, a noun cue needs "that" or a quotation)."""
    doc, near, nxt, end, flags = v.doc, speaker.near, cue.nxt, cue.end, cue.flags
    content, kind = None, "indirect"
    first = min(cue.cue_start, near[0]) if near else cue.cue_start
    last = max(end, near[1]) if near else end
    before_first = v.prev_word(first)
    q_before = v.quote_ending_at(doc[first].idx)
    after_that = cue.nxt_low == "that"
    if q_before is not None and (speaker.inverted or near is not None):
        content, kind = (q_before.start, q_before.end), "direct"
    elif after_that:
        q = v.quote_starting_near(nxt.idx + len(nxt))
        if q is not None:
            content, kind = (q.start, q.end), "direct"
        else:
            content = clause_after(v, nxt.i + 1)
    elif not speaker.inverted and (q_after := v.quote_after_phrase(last)) is not None:
        content, kind = (q_after.start, q_after.end), "direct"
    elif (
        before_first is not None
        and before_first.text == ","
        and near is not None
        and _ends_clause(v, last, 7 if "object" in flags else 4)
        and not _opening_phrase(v, before_first.i)
    ):
        content = clause_before(v, cue.cue_start, speaker.source)
    elif "needs_quote" in flags:
        if v.quote_in_clause(end) is None:
            return None
        content, kind = clause_after(v, end), "mixed"
    elif cue.restricted or "strict" in flags:
        return None
    elif "object" in flags:
        j = _skip_object(v, end)
        if j > end and doc[j].lower_ == "that":
            content = clause_after(v, j + 1)
        elif j > end:
            q = v.quote_starting_near(doc[j].idx)
            content = (q.start, q.end) if q else clause_after(v, j)
            kind = "direct" if q else kind
        else:
            j = _skip_listener(v, end)  # "told the National Post he's had hundreds of emails"
            if j > end:
                content = clause_after(v, j)
    elif cue.ing:
        # "saying, apparently for the first time, that ...", "explaining why he disagrees": a clause
        content = phrase_after(v, end) or clause_after(v, end)
        kind = "other"
    else:
        start = _after_setting(v, end)
        if start is None:  # "responded from the White House, where ...": nothing reported here
            return Content(None, kind, after_that, before_first)
        content = clause_after(v, start)
        if start > end and v.doc[start].text in QUOTE_MARKS:
            q = v.quote_starting_near(v.doc[start].idx)
            content, kind = ((q.start, q.end), "direct") if q else (content, kind)
    if content is None and nxt is not None and nxt.text == ":" and v.sent(nxt.i)[1] <= nxt.i + 2:
        content, kind = _next_paragraph(v, nxt.i + 1, kind)  # "In a speech last July, he said: ¶ “...”"
    if content is None:
        return None
    if kind != "direct" and v.lower[_first_word(v, content)] in VERB_START_IDS:
        return Content(None, kind, after_that, before_first)  # "what they are talking about is ...": no topic
    return Content(content, kind, after_that, before_first)


def _next_paragraph(v: DocView, i: int, kind: str) -> tuple[Range | None, str]:
    """The words a colon at the end of a line introduces: the quotation or sentence that follows."""
    _, s1 = v.sent(i)
    words = v.words(s1, min(len(v.doc), s1 + 3))
    if not words:
        return None, kind
    q = v.quote_starting_near(words[0].idx)
    if q is not None:
        return (q.start, q.end), "direct"
    return clause_after(v, words[0].i), kind


def _first_word(v: DocView, content: Range) -> int:
    known = v.token_at.get(content[0])
    if known is not None:
        return known
    span = v.doc.char_span(content[0], content[1], alignment_mode="expand")
    return span.start if span is not None else 0


def _opening_phrase(v: DocView, comma: int) -> bool:
    """ "In a statement, X said": the words before the comma open the sentence and report nothing."""
    s0, _ = v.sent(comma)
    words = v.words(s0, comma)
    return 0 < len(words) <= 6 and words[0].lower_ in PREPOSITIONS


def _after_setting(v: DocView, i: int) -> int | None:
    """Where the reported words start after the cue, past a setting ("said on Tuesday the talks had
    failed", "said in a statement that ..."); None when a setting is all there is ("responded from the
    White House, where he ...", "responded on Twitter, saying ..."). i itself when no setting starts there."""
    _, s1 = v.sent(i)
    stop = min(s1, i + 14)
    first = next((j for j in range(max(i, 0), stop) if not v.space[j]), None)
    if first is not None and v.lower[first] == COMMA_ID and (cited := citing_end(v, first)) is not None:
        return _after_citing(v, cited)  # "reported, citing two officials, that ..."
    if first is None or v.lower[first] not in SETTING_PREPOSITION_IDS:
        return i  # most reports: no setting, and no list of words made to find that out
    words = v.words(i, stop)
    noun_seen = False
    for k, w in enumerate(words):
        low = w.lower_
        nxt = words[k + 1] if k + 1 < len(words) else None
        if low == "that":
            return nxt.i if nxt is not None else None
        if w.text in QUOTE_MARKS:
            return w.i
        if w.text in {",", ".", ";", "!", "?", "—", "–"}:
            if w.text == "," and (cited := citing_end(v, w.i)) is not None:
                return _after_citing(v, cited)  # "reported on Monday, citing two officials, that ..."
            if w.text == "," and nxt is not None and (nxt.lower_ == "that" or nxt.text in QUOTE_MARKS):
                return nxt.i + 1 if nxt.lower_ == "that" else nxt.i
            return None
        if noun_seen and (low in PRONOUNS or low in ARTICLES or low in {"there", "this", "these", "those"}):
            return w.i  # "said on Tuesday the talks had failed", "told CNN in an interview he would run"
        if low in SETTING_PREPOSITIONS or low in DETERMINERS or low in POSSESSIVES or w.text in {"'s", "’s"}:
            continue
        if cap(w) or w.like_num or low in TIME_WORDS or low in SETTING_NOUNS:
            noun_seen = True
            continue
        return i  # not a setting after all: keep the words after the cue
    return None


def _after_citing(v: DocView, i: int) -> int | None:
    """Where the reported words start after ", citing <source>,": past a "that"; None when the sentence
    ends there ("Reuters reported on Monday, citing two officials.")."""
    j = v.index_after(i - 1)
    if j < 0 or v.doc[j].text in {".", "!", "?"} or v.sent(j) != v.sent(i - 1):
        return None
    return j + 1 if v.lower[j] == THAT_ID else j


def clause_after(v: DocView, i: int) -> Range | None:
    """From token i to the end of the sentence, stopping before ", according to" and final marks."""
    doc, lower, space = v.doc, v.lower, v.space
    _, s1 = v.sent(i)
    end = s1 = min(s1, i + MAX_CONTENT_TOKENS)  # a run-on "sentence" must not make this quadratic
    j = i
    while ACCORDING_ID in lower[j + 1 : s1]:  # searched in C, on word hashes
        j = lower.index(ACCORDING_ID, j + 1, s1)
        if lower[j - 1] == COMMA_ID:
            end = j - 1
            break
    last = end - 1  # walk in from both ends instead of listing every word of a long sentence
    while last >= i:
        if space[last] or lower[last] in TRAILING_PUNCT_IDS:
            last -= 1
        elif lower[last] in QUOTE_IDS and not v.quote_containing(doc[last].idx - 1):
            last -= 1
        else:
            break  # a word, or the closing mark of a quoted fragment: called it “unprecedented.”
    first = i
    while first <= last and (space[first] or lower[first] in LEAD_IN_IDS):
        first += 1
    if first > last:
        return None
    tail = doc[last]
    start = doc[first].idx
    v.token_at[start] = first  # for _first_word: no char_span needed to find it again
    return start, tail.idx + len(tail)


def phrase_after(v: DocView, i: int) -> Range | None:
    """A short content up to the next boundary: "claiming responsibility - and then ..."."""
    _, s1 = v.sent(i)
    toks = []
    for tok in v.doc[i:s1]:
        if tok.is_space:
            continue
        if v.is_boundary_at(tok.i) or tok.text in {".", "!", "?"}:
            break
        toks.append(tok)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def clause_before(v: DocView, cue_start: int, source: Range | None) -> Range | None:
    """The content before ", the mayor said": from the sentence start to the comma."""
    first = min(cue_start, source[0]) if source else cue_start
    s0, _ = v.sent(first)
    doc = v.doc
    hi = first - 1  # walk in from both ends: a long sentence must not cost a Token per word
    while hi >= s0 and (doc[hi].is_space or doc[hi].text in TRAILING_MARKS):
        hi -= 1
    lo = s0
    while lo <= hi:
        tok = doc[lo]
        if tok.is_space:
            lo += 1
            continue
        if tok.text not in QUOTE_MARKS:
            break
        q = v.quote_containing(tok.idx + 1)
        if q is not None and q.start == tok.idx and not q.balanced:
            break  # an opening mark never closed: keep it, the words are a direct quotation
        lo += 1
    if hi - lo < 1 or sum(not doc[k].is_space for k in range(lo, min(hi + 1, lo + 3))) < 2:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def inside_quote(v: DocView, cue_start: int, content: Range | None) -> Range | None:
    """A report inside a quotation ("we were assured that ...") cannot run past the closing mark."""
    q = v.quote_containing(v.doc[cue_start].idx)
    if content is None or q is None or content[1] <= q.end:
        return content
    inner_end = q.end - 1 if q.balanced else q.end
    trimmed = v.text[content[0] : inner_end].rstrip(" ,.\u00a0")
    return (content[0], content[0] + len(trimmed)) if trimmed else None


def _ends_clause(v: DocView, last: int, limit: int = 4) -> bool:
    """Nothing but a short tail ("on Monday", "in a statement"; after "told", the person told:
    "he told the court in his filing") follows the cue and its speaker."""
    _, s1 = v.sent(max(last - 1, 0))
    count = 0
    k = last
    while k < s1:
        if v.lower[k] == COMMA_ID and (cited := citing_end(v, k)) is not None:
            k = cited  # ", the Journal reported, citing three people": the source, not more report
            continue
        tok = v.doc[k]
        k += 1
        if not tok.is_space and not tok.is_punct:
            count += 1
            if count > limit:
                return False
    return True


def _skip_object(v: DocView, i: int) -> int:
    """After "told": skip the person told ("told reporters", "told the paper on Monday")."""
    _, s1 = v.sent(i)
    j = i
    while j < s1:
        tok = v.doc[j]
        if tok.lower_ == "that" or tok.text in QUOTE_MARKS or tok.text in {",", ":"}:
            return j
        j += 1
    return i


def _skip_listener(v: DocView, i: int) -> int:
    """After "told"/"asked" with no "that": skip the person addressed and a time or setting
    ("told The Hill on Monday he ..."); return where the reported words start, or i if unsure."""
    _, s1 = v.sent(i)
    words = v.words(i, s1)
    k = 0
    if k < len(words) and words[k].lower_ in LISTENERS:
        k += 1
    else:
        if k < len(words) and words[k].lower_ in DETERMINERS and words[k].lower_ not in PRONOUNS:
            k += 1
        start = k
        while (
            k < len(words)
            and k - start < 6
            and (cap(words[k]) or words[k].is_upper or words[k].text in {"'s", "’s", ".", "-"})
        ):
            k += 1
        if k == start:
            # "asked the students if ...", "told attendees that ...": a few plain words, then a
            # word that opens the reported question or clause
            while k < len(words) and k - start < 4 and words[k].is_alpha and words[k].is_lower:
                if words[k].lower_ in REPORT_OPENERS:
                    break
                k += 1
            if k == start or k >= len(words) or words[k].lower_ not in REPORT_OPENERS:
                return i
    while k < len(words):  # "on Monday", "in an interview", "last week", "Tuesday"
        w = words[k].lower_
        if w in TIME_WORDS:
            k += 1
        elif w in {"on", "in", "during", "at", "last", "this", "earlier"} and k + 1 < len(words):
            run = k + 1
            while (
                run < len(words)
                and run - k <= 4
                and (
                    words[run].lower_ in TIME_WORDS
                    or words[run].lower_ in {"a", "an", "the", "phone", "his", "her"}
                    or words[run].lower_ in SETTING_WORDS
                )
            ):
                run += 1
            if run == k + 1:
                break
            k = run
        else:
            break
    if k >= len(words) or words[k].text in {".", "!", "?"}:
        return i
    first = words[k]
    if (
        first.lower_ in {"that", "whether", "if", "why", "how", "what", "about", "to"}
        or first.lower_ in PRONOUNS
    ):
        return first.i
    if cap(first) or first.lower_ in {"the", "a", "an", "there"}:
        return first.i
    return i
