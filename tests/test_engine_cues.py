"""The cue list as students meet it: each highlighted word is explained in words that fit that word."""

from __future__ import annotations

import re

import pytest

import mlkit
from mlkit import lexicon

# Irregular verbs whose forms share no first letters with the word the explanation names.
IRREGULAR = {
    "sought": "seek",
    "saw": "see",
    "told": "tell",
    "wrote": "write",
    "found": "find",
    "spoke": "speak",
}


def _stem_matches(explained: str, form: str) -> bool:
    base = IRREGULAR.get(form, form)
    return explained[:2] == base[:2] or IRREGULAR.get(explained, explained)[:2] == base[:2]


@pytest.mark.parametrize("forms", sorted(lexicon.entries("cues")))
def test_each_cue_explanation_names_the_word_it_explains(forms: str) -> None:
    """ "promised" must not be explained as "Vowed ...": every form of a row is named (or is a form of a
    word named) in quotation marks in that row's explanation."""
    explanation = lexicon.entries("cues")[forms].explanation
    named = [q.lower().split()[0] for q in re.findall(r'"([^"]+)"', explanation)]
    assert named, f"{forms}: the explanation names no word in quotation marks"
    for form in forms.split("|"):
        word = form.split()[0]
        assert any(_stem_matches(n, word) for n in named), f"{form!r} is explained as {named}"


@pytest.mark.parametrize(
    ("text", "cue", "word"),
    [
        ("He promised that taxes would fall.", "promised", "Promised"),
        ("She vowed to fight on.", "vowed", "Vowed"),
        ("The senator pledged that the plant would stay open.", "pledged", "Pledged"),
        ("Trump responded that the poll was fake.", "responded", "Responded"),
    ],
)
def test_the_student_sees_the_explanation_of_the_word_shown(text: str, cue: str, word: str) -> None:
    (a,) = mlkit.analyze(text).attributions
    assert a["cue"]["text"] == cue
    assert a["explanation"].startswith(f'"{word}"')
