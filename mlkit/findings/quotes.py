"""Quotation integrity: unbalanced or mixed quotation marks, [editorial insertions], scare quotes.

Quotation marks promise "these are the speaker's exact words"; each problem here weakens that promise.
One linear scan per paragraph pairs the marks with a stack; apostrophes (don’t, students’) are skipped.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from mlkit.findings._common import SpanIndex, attribution_spans, trimmed, words
from mlkit.result import Result

#: A quoted stretch this short with nobody saying it reads as a scare quote ("so-called").
MAX_SCARE_WORDS = 4

_PARAGRAPH = re.compile(r"(?:\r\n|\r|\n)[ \t\u00a0]*(?:\r\n|\r|\n)")
_BRACKET = re.compile(r"\[[^\[\]\r\n]{0,200}\]")
_ODD_END = re.compile(r"(?:[,;:][.!?]|[.!?][,;:])$")
_OPENERS = "“„«‘"
_CLOSERS = "”»’"
_DOUBLE = '“„«”»"'
_CURLY = "“„«”»‘’"


def _family(ch: str) -> str:
    return "double" if ch in _DOUBLE else "single"


def _is_opening_straight(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isspace() or before in "([{—–-/":
        return not after.isspace()
    return False


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [trimmed(text, s, e) for s, e in out if trimmed(text, s, e)[0] < trimmed(text, s, e)[1]]


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[tuple[int, int, str, str], ...], tuple[tuple[int, int], ...]]:
    """(pairs, stray): pairs are (open, close, open_char, close_char) with close == -1 when never closed
    (close is then the paragraph's end); stray are (position, paragraph start) of closers with no opener."""
    pairs: list[tuple[int, int, str, str]] = []
    stray: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    for n, (p_start, p_end) in enumerate(paragraphs):
        stack: list[tuple[int, str]] = []
        for i in range(p_start, p_end):
            ch = text[i]
            if ch == '"':
                if _is_opening_straight(text, i, p_start, p_end):
                    stack.append((i, ch))
                    continue
                if not any(_family(f) == "double" for _, f in stack):
                    stray.append((i, p_start))
                    continue
                opening = "close"
            elif ch in _OPENERS:
                if ch == "‘" and i > p_start and text[i - 1].isalnum():
                    continue  # a mis-typed apostrophe inside a word
                stack.append((i, ch))
                continue
            elif ch in _CLOSERS:
                if ch == "’":
                    between_letters = (
                        i > p_start and text[i - 1].isalnum() and i + 1 < p_end and text[i + 1].isalnum()
                    )
                    single_open = any(_family(f) == "single" for _, f in stack)
                    if between_letters or not single_open:
                        continue  # an apostrophe: don’t, students’
                opening = "close"
            else:
                continue
            if opening == "close":
                family = _family(ch)
                while stack and _family(stack[-1][1]) != family:
                    o, f = stack.pop()
                    pairs.append((o, -1, f, ""))
                if stack:
                    o, f = stack.pop()
                    pairs.append((o, i, f, ch))
                else:
                    stray.append((i, p_start))
        next_start = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        continues = next_start is not None and text[next_start] in '“„«"'
        for o, f in stack:
            if continues and _family(f) == "double":
                pairs.append((o, -2, f, ""))  # a quotation running on into the next paragraph: fine
            else:
                pairs.append((o, -1, f, ""))
    return tuple(sorted(pairs)), tuple(stray)


def _paragraph_end(text: str, pos: int) -> int:
    """End of the paragraph holding pos (binary search: a long text has thousands of paragraphs)."""
    paragraphs = _paragraphs_cached(text)
    k = bisect.bisect_right(_paragraph_starts(text), pos) - 1
    return paragraphs[k][1] if k >= 0 and pos < paragraphs[k][1] else len(text)


@lru_cache(maxsize=8)
def _paragraph_starts(text: str) -> tuple[int, ...]:
    return tuple(p[0] for p in _paragraphs_cached(text))


@lru_cache(maxsize=8)
def _paragraphs_cached(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_paragraphs(text))


def _inside_sentence(text: str, o: int, inner: str) -> bool:
    """A scare quote sits inside a sentence ("by popular “awakening councils.”"); a quotation that opens
    a paragraph or sentence, or ends in a comma before its speech tag (“We won,” she said), is speech."""
    if inner.rstrip().endswith(","):
        return False
    before = text[max(0, o - 20) : o].rstrip(" \t\u00a0")
    return bool(before) and before[-1] not in "\r\n.!?,:"


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted stretch, marks included; an unclosed one runs to its paragraph's end."""
    pairs, _ = _scan(text)
    return [(o, c + 1 if c >= 0 else _paragraph_end(text, o)) for o, c, _, _ in pairs]


def _item(text: str, start: int, end: int, issue: str, explanation: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end], "issue": issue, "explanation": explanation}


