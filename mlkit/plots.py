"""Charts for the lessons, as matplotlib Figures: every bar labelled with its value, hatched as well as
coloured (never colour alone), titled and with named axes, so a grey-scale printout carries the same
information. Each figure also carries ``alt_text``: a plain-text sentence list with the title and every
number drawn, which the widgets put in the image's ``alt`` (a screen reader cannot read a PNG).

Figures are built with ``matplotlib.figure.Figure`` (no pyplot state), so they are safe in tests and
show inline in Jupyter.

Every word on a chart may come from an article or a student ("Bank pays $5bn, up 10% from $4bn"), so a
chart draws plain text only: ``KitFigure`` turns matplotlib's mathtext and LaTeX off for every text it
holds (a pair of "$" would otherwise be parsed as mathematics and crash the drawing), and ``plain`` is
the one helper every label, title and text alternative goes through (lone surrogates, which the font
engine refuses, and control characters, which have no glyph, become U+FFFD).
"""

from __future__ import annotations

import io
import re
import textwrap
import warnings
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from mlkit import sourcing
from mlkit.labels import LINK_KINDS, STANCE_WORDS
from mlkit.render import printable

#: matplotlib settings under which a chart is drawn: no "$...$" mathematics, no LaTeX.
PLAIN_TEXT_RC = {"text.parse_math": False, "text.usetex": False}

_SPACE_CONTROLS = re.compile("[\t\r\x0b\x0c\x1c-\x1f\x85]")
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def plain(text: object) -> str:
    """``text`` as a chart can draw it, one character for one: lone surrogates and control characters
    become U+FFFD (whitespace controls a space); "$" and "\\" stay as they are (``KitFigure`` draws
    them literally)."""
    return _OTHER_CONTROLS.sub("\ufffd", _SPACE_CONTROLS.sub(" ", printable(str(text))))


class KitFigure(Figure):
    """A Figure that draws every text literally and shows itself as a PNG in Jupyter even when pyplot
    was never imported."""

    #: Plain (unescaped) text alternative: the title and the numbers drawn; set by each chart function.
    alt_text: str = ""

    def draw(self, renderer: Any) -> None:
        """Draw with mathtext and LaTeX off for every text, including tick labels created while drawing
        (a Text reads ``text.parse_math`` when it is made, so the setting must hold during the draw)."""
        with matplotlib.rc_context(PLAIN_TEXT_RC):
            for text in self.findobj(Text):
                text.set_parse_math(False)
                text.set_usetex(False)
            super().draw(renderer)

    def _repr_png_(self) -> bytes:
        return png(self)


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes (an emoji in a pasted article must not print a glyph warning at students)."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        fig.savefig(buf, format="png", dpi=90)
    return buf.getvalue()


# Okabe–Ito colours, each paired with a hatch so that no chart relies on colour alone.
BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
)
HATCHES = ("", "//", "..", "xx", "\\\\", "--")

KIND_COLOURS = {
    "reader": SKY,
    "article": BLUE,
    "outlet": GREEN,
    "person": ORANGE,
    "group": PURPLE,
    "unknown": "#FFFFFF",
}


def describe(fig: Figure) -> str:
    """The figure's text alternative: its ``alt_text``, else its titles (never empty for a titled chart),
    on one line and through ``plain`` (it quotes article text, and goes into HTML and reports)."""
    text = getattr(fig, "alt_text", "")
    if not text:
        titles = [fig.get_suptitle(), *(ax.get_title() for ax in fig.axes)]
        text = ". ".join(t for t in titles if t)
    return " ".join(plain(text).split())


def _pairs(labels: Sequence[str], values: Sequence[float]) -> str:
    return ", ".join(
        f"{' '.join(label.split())} {value:g}" for label, value in zip(labels, values, strict=True)
    )


def _bars(
    ax: Any, labels: Sequence[str], values: Sequence[float], colours: Sequence[str], fmt: str = "%g"
) -> Any:
    bars = ax.bar(range(len(values)), values, color=colours, edgecolor="black", linewidth=1)
    for bar, hatch in zip(bars, HATCHES, strict=False):
        bar.set_hatch(hatch)
    ax.set_xticks(range(len(values)), [plain(label) for label in labels])
    ax.bar_label(bars, fmt=fmt, padding=2)
    ax.set_ylim(0, max([*values, 1]) * 1.25)
    return bars


