"""Small helpers the lesson notebooks call, so that every code cell stays one line a student can run.

Each helper prints plain text computed from ``mlkit.analyze`` (never a number typed into the prose), so
the lessons and the kit cannot disagree, and every widget in a lesson has a text version beside it.
Lesson content that is data (questions, checklists, the careful passage, trap sentences) lives in
``lessons/`` as files a teacher can edit.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import mlkit
from mlkit import lexicon
from mlkit.labels import HEDGE_CATEGORY_NAMES, STANCES
from mlkit.result import Result

#: The question id lesson 00 stores the headline confidence under; lesson 08 compares against it.
HEADLINE_POLL_ID = "00_headline_confidence"

#: Plain names for the quotation problems ``findings.quotation_integrity`` reports.
QUOTATION_ISSUE_NAMES = {
    "unbalanced": "a quotation mark is missing",
    "mixed_marks": "odd or mismatched marks",
    "stray_punctuation": "stray punctuation (probably a typo)",
    "editorial_insertion": "words added by the writer",
    "scare_quote": "scare quotes",
}


def hedge_category_name(category: str) -> str:
    """The lesson-02 name of a hedge category; an unknown key is shown readably rather than raw."""
    if category in HEDGE_CATEGORY_NAMES:
        return HEDGE_CATEGORY_NAMES[category][0]
    return category.replace("_", " ").capitalize()


def quotation_issue_name(issue: str) -> str:
    """A plain name for a quotation issue key; an unknown key is shown readably rather than raw."""
    return QUOTATION_ISSUE_NAMES.get(issue, issue.replace("_", " "))


def lessons_dir() -> Path:
    """Find the lessons folder whether the kit runs from the repository, Binder or a JupyterHub.

    MLKIT_LESSONS_DIR wins; then the folder beside the package; then the notebook's working directory.
    """
    candidates = []
    if os.environ.get("MLKIT_LESSONS_DIR"):
        candidates.append(Path(os.environ["MLKIT_LESSONS_DIR"]))
    candidates += [Path(__file__).resolve().parents[1] / "lessons", Path.cwd(), Path.cwd() / "lessons"]
    for folder in candidates:
        if (folder / "questions.json").is_file():
            return folder
    raise FileNotFoundError(
        "Cannot find the lessons folder (lessons/questions.json). Open the notebooks from the kit's "
        "lessons/ folder, or set MLKIT_LESSONS_DIR to it."
    )


@lru_cache(maxsize=1)
def _lesson_data() -> dict[str, Any]:
    """questions.json, read once per kernel (restart the kernel after editing it)."""
    return json.loads((lessons_dir() / "questions.json").read_text(encoding="utf-8"))


def question_args(question_id: str) -> dict[str, Any]:
    """Keyword arguments for ``mlkit.widgets.question``, read from lessons/questions.json."""
    questions = _lesson_data()["questions"]
    if question_id not in questions:
        raise KeyError(f"no question {question_id!r} in lessons/questions.json")
    return {"question_id": question_id, **questions[question_id]}


def checklist_items(checklist_id: str) -> list[str]:
    """The items of one checklist in lessons/questions.json (for ``mlkit.widgets.checklist``)."""
    checklists = _lesson_data()["checklists"]
    if checklist_id not in checklists:
        raise KeyError(f"no checklist {checklist_id!r} in lessons/questions.json")
    return list(checklists[checklist_id])


def careful_passage() -> str:
    """The well-sourced passage written for lesson 06, without its '#' label lines."""
    raw = (lessons_dir() / "passages" / "careful_reporting.txt").read_text(encoding="utf-8")
    return "\n".join(line for line in raw.splitlines() if not line.startswith("#")).strip() + "\n"


def trap_sentences() -> list[str]:
    """Sentences where a word list would mark a hedge wrongly (lessons/passages/traps.txt)."""
    raw = (lessons_dir() / "passages" / "traps.txt").read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=16)
def _analyze(text: str, lexicon_version: int) -> Result:
    return mlkit.analyze(text)


def _result(text: str | None) -> Result:
    """Analyse once per text and lexicon version, so a word a teacher adds at run time shows up."""
    return _analyze(mlkit.seed_article() if text is None else text, lexicon.version())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _clip(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _print_table(rows: Sequence[Sequence[str]], header: Sequence[str], wrap: int = 64) -> None:
    """A fixed-width text table, readable by a screen reader and without colour.

    The last column (an explanation) is wrapped rather than cut, so no reason is lost.
    """
    if not rows:
        print("(nothing found)")
        return
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    widths[-1] = min(widths[-1], wrap)
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header).rstrip())
    print(line.format(*("-" * w for w in widths)).rstrip())
    for row in rows:
        last = textwrap.wrap(str(row[-1]), wrap) or [""]
        print(line.format(*row[:-1], last[0]).rstrip())
        for more in last[1:]:
            print(line.format(*([""] * (len(row) - 1)), more).rstrip())


def counts(text: str | None = None) -> dict[str, int]:
    """How many hedges, boosters, attributions and sentences the kit finds (seed article by default)."""
    r = _result(text)
    return {
        "hedges": len(r.hedges),
        "boosters": len(r.boosters),
        "attributions": len(r.attributions),
        "sentences": len(r.sentences),
    }


def count_summary(text: str | None = None) -> None:
    """Print the counts in a sentence, so the lesson never types a number the kit might change."""
    c = counts(text)
    print(
        f"The kit marks {_plural(c['hedges'], 'hedge')}, {_plural(c['boosters'], 'booster')} and "
        f"{_plural(c['attributions'], 'attribution')} in {_plural(c['sentences'], 'sentence')}."
    )


def show_headline(text: str | None = None) -> None:
    """Print only the headline, so lesson 00 can ask for a first impression before the body is read."""
    from mlkit import findings

    span = findings.headline(_result(text))
    print(span["text"] if span else "(this text has no headline the kit can find)")


def show_page(text: str | None = None) -> None:
    """Print the text exactly as received, with line numbers, so students can point at a line."""
    source = mlkit.seed_article() if text is None else text
    for number, line in enumerate(source.splitlines(), start=1):
        print(f"{number:>3} | {line}")


def page_furniture_table(text: str | None = None) -> None:
    """Print the lines the kit thinks belong to the web page, not to the article, with the reason."""
    from mlkit import findings

    rows = [(_clip(f["text"], 45), f["reason"]) for f in findings.page_furniture(_result(text))]
    _print_table(rows, ("line", "why it is not the article"))


def hedge_table(text: str | None = None) -> None:
    """Print every hedge with its category and explanation: the text version of the highlighter."""
    r = _result(text)
    rows = [(h["text"], hedge_category_name(h["category"]), h["explanation"]) for h in r.hedges]
    _print_table(rows, ("words", "kind of hedge", "why it matters"))


def hedges_by_category(text: str | None = None) -> None:
    """Print, for each hedge category, what it signals and which words of the text fall in it."""
    found: dict[str, list[str]] = {}
    for h in _result(text).hedges:
        found.setdefault(h["category"], []).append(h["text"])
    for category, (name, meaning) in HEDGE_CATEGORY_NAMES.items():
        words = ", ".join(f"“{w}”" for w in found.get(category, [])) or "none in this text"
        print(f"{name}: {meaning}\n    found: {words}")


def trap_demo(sentences: Iterable[str] | None = None) -> None:
    """Run the kit on the trap sentences and print what it marks, so students see a list is not enough."""
    for sentence in trap_sentences() if sentences is None else sentences:
        hedges = _result(sentence).hedges
        marked = (
            ", ".join(f"“{h['text']}” ({hedge_category_name(h['category'])})" for h in hedges)
            or "no hedge marked"
        )
        print(f"{sentence}\n    → {marked}")


def source_summary(text: str | None = None) -> None:
    """Print how many attributions have a named, unnamed, pronoun or no source, and the verb stances."""
    r = _result(text)
    types = Counter(a["source_type"] for a in r.attributions)
    stances = Counter(a["verb_stance"] for a in r.attributions)
    print(f"The kit finds {_plural(len(r.attributions), 'attribution')}.")
    print("Who is the source: " + ", ".join(f"{t} {types.get(t, 0)}" for t in _SOURCE_TYPES))
    print("How the verb colours it: " + ", ".join(f"{s} {stances.get(s, 0)}" for s in STANCES))


_SOURCE_TYPES = ("named", "unnamed", "pronoun", "none")


def attribution_table(text: str | None = None) -> None:
    """Print every attribution: the cue, who the source is (and who a pronoun points back to)."""
    rows = []
    for a in _result(text).attributions:
        source = a["source"]["text"] if a.get("source") else "(nobody named)"
        resolved = a.get("resolved_source")
        if a["source_type"] == "pronoun" and resolved:
            source = f"{source} → {resolved['text']}"
        rows.append((a["cue"]["text"], _clip(source, 40), a["source_type"], a["verb_stance"]))
    _print_table(rows, ("cue", "source", "source type", "verb stance"))


def sentence_with(word: str, text: str | None = None) -> str:
    """The first sentence of the text that contains ``word`` (case-insensitive), for the rewrite lab."""
    r = _result(text)
    for s in r.sentences:
        sentence = r.text[s["start"] : s["end"]]
        if word.lower() in sentence.lower():
            return sentence.strip()
    raise ValueError(f"no sentence contains {word!r}")


def hands_summary(text: str | None = None) -> None:
    """Print the sourcing chain as numbered steps from the reader back to the first witness."""
    from mlkit import findings

    chain = findings.sourcing_chain(_result(text))
    print(f"Hands the claim passed through before it reached you: {chain['hands']}")
    for step, link in enumerate(chain["links"], start=1):
        print(f"{step}. {link['label']} ({link['kind']}): {link['explanation']}")
    print(chain["explanation"])


def headline_summary(text: str | None = None) -> None:
    """Print the headline's certainty next to each body sentence's, and whether the sentence is about the
    same claim (only those are compared): the text version of that widget."""
    from mlkit import findings

    hvb = findings.headline_vs_body(_result(text))
    if hvb["headline"]:
        print(f"Headline ({hvb['headline_certainty']:.0%} certain): {hvb['headline']['text']}")
    rows = [
        (
            f"{s['certainty']:.0%}",
            str(s["hedges"]),
            "yes" if s["attributed"] else "no",
            "yes" if s.get("related") else "no",
            _clip(s["text"], 60),
        )
        for s in hvb["sentences"]
    ]
    _print_table(rows, ("certainty", "hedges", "attributed", "Same claim?", "sentence"))
    print(
        "Only sentences about the same claim as the headline (Same claim? = yes) are compared with it; "
        "a sure sentence about something else does not back the headline up."
    )
    print(hvb["explanation"])


def unsourced_table(text: str | None = None) -> None:
    """Print, in full, each sentence stating facts with no source and no hedge on whether they are true."""
    from mlkit import findings

    found = findings.unsourced_sentences(_result(text))
    if not found:
        print("(nothing found)")
    for number, u in enumerate(found, start=1):
        print(
            textwrap.fill(
                " ".join(u["text"].split()), 90, initial_indent=f"{number}. ", subsequent_indent="   "
            )
        )
        print(textwrap.fill(u["reason"], 90, initial_indent="   Why: ", subsequent_indent="   ") + "\n")


def loaded_words_table(text: str | None = None) -> None:
    """Print the emotionally loaded words and a more neutral word a careful writer could use."""
    from mlkit import findings

    rows = [
        (w["text"], w["neutral"], _clip(w["explanation"], 70)) for w in findings.loaded_words(_result(text))
    ]
    _print_table(rows, ("loaded word", "more neutral", "why"))


def quotation_table(text: str | None = None) -> None:
    """Print quotation problems: unbalanced marks, editorial insertions, scare quotes."""
    from mlkit import findings

    rows = [
        (_clip(q["text"], 30), quotation_issue_name(q["issue"]), q["explanation"])
        for q in findings.quotation_integrity(_result(text))
    ]
    _print_table(rows, ("quotation", "issue", "what it means"))


def show_careful_passage() -> None:
    """Print the passage written for lesson 06, with the label that says it was written for the kit."""
    print("Written for this kit as a teaching example (invented, not a real news report):\n")
    print(careful_passage())
