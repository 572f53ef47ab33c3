"""The hedge and booster ruler: lexicon phrases matched with spaCy's Matcher, then checked by guards.

Shaped like spaCy's SpanRuler (patterns as data, `__call__` → `match` → `set_annotations`). The guards are
what a plain word list lacks: they reject "in May", "a book about the war", "she could not say".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from mlkit import lexicon
from mlkit.components.lexmatch import LexiconMatcher
from mlkit.components.tokens import doc_text, next_word, prev_word
from mlkit.lexicon import word_lists

_WORDS = word_lists("hedge_words")  # mlkit/data/hedge_words.tsv: the guards' word lists
DETERMINERS = _WORDS["determiners"]
PERMISSION_VERBS = _WORDS["permission_verbs"]
TIME_UNITS = _WORDS["time_units"]
MIGHT_NOUN_BEFORE = _WORDS["might_noun_before"]
EVIDENCE_NOUNS = _WORDS["evidence_nouns"]
ABILITY_VERBS = _WORDS["ability_verbs"]
RISE_VERBS = _WORDS["rise_verbs"]
IDIOMS_BEFORE_POSSIBLE = _WORDS["idioms_before_possible"]
NEGATIONS = _WORDS["negations"]
CHANCE_NOUNS = frozenset({"event", "case", "scenario", "outcome", "chance", "possibility", "prospect"})

for _name in ("mlkit_hedges", "mlkit_boosters"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _modal(span: Span) -> bool:
    """Epistemic may/might/could only: not the month, not a name, not ability or permission."""
    doc, tok = span.doc, span[0]
    nxt, prev = next_word(doc, tok.i), prev_word(doc, tok.i)
    if tok.text == "May" and not tok.is_sent_start:
        return False  # "in May", "Theresa May"
    if nxt is None or nxt.is_punct or nxt.like_num or nxt.text[:1].isupper():
        return False  # "May 5", "in May.", "May, June"
    if tok.lower_ == "may" and (
        nxt.lower_ in PERMISSION_VERBS or (prev is not None and prev.lower_ == "you" and nxt.lower_ == "now")
    ):
        return False  # permission: "you may enter", "visitors may park here" ("you may find" is a hedge)
    if tok.lower_ == "might" and prev is not None and prev.lower_ in MIGHT_NOUN_BEFORE:
        return False  # the noun: "with all its might"
    if tok.lower_ == "could" and len(span) == 1 and nxt.lower_ in ABILITY_VERBS:
        return False  # ability or its negation: "she could not say", "could see the smoke"
    if (
        tok.lower_ == "could"
        and len(span) == 1
        and any(t.lower_ == "if" for t in doc[max(0, tok.i - 3) : tok.i])
    ):
        return False  # a condition on ability: "even if they could vote freely"
    return True


def _adjective_use(span: Span) -> bool:
    """ "the alleged attacker" is a hedge; "police alleged that ..." is an attribution cue instead."""
    prev, nxt = prev_word(span.doc, span.start), next_word(span.doc, span.end - 1)
    if prev is not None and prev.lower_ in DETERMINERS:
        return True
    return (
        (prev is None or prev.is_punct)
        and nxt is not None
        and nxt.is_lower
        and nxt.lower_ not in {"that", "to"}
    )


def _epistemic_suggest(span: Span) -> bool:
    """ "Evidence suggests ..." / "suggests that" hedge; "he suggested a compromise" is a proposal."""
    prev, nxt = prev_word(span.doc, span.start), next_word(span.doc, span.end - 1)
    return (nxt is not None and nxt.lower_ == "that") or (prev is not None and prev.lower_ in EVIDENCE_NOUNS)


def _not_idiom(span: Span) -> bool:
    """ "as soon as possible", "everything possible", "the sharpest possible" say nothing about how likely
    a claim is."""
    prev = prev_word(span.doc, span.start)
    if prev is None:
        return True
    low = prev.lower_
    superlative = low in {"best", "worst", "most", "least"} or (low.endswith("est") and len(low) > 5)
    return low not in IDIOMS_BEFORE_POSSIBLE and not superlative


def _not_attributive(span: Span) -> bool:
    """ "the unlikely pair", "an unlikely alliance": a surprising couple, not a doubtful claim; "is
    unlikely to", "it is unlikely that", "in the unlikely event" are hedges."""
    prev, nxt = prev_word(span.doc, span.start), next_word(span.doc, span.end - 1)
    chance = nxt is not None and nxt.lower_ in CHANCE_NOUNS
    return prev is None or prev.lower_ not in DETERMINERS or chance


