"""Sentence boundaries for news text without a parser: punctuation, and every line break.

Headlines, captions and bylines carry no full stop, so a line break always ends a sentence; a full stop
ends one only when the next word looks like a new sentence (not "Mr. Smith", "U.S. officials", "3.5").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_ENDERS = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "st", "jr", "sr",
    "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}


@Language.factory("mlkit_sentences")
def make_sentences(nlp: Language, name: str) -> "NewsSentencizer":
    return NewsSentencizer()


class NewsSentencizer:
    """Sets `is_sent_start` on every token (so `doc.sents` works) from punctuation and line breaks."""

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        starts = [False] * n
        i = 0
        while i < n:
            tok = doc[i]
            if "\n" in tok.text:
                if i + 1 < n:
                    starts[i + 1] = True
            elif tok.text in _ENDERS:
                j = i + 1  # keep closing quotes and brackets with the sentence they close
                while j < n and (doc[j].text in _CLOSERS or doc[j].text in _ENDERS):
                    j += 1
                k = j  # the next word, past ordinary spaces
                while k < n and doc[k].is_space and "\n" not in doc[k].text:
                    k += 1
                if j < n and k < n and self._opens_sentence(doc, i, k):
                    starts[j] = True
                i = j - 1
            i += 1
        for idx, tok in enumerate(doc):
            tok.is_sent_start = idx == 0 or starts[idx]
        return doc

    @staticmethod
    def _opens_sentence(doc: Doc, end_idx: int, k: int) -> bool:
        nxt = doc[k]
        prev = doc[end_idx - 1] if end_idx > 0 else None
        if doc[end_idx].text == "." and prev is not None and prev.lower_.rstrip(".") in _ABBREVIATIONS:
            return False
        if doc[end_idx].text == "." and prev is not None and len(prev.text) == 1 and prev.text.isupper():
            return False  # an initial: "George W. Bush"
        first = nxt.text[:1]
        return first.isupper() or first.isdigit() or nxt.text in {'"', "“", "‘", "'", "(", "["} or not first.isalpha()
