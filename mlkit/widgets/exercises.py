"""Exercises students answer by clicking: spot the hedges, who is the source, questions, checklists and
a confidence poll. Every check saves to the answers file (mlkit.store) so nothing is lost.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Any

import ipywidgets as widgets

from mlkit import store
from mlkit.render import printable
from mlkit.result import Result
from mlkit.spans import overlaps
from mlkit.widgets._html import as_result, esc, note, paragraphs, sentence_around, short, style_widget, words

HEDGE_HINTS = {
    "evidential": "a word saying the claim is second-hand (someone reported it, but who?)",
    "modal": "a word saying something is possible rather than established",
    "epistemic_verb": "a verb saying the writer infers rather than knows (seems, appears)",
    "epistemic_adjective_adverb": "a word giving a degree of likelihood (probably, likely)",
    "approximator": "a vague amount instead of an exact number",
    "impersonal": "a claim with no one standing behind it (it is believed, has been linked)",
    "unverified": "the text itself says the claim was not checked",
    "conditional": "a claim that holds only if something else does",
}


def _text_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _saved(question_id: str) -> Any:
    try:
        return store.load_answers().get(question_id)
    except OSError:
        return None


def _save(question_id: str, value: Any) -> str:
    """Save and say so; a failed save is reported to the student, never swallowed."""
    try:
        store.save_answer(question_id, value)
    except OSError as exc:
        why = esc(exc)
        return (
            f'<p class="mlkit-bad"><strong>Not saved:</strong> {why}. Download your work from my_work().</p>'
        )
    extra = f"<p>{esc(store.last_notice)}</p>" if store.last_notice else ""
    return f'<p class="mlkit-saved">Saved ({esc(question_id)}).</p>{extra}'


def _block(css_class: str, title: str, items: list[str]) -> str:
    return f'<div class="{css_class}"><p>{esc(title)}</p><ul>{"".join(items)}</ul></div>'


class SpotTheHedges(widgets.VBox):
    """Word buttons, paragraph by paragraph; Check compares the picks with the analyser's hedges."""

    def __init__(self, result: Result, question_id: str = "spot_the_hedges") -> None:
        self.result = result
        self.question_id = question_id
        self.text_id = _text_id(result.text)
        self.words = words(result.text)
        self.paragraphs = paragraphs(result.text) or [(0, len(result.text))]
        self.selected: set[int] = set()  # indices into self.words
        self._buttons: dict[int, list[widgets.ToggleButton]] = {}
        saved = _saved(question_id)
        if isinstance(saved, dict) and saved.get("text_id") == self.text_id:
            starts = {s for s, _ in saved.get("selected", [])}
            self.selected = {i for i, (s, _, _) in enumerate(self.words) if s in starts}
        self.paragraph = widgets.Dropdown(
            options=[
                (f"Paragraph {i + 1}: {short(result.text[s:e], 45)}", i)
                for i, (s, e) in enumerate(self.paragraphs)
            ],
            value=0,
            description="Paragraph",
        )
        self.word_box = widgets.Box(layout=widgets.Layout(flex_flow="row wrap"))
        self.picked = widgets.HTML()
        self.hint_button = widgets.Button(description="Hint", icon="lightbulb-o", tooltip="Where to look")
        self.check_button = widgets.Button(description="Check", button_style="primary", icon="check")
        self.hint_view = widgets.HTML()
        self.feedback = widgets.HTML()
        self.score: tuple[int, int, int] | None = None  # found, total, extra
        self.paragraph.observe(lambda _c: self._show_paragraph(), names="value")
        self.hint_button.on_click(lambda _b: self.hint())
        self.check_button.on_click(lambda _b: self.check())
        self._show_paragraph()
        intro = note(
            "<p>Click every word you think is a <strong>hedge</strong> (a word that makes a claim sound less "
            "certain). Move through the paragraphs with the menu, then press <strong>Check</strong>.</p>"
        )
        super().__init__(
            [
                style_widget(),
                widgets.HTML(intro),
                self.paragraph,
                self.word_box,
                self.picked,
                widgets.HBox([self.hint_button, self.check_button]),
                self.hint_view,
                self.feedback,
            ]
        )

    def buttons(self, paragraph: int | None = None) -> list[widgets.ToggleButton]:
        """The word buttons of one paragraph (built on first view, so long articles stay light)."""
        index = self.paragraph.value if paragraph is None else paragraph
        if index not in self._buttons:
            start, end = self.paragraphs[index]
            row = []
            for i, (s, e, w) in enumerate(self.words):
                if start <= s and e <= end:
                    button = widgets.ToggleButton(
                        value=i in self.selected,
                        description=w,
                        tooltip=f"{w} (click to mark as a hedge)",
                        layout=widgets.Layout(width="auto", margin="1px"),
                    )
                    button.word_index = i  # type: ignore[attr-defined]
                    button.observe(self._on_word, names="value")
                    row.append(button)
            self._buttons[index] = row
        return self._buttons[index]

    def _show_paragraph(self) -> None:
        self.word_box.children = tuple(self.buttons())
        self._update_picked()

    def _on_word(self, change: dict) -> None:
        index = change["owner"].word_index
        if change["new"]:
            self.selected.add(index)
        else:
            self.selected.discard(index)
        change["owner"].button_style = "info" if change["new"] else ""
        change["owner"].icon = "check" if change["new"] else ""
        self._update_picked()

    def _update_picked(self) -> None:
        picks = [text for _, _, text in self.selections()]
        shown = ", ".join(f"“{p}”" for p in picks) if picks else "nothing yet"
        self.picked.value = note(f"<p>You picked: {esc(shown)}</p>")

    def selections(self) -> list[tuple[int, int, str]]:
        """Picked words, with neighbours in the same paragraph joined into one phrase."""
        spans: list[list[int]] = []
        for i in sorted(self.selected):
            s, e, _ = self.words[i]
            if spans and spans[-1][2] == i - 1 and "\n" not in self.result.text[spans[-1][1] : s]:
                spans[-1][1], spans[-1][2] = e, i
            else:
                spans.append([s, e, i])
        return [(s, e, self.result.text[s:e]) for s, e, _ in spans]

    def hint(self) -> str:
        """Say how many hedges there are, of which kinds, and which paragraphs hold them (not which words)."""
        hedges = self.result.hedges
        kinds = Counter(h.get("category", "") for h in hedges)
        per_para = Counter(
            i + 1 for h in hedges for i, (s, e) in enumerate(self.paragraphs) if s <= h["start"] < e
        )
        lines = [f"<p>There are {len(hedges)} hedges in this text.</p>"]
        if kinds:
            lines.append("<p>Look for:</p><ul>")
            lines += [f"<li>{n} × {esc(HEDGE_HINTS.get(k, k))}</li>" for k, n in sorted(kinds.items())]
            lines.append("</ul>")
            where = ", ".join(f"paragraph {p} ({n})" for p, n in sorted(per_para.items()))
            lines.append(f"<p>Where: {esc(where)}.</p>")
        self.hint_view.value = note("".join(lines))
        return self.hint_view.value

    def check(self) -> dict[str, Any]:
        """Compare picks with the hedges (overlap counts), show found/missed/extra with reasons, save."""
        picks = [{"start": s, "end": e, "text": t} for s, e, t in self.selections()]
        hedges = self.result.hedges
        found = [h for h in hedges if any(overlaps(h, p) for p in picks)]
        missed = [h for h in hedges if h not in found]
        extra = [p for p in picks if not any(overlaps(h, p) for h in hedges)]
        self.score = (len(found), len(hedges), len(extra))

        def item(h: dict[str, Any]) -> str:
            return f"<li><strong>{esc(h['text'])}</strong> — {esc(h.get('explanation', ''))}</li>"

        parts = [f"<p><strong>Score: you found {len(found)} of {len(hedges)} hedges</strong>"]
        parts.append(f"; {len(extra)} of your picks are not hedges.</p>" if extra else ".</p>")
        if found:
            parts.append(_block("mlkit-ok", f"Found ({len(found)}):", [item(h) for h in found]))
        if missed:
            parts.append(_block("mlkit-bad", f"Missed ({len(missed)}):", [item(h) for h in missed]))
        if extra:
            why_not = (
                " — the analyser does not count this as a hedge. Does it make the claim less certain, or is "
                "it a reporting word or a plain fact?"
            )
            rows = [f"<li><strong>{esc(p['text'])}</strong>{why_not}</li>" for p in extra]
            parts.append(_block("mlkit-bad", f"Extra ({len(extra)}):", rows))
        value = {
            "text_id": self.text_id,
            "selected": [[p["start"], p["end"]] for p in picks],
            "found": [h["text"] for h in found],
            "missed": [h["text"] for h in missed],
            "extra": [p["text"] for p in extra],
            "score": [len(found), len(hedges)],
        }
        parts.append(_save(self.question_id, value))
        self.feedback.value = note("".join(parts))
        return value


