"""The label sets of the annotation guide (ANNOTATION.md) with the words students see for them: the one
place the lexicon's checks, the charts, the tables and the lessons read them from, so a lexicon entry
can only carry a label every view knows how to show.
"""

from __future__ import annotations

#: Student-facing name and meaning of each hedge category of the annotation guide (ANNOTATION.md), in the
#: order and with the names lesson 02 teaches, so students never see an internal key.
HEDGE_CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "evidential": ("Second-hand", "someone else says so, and we are not told who (reportedly, apparently)"),
    "modal": ("Possible", "it could be true; it is not established (may, might, could)"),
    "epistemic_verb": ("Inferred", "the writer works it out rather than knows it (appears, seems, suggests)"),
    "epistemic_adjective_adverb": ("Likelihood", "how likely it is (probably, likely, possibly, perhaps)"),
    "approximator": ("Rough amounts", "an imprecise amount (about 30, more than 30, a number of)"),
    "impersonal": (
        "Nobody stands behind it",
        "no one is named as saying it (it is believed, has been implicated)",
    ),
    "unverified": ("Not checked", "the text says it is not checked (could not be independently verified)"),
    "conditional": ("Only if", "true only if something else is (if confirmed, if true)"),
}

#: The four hedge families lesson 02 teaches first, each gathering categories of the annotation guide
#: (ANNOTATION.md). The eight categories stay in the guide for extension work.
HEDGE_FAMILIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "second_hand": (
        "Second-hand",
        "someone else says so, or it is not confirmed (reportedly, apparently, could not be verified)",
        ("evidential", "unverified"),
    ),
    "possible": (
        "Possible or likely",
        "it might be true, but it is not established (may, could, probably, seems, if confirmed)",
        ("modal", "epistemic_verb", "epistemic_adjective_adverb", "conditional"),
    ),
    "amount": (
        "Rough amounts",
        "an amount that is not exact (about 30, more than 30, a number of, hundreds of)",
        ("approximator",),
    ),
    "nobody": (
        "Nobody stands behind it",
        "no one is named as saying it (it is believed, has been implicated)",
        ("impersonal",),
    ),
}
FAMILY_OF: dict[str, str] = {cat: key for key, (_, _, cats) in HEDGE_FAMILIES.items() for cat in cats}

#: The one category every booster carries.
BOOSTER_CATEGORIES = ("booster",)

#: The stance of a reporting verb, with the words the source table shows for it (in the charts' order).
STANCE_WORDS: dict[str, str] = {
    "neutral": "neutral (just reports)",
    "distancing": "keeps a distance (casts doubt)",
    "endorsing": "takes the speaker's side (suggests it is true)",
    "other": "shows what kind of statement (denied, warned, accused, admitted, …)",
}
STANCES: tuple[str, ...] = tuple(STANCE_WORDS)


#: The kinds of hand in a sourcing chain (mlkit.findings.chain), in the words students read beside each one;
#: the diagram, the list under it and the chain's own explanations all take them from here.
LINK_KINDS: dict[str, str] = {
    "reader": "you, the reader",
    "article": "the article you read",
    "outlet": "a news outlet",
    "group": "a group of people",
    "person": "a person",
    "unknown": "not known",
}
