"""Students' answers on disk: one JSON file per student, written atomically, never lost silently.

Binder sessions end without warning, so every widget saves on every check; the file lives in
``student_work/answers.json`` under the notebook's working directory (``MLKIT_WORK_DIR`` overrides),
and can be downloaded with one click and uploaded back.
"""

from __future__ import annotations

import base64
import html
import json
import os
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

FORMAT = "mlkit-answers"
FORMAT_VERSION = 1

#: The last notice about the answers file (e.g. a corrupt file that was set aside), for widgets to show.
last_notice: str = ""


def work_dir() -> Path:
    """The student's folder: ``MLKIT_WORK_DIR`` if set, else the current working directory."""
    return Path(os.environ.get("MLKIT_WORK_DIR") or os.getcwd())


def answers_path() -> Path:
    """Where the answers file lives: ``<work dir>/student_work/answers.json``."""
    return work_dir() / "student_work" / "answers.json"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _empty() -> dict[str, Any]:
    return {"format": FORMAT, "version": FORMAT_VERSION, "answers": {}}


def _valid(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("answers"), dict)


def _set_aside(path: Path, why: str) -> None:
    """Keep a copy of an unreadable file next to it and say so loudly, then start fresh."""
    global last_notice
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    backup = path.with_name(f"answers.corrupt-{stamp}.json")
    backup.write_bytes(path.read_bytes())
    last_notice = (
        f"Your answers file could not be read ({why}). A copy was kept as {backup.name} in "
        f"{path.parent}; new answers start in a fresh file. Ask your teacher if you need the old ones."
    )
    _write(_empty())  # the backup holds the old bytes; start the real file afresh, warning only once
    warnings.warn(last_notice, UserWarning, stacklevel=3)


def load_file() -> dict[str, Any]:
    """The whole answers document ({"format", "version", "answers": {id: {"value", "saved_at"}}})."""
    path = answers_path()
    if not path.exists():
        return _empty()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        _set_aside(path, type(exc).__name__)
        return _empty()
    if not _valid(data):
        _set_aside(path, "not an mlkit answers file")
        return _empty()
    return data


def load_answers() -> dict[str, Any]:
    """Every saved answer as ``{question_id: value}`` ({} when nothing is saved yet)."""
    return {qid: rec.get("value") for qid, rec in load_file()["answers"].items() if isinstance(rec, dict)}


def _dump(data: dict[str, Any]) -> bytes:
    """UTF-8 JSON, readable for any script; \\u escapes only if a lone surrogate makes UTF-8 impossible."""
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, indent=2, sort_keys=True).encode("ascii")


def _write(data: dict[str, Any]) -> Path:
    """Write atomically: a temporary file in the same folder, then ``os.replace`` over the old one."""
    path = answers_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = _dump(data)
    fd, tmp = tempfile.mkstemp(prefix=".answers-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def save_answer(question_id: str, value: Any) -> Path:
    """Save one answer (any JSON value) under ``question_id``, keeping every other answer."""
    if not isinstance(question_id, str) or not question_id:
        raise ValueError("question_id must be a non-empty string")
    json.dumps(value)  # fail here, before touching the file, if the value cannot be saved
    data = load_file()
    data["answers"][question_id] = {"value": value, "saved_at": _now()}
    return _write(data)


def merge_upload(content: bytes) -> int:
    """Load a downloaded answers file back; its answers win over older ones. Returns how many."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"That file is not an answers file ({type(exc).__name__}).") from exc
    if not _valid(data):
        raise ValueError("That file is not an mlkit answers file.")
    current = load_file()
    incoming = {k: v for k, v in data["answers"].items() if isinstance(v, dict) and "value" in v}
    current["answers"].update(incoming)
    _write(current)
    return len(incoming)


def download_link_html(label: str = "Download my answers (answers.json)") -> str:
    """One-click download without JavaScript: a link whose ``data:`` URI holds the whole file."""
    payload = _dump(load_file())
    b64 = base64.b64encode(payload).decode("ascii")
    return (
        f'<a class="mlkit-download" download="answers.json" href="data:application/json;base64,{b64}">'
        f"{html.escape(label)}</a>"
    )
