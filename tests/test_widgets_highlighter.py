"""The highlighter driven in plain Python: checkboxes, the legend, the "why" list and table, hostile text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_widgets_support import HOSTILE, article_text, assert_no_article_markup, hostile_result, small_result

import mlkit
from mlkit.result import Result
from mlkit.widgets import highlighter


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))


def categories(markup: str) -> list[str]:
    return re.findall(r'class="mlkit-mark[^"]*" data-category="(\w+)"', markup)


def test_checkbox_per_category_with_its_label() -> None:
    w = highlighter(small_result())
    assert [b.description for b in w.checkboxes.values()] == [
        "Hedges",
        "Boosters",
        "Sources",
        "Reporting words",
        "What was said",
    ]
    assert all(b.value for b in w.checkboxes.values())


def test_all_marks_shown_then_toggled_off_and_on() -> None:
    w = highlighter(small_result())
    # 2 hedges, 1 booster, 3 sources, 3 cues, 2 content pieces (one quote is shared by two cues: 3 marks)
    before = categories(w.text_view.value)
    assert before.count("hedge") == 2 and before.count("booster") == 1
    assert before.count("source") == 3 and before.count("cue") == 3 and before.count("content") == 3
    w.checkboxes["hedge"].value = False
    after = categories(w.text_view.value)
    assert "hedge" not in after and after.count("cue") == 3
    assert "reportedly" in w.text_view.value  # the words stay; only the mark goes
    assert "Hedges" not in w.legend.value and "Boosters" in w.legend.value
    assert "Showing 1 boosters" in w.summary.value
    assert w.table.value.count("<tr>") == 1 + 10  # header + every visible mark
    w.checkboxes["hedge"].value = True
    assert categories(w.text_view.value) == before


def test_every_mark_has_tag_title_and_hidden_explanation() -> None:
    w = highlighter(small_result())
    markup = w.text_view.value
    n_marks = len(categories(markup))
    assert markup.count('class="mlkit-why"') == n_marks
    assert markup.count('tabindex="0"') == n_marks  # reachable by keyboard and focusable by click
    assert len(re.findall(r'title="[^"]+"', markup)) == n_marks
    assert re.search(r'data-category="hedge"[^>]*>reportedly<sup[^>]*>H</sup><span class="mlkit-why"', markup)
    assert "Someone reported it, but who?" in markup


def test_why_dropdown_explains_each_mark_in_text() -> None:
    w = highlighter(small_result())
    labels = [label for label, _ in w.why.options]
    assert labels[0] == "Choose a mark…"
    assert len(labels) == 1 + len(w.marks)
    target = next(value for label, value in w.why.options if label.endswith("claimed"))
    w.why.value = target
    assert "Claimed keeps a distance." in w.why_answer.value
    assert "distancing" in w.why_answer.value


def test_hostile_text_never_becomes_markup() -> None:
    w = highlighter(hostile_result())
    for markup in (w.text_view.value, w.table.value, w.legend.value, w.summary.value, w.why_answer.value):
        assert_no_article_markup(markup)
    w.why.value = w.marks[0].id
    assert_no_article_markup(w.why_answer.value)
    assert article_text(w.text_view.value) == HOSTILE
    real = highlighter(HOSTILE)  # the real analyser on the same text
    assert_no_article_markup(real.text_view.value)
    assert article_text(real.text_view.value) == HOSTILE
    assert_no_article_markup(real.table.value)


def test_seed_article_is_the_default_and_text_is_complete() -> None:
    w = highlighter()
    assert w.result.text == mlkit.seed_article()
    assert article_text(w.text_view.value) == mlkit.seed_article()  # every character, nothing added
    assert len(categories(w.text_view.value)) >= len(w.result.hedges)


def test_empty_text_says_so() -> None:
    w = highlighter("")
    assert "no text to analyse" in w.text_view.value


def test_lone_surrogate_labels_can_be_sent_to_the_browser() -> None:
    import json

    text = "It may \ud800rain."
    r = Result(
        text=text, pipeline="t", hedges=[{"start": 3, "end": 11, "text": text[3:11], "category": "modal"}]
    )
    w = highlighter(r)
    labels = [label for label, _ in w.why.options]
    # jupyter_client packs messages as UTF-8; every label and the HTML must survive that
    json.dumps(labels, ensure_ascii=False).encode("utf-8")
    w.text_view.value.encode("utf-8")
    assert labels[1] == "1. H: may \ufffdrai"
