"""Where the article is: its headline (first line that is not page furniture) and its body sentences.

Headline-versus-body and unsourced-sentence checks both read only the article, never the page around it.
"""

from __future__ import annotations

import bisect

from mlkit.findings._common import Span, lines, span, trimmed, words
from mlkit.findings.furniture import furniture_ranges
from mlkit.result import Result

#: A first line longer than this is a paragraph of text, not a headline.
MAX_HEADLINE_WORDS = 20


def _title_case(line: str) -> bool:
    """Most words capitalised ("Poll: Wealthy Voters Abandon Republican Party."), as titles are."""
    found = [w for w in words(line) if w[:1].isalpha()]
    return len(found) >= 3 and sum(w[:1].isupper() for w in found) >= 0.6 * len(found)


def _headline_range(text: str) -> tuple[int, int] | None:
    furniture = set(furniture_ranges(text))
    article_lines = [ln for ln in lines(text) if ln not in furniture]
    if len(article_lines) < 2:  # a headline needs something under it
        return None
    start, end = article_lines[0]
    first = text[start:end]
    if not 0 < len(words(first)) <= MAX_HEADLINE_WORDS:
        return None
    ending = first.rstrip("\"'”’)").rstrip()
    full_stop = ending.endswith(".") and not ending.endswith("...")
    if ending.endswith((",", ";", ":")) or (full_stop and not _title_case(first)):
        return None  # a sentence of running text, not a title (some archives end titles with ".")
    return start, end


def headline(r: Result) -> Span | None:
    """The first line that is not page furniture, if it looks like a title (short, no full stop).

    None when the text is one paragraph, one line, or starts with a full sentence: then there is no
    headline to compare with the body, and saying so is better than treating a sentence as one.
    """
    found = _headline_range(r.text)
    return span(r.text, *found) if found else None


def body_sentences(r: Result) -> list[Span]:
    """The result's sentences minus headline and furniture lines (a sentence that runs over one is cut)."""
    text = r.text
    skip = list(furniture_ranges(text))
    top = _headline_range(text)
    if top:
        skip.append(top)
    skip.sort()  # whole lines: they never overlap each other
    starts = [a for a, _ in skip]
    out: list[Span] = []
    for s in r.sentences:
        pos, stop = s["start"], s["end"]
        k = max(0, bisect.bisect_right(starts, pos) - 1)
        while pos < stop:
            cut_from, cut_to = skip[k] if k < len(skip) else (stop, stop)
            if cut_to <= pos:  # a line wholly before this piece
                k += 1
                continue
            _keep(text, pos, min(cut_from, stop), out)
            pos = max(pos, cut_to)
            k += 1
    return out


def _keep(text: str, start: int, end: int, out: list[Span]) -> None:
    start, end = trimmed(text, max(start, 0), min(end, len(text)))
    if start < end and words(text[start:end]):
        out.append(span(text, start, end))
