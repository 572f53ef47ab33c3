"""Every chart draws any text as plain text: "$...$" is never mathematics, and no character (lone
surrogate, control character, right-to-left override) can stop a chart from drawing.

Headlines, sentences, source names and students' hedge words all reach a chart, so each chart function
is drawn here with each kind of text (issue 13, "Crashes a student would meet").
"""

from __future__ import annotations

import inspect
import io
import json
import warnings
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import Locator  # noqa: E402

from mlkit import classroom, plots  # noqa: E402
from mlkit.result import Result  # noqa: E402

TEXTS = {
    "two_dollars": "Bank pays $5bn, up 10% from $4bn",
    "valid_mathtext": r"Area is $x^2$ and $\frac{a}{b}$ \sqrt{2}",  # would be typeset, not shown as typed
    "bad_mathtext": r"Costs $\undefinedcommand{ rose $",
    "lone_surrogate": "Head\ud800line \udfff said",
    "control_characters": "\x00It\x1b[31m may\x7f rain\x85 said\x0b\x0c\x1f\t",
    "rtl_override": "\u202eIt may rain\u202c, \u202bsaid\u202c \u200f",
    "empty": "",
    "one_word": "said",
}


def _attr(stance: str) -> dict:
    return {"cue": {"start": 0, "end": 1, "text": "x"}, "source_type": "named", "verb_stance": stance}


def _headline(text: str) -> Figure:
    hvb = {
        "headline": {"start": 0, "end": len(text), "text": text},
        "headline_certainty": 1.0,
        "sentences": [{"text": text, "certainty": 0.5, "hedges": 1, "attributed": True}],
        "overstated": True,
    }
    return plots.headline_body_figure(hvb)


def _chain(text: str) -> Figure:
    links = [{"label": "You, the reader", "kind": "reader"}, {"label": text, "kind": text}]
    return plots.chain_figure({"hands": 1, "links": links})


def _compare(text: str) -> Figure:
    r = Result(text=text, pipeline="t", attributions=[_attr(text)])
    return plots.compare_figure(r, r, labels=(text, "B"))


def _source(text: str) -> Figure:
    return plots.source_chart(Result(text=text, pipeline="t", attributions=[_attr(text)]))


def _class(text: str) -> Figure:
    return plots.class_figure({"students": 1, "hedges": {text: {"found": 1, "missed": 0}}})


CHARTS: dict[str, Callable[[str], Figure]] = {
    "headline_body_figure": _headline,
    "chain_figure": _chain,
    "compare_figure": _compare,
    "source_chart": _source,
    "class_figure": _class,
}


def _draw(fig: Figure) -> bytes:
    """Draw to PNG with every warning an error: a control character must not even warn of a missing glyph."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buf, format="png", dpi=40)
    return buf.getvalue()


def _drawn(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("text", list(TEXTS.values()), ids=list(TEXTS))
@pytest.mark.parametrize("chart", list(CHARTS.values()), ids=list(CHARTS))
def test_every_chart_draws_any_text_as_plain_text(chart: Callable[[str], Figure], text: str) -> None:
    fig = chart(text)
    assert _draw(fig).startswith(b"\x89PNG")
    texts = _drawn(fig)
    assert texts and all(not t.get_parse_math() and not t.get_usetex() for t in texts)
    for t in texts:
        t.get_text().encode("utf-8")  # no lone surrogate left to reach the font engine
    plots.describe(fig).encode("utf-8")


@pytest.mark.parametrize("chart", ["headline_body_figure", "chain_figure", "compare_figure", "class_figure"])
def test_dollars_are_drawn_as_typed(chart: str) -> None:
    fig = CHARTS[chart](TEXTS["two_dollars"])
    _draw(fig)
    drawn = " ".join(" ".join(t.get_text().split()) for t in _drawn(fig))
    # the chain wraps its boxes at 16 characters; every other chart shows the words on one line
    assert ("$5bn, up 10% from $4bn" if chart != "chain_figure" else "$5bn, up 10%") in drawn
    assert "$5bn, up 10% from $4bn" in plots.describe(fig)


class _GrowingLocator(Locator):
    """More ticks at each call, so some tick labels can only be created during the draw itself."""

    calls = 0

    def __call__(self) -> list[float]:
        self.calls += 1
        return [i / 10 for i in range(2 * self.calls)]


def test_tick_labels_made_while_drawing_are_plain_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Text reads text.parse_math when it is made: tick labels made mid-draw must be plain as well."""
    drawn: list[tuple[str, bool]] = []
    original = Text.draw

    def spy(self: Text, renderer: object) -> None:
        if self.get_text() and self.get_visible():
            drawn.append((self.get_text(), self.get_parse_math()))
        original(self, renderer)

    monkeypatch.setattr(Text, "draw", spy)
    fig = plots.KitFigure()
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1])
    ax.xaxis.set_major_locator(_GrowingLocator())
    ax.xaxis.set_major_formatter(lambda value, _pos: f"${value:g}$ costs $")
    _draw(fig)
    ticks = [parse_math for text, parse_math in drawn if text.endswith("$ costs $")]
    assert len(ticks) >= 4 and not any(ticks)


def test_drawing_a_chart_leaves_matplotlib_settings_alone() -> None:
    before = (matplotlib.rcParams["text.parse_math"], matplotlib.rcParams["text.usetex"])
    _draw(_headline(TEXTS["two_dollars"]))
    assert (matplotlib.rcParams["text.parse_math"], matplotlib.rcParams["text.usetex"]) == before


def test_plain_replaces_only_what_cannot_be_drawn() -> None:
    # Checked by hand: surrogate and ESC become U+FFFD, the tab a space, "$" and "\" and the RTL mark stay.
    assert plots.plain("a\ud800b\x1bc\td$\\\u200f") == "a\ufffdb\ufffdc d$\\\u200f"
    assert plots.plain("") == ""
    assert len(plots.plain(TEXTS["control_characters"])) == len(TEXTS["control_characters"])


def test_class_summary_with_a_dollar_hedge_word_draws(tmp_path: Path) -> None:
    doc = {
        "format": "mlkit-answers",
        "version": 1,
        "answers": {"spot": {"value": {"found": ["$5bn", "may"], "missed": ["costs $4bn\ud800"]}}},
    }
    (tmp_path / "ana.json").write_text(json.dumps(doc), encoding="utf-8")
    summary = classroom.summarize(tmp_path)
    fig = summary["figure"]
    _draw(fig)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "$5bn" in ticks and "costs $4bn\ufffd" in ticks


def test_every_chart_function_is_drawn_here() -> None:
    """A new chart function must join CHARTS, so it is drawn with every kind of text above."""
    made = {
        name
        for name, fn in inspect.getmembers(plots, inspect.isfunction)
        if fn.__module__ == plots.__name__ and inspect.signature(fn).return_annotation in ("Figure", Figure)
    }
    assert made == set(CHARTS)
