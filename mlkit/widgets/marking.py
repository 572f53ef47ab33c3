"""Exercises done on the article itself: the student marks words, presses Check, and sees what they
found, missed and added, each with its reason in place. Spot the hedges and who is the source.

The comparison is plain functions over spans (``compare``), so it is tested without a browser; the
exercise classes only wire it to the article view and save every change through ``mlkit.store``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mlkit import sourcing
from mlkit.labels import FAMILY_OF, HEDGE_FAMILIES
from mlkit.result import Result
from mlkit.widgets import saving
from mlkit.widgets._html import as_result, paragraphs
from mlkit.widgets.article_view import ArticleView


@dataclass(frozen=True)
class Gold:
    """One thing the student should find: where, of what kind, and why it counts."""

    start: int
    end: int
    kind: str
    text: str
    why: str


@dataclass
class Outcome:
    """One line of a check: a found, missed, extra or wrong-kind span and its reason."""

    status: str  # found | missed | extra | wrong_kind
    start: int
    end: int
    text: str
    why: str


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def compare(
    picks: Iterable[tuple[int, int, str]],
    gold: Iterable[Gold],
    text: str,
    why_extra: Callable[[int, int], tuple[str, str]],
) -> list[Outcome]:
    """Each gold span is found (a pick of its kind overlaps it), of the wrong kind, or missed; each pick
    that overlaps no gold span is extra, or "other_kind" when ``why_extra`` says it is something else
    worth noticing (a reporting word in a hedge hunt): a thoughtful pick, never counted as a mistake.
    Overlap, not exact edges: "reportedly" is found by clicking it."""
    picks, gold = list(picks), list(gold)
    out = []
    for g in gold:
        hits = [p for p in picks if _overlaps(p[0], p[1], g.start, g.end)]
        status = "found" if any(p[2] == g.kind for p in hits) else ("wrong_kind" if hits else "missed")
        out.append(Outcome(status, g.start, g.end, g.text, g.why))
    for s, e, _ in picks:
        if not any(_overlaps(s, e, g.start, g.end) for g in gold):
            status, why = why_extra(s, e)
            out.append(Outcome(status, s, e, text[s:e], why))
    out.sort(key=lambda o: (o.start, o.end))
    return out


def text_id(text: str) -> str:
    """A short fingerprint of a text, so saved marks are only restored onto the same text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class MarkingExercise(ArticleView):
    """Select words in the article, Check, see found / missed / extra in place; saved on every change."""

    target = "thing"  # what the exercise asks for, in the saved answer ("hedge", "source")
    status_labels: dict[str, str] = {}

    def __init__(self, result: Result, question_id: str, gold: list[Gold], **view: Any) -> None:
        self.question_id = question_id
        self.gold = gold
        self.text_id = text_id(result.text)
        self.outcomes: list[Outcome] = []
        self.first_check: dict[str, Any] | None = None
        self.score: tuple[int, int, int] | None = None  # found, total, extra
        self._restoring = True
        super().__init__(result, mode="select", checkable=True, **view)
        self.on_command("check", self.check)
        self.on_command("edit", self.edit)
        self._restore()
        self._restoring = False
        self.observe(self._on_picks, names="picks")

    # --- saving and restoring --------------------------------------------------------------------

    def _value(self, checked: bool) -> dict[str, Any]:
        value: dict[str, Any] = {
            "text_id": self.text_id,
            "target": self.target,
            "marks": [list(p) for p in self.picked()],
            "checked": checked,
        }
        if self.first_check is not None:
            value["first_check"] = self.first_check
        if self.outcomes and checked:
            value["last_check"] = self._check_record()
        return value

    def _save(self, checked: bool) -> None:
        _, self.status = saving.save(self.question_id, self._value(checked), "marks")
        self.send_state("status")  # even when unchanged: the page shows "Saving…" until this arrives

    def _restore(self) -> None:
        saved = saving.saved(self.question_id, "marks")
        if not isinstance(saved, dict) or saved.get("text_id") != self.text_id:
            return
        self.set_picked((s, e, k) for s, e, k in saved["marks"])
        self.first_check = saved.get("first_check")
        if saved.get("checked"):
            self._show_check()
        self.status = "Your saved marks are back."

    def _on_picks(self, _change: Any) -> None:
        if not self._restoring:
            self._save(checked=False)

    # --- checking --------------------------------------------------------------------------------

    def why_extra(self, start: int, end: int) -> tuple[str, str]:
        return "extra", "The kit does not mark this."

    def _check_record(self) -> dict[str, Any]:
        n = Counter(o.status for o in self.outcomes)

        def words(*statuses: str) -> list[str]:  # as a teacher reads them: one plain space between words
            return [" ".join(o.text.split()) for o in self.outcomes if o.status in statuses]

        return {
            "score": [n["found"], len(self.gold)],
            "found": words("found"),
            "missed": words("missed", "wrong_kind"),
            "extra": words("extra"),
        }

    def _show_check(self) -> None:
        self.outcomes = compare(self.picked(), self.gold, self.result.text, self.why_extra)
        n = Counter(o.status for o in self.outcomes)
        self.score = (n["found"], len(self.gold), n["extra"])
        self.feedback = [
            {
                "id": i,
                "s": self.span16(o.start, o.end)[0],
                "e": self.span16(o.start, o.end)[1],
                "status": o.status,
                "label": self.status_labels.get(o.status, o.status),
                "text": o.text,
                "why": o.why,
            }
            for i, o in enumerate(self.outcomes)
        ]
        self.summary = self.summary_text(n)
        self.mode = "check"

    def summary_text(self, n: Counter[str]) -> str:
        return f"You found {n['found']} of {len(self.gold)}."

    def check(self) -> dict[str, Any]:
        """Compare the student's marks with the kit's, show the result in place, and save it."""
        self._show_check()
        if self.first_check is None:
            self.first_check = self._check_record()
        self._save(checked=True)
        return self._check_record()

    def edit(self) -> None:
        """Back to marking, with every mark kept."""
        self.mode = "select"
        self._save(checked=False)


