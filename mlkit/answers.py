"""Reading an answers file someone may have broken: parse it safely, keep every good answer, name the bad.

A student's file can come back from Notepad (a byte-order mark), from a half-finished copy, or from a
classmate who edited it by hand. None of that may crash a lesson or the class summary, so parsing never
raises: it returns the good records and a list of plain sentences about what was left out and why.
The shape of each kind of answer is data (``data/answer_kinds.json``, JSON Schema).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import fastjsonschema

FORMAT = "mlkit-answers"
#: Version 2 adds, per answer, its ``kind`` and its ``first`` attempt; version 1 files load unchanged.
FORMAT_VERSION = 2
MAX_DEPTH = 32  # deeper than any answer the kit saves; stops a hand-made file from exhausting the stack
MAX_INT_DIGITS = 18  # Python refuses to read 4,300+ digits at all; anything past 18 is not an answer
MAX_QUESTION_ID = 200


class _Unreadable:
    """Stands in for a number too long to be an answer, so only its record is dropped, not the file."""


UNREADABLE = _Unreadable()


@dataclass
class Parsed:
    """What could be read: the good records, and one sentence per thing left out."""

    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    readable: bool = True  # False when the file as a whole is not an answers file


@lru_cache(maxsize=1)
def kinds() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each kind of answer, from data/answer_kinds.json."""
    raw = resources.files("mlkit").joinpath("data", "answer_kinds.json").read_text(encoding="utf-8")
    return json.loads(raw)["kinds"]


@cache
def _validator(kind: str) -> Any:
    return fastjsonschema.compile(kinds()[kind])


def empty() -> dict[str, Any]:
    return {"format": FORMAT, "version": FORMAT_VERSION, "answers": {}}


def _parse_int(digits: str) -> int | _Unreadable:
    return int(digits) if len(digits.lstrip("-")) <= MAX_INT_DIGITS else UNREADABLE


def _no_constant(name: str) -> _Unreadable:
    return UNREADABLE  # NaN and Infinity are not JSON; Python would accept them


def plain(value: Any) -> str | None:
    """Why ``value`` is not plain, bounded JSON (None when it is). Iterative: depth cannot crash it."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"nested more than {MAX_DEPTH} deep"
        if item is UNREADABLE:
            return "holds a number too long (or not a number at all)"
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif not (item is None or isinstance(item, (str, int, float, bool))):
            return f"holds a {type(item).__name__}"
    return None


def flat_text(value: Any) -> str | None:
    """A small record of plain fields in words ("page: …; who: …"), or None for any other value: how the
    My work table and the class summary both show one."""
    if isinstance(value, dict) and all(isinstance(v, (str, int, float, bool)) for v in value.values()):
        return "; ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in value.items())
    return None


def check_value(value: Any, kind: str) -> str | None:
    """Why ``value`` does not fit ``kind`` (None when it does). An unknown kind is only checked as plain."""
    why = plain(value)
    if why or kind not in kinds():
        return why
    try:
        _validator(kind)(value)
    except fastjsonschema.JsonSchemaException as exc:
        return f"is not a {kind} answer ({exc.message})"
    return None


def check_record(question_id: Any, record: Any) -> str | None:
    """Why one record of the file cannot be used (None when it can)."""
    if not isinstance(question_id, str) or not question_id or len(question_id) > MAX_QUESTION_ID:
        return "its question name is not a short piece of text"
    if not isinstance(record, dict) or "value" not in record:
        return "it is not a saved answer (no value)"
    kind = record.get("kind", "record")
    if not isinstance(kind, str):
        return "its kind is not a word"
    why = check_value(record["value"], kind)
    return f"its answer {why}" if why else None


def clean_record(record: dict[str, Any]) -> dict[str, Any]:
    """A record (already checked) with only the fields the kit writes, each of the right type; a damaged
    first attempt is dropped rather than losing the answer with it."""
    out: dict[str, Any] = {"value": record["value"]}
    if isinstance(record.get("saved_at"), str):
        out["saved_at"] = record["saved_at"][:40]
    kind = record.get("kind")
    if isinstance(kind, str):
        out["kind"] = kind
    first = record.get("first")
    if isinstance(first, dict) and "value" in first and not check_value(first["value"], kind or "record"):
        out["first"] = {"value": first["value"], "saved_at": str(first.get("saved_at", ""))[:40]}
    if isinstance(record.get("attempts"), int) and 0 <= record["attempts"] < 10**9:
        out["attempts"] = record["attempts"]
    return out


def parse(content: bytes) -> Parsed:
    """Read an answers file's bytes: never raises; bad records are left out and named."""
    try:
        text = content.decode("utf-8-sig")  # Notepad saves UTF-8 with a byte-order mark
    except UnicodeDecodeError:
        return Parsed(problems=["it is not UTF-8 text"], readable=False)
    try:
        data = json.loads(text, parse_int=_parse_int, parse_constant=_no_constant)
    except RecursionError:
        return Parsed(problems=["it is nested too deeply to read"], readable=False)
    except ValueError as exc:  # JSONDecodeError is a ValueError
        why = (
            "it is cut short or was edited"
            if isinstance(exc, json.JSONDecodeError)
            else "a number in it is too long"
        )
        return Parsed(problems=[f"it is not in the form the kit saves ({why})"], readable=False)
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return Parsed(problems=["it is not an mlkit answers file"], readable=False)
    parsed = Parsed()
    for qid, record in data["answers"].items():
        why = check_record(qid, record)
        if why:
            parsed.problems.append(f"{str(qid)[:60]!r}: {why}")
        else:
            parsed.answers[qid] = clean_record(record)
    return parsed


def merge(
    records: dict[str, dict[str, Any]], incoming: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Two sets of one student's answers as one: per question the later save wins and the earlier first
    attempt is kept, so merging an old file (or a partial one) never replaces newer work."""
    out = dict(records)
    for qid, new in incoming.items():
        old = out.get(qid)
        if old is None:
            out[qid] = new
            continue
        merged = dict(new if str(new.get("saved_at", "")) >= str(old.get("saved_at", "")) else old)
        firsts = [r["first"] for r in (old, new) if isinstance(r.get("first"), dict)]
        if firsts:
            merged["first"] = min(firsts, key=lambda f: str(f.get("saved_at", "")))
        out[qid] = merged
    return out


def dump(answers: dict[str, dict[str, Any]]) -> bytes:
    """UTF-8 JSON, readable by any script; \\u escapes only if a lone surrogate makes UTF-8 impossible."""
    data = {**empty(), "answers": answers}
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, indent=2, sort_keys=True).encode("ascii")
