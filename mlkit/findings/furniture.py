"""Page furniture: lines of the web page that are not the article (links, credits, bylines, captions).

Copy-pasted news arrives with the page around it; lessons need to separate the two before reading.
Checks are line by line on the raw text: patterns from mlkit/data/furniture.tsv, a byline rule, repeated
short lines (a caption printed twice) and the short line just above a photo credit (its caption).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from mlkit.findings._common import Span, lines, normalise, read_tsv, words
from mlkit.result import Result

#: Longer lines are prose, never furniture (a pattern like "* photo" must not catch a sentence).
MAX_FURNITURE_WORDS = 8
#: A repeated or credited line longer than this is text, not a caption.
MAX_CAPTION_WORDS = 20

_BYLINE_REASON = (
    "This is the byline: it names the writer, which is useful to know, but it is not part of the story."
)
_REPEAT_REASON = (
    "This short line is printed more than once, the way a photo caption is copied with the page: "
    "it belongs to a picture, not to the article."
)
_TITLE_REPEAT_REASON = (
    "This line repeats the first line, as a copied web page repeats its title: it is page layout, not more "
    "of the article."
)
_CAPTION_REASON = (
    "This short line sits just above a photo credit, so it is the picture's caption, not the article."
)

_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|al-\w+|el-\w+|de|van|von|bin|ibn|and)$")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """furniture.tsv as compiled whole-line patterns: (regex, kind, reason)."""
    out = []
    for pattern, kind, reason in read_tsv("furniture.tsv", 3):
        parts = [re.escape(p) for p in normalise(pattern).split("*")]
        regex = r"(?:\S+(?: \S+){0,2})".join(parts)
        out.append((re.compile(regex, re.IGNORECASE), kind, reason))
    return tuple(out)


def _pattern_match(line: str) -> tuple[str, str] | None:
    norm = normalise(line).rstrip(",;:|")
    for regex, kind, reason in _patterns():
        if regex.fullmatch(norm):
            return kind, reason
    return None


def _is_name(line: str) -> bool:
    """Two to four capitalised words and nothing else but an optional trailing comma: a person's name."""
    body = line.strip().rstrip(",").strip()
    parts = body.split()
    if not 2 <= len(parts) <= 4 or any(ch in body for ch in '.:;!?"“”'):
        return False
    return all(_NAME_WORD.match(p) for p in parts) and parts[0][0].isupper()


def _byline(line: str, previous_kind: str | None, after_title: bool) -> bool:
    """ "By Ari Soffer", or a bare name ending in a comma, or (below the title) following a link such as
    "Contact Editor". A bare title-case line above any article line is the headline, not a name."""
    parts = line.split()
    if (
        parts
        and parts[0] == "By"
        and 1 <= len(parts) - 1 <= 4
        and all(_NAME_WORD.match(p) for p in parts[1:])
    ):
        return True
    if not _is_name(line):
        return False
    return line.rstrip().endswith(",") or (after_title and previous_kind in ("link", "byline"))


@lru_cache(maxsize=8)
def _furniture(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, kind, reason) for every furniture line; cached because several findings need it."""
    spans = list(lines(text))
    counts = Counter(normalise(text[s:e]) for s, e in spans if len(words(text[s:e])) <= MAX_CAPTION_WORDS)
    found: dict[int, tuple[int, int, str, str]] = {}
    previous_kind: str | None = None
    after_title = False  # has a line of the article (the headline) been seen yet?
    for i, (start, end) in enumerate(spans):
        line = text[start:end]
        n_words = len(words(line))
        hit = _pattern_match(line) if n_words <= MAX_FURNITURE_WORDS else None
        if hit is None and n_words <= MAX_FURNITURE_WORDS and _byline(line, previous_kind, after_title):
            hit = ("byline", _BYLINE_REASON)
        # a full sentence printed twice (a paragraph pasted twice) is text; a caption is short or unpunctuated
        sentence = n_words > MAX_FURNITURE_WORDS and line.rstrip().endswith((".", "!", "?", '."', ".”"))
        if (
            hit is None
            and i > 0
            and 0 < n_words <= MAX_CAPTION_WORDS
            and counts[normalise(line)] > 1
            and not sentence
        ):
            first = normalise(text[spans[0][0] : spans[0][1]])
            hit = (
                ("repeat", _TITLE_REPEAT_REASON) if normalise(line) == first else ("caption", _REPEAT_REASON)
            )
        if hit is not None:
            found[i] = (start, end, *hit)
            if hit[0] == "credit" and i > 1 and i - 1 not in found:
                p_start, p_end = spans[i - 1]
                above = text[p_start:p_end]
                if 0 < len(words(above)) <= MAX_CAPTION_WORDS and not above.rstrip().endswith("."):
                    found[i - 1] = (p_start, p_end, "caption", _CAPTION_REASON)
        previous_kind = hit[0] if hit else None
        after_title = after_title or hit is None
    return tuple(found[i] for i in sorted(found))


def page_furniture(r: Result) -> list[Span]:
    """Lines of the page that are not the article: byline, links, photo credits, repeated captions."""
    return [
        {"start": s, "end": e, "text": r.text[s:e], "reason": reason, "kind": kind}
        for s, e, kind, reason in _furniture(r.text)
    ]


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Just the (start, end) of each furniture line, for findings that must skip them."""
    return [(s, e) for s, e, _, _ in _furniture(text)]