def spot_the_hedges(text: str | Result | None = None, question_id: str = "spot_the_hedges") -> SpotTheHedges:
    """Click the words that hedge, then Check: found / missed / extra, each explained, and a score."""
    return SpotTheHedges(as_result(text), question_id)


NO_SOURCE = "No one is named"
_NAME_RE = re.compile(r"\b[A-Z][\w'’\-]+(?:\s+(?:al-|el-|of|the|de)?\s*[A-Z][\w'’\-]+)*")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _candidates(result: Result, start: int, end: int) -> list[str]:
    """Sources found anywhere in the text plus capitalised names in this sentence, plus 'no one'."""
    seen: dict[str, str] = {}
    for a in result.attributions:
        for key in ("source", "resolved_source"):
            if a.get(key):
                seen.setdefault(_norm(a[key]["text"]), " ".join(a[key]["text"].split()))
    for m in _NAME_RE.finditer(result.text[start:end]):
        seen.setdefault(_norm(m.group()), m.group())
    seen.pop("", None)
    return sorted(seen.values(), key=str.lower)[:12] + [NO_SOURCE]


def _source_matches(answer: str, attribution: dict[str, Any]) -> bool:
    gold = [attribution[k]["text"] for k in ("source", "resolved_source") if attribution.get(k)]
    given = _norm(answer)
    if not gold:
        return given in (_norm(NO_SOURCE), "", "none", "no one", "nobody")
    for g in map(_norm, gold):
        if given and (given == g or (len(given) >= 4 and (given in g or g in given))):
            return True
    return False


