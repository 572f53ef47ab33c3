"""Students' answers on disk: one JSON file per student, never lost, whatever else is running.

Binder sessions end without warning, so every widget saves on every change. The file lives in
``student_work/answers.json`` under the notebook's working directory (``MLKIT_WORK_DIR`` overrides).
A student often has two lessons open, each with its own kernel, so every save is a read-modify-write
under an exclusive lock on ``student_work/.answers.lock``, written atomically (temporary file, then
``os.replace``): no save can overwrite another's answer, and a kill mid-save leaves the old file whole.
Reading never raises: a damaged file or record is set aside with a plain notice (``pop_notices``), and
every good answer is kept (see ``mlkit.answers``).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mlkit import answers as _answers
from mlkit.answers import FORMAT, FORMAT_VERSION, Parsed  # noqa: F401  (re-exported for readers)

MAX_UPLOAD_BYTES = 5_000_000

_notices: list[str] = []
_listeners: list[weakref.ReferenceType[Any]] = []
_cache: dict[Path, tuple[tuple[int, int, int], Parsed]] = {}
_reported: set[tuple[Path, tuple[int, int, int]]] = set()


def work_dir() -> Path:
    """The student's folder: ``MLKIT_WORK_DIR`` if set, else the current working directory."""
    return Path(os.environ.get("MLKIT_WORK_DIR") or os.getcwd())


def answers_path() -> Path:
    """Where the answers file lives: ``<work dir>/student_work/answers.json``."""
    return work_dir() / "student_work" / "answers.json"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- notices and listeners -------------------------------------------------------------------------


def _notice(text: str) -> None:
    if text not in _notices:
        _notices.append(text)


def pop_notices() -> list[str]:
    """Notices not yet shown to the student (each is shown once, then forgotten)."""
    out = list(_notices)
    _notices.clear()
    return out


def on_change(callback: Callable[[dict[str, dict[str, Any]]], Any]) -> None:
    """Call ``callback(answers)`` after every save in this kernel. Bound methods are held weakly, so a
    widget that is gone stops listening by itself."""
    ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else weakref.ref(callback)
    _listeners.append(ref)


def _changed(records: dict[str, dict[str, Any]]) -> None:
    alive = []
    for ref in _listeners:
        callback = ref()
        if callback is not None:
            alive.append(ref)
            with contextlib.suppress(Exception):  # a broken view must never stop a save
                callback(records)
    _listeners[:] = alive


