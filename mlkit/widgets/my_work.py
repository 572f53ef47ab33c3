"""The My work bar at the end of every lesson: saved count, Download, Load, and every answer in a table.

Download is built when it is clicked, from the answers file read at that moment (an anywidget command),
so it always holds the last answer, whichever lesson saved it. Load merges a downloaded file back
without replacing newer work (``mlkit.store.merge_upload``).
"""

from __future__ import annotations

import json
from typing import Any

import anywidget
import traitlets

from mlkit import store
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
        if value.get("checked") and "score" in check:
            return f"marked {len(value['marks'])} words; found {check['score'][0]} of {check['score'][1]}"
        return f"marked {len(value['marks'])} words (not checked yet)"
    if kind == "checklist":
        return f"ticked {len(value['ticked'])} of {value.get('total', '?')}"
    if kind == "article":
        return f"an article of {len(value['text'].split())} words"
    return json.dumps(value, ensure_ascii=False)


STUDENT_NAME_ID = "student_name"
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

    def __init__(self) -> None:
        saved_name = saving.saved(STUDENT_NAME_ID, "text")
        super().__init__(student=saved_name if isinstance(saved_name, str) else "")
        self.refresh()
        store.on_change(self._changed)
        self.observe(self._on_student, names="student")

    def refresh(self, records: dict[str, dict[str, Any]] | None = None) -> None:
        """Count, table and the fallback copy, from the file as it is now (or the records just saved)."""
        if records is None:
            records = store.load_file()["answers"]
        self.rows = [
            [printable(qid), printable(short(answer_text(rec), 80)), rec.get("saved_at", "")]
            for qid, rec in sorted(records.items())
        ]
        self.count = len(records)
        self.where = str(store.answers_path())
        payload = store.document_bytes()
        self.snapshot = payload.decode("utf-8") if len(payload) <= MAX_SNAPSHOT else ""
        self.notices = " ".join(store.pop_notices())

    def _changed(self, records: dict[str, dict[str, Any]]) -> None:
        self.refresh(records)

    def _on_student(self, change: dict[str, Any]) -> None:
        name = " ".join(str(change["new"]).split())[:60]
        _, message = saving.save(STUDENT_NAME_ID, name, "text")
        self.notices = "" if message.startswith("Saved") else message

    @anywidget.experimental.command
    def download(self, msg: Any, buffers: list[bytes]) -> tuple[dict[str, Any], list[bytes]]:
        """The answers file as it is at the moment of the click (read fresh, so never stale)."""
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
        message = (
            f"Loaded {report.loaded} answer{'s' if report.loaded != 1 else ''} from {name}. Press "
            "Run ▸ Run All Cells to see them in this lesson."
        )
        if report.problems:
            message += f" Left out, because they could not be read: {'; '.join(report.problems[:5])}."
        return {"message": message}, []


def my_work() -> MyWork:
    """The My work bar: how many answers are saved, Download (always current) and Load."""
    return MyWork()
