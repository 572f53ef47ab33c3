"""Quotation integrity: unbalanced or mixed quotation marks, stray punctuation at a quotation's end,
[editorial insertions], scare quotes.

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
#: Head nouns of names of groups, bodies and programmes: quotation marks around a (often translated)
#: name such as "awakening councils" (the Sahwa movement) mark a name, not the writer's doubt.
NAME_HEADS = frozenset(
    "council councils committee committees movement movements group groups brigade brigades front army "
    "party alliance coalition union league operation operations campaign programme program initiative "
    "plan".split()
)
#: Words right before the quotation that DO distance the writer from the name ("so-called").
DISTANCING = ("so-called", "so called", "self-styled", "self-proclaimed", "alleged")

_SCARE_CHARS = 200  # a quotation longer than this has more than MAX_SCARE_WORDS words
_LONGEST_ITEM = 3000  # the longest stretch one problem is shown on (news quotations are far shorter)
#: How far (characters) to look for the ends of a sentence when the result gives no sentences.
_WINDOW = 400
_WORD_RE = re.compile(r"[^\W\d_]+")
_PARAGRAPH = re.compile(r"(?:\r\n|\r|\n)[ \t\u00a0]*(?:\r\n|\r|\n)")
_BRACKET = re.compile(r"\[[^\[\]\r\n]{0,200}\]")
_ODD_END = re.compile(r"(?:[,;:][.!?]|[.!?][,;:])$")
_OPENERS = "“„«‘"
_CLOSERS = "”»’"
_DOUBLE = '“„«”»"'
_CURLY = "“„«”»‘’"
_MARKS = frozenset(_OPENERS + _CLOSERS + '"')


def _family(ch: str) -> str:
    return "double" if ch in _DOUBLE else "single"


def _is_opening_straight(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isspace() or before in "([{—–-/=":
        return not after.isspace()
    return False


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    spans = (trimmed(text, s, e) for s, e in out)
    return [(s, e) for s, e in spans if s < e]


def _at_line_start(text: str, i: int, p_start: int) -> bool:
    j = i - 1
    while j >= p_start and text[j] in " \t\u00a0":
        j -= 1
    return j < p_start or text[j] in "\r\n"


def _role(text: str, i: int, p_start: int, p_end: int, open_count: dict[str, int]) -> str | None:
    """'open', 'close' or None (not a quotation mark here: an apostrophe, a stray ‘ inside a word)."""
    ch = text[i]
    double_open = open_count["double"] > 0
    if ch == '"':
        return "open" if _is_opening_straight(text, i, p_start, p_end) else "close"
    if ch in _OPENERS:
        return None if ch == "‘" and i > p_start and text[i - 1].isalnum() else "open"
    if ch == "’":
        between_letters = i > p_start and text[i - 1].isalnum() and i + 1 < p_end and text[i + 1].isalnum()
        single_open = open_count["single"] > 0
        return None if between_letters or not single_open else "close"
    if ch in _CLOSERS:
        # ” typed the wrong way round at the start of a quotation: ”Fear. I am ...”
        if not double_open and _is_opening_straight(text, i, p_start, p_end):
            return "open"
        return "close"
    return None


def _pop(
    stack: list[tuple[int, str]],
    open_count: dict[str, int],
    pairs: list[tuple[int, int, str, str]],
    close: int,
    close_char: str,
) -> None:
    """Close the innermost open quotation at `close` (-1 never closed, -2 runs on)."""
    o, f = stack.pop()
    open_count[_family(f)] -= 1
    pairs.append((o, close, f, close_char))


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[tuple[int, int, str, str], ...], tuple[tuple[int, int], ...]]:
    """(pairs, stray): pairs are (open, close, open_char, close_char); close is -1 when never closed and
    -2 when the quotation runs on into the next paragraph or line (the newspaper convention of
    reopening it there); stray are (position, paragraph start) of closers with no opener."""
    pairs: list[tuple[int, int, str, str]] = []
    stray: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    for n, (p_start, p_end) in enumerate(paragraphs):
        stack: list[tuple[int, str]] = []
        open_count = {"double": 0, "single": 0}  # kept beside the stack so each mark costs O(1)

        for i in range(p_start, p_end):
            if text[i] not in _MARKS:
                continue
            ch = text[i]
            family = _family(ch)
            role = _role(text, i, p_start, p_end, open_count)
            if role == "open":
                if family == "double" and stack and _family(stack[-1][1]) == "double":
                    if _at_line_start(text, i, p_start):  # reopened on a new line: the same quotation
                        _pop(stack, open_count, pairs, -2, "")
                stack.append((i, ch))
                open_count[family] += 1
            elif role == "close":
                if not open_count[family]:
                    stray.append((i, p_start))
                    continue
                while _family(stack[-1][1]) != family:
                    _pop(stack, open_count, pairs, -1, "")
                _pop(stack, open_count, pairs, i, ch)
        next_start = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        continues = next_start is not None and text[next_start] in '“„«"'
        for o, f in stack:
            pairs.append((o, -2 if continues and _family(f) == "double" else -1, f, ""))
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
    return bool(before) and before[-1] not in "\r\n.!?,:="


def _rough_sentence(text: str, start: int, end: int) -> dict[str, int]:
    """The sentence around [start, end) when the result has no sentences: from the last full stop
    before it to the first one after it (or the end of the quotation, if the quotation ends in one)."""
    floor = max(0, start - _WINDOW)
    before = max(floor - 1, *(text.rfind(p, floor, start) for p in (". ", "! ", "? ", "\n")))
    if text[start + 1 : end - 1].rstrip().endswith((".", "!", "?")):
        return {"start": before + 1, "end": end}
    after = [i for i in (text.find(p, end, end + _WINDOW) for p in (". ", "! ", "? ", "\n")) if i >= 0]
    return {"start": before + 1, "end": min(after, default=min(len(text), end + _WINDOW))}


def _cue_words() -> frozenset[str]:
    """Single-word reporting verbs from the kit's cue lexicon (read each time: lessons may edit it)."""
    from mlkit.lexicon import entries

    found = {
        form
        for phrase, entry in entries("cues").items()
        if "study" not in entry.guards  # "shows", "found" report findings, not words someone said
        for form in phrase.split("|")
        if " " not in form
    }
    return frozenset(found | {"calling", "called", "calls", "describing", "dubbed", "labelled", "labeled"})


