"""How every widget saves and restores a student's answer, and tells the student it did.

One place for the words a student sees about saving, so a failed save is always reported (never
swallowed) and a notice about a damaged answers file is shown once, wherever the student is.
"""

from __future__ import annotations

from typing import Any

from mlkit import store
from mlkit.render import esc

#: What a student sees when a save worked: words, not the question's id (that is for teachers).
SAVED = "Saved."


def saved(question_id: str, kind: str = "record") -> Any:
    """The saved answer if there is one of the right shape, else None (never raises in a lesson)."""
    try:
        return store.saved(question_id, kind)
    except OSError:
        return None


def save(question_id: str, value: Any, kind: str = "record", attempt: bool = True) -> tuple[bool, str]:
    """Save and say so in plain words: (saved?, message). Notices about the file are added once.
    ``attempt=False`` saves a draft (see ``store.save_answer``)."""
    try:
        store.save_answer(question_id, value, kind=kind, attempt=attempt)
    except OSError as exc:
        message = (
            f"Not saved: {exc.strerror or exc}. Your answer is still on the screen; press Download in the "
            "My work bar at the end of the lesson to keep a copy."
        )
        ok = False
    except ValueError as exc:
        message, ok = f"Not saved: {exc}.", False
    else:
        message, ok = SAVED, True
    notices = store.pop_notices()
    return ok, " ".join([message, *notices])


def save_html(question_id: str, value: Any, kind: str = "record", attempt: bool = True) -> str:
    """``save`` as an HTML paragraph for ipywidgets (the message is escaped)."""
    return status_html(*save(question_id, value, kind, attempt))


def status_html(ok: bool, message: str) -> str:
    """What a save says, as an HTML paragraph styled by whether it worked (the message is escaped)."""
    css = "mlkit-saved" if ok else "mlkit-bad"
    return f'<p class="{css}" role="status">{esc(message)}</p>'
