"""The kit's tokenizer skips two of spaCy's regexes where they cannot match (InfixesPastWords,
DottedUrlMatch): the tokens must be exactly those of the same tokenizer without the shortcuts."""

from __future__ import annotations

import random
import re
import sys

import spacy
from spacy.tokenizer import Tokenizer

import mlkit
from mlkit.components.tokens import DottedUrlMatch, InfixesPastWords

TRICKY = [
    "see www.example.org now",
    "http://x.com/a?b=1, https://t.co/abc.",
    "mail user@mail.com or 192.168.1.1 and 10.0.0.1:8080",
    "localhost:8000 a.b U.S. e.g. 3.5 a..b ... …",
    "state-of-the-art re-election 9/11 A/B x<y 3+4 2^8 ©2016 ™ ☺ 😀x",
    "He said,“Yes.”Then “no,”Clinton said.'Quoted'",
    "Ⓐ ⓪ ① Ⅻ ß İstanbul ǅemal naïve co-op 'tis",
    "word\u00adword zero\u200bwidth tab\tnew\nline",
]


def _plain_kit_tokenizer() -> Tokenizer:
    """The kit's tokenizer with the plain regex callables instead of the shortcuts."""
    tok = mlkit.get_nlp().tokenizer.tokenizer
    return Tokenizer(
        spacy.blank("en").vocab,
        rules=tok.rules,
        prefix_search=tok.prefix_search,
        suffix_search=tok.suffix_search,
        infix_finditer=tok.infix_finditer.finditer,
        token_match=tok.token_match,
        url_match=tok.url_match.match,
    )


def _fuzz(n: int) -> list[str]:
    rng = random.Random(12)
    bits = [
        "a",
        "B",
        "1",
        ".",
        ",",
        "-",
        "–",
        "/",
        ":",
        "'",
        '"',
        "“",
        "”",
        "@",
        "www",
        "com",
        "://",
        "é",
        "😀",
    ]
    return ["".join(rng.choice(bits) for _ in range(rng.randint(1, 9))) for _ in range(n)]


def test_kit_tokenizer_uses_the_shortcuts() -> None:
    tok = mlkit.get_nlp().tokenizer.tokenizer
    assert isinstance(tok.infix_finditer, InfixesPastWords)
    assert isinstance(tok.url_match, DottedUrlMatch)


def test_shortcuts_give_the_same_tokens() -> None:
    kit = mlkit.get_nlp().tokenizer
    plain = _plain_kit_tokenizer()
    for text in TRICKY + _fuzz(3000):
        assert [t.text for t in kit(text)] == [t.text for t in plain(text)], text


def test_no_infix_consumes_a_letter_or_digit() -> None:
    """The premise of InfixesPastWords: no infix match takes a character for which str.isalnum() is
    true, whatever letter, digit or mark stands around it (every such character of Unicode is tried)."""
    pattern = re.compile(mlkit.get_nlp().tokenizer.tokenizer.infix_finditer.__self__.pattern)
    alnum = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and chr(c).isalnum()]
    for before in ("a", "A", "1"):
        for after in ("a", "A", "1", '"', "-"):
            text = " ".join(before + c + after for c in alnum)
            for m in pattern.finditer(text):
                assert all(not ch.isalnum() for ch in m.group()), m.group()
                assert m.end() > m.start(), "an infix that takes no character could split any word"


def test_url_match_needs_a_dot() -> None:
    """The premise of DottedUrlMatch: spaCy's URL pattern accepts no string without a "."."""
    match = mlkit.get_nlp().tokenizer.tokenizer.url_match.match
    for s in ["localhost", "http://localhost", "user@host", "ftp://abc", "a:80/path", "x" * 70]:
        assert match(s) is None, s
    assert match("www.example.org") is not None


def test_tokenizer_still_serialises() -> None:
    tok = mlkit.get_nlp().tokenizer.tokenizer
    restored = Tokenizer(spacy.blank("en").vocab).from_bytes(tok.to_bytes())
    for text in TRICKY:
        assert [t.text for t in restored(text)] == [t.text for t in tok(text)]
