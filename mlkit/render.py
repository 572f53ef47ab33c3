"""Turn a Result into marked-up text: a standalone HTML page, an HTML fragment for widgets, plain text.

Article text is untrusted, so every piece of it goes through ``html.escape``; marks may nest (a hedge
inside quoted content) or even cross, so the text is cut at every span boundary and each stretch is
wrapped in the marks that cover it. Colour is never alone: each category has its own underline style
and a visible text label, and every mark's explanation is reachable without a mouse.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Category:
    """How one kind of mark looks and what it is called (Okabe–Ito colours, each with a line style)."""

    key: str
    label: str  # checkbox / legend text
    short: str  # the visible tag after each mark, so colour is never the only cue
    colour: str  # underline (or background) colour
    ink: str  # text colour on the tag, chosen for >= 4.5:1 contrast with ``colour``
    style: str  # underline style, or "background"
    description: str


CATEGORIES: tuple[Category, ...] = (
    Category("hedge", "Hedges", "H", "#0072B2", "#FFFFFF", "solid", "makes a claim sound less certain"),
    Category("booster", "Boosters", "B", "#D55E00", "#000000", "double", "makes a claim sound more certain"),
    Category("source", "Sources", "SRC", "#009E73", "#000000", "dotted", "who says it"),
    Category("cue", "Reporting words", "CUE", "#CC79A7", "#000000", "dashed", "the words that mark a report"),
    Category("content", "What was said", "SAID", "#F0E442", "#000000", "background", "what the source says"),
)
CATEGORY_BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}


@dataclass(frozen=True)
class Mark:
    """One highlighted span, whatever it came from, with the sentence that explains it."""

    id: int
    start: int
    end: int
    category: str
    text: str
    explanation: str
    detail: str = ""  # e.g. the hedge category or the verb stance


_SOURCE_WHY = {
    "named": "A named source: the reader can check who said this.",
    "unnamed": "An unnamed source: the reader cannot check who this is.",
    "pronoun": "A pronoun standing for a source named earlier.",
    "none": "No one is named as the source.",
}


_CONTENT_WHY = {
    "direct": "What the source said, quoted word for word.",
    "indirect": "What the source said, in the writer's own words (not a quotation).",
    "mixed": "What the source said, in the writer's words with a quoted fragment.",
    "according_to": 'What the text credits to the source with "according to".',
    "other": "What a statement, document or report is said to contain.",
}


def marks_from_result(result: Any) -> list[Mark]:
    """Every mark of a Result (contract dicts), sorted by position; spans outside the text are dropped."""
    raw: list[tuple[int, int, str, str, str]] = []
    for h in result.hedges:
        why = h.get("explanation") or "A word that makes the claim sound less certain."
        raw.append((h["start"], h["end"], "hedge", why, str(h.get("category", ""))))
    for b in result.boosters:
        why = b.get("explanation") or "A word that makes the claim sound more certain than the evidence."
        raw.append((b["start"], b["end"], "booster", why, str(b.get("category", "booster"))))
    for a in result.attributions:
        stance = str(a.get("verb_stance") or "")
        cue = a.get("cue")
        if cue:
            why = a.get("explanation") or f"A reporting word ({stance or 'unknown'} stance)."
            raw.append((cue["start"], cue["end"], "cue", why, stance))
        src = a.get("source")
        if src:
            kind = str(a.get("source_type") or "")
            why = _SOURCE_WHY.get(kind, "Who says this.")
            resolved = a.get("resolved_source")
            if kind == "pronoun" and resolved:
                why = f"A pronoun standing for an earlier source: {resolved.get('text', '')}."
            raw.append((src["start"], src["end"], "source", why, kind))
        content = a.get("content")
        if content:
            kind = str(a.get("kind") or "")
            why = _CONTENT_WHY.get(kind, "What the source says.")
            raw.append((content["start"], content["end"], "content", why, kind))
    n = len(result.text)
    raw = [r for r in raw if 0 <= r[0] < r[1] <= n]
    order = {c.key: i for i, c in enumerate(CATEGORIES)}
    raw.sort(key=lambda r: (r[0], -r[1], order[r[2]]))
    return [
        Mark(i, s, e, cat, result.text[s:e], why, detail) for i, (s, e, cat, why, detail) in enumerate(raw)
    ]


def walk(text: str, marks: Sequence[Mark]) -> Iterator[tuple[str, Any, bool]]:
    """Events for nested rendering: ("text", str, _), ("open", mark, first), ("close", mark, last).

    A mark that crosses another's boundary is closed and reopened, so the output always nests.
    """
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    for group in starts.values():
        group.sort(key=lambda m: (-m.end, m.id))
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    stack: list[Mark] = []
    for i, pos in enumerate(bounds):
        if any(m.end == pos for m in stack):
            reopen: list[Mark] = []
            while any(m.end == pos for m in stack):
                m = stack.pop()
                last = m.end == pos
                yield ("close", m, last)
                if not last:
                    reopen.append(m)
            for m in reversed(reopen):
                yield ("open", m, False)
                stack.append(m)
        for m in starts.get(pos, ()):
            yield ("open", m, True)
            stack.append(m)
        if i + 1 < len(bounds):
            yield ("text", text[pos : bounds[i + 1]], False)


def why_text(mark: Mark) -> str:
    """The one-sentence explanation with its category, as shown on click and in the table."""
    cat = CATEGORY_BY_KEY[mark.category]
    detail = f" ({mark.detail.replace('_', ' ')})" if mark.detail else ""
    return f"{cat.label[:-1] if cat.label.endswith('s') else cat.label}{detail}: {mark.explanation}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Replace lone surrogates (possible in a Python str, never valid UTF-8) with U+FFFD, one for one,
    so a page or report made from any str can be saved, sent to the browser and downloaded."""
    return _SURROGATE.sub("\ufffd", text)


