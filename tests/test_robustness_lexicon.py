"""A lexicon entry the kit cannot use is refused when it is added, with one sentence saying why, and the
lexicon and every later analysis stay as they were (issue 13: a stance no widget knows, a lone surrogate
and a phrase standing for millions of word sequences were accepted, the last one ending in MemoryError).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import mlkit
from mlkit import labels, lexicon
from mlkit.lexicon import EntryRefused

EXPLODING = " ".join(["a|b|c|d|e|f|g|h|i|j"] * 8)  # 10**8 sequences of 8 words

# (kind, phrase, category, explanation, rule) -> words the refusal must contain
REFUSED = {
    "unknown_stance": (("cues", "whispered", "sceptical", "It reports quiet words.", "-"), "“sceptical”"),
    "unknown_hedge_category": (("hedges", "maybe", "certain", "It is possible.", "-"), "hedge category"),
    "booster_not_booster": (("boosters", "surely", "hedge", "It sounds sure.", "-"), "use booster"),
    "unknown_guard": (("hedges", "maybe", "modal", "It is possible.", "modal,nonsense"), "“nonsense”"),
    "unknown_cue_flag": (("cues", "whispered", "other", "It reports quiet words.", "noun,loud"), "“loud”"),
    "surrogate_phrase": (("hedges", "may\ud800be", "modal", "It is possible.", "-"), "retype it"),
    "surrogate_explanation": (("hedges", "maybe", "modal", "It is \udc80 possible.", "-"), "retype it"),
    "control_character": (("hedges", "maybe\x1b[31m", "modal", "It is possible.", "-"), "retype it"),
    "exploding_pattern": (("hedges", EXPLODING, "modal", "Too many.", "-"), "100,000,000"),
    "exploding_cue_forms": (
        ("cues", "|".join(f"said{i} (so)" for i in range(600)), "neutral", "Said.", "-"),
        "1,200",
    ),
    "too_many_words": (("hedges", "x " * 25, "modal", "Long.", "-"), "25 words"),
    "number_not_last": (("hedges", "# of people", "approximator", "A rough amount.", "-"), "'#'"),
    "no_word": (("hedges", "( | )", "modal", "Nothing.", "-"), "no word"),
    "empty_explanation": (("hedges", "maybe so", "modal", "  ", "-"), "explanation"),
    "long_explanation": (("hedges", "maybe so", "modal", "x" * 300, "-"), "300 characters"),
    "phrase_not_text": (("hedges", 3, "modal", "It is possible.", "-"), "text in quotes"),
    "category_not_text": (("hedges", "maybe", None, "It is possible.", "-"), "text in quotes"),
    "unknown_lexicon": (("widgets", "maybe", "modal", "It is possible.", "-"), "no lexicon"),
}


@pytest.fixture(autouse=True)
def fresh_lexicons():
    lexicon.reset()
    yield
    lexicon.reset()


def _snapshot() -> dict[str, dict]:
    return {kind: dict(lexicon.entries(kind)) for kind in lexicon.KINDS}


@pytest.mark.parametrize(("fields", "reason"), list(REFUSED.values()), ids=list(REFUSED))
def test_an_unusable_entry_is_refused_with_one_sentence(fields: tuple, reason: str) -> None:
    before, version = _snapshot(), lexicon.version()
    with pytest.raises(EntryRefused) as refused:
        lexicon.add_entry(*fields)
    message = str(refused.value)
    assert reason in message
    message.encode("utf-8")  # shown in a notebook: no lone surrogate may travel with it
    assert message.endswith(".") and not re.search(r"[.!?] [A-Z]", message), message  # one sentence
    assert len(message) < 300
    assert _snapshot() == before and lexicon.version() == version
    assert [h["text"] for h in mlkit.analyze("It may rain.").hedges] == ["may"]


def test_refused_entries_are_value_errors() -> None:
    """Code written against the old ValueError keeps working."""
    with pytest.raises(ValueError):
        lexicon.add_entry("cues", "whispered", "sceptical", "It reports quiet words.")


def test_sequence_count_agrees_with_the_expansion() -> None:
    # By hand: "a b" is one sequence, given as itself and as a-NBSP-b; "(not) to" is "not to" (2
    # variants) and "to" (1); "is|was said (not) to" is 2 verbs x ("said not to": 4, "said to": 3).
    hand = {"a b": (1, 2), "(not) to": (2, 3), "is|was said (not) to": (4, 14), "more than #": (1, 2)}
    hand |= {"(a) (b)": (3, 4), "a|b|c a|b|c a|b|c": (27, 81), "|": (0, 0)}
    for phrase, expected in hand.items():
        variants = lexicon.phrase_variants(phrase)
        assert (
            lexicon.sequence_count(phrase)
            == expected
            == (len({_plain(w) for w, _ in variants}), len(variants))
        )
    for kind in lexicon.KINDS:
        for key in lexicon.entries(kind):
            for form in key.split("|") if kind == "cues" else [key]:
                assert lexicon.sequence_count(form.strip())[1] == len(lexicon.phrase_variants(form.strip()))


def _plain(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w != lexicon.NBSP)


def test_an_exploding_phrase_is_counted_not_built() -> None:
    assert lexicon.sequence_count(EXPLODING) == (10**8, 8 * 10**8)
    with pytest.raises(EntryRefused):
        lexicon.phrase_variants(EXPLODING)  # even a phrase that skipped add_entry is never expanded


def test_allowed_labels_are_the_ones_every_view_shows() -> None:
    """One place holds the labels: the guide's sets, the lesson names, the hints and the charts agree."""
    guide = json.loads((Path(__file__).parent / "gold" / "labels.json").read_text(encoding="utf-8"))
    assert list(labels.HEDGE_CATEGORY_NAMES) == guide["hedge_categories"]
    assert list(labels.STANCES) == guide["verb_stances"]
    assert list(labels.BOOSTER_CATEGORIES) == guide["booster_categories"]
    from mlkit.widgets import marking

    assert marking.HEDGE_FAMILIES is labels.HEDGE_FAMILIES  # the spot-the-hedges hints
    assert set(labels.FAMILY_OF) == set(labels.HEDGE_CATEGORY_NAMES)  # every category is in a family
    from mlkit import lessons, plots, sourcing
    from mlkit.widgets import explorer

    assert lessons.HEDGE_FAMILIES is labels.HEDGE_FAMILIES
    assert plots.STANCE_WORDS is labels.STANCE_WORDS and explorer.STANCE_WORDS is labels.STANCE_WORDS
    assert list(sourcing.stance_counts(mlkit.analyze("He said so."))) == list(labels.STANCES)