def source_chart(result: Any) -> Figure:
    """Two bar charts: who stands behind each report (named, not named, no one: mlkit.sourcing, the one
    definition every view counts with), and the colour of the reporting verbs."""
    groups, stances = sourcing.source_counts(result), sourcing.stance_counts(result)
    fig = KitFigure(figsize=(9, 3.6), layout="constrained")
    left, right = fig.subplots(1, 2)
    _bars(left, list(groups), list(groups.values()), [GREEN, VERMILLION, "#BBBBBB"])
    left.set_title("Who stands behind each report?")
    left.set_ylabel("number of reports")
    stance_labels = ["\n".join(textwrap.wrap(STANCE_WORDS[s].split(" (")[0], 14)) for s in stances]
    _bars(right, stance_labels, list(stances.values()), [BLUE, VERMILLION, GREEN, PURPLE])
    right.set_title("How is it reported? (the verb)")
    right.set_ylabel("number of reports")
    title = f"Sources in this text: {len(result.attributions)} reports"
    fig.suptitle(title)
    fig.alt_text = (
        f"Two bar charts. {title}. Who stands behind each report? "
        f"{_pairs(list(groups), list(groups.values()))}. "
        f"How is it reported (the verb)? {_pairs(stance_labels, list(stances.values()))}."
    )
    return fig


def chain_figure(chain: dict[str, Any]) -> Figure:
    """The sourcing chain as boxes joined by arrows, from the reader back to the first witness."""
    links = list(chain.get("links") or [])
    n = max(len(links), 1)
    fig = KitFigure(figsize=(max(6.0, 2.3 * n), 3.0), layout="constrained")
    ax = fig.subplots()
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(-1.2, 1.0)
    ax.axis("off")
    for i, link in enumerate(links):
        kind = plain(link.get("kind") or "unknown")
        lines = textwrap.wrap(plain(link.get("label") or "?"), 16)
        if len(lines) > 5:  # a box holds five lines; a longer label says it goes on (the table has it whole)
            lines = lines[:4] + [lines[4][:15] + "…"]
        label = "\n".join(lines)
        ax.text(
            i, 0.15, label, ha="center", va="center", fontsize=11, gid="chain-node",
            bbox={"boxstyle": "round,pad=0.4", "facecolor": KIND_COLOURS.get(kind, "#FFFFFF"),
                  "edgecolor": "black", "linestyle": "--" if kind == "unknown" else "-", "alpha": 0.9},
        )  # fmt: skip
        words = "\n".join(textwrap.wrap(LINK_KINDS.get(kind, kind.replace("_", " ")), 14))
        ax.text(i, -0.8, words, ha="center", va="center", fontsize=10, style="italic", gid="chain-kind")
        if i + 1 < len(links):  # the claim travels from the witness towards the reader: heads point left
            ax.add_patch(
                FancyArrowPatch((i + 0.38, 0.15), (i + 0.62, 0.15), arrowstyle="<|-", mutation_scale=14,
                                color="black", gid="chain-arrow")
            )  # fmt: skip
    hands = int(chain.get("hands") or 0)
    title = f"How many hands? The claim passed through {hands} before reaching you"
    fig.suptitle(title)
    steps = ", then ".join(
        f"{link.get('label') or '?'} ({LINK_KINDS.get(str(link.get('kind')), 'not known')})" for link in links
    )
    fig.alt_text = (
        f"Diagram. {title}. {len(links)} boxes from the reader back to the first witness: {steps or 'none'}."
    )
    ax.set_title("you  ←  …  ←  the first witness (read from left to right, back towards the source)",
                 fontsize=10)  # fmt: skip
    return fig


