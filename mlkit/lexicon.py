"""Lexicons as data: read the TSV files a teacher can edit, turn phrases into spaCy Matcher patterns.

A lesson can add or remove an entry at run time (`add_entry`, `remove_entry`); the pipeline components
check `version()` on every call and rebuild their matchers when it changed, so the next `analyze` sees it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

KINDS = ("hedges", "boosters", "cues")

#: Number words accepted where a phrase says "#" (besides digits, which spaCy's LIKE_NUM covers).
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions trillion dozen dozens half quarter"
).split()


@dataclass(frozen=True)
class Entry:
    """One lexicon line: the phrase as written, what it is, and why a student should care."""

    phrase: str
    category: str  # hedge category, "booster", or the cue's stance
    rule: str  # guard names for hedges/boosters, flags for cues ("-" for none)
    explanation: str

    @property
    def guards(self) -> tuple[str, ...]:
        return tuple(g.strip() for g in self.rule.split(",") if g.strip() and g.strip() != "-")


_LEXICONS: dict[str, dict[str, Entry]] = {}
_VERSION = 0


def _read_tsv(kind: str) -> dict[str, Entry]:
    text = resources.files("mlkit").joinpath(f"data/{kind}.tsv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    entries: dict[str, Entry] = {}
    for i, row in enumerate(csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)):
        if i == 0:  # header
            continue
        if len(row) != 4:
            raise ValueError(f"mlkit/data/{kind}.tsv: expected 4 tab-separated columns, got {row!r}")
        phrase, category, rule, explanation = (c.strip() for c in row)
        entries[phrase.lower()] = Entry(phrase.lower(), category, rule, explanation)
    return entries


def word_lists(name: str) -> dict[str, frozenset[str]]:
    """Named word lists a component's rules use (mlkit/data/<name>.tsv: name, words, why)."""
    text = resources.files("mlkit").joinpath(f"data/{name}.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row[0]: frozenset(row[1].split()) for row in rows[1:]}


def entries(kind: str) -> dict[str, Entry]:
    """The current entries of one lexicon, keyed by phrase (loaded from mlkit/data on first use)."""
    if kind not in KINDS:
        raise ValueError(f"unknown lexicon {kind!r}; choose one of {', '.join(KINDS)}")
    if kind not in _LEXICONS:
        _LEXICONS[kind] = _read_tsv(kind)
    return _LEXICONS[kind]


def version() -> int:
    """Bumped by every run-time edit, so components know to rebuild their matchers."""
    return _VERSION


def add_entry(kind: str, phrase: str, category: str, explanation: str, rule: str = "-") -> Entry:
    """Add (or replace) an entry for this session, e.g. from a lesson: the next analysis uses it."""
    global _VERSION
    if not isinstance(phrase, str) or not phrase.strip():
        raise ValueError("phrase must be a non-empty string")
    if not explanation or not explanation.strip():
        raise ValueError("every entry needs a one-sentence explanation for students")
    entry = Entry(phrase.strip().lower(), category, rule, explanation.strip())
    entries(kind)[entry.phrase] = entry
    _VERSION += 1
    return entry


def remove_entry(kind: str, phrase: str) -> bool:
    """Remove an entry for this session; returns False when there was no such entry."""
    global _VERSION
    removed = entries(kind).pop(phrase.strip().lower(), None) is not None
    if removed:
        _VERSION += 1
    return removed


def reset() -> None:
    """Forget run-time edits and reload every lexicon from its file."""
    global _VERSION
    _LEXICONS.clear()
    _VERSION += 1


NBSP = "\u00a0"


def phrase_variants(phrase: str) -> list[tuple[tuple[str, ...], bool]]:
    """Expand the readable phrase syntax into plain word sequences for spaCy's PhraseMatcher.

    Returns (words, needs_number) pairs: "#" may only end a phrase, and is checked after matching
    (a number must follow). Each multi-word variant also comes with a non-breaking space between two
    of its words, because spaCy makes U+00A0 a token of its own ("according\u00a0to").
    """
    words = phrase.split()
    needs_number = bool(words) and words[-1] == "#"
    if needs_number:
        words = words[:-1]
    if "#" in words:
        raise ValueError(f"lexicon phrase {phrase!r}: '#' (a number) may only come last")
    sequences: list[tuple[str, ...]] = [()]
    for word in words:
        optional = word.startswith("(") and word.endswith(")")
        alternatives = [w for w in word.strip("()").split("|") if w]
        grown = [seq + (alt,) for seq in sequences for alt in alternatives]
        sequences = grown + (sequences if optional else [])
    variants: list[tuple[tuple[str, ...], bool]] = []
    for seq in sequences:
        if not seq:
            continue
        variants.append((seq, needs_number))
        for gap in range(1, len(seq)):
            variants.append((seq[:gap] + (NBSP,) + seq[gap:], needs_number))
    return variants
