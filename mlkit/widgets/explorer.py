"""Read-only views of the article's sourcing: the source table and chart, the chain of hands, and the
headline against the body. Each chart comes with the same facts as text (a table or a list).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from mlkit import findings, sourcing
from mlkit.labels import LINK_KINDS, STANCE_WORDS
from mlkit.lessons._common import who
from mlkit.result import Result
from mlkit.widgets._html import as_result, esc, figure_image, note, short, style_widget, table


def attribution_rows(result: Result) -> list[list[str]]:
    """One row per attribution: who, cue, named or not, verb stance, what was said."""
    rows = []
    for n, (a, named) in enumerate(zip(result.attributions, sourcing.groups(result), strict=True), start=1):
        content = a.get("content")
        said = short(content["text"], 90) if content else ""
        cue = a["cue"]["text"] if a.get("cue") else ""
        stance = STANCE_WORDS.get(str(a.get("verb_stance")), str(a.get("verb_stance") or ""))
        # The lesson tables' own words for who (references resolved), so no two views disagree.
        rows.append([str(n), who(a, result), cue, named, stance, said, a.get("explanation", "")])
    return rows


class SourceExplorer(widgets.VBox):
    """A table of every attribution and a chart of named/unnamed sources and verb stance.

    ``with_table=False`` leaves the table out, for a lesson that shows the same reports as its own table right
    after (the chart keeps its text version, "This chart in words", and the counts line)."""

    def __init__(self, result: Result, with_table: bool = True) -> None:
        self.result = result
        self.rows = attribution_rows(result)
        groups, stances = sourcing.source_counts(result), sourcing.stance_counts(result)
        self.counts = {"groups": groups, "stances": stances}
        headers = ["#", "Who", "Reporting word", "Named?", "Verb stance", "What was said", "Why it matters"]
        body = table(headers, self.rows) if self.rows else "<p>No attributions found in this text.</p>"
        self.table = widgets.HTML(note(body))
        summary = (
            f"<p>{len(result.attributions)} reports. Who stands behind them: "
            + ", ".join(f"{g} {n}" for g, n in groups.items())
            + ". The reporting verbs: "
            + ", ".join(f"{stances[s]} {STANCE_WORDS[s]}" for s in stances)
            + ".</p>"
        )
        self.summary = widgets.HTML(note(summary))
        from mlkit import plots  # matplotlib (25 MB in every kernel) loads only when a chart is drawn

        self.figure = plots.source_chart(result)
        parts = [style_widget(), self.summary, figure_image(self.figure)]
        super().__init__([*parts, self.table] if with_table else parts)


def source_explorer(text: str | Result | None = None, table: bool = True) -> SourceExplorer:
    """Every attribution in a table, with a chart of named versus unnamed and neutral versus loaded verbs
    (``table=False``: the chart and its counts only, where a lesson's own table follows)."""
    return SourceExplorer(as_result(text), table)


class SourcingChainView(widgets.VBox):
    """The chain of hands as a diagram and as a numbered list (``details=False``: the diagram only, with
    its text version, for a lesson that shows the list as its own view right after)."""

    def __init__(self, chain: dict[str, Any], details: bool = True) -> None:
        self.chain = chain
        links = chain.get("links") or []
        items = "".join(
            f"<li><strong>{esc(link.get('label', '?'))}</strong>{esc(link_kind(link.get('kind')))}"
            f"{' — ' + esc(link['explanation']) if link.get('explanation') else ''}</li>"
            for link in links
        )
        self.text = widgets.HTML(
            note(
                f"<p><strong>{int(chain.get('hands') or 0)} hands</strong> you can see. "
                f"{esc(chain.get('explanation', ''))}</p><p>From you back to the source:</p><ol>{items}</ol>"
            )
        )
        from mlkit import plots  # matplotlib (25 MB in every kernel) loads only when a chart is drawn

        self.figure = plots.chain_figure(chain)
        parts = [style_widget(), figure_image(self.figure)]
        super().__init__([*parts, self.text] if details else parts)


def link_kind(kind: object) -> str:
    """A link's kind in words, in brackets (" (a news outlet)"), never the internal key; "" for the reader."""
    if kind in ("reader", "unknown"):  # the list says so in its own words around these two
        return ""
    words = LINK_KINDS.get(str(kind), str(kind or "not known").replace("_", " "))
    return f" ({words})"


def sourcing_chain(text: str | Result | dict[str, Any] | None = None, details: bool = True) -> widgets.Widget:
    """The chain from the reader back through each outlet and source to the unknown first witness.

    Pass a chain already computed (``mlkit.lessons.traced_chain()``, which adds the source pack's earlier
    versions) to show exactly the chain the lesson's text version shows."""
    chain = text if isinstance(text, dict) else findings.sourcing_chain(as_result(text))
    return SourcingChainView(chain, details)


class HeadlineVsBodyView(widgets.VBox):
    """How certain the headline sounds against each body sentence, as a chart and a table
    (``details=False``: the chart only, with its text version, where a lesson's own table follows)."""

    def __init__(self, hvb: dict[str, Any], details: bool = True) -> None:
        self.hvb = hvb
        headline = hvb.get("headline")
        head_text = headline["text"] if headline else "(none found)"
        rows = [["Headline", head_text, _percent(hvb.get("headline_certainty")), "", "", ""]]
        for i, s in enumerate(hvb.get("sentences") or [], start=1):
            rows.append([f"S{i}", short(s.get("text", ""), 100), _percent(s.get("certainty")),
                         str(s.get("hedges", 0)), "yes" if s.get("attributed") else "no",
                         "yes" if s.get("related") else "no"])  # fmt: skip
        verdict = (
            "The headline sounds more certain than the body."
            if hvb.get("overstated")
            else "No overstatement found."
        )
        self.text = widgets.HTML(
            note(
                f"<p><strong>{esc(verdict)}</strong> {esc(hvb.get('explanation', ''))}</p>"
                + "<p>Only sentences about the same claim as the headline (Same claim? = yes) are compared "
                "with it: a sure sentence about something else does not back the headline up.</p>"
                + table(
                    ["", "Text", "Certainty (100 % = flat fact)", "Hedges", "Attributed", "Same claim?"], rows
                )
            )
        )
        from mlkit import plots  # matplotlib (25 MB in every kernel) loads only when a chart is drawn

        self.figure = plots.headline_body_figure(hvb)
        parts = [style_widget(), figure_image(self.figure)]
        super().__init__([*parts, self.text] if details else parts)


def headline_vs_body(text: str | Result | None = None, details: bool = True) -> widgets.Widget:
    """A chart of how certain the headline sounds against each body sentence, with a table."""
    return HeadlineVsBodyView(findings.headline_vs_body(as_result(text)), details)


def _percent(value: object) -> str:
    """Certainty as the lessons say it: "30 %", where 100 % is a flat statement of fact."""
    return f"{round(100 * float(value or 0))} %"
