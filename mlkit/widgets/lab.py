"""Rewrite lab: the student edits a sentence or headline and sees, as they type, what the analyser finds
and what changed ("'claimed' (distancing) → 'said' (neutral)"). Given a question id, the rewrite is saved
as the student types (a draft: rewriting is trying, not handing in) and comes back after a restart.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from mlkit import sourcing
from mlkit.labels import FAMILY_OF, HEDGE_FAMILIES, STANCE_WORDS
from mlkit.result import Result
from mlkit.widgets import saving
from mlkit.widgets._html import as_result, esc, note, style_widget
from mlkit.widgets.article_view import ArticleView


def _hedges(r: Result) -> list[tuple[str, str]]:
    """(words, family) of every hedge, the family in lesson 02's words ("second-hand", not "evidential")."""
    out = []
    for h in r.hedges:
        category = str(h.get("category", ""))
        family = (
            HEDGE_FAMILIES[FAMILY_OF[category]][0] if category in FAMILY_OF else category.replace("_", " ")
        )
        out.append((h["text"].lower(), family.lower()))
    return out


def _boosters(r: Result) -> list[str]:
    return [b["text"].lower() for b in r.boosters]


def _cues(r: Result) -> list[tuple[str, str]]:
    """(words, how the verb colours the claim) of every reporting word, in the source table's words."""
    return [
        (a["cue"]["text"].lower(), STANCE_WORDS.get(str(a.get("verb_stance")), "").split(" (")[0])
        for a in r.attributions
        if a.get("cue")
    ]


def _minus(a: list[Any], b: list[Any]) -> list[Any]:
    """Multiset difference that keeps order: what is in ``a`` and not (as often) in ``b``."""
    left = list(b)
    out = []
    for item in a:
        if item in left:
            left.remove(item)
        else:
            out.append(item)
    return out


def changes(before: Result, after: Result) -> list[str]:
    """Plain sentences naming what changed between two analyses (empty when nothing did)."""
    out: list[str] = []
    gone_cues, new_cues = _minus(_cues(before), _cues(after)), _minus(_cues(after), _cues(before))
    for (old, old_stance), (new, new_stance) in zip(gone_cues, new_cues, strict=False):
        out.append(f"“{old}” ({old_stance}) → “{new}” ({new_stance})")
    out += [f"reporting word removed: “{c}” ({s})" for c, s in gone_cues[len(new_cues) :]]
    out += [f"reporting word added: “{c}” ({s})" for c, s in new_cues[len(gone_cues) :]]
    out += [f"hedge removed: “{t}” ({c})" for t, c in _minus(_hedges(before), _hedges(after))]
    out += [f"hedge added: “{t}” ({c})" for t, c in _minus(_hedges(after), _hedges(before))]
    out += [f"booster removed: “{t}”" for t in _minus(_boosters(before), _boosters(after))]
    out += [f"booster added: “{t}”" for t in _minus(_boosters(after), _boosters(before))]
    was, now = sourcing.source_counts(before), sourcing.source_counts(after)
    for group, label in sourcing.GROUP_REPORTS.items():  # counted as every other view counts them
        if was[group] != now[group]:
            out.append(f"{label}: {was[group]} → {now[group]}")
    return out


def suggestion(r: Result) -> str:
    """What to try, taken from this sentence's own words, so the prompt never names a word it lacks."""
    ideas = []
    cue = next(
        (a["cue"]["text"] for a in r.attributions if a.get("cue") and a.get("verb_stance") != "neutral"), ""
    )
    if cue:
        ideas.append(f"change “{cue}” to “said”")
    if r.hedges:
        ideas.append(f"remove “{r.hedges[0]['text']}”")
    if not ideas:
        return "Change the words (add “reportedly”, or say who said it) and watch what the analyser finds."
    return f"Change the words (for example {' or '.join(ideas)}) and watch what the analyser finds."


class RewriteLab(widgets.VBox):
    """A text box (updated as the student types) with the original and the rewrite analysed side by side."""

    def __init__(self, sentence: str, question_id: str | None = None) -> None:
        self.original = as_result(sentence)
        self.current = self.original
        self.question_id = question_id
        self.status = widgets.HTML()
        back = saving.saved(question_id, "text") if question_id else None
        self.saved_text = back  # what the answers file holds, so a keystroke never reads the file
        self.editor = widgets.Textarea(
            value=self.original.text,  # as_result made it UTF-8-safe for the browser
            continuous_update=True,
            description="Rewrite:",
            layout=widgets.Layout(width="95%", height="5em"),
        )
        self.view = ArticleView(self.original, mode="compare", furniture=False,
                                label="The original and your version, side by side")  # fmt: skip
        self.changes_view = widgets.HTML()
        self.changes: list[str] = []
        self.editor.observe(lambda change: self.update(change["new"]), names="value")
        self.update(self.original.text, save=False)
        if isinstance(back, str) and back != self.original.text:
            self.editor.value = back  # analysed by the observer, and not saved again
            self.status.value = note("<p>Your saved rewrite is back.</p>")
        intro = note(f"<p>{esc(suggestion(self.original))}</p>")
        super().__init__(
            [
                style_widget(),
                widgets.HTML(intro),
                self.editor,
                self.status,
                self.changes_view,
                self.view,
            ]
        )

    def update(self, text: str, save: bool = True) -> list[str]:
        """Re-analyse the rewrite and list what changed against the original (and save it, as a draft)."""
        self.current = as_result(text)
        if save and self.question_id and self.current.text != self.saved_text:
            ok, message = saving.save(self.question_id, self.current.text, "text", attempt=False)
            self.saved_text = self.current.text if ok else self.saved_text
            self.status.value = saving.status_html(ok, message)
        self.view.set_compare(self.current, ("Original", "Your version"))
        self.changes = changes(self.original, self.current)
        items = "".join(f"<li>{esc(c)}</li>" for c in self.changes) or "<li>Nothing has changed yet.</li>"
        self.changes_view.value = note(f'<p>What changed:</p><ul role="status">{items}</ul>')
        return self.changes


def rewrite_lab(sentence: str, question_id: str | None = None) -> RewriteLab:
    """Edit a sentence or headline and see the analysis change as you type, with each change named; with
    a ``question_id`` the rewrite is saved and restored."""
    if not isinstance(sentence, str):
        raise TypeError("rewrite_lab needs the sentence as a str")
    return RewriteLab(sentence, question_id)
