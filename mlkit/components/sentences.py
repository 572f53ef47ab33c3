"""Sentence boundaries for news text without a parser: punctuation, and every line break.

Headlines, captions and bylines carry no full stop, so a line break always ends a sentence; a full stop
ends one only when the next word looks like a new sentence (not "Mr. Smith", "U.S. officials", "3.5").
No sentence grows past MAX_TOKENS: a transcript with no full stop at all is cut at a comma or a space,
so that every rule that searches a sentence searches a bounded stretch (time stays linear in the text).
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

from mlkit.components.tokens import WordTable, hash_set, member, word_table

SENTS_KEY = "mlkit_sents"
#: Longer than any sentence in the kit's news texts (the longest, a list of 222 names, is 222 tokens).
MAX_TOKENS = 300
#: Characters that end a line: line feed, carriage return (old Mac files), and Unicode's separators.
LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
_SOFT_BREAKS = (",", ";", ":", "—", "–")
_ENDERS = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "corp",
    "co",
    "ltd",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mt",
    "ft",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
}


@Language.factory("mlkit_sentences")
def make_sentences(nlp: Language, name: str) -> NewsSentencizer:
    return NewsSentencizer()


class NewsSentencizer:
    """Sets sentence starts (so `doc.sents` works) from punctuation and line breaks.

    Works on spaCy's hash arrays, visiting only the few tokens that could end a sentence: building a
    Python Token for every word would cost as much as tokenising the text.
    """

    def __init__(self) -> None:
        self._enders = hash_set(_ENDERS)
        self._soft = hash_set(_SOFT_BREAKS)
        self._closing = frozenset(hash_string(t) for t in _CLOSERS | _ENDERS)
        self._period = hash_string(".")

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        table = word_table(doc)  # LOWER: enders, closers and soft breaks are marks, which have no case
        low, space = table.lower, table.space
        candidates = numpy.flatnonzero(member(table.lower_array, self._enders) | table.space_array).tolist()
        starts = [0]
        last_end = -1
        for i in candidates:
            if i <= last_end:
                continue  # inside a run of closers already handled
            if space[i]:
                if i + 1 < n and not LINE_BREAKS.isdisjoint(doc[i].text):
                    starts.append(i + 1)
                continue
            j = i + 1  # keep closing quotes and brackets with the sentence they close
            while j < n and low[j] in self._closing:
                j += 1
            last_end = j - 1
            k = j  # the next word, past ordinary spaces
            while k < n and space[k] and LINE_BREAKS.isdisjoint(doc[k].text):
                k += 1
            if j < n and k < n and _opens_sentence(doc, low[i] == self._period, i, k):
                starts.append(j)
        starts = _bounded(sorted(set(starts)), n, table, self._soft)
        column = numpy.full((n, 1), -1, dtype="int32")  # -1: not a sentence start
        column[starts, 0] = 1
        doc.from_array([SENT_START], column.astype("uint64"))
        bounds = list(zip(starts, starts[1:] + [n], strict=True))
        doc.user_data[SENTS_KEY] = bounds
        return doc


def _bounded(starts: list[int], n: int, table: WordTable, soft: numpy.ndarray) -> list[int]:
    """Sentence starts with extra ones wherever a sentence would be longer than MAX_TOKENS: after the
    last comma, semicolon, colon or dash in its final third, else after the last space, else hard."""
    if all(b - a <= MAX_TOKENS for a, b in zip(starts, starts[1:] + [n], strict=True)):
        return starts
    breaks = member(table.lower_array, soft) | table.space_array
    out = []
    for a, b in zip(starts, starts[1:] + [n], strict=True):
        out.append(a)
        while b - a > MAX_TOKENS:
            lo, hi = a + MAX_TOKENS * 2 // 3, a + MAX_TOKENS
            found = numpy.flatnonzero(breaks[lo:hi])
            a = lo + int(found[-1]) + 1 if len(found) else hi
            out.append(a)
    return out


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences: the splitter's own list, or spaCy's when another component set them."""
    bounds = doc.user_data.get(SENTS_KEY)
    if bounds is None:
        bounds = [(s.start, s.end) for s in doc.sents] if len(doc) else []
    return bounds


def _opens_sentence(doc: Doc, period: bool, end_idx: int, k: int) -> bool:
    """Does token k start a new sentence after the mark at end_idx (`period`: that mark is ".")?"""
    if period and end_idx > 0:
        prev = doc[end_idx - 1].text
        if prev.lower().rstrip(".") in ABBREVIATIONS:
            return False
        if len(prev) == 1 and prev.isupper():
            return False  # an initial: "George W. Bush"
    nxt = doc[k].text
    first = nxt[:1]
    return first.isupper() or first.isdigit() or nxt in {'"', "“", "‘", "'", "(", "["} or not first.isalpha()
