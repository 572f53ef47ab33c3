"""The answer keys are well formed: spans point at their text, labels come from ANNOTATION.md.

Why: a key with a drifted offset or a misspelt category would silently score the engine wrong.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
#: The hand-annotated PolNeAR hedge keys: the development key, then the held-out ones.
POLNEAR_KEYS = ("polnear_hedges", "polnear_holdout", "polnear_holdout2", "polnear_holdout3")

# The labels ANNOTATION.md defines, kept as data next to the keys.
from contract_labels import HEDGE_CATEGORIES, KINDS, LABELS, SOURCE_TYPES, STANCES  # noqa: E402

TRAPS = [
    "month May",
    "Theresa May",
    "about the topic",
    "she could not say",
    "you may enter",
    "insurance claims",
    "some people",
    "up to meaning rose to",
    "could not be clearer",
    "appeared in court",
]


def _seed() -> tuple[str, dict[str, Any]]:
    key = json.loads((GOLD / "seed.json").read_text(encoding="utf-8"))
    return (ROOT / key["text_file"]).read_text(encoding="utf-8"), key


def _dev() -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in (GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]


def _wikinews() -> list[dict[str, Any]]:
    lines = (GOLD / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def _check_span(text: str, span: dict[str, Any] | None, where: str) -> None:
    if span is None:
        return
    assert 0 <= span["start"] < span["end"] <= len(text), where
    assert text[span["start"] : span["end"]] == span["text"], where


def _check_entry(text: str, entry: dict[str, Any], where: str) -> None:
    for kind in ("hedges", "boosters"):
        starts = [s["start"] for s in entry[kind]]
        assert starts == sorted(starts), f"{where}: {kind} not sorted"
        for s in entry[kind]:
            _check_span(text, s, f"{where} {kind} {s['text']!r}")
    for h in entry["hedges"]:
        assert h["category"] in HEDGE_CATEGORIES, f"{where}: {h}"
    for b in entry["boosters"]:
        assert b["category"] in LABELS["booster_categories"], f"{where}: {b}"
    cue_starts = [a["cue"]["start"] for a in entry["attributions"]]
    assert cue_starts == sorted(cue_starts), f"{where}: attributions not sorted by cue"
    for a in entry["attributions"]:
        label = f"{where} attribution {a['cue']['text']!r}"
        for part in ("cue", "source", "content", "resolved_source"):
            _check_span(text, a[part], f"{label} {part}")
        assert a["cue"] is not None, label
        assert a["kind"] in KINDS, label
        assert a["source_type"] in SOURCE_TYPES, label
        assert a["verb_stance"] in STANCES, label
        assert (a["source"] is None) == (a["source_type"] == "none"), label
        if a["source_type"] == "pronoun":
            assert a["resolved_source"] is not None, f"{label}: a pronoun must resolve"
            assert a["resolved_source"]["start"] < a["source"]["start"], f"{label}: resolves backwards"


def test_seed_spans_point_at_their_text() -> None:
    text, key = _seed()
    _check_entry(text, key, "seed")


def test_seed_key_follows_the_lessons() -> None:
    """Counts checked by hand against the lead's list of decisions for the seed."""
    _, key = _seed()
    assert len(key["hedges"]) == 10
    assert [b["text"] for b in key["boosters"]] == ["completely", "it became clear"]
    assert len(key["attributions"]) == 10
    assert all(item.get("note") for kind in ("hedges", "boosters", "attributions") for item in key[kind])
    texts = [h["text"] for h in key["hedges"]]
    for not_hedge in ("claimed", "According to", "Report", "thinking"):
        assert not_hedge not in texts
    according = [a for a in key["attributions"] if a["cue"]["text"] == "according\u00a0to"]
    assert len(according) == 1, "the NBSP inside 'according to' must be kept"


def test_dev_spans_point_at_their_text() -> None:
    rows = _dev()
    assert len(rows) >= 30
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["covers"], row["id"]
        _check_entry(row["text"], row, row["id"])


def test_dev_covers_every_label() -> None:
    rows = _dev()
    hedges = {h["category"] for r in rows for h in r["hedges"]}
    attrs = [a for r in rows for a in r["attributions"]]
    assert hedges == HEDGE_CATEGORIES
    assert {a["kind"] for a in attrs} == KINDS
    assert {a["source_type"] for a in attrs} == SOURCE_TYPES
    assert {a["verb_stance"] for a in attrs} == STANCES
    assert sum(1 for r in rows for _ in r["boosters"]) >= 5


def test_dev_covers_traps_careful_and_plain_passages() -> None:
    rows = _dev()
    covers = " | ".join(c for r in rows for c in r["covers"])
    for trap in TRAPS:
        assert trap in covers, trap
    assert sum("careful" in r["covers"] for r in rows) >= 8, "the kit must not teach cynicism"
    assert sum(not r["hedges"] for r in rows) >= 5
    assert any("\u00a0" in r["text"] for r in rows)
    assert any("\u201c" in r["text"] for r in rows) and any('"' in r["text"] for r in rows)


