"""The article view: one front-end component (anywidget) that every text widget in the kit uses.

Python sends the text, its word positions, the kit's marks with their reasons, and page furniture once;
the browser draws them and handles toggles, hover and "why is this marked?" itself, with no round trip
to the kernel. Students' marks come back through the ``picks`` trait; buttons that need the analysis
(Check, Change my marks) are anywidget commands answered by the exercise that owns the view.

Positions: Python counts code points, the browser UTF-16 units (an emoji is one and two). Everything
crossing the boundary goes through ``Utf16``; lone surrogates (possible in a Python str, never in the
page) are shown as U+FFFD, one for one, so no position moves.
"""

from __future__ import annotations

import array
import heapq
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from mlkit import findings
from mlkit.labels import HEDGE_CATEGORY_NAMES
from mlkit.render import CATEGORIES, Mark, marks_from_result, printable
from mlkit.result import Result
from mlkit.widgets._html import words

STATIC = Path(__file__).with_name("static")


def esm(name: str) -> str:
    """One of the kit's ES modules, with the small DOM helper they share put in front of it."""
    parts = (STATIC / "dom.js", STATIC / name)
    return "\n".join(p.read_text(encoding="utf-8") for p in parts)


MODES = ("read", "select", "check", "compare")


class Utf16:
    """Convert positions between Python (code points) and the browser (UTF-16 units) for one text."""

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._astral = astral  # code-point positions of characters that take two UTF-16 units
        self._astral16 = [p + n for n, p in enumerate(astral)]  # ...and where each starts in UTF-16

    def to16(self, i: int) -> int:
        return i + bisect_left(self._astral, i)

    def from16(self, j: int) -> int:
        return j - bisect_left(self._astral16, j)


def _category_info() -> list[dict[str, str]]:
    return [
        {
            "key": c.key,
            "label": c.label,
            "short": c.short,
            "colour": c.colour,
            "ink": c.ink,
            "style": c.style,
            "description": c.description,
            "look": "highlighted background" if c.style == "background" else f"{c.style} underline",
        }
        for c in CATEGORIES
    ]


def detail_name(category: str, detail: str) -> str:
    """The kind of a mark in the words the lessons use ("Second-hand", not "evidential")."""
    if category == "hedge" and detail in HEDGE_CATEGORY_NAMES:
        return HEDGE_CATEGORY_NAMES[detail][0]
    return detail.replace("_", " ")


#: At most this many marks of one kind cover any word. Real articles nest two or three reports; a text of
#: 3,000 reports each inside the last would otherwise mean 3,000 nested elements and quadratic drawing.
MAX_DEPTH = 4


def cap_depth(marks: list[Mark], limit: int = MAX_DEPTH) -> list[Mark]:
    """Drop marks that would nest deeper than ``limit`` within their kind (sorted input; n log n)."""
    open_ends: dict[str, list[int]] = {}
    kept = []
    for m in marks:
        ends = open_ends.setdefault(m.category, [])
        while ends and ends[0] <= m.start:
            heapq.heappop(ends)
        if len(ends) < limit:
            heapq.heappush(ends, m.end)
            kept.append(m)
    return kept


def mark_dicts(result: Result, conv: Utf16) -> list[dict[str, Any]]:
    """The kit's marks for the browser; two marks of one kind over the same words are shown once."""
    seen: dict[tuple[int, int, str], dict[str, Any]] = {}
    for m in cap_depth(marks_from_result(result)):
        key = (m.start, m.end, m.category)
        if key in seen:
            if m.explanation not in seen[key]["why"]:
                seen[key]["why"] += " " + printable(m.explanation)
            continue
        seen[key] = {
            "id": m.id,
            "s": conv.to16(m.start),
            "e": conv.to16(m.end),
            "cat": m.category,
            "text": printable(m.text),
            "why": printable(m.explanation),
            "detail": detail_name(m.category, m.detail),
        }
    return list(seen.values())


def furniture_dicts(result: Result, conv: Utf16) -> list[dict[str, Any]]:
    """Lines of the page that are not the article, to be shown greyed and labelled."""
    try:
        found = findings.page_furniture(result)
    except Exception:  # a finding that fails must not take the article away with it
        return []
    return [
        {
            "s": conv.to16(f["start"]),
            "e": conv.to16(f["end"]),
            "text": printable(f["text"]),
            "label": str(f.get("kind", "not the article")),
            "why": printable(f["reason"]),
        }
        for f in found
    ]


def token_bytes(text: str, conv: Utf16) -> bytes:
    """Word positions as little-endian int32 pairs (UTF-16), a binary buffer rather than JSON numbers."""
    flat = array.array("i")
    for s, e, _ in words(text):
        flat.append(conv.to16(s))
        flat.append(conv.to16(e))
    if sys.byteorder == "big":
        flat.byteswap()
    return flat.tobytes()