def _not_deliberated(span: Span) -> bool:
    """ "was considered by the committee", "is considered for the job": weighed up, not a judgement."""
    nxt = next_word(span.doc, span.end - 1)
    return nxt is not None and nxt.lower_ not in {"by", "for", "in", "at", "on", "during", "and", "."}


def _not_obligation(span: Span) -> bool:
    """ "you are supposed to wear a mask" is a rule; "the bridge is supposed to open in May" a claim."""
    prev = prev_word(span.doc, span.start)
    return prev is None or prev.lower_ not in {"you", "we", "i", "they"}


def _not_rise(span: Span) -> bool:
    """ "rose up to 30" reports a change, not an estimate."""
    prev = prev_word(span.doc, span.start)
    return prev is None or prev.lower_ not in RISE_VERBS


def _not_negated(span: Span) -> bool:
    """ "has not been confirmed" is the opposite of a booster (and a hedge of its own), and "if it is
    confirmed" is a condition, not a certainty."""
    window = span.doc[max(0, span.start - 3) : span.start]
    if any(t.lower_ in NEGATIONS for t in window):
        return False
    sent_start = span.sent.start if span.doc.has_annotation("SENT_START") else 0
    return not any(
        t.lower_ in {"if", "unless", "whether"}
        for t in span.doc[max(sent_start, span.start - 8) : span.start]
    )


def _not_duration(span: Span) -> bool:
    """ "over two days" says when, not roughly how many."""
    nxt = next_word(span.doc, span.end - 1)
    return nxt is None or nxt.lower_ not in TIME_UNITS


def _not_before_to(span: Span) -> bool:
    """ "It is believed to have hung ..." is "is believed to" (an inference), not "it is believed"."""
    nxt = next_word(span.doc, span.end - 1)
    return nxt is None or nxt.lower_ != "to"


POLL_GROUPS = {"voter", "voters", "caucusgoers", "caucus-goers", "electorate", "primary-goers"}
PARTY_WORDS = {"democratic", "republican", "gop", "independent", "labour", "conservative", "primary"}


def _not_poll_group(span: Span) -> bool:
    """ "likely voters" (or "likely Republican voters") is the name of a group a poll asks, people expected
    to vote, not a doubtful claim; "is likely to win" is a hedge."""
    nxt = next_word(span.doc, span.end - 1)
    if nxt is not None and nxt.lower_ in PARTY_WORDS:
        nxt = next_word(span.doc, nxt.i)
    return nxt is None or nxt.lower_ not in POLL_GROUPS


GUARDS: dict[str, Callable[[Span], bool]] = {
    "not_poll_group": _not_poll_group,
    "not_duration": _not_duration,
    "not_before_to": _not_before_to,
    "modal": _modal,
    "adjective_use": _adjective_use,
    "epistemic_suggest": _epistemic_suggest,
    "not_idiom": _not_idiom,
    "not_rise": _not_rise,
    "not_negated": _not_negated,
    "not_attributive": _not_attributive,
    "not_deliberated": _not_deliberated,
    "not_obligation": _not_obligation,
}


@Language.factory("mlkit_hedges")
def make_hedge_ruler(nlp: Language, name: str) -> HedgeRuler:
    return HedgeRuler(nlp, name)


class HedgeRuler:
    """Marks hedges and boosters into `doc.spans["hedges"]` / `["boosters"]` and `Doc._` lists."""

    def __init__(self, nlp: Language, name: str = "mlkit_hedges") -> None:
        self.nlp = nlp
        self.name = name
        self.matcher = LexiconMatcher(nlp, ("hedges", "boosters"))

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        """Every lexicon match that passes its guards, longest first where they overlap."""
        kept = []
        for kind, entry, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=entry.category, span_id=f"{kind}::{entry.phrase}")
            if all(GUARDS[g](span) for g in entry.guards if g in GUARDS):
                kept.append(span)
        return filter_spans(kept)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> Doc:
        hedges = [s for s in spans if s.id_.startswith("hedges::")]
        boosters = [s for s in spans if s.id_.startswith("boosters::")]
        doc.spans["hedges"] = hedges
        doc.spans["boosters"] = boosters
        text = doc_text(doc)
        doc._.mlkit_hedges = [_record(s, text) for s in hedges]
        doc._.mlkit_boosters = [_record(s, text) for s in boosters]
        return doc


def _record(span: Span, text: str) -> dict[str, Any]:
    kind, phrase = span.id_.split("::", 1)
    entry = lexicon.entries(kind)[phrase]
    return {
        "start": span.start_char,
        "end": span.end_char,
        "text": text[span.start_char : span.end_char],
        "category": entry.category,
        "explanation": entry.explanation,
        "phrase": entry.phrase,
    }
