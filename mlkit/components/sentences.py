"""Sentence boundaries for news text without a parser: punctuation, and every line break.

Headlines, captions and bylines carry no full stop, so a line break always ends a sentence; a full stop
ends one only when the next word looks like a new sentence (not "Mr. Smith", "U.S. officials", "3.5").
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

_ENDERS = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
_ABBREVIATIONS = {
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
    """Sets `is_sent_start` on every token (so `doc.sents` works) from punctuation and line breaks."""

    def __call__(self, doc: Doc) -> Doc:
        texts = [t.text for t in doc]
        n = len(texts)
        starts = [False] * n
        i = 0
        while i < n:
            tok = texts[i]
            if "\n" in tok:
                if i + 1 < n:
                    starts[i + 1] = True
            elif tok in _ENDERS:
                j = i + 1  # keep closing quotes and brackets with the sentence they close
                while j < n and (texts[j] in _CLOSERS or texts[j] in _ENDERS):
                    j += 1
                k = j  # the next word, past ordinary spaces
                while k < n and texts[k].isspace() and "\n" not in texts[k]:
                    k += 1
                if j < n and k < n and _opens_sentence(texts, i, k):
                    starts[j] = True
                i = j - 1
            i += 1
        if n:
            column = numpy.full((n, 1), -1, dtype="int32")  # -1: not a sentence start
            column[[0] + [k for k in range(1, n) if starts[k]], 0] = 1
            doc.from_array([SENT_START], column.astype("uint64"))
        return doc


def _opens_sentence(texts: list[str], end_idx: int, k: int) -> bool:
    nxt = texts[k]
    prev = texts[end_idx - 1] if end_idx > 0 else ""
    if texts[end_idx] == "." and prev.lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if texts[end_idx] == "." and len(prev) == 1 and prev.isupper():
        return False  # an initial: "George W. Bush"
    first = nxt[:1]
    return first.isupper() or first.isdigit() or nxt in {'"', "“", "‘", "'", "(", "["} or not first.isalpha()
