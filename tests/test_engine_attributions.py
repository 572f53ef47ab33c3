"""Attributions of every kind named in the engine issue, checked field by field against hand answers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import mlkit


def only(text: str) -> dict:
    attrs = mlkit.analyze(text).attributions
    assert len(attrs) == 1, [a["cue"]["text"] for a in attrs]
    return attrs[0]


def text_of(span: dict | None) -> str | None:
    return None if span is None else span["text"]


def cues_and_sources(text: str) -> list[tuple[str | None, str | None]]:
    """Every attribution in `text` as (cue, source) words, in order."""
    return [(text_of(a["cue"]), text_of(a["source"])) for a in mlkit.analyze(text).attributions]


def speaker_cases() -> list:
    """tests/gold/speakers.tsv: sentences whose speaker was written down by hand, one per line."""
    path = Path(__file__).parent / "gold" / "speakers.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        pytest.param(r["text"], r["cue"], r["source"], id=f"{r['pattern']}: {r['text'][:40]}") for r in rows
    ]


@pytest.mark.parametrize(("text", "cue", "source"), speaker_cases())
def test_the_speaker(text: str, cue: str, source: str) -> None:
    """The speaker the rules find, for the attribution on `cue` (or the only attribution)."""
    found = cues_and_sources(text)
    if not cue:
        assert len(found) == 1, found
        assert found[0][1] == source
        return
    assert dict(found).get(cue) == source, found


@pytest.mark.parametrize(
    ("text", "cue", "source", "content", "kind", "source_type", "stance"),
    [
        (
            "“We will rebuild,” the governor said.",
            "said",
            "the governor",
            "“We will rebuild,”",
            "direct",
            "unnamed",
            "neutral",
        ),
        (
            "The governor said the town would be rebuilt.",
            "said",
            "The governor",
            "the town would be rebuilt",
            "indirect",
            "unnamed",
            "neutral",
        ),
        (
            "The town will be rebuilt, the governor said.",
            "said",
            "the governor",
            "The town will be rebuilt",
            "indirect",
            "unnamed",
            "neutral",
        ),
        (
            '"We are ready," said Mayor Ortiz.',
            "said",
            "Mayor Ortiz",
            '"We are ready,"',
            "direct",
            "named",
            "neutral",
        ),
        (
            "The governor called the damage “unprecedented.”",
            "called",
            "The governor",
            "the damage “unprecedented.”",
            "mixed",
            "unnamed",
            "other",
        ),
        (
            "According to the ministry, 40 people died.",
            "According to",
            "the ministry",
            "40 people died",
            "according_to",
            "unnamed",
            "neutral",
        ),
        (
            "Forty people died, according to the Red Cross.",
            "according to",
            "the Red Cross",
            "Forty people died",
            "according_to",
            "named",
            "neutral",
        ),
        (
            "Sources close to the team told the paper that the coach would resign.",
            "told",
            "Sources close to the team",
            "the coach would resign",
            "indirect",
            "unnamed",
            "neutral",
        ),
        (
            "John Smith, a spokesman for the Red Cross, said aid was on its way.",
            "said",
            "John Smith, a spokesman for the Red Cross",
            "aid was on its way",
            "indirect",
            "named",
            "neutral",
        ),
        (
            "The company claims that it paid.",
            "claims",
            "The company",
            "it paid",
            "indirect",
            "unnamed",
            "distancing",
        ),
        (
            "The minister denied that he knew.",
            "denied",
            "The minister",
            "he knew",
            "indirect",
            "unnamed",
            "other",
        ),
        (
            "Officials revealed that the plant had leaked.",
            "revealed",
            "Officials",
            "the plant had leaked",
            "indirect",
            "unnamed",
            "endorsing",
        ),
        (
            "It was reported that the bridge had collapsed.",
            "was reported",
            None,
            "the bridge had collapsed",
            "other",
            "none",
            "neutral",
        ),
    ],
)
def test_attribution_forms(text, cue, source, content, kind, source_type, stance) -> None:
    a = only(text)
    assert (text_of(a["cue"]), text_of(a["source"]), text_of(a["content"])) == (cue, source, content)
    assert (a["kind"], a["source_type"], a["verb_stance"]) == (kind, source_type, stance)
    assert a["explanation"]


def test_pronoun_points_back_to_the_earlier_source() -> None:
    text = "An opposition activist said the raid failed. “Thirty men died,” he claimed."
    first, second = mlkit.analyze(text).attributions
    assert text_of(first["source"]) == "An opposition activist"
    assert second["source_type"] == "pronoun" and text_of(second["source"]) == "he"
    assert second["resolved_source"] == first["source"]


def test_he_skips_a_plural_source() -> None:
    text = (
        "Officials said the road was closed. The mayor said it would reopen. He added that no one was hurt."
    )
    attrs = mlkit.analyze(text).attributions
    assert text_of(attrs[-1]["resolved_source"]) == "The mayor"


def test_quote_running_over_two_sentences() -> None:
    a = only("“It is over. We lost,” she said.")
    assert text_of(a["content"]) == "“It is over. We lost,”"


def test_unbalanced_and_mixed_marks() -> None:
    a = only('An activist claimed that “the commander was killed last Sunday in Hama"')
    assert text_of(a["content"]) == '“the commander was killed last Sunday in Hama"'
    b = only('According to the activist "the operation failed')
    assert text_of(b["source"]) == "the activist"
    assert b["content"]["text"].startswith('"the operation failed')


def test_non_breaking_spaces_in_cue_and_source() -> None:
    a = only("Forty people died, according\u00a0to Asharq\u00a0Al-Awsat.")
    assert text_of(a["cue"]) == "according\u00a0to"
    assert text_of(a["source"]) == "Asharq\u00a0Al-Awsat"
    assert a["source_type"] == "named"


def test_nouns_that_look_like_cues_are_not_attributions() -> None:
    assert mlkit.analyze("Insurance claims rose sharply last year.").attributions == []
    assert mlkit.analyze("The report was long. A statement followed.").attributions == []
    assert mlkit.analyze("Comedy shows were held for children.").attributions == []


def test_records_of_a_named_body_are_named_but_its_officials_are_not() -> None:
    assert only("It was arson, according to Westbrook County Fire Service records.")["source_type"] == "named"
    assert only("It was arson, according to a White House official.")["source_type"] == "unnamed"


def test_claiming_responsibility_is_not_distancing() -> None:
    a = only("The group issued a statement claiming responsibility for the attack.")
    assert (text_of(a["cue"]), a["verb_stance"]) == ("claiming", "neutral")
    b = only("The group claimed that the attack had succeeded.")
    assert b["verb_stance"] == "distancing"


def test_seed_headline_report_label() -> None:
    first = mlkit.analyze(mlkit.seed_article()).attributions[0]
    assert (text_of(first["cue"]), first["source"], first["source_type"]) == ("Report", None, "none")
    assert text_of(first["content"]) == "Syrian Al Qaeda Leader Killed"


def test_participles_and_clauses_are_not_inverted_speakers() -> None:
    # "saying it's ..." has its speaker before it, never after it
    assert cues_and_sources("Trump argued that a wall would work, saying it’s “all about management.”") == [
        ("argued", "Trump"),
        ("saying", "Trump"),
    ]
    # after "..., say" a clause with a verb is what was said, not who said it
    text = (
        "Yet Democratic economists, like their Republican counterparts, say taxing consumption helps savings."
    )
    assert all(
        text_of(a["source"]) != "taxing consumption helps savings" for a in mlkit.analyze(text).attributions
    )
    # a real inverted speaker still counts
    assert text_of(only("“It is over,” said the mayor in a statement on Monday.")["source"]) == "the mayor"


def test_told_without_a_reported_clause_is_not_a_report() -> None:
    assert mlkit.analyze("The mayor told the story of her grandmother.").attributions == []


def test_reported_thoughts_and_wishes_are_attributions() -> None:
    a = only("Many voters fear that the plant will close.")
    assert (text_of(a["cue"]), text_of(a["source"]), text_of(a["content"])) == (
        "fear",
        "Many voters",
        "the plant will close",
    )
    assert a["verb_stance"] == "other" and "how the reporter knows" in a["explanation"]
    assert text_of(only("The senator believes the deal is dead.")["source"]) == "The senator"


def test_the_speakers_own_thoughts_are_not_reports() -> None:
    # "I think" is the speaker's own hedge, and inside a quotation it belongs to the quoted words
    assert mlkit.analyze("I think the deal is dead.").attributions == []
    attrs = mlkit.analyze("“We believe the deal is dead,” the senator said.").attributions
    assert [text_of(a["cue"]) for a in attrs] == ["said"]
    # "learned from" is not a report; "learned that" is
    assert mlkit.analyze("The group has learned from its failures.").attributions == []


def test_citing_a_source_or_a_reason() -> None:
    # a source: the cited people stand behind the claim (the next hand in the chain)
    text = "The airline will cut 400 jobs, Reuters reported, citing two people familiar with the plan."
    citing = [a for a in mlkit.analyze(text).attributions if text_of(a["cue"]) == "citing"]
    assert [text_of(a["source"]) for a in citing] == ["two people familiar with the plan"]
    # a reason: the person who cites it is the source
    text = "Trump proposed a ban on visitors, citing fears of terrorism."
    citing = [a for a in mlkit.analyze(text).attributions if text_of(a["cue"]) == "citing"]
    assert [text_of(a["source"]) for a in citing] == ["Trump"]


def test_a_phrase_cut_short_is_not_a_speaker() -> None:
    text = "Later, she attacked his record, criticizing him for repeated votes against the bill."
    assert all(text_of(a["source"]) != "criticizing him for" for a in mlkit.analyze(text).attributions)


def test_a_clause_before_the_comma_is_not_a_speaker() -> None:
    # "The town, which flooded, will be rebuilt": the town did not speak
    text = "The town, which flooded, will be rebuilt, officials said."
    assert cues_and_sources(text) == [("said", "officials")]


def test_a_question_counts_only_when_the_answer_is_reported() -> None:
    attrs = mlkit.analyze('Asked whether he would fire the writer, Priebus said, "Probably."').attributions
    asked = [a for a in attrs if text_of(a["cue"]) == "Asked"]
    assert [(a["source"], a["source_type"], text_of(a["content"])) for a in asked] == [
        (None, "none", "whether he would fire the writer")
    ]
    assert mlkit.analyze("Asked how many tickets had been sold, she could not say.").attributions == []


def test_demands_and_compounds() -> None:
    assert text_of(only("Trump called for a ban on visitors.")["cue"]) == "called for"
    assert text_of(only("She called on Congress to act.")["cue"]) == "called on"
    # drawing on resources is not a demand, and "self-described" is not a report
    assert mlkit.analyze("The group grew by calling on a large pool of fighters.").attributions == []
    text = "Sanders, a self-described socialist, spoke."
    assert mlkit.analyze(text).attributions == []


def test_a_name_and_a_colon_open_a_quotation() -> None:
    a = only("Ryan: Anti-Semitic Images Have No Place In Campaign.")
    assert (text_of(a["cue"]), text_of(a["source"]), a["source_type"]) == (":", "Ryan", "named")
    a = only("THE STATES - Jeffrey M. Jones: “Twenty states are competitive now.”")
    assert (text_of(a["source"]), a["kind"]) == ("Jeffrey M. Jones", "direct")
    # section names and interview letters are not speakers
    assert mlkit.analyze("The Latest: Trump wins Nevada caucuses.").attributions == []
    assert mlkit.analyze("Q: There is lots of talk about immigration.").attributions == []


def test_a_named_poll_is_the_source_of_its_figures() -> None:
    a = only("In a September Washington Post-ABC News poll, 75 percent of Republicans backed it.")
    assert (text_of(a["cue"]), text_of(a["source"])) == ("In", "a September Washington Post-ABC News poll")
    assert text_of(a["content"]) == "75 percent of Republicans backed it"
    a = only("Cruz had 38 percent support in a Fox poll.")
    assert (text_of(a["source"]), text_of(a["content"])) == ("a Fox poll", "Cruz had 38 percent support")
    # a figure of speech names no poll
    assert mlkit.analyze("She is well ahead in the polls.").attributions == []


def test_who_as_speaker_points_back_to_its_noun() -> None:
    a = only("He clashed with Senate Republicans who oppose the bill.")
    assert (text_of(a["source"]), a["source_type"], text_of(a["resolved_source"])) == (
        "who",
        "pronoun",
        "Senate Republicans",
    )


def test_a_participle_reports_its_own_words_not_the_quotation_before() -> None:
    text = "“They will become a majority,” Ramos said, referring to the Hispanic community."
    by_cue = {text_of(a["cue"]): a for a in mlkit.analyze(text).attributions}
    assert text_of(by_cue["referring to"]["source"]) == "Ramos"
    assert text_of(by_cue["referring to"]["content"]) == "the Hispanic community"
    assert text_of(by_cue["said"]["content"]) == "“They will become a majority,”"


def test_passive_reports_with_and_without_an_agent() -> None:
    a = only("Rubio was asked by the moderator Gerard Baker whether his plan would work.")
    assert (text_of(a["cue"]), text_of(a["source"])) == ("was asked", "the moderator Gerard Baker")
    a = only("President Obama has been criticized for using the term.")
    assert (text_of(a["cue"]), a["source"], a["source_type"]) == ("been criticized", None, "none")
    assert a["explanation"] == "No one is named: the sentence does not say who made this report."
    # a possessive is not a passive, and "is said to" is a hedge, not a report
    assert mlkit.analyze("Mr. Obama's calls for tighter rules failed.").attributions == []
    assert mlkit.analyze("The commander is said to have died.").attributions == []


def test_a_passive_verb_of_saying_is_one_rule_with_the_other_passives() -> None:
    """ "was confirmed by X" reads like "was rejected by X": the agent is the source and the cue keeps
    its own stance; "claimed by" a group is the set phrase for claiming an attack; a verb of saying
    that is not a cue ("assured") still reports when a that-clause follows."""
    a = only("Her death was confirmed by the Eagle Forum, the group she founded.")
    assert (text_of(a["cue"]), text_of(a["source"]), a["verb_stance"]) == (
        "was confirmed",
        "the Eagle Forum",
        "endorsing",
    )
    a = only("The attacks in Paris were claimed by the Islamic State.")
    assert (text_of(a["source"]), a["verb_stance"]) == ("the Islamic State", "neutral")
    a = only("Residents were assured that the water was safe.")
    assert (text_of(a["cue"]), a["source"], text_of(a["content"])) == (
        "were assured",
        None,
        "the water was safe",
    )
    assert mlkit.analyze("Residents were assured.").attributions == []


def test_what_someone_left_out_is_reported_but_what_they_could_not_say_is_not() -> None:
    a = only("Trump never mentioned Clinton in the speech.")
    assert (text_of(a["cue"]), text_of(a["source"])) == ("mentioned", "Trump")
    assert mlkit.analyze("Asked about the fire, she could not say.").attributions == []


def test_infinitives_that_report_something_said() -> None:
    a = only("Hillary Clinton took to Twitter to say thanks to her voters.")
    assert (text_of(a["cue"]), text_of(a["source"])) == ("say", "Hillary Clinton")
    assert mlkit.analyze("The mayor plans to announce a new budget.").attributions == []


def test_tweets_and_findings() -> None:
    a = only("Clinton tweeted her thanks to the president.")
    assert (text_of(a["cue"]), text_of(a["source"])) == ("tweeted", "Clinton")
    a = only("In 2016, he has found that voters like his blunt style.")
    assert (text_of(a["cue"]), text_of(a["source"])) == ("has found", "he")
    # footage posted online is not a report
    assert mlkit.analyze("Footage posted online appeared to show the blast.").attributions == []


def test_inside_a_quotation_only_named_or_described_sources_are_reports() -> None:
    attrs = mlkit.analyze("“I said no, and they are talking about it,” Ebeling said.").attributions
    assert [text_of(a["cue"]) for a in attrs] == ["said"]
    assert text_of(attrs[0]["source"]) == "Ebeling"
    assert cues_and_sources("“The FBI director said she was careless,” Trump said.") == [
        ("said", "The FBI director"),
        ("said", "Trump"),
    ]


def test_a_long_source_after_according_to() -> None:
    text = (
        "According to early results of exit polls conducted for The Associated Press and television "
        "networks, black voters backed Clinton."
    )
    a = only(text)
    assert text_of(a["source"]) == (
        "early results of exit polls conducted for The Associated Press and television networks"
    )


def test_said_he_is_inverted_only_at_the_end_of_a_clause() -> None:
    text = "Jeffrey Salkin, a rabbi helping to organize it, said he and other rabbis were alarmed."
    assert [text_of(a["source"]) for a in mlkit.analyze(text).attributions] == [
        "Jeffrey Salkin, a rabbi helping to organize it"
    ]
    assert text_of(only("“We will win,” said he.")["source"]) == "he"


def test_a_claim_belongs_to_its_owner() -> None:
    assert cues_and_sources("Pence blamed the media for Donald Trump’s claim that Obama “founded ISIS.”") == [
        ("blamed", "Pence"),
        ("claim", "Donald Trump"),
    ]
    text = "Sanders spoke first. Later his claim that the vote was rigged spread online."
    a = next(a for a in mlkit.analyze(text).attributions if text_of(a["cue"]) == "claim")
    assert (text_of(a["source"]), a["source_type"], text_of(a["resolved_source"])) == ("his", "pronoun", None)
    # a claim that nobody in the sentence makes is not a report
    attrs = mlkit.analyze("He repeated a false claim that he opposed the war.").attributions
    assert "claim" not in [text_of(a["cue"]) for a in attrs]


def test_views_and_firm_statements() -> None:
    a = only("Party leaders see him as an invaluable asset.")
    assert (text_of(a["cue"]), text_of(a["source"]), a["verb_stance"]) == ("see", "Party leaders", "other")
    a = only("Emanuel also made clear that he has not considered resigning.")
    assert (text_of(a["cue"]), text_of(a["source"])) == ("made clear", "Emanuel")
    assert mlkit.analyze("Voters saw the video on Tuesday.").attributions == []


def test_which_after_a_comma_points_to_the_noun_before_it() -> None:
    a = only("The union, which endorsed Hillary Clinton in November, is widely regarded as powerful.")
    assert (text_of(a["source"]), text_of(a["resolved_source"])) == ("which", "The union")


def test_tallies_and_adjectives_are_not_reports() -> None:
    assert mlkit.analyze("Hillary Clinton: 1,769.\nBernie Sanders: 1,501.").attributions == []
    assert mlkit.analyze("Clinton leads Sanders by roughly 270 pledged delegates.").attributions == []
    assert mlkit.analyze("So: American Christians could ignore the ruling.").attributions == []


def test_a_clause_with_a_pronoun_is_not_a_speaker() -> None:
    attrs = mlkit.analyze("When they met in Paris the leaders said the deal was done.").attributions
    assert "they met in Paris the leaders" not in [text_of(a["source"]) for a in attrs]


def test_a_closing_quote_with_no_space_after_it() -> None:
    a = only("“Some of his comments have been so divisive,”Clinton said.")
    assert (text_of(a["source"]), text_of(a["content"]), a["kind"]) == (
        "Clinton",
        "“Some of his comments have been so divisive,”",
        "direct",
    )


def test_a_source_close_to_and_with_knowledge_of() -> None:
    a = only("“He has been very worked up about it,” said a source close to the campaign.")
    assert text_of(a["source"]) == "a source close to the campaign"
    text = "''It is like choosing,'' said one person with knowledge of the dilemma, who was anonymous."
    assert text_of(only(text)["source"]) == "one person"


def attrs_by_cue(text: str) -> dict[str, dict]:
    return {text_of(a["cue"]): a for a in mlkit.analyze(text).attributions}


def test_a_place_or_time_after_the_verb_is_not_what_was_said() -> None:
    """Seen by students in lesson 07: "responded from the White House, where ..." took the place as
    the words reported."""
    a = only("Trump responded from the White House, where he was meeting with donors.")
    assert (text_of(a["source"]), a["content"]) == ("Trump", None)
    said = attrs_by_cue("The ministry said in a statement that the talks had failed.")["said"]
    assert text_of(said["content"]) == "the talks had failed"
    said = attrs_by_cue("The ministry said on Tuesday the talks had failed.")["said"]
    assert text_of(said["content"]) == "the talks had failed"
    told = attrs_by_cue("The mayor told CNN in an interview he would run again.")["told"]
    assert text_of(told["content"]) == "he would run again"


def test_an_opening_phrase_before_the_comma_is_not_what_was_said() -> None:
    said = only("In a statement, the organisation said the attack was revenge.")
    assert text_of(said["content"]) == "the attack was revenge"


def test_a_topic_is_never_a_verb() -> None:
    """ "talking about" took "is" as its content."""
    a = attrs_by_cue("What they were talking about is the problem.").get("talking about")
    assert a is None or a["content"] is None


def test_a_participle_shares_the_main_subject_not_a_pronoun_in_a_side_clause() -> None:
    """ "Lawmakers cheered when he said ..., echoing ...": the lawmakers echo, not "he"."""
    found = attrs_by_cue("Lawmakers cheered when he said the plan was dead, echoing the mood of the party.")
    assert text_of(found["echoing"]["source"]) == "Lawmakers"
    assert text_of(found["said"]["source"]) == "he"
    assert text_of(found["said"]["content"]) == "the plan was dead"  # ends before ", echoing"
    found = attrs_by_cue("McCain said the deal was bad, citing low growth.")
    assert text_of(found["citing"]["source"]) == "McCain"


def test_a_speaker_inside_a_relative_clause() -> None:
    found = attrs_by_cue("Lawmakers, who he said had failed, are now echoing the president.")
    assert text_of(found["said"]["source"]) == "he"


@pytest.mark.parametrize(
    ("text", "source", "source_type"),
    [
        ("The Trump campaign said the poll was rigged.", "The Trump campaign", "named"),
        ("Trump's campaign said the poll was rigged.", "Trump's campaign", "named"),
        ("The campaign said the poll was rigged.", "The campaign", "unnamed"),
        ("Clinton's spokesman said the emails were private.", "Clinton's spokesman", "unnamed"),
        ("Statement: the attack was revenge.", "Statement", "unnamed"),
    ],
)
def test_an_organisation_named_after_a_person_is_named(text: str, source: str, source_type: str) -> None:
    a = only(text)
    assert (text_of(a["source"]), a["source_type"]) == (source, source_type)


def test_a_month_or_a_name_is_not_the_modal_may() -> None:
    a = only("Theresa May told reporters on May 5 that her government would publish the report.")
    assert text_of(a["source"]) == "Theresa May"
    a = only("A study published on 2 May in the journal Nature suggests that the glacier is retreating.")
    assert text_of(a["source"]).startswith("A study")
    assert (text_of(a["cue"]), a["kind"]) == ("suggests", "other")