def _cue_positions(text: str) -> list[int]:
    """Start of every cue word in the text, found in one pass (then each quotation is a binary search)."""
    cue_words = _cue_words()
    return [m.start() for m in _WORD_RE.finditer(text) if m.group().lower() in cue_words]


def _distanced(text: str, o: int) -> bool:
    """The writer says "so-called" (or the like) right before the quotation marks."""
    return text[max(0, o - 20) : o].lower().rstrip().endswith(DISTANCING)


def _is_name(inner: str) -> bool:
    """The quoted words name a group or programme: the last word is in NAME_HEADS."""
    found = words(inner)
    return bool(found) and found[-1].lower() in NAME_HEADS


def _title(inner: str) -> bool:
    """Every word capitalised: the name of a show, a book or a paper, not a scare quote."""
    found = words(inner)
    return len(found) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in found)


@lru_cache(maxsize=8)
def _double_marks(text: str) -> tuple[int, ...]:
    return tuple(i for i, ch in enumerate(text) if ch in _DOUBLE)


def _open_end(text: str, o: int) -> int:
    """Where an unclosed quotation stops: the next double quotation mark or its paragraph's end, so
    that a text of many stray marks gives many short spans, not many overlapping long ones."""
    marks = _double_marks(text)
    k = bisect.bisect_right(marks, o)
    end = _paragraph_end(text, o)
    return min(end, marks[k]) if k < len(marks) else end


