"""Charts are checked for content: bar heights, tick labels, titles, node counts, hatches."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.patches import Rectangle  # noqa: E402

from mlkit import classroom, plots  # noqa: E402
from mlkit.result import Result  # noqa: E402


def _attr(source_type: str, stance: str, start: int = 0) -> dict:
    return {
        "cue": {"start": start, "end": start + 1, "text": "x"},
        "source": None,
        "content": None,
        "kind": "indirect",
        "source_type": source_type,
        "resolved_source": None,
        "verb_stance": stance,
        "explanation": "e",
    }


def _bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _ticks(ax, axis: str = "x") -> list[str]:
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels]


def _texts(fig) -> str:
    parts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    return "\n".join(parts)


def test_source_chart_counts_types_and_stances() -> None:
    r = Result(
        text="x" * 10,
        pipeline="t",
        attributions=[
            _attr("named", "neutral"),
            _attr("unnamed", "distancing", 2),
            _attr("unnamed", "neutral", 4),
        ]
        + [_attr("none", "other", 6)],
    )
    fig = plots.source_chart(r)
    left, right = fig.axes
    assert _ticks(left) == ["named", "not named", "no one"]
    assert [b.get_height() for b in _bars(left)] == [1, 2, 1]
    assert _ticks(right) == [
        "neutral", "keeps a\ndistance", "takes the\nspeaker's side", "shows what\nkind of\nstatement"
    ]  # fmt: skip
    assert [b.get_height() for b in _bars(right)] == [2, 1, 0, 1]
    assert len({b.get_hatch() for b in _bars(left)}) == 3  # never colour alone
    assert "Sources in this text: 4 reports" in _texts(fig)
    assert left.get_ylabel() == "number of reports"
    assert [t.get_text() for t in left.texts] == ["1", "2", "1"]  # value labels drawn on the bars
    assert plots.describe(fig) == (
        "Two bar charts. Sources in this text: 4 reports. Who stands behind each report? named 1, "
        "not named 2, no one 1. How is it reported (the verb)? neutral 2, keeps a distance 1, "
        "takes the speaker's side 0, shows what kind of statement 1."
    )


def test_chain_figure_has_one_node_per_link_and_counts_hands() -> None:
    chain = {
        "hands": 4,
        "links": [
            {"label": "You, the reader", "kind": "reader", "span": None, "explanation": ""},
            {"label": "Arutz Sheva", "kind": "article", "span": None, "explanation": ""},
            {"label": "Asharq Al-Awsat", "kind": "outlet", "span": None, "explanation": ""},
            {"label": "Syrian activists", "kind": "group", "span": None, "explanation": ""},
            {"label": "unknown first witness", "kind": "unknown", "span": None, "explanation": ""},
        ],
        "explanation": "x",
    }
    fig = plots.chain_figure(chain)
    ax = fig.axes[0]
    nodes = [t for t in ax.texts if t.get_gid() == "chain-node"]
    assert [t.get_text().replace("\n", " ") for t in nodes] == [
        "You, the reader",
        "Arutz Sheva",
        "Asharq Al-Awsat",
        "Syrian activists",
        "unknown first witness",
    ]
    arrows = [p for p in ax.patches if p.get_gid() == "chain-arrow"]
    assert len(arrows) == 4
    start, end = arrows[0]._posA_posB  # "<|-" draws the head at the start: it must be the reader's side
    assert start[0] < end[0]
    kinds = [t.get_text().replace("\n", " ") for t in ax.texts if t.get_gid() == "chain-kind"]
    assert kinds == [
        "you, the reader",
        "the article you read",
        "a news outlet",
        "a group of people",
        "not known",
    ]
    assert "passed through 4 before reaching you" in _texts(fig)
    assert plots.describe(fig) == (
        "Diagram. How many hands? The claim passed through 4 before reaching you. 5 boxes from the reader "
        "back to the first witness: You, the reader (you, the reader), then Arutz Sheva (the article you "
        "read), then Asharq Al-Awsat (a news outlet), then Syrian activists (a group of people), then "
        "unknown first witness (not known)."
    )


def test_headline_body_figure_lists_headline_then_sentences() -> None:
    hvb = {
        "headline": {"start": 0, "end": 10, "text": "Leader Killed"},
        "headline_certainty": 1.0,
        "sentences": [
            {"start": 12, "end": 30, "text": "He was reportedly killed.", "certainty": 0.4, "hedges": 1,
             "attributed": False},
            {"start": 31, "end": 60, "text": "Activists said so.", "certainty": 0.5, "hedges": 0,
             "attributed": True},
        ],
        "overstated": True,
        "explanation": "x",
    }  # fmt: skip
    fig = plots.headline_body_figure(hvb)
    ax = fig.axes[0]
    by_height = sorted(zip(ax.get_yticks(), _ticks(ax, "y"), strict=True), reverse=True)
    assert [label for _, label in by_height] == [  # top to bottom
        "HEADLINE: Leader Killed",
        "S1: He was reportedly killed. [hedged]",
        "S2: Activists said so. [attributed]",
    ]
    widths = sorted(round(b.get_width(), 2) for b in _bars(ax))
    assert widths == [40.0, 50.0, 100.0]  # percentages, like the lessons and tables
    assert [t.get_text() for t in ax.texts] == ["100 %", "40 %", "50 %"]
    assert ax.get_xlim() == (0, 115)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    assert "100 % = stated as plain fact" in ax.get_xlabel()
    assert "more certain than the body" in ax.get_title()
    alt = plots.describe(fig)
    assert "Headline versus body: the headline sounds more certain than the body" in alt
    assert "Headline “Leader Killed”: 100 %" in alt
    assert "S1 “He was reportedly killed.” [hedged]: 40 %" in alt
    assert "S2 “Activists said so.” [attributed]: 50 %" in alt


def test_compare_figure_reads_both_texts() -> None:
    ra = Result(text=" ".join(["w"] * 100), pipeline="t", hedges=[{"start": 0, "end": 1}] * 3)
    rb = Result(text=" ".join(["w"] * 50), pipeline="t", attributions=[_attr("named", "neutral")])
    fig = plots.compare_figure(ra, rb, labels=("Seed", "Careful"))
    ax = fig.axes[0]
    heights = [b.get_height() for b in _bars(ax)]
    a_heights, b_heights = heights[:5], heights[5:10]
    assert a_heights == [3.0, 0.0, 0.0, 0.0, 0.0]
    assert b_heights == [0.0, 0.0, 1.0, 0.0, 0.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Seed", "Careful"]
    alt = plots.describe(fig)
    assert alt.startswith("Grouped bar chart. Seed versus Careful. hedges per 100 words: Seed 3, Careful 0;")
    assert "reports by a named source: Seed 0, Careful 1;" in alt
    assert alt.endswith("reports with no source: Seed 0, Careful 0.")


def _answers_file(path: Path, answers: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"format": "mlkit-answers", "version": 1, "answers": {k: {"value": v} for k, v in answers.items()}}
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_classroom_summary_tallies_and_plots(tmp_path: Path) -> None:
    _answers_file(
        tmp_path / "ana.json", {"q1": "b", "spot": {"found": ["reportedly"], "missed": ["a number of"]}}
    )
    ben = {"q1": "c", "spot": {"found": ["Reportedly", "a number of"], "missed": []}}
    _answers_file(tmp_path / "ben" / "answers.json", ben)
    (tmp_path / "broken.json").write_text("{nope", encoding="utf-8")
    summary = classroom.summarize(tmp_path)
    assert summary["students"] == 2
    assert summary["unreadable"] == [str(tmp_path / "broken.json")]
    assert summary["questions"]["q1"] == {
        "answered": 2,
        "answers": {"b": 1, "c": 1},
        "final": {"b": 1, "c": 1},
    }
    assert summary["hedges"] == {
        "a number of": {"found": 1, "missed": 1},
        "reportedly": {"found": 2, "missed": 0},
    }
    ax = summary["figure"].axes[0]
    assert sorted(_ticks(ax, "y")) == ["a number of", "reportedly"]
    heights = sorted(b.get_width() for b in _bars(ax))
    assert heights == [0, 1, 1, 2]
    assert "(2 students)" in ax.get_title()
    summary["figure"].canvas.draw()
    assert all(float(t).is_integer() for t in ax.get_xticks())  # no quarter students
    assert ax.get_legend() is None and len(summary["figure"].legends) == 1  # the legend sits under the chart
    assert plots.describe(summary["figure"]) == (
        "Bar chart. What the class found and missed (2 students). a number of: found 1 time, missed 1 time; "
        "reportedly: found 2 times, missed 0 times."
    )


def test_describe_falls_back_to_titles_for_a_plain_figure() -> None:
    fig = matplotlib.figure.Figure()
    fig.suptitle("Overall")
    fig.subplots().set_title("Left  panel")
    assert plots.describe(fig) == "Overall. Left panel"


def test_figures_show_as_png_in_jupyter_without_pyplot() -> None:
    fig = plots.source_chart(Result(text="x", pipeline="t"))
    png = fig._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width == 9 * 90  # figsize 9 inches at 90 dpi


def test_chain_boxes_show_a_long_label_whole_or_say_it_goes_on() -> None:
    """QA pass 2: lesson 04's box read 'the informants: an unnamed opposition' and stopped there."""
    label = "the informants: an unnamed opposition source and an unnamed activist"
    longer = " ".join([label] * 3)
    links = [{"label": label, "kind": "group"}, {"label": longer, "kind": "group"}]
    fig = plots.chain_figure({"links": links, "hands": 2})
    boxes = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "chain-node"]
    assert " ".join(boxes[0].split()) == label
    assert boxes[1].endswith("…") and len(boxes[1].splitlines()) == 5
