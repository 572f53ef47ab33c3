"""What every stage reads: one document's sentences, quotations and word hashes, worked out once, and
the record an attribution is built into.

The lookups here answer questions about where things are (which sentence holds this word, which
quotation ends just before it); the rules that decide who said what live in the stage modules.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from mlkit.components.quotes import Quote, find_quotes
from mlkit.components.sentences import sentence_bounds
from mlkit.components.tokens import doc_text
from mlkit.components.tokens import prev_word as word_before

from .words import CLAUSE_WORDS, LEADING_DROP, NEGATION_IDS, QUOTE_MARKS

Range = tuple[int, int]  # token indices [start, end), or character offsets for contents
_BOUNDARY_TEXTS = {",", ";", ":", "(", ")", "—", "–", "―", "[", "]"}
BOUNDARY_IDS = numpy.array([hash_string(t) for t in _BOUNDARY_TEXTS | QUOTE_MARKS], dtype="uint64")
CLAUSE_IDS = numpy.array([hash_string(t) for t in CLAUSE_WORDS], dtype="uint64")
DASH_IDS = numpy.array([hash_string(t) for t in ("-", "--")], dtype="uint64")


@dataclass
class Attr:
    """One attribution as the stages build it (token ranges; the content in characters)."""

    cue: Range
    source: Range | None
    content: Range | None  # character offsets (quotes include their marks)
    kind: str
    stance: str
    explanation: str
    resolved: Range | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class DocView:
    """Per-document lookups shared by every cue: sentences, quotes and clause boundaries."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lower_array = doc.to_array(LOWER)  # word hashes: no Token object per word
        self.lower: list[int] = self.lower_array.tolist()
        self.quotes: list[Quote] = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.sent_bounds = sentence_bounds(doc)
        sent_id = numpy.zeros(len(doc), dtype="int64")
        for start, _ in self.sent_bounds[1:]:
            sent_id[start] = 1
        self.sent_of: list[int] = numpy.cumsum(sent_id).tolist() if len(doc) else [0]
        self._last_boundary: list[int] | None = None

    def boundary_at_or_before(self, i: int) -> int:
        """The last token at or before i that is_boundary (-1 when none): one array for the whole Doc,
        so walking back to a clause boundary costs nothing per word."""
        if self._last_boundary is None:
            self._last_boundary = self._boundaries()
        return self._last_boundary[i]

    def _boundaries(self) -> list[int]:
        doc = self.doc
        n = len(doc)
        orth = doc.to_array([ORTH, IS_SPACE])
        marks = numpy.isin(orth[:, 0], BOUNDARY_IDS) | numpy.isin(self.lower_array, CLAUSE_IDS)
        for k in numpy.flatnonzero((orth[:, 1] == 1) | numpy.isin(orth[:, 0], DASH_IDS)).tolist():
            marks[k] = self.is_boundary(doc[k])  # line breaks, and a dash between spaces
        index = numpy.where(marks, numpy.arange(n), -1)
        return numpy.maximum.accumulate(index).tolist() if n else []

    # ---- sentences and words
    def sent(self, i: int) -> Range:
        """The sentence holding token i (a position just past the end counts as the last sentence)."""
        return self.sent_bounds[self.sent_of[min(max(i, 0), len(self.sent_of) - 1)]]

    def words(self, a: int, b: int) -> list[Token]:
        """The tokens a..b-1 that are not spaces."""
        return [t for t in self.doc[a:b] if not t.is_space]

    def starts_sentence(self, i: int, s0: int) -> bool:
        """Only spaces, quote marks or a linking word ("But", "Meanwhile") come before token i."""
        before = [t for t in self.words(s0, i) if t.text not in QUOTE_MARKS]
        return not before or (len(before) == 1 and before[0].lower_ in LEADING_DROP)

    def negation_in(self, a: int, b: int) -> bool:
        """ "not", "n't" or "never" among tokens a..b-1."""
        return any(self.lower[j] in NEGATION_IDS for j in range(max(0, a), b))

    def is_boundary(self, tok: Token) -> bool:
        """Punctuation, a quotation mark, a line break or a clause word: a speaker cannot run across it."""
        t = tok.text
        if t in _BOUNDARY_TEXTS or t in QUOTE_MARKS or "\n" in t:
            return True
        if t in {"-", "--"}:  # a dash between spaces, not the hyphen in "Al-Awsat"
            return bool(tok.whitespace_) or (tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_))
        return tok.lower_ in CLAUSE_WORDS

    # ---- quotations
    def quote_containing(self, char: int) -> Quote | None:
        """The quotation whose marks enclose character `char`."""
        k = bisect.bisect_right(self.quote_starts, char) - 1
        if k >= 0 and self.quotes[k].start < char < self.quotes[k].end:
            return self.quotes[k]
        return None

    def quote_ending_at(self, char: int) -> Quote | None:
        """A quote whose closing mark ends at or just before `char` (ignoring spaces and a comma)."""
        k = bisect.bisect_right(self.quote_starts, char) - 1
        while k >= 0:
            q = self.quotes[k]
            gap = self.text[q.end : char]
            if q.end <= char and gap.strip(" \u00a0,—–") == "" and len(gap) <= 4:
                return q
            if q.end < char - 4:
                return None
            k -= 1
        return None

    def quote_starting_near(self, char: int, limit: int = 6) -> Quote | None:
        """A quote opening within `limit` characters after `char`, with only spaces, "," or ":" between."""
        k = bisect.bisect_left(self.quote_starts, char)
        if k < len(self.quotes):
            q = self.quotes[k]
            if q.start - char <= limit and self.text[char : q.start].strip(" \u00a0,:") == "":
                return q
        return None

    def quote_after_phrase(self, i: int, max_words: int = 6) -> Quote | None:
        """A quotation right after the cue, or after a short phrase ending in ":" or ","
        ("said on 12 June: “...”")."""
        doc = self.doc
        _, s1 = self.sent(max(i - 1, 0))
        k = bisect.bisect_left(self.quote_starts, doc[i].idx) if i < len(doc) else len(self.quotes)
        if k == len(self.quotes) or (s1 < len(doc) and self.quotes[k].start > doc[s1].idx):
            return None  # no quotation opens in the rest of the sentence
        seen = 0
        for j in range(i, s1):
            tok = doc[j]
            if tok.is_space:
                continue
            if tok.text in QUOTE_MARKS:
                prev = word_before(doc, j)
                if seen == 0 or (prev is not None and prev.text in {":", ","}):
                    q = self.quote_containing(tok.idx + 1)
                    return q if q is not None and q.start == tok.idx else None
                return None
            if tok.text in {".", ";", "!", "?"} or tok.lower_ == "that":
                return None
            if tok.text not in {":", ","}:
                seen += 1
            if seen > max_words:
                return None
        return None

    def quote_in_clause(self, i: int) -> Quote | None:
        """A quotation later in the same sentence ("called the damage “unprecedented”")."""
        _, s1 = self.sent(i)
        if i >= s1:
            return None
        k = bisect.bisect_left(self.quote_starts, self.doc[i].idx)
        last = self.doc[s1 - 1]
        if k < len(self.quotes) and self.quotes[k].start < last.idx + len(last.text):
            return self.quotes[k]
        return None

    def has_quote_inside(self, content: Range) -> bool:
        """A whole quotation lies inside these character offsets (a quoted fragment in reported speech)."""
        k = bisect.bisect_left(self.quote_starts, content[0])
        return k < len(self.quotes) and self.quotes[k].end <= content[1]
