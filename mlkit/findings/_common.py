"""Helpers the findings share: lines with offsets, span lookups, word stems and TSV reading.

Kept apart so each finding module holds only its own rule; everything here is linear in the text.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from mlkit.outlets import normalise
from mlkit.result import Result
from mlkit.spans import overlaps
from mlkit.spans import span_dict as span

__all__ = ["normalise", "overlaps", "span"]  # re-exported so the finding modules import from one place

Span = dict[str, Any]

_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace (non-breaking spaces included)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed, whatever the line ends (LF, CRLF, CR)."""
    for m in _LINE.finditer(text):
        start, end = trimmed(text, m.start(), m.end())
        if start < end:
            yield start, end


def words(text: str) -> list[str]:
    """The words of a string (letters and digits, keeping inner apostrophes and hyphens)."""
    return _WORD.findall(text)


def stem(word: str) -> str:
    """A crude stem so "killed", "kills" and "killing" meet (blank English has no lemmatizer)."""
    w = word.lower().replace("’", "'")
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (stop words and one-letter words left out)."""
    return {stem(w) for w in words(text) if len(w) > 1 and w.lower() not in STOP_WORDS}


class SpanIndex:
    """Spans sorted by start, so "which spans overlap [start, end)?" costs a binary search, not a scan."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s["start"], s["end"]))
        self.starts = [s["start"] for s in self.spans]
        self.longest = max((s["end"] - s["start"] for s in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if s["start"] < end and start < s["end"]]


def attribution_spans(r: Result) -> list[Span]:
    """Every cue and content span of the result's attributions: text inside them is sourced."""
    out = []
    for a in r.attributions:
        for key in ("cue", "content"):
            if a.get(key):
                out.append(a[key])
    return out


def read_tsv(name: str, columns: int) -> list[list[str]]:
    """Rows of mlkit/data/<name>: '#' lines are comments, the first other line is the header."""
    raw = resources.files("mlkit").joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    out = []
    for i, row in enumerate(csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)):
        if i == 0:
            continue
        if len(row) != columns:
            raise ValueError(f"mlkit/data/{name}: expected {columns} tab-separated columns, got {row!r}")
        out.append([c.strip() for c in row])
    return out
