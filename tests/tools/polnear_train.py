"""Score the analyser's attributions on PolNeAR *train* and list its errors, to tune rules on train only.

Why: ``make evaluate`` scores PolNeAR dev as a whole and never lists its errors (so dev stays an honest
estimate); rules are improved by reading the errors on the train split instead. This prints train
P/R/F1 with the same scorer as dev (cue overlap and source overlap or both absent) and, with
``--errors FILE``, writes every false positive and false negative with its sentence for reading.

    .venv/bin/python tests/tools/polnear_train.py [--shared PATH] [--errors FILE] [--limit N]

Not part of the test suite (it takes minutes); PolNeAR is skipped with a message when absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mlkit.gold import parse_brat, shared_dir
from mlkit.scoring import combine, fragments, overlap, score_attributions

ANN_SUFFIX_LEN = len("_abcd.ann")


def train_docs(shared: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """One annotation per train article (the first annotator by file name), as ``load_polnear_dev``."""
    base = shared / "data" / "polnear" / "train"
    chosen: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        chosen.setdefault(ann.name[:-ANN_SUFFIX_LEN] + ".txt", ann)
    docs = []
    for name, ann in sorted(chosen.items()):
        text_file = base / "text" / name
        if text_file.is_file():
            text = text_file.read_text(encoding="utf-8")
            docs.append({"id": name, "text": text, "attributions": parse_brat(ann.read_text("utf-8"))})
    return docs[:limit] if limit else docs


def _context(text: str, frags: list[tuple[int, int]]) -> str:
    """The line around a span, the span in [brackets]."""
    if not frags:
        return ""
    s, e = frags[0][0], frags[-1][1]
    ls = max(text.rfind("\n", 0, s) + 1, s - 200)
    le = min(e + 200, len(text)) if text.find("\n", e) < 0 else min(text.find("\n", e), e + 200)
    return (text[ls:s] + "[" + text[s:e] + "]" + text[e:le]).replace("\n", " ")


def _show(text: str, frags: list[tuple[int, int]]) -> str | None:
    return " … ".join(text[s:e] for s, e in frags) if frags else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="folder holding data/polnear (default: $MLKIT_SHARED or ../shared)")
    ap.add_argument("--errors", type=Path, help="write the errors (JSON lines) here")
    ap.add_argument("--limit", type=int, help="score only the first N articles")
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    if not (shared / "data" / "polnear" / "train").is_dir():
        print(f"PolNeAR train not found under {shared}/data/polnear: skipping", file=sys.stderr)
        return 0
    import mlkit

    docs = train_docs(shared, args.limit)
    parts, errors = [], []
    for doc in docs:
        text = doc["text"]
        pred = mlkit.analyze(text).to_dict()["attributions"]
        s = score_attributions(doc["attributions"], pred, ())
        parts.append(s)
        for kind, items, others in (("FN", s["missed"], s["extra"]), ("FP", s["extra"], s["missed"])):
            for it in items:
                cue, src = fragments(it.get("cue")), fragments(it.get("source"))
                # "speaker": the other side has this cue too, so only the source differs
                same_cue = any(overlap(it.get("cue"), o.get("cue")) for o in others)
                # "nested": inside the content of a gold attribution (PolNeAR gives each word one role)
                nested = any(overlap(it.get("cue"), g.get("content")) for g in doc["attributions"])
                errors.append(
                    {
                        "doc": doc["id"],
                        "type": kind,
                        "why": "speaker" if same_cue else "nested" if nested else "cue",
                        "start": cue[0][0] if cue else None,
                        "cue": _show(text, cue),
                        "source": _show(text, src),
                        "kind": it.get("kind"),
                        "content": (_show(text, fragments(it.get("content"))) or "")[:120],
                        "context": _context(text, cue),
                    }
                )
    total = combine(parts)
    print(
        f"PolNeAR train attributions: {len(docs)} documents, gold {total['gold']} pred {total['predicted']} "
        f"tp {total['tp']}  P {total['precision']:.3f} R {total['recall']:.3f} F1 {total['f1']:.3f}"
    )
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
