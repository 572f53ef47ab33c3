"""Small token helpers shared by the components, written to stay linear in the length of the text."""

from __future__ import annotations

import array
import weakref
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import numpy
from spacy.attrs import IS_SPACE, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

_TEXT_KEY = "mlkit_text"
MATCHES_KEY = "mlkit_lexicon_matches"  # lexmatch's per-Doc matches (lexmatch imports this module)


def doc_text(doc: Doc) -> str:
    """`doc.text` rebuilds the string from its tokens on every call; compute it once per Doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


class TextKeepingTokenizer:
    """Wraps spaCy's tokenizer to remember the text it was given, so no component has to rebuild it
    from the tokens (`doc.text` costs as much as a third of the kit's own work on a news article)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[_TEXT_KEY] = text
        return doc

    def __getattr__(self, name: str) -> Any:  # to_bytes, explain, rules...: the wrapped tokenizer's own
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


class WordTable(NamedTuple):
    """Word hashes (LOWER) and space flags of a Doc, as arrays and as sequences: what the rules test
    most, with no Token built to test them."""

    lower_array: numpy.ndarray
    space_array: numpy.ndarray
    lower: array.array  # of int: made from the numpy column in one copy (tolist costs 15 ns a word)
    space: list[bool]


# Kept beside the Doc, not in its user_data (which Doc.to_bytes must be able to write), and let go with it.
_TABLES: weakref.WeakKeyDictionary[Doc, WordTable] = weakref.WeakKeyDictionary()


def word_table(doc: Doc) -> WordTable:
    """The Doc's WordTable, made once and shared by the components (`doc.to_array` costs about 50 ns a
    token a column, as much as some whole rules)."""
    table = _TABLES.get(doc)
    if table is None or len(table.lower) != len(doc):
        both = doc.to_array([LOWER, IS_SPACE])
        lower, space = both[:, 0], both[:, 1] == 1
        table = WordTable(lower, space, array.array("Q", lower.tobytes()), space.tolist())
        _TABLES[doc] = table
    return table


class DottedUrlMatch:
    """spaCy's `url_match`, tried only on strings that hold a ".": every URL its pattern accepts has one
    (in the host name or the IP address), and the pattern, a long regex, is otherwise tried on every new
    word the tokenizer meets (about 5% of its time). The tokens are the same."""

    def __init__(self, match: Callable[[str], Any]) -> None:
        self.match = match
        self.__self__ = match.__self__  # where Tokenizer.to_bytes reads the pattern from

    def __call__(self, string: str) -> Any:
        return self.match(string) if "." in string else None


class InfixesPastWords:
    """spaCy's `infix_finditer`, skipped for strings of letters and digits only: every infix pattern
    consumes at least one character that is neither (a mark, a hyphen, a symbol; checked over all of
    Unicode when this was written), so such a string has no infix. Most words are such strings, and the
    infix regex, tried on every new word, is about a sixth of the tokenizer's time. Same tokens."""

    def __init__(self, finditer: Callable[[str], Any]) -> None:
        self.finditer = finditer
        self.__self__ = finditer.__self__  # where Tokenizer.to_bytes reads the pattern from

    def __call__(self, string: str) -> Any:
        return () if string.isalnum() else self.finditer(string)


def forget_words(doc: Doc) -> None:
    """Drop the word table once the last component that reads it is done (it is not a result)."""
    _TABLES.pop(doc, None)


def forget_text(doc: Doc) -> None:
    """Drop the cached copies (text, word table) so they are not shipped between processes by
    `nlp.pipe(n_process=...)` nor kept in `Doc.to_bytes`."""
    doc.user_data.pop(_TEXT_KEY, None)
    doc.user_data.pop(MATCHES_KEY, None)
    forget_words(doc)


def next_word(doc: Doc, i: int) -> Token | None:
    """The first non-space token after index i (non-breaking spaces are tokens of their own)."""
    for j in range(i + 1, len(doc)):
        tok = doc[j]  # each doc[j] builds a new Token: build it once
        if not tok.is_space:
            return tok
    return None


def prev_word(doc: Doc, i: int) -> Token | None:
    """The last non-space token before index i."""
    for j in range(i - 1, -1, -1):
        tok = doc[j]
        if not tok.is_space:
            return tok
    return None


def hash_set(words: Iterable[str]) -> numpy.ndarray:
    """Sorted word hashes, for `member` tests on a whole Doc's word array at once."""
    return numpy.unique(numpy.array([hash_string(w) for w in words], dtype="uint64"))


def member(values: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """values[k] in ids, for every k: numpy.isin without its set-up cost, which on a few hundred words
    costs more than the test itself (`ids` sorted, as hash_set makes them)."""
    if len(ids) <= 8:  # a few comparisons are cheaper than a search
        found = numpy.zeros(len(values), dtype=bool)
        for h in ids:
            found |= values == h
        return found
    at = numpy.searchsorted(ids, values)
    at[at == len(ids)] = 0
    return ids[at] == values


def slice_bounds(n: int, a: int, b: int) -> tuple[int, int]:
    """The token range `doc[a:b]` covers (negative indices count from the end, as in spaCy)."""
    if a < 0:
        a += n
    a = min(n, max(0, a))
    if b < 0:
        b += n
    return a, min(n, max(a, b))
