"""Score ``mlkit.analyze`` against hand-made answer keys: ``python -m mlkit.evaluate``.

Why: the lessons promise students that the highlights follow ANNOTATION.md; this prints how often
they do (precision, recall, F1 per kind) on the seed key, the dev passages, the kit's practice articles
(real Wikinews news, held out), hand-annotated hedges in real PolNeAR news, and PolNeAR's own
attribution annotations. How spans are matched and scored is ``mlkit.scoring``; where the keys are
and how they are read is ``mlkit.gold``; this module runs the engine over them and prints the report.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mlkit.gold import (
    gold_dir,
    load_dev,
    load_polnear_dev,
    load_polnear_hedges,
    load_seed,
    load_wikinews,
    parse_brat,
    repo_root,
    shared_dir,
)
from mlkit.scoring import (
    ATTR_FIELDS,
    KINDS,
    combine,
    fragments,
    overlap,
    prf,
    same_field,
    score_attributions,
    score_spans,
)

Analyzer = Callable[[str], dict[str, Any]]
#: What tests and scripts reach through ``mlkit.evaluate`` (scoring and gold live in their own modules).
__all__ = [
    "ATTR_FIELDS", "KINDS", "combine", "evaluate_all", "format_errors", "format_report", "fragments",
    "gold_dir", "load_polnear_dev", "main", "overlap", "parse_brat", "prf", "repo_root",
    "score_attributions", "score_spans", "shared_dir",
]  # fmt: skip
SECTIONS = (
    "seed", "dev", "wikinews", "polnear_hedges", "polnear_holdout", "polnear_holdout2", "polnear_holdout3",
    "polnear_dev",
)  # fmt: skip
#: The hand-annotated PolNeAR hedge keys; all but the first are held out.
POLNEAR_HEDGE_KEYS = ("polnear_hedges", "polnear_holdout", "polnear_holdout2", "polnear_holdout3")
#: Printed after the held-out PolNeAR keys when all of them were scored: their counts added up.
HOLDOUT_ALL = "polnear_holdout_all"
# Keys whose errors are never listed, so that one figure stays an honest estimate on unseen text.
HELD_OUT = frozenset({"wikinews", *POLNEAR_HEDGE_KEYS[1:], HOLDOUT_ALL})


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
        wrong = {f: [_show(g.get(f)), _show(p.get(f))] for f in names if not same_field(f, g, p)}
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
    for name in (*POLNEAR_HEDGE_KEYS, "polnear_dev"):
        if name not in sections:
            continue
        if not polnear.is_dir():
            report["skipped"][name] = f"PolNeAR not found at {polnear}: skipping"
            continue
        if name in POLNEAR_HEDGE_KEYS:
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
        if name == POLNEAR_HEDGE_KEYS[-1]:
            _add_holdout_total(report)
    return report


def _add_holdout_total(report: dict[str, Any]) -> None:
    """One figure for every held-out PolNeAR key together (micro-averaged: counts added up)."""
    parts = [report["sections"].get(name) for name in POLNEAR_HEDGE_KEYS[1:]]
    if not all(parts):
        return
    report["sections"][HOLDOUT_ALL] = {
        "documents": sum(p["documents"] for p in parts),
        "scores": {k: combine([p["scores"][k] for p in parts]) for k in ("hedges", "boosters")},
        "errors": {},  # held out: scores only
        "crashes": [],
        "problems": [],
    }


# ---------------------------------------------------------------- printing

TITLES = {
    "seed": "Seed article key (tests/gold/seed.json)",
    "dev": "Dev passages (tests/gold/dev.jsonl)",
    "wikinews": "Wikinews practice articles (held out: scores only; tests/gold/wikinews.jsonl)",
    "polnear_hedges": "Hand-annotated hedges in PolNeAR train articles (tests/gold/polnear_hedges.jsonl)",
    "polnear_holdout": "Held-out hedges in other PolNeAR train articles (scores only, errors never listed)",
    "polnear_holdout2": "Held-out hedges, 4 more PolNeAR train articles annotated in session 3 (scores only)",
    "polnear_holdout3": "Held-out hedges, 10 more PolNeAR train articles drawn at random (scores only)",
    HOLDOUT_ALL: "All held-out PolNeAR hedge keys together (holdout, holdout2, holdout3; scores only)",
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
    unknown = set(sections) - set(SECTIONS)
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
