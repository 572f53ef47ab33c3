"""The widgets written with the lessons: headline judgement (calibration), IMVAIN with feedback, and the
lesson-05 search steps. Each saves small JSON with mlkit.store, keeps the first checked attempt, comes
back after a restart, and escapes what it shows. Expected values are worked out by hand from the data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlkit import lessons, store
from mlkit.widgets import headline_judgement, imvain, search_step
from mlkit.widgets.judgement import calibration, judged_right, shift, verdict
from mlkit.widgets.search import MAX_CHARS


@pytest.fixture(autouse=True)
def work_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))
    return tmp_path


ITEMS = [{"supported": True}, {"supported": False}, {"supported": True}, {"supported": False}]


def test_judged_right_splits_the_scale_in_half() -> None:
    # Scale of four: 0 "Fully", 1 "Mostly" trust; 2 "Only partly", 3 "Not" doubt.
    assert [judged_right({"supported": True}, r, 4) for r in range(4)] == [True, True, False, False]
    assert [judged_right({"supported": False}, r, 4) for r in range(4)] == [False, False, True, True]
    assert judged_right({"supported": True}, None, 4) is False


def test_calibration_tells_doubt_from_judgement() -> None:
    believer = calibration(ITEMS, [0, 0, 0, 0], 4)  # trusts everything
    cynic = calibration(ITEMS, [3, 3, 3, 3], 4)  # doubts everything
    judge = calibration(ITEMS, [0, 3, 1, 2], 4)
    assert (believer["right"], believer["trusted_solid"], believer["doubted_weak"]) == (2, 2, 0)
    assert (cynic["right"], cynic["trusted_solid"], cynic["doubted_weak"]) == (2, 0, 2)
    assert judge["right"] == 4
    assert "Careful is not the same as doubtful" in verdict(cynic)
    assert "Look again at who says so" in verdict(believer)
    assert "Well judged" in verdict(judge)


def test_headline_judgement_saves_first_attempt_and_restores() -> None:
    w = headline_judgement("00")
    assert w.check() is None and "Rate all four" in w.feedback.value  # nothing saved yet
    assert "00_headlines" not in store.load_answers()
    supported = [i["supported"] for i in lessons.headline_set("00")]
    first = [3 if s else 0 for s in supported]  # every answer wrong
    for pick, value in zip(w.choices, first, strict=True):
        pick.value = value
    saved = w.check()
    assert saved["score"] == [0, 4] and saved["first"]["right"] == 0
    for pick, s in zip(w.choices, supported, strict=True):
        pick.value = 0 if s else 3  # now every answer right
    again = w.check()
    assert again["score"] == [4, 4] and again["first"]["right"] == 0, "the first attempt is kept"
    stored = store.load_answers()["00_headlines"]
    assert stored == json.loads(json.dumps(again))
    back = headline_judgement("00")  # a restart and a re-run
    assert back.ratings() == again["ratings"] and "Saved earlier" in back.feedback.value


def test_lesson_08_judgement_shows_lesson_00_result() -> None:
    assert "no saved result from lesson 0" in headline_judgement("08", compare_with="00").children[-1].value
    first = {**calibration(ITEMS, [0, 0, 0, 0], 4), "ratings": [0, 0, 0, 0]}
    store.save_answer("00_headlines", {"ratings": [0, 0, 0, 0], "score": [2, 4], "first": first})
    shown = headline_judgement("08", compare_with="00").children[-1].value
    assert "In lesson 0 you judged 2 of 4 well" in shown


# Worked by hand. ITEMS is backed up, overstated, backed up, overstated; ratings 0-1 trust, 2-3 doubt.
# [0, 3, 3, 3]: trusts 1 of the 2 backed-up (the first), doubts both overstated: 3 of 4.
# [3, 3, 3, 3]: trusts 0 of 2, doubts 2 of 2: 2 of 4.  [0, 3, 0, 3]: 2 of 2 and 2 of 2: 4 of 4.
# [0, 0, 0, 3]: trusts 2 of 2, doubts 1 of 2 (the last): 3 of 4.  [0, 0, 0, 0]: 2 of 2, 0 of 2: 2 of 4.
@pytest.mark.parametrize(
    ("then", "now", "says", "never"),
    [
        ([0, 3, 3, 3], [3, 3, 3, 3], ["learned doubt, not judgement", "(lesson 0: 1 of 2; now: 0 of 2)",
                                      "lesson 0: 3 of 4 judged well; your first try now: 2 of 4"],
         ["doubt fewer of the overstated"]),
        ([0, 3, 0, 3], [0, 0, 0, 3], ["You now doubt fewer of the overstated headlines",
                                      "(lesson 0: 2 of 2; now: 1 of 2)"], ["learned doubt"]),
        ([0, 3, 0, 3], [3, 0, 3, 0], ["learned doubt, not judgement", "(lesson 0: 2 of 2; now: 0 of 2)",
                                      "doubt fewer of the overstated"], ["Well judged both"]),
        ([0, 0, 0, 0], [0, 3, 1, 2], ["Your judgement is better",
                                      "2 of 4 judged well; your first try now: 4 of 4"],
         ["learned doubt", "doubt fewer"]),
        ([0, 3, 0, 3], [1, 2, 0, 3], ["Well judged both times"], ["learned doubt", "doubt fewer"]),
    ],
)  # fmt: skip
def test_shift_names_the_move_towards_doubt_or_trust(
    then: list[int], now: list[int], says: list[str], never: list[str]
) -> None:
    text = shift(calibration(ITEMS, then, 4), calibration(ITEMS, now, 4))
    for words in says:
        assert words in text, (words, text)
    for words in never:
        assert words not in text, (words, text)


def test_lesson_08_names_learned_doubt_after_its_first_check() -> None:
    """The review's case: in lesson 00 one backed-up headline trusted of two; in 08, none."""
    set00 = lessons.headline_set("00")
    then = [0 if i["supported"] else 3 for i in set00]
    then[next(n for n, i in enumerate(set00) if i["supported"])] = 3  # doubt one backed-up headline
    w00 = headline_judgement("00")
    for pick, value in zip(w00.choices, then, strict=True):
        pick.value = value
    assert w00.check()["first"]["trusted_solid"] == 1
    w08 = headline_judgement("08", compare_with="00")
    assert "press Check" in w08.earlier.value
    assert "learned doubt" not in w08.earlier.value, "nothing to compare before the first check"
    for pick in w08.choices:
        pick.value = 3  # doubt everything
    w08.check()
    assert "learned doubt, not judgement" in w08.earlier.value
    assert "(lesson 0: 1 of 2; now: 0 of 2)" in w08.earlier.value
    for pick, item in zip(w08.choices, lessons.headline_set("08"), strict=True):
        pick.value = 0 if item["supported"] else 3  # a second try, after the feedback
    w08.check()
    assert "learned doubt, not judgement" in w08.earlier.value, "first tries are compared, as the guide says"
    back = headline_judgement("08", compare_with="00")  # a restart
    assert "learned doubt, not judgement" in back.earlier.value