def test_answer_keys_match_their_sources() -> None:
    """The committed keys are exactly what tests/gold/annotate.py builds from tests/gold/src."""
    spec = importlib.util.spec_from_file_location("annotate", GOLD / "annotate.py")
    assert spec and spec.loader
    annotate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(annotate)
    assert annotate.build_seed() == json.loads((GOLD / "seed.json").read_text(encoding="utf-8"))
    assert annotate.build_dev() == _dev()
    assert annotate.build_wikinews() == _wikinews()


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="PolNeAR not present at ../shared/data/polnear")
@pytest.mark.parametrize("name", POLNEAR_KEYS)
def test_polnear_keys_match_their_sources(name: str) -> None:
    """Each committed PolNeAR key is exactly what annotate.py builds from its source and the article."""
    spec = importlib.util.spec_from_file_location("annotate", GOLD / "annotate.py")
    assert spec and spec.loader
    annotate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(annotate)
    lines = (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    assert annotate.build_polnear(POLNEAR.parent.parent, name) == [json.loads(line) for line in lines if line]


def test_wikinews_keys_point_at_the_shipped_articles() -> None:
    """Every practice article has a key and every key an article; offsets, labels and notes are valid."""
    rows = _wikinews()
    articles = ROOT / "mlkit" / "data" / "articles"
    shipped = sorted(p.stem for p in articles.glob("*.txt"))
    assert 3 <= len(rows) <= 6
    assert sorted(r["id"] for r in rows) == shipped
    for row in rows:
        assert row["text_file"] == f"mlkit/data/articles/{row['id']}.txt"
        assert (articles / f"{row['id']}.SOURCE.md").is_file(), row["id"]
        raw = (ROOT / row["text_file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == row["sha256"], f"{row['id']}: text changed after annotation"
        _check_entry(raw.decode("utf-8"), row, row["id"])
        items = row["hedges"] + row["boosters"] + row["attributions"]
        assert items and all(item.get("note") for item in items), f"{row['id']}: every mark explains itself"
        assert row["attributions"], f"{row['id']}: a practice article must have sources to find"


def test_wikinews_keys_use_every_source_type_and_a_spread_of_hedges() -> None:
    """The set teaches what the lessons teach: named, not named, pronoun and no-one sources; several
    hedge categories; and at least one nested report (a cue whose content holds another cue)."""
    rows = _wikinews()
    attrs = [a for r in rows for a in r["attributions"]]
    assert {a["source_type"] for a in attrs} == SOURCE_TYPES
    assert len({h["category"] for r in rows for h in r["hedges"]}) >= 4
    nested = [
        (outer, inner)
        for r in rows
        for outer in r["attributions"]
        for inner in r["attributions"]
        if inner is not outer and outer["content"]["start"] <= inner["cue"]["start"] < outer["content"]["end"]
    ]
    assert nested


def test_annotate_refuses_a_missing_or_partial_word() -> None:
    spec = importlib.util.spec_from_file_location("annotate", GOLD / "annotate.py")
    assert spec and spec.loader
    annotate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(annotate)
    text = "Within the hour, it rained; it stopped."
    assert annotate.locate(text, "it") == {"start": 17, "end": 19, "text": "it"}
    assert annotate.locate(text, "it#1")["start"] == 28
    assert annotate.locate(text, "the hour ~~ rained")["text"] == "the hour, it rained"
    with pytest.raises(annotate.AnnotationError):
        annotate.locate(text, "it#2")


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="PolNeAR not present at ../shared/data/polnear")
@pytest.mark.parametrize(
    "name, least",
    [("polnear_hedges", 6), ("polnear_holdout", 5), ("polnear_holdout2", 4), ("polnear_holdout3", 10)],
)
def test_polnear_hedges_point_at_their_files(name: str, least: int) -> None:
    path = GOLD / f"{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    assert least <= len(rows) <= 20
    for row in rows:
        assert set(row) == {"file", "sha256", "hedges", "boosters"}, "no article text in the project"
        assert row["file"].startswith("train/text/")
        raw = (POLNEAR / row["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == row["sha256"], row["file"]
        text = raw.decode("utf-8")
        _check_entry(text, {**row, "attributions": []}, row["file"])
        for span in row["hedges"] + row["boosters"]:
            assert len(span["text"]) <= 40, f"{row['file']}: spans stay short"


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="PolNeAR not present at ../shared/data/polnear")
def test_holdout_articles_are_not_in_the_development_key() -> None:
    def files(name: str) -> set[str]:
        lines = (GOLD / f"{name}.jsonl").read_text("utf-8").splitlines()
        return {json.loads(line)["file"] for line in lines if line}

    for i, a in enumerate(POLNEAR_KEYS):
        for b in POLNEAR_KEYS[i + 1 :]:
            assert not files(a) & files(b), f"{a} and {b} share an article"


SPEC = ROOT.parent / "shared" / "spec" / "ANNOTATION.md"


@pytest.mark.skipif(not SPEC.is_file(), reason="ANNOTATION.md not present at ../shared/spec")
def test_labels_are_the_ones_annotation_md_defines() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    table = set(re.findall(r"^\| (\w+) \|", spec, flags=re.M)) - {"category"}
    assert table == HEDGE_CATEGORIES
    for kind in KINDS:
        assert f"- {kind}:" in spec, kind
    for label in SOURCE_TYPES | STANCES:
        assert f"- {label}:" in spec, label