def _closer_start(text: str, pos: int, p_start: int) -> int:
    """Where the words a stray closing mark would close begin: after the previous mark, in its paragraph."""
    marks = _double_marks(text)
    k = bisect.bisect_left(marks, pos)
    previous = marks[k - 1] + 1 if k > 0 else 0
    return trimmed(text, max(p_start, previous), pos)[0]


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted stretches, marks included, sorted and never overlapping: a quotation
    inside another is part of it (so nested marks cannot make "is this quoted?" grow with the square
    of the text); an unclosed one runs to the next mark or the end of its paragraph."""
    pairs, _ = _scan(text)
    return _union([(o, c + 1 if c >= 0 else _open_end(text, o)) for o, c, _, _ in pairs])


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged and sorted: "inside a quotation?" is one binary search, however deep."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _item(text: str, start: int, end: int, issue: str, explanation: str) -> dict[str, Any]:
    """One problem, shown on at most _LONGEST_ITEM characters (nested marks stay linear in the text)."""
    end = min(end, start + _LONGEST_ITEM)
    return {"start": start, "end": end, "text": text[start:end], "issue": issue, "explanation": explanation}


def quotation_integrity(r: Result) -> list[dict[str, Any]]:
    """Problems with the quotations in the text, each with a one-sentence explanation, sorted by start."""
    text = r.text
    pairs, stray = _scan(text)
    sourced = SpanIndex(attribution_spans(r))
    cues = SpanIndex(a["cue"] for a in r.attributions if a.get("cue"))
    sentences = SpanIndex(r.sentences)

    cue_at = _cue_positions(text)

    def _spoken(start: int, end: int) -> bool:
        """Someone's words: inside an attribution, a title (“Shark Tank”), or in a sentence with a cue
        (Trump tweeted that she was “disgusting”: a partial quotation, not the writer's scare quote)."""
        if sourced.overlapping(start, end) or _title(text[start + 1 : end - 1]):
            return True
        around = sentences.overlapping(start, end) or [_rough_sentence(text, start, end)]
        if any(cues.overlapping(s["start"], s["end"]) for s in around):
            return True
        lo = max(
            min(s["start"] for s in around), text.rfind("\n", start - _WINDOW, start) + 1, start - _WINDOW
        )
        hi = min(max(s["end"] for s in around), end + _WINDOW)
        before = bisect.bisect_left(cue_at, lo) < bisect.bisect_left(cue_at, start)
        return before or bisect.bisect_left(cue_at, end) < bisect.bisect_left(cue_at, hi)

    out: list[dict[str, Any]] = []
    regions = []
    for o, c, f, cf in pairs:
        if c == -1 and _family(f) == "single":
            continue  # an unclosed ‘ is usually an apostrophe (‘90s, ‘em), not a quotation
        if c == -1:
            end = max(o + 1, trimmed(text, o, _open_end(text, o))[1])
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
        end = c + 1 if c >= 0 else _open_end(text, o)
        regions.append((o, end))
        if c < 0:
            continue
        if f in _CLOSERS:
            out.append(
                _item(
                    text,
                    o,
                    end,
                    "mixed_marks",
                    f"This quotation opens with a closing mark ({f}), a sign it was typed or pasted "
                    "carelessly, so check where the quoted words really begin and end.",
                )
            )
        elif (f in _CURLY) != (cf in _CURLY):
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
        tail = text[max(o + 1, c - 3) : c]
        odd = _ODD_END.search(tail)
        if odd:
            mark_start = c - len(tail) + odd.start()
            out.append(
                _item(
                    text,
                    mark_start,
                    c + 1,
                    "stray_punctuation",
                    f"Two punctuation marks side by side (“{odd.group()}”) at the end of the quotation are "
                    "probably a typing error: the end of the quotation is unclear.",
                )
            )
        if c - o > _SCARE_CHARS:
            continue  # too long for a scare quote (counting every nested level's words is quadratic)
        inner = text[o + 1 : c]
        n_words = len(words(inner))
        if not 0 < n_words <= MAX_SCARE_WORDS or not _inside_sentence(text, o, inner):
            continue
        if _distanced(text, o):  # "so-called" is a cue word, but here it is the writer keeping a distance
            why = (
                f"“So-called” before the quotation marks ({text[o:end]}) shows the writer keeps a distance "
                "from these words or doubts them."
            )
        elif not _is_name(inner) and not _spoken(o, end):
            why = (
                f"Quotation marks around a short phrase that nobody is said to have spoken ({text[o:end]}) "
                "can mean the writer doubts the phrase, or simply that it is a name or someone else's term: "
                "check which."
            )
        else:
            continue
        out.append(_item(text, o, end, "scare_quote", why))
    for pos, p_start in stray:
        start = _closer_start(text, pos, p_start)
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
    quoted = _union(regions)
    quoted_starts = [s for s, _ in quoted]
    for m in _BRACKET.finditer(text):
        k = bisect.bisect_left(quoted_starts, m.end()) - 1
        if k < 0 or quoted[k][1] <= m.start():
            continue  # not inside any quotation
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
