"""Lexicons as data: read the TSV files a teacher can edit, turn phrases into spaCy Matcher patterns.

A lesson can add or remove an entry at run time (`add_entry`, `remove_entry`); the pipeline components
check `version()` on every call and rebuild their matchers when it changed, so the next `analyze` sees it.
Every entry, from a file or a lesson, is checked first (`check_entry`): a label no view knows, a character
that is not text, or a phrase that stands for thousands of word sequences is refused with the reason,
instead of breaking every later analysis.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from mlkit.labels import BOOSTER_CATEGORIES, HEDGE_CATEGORY_NAMES, STANCES

KINDS = ("hedges", "boosters", "cues")

#: Limits on one entry (the kit's own files are checked against them at load, like any entry).
MAX_SEQUENCES = 1000  # word sequences a phrase (all of a cue's forms together) may stand for
MAX_WORDS = 20  # words in one phrase or cue form
MAX_EXPLANATION = 200  # characters: one sentence a student reads at a glance

#: Number words accepted where a phrase says "#" (besides digits, which spaCy's LIKE_NUM covers).
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions trillion dozen dozens half quarter"
).split()


@dataclass(frozen=True)
class Entry:
    """One lexicon line: the phrase as written, what it is, and why a student should care."""

    # Built only by ``check_entry``, so every Entry in a lexicon is one the rules and views can use.

    phrase: str
    category: str  # hedge category, "booster", or the cue's stance
    rule: str  # guard names for hedges/boosters, flags for cues ("-" for none)
    explanation: str

    @cached_property  # read for every match of the entry: split the rule once
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
        phrase, category, rule, explanation = row
        try:
            entry = check_entry(kind, phrase, category, explanation, rule)
        except EntryRefused as exc:
            raise EntryRefused(f"mlkit/data/{kind}.tsv, the line for {_shown(phrase)}: {exc}") from None
        entries[entry.phrase] = entry
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
    """Add (or replace) an entry for this session, e.g. from a lesson: the next analysis uses it.

    Raises ``EntryRefused`` (a ValueError) with a one-sentence reason when the entry cannot work."""
    global _VERSION
    entry = check_entry(kind, phrase, category, explanation, rule)
    entries(kind)[entry.phrase] = entry
    _VERSION += 1
    return entry


class EntryRefused(ValueError):
    """A lexicon entry the kit cannot use; the message says why in one sentence a teacher understands."""


_NOT_TEXT = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _shown(value: object) -> str:
    """A value quoted in a message: short, and printable even when it holds a lone surrogate."""
    text = value if isinstance(value, str) else repr(value)
    text = _NOT_TEXT.sub("\ufffd", text)
    return f"“{text if len(text) <= 40 else text[:39] + '…'}”"


def _text(what: str, value: object) -> str:
    if not isinstance(value, str):
        raise EntryRefused(f"The {what} must be text in quotes, not {_shown(value)}.")
    if _NOT_TEXT.search(value):
        raise EntryRefused(
            f"The {what} {_shown(value)} holds a character that is not a letter, a digit or punctuation "
            "(a broken emoji or an invisible control character), so retype it."
        )
    return value.strip()


def _one_of(value: str, allowed: tuple[str, ...], what: str, other: str = "") -> None:
    if value not in allowed:
        choices = allowed[0] if len(allowed) == 1 else f"one of {', '.join(allowed[:-1])} or {allowed[-1]}"
        raise EntryRefused(f"{_shown(value)} is not {what} the kit knows: use {choices}{other}.")


def _known_rules(kind: str) -> tuple[str, ...]:
    """The guard names (hedges, boosters) or flags (cues) the rules read, from the rules themselves."""
    if kind == "cues":
        from mlkit.components.attributions import CUE_FLAGS

        return tuple(sorted(CUE_FLAGS))
    from mlkit.components.hedges import GUARDS

    return tuple(sorted(GUARDS))


def check_entry(kind: str, phrase: str, category: str, explanation: str, rule: str = "-") -> Entry:
    """The Entry for these fields, or ``EntryRefused`` saying why the kit cannot use it.

    Labels come from ``mlkit.labels`` (what the charts, tables and lessons show) and rule names from the
    rules, so an entry can never carry a label no view knows or a rule no component reads."""
    if kind not in KINDS:
        raise EntryRefused(f"There is no lexicon called {_shown(kind)}: use one of {', '.join(KINDS)}.")
    phrase = _text("phrase", phrase).lower()
    category, rule = _text("category", category), _text("rule", rule) or "-"
    explanation = _text("explanation", explanation)
    if kind == "hedges":
        _one_of(category, tuple(HEDGE_CATEGORY_NAMES), "a hedge category")
    elif kind == "boosters":
        _one_of(category, BOOSTER_CATEGORIES, "a booster category")
    else:
        _one_of(category, STANCES, "a stance for a reporting word")
    entry = Entry(phrase, category, rule, explanation)
    for name in entry.guards:
        _one_of(name, _known_rules(kind), f"a rule for {kind}", " (or - for none)")
    forms = [f.strip() for f in phrase.split("|")] if kind == "cues" else [phrase]
    if not any(f.strip("()|# ") for f in forms):
        raise EntryRefused(f"The phrase {_shown(phrase)} has no word to highlight.")
    sequences = 0
    for form in forms:
        if len(form.split()) > MAX_WORDS:
            raise EntryRefused(
                f"The phrase {_shown(form)} has {len(form.split())} words, more than the {MAX_WORDS} a "
                "highlight may have: keep it to the few words that matter."
            )
        sequences += sequence_count(form)[0]
    if sequences > MAX_SEQUENCES:
        raise EntryRefused(
            f"The phrase {_shown(phrase)} stands for {sequences:,} different word sequences, more than the "
            f"{MAX_SEQUENCES:,} the kit can look for: split it into several shorter entries."
        )
    if not explanation:
        raise EntryRefused("Every entry needs a one-sentence explanation for students.")
    if len(explanation) > MAX_EXPLANATION:
        raise EntryRefused(
            f"The explanation has {len(explanation)} characters, more than {MAX_EXPLANATION}: students "
            "read it at a glance, so keep it to one short sentence."
        )
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


def _slots(phrase: str) -> tuple[list[tuple[list[str], bool]], bool]:
    """The phrase as (alternatives, optional) per word, and whether a number must follow."""
    words = phrase.split()
    needs_number = bool(words) and words[-1] == "#"
    if needs_number:
        words = words[:-1]
    if "#" in words:
        raise EntryRefused(f"In the phrase {_shown(phrase)}, '#' (a number) may only come last.")
    slots = []
    for word in words:
        optional = word.startswith("(") and word.endswith(")")
        slots.append(([w for w in word.strip("()").split("|") if w], optional))
    return slots, needs_number


def sequence_count(phrase: str) -> tuple[int, int]:
    """How many word sequences the phrase stands for, and how many entries ``phrase_variants`` returns
    for it, counted without building them (so cheaply, however large)."""
    slots = _slots(phrase)[0]
    sequences, total = 1, 0  # sequences so far (the empty one included), and the sum of their lengths
    for alternatives, optional in slots:
        keep = 1 if optional else 0
        total = (total + sequences) * len(alternatives) + keep * total
        sequences = sequences * len(alternatives) + keep * sequences
    empty = all(optional for _, optional in slots)  # the empty sequence survives only if every word may go
    # a sequence of n words gives n variants: itself and n - 1 with a non-breaking space
    return sequences - empty, total


def phrase_variants(phrase: str) -> list[tuple[tuple[str, ...], bool]]:
    """Expand the readable phrase syntax into plain word sequences for spaCy's PhraseMatcher.

    Returns (words, needs_number) pairs: "#" may only end a phrase, and is checked after matching
    (a number must follow). Each multi-word variant also comes with a non-breaking space between two
    of its words, because spaCy makes U+00A0 a token of its own ("according\u00a0to"). A phrase that
    stands for more than ``MAX_SEQUENCES`` sequences is refused before any is built.
    """
    slots, needs_number = _slots(phrase)
    if sequence_count(phrase)[0] > MAX_SEQUENCES:
        raise EntryRefused(f"The phrase {_shown(phrase)} stands for too many word sequences.")
    sequences: list[tuple[str, ...]] = [()]
    for alternatives, optional in slots:
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
