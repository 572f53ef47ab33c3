"""The student's own work: analyse your own article, see and download every saved answer, reflect.

Binder sessions end without warning, so my_work() offers a one-click download (a data: link, no
JavaScript) and an upload that loads a downloaded file back.
"""

from __future__ import annotations

import base64
import json
from html.parser import HTMLParser
from typing import Any

import ipywidgets as widgets

from mlkit import findings, store
from mlkit.render import render_page, render_text
from mlkit.result import Result
from mlkit.widgets._html import as_result, esc, note, short, style_widget, table
from mlkit.widgets.exercises import CONFIDENCE, ConfidencePoll
from mlkit.widgets.explorer import SourceExplorer
from mlkit.widgets.highlighter import Highlighter

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


def _data_link(payload: bytes, filename: str, mime: str, label: str) -> str:
    b64 = base64.b64encode(payload).decode("ascii")
    return f'<a download="{esc(filename)}" href="data:{mime};base64,{b64}">{esc(label)}</a>'


def _first_upload(upload: widgets.FileUpload) -> tuple[str, bytes] | None:
    value = upload.value
    if not value:
        return None
    item = value[0] if isinstance(value, (list, tuple)) else next(iter(value.values()))
    return str(item.get("name", "")), bytes(item.get("content", b""))


def findings_summary(result: Result) -> str:
    """Article-level findings in plain words."""
    try:
        found = findings.all_findings(result)
    except Exception as exc:  # a finding that fails must not hide the rest of the analysis
        return f"<p>Some article-level findings could not be computed ({esc(type(exc).__name__)}).</p>"
    rows: list[list[str]] = []
    for key, label in (
        ("page_furniture", "Lines that are page furniture, not the article"),
        ("unsourced_sentences", "Sentences stating facts with no source and no hedge"),
        ("quotation_integrity", "Quotation problems"),
        ("loaded_words", "Loaded words"),
    ):
        items = found.get(key) or []
        examples = "; ".join(short(str(i.get("text", "")), 40) for i in items[:3])
        rows.append([label, str(len(items)), examples])
    chain = found.get("sourcing_chain") or {}
    if chain:
        rows.append(["Hands the main claim passed through", str(chain.get("hands", "?")), ""])
    hvb = found.get("headline_vs_body") or {}
    if hvb:
        rows.append(["Headline more certain than the body?", "yes" if hvb.get("overstated") else "no", ""])
    return table(["Finding", "How many", "Examples"], rows)


class YourArticle(widgets.VBox):
    """Paste or upload an article, press Analyse: highlights, sources, findings and a report to download."""

    def __init__(self) -> None:
        self.paste = widgets.Textarea(
            placeholder="Paste the text of a news article here",
            layout=widgets.Layout(width="95%", height="10em"),
        )
        self.upload = widgets.FileUpload(
            accept=".txt,.html,.htm",
            multiple=False,
            description="Upload .txt/.html",
            layout=widgets.Layout(width="auto"),
        )
        self.analyse_button = widgets.Button(description="Analyse", button_style="primary", icon="search")
        self.message = widgets.HTML()
        self.output = widgets.VBox()
        self.result: Result | None = None
        self.upload.observe(lambda _c: self._on_upload(), names="value")
        self.analyse_button.on_click(lambda _b: self.analyse())
        intro = note(
            "<p>Paste an article (or upload a .txt or .html file), then press <strong>Analyse</strong>.</p>"
        )
        super().__init__(
            [
                style_widget(),
                widgets.HTML(intro),
                self.paste,
                widgets.HBox([self.upload, self.analyse_button]),
                self.message,
                self.output,
            ]
        )

    def _on_upload(self) -> None:
        item = _first_upload(self.upload)
        if item is None:
            return
        try:
            self.paste.value = upload_text(*item)
        except ValueError as exc:
            self.message.value = note(f'<p class="mlkit-bad">{esc(exc)}</p>')
            return
        self.message.value = note(f"<p>Loaded {esc(item[0])}. Press Analyse.</p>")

    def analyse(self, text: str | None = None) -> Result | None:
        """Analyse the pasted text (or ``text``) and show every view of it."""
        if text is not None:
            self.paste.value = text
        if not self.paste.value.strip():
            self.message.value = note("<p>Paste or upload an article first.</p>")
            return None
        self.result = as_result(self.paste.value)
        report = render_page(self.result, title="My article, analysed").encode("utf-8")
        links = (
            _data_link(report, "my_article_report.html", "text/html", "Download the report (HTML)")
            + " · "
            + _data_link(render_text(self.result).encode("utf-8"), "my_article_report.txt", "text/plain",
                         "Download the report (plain text)")
        )  # fmt: skip
        self.message.value = note(f"<p>Analysed {len(self.result.text.split())} words. {links}</p>")
        self.output.children = (
            Highlighter(self.result),
            widgets.HTML(note(findings_summary(self.result))),
            SourceExplorer(self.result),
        )
        return self.result


