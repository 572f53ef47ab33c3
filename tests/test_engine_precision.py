"""Marks PolNeAR train showed to be wrong or missing (engine issue 12, third session): set phrases that report
nothing, names that look like verbs, and thoughts credited to people inside someone else's report."""

from __future__ import annotations

import pytest

import mlkit


def cues_and_sources(text: str) -> list[tuple[str, str | None]]:
    """Every attribution in `text` as (cue, source) words, in order."""
    return [
        (a["cue"]["text"], a["source"]["text"] if a["source"] else None)
        for a in mlkit.analyze(text).attributions
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a research group, not someone thinking
        (
            "Dean Baker of a liberal think tank said it was fine.",
            [("said", "Dean Baker of a liberal think tank")],
        ),
        # "adding to" makes something bigger
        ("The wins added to her lead, she said.", [("said", "she")]),
        ("Clinton won Texas, adding to her run of victories.", []),
        # the person blamed is not the accuser
        ("Cuba released Alan Gross, an American contractor accused of spying.", []),
        # "Hope" is part of a name here
        (
            "Trump campaign spokeswoman Hope Hicks said the rally was full.",
            [("said", "Trump campaign spokeswoman Hope Hicks")],
        ),
    ],
)
def test_set_phrases_and_names_are_not_reports(text: str, expected: list) -> None:
    assert cues_and_sources(text) == expected


def test_the_verbs_still_report_on_their_own() -> None:
    """The guards above are narrow: the same words still report elsewhere."""
    assert cues_and_sources("The mayor added that the road was closed.") == [("added", "The mayor")]
    assert cues_and_sources("Voters think the plan will fail.") == [("think", "Voters")]
    assert cues_and_sources("Ms. Hope said the plan would fail.") == [("said", "Ms. Hope")]
    assert cues_and_sources("The mayor accused the police of lying.") == [("accused", "The mayor")]


def test_a_thought_inside_someone_elses_report_is_that_speakers_claim() -> None:
    """Sanders says what Republicans want: marking "Republicans want" would credit them with words
    they never said. Outside a report the same thought is marked, and reports of speech inside a
    report stay (the sourcing chain needs them)."""
    assert cues_and_sources("Sanders said Republicans want to cut Social Security.") == [("said", "Sanders")]
    assert cues_and_sources("Dayton told reporters that he thinks Clinton would win.") == [("told", "Dayton")]
    assert cues_and_sources("Republicans want to cut Social Security.") == [("want", "Republicans")]
    assert cues_and_sources("The mayor said that the police said the road was closed.") == [
        ("said", "The mayor"),
        ("said", "the police"),
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said the chamber will vote.",
            "Senator John Cornyn of Texas, the No. 2 Republican in the Senate",
        ),
        (
            "The deputy head of the delegation to the forum said the United States should cut its patrols.",
            "The deputy head of the delegation to the forum",
        ),
        (
            "Karimi, executive director of Interfaith Paths to Peace, said she hopes for peace.",
            "Karimi, executive director of Interfaith Paths to Peace",
        ),
    ],
)
def test_descriptions_with_an_abbreviation_or_to(text: str, source: str) -> None:
    """ "No." is not a full stop and "to the forum" is part of a description: the speaker is found."""
    assert cues_and_sources(text) == [("said", source)]


def test_a_passive_report_across_an_adverb_names_its_agent() -> None:
    """ "was first reported by MSNBC": MSNBC is the source, and the cue keeps its helper verb."""
    attrs = mlkit.analyze("O’Malley’s move was first reported by MSNBC.").attributions
    assert [(a["cue"]["text"], a["source"]["text"]) for a in attrs] == [("was first reported", "MSNBC")]
    assert cues_and_sources("It was previously reported that he left.") == [("was previously reported", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Lerer reported from Los Angeles.",  # a byline: where the journalist worked
        "It was a collection of his writing that included a profile.",  # a noun after "his"
        "The saying goes that all politics is local.",  # a noun after "the"
    ],
)
def test_bylines_and_nouns_in_ing_are_not_reports(text: str) -> None:
    assert cues_and_sources(text) == []


def test_a_question_put_with_when_counts_when_the_answer_is_reported() -> None:
    """ "When asked why, X responded ...": the question is a report with no one named as asking."""
    assert cues_and_sources("When asked why, Sembler responded in a text message: “Trump will win.”") == [
        ("asked", None),
        ("responded", "Sembler"),
    ]
    assert cues_and_sources(
        "When asked at the conference about the merger, she defended her decision to fire him."
    ) == [("asked", None), ("defended", "she")]
    # no answer reported: no question to mark
    assert cues_and_sources("When asked at the conference about the merger, she smiled.") == []
