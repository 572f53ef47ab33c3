"""Lesson views of who says so (lessons 03–04): sources by kind, every report in a table, the chain of
hands traced through the source pack, and the source pack's versions side by side."""

from __future__ import annotations

from typing import Any

from mlkit import findings, sourcing
from mlkit.findings.chain import with_upstream
from mlkit.labels import STANCE_WORDS
from mlkit.lessons._common import SOURCE_GROUP_WORDS, SOURCE_GROUPS, result, source_counts, speaker, who
from mlkit.lessons._data import source_pack
from mlkit.lessons._view import Builder, View, plural, quoted_list
from mlkit.result import Result


def _inside(a: dict[str, Any], r: Result) -> dict[str, Any] | None:
    """The report whose content holds this report's cue ("ISIS denied ..." inside "According to ...")."""
    cue = a["cue"]
    best = None
    for other in r.attributions:
        content = other.get("content")
        if (
            other is a
            or not content
            or not (content["start"] <= cue["start"] and cue["end"] <= content["end"])
        ):
            continue
        if (
            best is None
            or content["end"] - content["start"] < best["content"]["end"] - best["content"]["start"]
        ):
            best = other
    return best


def how_known(a: dict[str, Any], r: Result) -> str:
    """How the writer knows of this report, as far as the article says: one definition for every view.

    A report told inside another report reached the writer through that report's speaker ("Syrian
    activists have reported" inside "according to Asharq Al-Awsat"; "we were assured" inside what the
    activist says). Otherwise a speaker the article gives as its source anywhere ("according to the
    activist") is the writer's source for every report by that speaker, however it is referred to (pronouns
    and "the same source" resolved). For anyone else, the article does not say.
    """
    outer = _inside(a, r)
    who_says = speaker(a, r)
    if outer is not None:
        passed_on = f"passed on by {speaker(outer, r) or who(outer, r)}"
        return f"{passed_on}, who does not say where it came from" if who_says is None else passed_on
    if who_says is None:
        return "the text does not say whose report this is"
    given = _given_as_source(r).get(who_says.lower())
    if given is not None:
        return f"from {given}, the source the article gives"
    return "the article does not say how the writer learned of it"


def _given_as_source(r: Result) -> dict[str, str]:
    """Every speaker the article itself names as where its news came from ("according to ..."), by the
    speaker's words in lower case ("Police" and "police" are one speaker), as the first such report says."""
    given: dict[str, str] = {}
    for a in r.attributions:
        if a.get("kind") == "according_to" and _inside(a, r) is None and (s := speaker(a, r)) is not None:
            given.setdefault(s.lower(), s)
    return given


def source_summary(text: str | Result | None = None) -> View:
    """Reports by who stands behind them (the one count of sources by kind), with the names in each."""
    r = result(text)
    n = source_counts(r)
    names: dict[str, list[str]] = {g: [] for g in SOURCE_GROUPS}
    groups = sourcing.groups(r)
    for a, group in zip(r.attributions, groups, strict=True):
        names[group].append(who(a, r) if a.get("source") else a["cue"]["text"])
    rows = [
        (SOURCE_GROUP_WORDS[g], str(n[g]), quoted_list(names[g]) if names[g] else "none")
        for g in SOURCE_GROUPS
    ]
    b = Builder().para(
        f"The kit finds {plural(len(r.attributions), 'report')} (a source with a reporting word)."
    )
    b.table(
        "Who stands behind each report?",
        ("Source", "How many", "Which (the reporting word where no one is named)"),
        rows,
    )
    unsourced_named = [
        a
        for a, group in zip(r.attributions, groups, strict=True)
        if group == "named" and how_known(a, r).startswith("the article")
    ]
    if unsourced_named:
        b.para(
            f"Careful: {quoted_list([who(a, r) for a in unsourced_named])} is named as the one speaking, but "
            "the "
            "article does not say how the writer learned what was said. A named speaker is not the same as a "
            "source that tells the reader where the news came from."
        )
    return b.view()


def attribution_table(text: str | Result | None = None) -> View:
    """Every report: reporting word, who says it, named or not, the verb's colour, what is said (its start)
    and how the writer knows: the one table of reports a lesson shows."""
    r = result(text)
    rows = [
        (
            str(n),
            " ".join(a["cue"]["text"].split()),
            who(a, r),
            group,
            STANCE_WORDS.get(str(a.get("verb_stance")), str(a.get("verb_stance"))),
            _start_of(a.get("content")),
            how_known(a, r),
        )
        for n, (a, group) in enumerate(zip(r.attributions, sourcing.groups(r), strict=True), start=1)
    ]
    header = ("#", "Reporting word", "Who", "Named?", "The verb", "What is said", "How does the writer know?")
    return Builder().table("Every report in the text", header, rows).view()


def _start_of(content: dict[str, Any] | None, width: int = 70) -> str:
    """The first words of what a report says, enough to find it in the text."""
    words = " ".join(content["text"].split()) if content else ""
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"


def _is_pack_article(r: Result, pack: dict[str, Any]) -> bool:
    head = findings.headline(r)
    return bool(head) and " ".join(head["text"].split()) == pack.get("article_title")


def traced_chain(text: str | Result | None = None) -> dict[str, Any]:
    """The chain of hands: from the text, plus the source pack's earlier versions for the 2013 article.

    This is the one chain every lesson view of the seed article shows (widget, list, prose).
    """
    r = result(text)
    chain = findings.sourcing_chain(r)
    pack = source_pack()
    return with_upstream(chain, pack) if _is_pack_article(r, pack) else chain


def hands_summary(text: str | Result | None = None) -> View:
    """The chain as a numbered list from the reader back to the first witness, with the count of hands."""
    chain = traced_chain(text)
    b = Builder().para(chain["explanation"], strong=f"Hands you can see: {chain['hands']}.")
    b.items([f"{link['label']}: {link['explanation']}" for link in chain["links"]], ordered=True)
    return b.view()


def source_pack_table() -> View:
    """The versions of the 2013 report side by side: what he is called, who says so, how sure it sounds."""
    pack = source_pack()
    versions = pack["versions"]
    header = ("", *(v["outlet"] for v in versions))
    rows = [(label, *(v[key] for v in versions)) for key, label in pack["rows"]]
    rows.append(("Where to find it", *(v["where"] for v in versions)))
    rows.append(("Credit", *(v["credit"] for v in versions)))
    b = Builder().table("The same claim in three versions, oldest first", header, rows)
    return b.para(pack["note"]).view()
