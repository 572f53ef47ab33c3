"""Loaded words: emotionally charged words where a neutral one would do (lexicon: data/loaded_words.tsv).

A spaCy PhraseMatcher over the lexicon and its inflected forms (atrocity → atrocities, slaughter →
slaughtered); each hit carries a plainer alternative so students can try the calmer sentence, and, where
one is given, when the strong word is the accurate one: plain wording must not understate (the deliberate
killing of civilians is an atrocity), so the lesson teaches charged against accurate, not "always soften".
Text and patterns are split into words by one linear regex rather than spaCy's tokenizer, whose suffix
search is quadratic on long runs of punctuation ('"' * 20000 takes most of a minute); token offsets are
kept so every hit indexes the text exactly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from mlkit.findings._common import SpanIndex, read_tsv
from mlkit.findings.quotes import quote_regions
from mlkit.result import Result

#: The matcher's own English vocabulary (it knows each word's lower case): patterns and texts are Docs
#: built from word lists.
_VOCAB = spacy.blank("en").vocab


def _inflect(word: str) -> set[str]:
    """The base word plus plural, past and -ing forms (over-generating is harmless: they never occur)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("y") and len(word) > 2:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    return forms


def forms(phrase: str) -> set[str]:
    """Every form of a lexicon phrase to match: a multi-word phrase inflects its first word ("lashed out")."""
    first, _, rest = phrase.lower().partition(" ")
    return {f"{f} {rest}".strip() for f in _inflect(first)}


def _plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy", "uy")):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


_TOKEN = re.compile(r"\w+|[^\w\s]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _split(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words and punctuation marks with their (start, end) in text; lone surrogates become U+FFFD."""
    found = list(_TOKEN.finditer(text))
    return [_SURROGATE.sub("\ufffd", m.group()) for m in found], [(m.start(), m.end()) for m in found]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[PhraseMatcher, dict[str, tuple[str, str, str, str | None]]]:
    """The matcher and, per match key, (word, plainer word, explanation, when the strong word is accurate)."""
    matcher = PhraseMatcher(_VOCAB, attr="LOWER")
    rows: dict[str, tuple[str, str, str, str | None]] = {}
    for word, neutral, explanation, accurate in read_tsv("loaded_words.tsv", 4):
        key = word.lower()
        rows[key] = (key, neutral, explanation, None if accurate == "-" else accurate)
        matcher.add(key, [Doc(_VOCAB, words=_split(f)[0]) for f in sorted(forms(key))])
    return matcher, rows


def _neutral(found: str, word: str, neutral: str) -> str:
    """Match the neutral word to a plural hit ("atrocities" → "attacks")."""
    plural_forms = {word + "s", word + "es", word[:-1] + "ies"}
    if found.lower() in plural_forms and " " not in neutral and neutral.isalpha():
        return _plural(neutral)
    return neutral


def loaded_words(r: Result) -> list[dict[str, Any]]:
    """Every loaded word with a neutral alternative and why it is loaded, sorted by start."""
    if not r.text:
        return []
    matcher, rows = _lexicon()
    words, offsets = _split(r.text)
    if not words:
        return []
    doc = Doc(_VOCAB, words=words)
    quoted = SpanIndex({"start": s, "end": e} for s, e in quote_regions(r.text))
    spans = filter_spans([Span(doc, s, e, label=key) for key, s, e in matcher(doc)])
    out = []
    for sp in spans:
        word, neutral, explanation, accurate = rows[sp.label_]
        start, end = offsets[sp.start][0], offsets[sp.end - 1][1]
        in_quote = bool(quoted.overlapping(start, end))
        if in_quote:
            explanation += (
                " Here it is inside a quotation: it is the speaker's word, not the writer's choice."
            )
        out.append(
            {
                "start": start,
                "end": end,
                "text": r.text[start:end],
                "neutral": _neutral(r.text[start:end], word, neutral),
                "explanation": explanation,
                "quoted": in_quote,
                "accurate_when": accurate,
            }
        )
    return sorted(out, key=lambda w: (w["start"], w["end"]))
