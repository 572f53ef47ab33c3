"""Lesson views of the article itself (lessons 00–02): the headline, the page and its furniture, the
headline against the body, the hedges by family and the trap sentences."""

from __future__ import annotations

from collections.abc import Iterable

import mlkit
from mlkit import findings
from mlkit.lessons._common import FAMILY_OF, HEDGE_FAMILIES, counts, family, hedge_counts, result
from mlkit.lessons._data import trap_sentences
from mlkit.lessons._view import CELL, HEAD, Builder, View, esc, plural, quoted_list
from mlkit.result import Result


def show_headline(text: str | None = None) -> View:
    """Only the headline, so lesson 00 can ask for a first impression before the body is read."""
    span = findings.headline(result(text))
    words = span["text"] if span else "(this text has no headline the kit can find)"
    return Builder().raw(f"<h3>{esc(words)}</h3>", words).view()


def show_page(text: str | None = None) -> View:
    """The text exactly as received, one numbered row per line, wrapping at word boundaries."""
    source = mlkit.seed_article() if text is None else text
    rows = [(str(n), line) for n, line in enumerate(source.splitlines(), start=1) if line.strip()]
    b = Builder()
    body = "".join(
        f'<tr><th scope="row"{HEAD}>{n}</th><td class="mlkit-page" dir="auto"{CELL}>{esc(line)}</td></tr>'
        for n, line in rows
    )
    b.raw(
        '<table style="border-collapse:collapse"><caption style="text-align:left;font-weight:bold">'
        "The page as the kit received it (blank lines left out, numbers kept)</caption>"
        f'<thead><tr><th scope="col"{HEAD}>Line</th><th scope="col"{HEAD}>Text</th></tr></thead>'
        f"<tbody>{body}</tbody></table>",
        "\n".join(f"{n:>3} | {line}" for n, line in rows),
    )
    return b.view()


def page_furniture_table(text: str | None = None) -> View:
    """The lines the kit thinks belong to the web page, not to the article, with the reason."""
    rows = [(" ".join(f["text"].split()), f["reason"]) for f in findings.page_furniture(result(text))]
    return Builder().table("Lines of the page that are not the article", ("Line", "Why"), rows).view()


def headline_summary(text: str | None = None) -> View:
    """The headline's certainty next to each body sentence about the same claim: the text version of
    the headline-versus-body chart."""
    hvb = findings.headline_vs_body(result(text))
    b = Builder()
    if hvb["headline"]:
        b.para(
            f"{hvb['headline']['text']} ({round(100 * hvb['headline_certainty'])}% sure)", strong="Headline:"
        )
    rows = [
        (
            f"S{n}",
            f"{round(100 * s['certainty'])}%",
            " ".join(s["text"].split()),
            "yes" if s.get("related") else "no",
        )
        for n, s in enumerate(hvb["sentences"], start=1)
    ]  # S1, S2 … as the chart labels them, so each bar can be found in the table
    header = ("On the chart", "Sure", "Sentence", "About the same claim?")
    b.table("How sure each sentence under the headline sounds", header, rows)
    b.para(
        "Only sentences about the same claim as the headline are compared with it: a sure sentence about "
        "something else does not back the headline up."
    )
    return b.para(hvb["explanation"]).view()


def hedge_families(text: str | Result | None = None) -> View:
    """The four families with the words of the text in each, and the total (the one hedge count)."""
    r = result(text)
    found: dict[str, list[str]] = {key: [] for key in HEDGE_FAMILIES}
    for h in r.hedges:
        found[FAMILY_OF.get(h.get("category", ""), "possible")].append(h["text"])
    n = hedge_counts(r)
    rows = [
        (name, meaning, str(n.get(key, 0)), quoted_list(found[key]) if found[key] else "none here")
        for key, (name, meaning, _) in HEDGE_FAMILIES.items()
    ]
    b = Builder().table(
        "The four families of hedges", ("Family", "What it signals", "How many", "In this text"), rows
    )
    return b.para(f"In all, the kit marks {plural(len(r.hedges), 'hedge')}.").view()


def hedge_table(text: str | Result | None = None) -> View:
    """Every hedge with its family and explanation: the text version of the highlighter's hedges."""
    r = result(text)
    rows = [(" ".join(h["text"].split()), family(h["category"]), h["explanation"]) for h in r.hedges]
    return Builder().table("Every hedge the kit marks", ("Words", "Family", "Why it matters"), rows).view()


def trap_demo(sentences: Iterable[str] | None = None) -> View:
    """What the kit marks in the trap sentences, so students see that a word list is not enough."""
    rows = []
    for sentence in trap_sentences() if sentences is None else sentences:
        hedges = result(sentence).hedges
        marked = "; ".join(f"“{h['text']}” ({family(h['category'])})" for h in hedges) or "no hedge marked"
        rows.append((sentence, marked))
    return Builder().table("What the kit marks in each sentence", ("Sentence", "The kit marks"), rows).view()


def count_summary(text: str | Result | None = None) -> View:
    """The counts in one sentence, so a lesson never types a number the kit might change."""
    c = counts(text)
    return (
        Builder()
        .para(
            f"The kit marks {plural(c['hedges'], 'hedge')}, {plural(c['boosters'], 'booster')} and "
            f"{plural(c['attributions'], 'report')} (a source with a reporting word) in "
            f"{plural(c['sentences'], 'sentence')}."
        )
        .view()
    )
