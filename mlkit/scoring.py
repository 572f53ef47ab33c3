"""Scoring spans and attributions against a hand-made key: plain functions, tested on small hand-worked
cases (tests/test_evaluate.py), used by ``mlkit.evaluate``.

Matching rule: two spans match when they overlap by at least one character; pairs are made one to
one, greedily by largest overlap, so each gold span is used at most once. An attribution matches when
its cue overlaps AND its source overlaps (or both sources are absent).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Fragments = list[tuple[int, int]]
ATTR_FIELDS = ("kind", "source_type", "verb_stance", "resolved_source")
KINDS = ("hedges", "boosters", "attributions")

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


def same_field(field: str, g: dict[str, Any], p: dict[str, Any]) -> bool:
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
    out["field_correct"] = {f: sum(same_field(f, gold[gi], pred[pi]) for gi, pi in pairs) for f in fields}
    out["field_accuracy"] = {f: (n / len(pairs) if pairs else None) for f, n in out["field_correct"].items()}
    return out


def combine(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro-average several documents' scores: add up counts, then recompute the ratios."""
    tp = sum(p["tp"] for p in parts)
    out = _summary(tp, sum(p["predicted"] for p in parts), sum(p["gold"] for p in parts))
    n_pairs = tp
    if any("category_correct" in p for p in parts):
        right = sum(p.get("category_correct", 0) for p in parts)
        out["category_correct"] = right  # kept so that combined scores can be combined again
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