def test_a_saved_first_attempt_without_its_counts_is_not_trusted() -> None:
    store.save_answer("00_headlines", {"ratings": [0, 0, 0, 0], "first": {"right": "2"}})
    w = headline_judgement("08", compare_with="00")
    assert "no saved result from lesson 0" in w.earlier.value


def test_imvain_feedback_score_and_first_attempt() -> None:
    w = imvain("2013")
    assert w.check() is None and "Can't tell is an answer" in w.feedback.value
    data = lessons.imvain_data("2013")
    for (source, letter), pick in w.picks.items():
        src = next(s for s in data["sources"] if s["source"] == source)
        pick.value = src["answers"][letter][0][0]  # an accepted reply everywhere
    total = len(data["sources"]) * 5
    value = w.check()
    assert value["score"] == [total, total]
    assert "Agreed" in w.feedback.value and "We would say" not in w.feedback.value
    w.picks[("Asharq Al-Awsat", "N")].value = "No"
    value = w.check()
    assert value["score"] == [total - 1, total] and value["first"]["score"] == [total, total]
    assert "We would say Yes" in w.feedback.value
    assert imvain("2013").picks[("Asharq Al-Awsat", "N")].value == "No", "restored after a restart"


def test_imvain_shows_the_chosen_reply_in_words_and_to_a_screen_reader() -> None:
    """The review found the chosen Yes / No / Can't tell shown only by a darker grey: the replies are now
    radio buttons (announced as checked), and the choice is written out with a tick beside them."""
    import ipywidgets as widgets

    w = imvain("2013")
    key = ("an opposition activist", "I")
    assert all(isinstance(p, widgets.RadioButtons) for p in w.picks.values())
    assert "not answered yet" in w.shown[key].value and "✓" not in w.shown[key].value
    w.picks[key].value = "Can't tell"
    assert "✓ Can&#x27;t tell" in w.shown[key].value
    row = next(c for c in w.children if isinstance(c, widgets.HBox) and w.picks[key] in c.children)
    assert w.shown[key] in row.children, "the tick sits in the same row as the question"