#: What a pick in a hedge hunt is when the kit marks it as something else: words worth noticing that this
#: exercise does not count, so the student hears why instead of "wrong".
OTHER_KINDS = {
    "cue": (
        "This is a reporting word: it tells you the claim comes from someone else (who says so is lesson "
        "03's question). It shows the news is second-hand, but the kit files it with who says so, not "
        "with hedges."
    ),
    "booster": "This is a booster: it makes the claim sound more certain, the opposite of a hedge.",
}


def family_hint(family: str) -> str:
    """A hedge family in lesson 02's words, without its example words (they would give answers away)."""
    if family not in HEDGE_FAMILIES:
        return family.replace("_", " ")
    name, meaning, _ = HEDGE_FAMILIES[family]
    return f"{name.lower()}: {meaning.split(' (')[0]}"


def family_of(hedge: dict[str, Any]) -> str:
    category = str(hedge.get("category", ""))
    return FAMILY_OF.get(category, category)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


class SpotTheHedges(MarkingExercise):
    """Click every word that makes a claim sound less certain; Check shows found, missed and extra."""

    target = "hedge"
    status_labels = {
        "found": "Found",
        "missed": "Missed",
        "extra": "Not a hedge",
        "other_kind": "Not a hedge, but worth noticing",
        "wrong_kind": "Found",
    }

    def __init__(self, result: Result, question_id: str, categories: Iterable[str] | None = None) -> None:
        wanted = set(categories) if categories is not None else None
        self.hedges = [h for h in result.hedges if wanted is None or h.get("category") in wanted]
        self.other_hedges = [h for h in result.hedges if h not in self.hedges]
        gold = [Gold(h["start"], h["end"], "hedge", h["text"], h.get("explanation", "")) for h in self.hedges]
        super().__init__(
            result,
            question_id,
            gold,
            targets=[
                {"key": "hedge", "label": "Hedge", "description": "a word that makes a claim less certain"}
            ],
            context=[],
            label="Spot the hedges in the article",
            help=(
                "Click every word you think is a hedge: a word that makes a claim sound less certain. "
                "Drag to mark several words at once; click a marked word again to unmark it. With the "
                "keyboard: Tab into the article, arrow keys to move, Space to mark. Then press Check."
            ),
        )
        self.hint = self.hint_text(result)  # needs the furniture the view has just found

    def hint_text(self, result: Result) -> str:
        """How many hedges of which kinds, and in which paragraphs (not which words)."""
        kinds = Counter(family_of(h) for h in self.hedges)
        body = [(s, e) for s, e in paragraphs(result.text) if not self._is_furniture(s, e)]
        where = Counter(i + 1 for h in self.hedges for i, (s, e) in enumerate(body) if s <= h["start"] < e)
        parts = [f"There are {_plural(len(self.hedges), 'hedge')} to find."]
        parts += [f"{n} × {family_hint(k)}." for k, n in sorted(kinds.items())]
        if where:
            # the article shows no paragraph numbers, so each paragraph is named by its first words
            places = "; ".join(f"{n} in {self.paragraph_name(body, p)}" for p, n in sorted(where.items()))
            parts.append(f"Where: {places}.")
        return " ".join(parts)

    def paragraph_name(self, body: list[tuple[int, int]], number: int, words: int = 3) -> str:
        """A paragraph pointed at by its first words (the article shows no numbers), stopping before any
        hedge so the hint never gives one away; by its number when it starts with a hedge."""
        start, end = body[number - 1]
        shown = []
        for m in re.finditer(r"\S+", self.result.text[start:end]):
            s, e = start + m.start(), start + m.end()
            if len(shown) == words or any(_overlaps(s, e, h["start"], h["end"]) for h in self.result.hedges):
                break
            shown.append(m.group())
        opening = " ".join(shown).lstrip("\"'“‘«")  # its own opening quotation mark would be doubled
        if not opening:
            return f"paragraph {number} (counting from the top, page furniture left out)"
        return f"the paragraph that starts “{opening}…”"

    def _is_furniture(self, start: int, end: int) -> bool:
        return any(
            self.conv.from16(f["s"]) <= start and end <= self.conv.from16(f["e"]) for f in self.furniture
        )

    def why_extra(self, start: int, end: int) -> str:
        for h in self.other_hedges:
            if _overlaps(start, end, h["start"], h["end"]):
                kind = family_hint(family_of(h)).split(":")[0]
                return "other_kind", (
                    f"Well spotted: this is a hedge of another kind ({kind}), which this exercise does not "
                    f"count yet. {h.get('explanation', '')}"
                )
        for m in self.marks:
            if m["cat"] in OTHER_KINDS and _overlaps(start, end, *map(self.conv.from16, (m["s"], m["e"]))):
                return "other_kind", OTHER_KINDS[m["cat"]]
        return "extra", (
            "The kit does not count this as a hedge. Does it make the claim less certain, or is it a plain "
            "fact?"
        )

    def summary_text(self, n: Counter[str]) -> str:
        parts = [f"You found {n['found']} of {_plural(len(self.gold), 'hedge')}."]
        if n["extra"]:
            parts.append(f"{_plural(n['extra'], 'of your marks is', 'of your marks are')} not a hedge.")
        if n["other_kind"]:
            parts.append(
                f"{_plural(n['other_kind'], 'of your marks is', 'of your marks are')} something else worth "
                "noticing: read why."
            )
        return " ".join(parts)