def _short(text: object, width: int = 38) -> str:
    one_line = " ".join(plain(text).split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def headline_body_figure(hvb: dict[str, Any]) -> Figure:
    """Horizontal bars: how certain the headline sounds against each body sentence, in percent (100 % =
    flat fact), the unit the lessons and tables use."""
    sentences = list(hvb.get("sentences") or [])
    headline = hvb.get("headline")
    labels = ["HEADLINE: " + _short(headline["text"]) if headline else "HEADLINE: (none found)"]
    spoken = [f"Headline “{headline['text']}”" if headline else "Headline (none found)"]
    values = [100 * float(hvb.get("headline_certainty") or 0.0)]
    for i, s in enumerate(sentences, start=1):
        note = " [hedged]" if s.get("hedges") else ""
        note += " [attributed]" if s.get("attributed") else ""
        labels.append(f"S{i}: {_short(s.get('text', ''))}{note}")
        spoken.append(f"S{i} “{_short(s.get('text', ''), 80)}”{note}")
        values.append(100 * float(s.get("certainty") or 0.0))
    fig = KitFigure(figsize=(10, 1.2 + 0.42 * len(values)), layout="constrained")
    ax = fig.subplots()
    positions = list(range(len(values)))[::-1]
    bars = ax.barh(positions, values, color=[VERMILLION] + [BLUE] * len(sentences), edgecolor="black")
    bars[0].set_hatch("//")
    ax.set_yticks(positions, labels, fontsize=8)
    ax.bar_label(bars, fmt="%.0f %%", padding=3)
    ax.set_xlim(0, 115)
    ax.set_xticks([0, 25, 50, 75, 100], ["0 %", "25 %", "50 %", "75 %", "100 %"])
    ax.axvline(values[0], color="black", linestyle=":", linewidth=1)
    ax.set_xlabel("how certain it sounds (0 % = hedged or attributed, 100 % = stated as plain fact)")
    verdict = (
        "the headline sounds more certain than the body" if hvb.get("overstated") else "no overstatement"
    )
    title = f"Headline versus body: {verdict}"
    ax.set_title(title)
    fig.alt_text = (
        f"Bar chart. {title}. How certain each sounds, from 0 % (hedged or attributed) to 100 % (plain "
        "fact): "
        + "; ".join(f"{who}: {value:.0f} %" for who, value in zip(spoken, values, strict=True))
        + "."
    )
    return fig


def text_stats(result: Any) -> dict[str, float]:
    """Per-text numbers the compare chart and table show: how many hedges and boosters per 100 words, and
    who stands behind the reports (mlkit.sourcing's groups, so these agree with every other view)."""
    words = max(len(result.text.split()), 1)
    groups = sourcing.source_counts(result)
    return {
        "words": float(len(result.text.split())),
        "hedges per 100 words": round(100 * len(result.hedges) / words, 1),
        "boosters per 100 words": round(100 * len(result.boosters) / words, 1),
        **{sourcing.GROUP_REPORTS[g]: float(n) for g, n in groups.items()},
    }


COMPARE_KEYS = ("hedges per 100 words", "boosters per 100 words", *sourcing.GROUP_REPORTS.values())


def compare_figure(ra: Any, rb: Any, labels: tuple[str, str] = ("Text A", "Text B")) -> Figure:
    """Grouped bars of the same measures for two texts (hatched differently, values on every bar)."""
    sa, sb = text_stats(ra), text_stats(rb)
    labels = (plain(labels[0]), plain(labels[1]))
    fig = KitFigure(figsize=(10, 3.8), layout="constrained")
    ax = fig.subplots()
    x = list(range(len(COMPARE_KEYS)))
    width = 0.38
    for offset, stats, label, colour, hatch in (
        (-width / 2, sa, labels[0], BLUE, ""),
        (width / 2, sb, labels[1], ORANGE, "//"),
    ):
        bars = ax.bar([i + offset for i in x], [stats[k] for k in COMPARE_KEYS], width, label=label,
                      color=colour, hatch=hatch, edgecolor="black")  # fmt: skip
        ax.bar_label(bars, fmt="%g", padding=2, fontsize=8)
    ax.set_xticks(x, ["\n".join(textwrap.wrap(k, 12)) for k in COMPARE_KEYS], fontsize=8)
    ax.set_ylabel("count (or per 100 words)")
    title = f"{labels[0]} versus {labels[1]}"
    ax.set_title(title)
    ax.legend()
    fig.alt_text = (
        f"Grouped bar chart. {title}. "
        + "; ".join(f"{key}: {labels[0]} {sa[key]:g}, {labels[1]} {sb[key]:g}" for key in COMPARE_KEYS)
        + "."
    )
    top = max([sa[k] for k in COMPARE_KEYS] + [sb[k] for k in COMPARE_KEYS] + [1])
    ax.set_ylim(0, top * 1.25)
    return fig


def _times(n: int) -> str:
    return f"{n} time" if n == 1 else f"{n} times"


def class_figure(summary: dict[str, Any]) -> Figure:
    """For the instructor: how often the class found and missed each hedge (from classroom.summarize);
    a hedge printed twice counts twice for each student."""
    hedges = summary.get("hedges") or {}
    words = sorted(hedges, key=lambda w: (-hedges[w].get("missed", 0), w))
    found = [hedges[w].get("found", 0) for w in words]
    missed = [hedges[w].get("missed", 0) for w in words]
    fig = KitFigure(figsize=(9, 1.6 + 0.4 * max(len(words), 1)), layout="constrained")
    ax = fig.subplots()
    pos = list(range(len(words)))[::-1]
    height = 0.38
    b1 = ax.barh([p + height / 2 for p in pos], found, height, label="found", color=GREEN, edgecolor="black")
    b2 = ax.barh([p - height / 2 for p in pos], missed, height, label="missed", color=VERMILLION,
                 hatch="//", edgecolor="black")  # fmt: skip
    ax.bar_label(b1, fmt="%d", padding=2)
    ax.bar_label(b2, fmt="%d", padding=2)
    ax.set_yticks(pos, [plain(w) for w in words])
    ax.set_xlabel("times, over all students (a word printed twice counts twice)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole times, never a quarter of one
    students = int(summary.get("students") or 0)
    title = f"What the class found and missed ({students} students)"
    ax.set_title(title)
    fig.alt_text = (
        f"Bar chart. {title}. "
        + (
            "; ".join(
                f"{w}: found {_times(f)}, missed {_times(m)}"
                for w, f, m in zip(words, found, missed, strict=True)
            )
            or "No hedge exercises saved yet"
        )
        + "."
    )
    fig.legend(loc="outside lower center", ncols=2)  # under the chart, so it never hides a bar
    if not words:
        ax.text(0.5, 0.5, "No hedge exercises saved yet", transform=ax.transAxes, ha="center")
    return fig