class WhoIsTheSource(widgets.VBox):
    """One row per reporting cue: pick (or type) the source, say whether it is named, then Check."""

    def __init__(self, result: Result, question_id: str = "who_is_the_source") -> None:
        self.result = result
        self.question_id = question_id
        self.attributions = [a for a in result.attributions if a.get("cue")]
        self.rows: list[dict[str, Any]] = []
        row_widgets: list[widgets.Widget] = []
        for n, a in enumerate(self.attributions, start=1):
            cue = a["cue"]
            s, e = sentence_around(result, cue["start"], cue["end"])
            quote = (
                f"{esc(result.text[s : cue['start']])}<strong>[{esc(cue['text'])}]</strong>"
                f"{esc(result.text[cue['end'] : e])}"
            )
            pick = widgets.Dropdown(
                options=[("Choose…", "")] + [(printable(c), c) for c in _candidates(result, s, e)],
                value="",
                description="Source",
            )
            typed = widgets.Text(placeholder="…or type the source", description="or type")
            named = widgets.ToggleButtons(
                options=["named", "not named"],
                value=None,
                description="Named?",
                style={"description_width": "initial"},
            )
            verdict = widgets.HTML()
            self.rows.append(
                {"attribution": a, "pick": pick, "typed": typed, "named": named, "verdict": verdict}
            )
            header = note(
                f"<p>{n}. Reporting word <strong>“{esc(cue['text'])}”</strong> in:</p>"
                f'<blockquote dir="auto">{quote}</blockquote>'
            )
            row_widgets.append(
                widgets.VBox([widgets.HTML(header), widgets.HBox([pick, typed]), named, verdict])
            )
        self.hint_button = widgets.Button(description="Hint", icon="lightbulb-o")
        self.check_button = widgets.Button(description="Check", button_style="primary", icon="check")
        self.hint_view = widgets.HTML()
        self.feedback = widgets.HTML()
        self.score: tuple[int, int] | None = None
        self.hint_button.on_click(lambda _b: self.hint())
        self.check_button.on_click(lambda _b: self.check())
        if not self.attributions:
            row_widgets = [widgets.HTML(note("<p>The analyser found no reporting words in this text.</p>"))]
        intro = note(
            "<p>For each reporting word in [brackets], who is the source? Pick a name from the menu or "
            "type it, and say whether the source is <strong>named</strong> (you could look them up) or "
            "<strong>not named</strong>.</p>"
        )
        buttons = widgets.HBox([self.hint_button, self.check_button])
        super().__init__(
            [style_widget(), widgets.HTML(intro), *row_widgets, buttons, self.hint_view, self.feedback]
        )

    def hint(self) -> str:
        self.hint_view.value = note(
            "<p>The source usually stands just before or just after the reporting word "
            "(“the activist said”, “said the activist”). After “according to” comes the source. "
            "A pronoun (he, they) stands for someone named earlier. If no one is given, choose "
            f"“{esc(NO_SOURCE)}”. A description such as “an official” is not a name.</p>"
        )
        return self.hint_view.value

    def check(self) -> dict[str, Any]:
        right = 0
        answers = []
        for n, row in enumerate(self.rows, start=1):
            a = row["attribution"]
            given = row["typed"].value.strip() or row["pick"].value
            src_ok = _source_matches(given, a)
            gold_named = a.get("source_type") == "named"
            named_ok = row["named"].value == ("named" if gold_named else "not named")
            right += src_ok and named_ok
            gold = a["source"]["text"] if a.get("source") else NO_SOURCE
            resolved = a.get("resolved_source")
            also = (
                f" (standing for “{esc(resolved['text'])}”)"
                if resolved and a.get("source_type") == "pronoun"
                else ""
            )
            why = esc(a.get("explanation", ""))
            kind = "named" if gold_named else f"not named ({esc(a.get('source_type') or 'none')})"
            mark = "Right" if src_ok and named_ok else "Not quite"
            css = "mlkit-ok" if src_ok and named_ok else "mlkit-bad"
            row["verdict"].value = note(
                f'<p class="{css}"><strong>{mark}.</strong> Source: “{esc(gold)}”{also}, {kind}. '
                f"{'' if src_ok else 'Your source: “' + esc(given or '(none)') + '”. '}"
                f"{'' if named_ok else 'Check named / not named. '}{why}</p>"
            )
            answers.append({"cue": a["cue"]["text"], "given": given, "named": row["named"].value,
                            "source_ok": src_ok, "named_ok": named_ok, "n": n})  # fmt: skip
        self.score = (right, len(self.rows))
        value = {"answers": answers, "score": [right, len(self.rows)]}
        self.feedback.value = note(
            f"<p><strong>Score: {right} of {len(self.rows)}</strong></p>" + _save(self.question_id, value)
        )
        return value


