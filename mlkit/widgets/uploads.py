"""Text from a file a student uploads: plain text or a saved web page, checked before it is used.

Uploads are untrusted: a size cap, UTF-8 only (a byte-order mark is fine), no binary files, and a web
page reduced to its words (scripts, styles and markup dropped, never rendered).
"""

from __future__ import annotations

from html.parser import HTMLParser

import ipywidgets as widgets

BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "article",
    "section",
}
SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
MAX_UPLOAD_BYTES = 5_000_000


class _TextOnly(HTMLParser):
    """Keep the words of a web page and drop everything else (scripts, styles, markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: one paragraph per block, blank lines squeezed."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    return "\n\n".join(line for line in lines if line)


def upload_text(name: str, content: bytes) -> str:
    """Text from an uploaded .txt or .html file; ValueError with a message a student can act on."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValueError(
            f"That file is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB; paste the article instead."
        )
    try:
        text = bytes(content).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            "That file is not UTF-8 text. Save it as plain text (.txt) or a web page (.html)."
        ) from exc
    if "\x00" in text:
        raise ValueError("That file is not a text file.")
    if name.lower().endswith((".html", ".htm")) or text.lstrip().lower().startswith(
        ("<!doctype html", "<html")
    ):
        return html_to_text(text)
    return text


def first_upload(upload: widgets.FileUpload) -> tuple[str, bytes] | None:
    value = upload.value
    if not value:
        return None
    item = value[0] if isinstance(value, (list, tuple)) else next(iter(value.values()))
    return str(item.get("name", "")), bytes(item.get("content", b""))
