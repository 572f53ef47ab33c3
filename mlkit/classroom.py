"""Instructor helper: read a folder of students' answers files and tally what the class found and missed.

Unreadable files are listed, never fatal: one broken upload must not hide the rest of the class.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from mlkit.plots import class_figure


def _answers(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    return {k: v.get("value") for k, v in data["answers"].items() if isinstance(v, dict)}


def _tally_key(value: Any) -> str:
    """A readable key for counting answers: choices as they are, structured answers as short JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "score" in value:
        score = value["score"]
        if isinstance(score, list) and len(score) == 2:
            return f"score {score[0]}/{score[1]}"
        return f"score {score}"
    if isinstance(value, dict) and "value" in value:
        return str(value["value"])
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def summarize(folder: str | Path) -> dict[str, Any]:
    """Tallies per question, found/missed per hedge (from spot-the-hedges answers) and a Figure.

    Returns ``{"students", "files", "unreadable", "questions": {id: {"answered", "answers"}},
    "hedges": {word: {"found", "missed"}}, "figure"}``; every ``*.json`` under ``folder`` counts as one
    student's file (temporary and backup files are skipped).
    """
    root = Path(folder)
    files = sorted(
        p for p in root.rglob("*.json") if not p.name.startswith(".") and ".corrupt-" not in p.name
    )
    questions: dict[str, Counter[str]] = {}
    hedges: dict[str, Counter[str]] = {}
    read, unreadable = [], []
    for path in files:
        answers = _answers(path)
        if answers is None:
            unreadable.append(str(path))
            continue
        read.append(str(path))
        for qid, value in answers.items():
            questions.setdefault(qid, Counter())[_tally_key(value)] += 1
            if isinstance(value, dict) and isinstance(value.get("found"), list):
                for outcome in ("found", "missed"):
                    for word in {str(w).lower() for w in value.get(outcome) or []}:
                        hedges.setdefault(word, Counter())[outcome] += 1
    summary: dict[str, Any] = {
        "students": len(read),
        "files": read,
        "unreadable": unreadable,
        "questions": {
            qid: {"answered": sum(c.values()), "answers": dict(c.most_common())}
            for qid, c in sorted(questions.items())
        },
        "hedges": {w: {"found": c["found"], "missed": c["missed"]} for w, c in sorted(hedges.items())},
    }
    summary["figure"] = class_figure(summary)
    return summary
