"""Build the gold answer keys (tests/gold/*.json[l]) from hand-written sources in tests/gold/src/.

Why: offsets are never counted by hand nor taken from the engine. An annotator writes the exact
string of each span plus which occurrence it is; this script finds the offsets and asserts that
``text[start:end] == span text`` so a key can never drift from its text.

Span references in the sources:
- ``"reportedly"``           first occurrence (0-based occurrence index 0)
- ``"reportedly#1"``         second occurrence
- ``"the leader ~~ Hama"``   from the start of "the leader" to the end of the first "Hama" after it
  (either side may carry ``#n``; the right side is counted from the left side's start)
- ``["a#b", 0]`` / ``{"from": ref, "to": ref}``: long forms, when a phrase itself holds "#" or " ~~ ".

Usage: ``python tests/gold/annotate.py [--shared PATH]`` rewrites tests/gold/seed.json, dev.jsonl,
wikinews.jsonl and, when the PolNeAR data is present, polnear_hedges.jsonl and the held-out keys
polnear_holdout.jsonl, polnear_holdout2.jsonl and polnear_holdout3.jsonl.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
SRC = GOLD / "src"

_OCC = re.compile(r"^(?P<phrase>.*?)#(?P<n>\d+)$", re.S)
Span = dict[str, Any]


class AnnotationError(ValueError):
    """A reference that does not pick out exactly the intended string."""


def _bounded(text: str, start: int, end: int) -> bool:
    """True unless the match starts or ends inside a word ("it" in "within" is not "it")."""
    inside_left = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    inside_right = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return not (inside_left or inside_right)


def _find(text: str, phrase: str, occurrence: int, after: int = 0) -> int:
    """Start of the ``occurrence``-th (0-based) whole-word ``phrase`` at or after ``after``."""
    if not phrase:
        raise AnnotationError("empty phrase")
    pos, seen = after - 1, -1
    while seen < occurrence:
        pos = text.find(phrase, pos + 1)
        if pos < 0:
            raise AnnotationError(f"{phrase!r} occurrence {occurrence} not found after {after}")
        if _bounded(text, pos, pos + len(phrase)):
            seen += 1
    return pos


def _split_ref(ref: Any) -> tuple[str, int]:
    if isinstance(ref, list):
        return str(ref[0]), int(ref[1])
    m = _OCC.match(ref)
    if m:
        return m.group("phrase"), int(m.group("n"))
    return ref, 0


def locate(text: str, ref: Any) -> Span | None:
    """Turn a span reference into a contract span ``{"start", "end", "text"}`` (None stays None)."""
    if ref is None:
        return None
    if isinstance(ref, str) and " ~~ " in ref:
        left, right = ref.split(" ~~ ", 1)
        ref = {"from": left, "to": right}
    if isinstance(ref, dict):
        lp, ln = _split_ref(ref["from"])
        start = _find(text, lp, ln)
        rp, rn = _split_ref(ref["to"])
        end = _find(text, rp, rn, after=start) + len(rp)
    else:
        phrase, n = _split_ref(ref)
        start = _find(text, phrase, n)
        end = start + len(phrase)
    span = {"start": start, "end": end, "text": text[start:end]}
    assert text[span["start"] : span["end"]] == span["text"]
    return span


def _build_marks(text: str, items: list[dict[str, Any]], default_category: str | None) -> list[Span]:
    out = []
    for item in items:
        span = locate(text, item["span"])
        assert span is not None
        span["category"] = item.get("category", default_category)
        if "note" in item:
            span["note"] = item["note"]
        out.append(span)
    return sorted(out, key=lambda s: (s["start"], s["end"]))


def _build_attributions(text: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        attr: dict[str, Any] = {
            "cue": locate(text, item["cue"]),
            "source": locate(text, item.get("source")),
            "content": locate(text, item.get("content")),
            "kind": item["kind"],
            "source_type": item["source_type"],
            "resolved_source": locate(text, item.get("resolved_source")),
            "verb_stance": item["verb_stance"],
        }
        if "note" in item:
            attr["note"] = item["note"]
        out.append(attr)
    return sorted(out, key=lambda a: (a["cue"]["start"], a["cue"]["end"]))


def build_entry(text: str, src: dict[str, Any]) -> dict[str, Any]:
    """Hedges, boosters and attributions of one text, in contract shape plus notes."""
    return {
        "hedges": _build_marks(text, src.get("hedges", []), None),
        "boosters": _build_marks(text, src.get("boosters", []), "booster"),
        "attributions": _build_attributions(text, src.get("attributions", [])),
    }


def build_seed() -> dict[str, Any]:
    """tests/gold/seed.json from tests/gold/src/seed.json and the seed article."""
    src = json.loads((SRC / "seed.json").read_text(encoding="utf-8"))
    text = (ROOT / src["text_file"]).read_text(encoding="utf-8")
    return {"text_file": src["text_file"], "note": src.get("note", ""), **build_entry(text, src)}


def build_dev() -> list[dict[str, Any]]:
    """tests/gold/dev.jsonl rows from tests/gold/src/dev.json (a list of passages)."""
    rows = []
    for src in json.loads((SRC / "dev.json").read_text(encoding="utf-8")):
        rows.append(
            {"id": src["id"], "text": src["text"], "covers": src["covers"], **build_entry(src["text"], src)}
        )
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise AnnotationError("duplicate passage id in dev set")
    return rows


#: The practice articles (real Wikinews news, CC BY 2.5) whose keys are in src/wikinews.json.
ARTICLES = "mlkit/data/articles"


def build_wikinews() -> list[dict[str, Any]]:
    """tests/gold/wikinews.jsonl rows: the practice articles' keys, pointing at the shipped text files.

    The text is not copied into the key (it ships in mlkit/data/articles/); its sha256 is, so a key
    can never silently describe an edited article.
    """
    rows = []
    for src in json.loads((SRC / "wikinews.json").read_text(encoding="utf-8")):
        text_file = f"{ARTICLES}/{src['slug']}.txt"
        raw = (ROOT / text_file).read_bytes()
        try:
            entry = build_entry(raw.decode("utf-8"), src)
        except AnnotationError as exc:
            raise AnnotationError(f"{src['slug']}: {exc}") from exc
        rows.append(
            {
                "id": src["slug"],
                "text_file": text_file,
                "sha256": hashlib.sha256(raw).hexdigest(),
                "note": src.get("note", ""),
                **entry,
            }
        )
    return rows


def build_polnear(shared: Path, name: str = "polnear_hedges") -> list[dict[str, Any]]:
    """tests/gold/<name>.jsonl rows; only span strings are kept, never article text."""
    rows = []
    base = shared / "data" / "polnear"
    for src in json.loads((SRC / f"{name}.json").read_text(encoding="utf-8")):
        raw = (base / src["file"]).read_bytes()
        text = raw.decode("utf-8")
        try:
            entry = build_entry(text, src)
        except AnnotationError as exc:
            raise AnnotationError(f"{src['file']}: {exc}") from exc
        rows.append(
            {
                "file": src["file"],
                "sha256": hashlib.sha256(raw).hexdigest(),
                "hedges": entry["hedges"],
                "boosters": entry["boosters"],
            }
        )
    return rows


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Rebuild every answer key whose inputs are present."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    seed = build_seed()
    (GOLD / "seed.json").write_text(json.dumps(seed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _write_jsonl(GOLD / "dev.jsonl", build_dev())
    _write_jsonl(GOLD / "wikinews.jsonl", build_wikinews())
    if (args.shared / "data" / "polnear").is_dir():
        for name in ("polnear_hedges", "polnear_holdout", "polnear_holdout2", "polnear_holdout3"):
            _write_jsonl(GOLD / f"{name}.jsonl", build_polnear(args.shared, name))
    else:
        print(f"PolNeAR not found at {args.shared}: PolNeAR keys left as they are", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
