"""Hash of everything the analyser says about a fixed set of texts, to prove a change alters nothing.

Why: a behaviour-preserving refactor of the engine must give the same JSON for every text. This hashes
``mlkit.analyze(text).to_dict()`` (keys sorted) for every PolNeAR train and dev text in ../shared, the
seed article and the dev passages (tests/gold/dev.jsonl), per set and overall. Run it before and after:

    .venv/bin/python tests/tools/output_hash.py [--shared PATH] [--save FILE] [--diff FILE]

``--save`` writes one hash per text so that ``--diff`` can name the texts whose output changed.
Not part of the test suite (it takes minutes); PolNeAR is skipped with a message when absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import mlkit

ROOT = Path(__file__).resolve().parents[2]


def texts(shared: Path) -> dict[str, list[tuple[str, str]]]:
    """Named sets of (id, text)."""
    sets: dict[str, list[tuple[str, str]]] = {"seed": [("seed", mlkit.seed_article())]}
    dev = ROOT / "tests" / "gold" / "dev.jsonl"
    rows = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    sets["dev_passages"] = [(r["id"], r["text"]) for r in rows]
    base = shared / "data" / "polnear"
    if not base.is_dir():
        print(f"PolNeAR not found at {base}: hashing the seed and dev passages only", file=sys.stderr)
        return sets
    for split in ("train", "dev"):
        files = sorted((base / split / "text").glob("*.txt"))
        sets[f"polnear_{split}"] = [(f"{split}/{f.name}", f.read_text(encoding="utf-8")) for f in files]
    return sets


def digest(result: dict) -> str:
    return hashlib.sha256(json.dumps(result, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--save", type=Path, help="write one hash per text (JSON) here")
    ap.add_argument("--diff", type=Path, help="name the texts whose hash differs from this saved file")
    args = ap.parse_args(argv)
    per_text: dict[str, str] = {}
    overall = hashlib.sha256()
    for name, items in texts(args.shared).items():
        h = hashlib.sha256()
        for ident, text in items:
            d = digest(mlkit.analyze(text).to_dict())
            per_text[ident] = d
            h.update(d.encode())
        overall.update(h.hexdigest().encode())
        print(f"{name:<14} {len(items):>4} texts  {h.hexdigest()}")
    print(f"{'all':<14} {len(per_text):>4} texts  {overall.hexdigest()}")
    if args.save:
        args.save.write_text(json.dumps(per_text, indent=0), encoding="utf-8")
    if args.diff:
        old = json.loads(args.diff.read_text(encoding="utf-8"))
        changed = sorted(k for k in per_text if old.get(k) != per_text[k])
        print(f"{len(changed)} text(s) changed")
        for k in changed:
            print("  ", k)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
