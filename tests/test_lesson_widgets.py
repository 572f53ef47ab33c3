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
from mlkit.widgets.judgement import calibration, judged_right, verdict
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
    assert "Saved (05_search_outlets)" in w.status.value
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