def quotation_integrity(r: Result) -> list[dict[str, Any]]:
    """Problems with the quotations in the text, each with a one-sentence explanation, sorted by start."""
    text = r.text
    pairs, stray = _scan(text)
    sourced = SpanIndex(attribution_spans(r))
    out: list[dict[str, Any]] = []
    regions = []
    for o, c, f, cf in pairs:
        if c == -1 and _family(f) == "single":
            continue  # an unclosed ‘ is usually an apostrophe (‘90s, ‘em), not a quotation
        if c == -1:
            end = trimmed(text, o, _paragraph_end(text, o))[1]
            regions.append((o, end))
            out.append(
                _item(
                    text,
                    o,
                    end,
                    "unbalanced",
                    f"This quotation opens with {f} but never closes, so you cannot tell where the speaker's "
                    "words end and the writer's begin.",
                )
            )
            continue
        end = c + 1 if c >= 0 else _paragraph_end(text, o)
        regions.append((o, end))
        if c < 0:
            continue
        if (f in _CURLY) != (cf in _CURLY):
            out.append(
                _item(
                    text,
                    o,
                    end,
                    "mixed_marks",
                    f"This quotation opens with {f} but closes with {cf}, a sign it was pasted together or "
                    "edited carelessly, so check where the quoted words really begin and end.",
                )
            )
        inner = text[o + 1 : c]
        tail = inner[-3:]
        odd = _ODD_END.search(tail)
        if odd:
            mark_start = c - len(tail) + odd.start()
            out.append(
                _item(
                    text,
                    mark_start,
                    c + 1,
                    "mixed_marks",
                    f"Two punctuation marks side by side (“{odd.group()}”) at the end of the quotation "
                    "suggest it was cut short or edited, so the speaker may have said more.",
                )
            )
        n_words = len(words(inner))
        if (
            0 < n_words <= MAX_SCARE_WORDS
            and _inside_sentence(text, o, inner)
            and not sourced.overlapping(o, end)
        ):
            out.append(
                _item(
                    text,
                    o,
                    end,
                    "scare_quote",
                    f"Quotation marks around a short phrase that nobody is said to have spoken "
                    f"({text[o:end]}) can mean “so-called”: the writer keeps a distance from these words "
                    "or doubts them.",
                )
            )
    for pos, p_start in stray:
        start = trimmed(text, p_start, pos)[0]
        out.append(
            _item(
                text,
                start,
                pos + 1,
                "unbalanced",
                f"This {text[pos]} closes a quotation that was never opened, so you cannot tell where the "
                "speaker's words begin.",
            )
        )
    index = SpanIndex({"start": s, "end": e} for s, e in regions)
    for m in _BRACKET.finditer(text):
        if not index.overlapping(m.start(), m.end()):
            continue
        inside = m.group()[1:-1].strip()
        if inside in ("...", "…", ""):
            why = (
                "The writer cut some of the speaker's words out here, so you do not see everything they said."
            )
        else:
            why = (
                f"Square brackets inside a quotation mark words the writer added ({m.group()}): the speaker "
                "did not say them, the writer put them in to explain."
            )
        out.append(_item(text, m.start(), m.end(), "editorial_insertion", why))
    return sorted(out, key=lambda q: (q["start"], q["end"], q["issue"]))
