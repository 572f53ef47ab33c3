"""Questions, checklists and polls save every answer and come back as the student left them, feedback
included, when the lesson runs again (a new widget reading the same answers file, as after a restart)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlkit import store
from mlkit.widgets import checklist, confidence_poll, question


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))
    store.pop_notices()


ARGS = ("02_q", "Which word hedges?", ["said", "reportedly"], "reportedly", "Look for -ly.", "It hides who.")


def test_question_hint_before_answer_and_first_try_kept() -> None:
    q = question(*ARGS)
    q.input.value = "said"
    q.check_button.click()
    assert "Not yet." in q.feedback.value and "Look for -ly." in q.feedback.value
    assert "reportedly" not in q.feedback.value  # the answer is not given away on the first try
    q.check_button.click()
    assert "The answer is “reportedly”" in q.feedback.value and "It hides who." in q.feedback.value
    q.input.value = "reportedly"
    q.check_button.click()
    assert "Correct." in q.feedback.value
    record = store.record("02_q")
    assert (
        record["value"] == "reportedly" and record["first"]["value"] == "said" and record["kind"] == "choice"
    )


def test_question_comes_back_with_the_feedback_it_had_earned() -> None:
    q = question(*ARGS)
    q.input.value = "said"
    q.check_button.click()
    again = question(*ARGS)  # the lesson run again after a restart
    assert again.input.value == "said"
    assert "Hint: Look for -ly." in again.feedback.value and "reportedly" not in again.feedback.value
    again.check_button.click()  # second wrong try: now the answer
    third = question(*ARGS)
    assert "The answer is “reportedly”" in third.feedback.value
    third.input.value = "reportedly"
    third.check_button.click()
    assert "Correct." in question(*ARGS).feedback.value


def test_free_text_shows_the_hint_first_and_the_model_answer_only_when_asked() -> None:
    args = ("07_why", "<b>Why?</b>", None, "Because no one is named.", "Who says so?", "Think about sources.")
    q = question(*args)
    q.check_button.click()
    assert "first" in q.feedback.value  # nothing saved for an empty answer
    q.input.value = "<script>alert(1)</script> because"
    q.check_button.click()
    assert "Saved" in q.feedback.value and "Who says so?" in q.feedback.value
    assert "Because no one is named." not in q.feedback.value  # the model answer waits to be asked for
    assert q.model_button.layout.display != "none"
    q.model_button.click()
    assert "Because no one is named." in q.feedback.value and "Think about sources." in q.feedback.value
    q.input.value = "improved after the reveal"
    q.check_button.click()
    record = store.record("07_why")
    assert record["first"]["value"] == "<script>alert(1)</script> because"  # the class summary counts this
    assert "&lt;b&gt;Why?&lt;/b&gt;" in q.children[1].value
    back = question(*args)
    assert back.input.value == "improved after the reveal" and back.model_button.layout.display != "none"


def test_checklist_saves_each_tick_and_comes_back() -> None:
    items = ["Who is the source?", "Is it named?"]
    c = checklist("06_list", items)
    c.boxes[1].value = True
    assert "1 of 2 done" in c.status.value
    assert store.load_answers()["06_list"] == {"ticked": ["Is it named?"], "total": 2}
    back = checklist("06_list", items)
    assert [b.value for b in back.boxes] == [False, True] and "1 of 2 done" in back.status.value


def test_confidence_poll_saves_and_reloads() -> None:
    p = confidence_poll("00_headline_confidence", "How sure?")
    p.save_button.click()
    assert "first" in p.feedback.value
    p.choice.value = 4
    p.save_button.click()
    assert "fairly sure" in p.feedback.value
    assert store.load_answers()["00_headline_confidence"] == 4
    back = confidence_poll("00_headline_confidence", "How sure?")
    assert back.choice.value == 4 and "fairly sure" in back.feedback.value


def test_a_saved_answer_of_the_wrong_shape_is_named_and_never_raises() -> None:
    store.save_answer("06_list", "a string where a list belongs")
    store.save_answer("00_poll", {"value": "nonsense"})
    store.save_answer("02_q", ["not", "a", "choice"])
    c = checklist("06_list", ["a", "b"])
    p = confidence_poll("00_poll", "How sure?")
    q = question(*ARGS)
    assert [b.value for b in c.boxes] == [False, False] and p.choice.value is None and q.input.value is None
    notices = " ".join(store.pop_notices())
    assert "06_list" in notices and "00_poll" in notices and "02_q" in notices


def test_a_failed_save_is_reported_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store, "save_answer", refuse)
    q = question(*ARGS)
    q.input.value = "said"
    q.check_button.click()
    assert "Not saved: Permission denied" in q.feedback.value and "Download" in q.feedback.value


def test_the_free_text_hint_follows_the_first_save_only() -> None:
    args = ("07_why2", "Why?", None, "Because.", "Who says so?", "Think.")
    q = question(*args)
    q.input.value = "first try"
    q.check_button.click()
    assert "Who says so?" in q.feedback.value
    q.input.value = "second try"
    q.check_button.click()
    assert "Who says so?" not in q.feedback.value and "Saved." in q.feedback.value


def test_free_text_typed_but_not_saved_is_kept_as_a_draft_and_comes_back() -> None:
    """QA walk-through: an answer typed and never saved was missing from Download and lost on restart."""
    q = question("00_text", "What do you think?", answer="A model answer.", hint="Say who.")
    q.input.value = "I think it is"  # what the browser sends when the student clicks elsewhere
    record = store.record("00_text")
    assert record["value"] == "I think it is" and record["attempts"] == 0 and "first" not in record
    assert "Press Save" in q.draft.value and q.feedback.value == ""
    assert q.model_button.layout.display == "none"  # no model answer for a draft
    again = question("00_text", "What do you think?", answer="A model answer.", hint="Say who.")
    assert again.input.value == "I think it is" and "Your words are back" in again.draft.value
    assert again.model_button.layout.display == "none" and again.feedback.value == ""
    again.input.value = "I think it is true, because the activist is named."
    again.check_button.click()
    record = store.record("00_text")
    assert record["attempts"] == 1 and record["first"]["value"].startswith("I think it is true")
    assert "Say who." in again.feedback.value and again.draft.value == ""
    assert again.model_button.layout.display != "none"
