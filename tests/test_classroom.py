"""The class summary reads whatever students hand in: bad files and records are named, never fatal, and
answers are counted by first attempt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlkit import classroom, store


def hand_in(path: Path, records: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"format": "mlkit-answers", "version": 2, "answers": records}), encoding="utf-8"
    )


def test_first_attempts_are_counted_not_answers_given_after_the_reveal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for student, tries in {"ana": ["b", "c"], "ben": ["c"], "cy": ["a", "b", "c"]}.items():
        monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path / student))
        for choice in tries:
            store.save_answer("02_q", choice, kind="choice")
    summary = classroom.summarize(tmp_path)
    assert summary["students"] == 3
    assert summary["questions"]["02_q"]["answers"] == {"b": 1, "c": 1, "a": 1}
    assert summary["questions"]["02_q"]["final"] == {"c": 3}


def test_spot_the_hedges_is_tallied_from_the_first_check(tmp_path: Path) -> None:
    value = {
        "text_id": "t",
        "target": "hedge",
        "marks": [[0, 10, "hedge"]],
        "checked": True,
        "first_check": {"score": [1, 2], "found": ["reportedly"], "missed": ["about 30"], "extra": []},
        "last_check": {"score": [2, 2], "found": ["reportedly", "about 30"], "missed": [], "extra": []},
    }
    hand_in(tmp_path / "ana.json", {"02_spot": {"value": value, "kind": "marks"}})
    # a who-is-the-source answer also has found/missed, but of sources: not tallied as hedges
    sources = dict(value, target="source", first_check={"found": ["activists"], "missed": []})
    hand_in(tmp_path / "ben.json", {"03_src": {"value": sources, "kind": "marks"}})
    summary = classroom.summarize(tmp_path)
    assert summary["hedges"] == {
        "reportedly": {"found": 1, "missed": 0},
        "about 30": {"found": 0, "missed": 1},
    }
    assert summary["questions"]["02_spot"]["answers"] == {"score 1/2": 1}
    assert summary["questions"]["02_spot"]["final"] == {"score 2/2": 1}  # the latest check, not raw JSON


def test_a_hedge_printed_twice_is_counted_per_place(tmp_path: Path) -> None:
    """QA passes 1 and 2: counted once per student, a student who found one 'apparently' of two showed as
    both finding and missing it, or as nobody finding it; now each place in the text counts."""
    first = {"score": [2, 3], "found": ["apparently", "reportedly"], "missed": ["Apparently"], "extra": []}
    value = {"text_id": "t", "target": "hedge", "marks": [], "checked": False, "first_check": first}
    hand_in(tmp_path / "ana.json", {"02_spot": {"value": value, "kind": "marks"}})
    summary = classroom.summarize(tmp_path)
    assert summary["hedges"] == {
        "apparently": {"found": 1, "missed": 1},
        "reportedly": {"found": 1, "missed": 0},
    }
    assert summary["questions"]["02_spot"]["final"] == {"not checked": 1}


def test_one_malformed_hand_in_never_hides_the_class(tmp_path: Path) -> None:
    hand_in(tmp_path / "good.json", {"q": {"value": "b"}})
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "digits.json").write_text(
        '{"answers": {"q": {"value": ' + "9" * 5000 + '}, "r": {"value": "kept"}}}', encoding="utf-8"
    )
    hand_in(tmp_path / "types.json", {"q": "not a record", "spot": {"value": {"found": "reportedly"}}})
    (tmp_path / "huge.json").write_bytes(b" " * (classroom.MAX_FILE_BYTES + 1))
    (tmp_path / "notepad.json").write_bytes(
        "\ufeff".encode() + json.dumps({"answers": {"q": {"value": "b"}}}).encode()
    )
    summary = classroom.summarize(tmp_path)
    assert sorted(Path(p).name for p in summary["unreadable"]) == ["deep.json", "huge.json"]
    assert summary["students"] == 4  # good, digits (one bad record), types (all records bad), notepad
    assert summary["questions"]["q"]["answers"] == {"b": 2}
    assert summary["questions"]["r"]["answers"] == {"kept": 1}
    named = {Path(p).name: " ".join(why) for p, why in summary["problems"].items()}
    assert "nested too deeply" in named["deep.json"]
    assert "'q'" in named["digits.json"] and "too long" in named["digits.json"]
    assert "'q'" in named["types.json"]
    # a string where a list belongs is never tallied letter by letter
    assert summary["hedges"] == {}
    assert "notepad.json" not in named


def test_two_files_of_one_student_count_once_merged_as_a_load_would(tmp_path: Path) -> None:
    day1, day2 = "2026-01-01T09:00:00+00:00", "2026-01-02T09:00:00+00:00"
    partial = {
        "student_name": {"value": "Ana  Diaz"},
        "q": {"value": "b", "saved_at": day1, "first": {"value": "a", "saved_at": day1}},
    }
    full = {
        "student_name": {"value": "ana diaz"},
        "q": {"value": "c", "saved_at": day2, "first": {"value": "c", "saved_at": day2}},
        "r": {"value": "x"},
    }
    hand_in(tmp_path / "ana-1.json", partial)
    hand_in(tmp_path / "ana-2.json", full)
    hand_in(tmp_path / "ben.json", {"q": {"value": "b"}})
    summary = classroom.summarize(tmp_path)
    assert summary["students"] == 2
    assert [sorted(Path(p).name for p in group) for group in summary["same_student"]] == [
        ["ana-1.json", "ana-2.json"]
    ]
    assert summary["questions"]["q"]["answers"] == {"a": 1, "b": 1}  # Ana's earliest first attempt, and Ben's
    assert summary["questions"]["q"]["final"] == {"c": 1, "b": 1}  # Ana's later save wins
    assert summary["questions"]["r"]["answered"] == 1


def test_names_are_not_tallied_and_notes_read_as_words(tmp_path: Path) -> None:
    """QA pass 2: the summary listed students' names as a question, and search notes as raw JSON."""
    notes = {"page": "about the paper", "who": "Saudi owners", "says": "a report"}
    hand_in(tmp_path / "ana.json", {"student_name": {"value": "Ana"}, "05_search_outlets": {"value": notes}})
    summary = classroom.summarize(tmp_path)
    assert "student_name" not in summary["questions"]
    assert summary["questions"]["05_search_outlets"]["answers"] == {
        "page: about the paper; who: Saudi owners; says: a report": 1
    }