def esc(value: object) -> str:
    """Escape anything for HTML text or a quoted attribute (lone surrogates become U+FFFD)."""
    return printable(html.escape(str(value), quote=True))


def marked_html(text: str, marks: Sequence[Mark], show: Iterable[str] | None = None) -> str:
    """The text as an HTML fragment with the marks of the categories in ``show`` (all by default).

    Each mark is a focusable ``span.mlkit-mark[data-category]`` with a ``title`` (hover), a visible
    tag, and a ``.mlkit-why`` child that CSS reveals when the mark is clicked or focused (no script).
    """
    wanted = set(CATEGORY_BY_KEY) if show is None else set(show)
    visible = [m for m in marks if m.category in wanted]
    out: list[str] = ['<div class="mlkit-text" dir="auto">']
    for kind, item, flag in walk(text, visible):
        if kind == "text":
            out.append(printable(html.escape(item, quote=False)))
        elif kind == "open":
            cat = CATEGORY_BY_KEY[item.category]
            out.append(
                f'<span class="mlkit-mark mlkit-{cat.key}" data-category="{cat.key}" data-mark="{item.id}"'
                f' title="{esc(why_text(item))}" tabindex="0">'
            )
        elif flag:  # the mark's last piece: its tag and explanation go here
            cat = CATEGORY_BY_KEY[item.category]
            out.append(
                f'<sup class="mlkit-tag mlkit-tag-{cat.key}">{cat.short}</sup>'
                f'<span class="mlkit-why" role="note">{esc(why_text(item))}</span></span>'
            )
        else:
            out.append("</span>")
    out.append("</div>")
    return "".join(out)


def legend_html(show: Iterable[str] | None = None) -> str:
    """A legend that names each category, its tag and its line style in words."""
    wanted = set(CATEGORY_BY_KEY) if show is None else set(show)
    items = []
    for c in CATEGORIES:
        if c.key not in wanted:
            continue
        look = "highlighted background" if c.style == "background" else f"{c.style} underline"
        items.append(
            f'<li><span class="mlkit-key mlkit-{c.key}" data-key="{c.key}">{esc(c.label)}'
            f'<sup class="mlkit-tag mlkit-tag-{c.key}">{c.short}</sup></span> — {esc(c.description)}'
            f" ({look}, tag {c.short})</li>"
        )
    return f'<ul class="mlkit-legend" aria-label="Legend">{"".join(items)}</ul>'