def spot_the_hedges(
    text: str | Result | None = None,
    question_id: str = "spot_the_hedges",
    categories: Iterable[str] | None = None,
) -> SpotTheHedges:
    """Mark the hedges in the article itself, then Check: found / missed / extra, each explained.

    ``categories`` limits what counts to the hedge families taught so far (all by default)."""
    return SpotTheHedges(as_result(text), question_id, categories)


class WhoIsTheSource(MarkingExercise):
    """The reporting words are marked; the student marks who says each, named or not named, then Checks."""

    target = "source"
    status_labels = {
        "found": "Found",
        "missed": "Missed",
        "extra": "Not a source",
        "wrong_kind": "Found, but named / not named is wrong",
    }

    def __init__(self, result: Result, question_id: str) -> None:
        gold: dict[tuple[int, int], Gold] = {}
        self.no_source = []
        for a, group in zip(result.attributions, sourcing.groups(result), strict=True):
            src = a.get("source")
            kind = {"named": "named", "not named": "unnamed"}.get(group, "none")
            if not src or kind == "none":
                if a.get("cue"):
                    self.no_source.append(a["cue"]["text"])
                continue
            why = ("A named source: the reader can check who said this." if kind == "named"
                   else "An unnamed source: the reader cannot check who this is.")  # fmt: skip
            resolved = a.get("resolved_source")
            if a.get("source_type") == "pronoun" and resolved:
                why = f"“{src['text']}” stands for {resolved['text']}, said earlier. {why}"
            gold.setdefault(
                (src["start"], src["end"]), Gold(src["start"], src["end"], kind, src["text"], why)
            )
        super().__init__(
            result,
            question_id,
            sorted(gold.values(), key=lambda g: g.start),
            targets=[
                {"key": "named", "label": "Named source", "description": "you could look this source up"},
                {"key": "unnamed", "label": "Not named", "description": "you cannot tell who this is"},
            ],
            context=["cue"],
            label="Who is the source? Mark each source in the article",
            help=(
                "The reporting words are marked CUE. For each one, find who says it and mark those words: "
                "first choose Named source or Not named, then click or drag over the words (clicking a "
                "marked word again with the same choice unmarks it; with the other choice, changes it). A "
                "pronoun (he, they) counts as what it stands for. Then press Check."
            ),
            hint=(
                "The source usually stands just before or just after the reporting word (“the activist "
                "said”, “said the activist”). After “according to” comes the source. A description such as "
                "“an official” is not a name. Some reporting words have no source at all: leave those."
            ),
        )

    def why_extra(self, start: int, end: int) -> tuple[str, str]:
        for m in self.marks:
            if m["cat"] == "cue" and _overlaps(start, end, *map(self.conv.from16, (m["s"], m["e"]))):
                return "extra", "This is the reporting word itself; the source is who does the saying."
        return (
            "extra",
            "The kit does not mark this as a source. Who is giving these words or this information?",
        )

    def summary_text(self, n: Counter[str]) -> str:
        parts = [f"You found {n['found']} of {_plural(len(self.gold), 'source')}."]
        if n["wrong_kind"]:
            parts.append(f"For {n['wrong_kind']} you marked the right words but named / not named is wrong.")
        if n["extra"]:
            parts.append(f"{_plural(n['extra'], 'of your marks is', 'of your marks are')} not a source.")
        if self.no_source:
            words = ", ".join(f"“{w}”" for w in self.no_source)
            parts.append(f"No one is named for: {words}.")
        return " ".join(parts)


def who_is_the_source(
    text: str | Result | None = None, question_id: str = "who_is_the_source"
) -> WhoIsTheSource:
    """Mark, in the article, who is the source of each reporting word and whether they are named."""
    return WhoIsTheSource(as_result(text), question_id)
