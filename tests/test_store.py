"""Student work is never lost: atomic saves, reloads, corrupt files set aside, download and upload."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from mlkit import store


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))
    return tmp_path


def test_path_follows_env_then_cwd(work: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    assert store.answers_path() == work / "student_work" / "answers.json"
    other = tmp_path_factory.mktemp("cwd")
    monkeypatch.delenv("MLKIT_WORK_DIR")
    monkeypatch.chdir(other)
    assert store.answers_path() == other / "student_work" / "answers.json"


def test_save_then_load_keeps_every_answer(work: Path) -> None:
    assert store.load_answers() == {}
    store.save_answer("02_q1", "b")
    store.save_answer("02_spot", {"found": ["reportedly"], "score": [1, 3]})
    store.save_answer("02_q1", "c")  # a second try replaces the first
    assert store.load_answers() == {"02_q1": "c", "02_spot": {"found": ["reportedly"], "score": [1, 3]}}
    on_disk = json.loads((work / "student_work" / "answers.json").read_text(encoding="utf-8"))
    assert on_disk["format"] == "mlkit-answers"
    assert on_disk["answers"]["02_q1"]["saved_at"].endswith("+00:00")
    assert [p.name for p in (work / "student_work").iterdir()] == ["answers.json"]  # no temp files left


def test_unsaveable_value_does_not_touch_the_file(work: Path) -> None:
    store.save_answer("a", 1)
    with pytest.raises(TypeError):
        store.save_answer("b", object())
    assert store.load_answers() == {"a": 1}


def test_corrupt_file_is_backed_up_with_a_message(work: Path) -> None:
    path = work / "student_work" / "answers.json"
    path.parent.mkdir()
    path.write_text('{"answers": {"x": ', encoding="utf-8")
    with pytest.warns(UserWarning, match="could not be read"):
        assert store.load_answers() == {}
    backups = list(path.parent.glob("answers.corrupt-*.json"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == '{"answers": {"x": '
    assert backups[0].name in store.last_notice
    store.save_answer("new", "fresh start")  # no second warning, no second backup
    assert store.load_answers() == {"new": "fresh start"}
    assert len(list(path.parent.glob("answers.corrupt-*.json"))) == 1


def test_wrong_shape_json_is_also_set_aside(work: Path) -> None:
    path = work / "student_work" / "answers.json"
    path.parent.mkdir()
    path.write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.warns(UserWarning, match="not an mlkit answers file"):
        assert store.load_answers() == {}
    assert len(list(path.parent.glob("answers.corrupt-*.json"))) == 1


def test_download_link_holds_the_whole_file(work: Path) -> None:
    store.save_answer("07_notes", "<script>alert(1)</script> ✓")
    link = store.download_link_html()
    assert 'download="answers.json"' in link
    b64 = re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1)
    data = json.loads(base64.b64decode(b64).decode("utf-8"))
    assert data["answers"]["07_notes"]["value"] == "<script>alert(1)</script> ✓"
    assert "<script" not in link  # the answer is inside base64, never markup


def test_upload_merges_back(work: Path) -> None:
    store.save_answer("keep", 1)
    store.save_answer("q", "old")
    upload = {"format": "mlkit-answers", "version": 1, "answers": {"q": {"value": "new", "saved_at": "x"}}}
    assert store.merge_upload(json.dumps(upload).encode()) == 1
    assert store.load_answers() == {"keep": 1, "q": "new"}
    with pytest.raises(ValueError, match="not an"):
        store.merge_upload(b"\xff\xfe not json")
    with pytest.raises(ValueError, match="not an mlkit answers file"):
        store.merge_upload(b'{"something": "else"}')
    assert store.load_answers() == {"keep": 1, "q": "new"}


def test_bad_question_id_is_refused() -> None:
    with pytest.raises(ValueError):
        store.save_answer("", 1)


def test_any_str_answer_saves_and_downloads(work: Path) -> None:
    odd = "\ud800 lone surrogate, قال, 🚀"
    store.save_answer("odd", odd)
    store.save_answer("plain", "café")
    assert store.load_answers() == {"odd": odd, "plain": "café"}
    b64 = re.search(r"base64,([A-Za-z0-9+/=]+)", store.download_link_html()).group(1)
    assert json.loads(base64.b64decode(b64))["answers"]["odd"]["value"] == odd


def test_answers_file_stays_readable_utf8(work: Path) -> None:
    store.save_answer("ar", "قال المتحدث")
    assert "قال المتحدث" in store.answers_path().read_text(encoding="utf-8")