def table_html(marks: Sequence[Mark], show: Iterable[str] | None = None) -> str:
    """Every mark as a table row: the text fallback for the highlights."""
    wanted = set(CATEGORY_BY_KEY) if show is None else set(show)
    rows = [
        f"<tr><td>{n}</td><td>{esc(CATEGORY_BY_KEY[m.category].label)} ({CATEGORY_BY_KEY[m.category].short})"
        f"</td><td>{esc(m.text)}</td><td>{esc(m.detail.replace('_', ' '))}</td>"
        f"<td>{esc(m.explanation)}</td></tr>"
        for n, m in enumerate((m for m in marks if m.category in wanted), start=1)
    ]
    if not rows:
        return '<p class="mlkit-empty">No marks to show.</p>'
    head = "<tr><th>#</th><th>Category</th><th>Words</th><th>Kind</th><th>Why it is marked</th></tr>"
    return f'<table class="mlkit-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def css() -> str:
    """Styles shared by the page and the widgets (line styles and tags, so colour is never alone)."""
    rules = [
        ".mlkit-text{white-space:pre-wrap;line-height:2.1;color:#000;background:#fff;"
        "font-size:1rem;max-width:48em;unicode-bidi:plaintext}",
        ".mlkit-mark,.mlkit-key{text-decoration-line:underline;text-decoration-thickness:2px;"
        "text-underline-offset:3px}",
        ".mlkit-mark{cursor:pointer}.mlkit-mark:focus{outline:2px solid #000;outline-offset:1px}",
        ".mlkit-tag{font-size:.65em;font-weight:bold;padding:0 .2em;border-radius:2px;"
        "font-family:sans-serif;text-decoration:none}",
        ".mlkit-why{display:none}",
        ".mlkit-mark:focus>.mlkit-why,.mlkit-mark:active>.mlkit-why{display:inline-block;"
        "white-space:normal;max-width:30em;margin:0 .3em;padding:.1em .4em;border:1px solid #000;"
        "background:#fff;color:#000;font-size:.85em;line-height:1.4;text-decoration:none}",
        ".mlkit-legend{list-style:none;padding:0}.mlkit-legend li{margin:.2em 0}",
        ".mlkit-table{border-collapse:collapse}.mlkit-table td,.mlkit-table th{border:1px solid #666;"
        "padding:.2em .4em;text-align:left;vertical-align:top}",
    ]
    for i, c in enumerate(CATEGORIES):
        if c.style == "background":
            rules.append(f".mlkit-{c.key}{{background:{c.colour};text-decoration-line:none}}")
        else:
            offset = 3 + 3 * (i % 2)
            rules.append(
                f".mlkit-{c.key}{{text-decoration-color:{c.colour};text-decoration-style:{c.style};"
                f"text-underline-offset:{offset}px}}"
            )
        rules.append(f".mlkit-tag-{c.key}{{background:{c.colour};color:{c.ink}}}")
    return "\n".join(rules)


def counts(marks: Sequence[Mark]) -> dict[str, int]:
    """How many marks of each category (every category present, zero included)."""
    out = {c.key: 0 for c in CATEGORIES}
    for m in marks:
        out[m.category] += 1
    return out


def render_page(result: Any, title: str = "mlkit analysis") -> str:
    """A standalone HTML page: legend, the marked text, and a table of every mark."""
    marks = marks_from_result(result)
    tally = counts(marks)
    summary = ", ".join(f"{tally[c.key]} {c.label.lower()}" for c in CATEGORIES)
    return (  # every piece is escaped (esc, marked_html), which also replaces lone surrogates
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>\nbody{{font-family:Georgia,serif;margin:2em;color:#000;"
        f"background:#fff}}\n{css()}\n</style></head><body>"
        f"<h1>{esc(title)}</h1><p>Pipeline: {esc(result.pipeline)}. Found {esc(summary)}. "
        "Click or tab to a mark to see why it is marked.</p>"
        f"<h2>Legend</h2>{legend_html()}<h2>The text</h2>{marked_html(result.text, marks)}"
        f"<h2>Every mark</h2>{table_html(marks)}</body></html>\n"
    )


def inline_text(text: str, marks: Sequence[Mark]) -> str:
    """The text with brackets round each mark and its tag after: ``[reportedly]H``."""
    out: list[str] = []
    for kind, item, flag in walk(text, marks):
        if kind == "text":
            out.append(printable(item))
        elif kind == "open":
            out.append("[")
        else:
            out.append("]" + (CATEGORY_BY_KEY[item.category].short if flag else ""))
    return "".join(out)


def render_text(result: Any) -> str:
    """A plain-text report: counts, the bracketed text, then one line per mark with its explanation."""
    marks = marks_from_result(result)
    tally = counts(marks)
    lines = [f"mlkit analysis (pipeline: {result.pipeline})", ""]
    lines += [f"{c.label}: {tally[c.key]}  (tag {c.short}: {c.description})" for c in CATEGORIES]
    lines += ["", "Text with marks ([words]TAG):", "", inline_text(result.text, marks), "", "Every mark:"]
    for n, m in enumerate(marks, start=1):
        lines.append(f"{n}. [{CATEGORY_BY_KEY[m.category].short}] {m.text!r} (characters {m.start}-{m.end})")
        lines.append(f"   {why_text(m)}")
    if not marks:
        lines.append("(none)")
    return printable("\n".join(lines) + "\n")