# --- the file --------------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """An exclusive lock across processes (every kernel of this student) for one read-modify-write."""
    folder = answers_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / ".answers.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _set_aside(path: Path, content: bytes, why: str, whole: bool) -> None:
    """Keep a copy of what could not be read next to the file, and tell the student once."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    backup = path.with_name(f"answers.corrupt-{stamp}.json")
    try:
        backup.write_bytes(content)
        kept = f"A copy of the file as it was is kept as {backup.name} in {path.parent}. "
    except OSError as exc:
        kept = f"No copy could be kept ({exc.strerror or exc}); the file was left as it is. "
    what = "Your answers file could not be read" if whole else "Some answers in your file could not be read"
    _notice(f"{what} ({why}). {kept}Ask your teacher if you need them.")


def _read(path: Path, fresh: bool = False) -> Parsed:
    """The file's good records; problems are noticed once per version of the file.

    Cached while the file's (mtime, size, inode) stay the same, which is enough for showing answers;
    a read-modify-write passes ``fresh`` (file times are coarse, inodes are reused: never trust the
    cache for what is about to be written back)."""
    sig = _signature(path)
    if sig is None:
        return Parsed()
    cached = _cache.get(path)
    if cached and cached[0] == sig and not fresh:
        return cached[1]
    try:
        content = path.read_bytes()
    except OSError as exc:
        _notice(f"Your answers file could not be opened ({exc.strerror or exc}).")
        return Parsed(readable=False)
    parsed = _answers.parse(content)
    if parsed.problems and (path, sig) not in _reported:
        _reported.add((path, sig))
        _set_aside(path, content, "; ".join(parsed.problems[:5]), whole=not parsed.readable)
    _cache[path] = (sig, parsed)
    return parsed


def _write(records: dict[str, dict[str, Any]]) -> Path:
    """Write atomically: a temporary file in the same folder, then ``os.replace`` over the old one."""
    path = answers_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = _answers.dump(records)
    fd, tmp = tempfile.mkstemp(prefix=".answers-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def load_file() -> dict[str, Any]:
    """The whole answers document ({"format", "version", "answers": {id: record}}), good records only."""
    return {**_answers.empty(), "answers": dict(_read(answers_path()).answers)}


def load_answers() -> dict[str, Any]:
    """Every saved answer as ``{question_id: value}`` ({} when nothing is saved yet)."""
    return {qid: rec["value"] for qid, rec in _read(answers_path()).answers.items()}


def saved(question_id: str, kind: str = "record") -> Any:
    """The saved answer to one question if it fits ``kind``; else None (and a notice saying so)."""
    try:
        record = _read(answers_path()).answers.get(question_id)
    except OSError:
        return None
    if record is None:
        return None
    why = _answers.check_value(record["value"], kind)
    if why:
        _notice(f"Your saved answer to {question_id!r} could not be used: it {why}. Answer it again.")
        return None
    return record["value"]


def record(question_id: str) -> dict[str, Any] | None:
    """The whole saved record of one question (value, kind, first attempt, attempts), or None."""
    return _read(answers_path()).answers.get(question_id)


def save_answer(question_id: str, value: Any, kind: str = "record", attempt: bool = True) -> Path:
    """Save one answer under ``question_id``, keeping every other answer and this question's first try.

    ``attempt=False`` saves a draft (words typed but not yet handed in with Save): it is kept, restored
    and downloaded like any answer, but it is not an attempt, so the first attempt stays what the student
    first handed in, never half a sentence saved when they clicked elsewhere.

    Raises ValueError for a value that does not fit ``kind`` and TypeError for one JSON cannot hold,
    before the file is touched; OSError when the folder cannot be written (the caller tells the student).
    """
    if not isinstance(question_id, str) or not question_id or len(question_id) > _answers.MAX_QUESTION_ID:
        raise ValueError("question_id must be a non-empty string of at most 200 characters")
    json.dumps(value)  # TypeError here, before touching the file, if JSON cannot hold the value
    why = _answers.check_value(value, kind)
    if why:
        raise ValueError(f"the answer to {question_id!r} {why}")
    now = _now()
    with _locked():
        path = answers_path()
        records = dict(_read(path, fresh=True).answers)
        old = records.get(question_id) or {}
        tried = old.get("attempts", 1 if old else 0)  # files without a count: every save was an attempt
        first = old.get("first")
        if first is None and old and tried:
            first = {"value": old["value"], "saved_at": old.get("saved_at", "")}
        if first is None and attempt:
            first = {"value": value, "saved_at": now}
        records[question_id] = {"value": value, "saved_at": now, "kind": kind, "attempts": tried + attempt}
        if first is not None:
            records[question_id]["first"] = first
        _write(records)
    _changed(records)
    return path


@dataclass
class UploadReport:
    """What loading a downloaded file did: how many answers came in, and what was left out and why."""

    loaded: int
    problems: list[str] = field(default_factory=list)


def merge_upload(content: bytes) -> UploadReport:
    """Load a downloaded answers file back. Per question the later save wins and the earlier first
    attempt is kept, so loading an old file never replaces newer work. ValueError if it is not one."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValueError(f"That file is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB: not an answers file.")
    incoming = _answers.parse(bytes(content))
    if not incoming.readable:
        raise ValueError(f"That file is not an answers file: {incoming.problems[0]}.")
    with _locked():
        records = _answers.merge(_read(answers_path(), fresh=True).answers, incoming.answers)
        _write(records)
    _changed(records)
    return UploadReport(len(incoming.answers), incoming.problems)


def document_bytes() -> bytes:
    """The answers file as it stands now, for a download: every good answer, freshly read."""
    return _answers.dump(dict(_read(answers_path(), fresh=True).answers))
