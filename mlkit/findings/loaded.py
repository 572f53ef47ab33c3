"""Loaded words: emotionally charged words where a neutral one would do (lexicon: data/loaded_words.tsv).

A spaCy PhraseMatcher over the lexicon and its inflected forms (atrocity → atrocities, slaughter →
slaughtered); each hit carries a neutral alternative so students can try the calmer sentence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from mlkit.findings._common import SpanIndex, read_tsv, tokenizer, tokens
from mlkit.findings.quotes import quote_regions
from mlkit.result import Result


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


@lru_cache(maxsize=1)
def _lexicon() -> tuple[PhraseMatcher, dict[str, tuple[str, str, str]]]:
    """The matcher and, per match key, (word, neutral alternative, explanation)."""
    nlp = tokenizer()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    rows: dict[str, tuple[str, str, str]] = {}
    for word, neutral, explanation in read_tsv("loaded_words.tsv", 3):
        key = word.lower()
        rows[key] = (key, neutral, explanation)
        matcher.add(key, [nlp.make_doc(f) for f in sorted(forms(key))])
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
    doc = tokens(r)
    quoted = SpanIndex({"start": s, "end": e} for s, e in quote_regions(r.text))
    names = tokenizer().vocab.strings  # the matcher's ids live in the tokenizer's vocab, not the Doc's
    spans = filter_spans([Span(doc, s, e, label=names[key]) for key, s, e in matcher(doc)])
    out = []
    for sp in spans:
        word, neutral, explanation = rows[sp.label_]
        start, end = sp.start_char, sp.end_char
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
                "neutral": _neutral(sp.text, word, neutral),
                "explanation": explanation,
                "quoted": in_quote,
            }
        )
    return sorted(out, key=lambda w: (w["start"], w["end"]))
