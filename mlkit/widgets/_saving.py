"""Saving for the lesson widgets written with the lessons (judgement, IMVAIN, search steps): only
mlkit.store.save_answer and load_answers, small JSON values, and a failed save shown, never swallowed."""

from __future__ import annotations

import html
from typing import Any

from mlkit import store

#: What a student sees when a save worked: words, not the question's id (that is for teachers).
SAVED = "<p>Saved.</p>"


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def saved(question_id: str) -> Any:
    """The saved value for ``question_id``, or None (also when the file cannot be read)."""
    try:
        return store.load_answers().get(question_id)
    except OSError:
        return None


def save(question_id: str, value: Any) -> str:
    """Save and return a short HTML notice saying so (or why not)."""
    try:
        store.save_answer(question_id, value)
    except (OSError, ValueError, TypeError) as exc:
        return f"<p><strong>Not saved:</strong> {esc(exc)}. Download your work from the My work bar.</p>"
    return SAVED
