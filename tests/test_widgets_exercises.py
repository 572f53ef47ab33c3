"""Exercises driven like a student would: click word buttons, pick sources, press Hint and Check."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_widgets_support import HOSTILE, assert_no_article_markup, hostile_result, small_result

from mlkit import store
from mlkit.widgets import checklist, confidence_poll, question, spot_the_hedges, who_is_the_source


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))


def press(w, paragraph: int, *words: str) -> None:
    """Show a paragraph and switch on the buttons for these words (as a student clicks them)."""
    w.paragraph.value = paragraph
    for word in words:
        button = next(b for b in w.word_box.children if b.description == word and not b.value)
        button.value = True


def test_word_buttons_follow_the_paragraph_menu() -> None:
    w = spot_the_hedges(small_result())
    assert len(w.paragraph.options) == 3
    assert [b.description for b in w.word_box.children] == ["Rebels", "reportedly", "took", "the", "town"]
    w.paragraph.value = 2
    assert [b.description for b in w.word_box.children][:3] == ["The", "mayor", "said"]


def test_check_reports_found_missed_extra_with_score_and_saves() -> None:
    w = spot_the_hedges(small_result())
    press(w, 0, "reportedly")
    press(w, 1, "claimed")
    w.check_button.click()
    value = store.load_answers()["spot_the_hedges"]
    assert w.score == (1, 2, 1)
    fb = w.feedback.value
    assert "you found 1 of 2 hedges" in fb
    assert "Found (1)" in fb and "Someone reported it, but who?" in fb
    assert "Missed (1)" in fb and "about 30" in fb and "An imprecise number." in fb
    assert "Extra (1)" in fb and "claimed" in fb
    saved = store.load_answers()["spot_the_hedges"]
    assert (
        saved["found"] == ["reportedly"] and saved["missed"] == ["about 30"] and saved["extra"] == ["claimed"]
    )
    assert saved["score"] == [1, 2] and value["selected"] == [[7, 17], [46, 53]]  # offsets of the picks


def test_neighbouring_words_join_into_one_pick() -> None:
    w = spot_the_hedges(small_result())
    press(w, 1, "about", "30")
    assert [t for _, _, t in w.selections()] == ["about 30"]
    w.check()
    assert w.score == (1, 2, 0)
    assert "about 30" in w.picked.value


def test_unpressing_removes_a_pick() -> None:
    w = spot_the_hedges(small_result())
    press(w, 0, "reportedly")
    next(b for b in w.word_box.children if b.description == "reportedly").value = False
    w.check()
    assert w.score == (0, 2, 0)


def test_hint_says_where_not_which() -> None:
    w = spot_the_hedges(small_result())
    w.hint_button.click()
    hint = w.hint_view.value
    assert "There are 2 hedges" in hint
    assert "paragraph 1 (1)" in hint and "paragraph 2 (1)" in hint
    assert "reportedly" not in hint and "about 30" not in hint


def test_picks_come_back_after_a_restart() -> None:
    w = spot_the_hedges(small_result())
    press(w, 0, "reportedly")
    w.check()
    again = spot_the_hedges(small_result())
    assert [b.description for b in again.word_box.children if b.value] == ["reportedly"]


def test_hostile_text_in_spot_the_hedges() -> None:
    w = spot_the_hedges(HOSTILE)
    button = next(b for b in w.word_box.children if b.description == "script")
    button.value = True
    w.check()
    for markup in (w.feedback.value, w.picked.value, w.hint()):
        assert_no_article_markup(markup)
    assert all("<" not in b.description for b in w.word_box.children)


def choose(row: dict, source: str, named: str) -> None:
    row["pick"].value = source
    row["named"].value = named


def test_who_is_the_source_scores_each_cue() -> None:
    w = who_is_the_source(small_result())
    assert [r["attribution"]["cue"]["text"] for r in w.rows] == ["claimed", "according to", "said"]
    options = [value for _, value in w.rows[0]["pick"].options]
    assert {"An activist", "Al Jazeera", "The mayor", "No one is named"} <= set(options)
    choose(w.rows[0], "An activist", "not named")
    choose(w.rows[1], "Al Jazeera", "not named")  # right source, wrong named/unnamed
    w.rows[2]["typed"].value = "the mayor"  # typing works too
    w.rows[2]["named"].value = "not named"
    w.check_button.click()
    assert w.score == (2, 3)
    assert "Right." in w.rows[0]["verdict"].value
    assert "Not quite." in w.rows[1]["verdict"].value and "named / not named" in w.rows[1]["verdict"].value
    assert "According to is neutral." in w.rows[1]["verdict"].value
    assert store.load_answers()["who_is_the_source"]["score"] == [2, 3]


def test_who_is_the_source_wrong_pick_and_hint() -> None:
    w = who_is_the_source(small_result())
    choose(w.rows[0], "Al Jazeera", "named")
    w.check()
    assert "Not quite." in w.rows[0]["verdict"].value and "An activist" in w.rows[0]["verdict"].value
    w.hint_button.click()
    assert "before or just after the reporting word" in w.hint_view.value


@pytest.mark.parametrize("text", [HOSTILE, hostile_result()], ids=["analysed", "hand-built"])
def test_who_is_the_source_hostile(text) -> None:
    w = who_is_the_source(text)
    for row in w.rows:
        row["typed"].value = "<img src=x onerror=alert(2)>"
    w.check()
    for markup in [w.feedback.value] + [r["verdict"].value for r in w.rows]:
        assert_no_article_markup(markup)
    assert len(w.rows) == len([a for a in w.result.attributions if a.get("cue")])


def test_who_is_the_source_empty() -> None:
    empty = who_is_the_source("Plain sentence with no reporting at all.")
    assert empty.rows == [] and "no reporting words" in empty.children[2].value


def test_question_hint_before_answer() -> None:
    q = question(
        "02_q", "Which word hedges?", ["said", "reportedly"], "reportedly", "Look for -ly.", "It hides who."
    )
    q.input.value = "said"
    q.check_button.click()
    assert "Not yet." in q.feedback.value and "Look for -ly." in q.feedback.value
    assert "reportedly" not in q.feedback.value  # the answer is not given away on the first try
    q.check_button.click()
    assert "The answer is “reportedly”" in q.feedback.value and "It hides who." in q.feedback.value
    q.input.value = "reportedly"
    q.check_button.click()
    assert "Correct." in q.feedback.value
    assert store.load_answers()["02_q"] == "reportedly"
    assert question("02_q", "Which word hedges?", ["said", "reportedly"]).input.value == "reportedly"


def test_free_text_question_saves_and_escapes() -> None:
    q = question("07_why", "<b>Why?</b>", explanation="Think about sources.")
    q.check_button.click()
    assert "first" in q.feedback.value  # nothing saved for an empty answer
    q.input.value = "<script>alert(1)</script> because"
    q.check_button.click()
    assert "Saved" in q.feedback.value and "Think about sources." in q.feedback.value
    assert store.load_answers()["07_why"] == "<script>alert(1)</script> because"
    assert "&lt;b&gt;Why?&lt;/b&gt;" in q.children[0].value


def test_checklist_saves_each_tick() -> None:
    c = checklist("06_list", ["Who is the source?", "Is it named?"])
    c.boxes[1].value = True
    assert "1 of 2 done" in c.status.value
    assert store.load_answers()["06_list"] == {"ticked": ["Is it named?"], "total": 2}
    assert [b.value for b in checklist("06_list", ["Who is the source?", "Is it named?"]).boxes] == [
        False,
        True,
    ]


def test_confidence_poll_saves_and_reloads() -> None:
    p = confidence_poll("00_headline_confidence", "How sure?")
    p.save_button.click()
    assert "first" in p.feedback.value
    p.choice.value = 4
    p.save_button.click()
    assert "fairly sure" in p.feedback.value
    assert store.load_answers()["00_headline_confidence"] == 4
    assert confidence_poll("00_headline_confidence", "How sure?").choice.value == 4
