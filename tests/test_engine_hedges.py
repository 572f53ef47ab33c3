"""Hedges and boosters: each category of ANNOTATION.md found, and each listed trap avoided.

Expected spans are written by hand from ANNOTATION.md, not copied from the engine's output.
"""

from __future__ import annotations

import pytest

import mlkit


def hedge_texts(text: str) -> list[tuple[str, str]]:
    return [(h["text"], h["category"]) for h in mlkit.analyze(text).hedges]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The commander was reportedly killed.", [("reportedly", "evidential")]),
        ("The alleged attacker fled.", [("alleged", "evidential")]),
        ("Rumours spread quickly.", [("Rumours", "evidential")]),
        ("The storm may hit the coast.", [("may", "modal")]),
        ("He might resign.", [("might", "modal")]),
        ("The bridge could collapse.", [("could", "modal")]),
        ("She may have left early.", [("may have", "modal")]),
        ("The virus appears to spread in water.", [("appears to", "epistemic_verb")]),
        ("Evidence suggests a link.", [("suggests", "epistemic_verb")]),
        ("He is thought to be in hiding.", [("is thought to", "epistemic_verb")]),
        ("A deal is possible.", [("possible", "epistemic_adjective_adverb")]),
        ("It will probably rain.", [("probably", "epistemic_adjective_adverb")]),
        ("The cause is unclear.", [("unclear", "epistemic_adjective_adverb")]),
        ("About 30 people came.", [("About 30", "approximator")]),
        ("More than 3,000 homes flooded.", [("More than 3,000", "approximator")]),
        ("At least a dozen died.", [("At least a dozen", "approximator")]),
        ("Up to 40 people died.", [("Up to 40", "approximator")]),
        ("Some 300 people marched.", [("Some 300", "approximator")]),
        ("A number of civilians died.", [("A number of", "approximator")]),
        ("Dozens of homes burned.", [("Dozens of", "approximator")]),
        ("It is believed the ship sank.", [("It is believed", "impersonal")]),
        ("It was reported that the bridge fell.", [("It was reported", "impersonal")]),
        ("The firm has been implicated in fraud.", [("has been implicated", "impersonal")]),
        ("He is said to be ill.", [("is said to", "impersonal")]),
        (
            "The video could not be independently verified.",
            [("could not be independently verified", "unverified")],
        ),
        ("The report has not been confirmed.", [("has not been confirmed", "unverified")]),
        ("If confirmed, it would be the largest attack.", [("If confirmed", "conditional")]),
        ("If true, the claim matters.", [("If true", "conditional")]),
    ],
)
def test_every_category_is_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert hedge_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The vote is in May.",
        "The deal was signed on May 5.",
        "Theresa May spoke on Tuesday.",
        "She wrote a book about the war.",
        "She could not say where he was.",
        "You may enter the building now.",
        "Insurance claims rose last year.",
        "Some people left early.",
        "Prices rose up to 30 percent.",
        "The answer could not be clearer.",
        "He appeared in court on Monday.",
        "Please reply as soon as possible.",
        "The governor said the town would be rebuilt.",
        "The activist claimed that the raid failed.",
        "According to the ministry, the road is open.",
        "He suggested a compromise.",
        "The army used all its might.",
        "Inspectors examined the supports over two days.",
        "Visitors with a ticket may enter the gardens.",
    ],
)
def test_traps_are_not_hedges(text: str) -> None:
    assert hedge_texts(text) == []


def test_overlapping_entries_take_the_reading_the_grammar_gives() -> None:
    assert hedge_texts("It is believed to have sunk.") == [("is believed to", "epistemic_verb")]
    assert hedge_texts("Over 2,200 people voted.") == [("Over 2,200", "approximator")]
    assert hedge_texts("I think it might work.") == [("I think", "epistemic_verb"), ("might", "modal")]


def test_non_breaking_spaces_inside_a_phrase() -> None:
    text = "More\u00a0than 30 people were killed, and it\u00a0was reported that others fled."
    found = hedge_texts(text)
    assert ("More\u00a0than 30", "approximator") in found
    assert ("it\u00a0was reported", "impersonal") in found


