"""Lexicons are data: every line well-formed, and a lesson can add or remove entries at run time."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_labels import HEDGE_CATEGORIES, STANCES

import mlkit
from mlkit import lexicon


@pytest.fixture(autouse=True)
def fresh_lexicons():
    lexicon.reset()
    yield
    lexicon.reset()


def test_files_are_well_formed() -> None:
    assert {e.category for e in lexicon.entries("hedges").values()} == HEDGE_CATEGORIES
    assert {e.category for e in lexicon.entries("boosters").values()} == {"booster"}
    assert {e.category for e in lexicon.entries("cues").values()} <= STANCES
    for kind in lexicon.KINDS:
        for entry in lexicon.entries(kind).values():
            assert entry.explanation.endswith("."), entry
            assert len(entry.explanation) < 200, entry  # one sentence a student can read at a glance
            assert lexicon.phrase_variants(entry.phrase.split("|")[0] if kind == "cues" else entry.phrase)


def test_phrase_syntax() -> None:
    variants = {words for words, _ in lexicon.phrase_variants("is|was said (not) to")}
    assert ("is", "said", "to") in variants and ("was", "said", "not", "to") in variants
    assert ("is", "\u00a0", "said", "to") in variants  # non-breaking space between two words
    assert lexicon.phrase_variants("more than #")[0] == (("more", "than"), True)
    with pytest.raises(ValueError):
        lexicon.phrase_variants("# of people")


def test_add_and_remove_change_the_highlights() -> None:
    text = "The ship was rumoured lost. Rescuers reportedly found it."
    assert [h["text"] for h in mlkit.analyze(text).hedges] == ["rumoured", "reportedly"]
    lexicon.remove_entry("hedges", "reportedly")
    assert [h["text"] for h in mlkit.analyze(text).hedges] == ["rumoured"]
    lexicon.add_entry(
        "hedges",
        "in all likelihood",
        "epistemic_adjective_adverb",
        "“In all likelihood” means probably, not certainly.",
    )
    marks = mlkit.analyze("In all likelihood the ship sank.").hedges
    assert [(m["text"], m["explanation"]) for m in marks] == [
        ("In all likelihood", "“In all likelihood” means probably, not certainly.")
    ]
    lexicon.add_entry("cues", "whispered", "other", "“Whispered” reports quiet words.")
    attrs = mlkit.analyze("The guard whispered that the door was open.").attributions
    assert [(a["cue"]["text"], a["source"]["text"]) for a in attrs] == [("whispered", "The guard")]


def test_bad_entries_are_refused() -> None:
    with pytest.raises(ValueError):
        lexicon.add_entry("hedges", "maybe so", "modal", "")
    with pytest.raises(ValueError):
        lexicon.add_entry("widgets", "maybe", "modal", "Explained.")
    assert lexicon.remove_entry("hedges", "no such phrase") is False


def test_rule_word_lists_are_data() -> None:
    hedge_words = lexicon.word_lists("hedge_words")
    assert "enter" in hedge_words["permission_verbs"] and "days" in hedge_words["time_units"]
    words = lexicon.word_lists("attribution_words")
    assert {"he", "she", "they"} <= words["pronouns"] and "police" in words["common_source_nouns"]
    for table in (hedge_words, words):
        assert all(table.values()), "every list has words"


def test_every_cue_flag_is_known_and_documented() -> None:
    """A mistyped flag in cues.tsv would be silently ignored: every flag must be one the rules read,
    and every such flag must be explained in mlkit/data/README.md for teachers."""
    from mlkit.components.attributions import CUE_FLAGS

    used = {flag for entry in lexicon.entries("cues").values() for flag in entry.guards}
    assert used <= CUE_FLAGS, used - CUE_FLAGS
    readme = (Path(mlkit.__file__).parent / "data" / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{flag}` |" in readme for flag in CUE_FLAGS), [
        f for f in CUE_FLAGS if f"| `{f}` |" not in readme
    ]
