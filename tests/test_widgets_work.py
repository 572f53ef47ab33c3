"""The student's own work: your_article (paste/upload), my_work (table, download, upload), reflection."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from test_widgets_support import HOSTILE, assert_no_article_markup

from mlkit import store
from mlkit.widgets import confidence_poll, my_work, reflection, your_article
from mlkit.widgets.highlighter import Highlighter
from mlkit.widgets.uploads import html_to_text, upload_text


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))


def upload(widget, name: str, content: bytes) -> None:
    widget.value = (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime.now(dt.timezone.utc),
        },
    )


PAGE = b"""<!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style>
<script>alert('x')</script></head><body><h1>Minister &amp; mayor</h1>
<p>The mayor said the bridge <b>may</b> close.</p><p onclick="x()">Officials reportedly agreed.</p>
<img src=x onerror=alert(1)></body></html>"""


def test_html_to_text_keeps_words_drops_code() -> None:
    text = html_to_text(PAGE.decode())
    assert text == "Minister & mayor\n\nThe mayor said the bridge may close.\n\nOfficials reportedly agreed."


def test_upload_text_messages() -> None:
    assert upload_text("a.txt", "caf\u00e9 \u201cquote\u201d".encode()) == "caf\u00e9 \u201cquote\u201d"
    assert upload_text("a.html", PAGE).startswith("Minister & mayor")
    with pytest.raises(ValueError, match="not UTF-8"):
        upload_text("a.txt", b"\xff\xfe\x00bad")
    with pytest.raises(ValueError, match="not a text file"):
        upload_text("a.bin", b"abc\x00def")


def test_your_article_analyses_an_uploaded_page() -> None:
    w = your_article()
    upload(w.upload, "story.html", PAGE)
    assert w.paste.value.startswith("Minister & mayor")
    assert "Loaded story.html" in w.message.value
    w.analyse_button.click()
    assert w.result is not None and "reportedly" in w.result.text
    highlighter = w.output.children[0]
    assert isinstance(highlighter, Highlighter) and highlighter.text == w.result.text
    links = re.findall(r'download="([^"]+)" href="data:([^;]+);base64,([^"]+)"', w.message.value)
    assert [(name, mime) for name, mime, _ in links] == [
        ("my_article_report.html", "text/html"),
        ("my_article_report.txt", "text/plain"),
    ]
    report = base64.b64decode(links[0][2]).decode()
    assert report.startswith("<!DOCTYPE html>") and "Officials" in report
    assert store.saved("07_your_article", "article") == {"text": w.paste.value, "name": "story.html"}


def test_your_article_comes_back_analysed_after_a_restart() -> None:
    first = your_article()
    first.analyse("Officials reportedly said the bridge may close.")
    back = your_article()  # the lesson run again
    assert back.paste.value == "Officials reportedly said the bridge may close."
    assert back.result is not None and len(back.output.children) == 3
    assert "saved article is back" in back.saved_view.value


def test_a_new_text_not_yet_analysed_is_kept_and_never_shown_with_the_old_analysis() -> None:
    """QA walk-through: a new text pasted over an analysed one sat above the old analysis, and was lost
    on restart because only Analyse saved."""
    w = your_article()
    w.analyse("Officials reportedly said the bridge may close.")
    w.paste.value = "Police said the road is open."  # pasted, then the student clicked elsewhere
    assert w.result is None and w.output.children == () and w.output.layout.display == "none"
    assert "Press <strong>Analyse</strong>" in w.message.value and "Saved" in w.saved_view.value
    assert store.saved("07_your_article", "article")["text"] == "Police said the road is open."
    assert store.record("07_your_article")["first"]["value"]["text"].startswith("Officials")
    w.analyse()
    assert w.output.layout.display is None and len(w.output.children) == 3  # shown again
    attempts = store.record("07_your_article")["attempts"]
    back = your_article()  # restart: the new text comes back, analysed
    assert back.paste.value == "Police said the road is open." and len(back.output.children) == 3
    assert store.record("07_your_article")["attempts"] == attempts == 2  # restoring saved nothing new


def test_your_article_hostile_paste_and_bad_upload() -> None:
    w = your_article()
    w.analyse_button.click()
    assert "first" in w.message.value
    w.analyse(HOSTILE)
    highlighter, findings, explorer = w.output.children
    for markup in (findings.value, explorer.table.value):
        assert_no_article_markup(markup)
    assert highlighter.text == HOSTILE
    report = base64.b64decode(re.search(r"text/html;base64,([^\"]+)", w.message.value).group(1)).decode()
    assert_no_article_markup(report)
    upload(w.upload, "x.txt", b"\xff\xfe\xfa")
    assert "not UTF-8" in w.message.value and w.paste.value == HOSTILE  # the pasted text is kept


def test_my_work_names_marks_and_a_check_made_before_the_marks_changed() -> None:
    """QA walk-through: 'marked 5 words' counted marks, and a saved check read '(not checked yet)'."""
    check = {"score": [5, 8], "found": [], "missed": []}
    value = {
        "text_id": "t",
        "marks": [[0, 4, "named"], [9, 20, "unnamed"]],
        "checked": True,
        "last_check": check,
    }
    store.save_answer("03_src", value, kind="marks")
    w = my_work()
    assert w.rows[0][1] == "2 marks; found 5 of 8"
    store.save_answer("03_src", {**value, "checked": False}, kind="marks")  # Change my marks
    assert w.rows[0][1] == "2 marks; last check: found 5 of 8 (changed since)"


def test_my_work_counts_lists_and_downloads_what_is_saved_at_the_click() -> None:
    store.save_answer("02_q", "<b>reportedly</b>")
    w = my_work()
    assert w.count == 1 and w.rows[0][:2] == ["Lesson 02: Q", "<b>reportedly</b>"]  # data; shown as text
    store.save_answer("spot_the_hedges", {"text_id": "t", "marks": [[0, 5, "hedge"]]}, kind="marks")
    assert w.count == 2 and w.rows[1][1] == "1 mark (not checked yet)"  # heard the save
    reply, _ = w.download({}, [])
    assert (
        reply["count"] == 2
        and json.loads(reply["content"])["answers"]["02_q"]["value"] == "<b>reportedly</b>"
    )
    # an answer saved by another kernel (another lesson open) is in the download too
    path = store.answers_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["03_other_lesson"] = {"value": "from lesson 03"}
    path.write_text(json.dumps(data), encoding="utf-8")
    reply, _ = w.download({}, [])
    assert "03_other_lesson" in json.loads(reply["content"])["answers"]


def test_my_work_loads_a_downloaded_file_back_and_refuses_junk() -> None:
    store.save_answer("02_q", "b")
    downloaded = store.document_bytes()
    store.answers_path().unlink()  # a new Binder session: the file is gone
    fresh = my_work()
    assert fresh.count == 0
    reply, _ = fresh.load({"name": "answers.json"}, [downloaded])
    assert "Loaded 1 answer from answers.json" in reply["message"] and fresh.count == 1
    reply, _ = fresh.load({"name": "<b>junk</b>.json"}, [b"not json"])
    assert "was not loaded" in reply["message"] and "not an answers file" in reply["message"]
    assert store.load_answers() == {"02_q": "b"}


def test_answers_of_any_shape_never_break_my_work_or_the_reflection() -> None:
    odd = {
        "format": "mlkit-answers",
        "answers": {
            "spot": {"value": {"last_check": {"score": "x"}, "marks": 5}},  # no kind: shown, never unpacked
            "list": {"value": {"ticked": 3}},
            "00_headline_confidence": {"value": {"value": "five"}},
            "deep": {"value": [[[[[["x"]]]]]]},
            "marks_bad": {"value": {"text_id": 1, "marks": "abc"}, "kind": "marks"},  # fails its schema
        },
    }
    report = my_work().load({"name": "odd.json"}, [json.dumps(odd).encode()])[0]
    assert "Loaded 4 answers" in report["message"] and "marks_bad" in report["message"]
    w = my_work()
    assert w.count == 4 and any('"last_check"' in row[1] for row in w.rows)
    assert "no saved answer from lesson 0." in reflection().children[1].value


def test_my_work_names_questions_in_words_and_the_file_where_a_student_finds_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mlkit.lessons import question_args

    store.save_answer("00_first_impression", "He is dead", kind="text")
    store.save_answer("07_checklist", {"ticked": ["a"], "total": 3}, kind="checklist")
    store.save_answer("zz custom", {"score": 3, "note": "ok"})
    rows = {r[0]: r[1] for r in my_work().rows}
    prompt = question_args("00_first_impression")["prompt"]
    assert rows[f"Lesson 00: {prompt}"] == "He is dead"
    assert rows["Lesson 07: Checklist"] == "ticked 1 of 3"
    assert rows["Zz custom"] == "note: ok; score: 3"
    monkeypatch.chdir(store.work_dir())
    assert my_work().where == "student_work/answers.json"


def test_my_work_compact_and_the_heartbeat_that_keeps_the_lesson_on_screen_alive() -> None:
    bar = my_work(compact=True)
    assert bar.compact and not my_work().compact
    bar._on_message(bar, {"kind": "heartbeat"}, [])
    bar._on_message(bar, {"kind": "something else"}, [])
    assert bar.heartbeats == 1
    js = (Path(__file__).parent.parent / "mlkit" / "widgets" / "static" / "my_work.js").read_text()
    assert (
        'model.send({ kind: "heartbeat" })' in js and "visibilityState" in js and "clearInterval(beat)" in js
    )


def test_my_work_saves_the_student_name_for_the_file_name() -> None:
    w = my_work()
    w.student = "  Ana   María "
    assert store.load_answers()["student_name"] == "Ana María"
    assert my_work().student == "Ana María"


def test_download_holds_the_name_in_the_box_at_the_click() -> None:
    """QA pass 2: a file named after the box held the old name (or none) when the box's change reached
    the kernel after the Download request; the request now carries the name."""
    w = my_work()
    w.student = "Xu"
    reply, _ = w.download({"student": "Wanda Fresh"}, [])
    assert json.loads(reply["content"])["answers"]["student_name"]["value"] == "Wanda Fresh"
    first = my_work()
    reply, _ = first.download({"student": ""}, [])  # a box emptied before the click: no name
    assert json.loads(reply["content"])["answers"]["student_name"]["value"] == ""


def test_my_work_shows_a_corrupt_file_notice_once() -> None:
    path = store.answers_path()
    path.parent.mkdir(parents=True)
    path.write_text("{broken", encoding="utf-8")
    w = my_work()
    assert "could not be read" in w.notices and "answers.corrupt-" in w.notices
    assert my_work().notices == ""


def test_reflection_compares_with_lesson_00_and_comes_back() -> None:
    first = reflection()
    assert "no saved answer from lesson 0." in first.children[1].value
    start = confidence_poll("00_headline_confidence", "How sure?")
    start.choice.value = 5
    start.save_button.click()
    r = reflection()
    assert "completely sure" in r.children[1].value
    r.poll.choice.value = 2
    r.poll.save_button.click()
    assert "Start: 5 of 5 → now: 2 of 5" in r.comparison.value
    assert "less sure" in r.comparison.value
    assert store.load_answers()["08_headline_confidence"] == 2
    assert "Start: 5 of 5 → now: 2 of 5" in reflection().comparison.value


def test_class_summary_reads_what_spot_the_hedges_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_widgets_support import small_result

    from mlkit import classroom
    from mlkit.widgets import spot_the_hedges

    picks = {"ana": ["reportedly"], "ben": ["reportedly", "about", "30"]}
    for student, words in picks.items():
        monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path / student))
        w = spot_the_hedges(small_result())
        text = w.result.text
        w.set_picked([(text.index(p), text.index(p) + len(p), "hedge") for p in words])
        w.check()
    summary = classroom.summarize(tmp_path)
    assert summary["students"] == 2
    assert summary["hedges"] == {
        "reportedly": {"found": 2, "missed": 0},
        "about 30": {"found": 1, "missed": 1},
    }
    assert summary["questions"]["spot_the_hedges"]["answers"] == {"score 1/2": 1, "score 2/2": 1}
