"""Small pieces every widget shares: turning input into a Result, the shared CSS, figures as images
with alt text.

Widgets accept a text (default: the seed article) or an already analysed Result, so lessons can pass
either and tests can pass hand-built Results whose marks are known exactly.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import re
from functools import lru_cache
from typing import Any

import ipywidgets as widgets

import mlkit
from mlkit import lexicon
from mlkit.render import css, esc, printable
from mlkit.result import Result

WORD_RE = re.compile(r"\w[\w'’\-]*")


@lru_cache(maxsize=32)
def _analyse_cached(text: str, version: int) -> Result:
    return mlkit.analyze(text)


def as_result(text: str | Result | None) -> Result:
    """The Result for a widget: the seed article when ``text`` is None; cached per lexicon version.

    Lone surrogates (a Python str may hold them, UTF-8 cannot) become U+FFFD, one for one so no offset
    moves: a widget's text travels to the browser as UTF-8 JSON and is hashed and saved with the answers.
    """
    if isinstance(text, Result):
        return text if printable(text.text) == text.text else _printable_result(text)
    if text is None:
        text = mlkit.seed_article()
    if not isinstance(text, str):
        raise TypeError(f"expected a text (str) or a Result, not {type(text).__name__}")
    return _analyse_cached(printable(text), lexicon.version())


def _printable_result(result: Result) -> Result:
    """A copy of ``result`` with lone surrogates replaced in its text and in every span's text."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return printable(value)
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    spans = {f: clean(getattr(result, f)) for f in ("hedges", "boosters", "attributions", "sentences")}
    return dataclasses.replace(result, text=printable(result.text), **spans)


def style_widget() -> widgets.HTML:
    """A hidden HTML widget carrying the kit's CSS (ipywidgets HTML applies <style>, never runs script)."""
    return widgets.HTML(f"<style>{css()}\n{EXTRA_CSS}</style>", layout=widgets.Layout(height="0px"))


EXTRA_CSS = """
.mlkit-ok{border-left:4px solid #009E73;padding-left:.5em}
.mlkit-bad{border-left:4px dashed #D55E00;padding-left:.5em}
.mlkit-note{color:#000;background:#fff;line-height:1.5}
.mlkit-note td,.mlkit-note th{border:1px solid #666;padding:.2em .4em;text-align:left;vertical-align:top}
.mlkit-note table{border-collapse:collapse}
.mlkit-note a{color:#0072B2;text-decoration:underline}
.mlkit-note a[download]{display:inline-block;padding:.2em .6em;border:2px solid #0072B2;border-radius:3px}
"""


def note(body_html: str) -> str:
    """Wrap already-escaped HTML in the kit's note container."""
    return f'<div class="mlkit-note">{body_html}</div>'


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """An escaped HTML table (every cell goes through ``esc``)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure_image(fig: Any, width: str = "100%") -> widgets.HTML:
    """A Figure as an ``<img>`` with alt text (title and every number drawn), so a screen reader reaches it.

    ipywidgets' Image has no alt attribute; an HTML widget (its value goes in as innerHTML) can carry one,
    and a data: URI keeps it self-contained. The alt text quotes article text, so it is escaped. A collapsed
    "chart in words" repeats it for sighted readers who cannot make out the picture.
    """
    from mlkit import plots  # matplotlib (25 MB in every kernel) loads only when a chart is drawn

    alt = html.escape(plots.describe(fig), quote=True)
    src = "data:image/png;base64," + base64.b64encode(plots.png(fig)).decode("ascii")
    return widgets.HTML(
        f'<figure class="mlkit-figure" style="margin:0">'
        f'<img src="{src}" alt="{alt}" style="width:{html.escape(width, quote=True)};height:auto">'
        f"<details><summary>This chart in words</summary><p>{alt}</p></details></figure>"
    )


def sentence_around(result: Result, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``start``..``end`` (or a window around it when sentences are missing)."""
    for s in result.sentences:
        if s["start"] <= start and end <= s["end"]:
            return s["start"], s["end"]
    return max(0, start - 120), min(len(result.text), end + 120)


def words(text: str) -> list[tuple[int, int, str]]:
    """Every word with its offsets (any script; apostrophes and hyphens stay inside words)."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end): the unit students move through in the exercises."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    return out


def short(text: str, width: int = 50) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"
