"""The My work bar at the end of every lesson: saved count, Download, Load, and every answer in a table.

Download is built when it is clicked, from the answers file read at that moment (an anywidget command),
so it always holds the last answer, whichever lesson saved it. Load merges a downloaded file back
without replacing newer work (``mlkit.store.merge_upload``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from mlkit import answers, store
from mlkit.classroom import STUDENT_NAME_ID
from mlkit.render import printable
from mlkit.widgets import saving
from mlkit.widgets._html import short
from mlkit.widgets.article_view import STATIC, esm


def answer_text(record: dict[str, Any]) -> str:
    """An answer in a few words for the table. Its shape is trusted only where its kind was checked
    against the schema when the file was read; anything else is shown as JSON, never unpacked."""
    value, kind = record["value"], record.get("kind")
    if isinstance(value, str):
        return value
    if kind == "marks":
        check = value.get("last_check") or {}
        n = len(value["marks"])  # a mark may cover several words ("more than 30")
        marked = f"{n} mark{'' if n == 1 else 's'}"
        if "score" not in check:
            return f"{marked} (not checked yet)"
        found = f"found {check['score'][0]} of {check['score'][1]}"
        return (
            f"{marked}; {found}" if value.get("checked") else f"{marked}; last check: {found} (changed since)"
        )
    if kind == "checklist":
        return f"ticked {len(value['ticked'])} of {value.get('total', '?')}"
    if kind == "article":
        return f"an article of {len(value['text'].split())} words"
    text = answers.flat_text(value)
    return text if text is not None else json.dumps(value, ensure_ascii=False)


MAX_SNAPSHOT = 300_000  # bytes; past this the page keeps no fallback copy (lesson 07 articles can be long)


class MyWork(anywidget.AnyWidget):
    """The My work bar: saved count, Download (built when clicked), Load, and a table of every answer."""

    _esm = esm("my_work.js")
    _css = STATIC / "my_work.css"

    count = traitlets.Int(0).tag(sync=True)
    where = traitlets.Unicode("").tag(sync=True)
    rows = traitlets.List().tag(sync=True)
    notices = traitlets.Unicode("").tag(sync=True)
    student = traitlets.Unicode("").tag(sync=True)
    snapshot = traitlets.Unicode("").tag(sync=True)  # the last file this page saw, if the kernel is gone
    compact = traitlets.Bool(False).tag(sync=True)  # one line at the top of a lesson: count, Load, Download

    def __init__(self, compact: bool = False) -> None:
        saved_name = saving.saved(STUDENT_NAME_ID, "text")
        super().__init__(student=saved_name if isinstance(saved_name, str) else "", compact=compact)
        self.refresh()
        store.on_change(self._changed)
        self.observe(self._on_student, names="student")
        self.heartbeats = 0
        self.on_msg(self._on_message)

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """The page's heartbeat: receiving it is kernel activity, which is all it is for (see my_work.js)."""
        if isinstance(content, dict) and content.get("kind") == "heartbeat":
            self.heartbeats += 1

    def refresh(self, records: dict[str, dict[str, Any]] | None = None) -> None:
        """Count, table and the fallback copy, from the file as it is now (or the records just saved)."""
        if records is None:
            records = store.load_file()["answers"]
        self.rows = [
            [printable(question_label(qid)), printable(short(answer_text(rec), 80)), rec.get("saved_at", "")]
            for qid, rec in sorted(records.items())
        ]
        self.count = len(records)
        self.where = where(store.answers_path())
        payload = store.document_bytes()
        self.snapshot = payload.decode("utf-8") if len(payload) <= MAX_SNAPSHOT else ""
        self.notices = " ".join(store.pop_notices())

    def _changed(self, records: dict[str, dict[str, Any]]) -> None:
        self.refresh(records)

    def _on_student(self, change: dict[str, Any]) -> None:
        self._save_name(change["new"])

    def _save_name(self, typed: Any) -> None:
        name = " ".join(str(typed).split())[:60]
        current = saving.saved(STUDENT_NAME_ID)  # one read: the same name, or an empty box and none saved
        if name == current or (not name and current is None):
            return
        _, message = saving.save(STUDENT_NAME_ID, name, "text")
        self.notices = "" if message.startswith("Saved") else message

    @anywidget.experimental.command
    def download(self, msg: Any, buffers: list[bytes]) -> tuple[dict[str, Any], list[bytes]]:
        """The answers file as it is at the moment of the click (read fresh, so never stale), with the name
        the box shows then: the file is named after it, and the class summary groups files by it."""
        if isinstance(msg, dict) and isinstance(msg.get("student"), str):
            self.student = msg["student"]
            self._save_name(msg["student"])  # before the file is read (no-op when the observer saved it)
        payload = store.document_bytes()
        count = len(json.loads(payload)["answers"])
        return {"content": payload.decode("utf-8"), "count": count}, []

    @anywidget.experimental.command
    def load(self, msg: Any, buffers: list[bytes]) -> tuple[dict[str, Any], list[bytes]]:
        """Merge an uploaded answers file; say how many answers came back and what was left out."""
        name = printable(str(msg.get("name", "the file")))[:120] if isinstance(msg, dict) else "the file"
        content = bytes(buffers[0]) if buffers else b""
        try:
            report = store.merge_upload(content)
        except (ValueError, OSError) as exc:
            return {"message": f"{name} was not loaded: {exc}"}, []
        # The page adds how to see them ("Press Run ▸ Run All Cells", or in the app view "Reload this page").
        message = f"Loaded {report.loaded} answer{'s' if report.loaded != 1 else ''} from {name}."
        if report.problems:
            message += f" Left out, because they could not be read: {'; '.join(report.problems[:5])}."
        return {"message": message, "loaded": report.loaded}, []


def my_work(compact: bool = False) -> MyWork:
    """The My work bar: how many answers are saved, Download (always current) and Load; ``compact`` is the
    one-line version a lesson shows at its top, where a student in a new session loads last time's file."""
    return MyWork(compact)


def where(path: Path) -> str:
    """The answers file as a student would look for it: relative to the lesson's folder when it is there."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def question_label(question_id: str) -> str:
    """ "Lesson 02: Which word hedges?" for a question the lessons know, else the id made readable."""
    lesson = question_id[:2] if question_id[:2].isdigit() else ""
    prompt = ""
    try:
        from mlkit.lessons import question_args  # lesson data is optional: the kit works without it

        prompt = str(question_args(question_id).get("prompt", ""))
    except Exception:  # no lesson data here, or no such question: fall back to the id
        prompt = ""
    if not prompt:
        prompt = question_id[3:] if lesson and question_id[2:3] == "_" else question_id
        prompt = prompt.replace("_", " ").strip().capitalize()
    return f"Lesson {lesson}: {prompt}" if lesson else prompt