@pytest.mark.parametrize("stance", labels.STANCES)
def test_every_known_stance_is_accepted_and_reaches_the_chart(stance: str) -> None:
    lexicon.add_entry("cues", "whispered", stance, "“Whispered” reports quiet words.")
    from mlkit import sourcing

    result = mlkit.analyze("The guard whispered that the door was open.")
    assert sourcing.stance_counts(result)[stance] == 1


def test_every_hedge_category_is_accepted() -> None:
    for category in labels.HEDGE_CATEGORY_NAMES:
        entry = lexicon.add_entry("hedges", f"  Zorbly {category}  ", category, " Made up for a test. ")
        assert (entry.phrase, entry.explanation) == (f"zorbly {category}", "Made up for a test.")


def test_a_bad_line_in_a_lexicon_file_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = "phrase\tcategory\trule\texplanation\nwhispered\tsceptical\t-\tIt reports quiet words.\n"

    class _File:
        def joinpath(self, _name: str) -> _File:
            return self

        def read_text(self, encoding: str) -> str:
            return bad

    monkeypatch.setattr(lexicon.resources, "files", lambda _package: _File())
    lexicon.reset()
    with pytest.raises(EntryRefused, match=r"mlkit/data/cues.tsv, the line for “whispered”: “sceptical”"):
        lexicon.entries("cues")


def test_the_teachers_readme_states_the_limits_the_code_applies() -> None:
    readme = (Path(mlkit.__file__).parent / "data" / "README.md").read_text(encoding="utf-8")
    assert f"more than {lexicon.MAX_WORDS} words" in readme
    assert f"more than {lexicon.MAX_SEQUENCES:,} word sequences" in readme
    assert f"longer than {lexicon.MAX_EXPLANATION} characters" in readme