class ArticleView(anywidget.AnyWidget):
    """A text with the kit's marks in one of four modes (see the module docstring and the ES module)."""

    _esm = esm("article_view.js")
    _css = STATIC / "article_view.css"

    text = traitlets.Unicode("").tag(sync=True)
    tokens = traitlets.Bytes(b"").tag(sync=True)
    marks = traitlets.List().tag(sync=True)
    furniture = traitlets.List().tag(sync=True)
    categories = traitlets.List().tag(sync=True)
    shown = traitlets.List().tag(sync=True)  # categories ticked in read and compare mode
    mode = traitlets.Enum(MODES, default_value="read").tag(sync=True)
    context = traitlets.List().tag(sync=True)  # categories still shown while a student selects
    targets = traitlets.List().tag(sync=True)  # what a student can mark: [{key, label, description}]
    picks = traitlets.List().tag(sync=True)  # the student's marks: [[start, end, kind]] in UTF-16
    checkable = traitlets.Bool(False).tag(sync=True)
    feedback = traitlets.List().tag(sync=True)  # check results: [{id, s, e, status, label, text, why}]
    summary = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)  # "Saved …" / "Not saved: …"
    hint = traitlets.Unicode("").tag(sync=True)
    help = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("Article").tag(sync=True)
    compare_text = traitlets.Unicode("").tag(sync=True)
    compare_tokens = traitlets.Bytes(b"").tag(sync=True)
    compare_marks = traitlets.List().tag(sync=True)
    labels = traitlets.List().tag(sync=True)

    def __init__(self, result: Result, *, furniture: bool = True, **kwargs: Any) -> None:
        self.result = result
        self.conv = Utf16(result.text)
        self._commands: dict[str, Callable[[], Any]] = {}
        kwargs.setdefault("shown", [c.key for c in CATEGORIES])
        super().__init__(
            text=printable(result.text),
            tokens=token_bytes(result.text, self.conv),
            marks=mark_dicts(result, self.conv),
            furniture=furniture_dicts(result, self.conv) if furniture else [],
            categories=_category_info(),
            **kwargs,
        )

    # --- positions in Python's terms ---------------------------------------------------------------

    def picked(self) -> list[tuple[int, int, str]]:
        """The student's marks as (start, end, kind) in code points, clipped to the text, in order."""
        out = []
        n = len(self.result.text)
        for item in self.picks:
            if not (isinstance(item, (list, tuple)) and len(item) == 3):
                continue
            s, e, kind = item
            if isinstance(s, int) and isinstance(e, int) and isinstance(kind, str):
                s, e = max(0, self.conv.from16(s)), min(n, self.conv.from16(e))
                if s < e:
                    out.append((s, e, kind))
        return sorted(out)

    def set_picked(self, spans: Iterable[tuple[int, int, str]]) -> None:
        self.picks = [[self.conv.to16(s), self.conv.to16(e), k] for s, e, k in spans]

    def span16(self, start: int, end: int) -> tuple[int, int]:
        return self.conv.to16(start), self.conv.to16(end)

    def set_compare(self, other: Result, labels: tuple[str, str]) -> None:
        """Show ``other`` beside this text (compare mode)."""
        conv = Utf16(other.text)
        self.compare_text = printable(other.text)
        self.compare_tokens = token_bytes(other.text, conv)
        self.compare_marks = mark_dicts(other, conv)
        self.labels = list(labels)

    # --- buttons that need Python -----------------------------------------------------------------

    def on_command(self, name: str, handler: Callable[[], Any]) -> None:
        """Run ``handler`` when the browser asks for ``name`` ("check" or "edit")."""
        self._commands[name] = handler

    def _run(self, name: str) -> tuple[dict[str, Any], list[bytes]]:
        handler = self._commands.get(name)
        if handler is None:
            return {"ok": False}, []
        handler()
        return {"ok": True}, []

    @anywidget.experimental.command
    def check(self, msg: Any, buffers: list[bytes]) -> tuple[dict[str, Any], list[bytes]]:
        return self._run("check")

    @anywidget.experimental.command
    def edit(self, msg: Any, buffers: list[bytes]) -> tuple[dict[str, Any], list[bytes]]:
        return self._run("edit")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The widget, plus a plain-text version for places that cannot show widgets."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            data, meta = bundle
        else:
            data, meta = bundle or {}, {}
        data = dict(data)
        data["text/plain"] = self.text_version()
        return data, meta

    def text_version(self) -> str:
        """Every mark (or every check result) as a line of plain text."""
        lines = [self.label]
        if self.mode == "check":
            lines.append(self.summary)
            lines += [f"- {f['label']}: “{f['text']}” — {f['why']}" for f in self.feedback]
        else:
            by_key = {c["key"]: c["label"] for c in self.categories}
            shown = [m for m in self.marks if self.mode == "read" or m["cat"] in self.context]
            lines += [f"- {by_key.get(m['cat'], m['cat'])}: “{m['text']}” — {m['why']}" for m in shown]
        return "\n".join(lines)
