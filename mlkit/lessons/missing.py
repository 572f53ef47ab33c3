"""Lesson views of what is missing and of careful reporting (lessons 05–06): claims with no source,
charged words and whether they are accurate, quotation marks, and the careful wire-style version of the
same story beside the original."""

from __future__ import annotations

from collections import Counter

from mlkit import findings
from mlkit.labels import STANCE_WORDS, STANCES
from mlkit.lessons._common import SOURCE_GROUPS, family, result, source_counts
from mlkit.lessons._data import wire_version
from mlkit.lessons._view import Builder, View, esc, quoted_list
from mlkit.result import Result

#: Plain names for the quotation problems ``findings.quotation_integrity`` reports.
QUOTATION_ISSUE_NAMES = {
    "unbalanced": "a quotation mark is missing",
    "mixed_marks": "odd or mismatched marks",
    "stray_punctuation": "stray punctuation (probably a typo)",
    "editorial_insertion": "words added by the writer",
    "scare_quote": "scare quotes",
}


def quotation_issue_name(issue: str) -> str:
    return QUOTATION_ISSUE_NAMES.get(issue, issue.replace("_", " "))


def unsourced_table(text: str | Result | None = None) -> View:
    """Each sentence stating facts with no source and no hedge on whether they are true, in full."""
    rows = [(" ".join(u["text"].split()), u["reason"]) for u in findings.unsourced_sentences(result(text))]
    return (
        Builder()
        .table("Sentences that state facts with no source", ("Sentence", "Why the kit lists it"), rows)
        .view()
    )


def loaded_words_table(text: str | Result | None = None) -> View:
    """Charged words, why they are charged, a plainer word, and when the strong word is the accurate one."""
    found = findings.loaded_words(result(text))
    times = Counter(w["text"].lower() for w in found)
    rows, seen = [], set()
    for w in found:  # each word once, with how often it is used ("regime" is used twice in the 2013 article)
        if w["text"].lower() in seen:
            continue
        seen.add(w["text"].lower())
        n = times[w["text"].lower()]
        word = w["text"] + (f" (used {n} times)" if n > 1 else "")
        rows.append((word, w["explanation"], w["neutral"], w.get("accurate_when") or "-"))
    header = ("Word", "Why it is charged", "A plainer word", "When the strong word is the accurate one")
    return Builder().table("Charged words in the text", header, rows).view()


def quotation_table(text: str | Result | None = None) -> View:
    """What the kit notices about quotation marks: missing marks, words added in [brackets], scare quotes."""
    rows = [
        (" ".join(q["text"].split()), quotation_issue_name(q["issue"]), q["explanation"])
        for q in findings.quotation_integrity(result(text))
    ]
    return (
        Builder()
        .table("Quotation marks to look at", ("Quotation", "What the kit notices", "What it means"), rows)
        .view()
    )


def show_wire_version() -> View:
    """Lesson 06's careful version of the same story, labelled as written for the kit."""
    text = wire_version()
    head, _, body = text.partition("\n")
    b = Builder().para(
        "Written for this kit: how a careful news agency might have reported the same claims in July 2013, "
        "using only what the earlier reports said. It is not a real agency report.",
        strong="Label:",
    )
    b.raw(f"<h3>{esc(head)}</h3>", head)
    for para in body.split("\n\n"):
        if para.strip():
            b.para(" ".join(para.split()))
    return b.view()


def _profile(text: str | Result) -> list[str]:
    """One column of the side-by-side table: measured, never typed."""
    r = result(text)
    head = findings.headline(r)
    n = source_counts(r)
    stances = Counter(str(a.get("verb_stance")) for a in r.attributions)
    unverified = [h["text"] for h in r.hedges if h.get("category") == "unverified"]
    hvb = findings.headline_vs_body(r)
    return [
        head["text"] if head else "(none)",
        "yes" if hvb["overstated"] else "no",
        ", ".join(f"{g} {n[g]}" for g in SOURCE_GROUPS),
        ", ".join(f"{STANCE_WORDS[s].split(' (')[0]} {stances.get(s, 0)}" for s in STANCES),  # as the chart
        quoted_list([f"{h['text']} ({family(h['category'])})" for h in r.hedges]) if r.hedges else "none",
        quoted_list(unverified) if unverified else "no",
    ]


def side_by_side(original: str | Result | None = None, careful: str | Result | None = None) -> View:
    """The 2013 article and the careful version measured the same way, row by row."""
    a = result(original)
    b_text = result(wire_version() if careful is None else careful)
    labels = (
        "Headline",
        "Headline surer than the body?",
        "Who stands behind each report",
        "Reporting verbs",
        "Hedges (family)",
        "Says what could not be checked?",
    )
    rows = [(label, x, y) for label, x, y in zip(labels, _profile(a), _profile(b_text), strict=True)]
    header = ("", "The 2013 article", "The careful version")
    return Builder().table("The same story, measured the same way", header, rows).view()
