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
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from mlkit.components.quotes import Quote, find_quotes
from mlkit.components.sentences import sentence_bounds
from mlkit.components.tokens import doc_text, slice_bounds, word_table

from .words import CLAUSE_WORDS, LEAD_IN_IDS, LEADING_DROP, NEGATION_IDS, QUOTE_IDS, QUOTE_MARKS

Range = tuple[int, int]  # token indices [start, end), or character offsets for contents
_BOUNDARY_TEXTS = {",", ";", ":", "(", ")", "—", "–", "―", "[", "]"}

# Tested on LOWER hashes: punctuation and marks have no case, so their lower-case form is the word.
BOUNDARY_HASHES = frozenset(hash_string(t) for t in _BOUNDARY_TEXTS | QUOTE_MARKS | CLAUSE_WORDS)
DASH_HASHES = frozenset(hash_string(t) for t in ("-", "--"))
NEAR = 12  # words walked back before a sentence's list of boundaries is made
STOP_HASHES = frozenset(hash_string(t) for t in (".", ";", "!", "?", "that"))


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
    source_type: str = ""  # named | unnamed | pronoun, once the sources are resolved


class DocView:
    """Per-document lookups shared by every cue: sentences, quotes and clause boundaries."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        table = word_table(doc)  # the word facts the rules test most: no Token is built to test them
        self.lower_array = table.lower_array  # word hashes
        self.lower = table.lower  # word hashes (an array of int: indexes and slices like a list)
        self.space: list[bool] = table.space  # a token of spaces or line breaks
        self.quotes: list[Quote] = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.sent_bounds = sentence_bounds(doc)
        n = len(doc)
        lengths = [b - a for a, b in self.sent_bounds]
        self.sent_of: list[int] = numpy.repeat(numpy.arange(len(lengths)), lengths).tolist() if n else [0]
        self._last_boundary: dict[int, list[int]] = {}  # per sentence start, filled when first asked
        self.token_at: dict[int, int] = {}  # character -> the token starting there, as rules find them
        self.source_facts: dict[Range, tuple[str, str, bool]] = {}  # filled by sources.facts_at

    def boundary_at_or_before(self, i: int, s0: int) -> int:
        """The last token in s0..i (s0: the start of i's sentence) that is_boundary, or s0 - 1 when none.
        A short walk back finds most; past NEAR words, one list per sentence, kept, answers: many cues
        in one long sentence with no boundary cost no more than one."""
        for k in range(i, max(s0, i - NEAR) - 1, -1):
            if self.is_boundary_at(k):
                return k
        if i - NEAR < s0:
            return s0 - 1
        last = self._last_boundary.get(s0)
        if last is None:
            last = self._last_boundary[s0] = self._boundaries(s0, self.sent(s0)[1])
        return last[i - s0]

    def _boundaries(self, s0: int, s1: int) -> list[int]:
        out = []
        last = s0 - 1
        for k in range(s0, s1):
            if self.is_boundary_at(k):
                last = k
            out.append(last)
        return out

    def is_boundary_at(self, k: int) -> bool:
        """`is_boundary(doc[k])` on word hashes: only a line break or a dash needs the Token."""
        h = self.lower[k]
        return h in BOUNDARY_HASHES or ((self.space[k] or h in DASH_HASHES) and self.is_boundary(self.doc[k]))

    # ---- sentences and words
    def sent(self, i: int) -> Range:
        """The sentence holding token i (a position just past the end counts as the last sentence)."""
        of = self.sent_of  # asked for every cue, many times: kept to one list look-up
        return self.sent_bounds[of[i] if 0 <= i < len(of) else of[0 if i < 0 else -1]]

    def span(self, r: Range) -> Span:
        """`doc[a:b]` for a token range, without the slice's own checks (a third of the cost)."""
        a, b = r
        return Span(self.doc, a, b) if 0 <= a <= b <= len(self.space) else self.doc[a:b]

    def words(self, a: int, b: int) -> list[Token]:
        """The tokens a..b-1 that are not spaces (a and b read as in `doc[a:b]`)."""
        doc, space = self.doc, self.space
        if not 0 <= a <= b <= len(space):
            a, b = slice_bounds(len(space), a, b)
        return [doc[j] for j in range(a, b) if not space[j]]

    def index_before(self, i: int) -> int:
        """The index of the last non-space token before index i, or -1."""
        space = self.space
        for j in range(min(i, len(space)) - 1, -1, -1):
            if not space[j]:
                return j
        return -1

    def index_after(self, i: int) -> int:
        """The index of the first non-space token after index i, or -1."""
        space = self.space
        for j in range(max(i + 1, 0), len(space)):
            if not space[j]:
                return j
        return -1

    def prev_word(self, i: int) -> Token | None:
        """The last non-space token before index i (`tokens.prev_word`, on this Doc's space flags)."""
        j = self.index_before(i)
        return self.doc[j] if j >= 0 else None

    def next_word(self, i: int) -> Token | None:
        """The first non-space token after index i."""
        j = self.index_after(i)
        return self.doc[j] if j >= 0 else None

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
        lower, space = self.lower, self.space
        prev = 0  # the word before j (read on word hashes: punctuation has no case)
        for j in range(i, s1):
            if space[j]:
                continue
            h = lower[j]
            if h in QUOTE_IDS:
                if seen == 0 or prev in LEAD_IN_IDS:
                    idx = doc[j].idx
                    q = self.quote_containing(idx + 1)
                    return q if q is not None and q.start == idx else None
                return None
            if h in STOP_HASHES:
                return None
            if h not in LEAD_IN_IDS:
                seen += 1
            if seen > max_words:
                return None
            prev = h
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
