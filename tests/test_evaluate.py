"""The scoring in mlkit.evaluate, on small cases whose P/R/F1 were worked out by hand.

Why: the engine's published scores are only as good as this arithmetic and matching rule.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from mlkit import evaluate as ev

GOLD = Path(__file__).resolve().parent / "gold"


def sp(start: int, end: int, category: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"start": start, "end": end, "text": "x" * (end - start)}
    if category:
        out["category"] = category
    return out


def attr(cue: tuple[int, int], source: tuple[int, int] | None, **fields: Any) -> dict[str, Any]:
    return {"cue": sp(*cue), "source": sp(*source) if source else None, "content": None, **fields}


def test_perfect() -> None:
    gold = [sp(0, 5, "modal"), sp(10, 20, "evidential")]
    s = ev.score_spans(gold, [dict(g) for g in gold], category=True)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 0, 0)
    assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0)
    assert s["category_accuracy"] == 1.0


def test_one_miss() -> None:
    # gold 2, predicted 1 (correct): P = 1/1, R = 1/2, F1 = 2*1*0.5/1.5 = 2/3
    s = ev.score_spans([sp(0, 5), sp(10, 20)], [sp(0, 5)])
    assert (s["tp"], s["fp"], s["fn"]) == (1, 0, 1)
    assert s["precision"] == 1.0 and s["recall"] == 0.5
    assert s["f1"] == pytest.approx(2 / 3)
    assert s["missed"] == [sp(10, 20)]


def test_one_extra() -> None:
    # gold 1, predicted 2 (one right): P = 1/2, R = 1/1, F1 = 2/3
    s = ev.score_spans([sp(0, 5)], [sp(0, 5), sp(30, 35)])
    assert (s["tp"], s["fp"], s["fn"]) == (1, 1, 0)
    assert s["precision"] == 0.5 and s["recall"] == 1.0
    assert s["f1"] == pytest.approx(2 / 3)
    assert s["extra"] == [sp(30, 35)]


def test_overlap_rule_partial_counts_touching_does_not() -> None:
    assert ev.score_spans([sp(0, 10)], [sp(5, 15)])["tp"] == 1
    assert ev.score_spans([sp(0, 10)], [sp(10, 20)])["tp"] == 0
    assert ev.overlap(sp(0, 10), sp(9, 12)) == 1


def test_each_gold_used_once() -> None:
    # two predictions inside one gold span: one match, one false positive. P = 1/2, R = 1.
    s = ev.score_spans([sp(0, 20)], [sp(0, 5), sp(10, 15)])
    assert (s["tp"], s["fp"], s["fn"]) == (1, 1, 0)
    assert s["precision"] == 0.5


def test_greedy_pairs_by_largest_overlap() -> None:
    # A=[0,10) B=[8,20); X=[0,9) shares 9 with A and 1 with B; Y=[9,20) shares 1 with A, 11 with B.
    s = ev.score_spans([sp(0, 10), sp(8, 20)], [sp(0, 9), sp(9, 20)])
    assert s["pairs"] == [(0, 0), (1, 1)]
    assert s["tp"] == 2


def test_category_accuracy_counts_matched_only() -> None:
    gold = [sp(0, 5, "modal"), sp(10, 15, "evidential"), sp(30, 35, "modal")]
    pred = [sp(0, 5, "modal"), sp(10, 15, "impersonal")]
    s = ev.score_spans(gold, pred, category=True)
    assert s["tp"] == 2
    assert s["category_accuracy"] == 0.5
    assert s["recall_by_category"] == {"modal": [1, 2], "evidential": [1, 1]}
    total = ev.combine([s, ev.score_spans([sp(0, 5, "modal")], [], category=True)])
    assert total["recall_by_category"] == {"evidential": [1, 1], "modal": [1, 3]}


def test_empty_both_is_perfect_and_empty_prediction_scores_zero() -> None:
    assert ev.prf(0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert ev.prf(0, 0, 3) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_attribution_needs_cue_and_source() -> None:
    gold = [attr((10, 14), (0, 9), kind="indirect")]
    assert ev.score_attributions(gold, [attr((10, 14), (4, 8))])["tp"] == 1
    assert ev.score_attributions(gold, [attr((10, 14), (20, 30))])["tp"] == 0, "wrong source"
    assert ev.score_attributions(gold, [attr((40, 44), (0, 9))])["tp"] == 0, "wrong cue"
    assert ev.score_attributions(gold, [attr((10, 14), None)])["tp"] == 0, "source missing"


def test_attribution_null_source_on_both_sides_matches() -> None:
    gold = [attr((0, 6), None, kind="other")]
    s = ev.score_attributions(gold, [attr((0, 6), None, kind="other")])
    assert (s["tp"], s["precision"], s["recall"]) == (1, 1.0, 1.0)
    assert ev.score_attributions(gold, [attr((0, 6), (10, 12))])["tp"] == 0


def test_attribution_field_accuracy() -> None:
    fields = {"kind": "direct", "source_type": "pronoun", "verb_stance": "neutral"}
    gold = [
        attr((10, 14), (0, 2), resolved_source=sp(50, 60), **fields),
        attr(
            (30, 34),
            (20, 28),
            resolved_source=None,
            kind="indirect",
            source_type="named",
            verb_stance="other",
        ),
    ]
    pred = [
        attr((10, 14), (0, 2), resolved_source=sp(55, 58), **{**fields, "kind": "mixed"}),
        attr(
            (30, 34),
            (20, 28),
            resolved_source=sp(0, 2),
            kind="indirect",
            source_type="named",
            verb_stance="other",
        ),
    ]
    s = ev.score_attributions(gold, pred)
    assert s["tp"] == 2
    # kind: 1 of 2 right; source_type 2/2; stance 2/2; resolved: first overlaps, second gold null vs span.
    assert s["field_accuracy"] == {
        "kind": 0.5,
        "source_type": 1.0,
        "verb_stance": 1.0,
        "resolved_source": 0.5,
    }


def test_combine_is_micro_average() -> None:
    doc1 = ev.score_spans([sp(0, 5), sp(10, 15)], [sp(0, 5)])  # tp 1, pred 1, gold 2
    doc2 = ev.score_spans([], [sp(0, 5)])  # tp 0, pred 1, gold 0
    total = ev.combine([doc1, doc2])
    assert (total["tp"], total["predicted"], total["gold"]) == (1, 2, 2)
    assert total["precision"] == 0.5 and total["recall"] == 0.5 and total["f1"] == 0.5


def test_parse_brat_with_discontinuous_span_and_no_source() -> None:
    ann = (
        "T1\tSource 0 5\tAlice\n"
        "T2\tCue 6 10\tsaid\n"
        "T3\tContent 11 20;25 30\tsomething else\n"
        "T4\tAttribution 6 10\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 40 48\tis said\n"
        "T6\tContent 49 60\tto be true\n"
        "T7\tAttribution-no-source 40 48\tis said\n"
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n"
    )
    got = ev.parse_brat(ann)
    assert got == [
        {"cue": [(6, 10)], "source": [(0, 5)], "content": [(11, 20), (25, 30)]},
        {"cue": [(40, 48)], "source": None, "content": [(49, 60)]},
    ]
    assert ev.overlap(got[0]["content"], sp(18, 26)) == 3  # 18-20 and 25-26


def _gold_as_prediction(text: str) -> dict[str, Any]:
    for line in (GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["text"] == text:
            return row
    for line in (GOLD / "wikinews.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if (ev.repo_root() / row["text_file"]).read_text(encoding="utf-8") == text:
            return row
    return json.loads((GOLD / "seed.json").read_text(encoding="utf-8"))


def test_evaluate_all_gold_against_itself_is_perfect(tmp_path: Path) -> None:
    report = ev.evaluate_all(shared=tmp_path, analyze=_gold_as_prediction)
    for name in ("seed", "dev", "wikinews"):
        for kind, s in report["sections"][name]["scores"].items():
            assert s["f1"] == 1.0, (name, kind)
            assert s["fp"] == 0 and s["fn"] == 0
    assert report["sections"]["dev"]["scores"]["attributions"]["field_accuracy"]["kind"] == 1.0
    assert report["sections"]["wikinews"]["documents"] >= 3
    assert report["sections"]["wikinews"]["errors"] == {}, "held out: its errors are never listed"
    assert "Wikinews practice articles (held out" in ev.format_report(report)
    assert (
        report["skipped"]["polnear_dev"] == f"PolNeAR not found at {tmp_path / 'data' / 'polnear'}: skipping"
    )


def test_evaluate_all_reports_a_crash_and_keeps_going(tmp_path: Path) -> None:
    def broken(text: str) -> dict[str, Any]:
        raise RuntimeError("boom")

    report = ev.evaluate_all(shared=tmp_path, analyze=broken, sections=("seed",))
    seed = report["sections"]["seed"]
    assert seed["crashes"] and "boom" in seed["crashes"][0]
    assert seed["scores"]["hedges"]["recall"] == 0.0
    assert "CRASH" in ev.format_report(report)


def test_shared_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLKIT_SHARED", str(tmp_path / "env"))
    assert ev.shared_dir("/cli") == Path("/cli")
    assert ev.shared_dir(None) == tmp_path / "env"
    monkeypatch.delenv("MLKIT_SHARED")
    assert ev.shared_dir(None) == ev.repo_root().parent / "shared"
    assert (ev.repo_root() / "pyproject.toml").is_file()


def test_errors_list_misses_extras_and_wrong_labels(tmp_path: Path) -> None:
    def off_by_one(text: str) -> dict[str, Any]:
        row = _gold_as_prediction(text)
        hedges = [dict(h, category="modal") for h in row["hedges"][1:]]
        return {**row, "hedges": hedges + [sp(0, 1, "modal")]}

    report = ev.evaluate_all(shared=tmp_path, analyze=off_by_one, sections=("seed",))
    errs = report["sections"]["seed"]["errors"]["hedges"]
    # seed: 10 gold hedges; the first is dropped (FN), one extra at [0,1) (FP); the other 9 are relabelled
    # "modal" while all of them are evidential/approximator/impersonal: 9 LABEL errors.
    assert [e["type"] for e in errs].count("FN") == 1
    assert [e["type"] for e in errs].count("FP") == 1
    assert [e["type"] for e in errs].count("LABEL") == 9
    assert report["sections"]["seed"]["scores"]["hedges"]["category_accuracy"] == 0.0
    text = ev.format_errors(report, "hedges")
    assert "FN" in text and "FP" in text and "category: gold" in text


def test_main_skips_polnear_with_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--sections", "polnear_dev,polnear_hedges", "--shared", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"PolNeAR not found at {tmp_path / 'data' / 'polnear'}: skipping" in out


def test_missing_answer_key_is_skipped(tmp_path: Path) -> None:
    report = ev.evaluate_all(
        shared=tmp_path, analyze=_gold_as_prediction, gold=tmp_path, sections=("seed", "dev")
    )
    assert report["sections"] == {}
    assert "Answer key not found" in report["skipped"]["seed"]


def test_polnear_dev_loader_uses_one_annotation_per_article(tmp_path: Path) -> None:
    base = tmp_path / "data" / "polnear" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / "a.txt").write_text("Bob said no.", encoding="utf-8")
    one = (
        "T1\tSource 0 3\tBob\nT2\tCue 4 8\tsaid\nT3\tContent 9 11\tno\n"
        "E1\tAttribution:T2 Cue:T2 Source:T1 Content:T3\n"
    )
    (base / "attributions" / "a_aaaa.ann").write_text(one, encoding="utf-8")
    (base / "attributions" / "a_bbbb.ann").write_text("", encoding="utf-8")
    docs, notes = ev.load_polnear_dev(tmp_path)
    assert [d["id"] for d in docs] == ["dev/text/a.txt"]
    assert docs[0]["attributions"] == [{"cue": [(4, 8)], "source": [(0, 3)], "content": [(9, 11)]}]
    assert notes == ["1 article(s) annotated by several annotators: the first annotation file is used"]

    def bob(text: str) -> dict[str, Any]:
        return {"attributions": [attr((4, 8), (0, 3))]}

    report = ev.evaluate_all(shared=tmp_path, analyze=bob, sections=("polnear_dev",))
    assert report["sections"]["polnear_dev"]["scores"]["attributions"]["f1"] == 1.0


def test_held_out_errors_are_never_listed(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    text_dir = tmp_path / "data" / "polnear" / "train" / "text"
    text_dir.mkdir(parents=True)
    raw = b"It may rain."
    (text_dir / "a.txt").write_bytes(raw)
    row = {
        "file": "train/text/a.txt",
        "sha256": hashlib.sha256(raw).hexdigest(),
        "hedges": [sp(3, 6, "modal")],
        "boosters": [],
    }
    (gold / "polnear_holdout.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")

    def nothing(text: str) -> dict[str, Any]:
        return {"hedges": [], "boosters": []}

    report = ev.evaluate_all(shared=tmp_path, analyze=nothing, gold=gold, sections=("polnear_holdout",))
    sec = report["sections"]["polnear_holdout"]
    assert sec["scores"]["hedges"]["fn"] == 1
    assert sec["errors"] == {}
    assert "errors not listed (held out)" in ev.format_errors(report, "hedges")


def test_held_out_keys_are_also_scored_together(tmp_path: Path) -> None:
    """Counts worked out by hand: gold 4 (1 + 2 + 1), predicted 3, matched 2, one with the right category."""
    gold = tmp_path / "gold"
    gold.mkdir()
    text_dir = tmp_path / "data" / "polnear" / "train" / "text"
    text_dir.mkdir(parents=True)
    keys = {
        "polnear_holdout": ("a.txt", b"It may rain.", [sp(3, 6, "modal")]),
        "polnear_holdout2": (
            "b.txt",
            b"It might snow, perhaps.",
            [sp(3, 8, "modal"), sp(15, 22, "epistemic_adjective_adverb")],
        ),
        "polnear_holdout3": ("c.txt", b"About 40 came.", [sp(0, 8, "approximator")]),
    }
    for name, (file, raw, hedges) in keys.items():
        (text_dir / file).write_bytes(raw)
        row = {"file": f"train/text/{file}", "sha256": hashlib.sha256(raw).hexdigest(), "hedges": hedges}
        (gold / f"{name}.jsonl").write_text(json.dumps({**row, "boosters": []}) + "\n", encoding="utf-8")

    def words(text: str) -> dict[str, Any]:  # "may" right, "perhaps" wrong category, "came" wrong
        marks = [(text.find(w), w) for w in ("may", "perhaps", "came") if w in text]
        return {"hedges": [sp(i, i + len(w), "modal") for i, w in marks], "boosters": []}

    report = ev.evaluate_all(shared=tmp_path, analyze=words, gold=gold, sections=tuple(keys))
    total = report["sections"][ev.HOLDOUT_ALL]
    assert total["documents"] == 3
    hedges = total["scores"]["hedges"]
    assert (hedges["gold"], hedges["predicted"], hedges["tp"]) == (4, 3, 2)
    assert hedges["precision"] == pytest.approx(2 / 3)
    assert hedges["recall"] == pytest.approx(1 / 2)
    assert hedges["f1"] == pytest.approx(4 / 7)
    assert hedges["category_accuracy"] == pytest.approx(1 / 2)
    assert list(report["sections"])[-1] == ev.HOLDOUT_ALL
    assert "All held-out PolNeAR hedge keys together" in ev.format_report(report)
    assert "errors not listed (held out)" in ev.format_errors(report, "hedges")
    assert "FN" not in ev.format_errors(report, "hedges")

    two = ev.evaluate_all(shared=tmp_path, analyze=words, gold=gold, sections=tuple(keys)[:2])
    assert ev.HOLDOUT_ALL not in two["sections"], "only when every held-out key was scored"


def test_wikinews_section_skips_an_article_edited_after_annotation(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    row = json.loads((GOLD / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()[0])
    (gold / "wikinews.jsonl").write_text(json.dumps({**row, "sha256": "0" * 64}) + "\n", encoding="utf-8")
    report = ev.evaluate_all(shared=tmp_path, analyze=_gold_as_prediction, gold=gold, sections=("wikinews",))
    sec = report["sections"]["wikinews"]
    assert sec["documents"] == 0
    assert sec["problems"] == [f"{row['text_file']}: sha256 differs from the key, skipped"]
