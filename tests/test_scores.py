"""The engine against the hand-made answer keys: the issue's targets, and the seed key in every detail.

PolNeAR (real news, read from ../shared) is reported by `python -m mlkit.evaluate`; here it only guards
against regressions, and is skipped with a message when ../shared is absent.
"""

from __future__ import annotations

import json

import pytest

import mlkit
from mlkit import evaluate

GOLD = evaluate.gold_dir()


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate.evaluate_all(sections=("seed", "dev"))


def f1(report: dict, section: str, kind: str) -> float:
    return report["sections"][section]["scores"][kind]["f1"]


def test_seed_targets(report: dict) -> None:
    assert f1(report, "seed", "hedges") >= 0.95
    assert f1(report, "seed", "attributions") >= 0.95


def test_dev_targets(report: dict) -> None:
    assert report["sections"]["dev"]["documents"] >= 30
    assert f1(report, "dev", "hedges") >= 0.95
    assert f1(report, "dev", "attributions") >= 0.90


def _spans(items: list[dict], *fields: str) -> list[tuple]:
    return [
        tuple((i[f]["start"], i[f]["end"]) if isinstance(i[f], dict) else i[f] for f in fields) for i in items
    ]


def test_seed_answer_key_in_every_detail_lessons_use() -> None:
    """Lessons 02–04 quote these marks and sources: they must match the hand-made key exactly."""
    key = json.loads((GOLD / "seed.json").read_text(encoding="utf-8"))
    got = mlkit.analyze(mlkit.seed_article())
    assert [(h["start"], h["end"], h["category"]) for h in got.hedges] == [
        (h["start"], h["end"], h["category"]) for h in key["hedges"]
    ]
    assert [(b["start"], b["end"]) for b in got.boosters] == [(b["start"], b["end"]) for b in key["boosters"]]
    fields = ("cue", "source", "content", "resolved_source", "kind", "source_type", "verb_stance")
    assert _spans(got.attributions, *fields) == _spans(key["attributions"], *fields)


def test_polnear_dev_does_not_regress() -> None:
    shared = evaluate.shared_dir()
    if not (shared / "data" / "polnear").is_dir():
        pytest.skip(f"PolNeAR not found under {shared}: skipping the real-news check")
    rep = evaluate.evaluate_all(shared=shared, sections=("polnear_dev",))
    score = rep["sections"]["polnear_dev"]["scores"]["attributions"]
    # Measured 0.58 F1 (P 0.83, R 0.44) when this guard was written; the target is 0.70.
    assert score["f1"] >= 0.55 and score["precision"] >= 0.75


def test_clearly_better_than_a_word_list(report: dict) -> None:
    """The issue's bar: a plain word list falls into every trap and finds no sources."""
    base = evaluate.evaluate_all(sections=("seed", "dev"), analyze=evaluate.baseline_analyzer())
    for section in ("seed", "dev"):
        assert f1(report, section, "hedges") >= f1(base, section, "hedges") + 0.25
        assert f1(base, section, "attributions") == 0.0 < f1(report, section, "attributions")


def test_baseline_falls_into_the_traps() -> None:
    marks = evaluate.baseline_analyzer()("In May she wrote a book about the war and could not say.")["hedges"]
    assert [m["text"] for m in marks] == ["May", "about", "could"]
