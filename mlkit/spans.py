"""Plain span records shared by every part of the kit (offsets index the text exactly as given)."""

from __future__ import annotations

from typing import TypedDict


class SpanDict(TypedDict):
    start: int
    end: int
    text: str


def span_dict(text: str, start: int, end: int) -> SpanDict:
    """A contract span: ``text == input[start:end]`` by construction, never normalised."""
    return {"start": start, "end": end, "text": text[start:end]}


def overlaps(a: dict, b: dict) -> bool:
    """True when two spans share at least one character (the evaluation's match rule)."""
    return a["start"] < b["end"] and b["start"] < a["end"]
