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

#: The one category every booster carries.
BOOSTER_CATEGORIES = ("booster",)

#: The stance of a reporting verb, with the words the source table shows for it (in the charts' order).
STANCE_WORDS: dict[str, str] = {
    "neutral": "neutral (just reports)",
    "distancing": "distancing (casts doubt)",
    "endorsing": "endorsing (suggests it is true)",
    "other": "other (colours the claim)",
}
STANCES: tuple[str, ...] = tuple(STANCE_WORDS)