def who_is_the_source(
    text: str | Result | None = None, question_id: str = "who_is_the_source"
) -> WhoIsTheSource:
    """For every reporting word, find who says it and whether that source is named."""
    return WhoIsTheSource(as_result(text), question_id)


class Question(widgets.VBox):
    """A multiple-choice or free-text question; a wrong first try earns the hint, the second the answer."""

    def __init__(self, question_id: str, prompt: str, choices: list[str] | None = None, answer: Any = None,
                 hint: str | None = None, explanation: str | None = None) -> None:  # fmt: skip
        self.question_id = question_id
        self.answer = answer
        self.hint = hint
        self.explanation = explanation
        self.tries = 0
        saved = _saved(question_id)
        if choices:
            options = [str(c) for c in choices]
            self.input: widgets.Widget = widgets.RadioButtons(
                options=options,
                value=saved if saved in options else None,
                layout=widgets.Layout(width="auto"),
            )
            label = "Check"
        else:
            self.input = widgets.Textarea(
                value=saved if isinstance(saved, str) else "", placeholder="Type your answer here",
                layout=widgets.Layout(width="95%", height="6em"),
            )  # fmt: skip
            label = "Save"
        self.check_button = widgets.Button(description=label, button_style="primary")
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _b: self.check())
        super().__init__([widgets.HTML(note(f"<p><strong>{esc(prompt)}</strong></p>")), self.input,
                          self.check_button, self.feedback])  # fmt: skip

    def check(self) -> str:
        value = self.input.value
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            self.feedback.value = note("<p>Choose or type an answer first.</p>")
            return self.feedback.value
        saved = _save(self.question_id, value)
        explain = f"<p>{esc(self.explanation)}</p>" if self.explanation else ""
        if self.answer is None or isinstance(self.input, widgets.Textarea):
            # free text (or an opinion poll): nothing to mark, so show the model answer and reasons
            model = f"<p>One possible answer: {esc(self.answer)}</p>" if self.answer is not None else ""
            self.feedback.value = note(saved + model + explain)
            return self.feedback.value
        self.tries += 1
        if str(value) == str(self.answer):
            self.feedback.value = note(f'<p class="mlkit-ok"><strong>Correct.</strong></p>{explain}{saved}')
        elif self.tries == 1 and self.hint:
            self.feedback.value = note(
                f'<p class="mlkit-bad"><strong>Not yet.</strong> Hint: {esc(self.hint)} Try again.</p>{saved}'
            )
        else:
            self.feedback.value = note(
                f'<p class="mlkit-bad"><strong>Not quite.</strong> The answer is “{esc(self.answer)}”.</p>'
                f"{explain}{saved}"
            )
        return self.feedback.value