def test_boosters_and_negated_confirmation() -> None:
    boosters = [b["text"] for b in mlkit.analyze("It became clear that the plan clearly failed.").boosters]
    assert boosters == ["It became clear", "clearly"]
    result = mlkit.analyze("The death has not been confirmed.")
    assert result.boosters == []
    assert [h["category"] for h in result.hedges] == ["unverified"]
    assert mlkit.analyze("If the cause is confirmed, the plant will close.").boosters == []


def test_every_mark_explains_itself() -> None:
    result = mlkit.analyze(mlkit.seed_article())
    for mark in result.hedges + result.boosters:
        assert mark["explanation"].endswith(".") and len(mark["explanation"].split()) >= 6


@pytest.mark.parametrize(
    ("text", "hedge", "category"),
    [
        ("I don't think the deal will pass.", "I don't think", "epistemic_verb"),
        ("I would think the vote is close.", "I would think", "epistemic_verb"),
        ("I doubt the plan will work.", "I doubt", "epistemic_verb"),
        ("The plan seemingly failed.", "seemingly", "epistemic_adjective_adverb"),
        ("The senator is considered the favourite.", "is considered", "impersonal"),
        ("The bridge is supposed to open in May.", "is supposed to", "impersonal"),
        ("If you go to the polls, you may find long lines.", "may", "modal"),
        (
            "In the unlikely event they all voted for her, she would win.",
            "unlikely",
            "epistemic_adjective_adverb",
        ),
        ("Trump plans to spend upward of $10 million.", "upward of $10 million", "approximator"),
        ("Millions of new jobs were promised.", "Millions of", "approximator"),
        ("Trump is also expected to unveil a second ad.", "is also expected to", "impersonal"),
        ("His professed opposition to the war was new.", "professed", "evidential"),
        ("Clinton is likely to win the state.", "likely", "epistemic_adjective_adverb"),
    ],
)
def test_hedges_students_met_in_real_text(text: str, hedge: str, category: str) -> None:
    """Issue 12: hedges missed in real reviews and news."""
    found = [(h["text"], h["category"]) for h in mlkit.analyze(text).hedges]
    assert (hedge, category) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "They made the unlikely pair of allies.",
        "It was the sharpest possible rebuke.",
        "The bill was considered by the committee.",
        "You are supposed to wear a mask.",
        "You may enter the building now.",
        "Even if they could vote freely, they make up only 7%.",
        "The poll of 800 likely voters was taken on Sunday.",  # QA: a poll story marked it 4 times
        "Among likely Republican voters, Trump leads.",
    ],
)
def test_look_alikes_that_are_not_hedges(text: str) -> None:
    assert mlkit.analyze(text).hedges == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The apparent winner spoke first.", [("apparent", "evidential")]),
        ("The suspected gunman fled.", [("suspected", "evidential")]),
        ("It is doubtful he will run.", [("doubtful", "epistemic_adjective_adverb")]),
        ("In all likelihood he will run.", [("In all likelihood", "epistemic_adjective_adverb")]),
        ("At most 40 people came.", [("At most 40", "approximator")]),
        ("Just under 40 percent agreed.", [("Just under 40", "approximator")]),
        ("He has met them six or seven times.", [("six or seven", "approximator")]),
        ("Unemployment is near 5 percent.", [("near 5", "approximator")]),
        ("Nearly a third said no.", [("Nearly a third", "approximator")]),
        ("Less than a fifth agreed.", [("Less than a fifth", "approximator")]),
        ("He sought a third term near 5th Avenue.", []),
        ("Almost all voters agreed.", [("Almost all", "approximator")]),
        ("The outcome is in doubt.", [("in doubt", "epistemic_adjective_adverb")]),
        ("The chances that he wins are slim.", [("The chances that", "epistemic_adjective_adverb")]),
        ("It is a plausible, coherent plan.", []),  # credible, not a judgement of chances
        # the look-alikes: a verb that reports, a realisation, a choice between years
        ("Police suspected that he fled.", []),
        ("It became apparent that he had lost.", []),
        ("In 2014 or 2015 he moved.", []),
    ],
)
def test_hedges_from_the_third_engine_session(text: str, expected: list[tuple[str, str]]) -> None:
    """Adjectives that hedge like "alleged", limits like "at least", and small ranges (ANNOTATION.md's
    categories; each line of mlkit/data/hedges.tsv explains itself)."""
    assert hedge_texts(text) == expected
