"""The headline-judgement task of lessons 00 and 08: four headlines with their first lines, two backed up
and two overstated; the student rates each, and the kit reports calibration (trusting what is backed up
as well as doubting what is not), not just doubt. Lesson 08 sets the result beside lesson 00's.

Saved with mlkit.store as small JSON: {"ratings": [...], "score": [right, 4], "first": {...}} where
"first" is the first checked attempt, never overwritten (the class summary counts first attempts).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from mlkit.lessons import headline_scale, headline_set
from mlkit.widgets._saving import esc as _esc
from mlkit.widgets._saving import save as _save
from mlkit.widgets._saving import saved as _saved


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


class HeadlineJudgement(widgets.VBox):
    """Four rated headlines, one Check, feedback per headline and a calibration summary."""

    def __init__(self, set_id: str, compare_with: str | None = None) -> None:
        self.set_id = set_id
        self.question_id = f"{set_id}_headlines"
        self.items = headline_set(set_id)
        self.scale = headline_scale()
        saved = _saved(self.question_id)
        ratings = saved.get("ratings") if isinstance(saved, dict) else None
        self.first = saved.get("first") if isinstance(saved, dict) else None
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
        earlier = widgets.HTML(self._earlier(compare_with)) if compare_with else widgets.HTML()
        label = widgets.HTML(
            "<p><em>Written for this kit: the places, people and events are invented.</em></p>"
        )
        super().__init__([label, *rows, self.check_button, self.feedback, earlier])
        if self.first:
            self.feedback.value = f"<p>Saved earlier. {_esc(verdict(self.first))}</p>"

    def _earlier(self, other_set: str) -> str:
        saved = _saved(f"{other_set}_headlines")
        first = saved.get("first") if isinstance(saved, dict) else None
        if not first:
            return "<p>There is no saved result from lesson 0 to compare with.</p>"
        return (
            f"<p>In lesson 0 you judged {first['right']} of {first['total']} well. {_esc(verdict(first))}</p>"
        )

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
        return value


def headline_judgement(set_id: str = "00", compare_with: str | None = None) -> HeadlineJudgement:
    """Rate four headlines against their first lines; lesson 08 passes compare_with="00"."""
    return HeadlineJudgement(set_id, compare_with)
