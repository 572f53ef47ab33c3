"""Instructor helper: read a folder of students' answers files and tally what the class found and missed.

Hand-ins are untrusted: one broken, huge or hand-edited file must not hide the rest of the class, so
every file is read by ``mlkit.answers.parse`` (never raises), bad files and bad records are named in
``problems``, and every good answer still counts. Answers are tallied by first attempt — what a student
chose before the kit showed a hint or the answer — so the summary shows what the class knew, not what
it copied after the reveal.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from mlkit import answers

MAX_FILE_BYTES = 5_000_000


def _read(path: Path) -> answers.Parsed:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return answers.Parsed(problems=["it is too large to be an answers file"], readable=False)
        return answers.parse(path.read_bytes())
    except OSError as exc:
        return answers.Parsed(problems=[f"it could not be opened ({exc.strerror or exc})"], readable=False)


def first_attempt(record: dict[str, Any]) -> Any:
    """What the student answered first (the value itself for old files that kept no first attempt)."""
    value = record["value"]
    if record.get("kind") == "marks" and isinstance(value, dict):
        return value.get("first_check") or {}
    first = record.get("first")
    return first["value"] if isinstance(first, dict) else value


def final_answer(record: dict[str, Any]) -> Any:
    """What the student's answer is now: for marks, their latest check (not the marks themselves)."""
    value = record["value"]
    if record.get("kind") == "marks" and isinstance(value, dict):
        return value.get("last_check") or {}
    return value


def _tally_key(value: Any) -> str:
    """A readable key for counting answers: choices as they are, structured answers as short JSON."""
    if isinstance(value, str):
        return value
    if value == {}:
        return "not checked"
    if isinstance(value, dict) and "score" in value:
        score = value["score"]
        if isinstance(score, list) and len(score) == 2:
            return f"score {score[0]}/{score[1]}"
        return f"score {score}"
    if isinstance(value, dict) and "value" in value:
        return str(value["value"])
    notes = answers.flat_text(value)  # "page: …; who: …", as the My work table shows it ({} is above)
    return (notes if notes is not None else json.dumps(value, sort_keys=True, ensure_ascii=False))[:200]


def _hedge_outcomes(record: dict[str, Any]) -> dict[str, list[str]]:
    """found/missed hedge words from a spot-the-hedges answer (first check), or {} for anything else."""
    value = record["value"]
    if record.get("kind") == "marks":
        if not isinstance(value, dict) or value.get("target") != "hedge":
            return {}
        value = value.get("first_check") or {}
    elif "kind" in record:
        return {}
    if not isinstance(value, dict) or not isinstance(value.get("found"), list):
        return {}
    out = {}
    for outcome in ("found", "missed"):
        words = value.get(outcome) or []
        out[outcome] = [w for w in words if isinstance(w, str)] if isinstance(words, list) else []
    return out


STUDENT_NAME_ID = "student_name"  #: where the My work bar saves the name a student types


def _student(records: dict[str, dict[str, Any]]) -> str:
    """The name a student typed in the My work bar, folded, so two files of one student count once."""
    name = records.get(STUDENT_NAME_ID, {}).get("value")
    return " ".join(name.casefold().split()) if isinstance(name, str) else ""


def summarize(folder: str | Path) -> dict[str, Any]:
    """Tallies per question (first attempts), found/missed per hedge (first checks, counted per place in
    the text: times, over the class) and a Figure.

    Returns ``{"students", "files", "same_student": [[file, ...]], "unreadable", "problems": {file: [why]},
    "questions": {id: {"answered", "answers", "final"}}, "hedges": {word: {"found", "missed"}}, "figure"}``.
    Every ``*.json`` under ``folder`` is read (temporary and backup files are skipped); files carrying the
    same student name (a partial download and a full one) count as one student, merged as a Load would.
    """
    root = Path(folder)
    files = sorted(
        p for p in root.rglob("*.json") if not p.name.startswith(".") and ".corrupt-" not in p.name
    )
    first: dict[str, Counter[str]] = {}
    final: dict[str, Counter[str]] = {}
    hedges: dict[str, Counter[str]] = {}
    read, unreadable, problems = [], [], {}
    students: dict[str, dict[str, dict[str, Any]]] = {}  # one per name (or per file, for a file with none)
    same: dict[str, list[str]] = {}
    for path in files:
        parsed = _read(path)
        if parsed.problems:
            problems[str(path)] = parsed.problems
        if not parsed.readable:
            unreadable.append(str(path))
            continue
        read.append(str(path))
        key = _student(parsed.answers) or f"file:{path}"
        students[key] = answers.merge(students.get(key, {}), parsed.answers)
        same.setdefault(key, []).append(str(path))
    for records in students.values():
        for qid, record in records.items():
            if qid == STUDENT_NAME_ID:  # who the student is, not an answer to tally
                continue
            first.setdefault(qid, Counter())[_tally_key(first_attempt(record))] += 1
            final.setdefault(qid, Counter())[_tally_key(final_answer(record))] += 1
            # counted per place in the text: a word printed twice ("apparently") that a student found
            # once and missed once adds one to each, so no student's find or miss is hidden
            for outcome, words in _hedge_outcomes(record).items():
                for word in words:
                    hedges.setdefault(word.lower(), Counter())[outcome] += 1
    summary: dict[str, Any] = {
        "students": len(students),
        "files": read,
        "same_student": [paths for paths in same.values() if len(paths) > 1],
        "unreadable": unreadable,
        "problems": problems,
        "questions": {
            qid: {
                "answered": sum(c.values()),
                "answers": dict(c.most_common()),
                "final": dict(final[qid].most_common()),
            }
            for qid, c in sorted(first.items())
        },
        "hedges": {w: {"found": c["found"], "missed": c["missed"]} for w, c in sorted(hedges.items())},
    }
    from mlkit.plots import (
        class_figure,  # matplotlib (25 MB in every kernel) loads only when a chart is drawn
    )

    summary["figure"] = class_figure(summary)
    return summary