def your_article() -> YourArticle:
    """Paste or upload your own article (.txt or .html) for the full analysis and a report download."""
    return YourArticle()


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "score" in value:
        return f"score {value['score'][0]} of {value['score'][1]}" if isinstance(value["score"], list) else ""
    return json.dumps(value, ensure_ascii=False)


class MyWork(widgets.VBox):
    """Every saved answer in a table, a one-click download and an upload to load a saved file back."""

    def __init__(self) -> None:
        self.table = widgets.HTML()
        self.download = widgets.HTML()
        self.upload = widgets.FileUpload(
            accept=".json",
            multiple=False,
            description="Load answers.json",
            layout=widgets.Layout(width="auto"),
        )
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh")
        self.message = widgets.HTML()
        self.upload.observe(lambda _c: self._on_upload(), names="value")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.refresh()
        super().__init__(
            [
                style_widget(),
                self.download,
                widgets.HBox([self.upload, self.refresh_button]),
                self.message,
                self.table,
            ]
        )

    def refresh(self) -> None:
        records = store.load_file()["answers"]
        rows = [
            [qid, short(_value_text(rec.get("value")), 80), rec.get("saved_at", "")]
            for qid, rec in sorted(records.items())
            if isinstance(rec, dict)
        ]
        body = (
            table(["Question", "Your answer", "Saved at (UTC)"], rows)
            if rows
            else "<p>No answers saved yet.</p>"
        )
        notice = f'<p class="mlkit-bad">{esc(store.last_notice)}</p>' if store.last_notice else ""
        where = f"<p>Saved in {esc(store.answers_path())}. Download a copy before you close Binder.</p>"
        self.table.value = note(notice + where + body)
        self.download.value = note(f"<p><strong>{store.download_link_html()}</strong></p>")

    def _on_upload(self) -> None:
        item = _first_upload(self.upload)
        if item is None:
            return
        try:
            n = store.merge_upload(item[1])
        except ValueError as exc:
            self.message.value = note(f'<p class="mlkit-bad">{esc(exc)}</p>')
            return
        self.message.value = note(f"<p>Loaded {n} answers from {esc(item[0])}.</p>")
        self.refresh()


def my_work() -> MyWork:
    """See, download and load back every answer saved so far."""
    return MyWork()


HEADLINE_BEFORE = "00_headline_confidence"
HEADLINE_AFTER = "08_headline_confidence"


class Reflection(widgets.VBox):
    """The confidence given in lesson 00 next to a new poll, with the change put in words."""

    def __init__(self, before_id: str, after_id: str, prompt: str) -> None:
        self.before_id = before_id
        saved = store.load_answers().get(before_id)
        self.before = saved.get("value") if isinstance(saved, dict) else saved
        labels = {v: k for k, v in CONFIDENCE}
        before_text = (
            f"In lesson 00 you said: <strong>{esc(labels[self.before])}</strong>."
            if self.before in labels
            else "There is no saved answer from lesson 00 (perhaps a new Binder session); answer anyway."
        )
        self.poll = ConfidencePoll(after_id, prompt)
        self.comparison = widgets.HTML()
        self.poll.save_button.on_click(lambda _b: self.compare())
        super().__init__(
            [style_widget(), widgets.HTML(note(f"<p>{before_text}</p>")), self.poll, self.comparison]
        )

    def compare(self) -> str:
        now = self.poll.choice.value
        if now is None or self.before not in range(1, 6):
            self.comparison.value = ""
            return ""
        if now < self.before:
            words = "You are less sure now than at the start."
        elif now > self.before:
            words = "You are more sure now than at the start."
        else:
            words = "Your confidence has not changed."
        self.comparison.value = note(
            f"<p>Start: {self.before} of 5 → now: {now} of 5. {esc(words)} What evidence changed your mind, "
            "or kept it the same?</p>"
        )
        return self.comparison.value


def reflection(
    before_id: str = HEADLINE_BEFORE,
    after_id: str = HEADLINE_AFTER,
    prompt: str = "Now, how sure are you that he is dead?",
) -> Reflection:
    """Show the lesson-00 confidence against a new poll (saved under ``after_id``)."""
    return Reflection(before_id, after_id, prompt)
