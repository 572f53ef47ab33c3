"""The highlighter is the article view in read mode: every mark of every kind, each with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_widgets_support import HOSTILE, hostile_result, small_result

import mlkit
from mlkit.render import CATEGORIES
from mlkit.widgets import highlighter


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))


def test_every_kind_of_mark_is_sent_with_its_label_and_style() -> None:
    h = highlighter(small_result())
    assert h.mode == "read" and "colour is never the only clue" in h.help
    assert [c["key"] for c in h.categories] == [c.key for c in CATEGORIES]
    assert all(c["short"] and c["look"] for c in h.categories)
    assert sorted({m["cat"] for m in h.marks}) == ["booster", "content", "cue", "hedge", "source"]
    assert all(m["why"] for m in h.marks)


def test_seed_article_is_the_default_and_text_is_complete() -> None:
    h = highlighter()
    assert h.text == mlkit.seed_article()
    assert sum(m["cat"] == "hedge" for m in h.marks) == len(mlkit.analyze(mlkit.seed_article()).hedges)


def test_hostile_text_is_data_never_markup() -> None:
    for r in (HOSTILE, hostile_result()):
        h = highlighter(r)
        assert h.text == HOSTILE
        booster = [m for m in h.marks if m["cat"] == "booster"]
        assert all(m["text"] == h.text[m["s"] : m["e"]] for m in h.marks if "🚀" not in h.text[: m["e"]])
        assert booster == [] or booster[0]["text"] == "<script>"


def test_empty_text() -> None:
    h = highlighter("")
    assert h.text == "" and h.marks == [] and h.tokens == b""
