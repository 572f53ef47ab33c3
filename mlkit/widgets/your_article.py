"""Lesson 07: the student's own article, pasted or uploaded, analysed in every view, saved and restored.

The article is saved with the student's answers when it is analysed, so after a restart (or in a new
Binder session, once the answers file is loaded back) running the lesson brings it back, analysed. A text
pasted but not yet analysed is saved too, as soon as the student clicks elsewhere, and the analysis of the
old text is taken away so it is never shown under the new one.
"""

from __future__ import annotations

import base64

import ipywidgets as widgets

from mlkit import findings
from mlkit.render import printable, render_page, render_text
from mlkit.result import Result
from mlkit.widgets import saving
from mlkit.widgets._html import as_result, esc, note, short, style_widget, table
from mlkit.widgets.explorer import SourceExplorer
from mlkit.widgets.highlighter import Highlighter
from mlkit.widgets.uploads import first_upload, upload_text


def _data_link(payload: bytes, filename: str, mime: str, label: str) -> str:
    b64 = base64.b64encode(payload).decode("ascii")
    return f'<a download="{esc(filename)}" href="data:{mime};base64,{b64}">{esc(label)}</a>'


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


YOUR_ARTICLE_ID = "07_your_article"
MAX_SAVED_ARTICLE = 1_000_000  # characters; the answers kind "article" allows no more


class YourArticle(widgets.VBox):
    """Paste or upload an article, press Analyse: highlights, sources, findings and a report to download.

    The article is saved when it is analysed and comes back, analysed, when the lesson is run again."""

    def __init__(self, question_id: str = YOUR_ARTICLE_ID) -> None:
        self.question_id = question_id
        self.paste = widgets.Textarea(
            placeholder="Paste the text of a news article here",
            continuous_update=False,  # the text reaches the kernel when the student leaves the box
            layout=widgets.Layout(width="95%", height="10em"),
        )
        self.analysed_text: str | None = None  # the text shown analysed; new words differ from it
        self.upload = widgets.FileUpload(
            accept=".txt,.html,.htm",
            multiple=False,
            description="Upload .txt/.html",
            layout=widgets.Layout(width="auto"),
        )
        self.analyse_button = widgets.Button(description="Analyse", button_style="primary", icon="search")
        self.message = widgets.HTML()
        self.saved_view = widgets.HTML()
        self.output = widgets.VBox()
        self.result: Result | None = None
        self.name = ""
        self.upload.observe(lambda _c: self._on_upload(), names="value")
        self.paste.observe(lambda change: self._on_text(change["new"]), names="value")
        self.analyse_button.on_click(lambda _b: self.analyse())
        intro = note(
            "<p>Paste an article (or upload a .txt or .html file), then press <strong>Analyse</strong>. "
            "The article is saved with your answers, so it comes back when you run the lesson again.</p>"
        )
        super().__init__(
            [
                style_widget(),
                widgets.HTML(intro),
                self.paste,
                widgets.HBox([self.upload, self.analyse_button]),
                self.message,
                self.saved_view,
                self.output,
            ]
        )
        saved = saving.saved(question_id, "article")
        if isinstance(saved, dict) and saved["text"].strip():
            self.name = saved.get("name", "")
            self.analyse(saved["text"], save=False)
            self.saved_view.value = note("<p>Your saved article is back, analysed again.</p>")

    def _on_text(self, text: str) -> None:
        """New words in the box: keep them, and take away the analysis of the old text."""
        if text == self.analysed_text:
            return
        self.result = None
        # hidden at once, then emptied: a view still being drawn when its children change can be left on
        # the page by the front end (seen in Chromium when a new text followed Analyse within a second)
        self.output.layout.display = "none"
        self.output.children = ()
        self.message.value = note("<p>Press <strong>Analyse</strong> to see the marks for this text.</p>")
        if not text.strip():
            self.saved_view.value = ""
            return
        self.saved_view.value = note(self._save(attempt=False))

    def _on_upload(self) -> None:
        item = first_upload(self.upload)
        if item is None:
            return
        try:
            text = upload_text(*item)
        except ValueError as exc:
            self.message.value = note(f'<p class="mlkit-bad">{esc(exc)}</p>')
            return
        self.name = item[0][:300]
        self.paste.value = text  # saved as a draft under this file's name
        self.message.value = note(f"<p>Loaded {esc(item[0])}. Press Analyse.</p>")

    def analyse(self, text: str | None = None, save: bool = True) -> Result | None:
        """Analyse the pasted text (or ``text``), show every view of it, and save it."""
        if text is not None:
            self.analysed_text = printable(text)  # set first, so the box's observer sees no new words
            self.paste.value = self.analysed_text  # a lone surrogate cannot go to the browser
        if not self.paste.value.strip():
            self.message.value = note("<p>Paste or upload an article first.</p>")
            return None
        self.result = as_result(self.paste.value)
        self.analysed_text = self.paste.value
        report = render_page(self.result, title="My article, analysed").encode("utf-8")
        links = (
            _data_link(report, "my_article_report.html", "text/html", "Download the report (HTML)")
            + " · "
            + _data_link(render_text(self.result).encode("utf-8"), "my_article_report.txt", "text/plain",
                         "Download the report (plain text)")
        )  # fmt: skip
        self.message.value = note(f"<p>Analysed {len(self.result.text.split())} words. {links}</p>")
        if save:
            self.saved_view.value = note(self._save())
        self.output.layout.display = None
        self.output.children = (
            Highlighter(self.result),
            widgets.HTML(note(findings_summary(self.result))),
            SourceExplorer(self.result),
        )
        return self.result

    def _save(self, attempt: bool = True) -> str:
        text = self.paste.value
        if len(text) > MAX_SAVED_ARTICLE:
            return (
                f'<p class="mlkit-bad">This article is longer than {MAX_SAVED_ARTICLE:,} characters, so it '
                "is not saved. Keep a copy of it yourself.</p>"
            )
        return saving.save_html(self.question_id, {"text": text, "name": self.name}, "article", attempt)


def your_article() -> YourArticle:
    """Paste or upload your own article (.txt or .html) for the full analysis and a report download."""
    return YourArticle()