def question(question_id: str, prompt: str, choices: list[str] | None = None, answer: Any = None,
             hint: str | None = None, explanation: str | None = None) -> Question:  # fmt: skip
    """A question: choices → Check (hint first, then the answer); no choices → free text, saved."""
    return Question(question_id, prompt, choices, answer, hint, explanation)


class Checklist(widgets.VBox):
    """Tick-boxes saved on every change: a lesson's "before you share" list."""

    def __init__(self, question_id: str, items: list[str]) -> None:
        self.question_id = question_id
        saved = _saved(question_id)
        ticked = set(saved.get("ticked", [])) if isinstance(saved, dict) else set()
        self.boxes = [
            widgets.Checkbox(value=item in ticked, description=str(item), indent=False,
                             layout=widgets.Layout(width="auto"))
            for item in items
        ]  # fmt: skip
        self.status = widgets.HTML()
        for box in self.boxes:
            box.observe(lambda _c: self.save(), names="value")
        self._show(saved="")
        super().__init__([*self.boxes, self.status])

    def _show(self, saved: str) -> None:
        done = sum(b.value for b in self.boxes)
        self.status.value = note(f"<p>{done} of {len(self.boxes)} done.</p>{saved}")

    def save(self) -> dict[str, Any]:
        value = {"ticked": [b.description for b in self.boxes if b.value], "total": len(self.boxes)}
        self._show(_save(self.question_id, value))
        return value


def checklist(question_id: str, items: list[str]) -> Checklist:
    """A checklist whose ticks are saved as the student goes."""
    return Checklist(question_id, items)


CONFIDENCE = [
    ("1 - not at all sure", 1),
    ("2 - not very sure", 2),
    ("3 - half sure", 3),
    ("4 - fairly sure", 4),
    ("5 - completely sure", 5),
]


class ConfidencePoll(widgets.VBox):
    """How sure are you? 1 to 5, each step named in words, saved when the student presses Save."""

    def __init__(self, question_id: str, prompt: str) -> None:
        self.question_id = question_id
        saved = _saved(question_id)
        value = saved.get("value") if isinstance(saved, dict) else saved
        self.choice = widgets.RadioButtons(options=CONFIDENCE, value=value if value in range(1, 6) else None)
        self.save_button = widgets.Button(description="Save", button_style="primary")
        self.feedback = widgets.HTML()
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([widgets.HTML(note(f"<p><strong>{esc(prompt)}</strong></p>")), self.choice,
                          self.save_button, self.feedback])  # fmt: skip

    def save(self) -> int | None:
        if self.choice.value is None:
            self.feedback.value = note("<p>Choose how sure you are first.</p>")
            return None
        label = dict((v, k) for k, v in CONFIDENCE)[self.choice.value]
        self.feedback.value = note(
            f"<p>You said: {esc(label)}.</p>" + _save(self.question_id, self.choice.value)
        )
        return self.choice.value


def confidence_poll(question_id: str, prompt: str) -> ConfidencePoll:
    """A 1–5 confidence poll, saved under ``question_id`` (reflection() compares two of them)."""
    return ConfidencePoll(question_id, prompt)
