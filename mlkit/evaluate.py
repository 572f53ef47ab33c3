"""Score ``mlkit.analyze`` against hand-made answer keys: ``python -m mlkit.evaluate``.

Why: the lessons promise students that the highlights follow ANNOTATION.md; this prints how often
they do (precision, recall, F1 per kind) on the seed key, the dev passages, the kit's practice articles
(real Wikinews news, held out), hand-annotated hedges in real PolNeAR news, and PolNeAR's own
attribution annotations. The scoring functions are plain and
importable so tests can check them on small hand-computed cases.

Matching rule: two spans match when they overlap by at least one character; pairs are made one to
one, greedily by largest overlap, so each gold span is used at most once. An attribution matches when
its cue overlaps AND its source overlaps (or both sources are absent).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

Fragments = list[tuple[int, int]]
Analyzer = Callable[[str], dict[str, Any]]
ATTR_FIELDS = ("kind", "source_type", "verb_stance", "resolved_source")
KINDS = ("hedges", "boosters", "attributions")
SECTIONS = ("seed", "dev", "wikinews", "polnear_hedges", "polnear_holdout", "polnear_holdout2", "polnear_dev")
# Keys whose errors are never listed, so that one figure stays an honest estimate on unseen text.
HELD_OUT = frozenset({"wikinews", "polnear_holdout", "polnear_holdout2"})


# ---------------------------------------------------------------- spans and matching


def fragments(span: Any) -> Fragments:
    """A span as (start, end) pieces: contract dicts have one, brat spans may have several."""
    if span is None:
        return []
    if isinstance(span, dict):
        return [(int(span["start"]), int(span["end"]))]
    return [(int(s), int(e)) for s, e in span]


def overlap(a: Any, b: Any) -> int:
    """Characters two spans share (0 when either is absent or they only touch)."""
    total = 0
    for s1, e1 in fragments(a):
        for s2, e2 in fragments(b):
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def _greedy(weights: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), largest weight first, ties by position."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for (g, p), _w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall, F1; nothing expected and nothing found counts as perfect, else 0 on 0."""
    if n_pred == 0 and n_gold == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _summary(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "tp": tp,
        "fp": n_pred - tp,
        "fn": n_gold - tp,
        **prf(tp, n_pred, n_gold),
    }


def score_spans(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], category: bool = False
) -> dict[str, Any]:
    """Overlap-matched P/R/F1 for hedges or boosters; with ``category`` also category accuracy."""
    weights = {}
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            w = overlap(g, p)
            if w:
                weights[(gi, pi)] = w
    pairs = _greedy(weights)
    out = _summary(len(pairs), len(pred), len(gold))
    out["pairs"] = pairs
    out["missed"] = [g for gi, g in enumerate(gold) if gi not in {a for a, _ in pairs}]
    out["extra"] = [p for pi, p in enumerate(pred) if pi not in {b for _, b in pairs}]
    if category:
        right = sum(1 for gi, pi in pairs if gold[gi].get("category") == pred[pi].get("category"))
        out["category_correct"] = right
        out["category_accuracy"] = right / len(pairs) if pairs else None
        found = {gi for gi, _ in pairs}
        recall: dict[str, list[int]] = {}
        for gi, g in enumerate(gold):
            counts = recall.setdefault(str(g.get("category")), [0, 0])
            counts[0] += gi in found
            counts[1] += 1
        out["recall_by_category"] = recall
    return out


def _same_field(field: str, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if field == "resolved_source":
        gs, ps = g.get(field), p.get(field)
        return (gs is None and ps is None) or overlap(gs, ps) > 0
    return g.get(field) == p.get(field)


def score_attributions(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], fields: Iterable[str] = ATTR_FIELDS
) -> dict[str, Any]:
    """P/R/F1 for attributions (cue overlaps and source overlaps or both absent) plus field accuracy."""
    weights = {}
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            cue = overlap(g.get("cue"), p.get("cue"))
            gs, ps = g.get("source"), p.get("source")
            src = overlap(gs, ps)
            if cue and (src or (not fragments(gs) and not fragments(ps))):
                weights[(gi, pi)] = cue + src
    pairs = _greedy(weights)
    out = _summary(len(pairs), len(pred), len(gold))
    out["pairs"] = pairs
    out["missed"] = [g for gi, g in enumerate(gold) if gi not in {a for a, _ in pairs}]
    out["extra"] = [p for pi, p in enumerate(pred) if pi not in {b for _, b in pairs}]
    out["field_correct"] = {f: sum(_same_field(f, gold[gi], pred[pi]) for gi, pi in pairs) for f in fields}
    out["field_accuracy"] = {f: (n / len(pairs) if pairs else None) for f, n in out["field_correct"].items()}
    return out


