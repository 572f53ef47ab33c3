"""The article view's Python side: what it sends the browser (text, word positions, marks, furniture) and
how positions cross between Python's code points and the browser's UTF-16 units."""

from __future__ import annotations

import array
from pathlib import Path

import pytest
from test_widgets_support import small_result

import mlkit
from mlkit.result import Result
from mlkit.widgets.article_view import ArticleView, Utf16
from mlkit.widgets.highlighter import highlighter


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))


def utf16_index(text: str, i: int) -> int:
    """Where code point ``i`` starts in UTF-16, computed the slow, obvious way."""
    return len(text[:i].encode("utf-16-le", "surrogatepass")) // 2


def test_positions_convert_both_ways_around_emoji() -> None:
    text = "🚀 said 𝒳 may 👍🏽 ok"
    conv = Utf16(text)
    for i in range(len(text) + 1):
        assert conv.to16(i) == utf16_index(text, i)
        assert conv.from16(conv.to16(i)) == i


def words_of(view: ArticleView) -> list[tuple[int, int]]:
    flat = array.array("i")
    flat.frombytes(view.tokens)
    return list(zip(flat[::2], flat[1::2], strict=True))


def test_word_positions_are_utf16_and_cover_each_word() -> None:
    text = "Rebels 🚀 reportedly took 𝒳-town."
    view = ArticleView(Result(text=text, pipeline="t"))
    as16 = text.encode("utf-16-le", "surrogatepass")
    got = [as16[2 * s : 2 * e].decode("utf-16-le") for s, e in words_of(view)]
    assert got == ["Rebels", "reportedly", "took", "𝒳-town"]  # 𝒳 is a letter, two UTF-16 units


def test_lone_surrogates_become_replacement_characters_one_for_one() -> None:
    text = "He said \ud800 it may rain."
    view = ArticleView(mlkit.analyze(text))
    assert view.text == "He said \ufffd it may rain." and len(view.text) == len(text)
    assert any(m["text"] == "may" for m in view.marks)


def test_marks_carry_their_reasons_and_duplicates_are_shown_once() -> None:
    r = small_result()
    r.attributions.append(dict(r.attributions[0]))  # the same content span twice, as nested reports give
    view = ArticleView(r)
    keys = [(m["s"], m["e"], m["cat"]) for m in view.marks]
    assert len(keys) == len(set(keys))
    hedge = next(m for m in view.marks if m["text"] == "reportedly")
    assert hedge["cat"] == "hedge" and hedge["why"] and hedge["detail"] == "Second-hand"


def test_seed_article_furniture_is_labelled_not_hidden() -> None:
    view = highlighter()
    labels = {f["label"] for f in view.furniture}
    assert {"byline", "caption", "credit"} <= labels
    texts = [f["text"] for f in view.furniture]
    assert "AFP photo" in texts and all(view.text[f["s"] : f["e"]] == f["text"] for f in view.furniture)
    assert view.text == mlkit.seed_article() and view.mode == "read"
    assert set(view.shown) == {c["key"] for c in view.categories}


def test_picks_from_the_browser_are_clipped_checked_and_converted() -> None:
    text = "🚀 Rebels reportedly won."
    view = ArticleView(Result(text=text, pipeline="t"), mode="select")
    s16 = utf16_index(text, text.index("reportedly"))
    view.picks = [[s16, s16 + 10, "hedge"], [5, 2, "hedge"], ["x", 1, "hedge"], [0, 10_000, 7], [-4, 2, "h"]]
    s = text.index("reportedly")
    assert view.picked() == [(0, 1, "h"), (s, s + 10, "hedge")]


def test_text_version_lists_each_mark_with_its_reason() -> None:
    view = ArticleView(small_result())
    plain = view._repr_mimebundle_()[0]["text/plain"]
    assert (
        "Hedges: “reportedly” — " in plain
        and "application/vnd.jupyter.widget-view+json" in view._repr_mimebundle_()[0]
    )


def test_compare_mode_carries_the_second_text() -> None:
    view = ArticleView(small_result(), mode="compare")
    view.set_compare(mlkit.analyze("They may say so."), ("Before", "After"))
    assert view.compare_text == "They may say so." and view.labels == ["Before", "After"]
    assert any(m["text"] == "may" for m in view.compare_marks)


def test_deeply_nested_reports_are_drawn_at_most_a_few_deep() -> None:
    text = " ".join(f"Official{i} said that" for i in range(300)) + " it rained."
    view = ArticleView(mlkit.analyze(text))
    said = sorted((m["s"], m["e"]) for m in view.marks if m["cat"] == "content")
    deepest = max(sum(s <= p < e for s, e in said) for p in range(len(text)))
    assert 1 <= deepest <= 4 and len(view.marks) < 3 * 300
