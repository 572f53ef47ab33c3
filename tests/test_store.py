"""Student work is never lost: atomic, locked saves; damaged files and records set aside, named, and
never fatal; first attempts kept; uploads that never replace newer work."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from mlkit import answers, store


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))
    store.pop_notices()
    return tmp_path


def answers_file(work: Path) -> Path:
    return work / "student_work" / "answers.json"


def write_raw(work: Path, content: bytes) -> Path:
    path = answers_file(work)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


def doc(**records: object) -> bytes:
    return json.dumps({"format": "mlkit-answers", "version": 2, "answers": records}).encode()


def test_path_follows_env_then_cwd(work: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    assert store.answers_path() == work / "student_work" / "answers.json"
    other = tmp_path_factory.mktemp("cwd")
    monkeypatch.delenv("MLKIT_WORK_DIR")
    monkeypatch.chdir(other)
    assert store.answers_path() == other / "student_work" / "answers.json"


def test_save_then_load_keeps_every_answer(work: Path) -> None:
    assert store.load_answers() == {}
    store.save_answer("02_q1", "b", kind="choice")
    store.save_answer("02_spot", {"text_id": "abc", "marks": [[0, 4, "hedge"]]}, kind="marks")
    store.save_answer("02_q1", "c", kind="choice")  # a second try replaces the value...
    assert store.load_answers() == {"02_q1": "c", "02_spot": {"text_id": "abc", "marks": [[0, 4, "hedge"]]}}
    on_disk = json.loads(answers_file(work).read_text(encoding="utf-8"))
    assert on_disk["format"] == "mlkit-answers" and on_disk["version"] == 2
    record = on_disk["answers"]["02_q1"]
    assert record["first"]["value"] == "b" and record["attempts"] == 2  # ...but the first try is kept
    assert record["kind"] == "choice" and record["saved_at"].endswith("+00:00")
    left = sorted(p.name for p in answers_file(work).parent.iterdir())
    assert left == [".answers.lock", "answers.json"]  # no temporary files left behind


def test_value_that_does_not_fit_its_kind_or_json_is_refused_before_the_file_is_touched(work: Path) -> None:
    store.save_answer("a", 1)
    with pytest.raises(TypeError):
        store.save_answer("b", object())
    with pytest.raises(ValueError, match="not a poll answer"):
        store.save_answer("c", 7, kind="poll")
    with pytest.raises(ValueError):
        store.save_answer("", 1)
    assert store.load_answers() == {"a": 1}


def _save_many(work_dir: str, prefix: str, n: int, start: multiprocessing.synchronize.Event) -> None:
    os.environ["MLKIT_WORK_DIR"] = work_dir
    start.wait()
    for i in range(n):
        store.save_answer(f"{prefix}-{i}", i)


def test_several_kernels_saving_at_once_lose_nothing(work: Path) -> None:
    """Four processes (a student with four lessons open) save 60 answers each, all at the same time."""
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_save_many, args=(str(work), f"p{k}", 60, start)) for k in range(4)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    saved = store.load_answers()
    assert len(saved) == 240
    assert all(saved[f"p{k}-{i}"] == i for k in range(4) for i in range(60))


def test_corrupt_file_is_kept_aside_and_the_notice_is_given_once(work: Path) -> None:
    path = write_raw(work, b'{"answers": {"x": ')
    assert store.load_answers() == {}
    backups = list(path.parent.glob("answers.corrupt-*.json"))
    assert len(backups) == 1 and backups[0].read_bytes() == b'{"answers": {"x": '
    notices = store.pop_notices()
    assert len(notices) == 1 and "could not be read" in notices[0] and backups[0].name in notices[0]
    store.save_answer("new", "fresh start")
    store.save_answer("newer", "and again")
    assert store.pop_notices() == []  # not repeated on every later save
    assert store.load_answers() == {"new": "fresh start", "newer": "and again"}
    assert len(list(path.parent.glob("answers.corrupt-*.json"))) == 1


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"[1, 2, 3]", "not an mlkit answers file"),
        (b"\xff\xfe not json", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_files_never_raise(work: Path, content: bytes, why: str) -> None:
    write_raw(work, content)
    assert store.load_answers() == {}
    assert why in store.pop_notices()[0]


def test_notepad_byte_order_mark_is_read(work: Path) -> None:
    write_raw(work, "\ufeff".encode() + doc(q={"value": "b", "saved_at": "2026-01-01T00:00:00+00:00"}))
    assert store.load_answers() == {"q": "b"}
    assert store.pop_notices() == []
    assert not list(answers_file(work).parent.glob("answers.corrupt-*"))


def test_bad_records_are_skipped_and_named_and_good_ones_kept(work: Path) -> None:
    huge = b"1" * 5000
    deep = b"[" * 200 + b"]" * 200
    raw = b"".join(
        [
            b'{"format": "mlkit-answers", "answers": {"good": {"value": "yes"}, ',
            b'"long_number": {"value": ' + huge + b"}, ",
            b'"not_a_record": "oops", "nan": {"value": NaN}, ',
            b'"deep": {"value": ' + deep + b"}, ",
            b'"wrong_kind": {"value": "abc", "kind": "checklist"}}}',
        ]
    )
    write_raw(work, raw)
    assert store.load_answers() == {"good": "yes"}
    notice = store.pop_notices()[0]
    for name in ("long_number", "not_a_record", "nan", "deep", "wrong_kind"):
        assert name in notice
    assert list(answers_file(work).parent.glob("answers.corrupt-*"))[0].read_bytes() == raw  # nothing lost


def test_saved_checks_the_shape_a_widget_expects(work: Path) -> None:
    store.save_answer("07_checklist", "a string where a list belongs")
    assert store.saved("07_checklist", "checklist") is None
    assert "07_checklist" in store.pop_notices()[0]
    store.save_answer("07_checklist", {"ticked": ["a"], "total": 2}, kind="checklist")
    assert store.saved("07_checklist", "checklist") == {"ticked": ["a"], "total": 2}


def test_read_only_folder_with_a_corrupt_file_does_not_raise(work: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions; the OSError path is tested with a mock below")
    path = write_raw(work, b"{broken")
    path.parent.chmod(0o500)
    try:
        assert store.load_answers() == {}
        assert "No copy could be kept" in store.pop_notices()[0]
        with pytest.raises(OSError):
            store.save_answer("q", 1)
    finally:
        path.parent.chmod(0o700)


def test_failed_backup_is_reported_not_raised(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_raw(work, b"{broken")

    def refuse(self: Path, data: bytes) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_bytes", refuse)
    assert store.load_answers() == {}
    notice = store.pop_notices()[0]
    assert "No copy could be kept (Permission denied)" in notice
    assert answers_file(work).read_bytes() == b"{broken"  # left as it was


def test_upload_merges_back_without_replacing_newer_work(work: Path) -> None:
    store.save_answer("keep", 1)
    store.save_answer("q", "current")
    upload = doc(
        q={"value": "older", "saved_at": "2000-01-01T00:00:00+00:00"},
        new={"value": "from file", "saved_at": "2000-01-01T00:00:00+00:00"},
        bad={"no": "value"},
    )
    report = store.merge_upload(upload)
    assert report.loaded == 2 and "'bad'" in report.problems[0]
    assert store.load_answers() == {"keep": 1, "q": "current", "new": "from file"}
    newer = doc(q={"value": "newest", "saved_at": "2999-01-01T00:00:00+00:00"})
    store.merge_upload("\ufeff".encode() + newer)  # a BOM is fine here too
    assert store.load_answers()["q"] == "newest"
    assert store.record("q")["first"]["value"] == "current"  # the first attempt survives


@pytest.mark.parametrize("content", [b"\xff\xfe not json", b'{"something": "else"}', b"x" * 6_000_000])
def test_upload_of_something_else_is_refused_with_a_reason(work: Path, content: bytes) -> None:
    store.save_answer("keep", 1)
    with pytest.raises(ValueError, match="not an answers file"):
        store.merge_upload(content)
    assert store.load_answers() == {"keep": 1}


def test_document_bytes_is_the_current_file(work: Path) -> None:
    store.save_answer("07_notes", "<script>alert(1)</script> ✓")
    data = json.loads(store.document_bytes())
    assert data["answers"]["07_notes"]["value"] == "<script>alert(1)</script> ✓"
    store.save_answer("later", "x")
    assert "later" in json.loads(store.document_bytes())["answers"]


def test_any_str_answer_saves_and_reads_back(work: Path) -> None:
    odd = "\ud800 lone surrogate, قال, 🚀"
    store.save_answer("odd", odd)
    store.save_answer("plain", "café")
    assert store.load_answers() == {"odd": odd, "plain": "café"}
    assert json.loads(store.document_bytes())["answers"]["odd"]["value"] == odd


def test_answers_file_stays_readable_utf8(work: Path) -> None:
    store.save_answer("ar", "قال المتحدث")
    assert "قال المتحدث" in answers_file(work).read_text(encoding="utf-8")


def test_listeners_hear_every_save_and_are_dropped_with_their_widget(work: Path) -> None:
    heard: list[int] = []

    class View:
        def changed(self, records: dict) -> None:
            heard.append(len(records))

    view = View()
    store.on_change(view.changed)
    store.save_answer("a", 1)
    store.save_answer("b", 2)
    assert heard == [1, 2]
    del view
    store.save_answer("c", 3)
    assert heard == [1, 2]


GOOD_AND_BAD = {
    "choice": ("yes", ["yes"]),
    "text": ("I think so", 5),
    "poll": (3, 6),
    "checklist": ({"ticked": ["Who?"], "total": 3}, {"ticked": "Who?"}),
    "marks": (
        {"text_id": "ab", "marks": [[1, 5, "hedge"]], "checked": True},
        {"text_id": "ab", "marks": [[1]]},
    ),
    "article": ({"text": "A report."}, {"text": 12}),
    "record": ({"anything": [1, "two"]}, object()),
}


def test_every_kind_in_the_data_file_accepts_its_shape_and_refuses_another() -> None:
    assert set(answers.kinds()) == set(GOOD_AND_BAD), "add an example for each kind"
    for kind, (good, bad) in GOOD_AND_BAD.items():
        assert answers.check_value(good, kind) is None, kind
        assert answers.check_value(bad, kind) is not None, kind


def test_a_cut_short_file_is_named_in_plain_words(work: Path) -> None:
    write_raw(work, b'{"format": "mlkit-answers", "answers": {"q": {"value": "b"')
    assert store.load_answers() == {}
    notice = store.pop_notices()[0]
    assert "it is cut short or was edited" in notice and "JSONDecodeError" not in notice


def test_a_draft_is_kept_but_is_not_an_attempt(work: Path) -> None:
    """Words typed and left (saved when the student clicks elsewhere) are kept and downloaded, but the
    first attempt is what the student first handed in with Save, not a half sentence."""
    store.save_answer("q", "half a sen", kind="text", attempt=False)
    record = store.record("q")
    assert record["value"] == "half a sen" and record["attempts"] == 0 and "first" not in record
    assert json.loads(store.document_bytes())["answers"]["q"]["value"] == "half a sen"
    store.save_answer("q", "a whole answer", kind="text")
    store.save_answer("q", "a whole answer, improved", kind="text", attempt=False)
    record = store.record("q")
    assert record["first"]["value"] == "a whole answer"
    assert record["value"] == "a whole answer, improved" and record["attempts"] == 1
    store.save_answer("q", "handed in again", kind="text")
    assert store.record("q")["attempts"] == 2 and store.record("q")["first"]["value"] == "a whole answer"


def test_a_file_with_no_attempt_count_keeps_its_first_answer_under_a_draft(work: Path) -> None:
    """Files saved before drafts existed counted every save as an attempt: their answer stays first."""
    write_raw(work, doc(q={"value": "old", "saved_at": "x"}))
    store.save_answer("q", "draft", kind="text", attempt=False)
    assert store.record("q")["first"]["value"] == "old" and store.record("q")["attempts"] == 1