def combine(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro-average several documents' scores: add up counts, then recompute the ratios."""
    tp = sum(p["tp"] for p in parts)
    out = _summary(tp, sum(p["predicted"] for p in parts), sum(p["gold"] for p in parts))
    n_pairs = tp
    if any("category_correct" in p for p in parts):
        right = sum(p.get("category_correct", 0) for p in parts)
        out["category_accuracy"] = right / n_pairs if n_pairs else None
        by_cat: dict[str, list[int]] = {}
        for p in parts:
            for cat, (hit, total) in p.get("recall_by_category", {}).items():
                counts = by_cat.setdefault(cat, [0, 0])
                counts[0] += hit
                counts[1] += total
        out["recall_by_category"] = dict(sorted(by_cat.items()))
    if any(p.get("field_correct") for p in parts):
        fields = parts[0]["field_correct"].keys()
        correct = {f: sum(p["field_correct"][f] for p in parts) for f in fields}
        out["field_accuracy"] = {f: (n / n_pairs if n_pairs else None) for f, n in correct.items()}
    return out


# ---------------------------------------------------------------- where things are


def repo_root() -> Path:
    """The directory holding pyproject.toml above this package (the repository checkout)."""
    here = Path(__file__).resolve().parent
    for d in (here, *here.parents):
        if (d / "pyproject.toml").is_file():
            return d
    return here.parent


def shared_dir(cli: str | None = None) -> Path:
    """--shared, else $MLKIT_SHARED, else ../shared next to the repository."""
    if cli:
        return Path(cli)
    if os.environ.get("MLKIT_SHARED"):
        return Path(os.environ["MLKIT_SHARED"])
    return repo_root().parent / "shared"


def gold_dir() -> Path:
    """The answer keys live with the tests, not in the installed package."""
    return repo_root() / "tests" / "gold"


# ---------------------------------------------------------------- loading gold


def load_seed(gold: Path) -> list[dict[str, Any]]:
    """The seed key as a one-document list with its text."""
    key = json.loads((gold / "seed.json").read_text(encoding="utf-8"))
    text = (repo_root() / key["text_file"]).read_text(encoding="utf-8")
    return [{"id": key["text_file"], "text": text, **{k: key[k] for k in KINDS}}]


def load_dev(gold: Path) -> list[dict[str, Any]]:
    """The dev passages (one JSON object per line)."""
    lines = (gold / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_wikinews(gold: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The practice articles' keys with their texts (mlkit/data/articles); a changed text is skipped."""
    docs, problems = [], []
    for line in (gold / "wikinews.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        raw = (repo_root() / row["text_file"]).read_bytes()
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            problems.append(f"{row['text_file']}: sha256 differs from the key, skipped")
            continue
        docs.append({"id": row["id"], "text": raw.decode("utf-8"), **{k: row[k] for k in KINDS}})
    return docs, problems


def load_polnear_hedges(
    gold: Path, shared: Path, name: str = "polnear_hedges"
) -> tuple[list[dict[str, Any]], list[str]]:
    """Hand-annotated hedges in PolNeAR train files; files that changed (sha256) are skipped."""
    docs, problems = [], []
    path = gold / f"{name}.jsonl"
    if not path.is_file():
        return docs, [f"{path} missing"]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        f = shared / "data" / "polnear" / row["file"]
        if not f.is_file():
            problems.append(f"{row['file']}: missing")
            continue
        raw = f.read_bytes()
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            problems.append(f"{row['file']}: sha256 differs, skipped")
            continue
        docs.append(
            {
                "id": row["file"],
                "text": raw.decode("utf-8"),
                "hedges": row["hedges"],
                "boosters": row["boosters"],
            }
        )
    return docs, problems


_ANN_SUFFIX = re.compile(r"_[0-9a-f]{4}\.ann$")


def parse_brat(ann: str) -> list[dict[str, Any]]:
    """PolNeAR attributions from brat standoff: E-lines tie Source/Cue/Content T-lines together."""
    spans: dict[str, Fragments] = {}
    out = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            _type, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [(int(s), int(e)) for s, e in (frag.split() for frag in offsets.split(";"))]
        elif parts[0].startswith("E"):
            roles: dict[str, Fragments] = {}
            for arg in parts[1].split()[1:]:
                role, _, tid = arg.partition(":")
                role = re.sub(r"\d+$", "", role)
                roles.setdefault(role, []).extend(spans.get(tid, []))
            if roles.get("Cue"):
                out.append(
                    {"cue": roles["Cue"], "source": roles.get("Source"), "content": roles.get("Content")}
                )
    return sorted(out, key=lambda a: a["cue"][0])


def load_polnear_dev(shared: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """One annotation per dev article (the first annotator by file name when there are several)."""
    base = shared / "data" / "polnear" / "dev"
    chosen: dict[str, Path] = {}
    copies: dict[str, int] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        name = _ANN_SUFFIX.sub(".txt", ann.name)
        chosen.setdefault(name, ann)
        copies[name] = copies.get(name, 0) + 1
    docs, notes = [], []
    for name, ann in sorted(chosen.items()):
        text_file = base / "text" / name
        if not text_file.is_file():
            notes.append(f"{name}: text missing, skipped")
            continue
        text = text_file.read_text(encoding="utf-8")
        docs.append(
            {"id": f"dev/text/{name}", "text": text, "attributions": parse_brat(ann.read_text("utf-8"))}
        )
    several = sum(1 for n in copies.values() if n > 1)
    if several:
        notes.append(
            f"{several} article(s) annotated by several annotators: the first annotation file is used"
        )
    return docs, notes


# ---------------------------------------------------------------- running the engine


# A plain word list, the baseline the engine must clearly beat: about thirty hedge words and the
# booster list, matched wherever they occur, with no guards and no attributions.
BASELINE_HEDGES = (
    "reportedly allegedly apparently purportedly supposedly rumours rumors unconfirmed may might could "
    "appears seems suggests possible possibly likely unlikely probably perhaps maybe presumably unclear "
    "uncertain about around roughly nearly almost some estimated"
).split()
BASELINE_BOOSTERS = "clearly certainly undoubtedly obviously completely confirmed proves definitely".split()


def baseline_analyzer() -> Analyzer:
    """The word-list baseline: every listed word, everywhere (it falls into every trap by design)."""
    hedge_re = re.compile(r"\b(" + "|".join(BASELINE_HEDGES) + r")\b", re.IGNORECASE)
    booster_re = re.compile(r"\b(" + "|".join(BASELINE_BOOSTERS) + r")\b", re.IGNORECASE)

    def marks(pattern: re.Pattern[str], text: str, category: str) -> list[dict[str, Any]]:
        return [
            {"start": m.start(), "end": m.end(), "text": m.group(0), "category": category}
            for m in pattern.finditer(text)
        ]

    return lambda text: {
        "hedges": marks(hedge_re, text, "word_list"),
        "boosters": marks(booster_re, text, "booster"),
        "attributions": [],
    }


def default_analyzer() -> Analyzer:
    """``mlkit.analyze(text).to_dict()``, imported late so scoring works without spaCy loaded."""
    import mlkit

    return lambda text: mlkit.analyze(text).to_dict()


def mislabelled(
    kind: str,
    gold: list[dict[str, Any]],
    pred: list[dict[str, Any]],
    scored: dict[str, Any],
    fields: Iterable[str],
) -> list[dict[str, Any]]:
    """Matched pairs whose labels differ: type "LABEL" with {field: [gold, predicted]}."""
    names = ("category",) if kind == "hedges" else tuple(fields) if kind == "attributions" else ()
    out = []
    for gi, pi in scored["pairs"]:
        g, p = gold[gi], pred[pi]
        wrong = {f: [_show(g.get(f)), _show(p.get(f))] for f in names if not _same_field(f, g, p)}
        if wrong:
            out.append({"type": "LABEL", "item": g, "fields": wrong})
    return out


def _show(value: Any) -> Any:
    return value.get("text") if isinstance(value, dict) else value


def score_docs(
    docs: list[dict[str, Any]],
    analyze: Analyzer,
    kinds: Iterable[str],
    attr_fields: Iterable[str] = ATTR_FIELDS,
) -> dict[str, Any]:
    """Run the analyzer on each document and score the requested kinds (micro-averaged)."""
    attr_fields = tuple(attr_fields)
    kinds = list(kinds)
    per_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    errors: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    crashes = []
    for doc in docs:
        try:
            pred = analyze(doc["text"])
        except Exception as exc:  # report, keep scoring the rest: one crash must not hide the others
            crashes.append(f"{doc['id']}: {type(exc).__name__}: {exc}")
            pred = {k: [] for k in kinds}
        for k in kinds:
            if k == "attributions":
                s = score_attributions(doc[k], pred.get(k, []), attr_fields)
            else:
                s = score_spans(doc[k], pred.get(k, []), category=(k == "hedges"))
            per_kind[k].append(s)
            for g in s["missed"]:
                errors[k].append({"doc": doc["id"], "type": "FN", "item": g})
            for p in s["extra"]:
                errors[k].append({"doc": doc["id"], "type": "FP", "item": p})
            errors[k].extend(
                {"doc": doc["id"], **m} for m in mislabelled(k, doc[k], pred.get(k, []), s, attr_fields)
            )
    return {
        "documents": len(docs),
        "scores": {k: combine(v) for k, v in per_kind.items()},
        "errors": errors,
        "crashes": crashes,
    }


def evaluate_all(
    shared: Path | None = None,
    analyze: Analyzer | None = None,
    gold: Path | None = None,
    sections: Iterable[str] = SECTIONS,
) -> dict[str, Any]:
    """Every section that can run; a section that cannot says why under ``skipped``."""
    analyze = analyze or default_analyzer()
    gold = gold or gold_dir()
    shared = shared if shared is not None else shared_dir()
    sections = list(sections)
    report: dict[str, Any] = {"sections": {}, "skipped": {}}
    for name, loader, key in (("seed", load_seed, "seed.json"), ("dev", load_dev, "dev.jsonl")):
        if name not in sections:
            continue
        if not (gold / key).is_file():
            report["skipped"][name] = f"Answer key not found at {gold / key}: skipping (run from a checkout)"
            continue
        report["sections"][name] = score_docs(loader(gold), analyze, KINDS)
    if "wikinews" in sections:
        if not (gold / "wikinews.jsonl").is_file():
            report["skipped"]["wikinews"] = f"Answer key not found at {gold / 'wikinews.jsonl'}: skipping"
        else:
            docs, problems = load_wikinews(gold)
            result = score_docs(docs, analyze, KINDS)
            result["problems"], result["errors"] = problems, {}  # held out: scores only
            report["sections"]["wikinews"] = result
    polnear = shared / "data" / "polnear"
    for name in ("polnear_hedges", "polnear_holdout", "polnear_holdout2", "polnear_dev"):
        if name not in sections:
            continue
        if not polnear.is_dir():
            report["skipped"][name] = f"PolNeAR not found at {polnear}: skipping"
            continue
        if name in ("polnear_hedges", "polnear_holdout", "polnear_holdout2"):
            docs, problems = load_polnear_hedges(gold, shared, name)
            result = score_docs(docs, analyze, ("hedges", "boosters"))
            result["problems"] = problems
            if name in HELD_OUT:  # scores only: listing its errors would turn it into training data
                result["errors"] = {}
        else:
            # PolNeAR has no kind/stance labels: only the match itself is scored.
            docs, problems = load_polnear_dev(shared)
            result = score_docs(docs, analyze, ("attributions",), attr_fields=())
            result["problems"] = problems
        report["sections"][name] = result
    return report


# ---------------------------------------------------------------- printing

TITLES = {
    "seed": "Seed article key (tests/gold/seed.json)",
    "dev": "Dev passages (tests/gold/dev.jsonl)",
    "wikinews": "Wikinews practice articles (held out: scores only; tests/gold/wikinews.jsonl)",
    "polnear_hedges": "Hand-annotated hedges in PolNeAR train articles (tests/gold/polnear_hedges.jsonl)",
    "polnear_holdout": "Held-out hedges in other PolNeAR train articles (scores only, errors never listed)",
    "polnear_holdout2": "Held-out hedges, 4 more PolNeAR train articles annotated in session 3 (scores only)",
    "polnear_dev": "PolNeAR dev attributions (cue overlap and source overlap or both absent)",
}


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table per section."""
    lines = []
    for name, sec in report["sections"].items():
        lines.append(f"{TITLES.get(name, name)}: {sec['documents']} document(s)")
        lines.append(f"  {'kind':<13}{'gold':>6}{'pred':>6}{'tp':>6}  {'P':>6} {'R':>6} {'F1':>6}")
        for kind, s in sec["scores"].items():
            row = f"  {kind:<13}{s['gold']:>6}{s['predicted']:>6}{s['tp']:>6}  "
            row += f"{_fmt(s['precision'])} {_fmt(s['recall'])} {_fmt(s['f1'])}"
            if "category_accuracy" in s:
                row += f"   category accuracy {_fmt(s['category_accuracy'])}"
            lines.append(row)
            if s.get("recall_by_category"):
                found = ", ".join(f"{c} {h}/{t}" for c, (h, t) in s["recall_by_category"].items())
                lines.append(f"  {'':<13}found per gold category: {found}")
            if "field_accuracy" in s:
                acc = ", ".join(f"{f} {_fmt(v)}" for f, v in s["field_accuracy"].items())
                lines.append(f"  {'':<13}matched-attribution accuracy: {acc}")
        for problem in sec.get("problems", []):
            lines.append(f"  note: {problem}")
        for crash in sec["crashes"]:
            lines.append(f"  CRASH {crash}")
        lines.append("")
    for msg in report["skipped"].values():
        lines.append(msg)
    return "\n".join(lines).rstrip() + "\n"


def _label(item: dict[str, Any]) -> str:
    if "cue" in item:
        cue = item["cue"]
        src = item.get("source")
        cue_t = cue.get("text") if isinstance(cue, dict) else fragments(cue)
        src_t = src.get("text") if isinstance(src, dict) else (fragments(src) or None)
        return f"cue={cue_t!r} source={src_t!r} kind={item.get('kind')}"
    return f"{item['text']!r} [{item['start']}:{item['end']}] {item.get('category', '')}"


def format_errors(report: dict[str, Any], kind: str) -> str:
    """Missed gold (FN), extra marks (FP) and matched marks with a wrong label (LABEL), per section."""
    lines = []
    for name, sec in report["sections"].items():
        if name in HELD_OUT:
            lines.append(f"{TITLES.get(name, name)}: errors not listed (held out)")
            continue
        errs = sec["errors"].get(kind)
        if errs is None:
            continue
        lines.append(f"{TITLES.get(name, name)} - {kind}: {len(errs)} error(s)")
        for e in errs:
            extra = "".join(f" {f}: gold {g!r} got {p!r};" for f, (g, p) in e.get("fields", {}).items())
            lines.append(f"  {e['type']} {e['doc']}: {_label(e['item'])}{extra}")
    return "\n".join(lines) + "\n"


def _jsonable(report: dict[str, Any]) -> dict[str, Any]:
    out = {"sections": {}, "skipped": report["skipped"]}
    for name, sec in report["sections"].items():
        out["sections"][name] = {
            "documents": sec["documents"],
            "scores": sec["scores"],
            "crashes": sec["crashes"],
            "problems": sec.get("problems", []),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: scores as a table (default) or JSON, optionally with the errors of one kind."""
    ap = argparse.ArgumentParser(prog="python -m mlkit.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="folder holding data/polnear (default: $MLKIT_SHARED or ../shared)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--errors", choices=KINDS, help="also list false positives/negatives of this kind")
    ap.add_argument(
        "--baseline", action="store_true", help="also score a plain word list, the baseline to beat"
    )
    ap.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"comma-separated subset of {','.join(SECTIONS)}",
    )
    args = ap.parse_args(argv)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(TITLES)
    if unknown:
        ap.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    report = evaluate_all(shared=shared_dir(args.shared), sections=sections)
    baseline = None
    if args.baseline:
        hedge_sections = [s for s in sections if s != "polnear_dev"]
        baseline = evaluate_all(
            shared=shared_dir(args.shared), sections=hedge_sections, analyze=baseline_analyzer()
        )
    try:
        _print(report, args.json, args.errors)
        if baseline is not None and not args.json:
            sys.stdout.write("\nBaseline for comparison: a plain word list (no guards, finds no sources)\n\n")
            sys.stdout.write(format_report(baseline))
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        sys.stdout = open(os.devnull, "w")  # swallow the flush at exit
    return 0


def _print(report: dict[str, Any], as_json: bool, errors: str | None) -> None:
    if as_json:
        payload = _jsonable(report)
        if errors:
            payload["errors"] = {n: s["errors"].get(errors, []) for n, s in report["sections"].items()}
        print(json.dumps(payload, indent=1, ensure_ascii=False, default=list))
    else:
        sys.stdout.write(format_report(report))
        if errors:
            sys.stdout.write("\n" + format_errors(report, errors))


if __name__ == "__main__":
    raise SystemExit(main())
