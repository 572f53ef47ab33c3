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
    """All quotations in `text`, sorted by start; linear in the length of the text."""
    quotes: list[Quote] = []
    pos = 0
    for line in text.split("\n"):
        _scan_line(line, pos, quotes)
        pos += len(line) + 1
    return quotes


_MARKS = re.compile(r"''|``|[\"“”„«»]")


def _scan_line(line: str, offset: int, out: list[Quote]) -> None:
    """Pair the marks of one paragraph; only the marks are visited, not every character."""
    open_at = -1
    open_mark = ""
    for m in _MARKS.finditer(line):
        i, width = m.start(), m.end() - m.start()
        ch = STRAIGHT if width == 2 else m.group()  # typewriter doubles: ''quoted'' and ``quoted''
        if ch in OPENERS or (ch == STRAIGHT and open_at < 0 and _opens(line, i + width - 1)):
            if open_at < 0:
                open_at, open_mark = i, ch
        elif (ch in CLOSERS or ch == STRAIGHT) and open_at >= 0:
            mixed = (open_mark == STRAIGHT) != (ch == STRAIGHT)
            out.append(Quote(offset + open_at, offset + i + width, True, mixed))
            open_at = -1
    if open_at >= 0:
        end = len(line.rstrip())
        if end > open_at + 1:
            out.append(Quote(offset + open_at, offset + end, False, False))


def _opens(line: str, i: int) -> bool:
    """A straight mark opens a quote when a word follows it (not after a word: that would be a close)."""
    nxt = line[i + 1] if i + 1 < len(line) else " "
    return not nxt.isspace()
