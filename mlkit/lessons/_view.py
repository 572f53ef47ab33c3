"""What a lesson helper returns: rendered HTML (real tables and paragraphs) with a plain-text twin.

Jupyter shows ``_repr_html_``; ``str()`` and the text/plain output give the same content as plain text,
for tests, for nbconvert and for anyone reading the saved notebook as text. Everything taken from an
article or a data file is escaped here, so a hostile article cannot inject markup.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import Any

STYLE = (
    "<style>.mlkit-lesson{line-height:1.5;color:#000;background:#fff;max-width:60em}"
    ".mlkit-lesson table{border-collapse:collapse;margin:.4em 0}"
    ".mlkit-lesson caption{text-align:left;font-weight:bold;padding:.2em 0}"
    ".mlkit-lesson th,.mlkit-lesson td{border:1px solid #666;padding:.25em .5em;text-align:left;"
    "vertical-align:top}.mlkit-lesson th{background:#eee}"
    ".mlkit-lesson blockquote{border-left:4px solid #0072B2;margin:.4em 0;padding:.2em .8em}"
    ".mlkit-lesson .mlkit-page{white-space:pre-wrap;word-break:normal;overflow-wrap:anywhere}</style>"
)


#: Inline styles: JupyterLab right-aligns table cells in rendered output and may drop a <style> block
#: from output it does not trust, so the table's layout travels on each cell.
CELL = ' style="text-align:left;vertical-align:top;border:1px solid #666;padding:.25em .5em"'
HEAD = ' style="text-align:left;vertical-align:top;border:1px solid #666;padding:.25em .5em;background:#eee"'


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


class View:
    """A block of lesson output: HTML for the notebook, the same facts as text for everything else."""

    def __init__(self, parts_html: list[str], parts_text: list[str]) -> None:
        self.html = STYLE + '<div class="mlkit-lesson">' + "".join(parts_html) + "</div>"
        self.text = "\n\n".join(p for p in parts_text if p).strip("\n") + "\n"

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


class Builder:
    """Collects paragraphs, lists and tables as HTML and as text at once, so the two cannot differ."""

    def __init__(self) -> None:
        self.html: list[str] = []
        self.text: list[str] = []

    def para(self, text: str, strong: str = "") -> Builder:
        lead = f"<strong>{esc(strong)}</strong> " if strong else ""
        self.html.append(f"<p>{lead}{esc(text)}</p>")
        self.text.append(textwrap.fill(f"{strong} {text}".strip(), 100))
        return self

    def quote(self, text: str) -> Builder:
        self.html.append(f'<blockquote dir="auto">{esc(text)}</blockquote>')
        self.text.append(textwrap.fill(text, 96, initial_indent="> ", subsequent_indent="> "))
        return self

    def items(self, items: Sequence[str], ordered: bool = False) -> Builder:
        tag = "ol" if ordered else "ul"
        self.html.append(f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>")
        marks = [f"{n}." if ordered else "-" for n in range(1, len(items) + 1)]
        self.text.append("\n".join(f"{m} {i}" for m, i in zip(marks, items, strict=True)))
        return self

    def table(self, caption: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Builder:
        """A real table (caption, column headers with scope) for screen readers; text: one block per row."""
        if not rows:
            return self.para("(nothing found)", strong=caption + ":")
        head = "".join(f'<th scope="col"{HEAD}>{esc(h)}</th>' for h in header)
        body = "".join("<tr>" + "".join(f"<td{CELL}>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
        self.html.append(
            f'<table style="border-collapse:collapse"><caption style="text-align:left;font-weight:bold">'
            f"{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
        lines = [caption]
        numbered = header[0] == "#"  # the row number is already the first column
        for n, row in enumerate(rows, start=1):
            pairs = list(zip(header, row, strict=True))[1 if numbered else 0 :]
            cells = "; ".join(f"{h}: {c}" if h else str(c) for h, c in pairs if str(c))
            lines.append(textwrap.fill(f"{n}. {cells}", 100, subsequent_indent="   "))
        self.text.append("\n".join(lines))
        return self

    def raw(self, html_part: str, text_part: str) -> Builder:
        """Pre-escaped HTML with its text twin (for the numbered page, whose lines must not wrap)."""
        self.html.append(html_part)
        self.text.append(text_part)
        return self

    def view(self) -> View:
        return View(self.html, self.text)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def quoted_list(items: Sequence[str]) -> str:
    """Each distinct item once, in order, quoted, with "×n" when it occurs n > 1 times."""
    counts: dict[str, int] = {}
    for item in items:
        key = " ".join(item.split())
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"“{k}”" + (f" ×{n}" if n > 1 else "") for k, n in counts.items()) or "none"
