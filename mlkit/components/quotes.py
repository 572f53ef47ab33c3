"""Find quotations in raw news text: curly, straight, mixed and unbalanced marks, line by line.

Real copy mixes “curly” and "straight" marks and leaves quotes unclosed, so pairing is forgiving: any
closing mark closes an open quote, and a quote still open at the end of its paragraph ends there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“", "„", "«"}
CLOSERS = {"”", "»"}
STRAIGHT = '"'


@dataclass(frozen=True)
class Quote:
    start: int  # index of the opening mark
    end: int  # index just past the closing mark (or the paragraph's last character when unbalanced)
    balanced: bool
    mixed: bool  # opened and closed with different kinds of mark


def find_quotes(text: str) -> list[Quote]:
    """All quotations in `text`, sorted by start; one pass over the marks only (line breaks are looked
    up only while a quote is open), linear in the length of the text."""
    quotes: list[Quote] = []
    open_at = -1
    open_mark = ""
    skip = -1
    seen = 0  # no line break between the open quote and here (so no stretch is searched twice)
    marks = _MARKS if "''" in text or "``" in text else _CURLY_AND_STRAIGHT  # most text has no doubles
    for m in marks.finditer(text):
        i, mark = m.start(), m.group()
        if open_at >= 0:
            if text.find("\n", max(seen, open_at), i) >= 0:
                _unbalanced(text, open_at, quotes)  # a quote still open at its paragraph's end ends there
                open_at = -1
            seen = i
        width = 1
        if mark in "'`":  # typewriter doubles: ''quoted'' and ``quoted''; a lone ' or ` is no mark
            if i == skip or text[i + 1 : i + 2] != mark:
                continue
            width, skip = 2, i + 1
        ch = STRAIGHT if width == 2 else mark
        if ch in OPENERS or (ch == STRAIGHT and open_at < 0 and _opens(text, i + width - 1)):
            if open_at < 0:
                open_at, open_mark = i, ch
        elif (ch in CLOSERS or ch == STRAIGHT) and open_at >= 0:
            mixed = (open_mark == STRAIGHT) != (ch == STRAIGHT)
            quotes.append(Quote(open_at, i + width, True, mixed))
            open_at = -1
    if open_at >= 0:
        _unbalanced(text, open_at, quotes)
    return quotes


# One character class (with ' and ` for their doubles), not an alternation: twice as fast to scan.
_MARKS = re.compile("[\"“”„«»'`]")
_CURLY_AND_STRAIGHT = re.compile('["“”„«»]')


def _unbalanced(text: str, open_at: int, out: list[Quote]) -> None:
    """An opening mark never closed on its line: the quote runs to the line's last visible character."""
    line_start = text.rfind("\n", 0, open_at) + 1
    line_end = text.find("\n", open_at)
    end = line_start + len(text[line_start : len(text) if line_end < 0 else line_end].rstrip())
    if end > open_at + 1:
        out.append(Quote(open_at, end, False, False))


def _opens(text: str, i: int) -> bool:
    """A straight mark opens a quote when a word follows it (not after a word: that would be a close)."""
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not nxt.isspace()
