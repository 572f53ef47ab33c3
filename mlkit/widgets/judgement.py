"""The headline-judgement task of lessons 00 and 08: four headlines with their first lines, two backed up
and two overstated; the student rates each, and the kit reports calibration (trusting what is backed up
as well as doubting what is not), not just doubt. Lesson 08 compares its first try with lesson 00's and
names the move: towards doubting what is backed up (learned doubt, not judgement) or towards trusting what
is not.

Saved with mlkit.store as small JSON: {"ratings": [...], "score": [right, 4], "first": {...}} where
"first" is the first checked attempt, never overwritten (the class summary counts first attempts).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from mlkit.lessons import headline_scale, headline_set
from mlkit.render import esc as _esc
from mlkit.widgets.saving import save_html as _save
from mlkit.widgets.saving import saved as _saved


def judged_right(item: dict[str, Any], rating: int | None, scale_len: int) -> bool:
    """Backed-up headlines should be rated in the top half of the scale, overstated ones in the bottom."""
    if rating is None:
        return False
    return rating < scale_len // 2 if item["supported"] else rating >= scale_len // 2


def calibration(items: list[dict[str, Any]], ratings: list[int | None], scale_len: int) -> dict[str, Any]:
    """Right out of all, and separately for the backed-up and the overstated headlines."""
    right = [judged_right(i, r, scale_len) for i, r in zip(items, ratings, strict=True)]
    solid = [ok for i, ok in zip(items, right, strict=True) if i["supported"]]
    weak = [ok for i, ok in zip(items, right, strict=True) if not i["supported"]]
    return {"right": sum(right), "total": len(items), "trusted_solid": sum(solid), "solid": len(solid),
            "doubted_weak": sum(weak), "weak": len(weak)}  # fmt: skip


def verdict(cal: dict[str, Any]) -> str:
    """Calibration in words: believing everything and doubting everything are both mistakes."""
    solid = f"You trusted {cal['trusted_solid']} of the {cal['solid']} headlines that are backed up"
    weak = f"and doubted {cal['doubted_weak']} of the {cal['weak']} that say more than their first lines"
    if cal["right"] == cal["total"]:
        end = "Well judged: you trusted good evidence and doubted weak evidence."
    elif cal["trusted_solid"] < cal["solid"] and cal["doubted_weak"] == cal["weak"]:
        end = (
            "Careful is not the same as doubtful: a hedge such as “may” or “at least” can be a sign of "
            "honest reporting."
        )
    elif cal["doubted_weak"] < cal["weak"]:
        end = "Look again at who says so, and whether the first lines really show what the headline states."
    else:
        end = "Compare each headline with its first lines, word by word."
    return f"{solid}, {weak}. {end}"


CALIBRATION_KEYS = ("right", "total", "trusted_solid", "solid", "doubted_weak", "weak")


def _share(cal: dict[str, Any], part: str, whole: str) -> float:
    return cal[part] / cal[whole] if cal[whole] else 0.0


def shift(then: dict[str, Any], now: dict[str, Any]) -> str:
    """How judgement moved from one attempt to a later one, in words (lesson 08's first try against lesson
    0's): a move towards doubting backed-up headlines is named as learned doubt, not judgement, and a move
    towards trusting overstated ones is named too, because both are the mistakes calibration is about."""
    doubt = _share(now, "trusted_solid", "solid") < _share(then, "trusted_solid", "solid")
    trust = _share(now, "doubted_weak", "weak") < _share(then, "doubted_weak", "weak")
    parts = [
        f"Your first try in lesson 0: {then['right']} of {then['total']} judged well; your first try now: "
        f"{now['right']} of {now['total']}."
    ]
    if doubt:
        parts.append(
            f"You now trust fewer of the backed-up headlines (lesson 0: {then['trusted_solid']} of "
            f"{then['solid']}; now: {now['trusted_solid']} of {now['solid']}). Doubting stories that are "
            "backed up is learned doubt, not judgement: a hedge such as “may” or “at least” is often a sign "
            "of careful reporting."
        )
    if trust:
        parts.append(
            f"You now doubt fewer of the overstated headlines (lesson 0: {then['doubted_weak']} of "
            f"{then['weak']}; now: {now['doubted_weak']} of {now['weak']}). They say more than their first "
            "lines show: ask who says so before you trust a headline."
        )
    if not (doubt or trust):
        if now["right"] > then["right"]:
            parts.append("Your judgement is better: you trust what is backed up and doubt what is not.")
        elif now["right"] == now["total"]:
            parts.append("Well judged both times.")
        else:
            parts.append("Your judgement is where it was: look again at the headlines marked “Look again”.")
    return " ".join(parts)


def first_calibration(saved: Any) -> dict[str, Any] | None:
    """The first checked attempt of a saved judgement, if it has every count (a loaded file may not)."""
    first = saved.get("first") if isinstance(saved, dict) else None
    if not isinstance(first, dict):
        return None
    ok = all(isinstance(first.get(k), int) and not isinstance(first.get(k), bool) for k in CALIBRATION_KEYS)
    return first if ok else None


class HeadlineJudgement(widgets.VBox):
    """Four rated headlines, one Check, feedback per headline and a calibration summary."""

    def __init__(self, set_id: str, compare_with: str | None = None) -> None:
        self.set_id = set_id
        self.question_id = f"{set_id}_headlines"
        self.items = headline_set(set_id)
        self.scale = headline_scale()
        saved = _saved(self.question_id)
        ratings = saved.get("ratings") if isinstance(saved, dict) else None
        self.first = first_calibration(saved)
        self.compare_with = compare_with
        self.choices: list[widgets.RadioButtons] = []
        rows: list[widgets.Widget] = []
        for n, item in enumerate(self.items):
            value = ratings[n] if isinstance(ratings, list) and n < len(ratings) else None
            pick = widgets.RadioButtons(
                options=[(label, i) for i, label in enumerate(self.scale)],
                value=value if value in range(len(self.scale)) else None,
                layout=widgets.Layout(width="auto"),
            )
            self.choices.append(pick)
            rows.append(
                widgets.HTML(
                    f"<p><strong>{n + 1}. {_esc(item['headline'])}</strong><br>{_esc(item['lede'])}</p>"
                    "<p>How well do the first lines back up the headline?</p>"
                )
            )
            rows.append(pick)
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.earlier = widgets.HTML()
        label = widgets.HTML(
            "<p><em>Written for this kit: the places, people and events are invented.</em></p>"
        )
        super().__init__([label, *rows, self.check_button, self.feedback, self.earlier])
        if self.first:
            self.feedback.value = f"<p>Saved earlier. {_esc(verdict(self.first))}</p>"
        self.show_comparison()

    def show_comparison(self) -> str:
        """Lesson 0's first try, and once this set is checked, how judgement moved since (``shift``)."""
        if not self.compare_with:
            return ""
        then = first_calibration(_saved(f"{self.compare_with}_headlines"))
        if then is None:
            text = (
                "There is no saved result from lesson 0 to compare with. If you did lesson 0 on another day, "
                "load that file with Load in the My work bar at the top of this lesson and do what it says."
            )
        elif self.first is None:
            text = (
                f"In lesson 0 you judged {then['right']} of {then['total']} well. Rate these four and press "
                "Check to see how your judgement has moved."
            )
        else:
            text = shift(then, self.first)
        self.earlier.value = f"<p><strong>Compared with lesson 0:</strong> {_esc(text)}</p>"
        return text

    def ratings(self) -> list[int | None]:
        return [c.value for c in self.choices]

    def check(self) -> dict[str, Any] | None:
        ratings = self.ratings()
        if any(r is None for r in ratings):
            self.feedback.value = "<p>Rate all four headlines first.</p>"
            return None
        cal = calibration(self.items, ratings, len(self.scale))
        if not self.first:
            self.first = {**cal, "ratings": ratings}
        value = {"ratings": ratings, "score": [cal["right"], cal["total"]], "first": self.first}
        saved = _save(self.question_id, value)
        lines = []
        for n, (item, r) in enumerate(zip(self.items, ratings, strict=True), start=1):
            mark = "Well judged" if judged_right(item, r, len(self.scale)) else "Look again"
            kind = "backed up" if item["supported"] else "overstated"
            lines.append(f"<li><strong>{n}. {mark}</strong> ({kind}): {_esc(item['why'])}</li>")
        self.feedback.value = (
            f"<p><strong>{cal['right']} of {cal['total']} judged well.</strong> {_esc(verdict(cal))}</p>"
            f"<ul>{''.join(lines)}</ul>{saved}"
        )
        self.show_comparison()
        return value


def headline_judgement(set_id: str = "00", compare_with: str | None = None) -> HeadlineJudgement:
    """Rate four headlines against their first lines; lesson 08 passes compare_with="00"."""
    return HeadlineJudgement(set_id, compare_with)
