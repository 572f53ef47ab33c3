"""Every widget that takes a text reaches the browser whatever the text holds.

A widget's state goes to the browser as UTF-8 JSON (jupyter_client's ``json_packer``), so a lone
surrogate anywhere in it kills the widget, although ``analyze`` itself accepts one (issue 13: it
crashed the headline chart, the rewrite lab and spot-the-hedges). Each entry point is built here from a
str and from an already analysed Result, with the kinds of text the issue names, and every widget in
the tree is packed exactly as the kernel packs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import ipywidgets
import pytest
from ipywidgets.widgets.widget import _remove_buffers
from jupyter_client.session import json_packer

import mlkit
from mlkit.result import Result
from mlkit.widgets import (
    compare,
    headline_vs_body,
    highlighter,
    rewrite_lab,
    source_explorer,
    sourcing_chain,
    spot_the_hedges,
    who_is_the_source,
)

TEXTS = {
    "lone_surrogate": "Bank \ud800pays $5bn\n\nIt reportedly \udfff rained, officials said.\udc00",
    "control_characters": "\x00\x1b[31mIt may\x7f rain\x85\n\nreportedly\x0b\x0c officials said \x1f",
    "rtl_override": "\u202eIt may rain\u202c\n\nofficials \u202bsaid\u202c it \u200freportedly rained",
    "empty": "",
    "one_word": "said",
    "two_dollars": "Bank pays $5bn, up 10% from $4bn\n\nThe bank may pay $5bn, officials said.",
}

ENTRY_POINTS: dict[str, Callable[[str | Result], ipywidgets.Widget]] = {
    "highlighter": highlighter,
    "source_explorer": source_explorer,
    "sourcing_chain": sourcing_chain,
    "headline_vs_body": headline_vs_body,
    "compare": lambda text: compare(text, text),
    "rewrite_lab": lambda text: rewrite_lab(text.text if isinstance(text, Result) else text),
    "spot_the_hedges": spot_the_hedges,
    "who_is_the_source": who_is_the_source,
}


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))


def _tree(w: ipywidgets.Widget) -> Iterator[ipywidgets.Widget]:
    yield w
    for child in getattr(w, "children", ()):
        yield from _tree(child)


def _send_all(w: ipywidgets.Widget) -> str:
    """Pack every widget's state as the kernel does before sending it; return all the packed text."""
    packed = []
    for widget in _tree(w):
        state, _paths, _buffers = _remove_buffers(widget.get_state())
        packed.append(json_packer(state).decode("utf-8"))
    return "\n".join(packed)


@pytest.mark.parametrize("as_analysed", [False, True], ids=["str", "Result"])
@pytest.mark.parametrize("text", list(TEXTS.values()), ids=list(TEXTS))
@pytest.mark.parametrize("entry", list(ENTRY_POINTS.values()), ids=list(ENTRY_POINTS))
def test_every_entry_point_reaches_the_browser(
    entry: Callable[[str | Result], ipywidgets.Widget], text: str, as_analysed: bool
) -> None:
    widget = entry(mlkit.analyze(text) if as_analysed else text)
    sent = _send_all(widget)
    if entry is ENTRY_POINTS["sourcing_chain"]:
        return  # it shows who passed the claim on, not the text
    if text == TEXTS["lone_surrogate"]:
        assert "\ufffd" in sent  # the character is shown as a replacement mark, not dropped
    if text == TEXTS["two_dollars"]:
        assert "$5bn" in sent


def test_rewrite_lab_takes_a_lone_surrogate_while_typing() -> None:
    lab = rewrite_lab("It may rain, officials said.")
    found = lab.update("It \ud800 reportedly rained, officials claimed.")
    _send_all(lab)
    # Checked by hand: 'said' (neutral) became 'claimed' (distancing); 'may' went, 'reportedly' came.
    assert "“said” (neutral) → “claimed” (keeps a distance)" in found
    assert any(c.startswith("hedge removed: “may”") for c in found)
    assert any(c.startswith("hedge added: “reportedly”") for c in found)


def test_a_surrogate_becomes_one_replacement_mark_and_no_offset_moves() -> None:
    text = "\ud800 It reportedly rained."
    widget = highlighter(text)
    assert widget.result.text == "\ufffd It reportedly rained."
    # Counted by hand: one mark and a space come before "reportedly", at 5..15 as in the original.
    assert [(h["start"], h["end"], h["text"]) for h in widget.result.hedges] == [(5, 15, "reportedly")]
    assert [(h["start"], h["end"]) for h in mlkit.analyze(text).hedges] == [(5, 15)]