def test_imvain_feedback_and_saved_message_come_back_after_a_restart() -> None:
    data = lessons.imvain_data("2013")
    w = imvain("2013")
    assert imvain("2013").feedback.value == "", "nothing checked: no feedback to bring back"
    for (source, letter), pick in w.picks.items():
        src = next(s for s in data["sources"] if s["source"] == source)
        pick.value = src["answers"][letter][0][0]
    w.picks[("Asharq Al-Awsat", "N")].value = "No"  # one answer we would not give
    total = len(data["sources"]) * 5
    assert w.check()["score"] == [total - 1, total] and "Saved." in w.feedback.value
    back = imvain("2013")  # a restart and a re-run
    assert "Saved earlier." in back.feedback.value
    assert f"{total - 1} of {total} answers agree with ours" in back.feedback.value
    assert "N: No. We would say Yes." in back.feedback.value
    assert "✓ No" in back.shown[("Asharq Al-Awsat", "N")].value
    assert "06_imvain" not in back.feedback.value + w.feedback.value, "words, not the question's id"


def test_search_step_saves_what_was_found_as_it_is_typed() -> None:
    w = search_step("05_search_outlets")
    w.boxes["page"].value = "Wikipedia: Asharq Al-Awsat"
    assert store.load_answers()["05_search_outlets"] == {
        "page": "Wikipedia: Asharq Al-Awsat",
        "who": "",
        "says": "",
    }
    w.boxes["who"].value = "Saudi Research and Media Group"
    w.boxes["says"].value = "x" * (MAX_CHARS + 50)
    saved = store.load_answers()["05_search_outlets"]
    assert saved["who"] == "Saudi Research and Media Group" and len(saved["says"]) == MAX_CHARS
    # By hand: "Wikipedia: Asharq Al-Awsat" 3 words, "Saudi Research and Media Group" 5, the x's 1.
    assert "Saved as you type: 9 words in the boxes." in w.status.value
    assert "05_search" not in w.status.value, "a student sees words, not the question's id"
    back = search_step("05_search_outlets")
    assert back.boxes["page"].value == "Wikipedia: Asharq Al-Awsat" and "Saved earlier" in back.status.value


def test_widgets_escape_what_students_type() -> None:
    w = search_step("05_search_leader")
    w.boxes["page"].value = "<script>alert(1)</script>"
    assert "<script>" not in w.status.value
    w2 = search_step("05_search_leader")
    assert w2.boxes["page"].value == "<script>alert(1)</script>"  # kept as typed, shown as text


def test_unknown_ids_fail_clearly() -> None:
    with pytest.raises(KeyError, match="headline set"):
        headline_judgement("99")
    with pytest.raises(KeyError, match="IMVAIN set"):
        imvain("1999")
    with pytest.raises(KeyError, match="search step"):
        search_step("05_nothing")


def test_a_failed_save_is_shown_not_swallowed(work_dir: Path) -> None:
    (work_dir / "student_work").write_text("a file where the folder should be", encoding="utf-8")
    w = search_step("05_search_confirmed")
    w.boxes["page"].value = "a page"
    assert "Not saved" in w.status.value
