"""Shape checks of Result.to_dict() against the analysis contract (shared/spec/analysis-json.md).

Every consumer (widgets, report, CLI, outside evaluation scripts) relies on these promises, so they are
checked on many inputs: real news, the annotation guide's examples and seeded random nasty strings.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import mlkit

REPO = Path(__file__).resolve().parent.parent
POLNEAR = REPO.parent / "shared" / "data" / "polnear"

# Enumerations fixed by the contract and ANNOTATION.md, shared with the other tests.
from contract_labels import BOOSTER_CATEGORIES, HEDGE_CATEGORIES, KINDS, SOURCE_TYPES, STANCES  # noqa: E402

TOP_KEYS = {"pipeline", "hedges", "boosters", "attributions", "sentences"}
ATTRIBUTION_KEYS = {"cue", "source", "content", "kind", "source_type", "resolved_source", "verb_stance"}

# The guide's own examples: each exercises one rule of the contract's enums.
GUIDE_EXAMPLES = [
    "“We will rebuild,” the governor said.",
    "The governor said the town would be rebuilt.",
    "The governor called the damage “unprecedented.”",
    "According to the ministry, 30 people died. Dozens more were injured, according to the Red Cross.",
    "A memo seen by reporters suggests the plan was dropped. State media reported a second blast.",
    "It was reported that about 40 people were arrested. This could not be independently verified.",
    "Sources close to the team told the paper that the coach may resign. He said nothing.",
    "In May, Theresa May wrote a book about the war. She could not say if it was true.",
    "The mayor clearly lied, an opposition activist claimed. He insisted, without doubt, that it was so.",
    "If confirmed, it would be the largest attack. The ministry admitted it had been warned.",
]

# Pieces that stress offsets and quote handling; a seeded generator glues them into nasty strings.
NASTY_PIECES = [
    "reportedly",
    "allegedly",
    " may ",
    "more than 30",
    "said",
    " according to ",
    "claimed",
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    "\u00a0",
    "\r\n",
    "\n\n",
    "\t",
    "\u200b",
    "\u200d",
    "\u2028",
    "\ufeff",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "e\u0301",
    "👨\u200d👩\u200d👧",
    "👍🏽",
    "قال المسؤول",
    "שלום",
    "<script>",
    "&amp;",
    ".",
    "!",
    "?",
    " ",
    "Mr.",
    "U.S.",
    "He",
    "The mayor",
    "12,000",
    "—",
]


def nasty_strings(n: int, seed: int = 20131) -> list[str]:
    """Deterministic random strings built from NASTY_PIECES (hypothesis is not installed)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(NASTY_PIECES) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def polnear_sample(n: int) -> list[str]:
    """Real news from the shared PolNeAR copy, or nothing when ../shared is absent."""
    files = sorted(POLNEAR.glob("dev/text/*.txt"))[:n]
    return [f.read_text(encoding="utf-8") for f in files]


def assert_span(text: str, span: Any, where: str) -> None:
    """A contract span: int offsets inside the text, non-empty, and text == input[start:end]."""
    assert isinstance(span, dict), f"{where}: not a span: {span!r}"
    start, end = span["start"], span["end"]
    assert type(start) is int and type(end) is int, f"{where}: offsets must be int: {span!r}"
    assert 0 <= start < end <= len(text), f"{where}: offsets {start}..{end} outside 0..{len(text)}"
    assert span["text"] == text[start:end], f"{where}: text {span['text']!r} != input[{start}:{end}]"


def assert_sorted(items: list[dict], key: Any, where: str) -> None:
    starts = [key(item) for item in items]
    assert starts == sorted(starts), f"{where} not sorted by start: {starts}"


def assert_contract(text: str, d: dict[str, Any]) -> None:
    """Every promise of analysis-json.md that can be checked from the output alone."""
    assert TOP_KEYS <= set(d), f"missing keys: {TOP_KEYS - set(d)}"
    assert isinstance(d["pipeline"], str) and d["pipeline"]
    for kind, categories in (("hedges", HEDGE_CATEGORIES), ("boosters", BOOSTER_CATEGORIES)):
        for i, mark in enumerate(d[kind]):
            assert_span(text, mark, f"{kind}[{i}]")
            assert mark["category"] in categories, f"{kind}[{i}] category {mark['category']!r}"
            assert isinstance(mark["explanation"], str) and mark["explanation"].strip()
        assert_sorted(d[kind], lambda m: m["start"], kind)
    for i, a in enumerate(d["attributions"]):
        where = f"attributions[{i}]"
        assert ATTRIBUTION_KEYS <= set(a), f"{where} missing {ATTRIBUTION_KEYS - set(a)}"
        assert_span(text, a["cue"], f"{where}.cue")
        for key in ("source", "content", "resolved_source"):
            if a[key] is not None:
                assert_span(text, a[key], f"{where}.{key}")
        assert a["kind"] in KINDS, f"{where} kind {a['kind']!r}"
        assert a["source_type"] in SOURCE_TYPES, f"{where} source_type {a['source_type']!r}"
        assert a["verb_stance"] in STANCES, f"{where} verb_stance {a['verb_stance']!r}"
        # "none: no source in the text" — so a null source and source_type "none" go together.
        assert (a["source"] is None) == (a["source_type"] == "none"), f"{where}: {a['source_type']=}"
        assert isinstance(a["explanation"], str) and a["explanation"].strip()
    assert_sorted(d["attributions"], lambda a: a["cue"]["start"], "attributions")
    previous_end = 0
    for i, sentence in enumerate(d["sentences"]):
        assert type(sentence["start"]) is int and type(sentence["end"]) is int
        assert previous_end <= sentence["start"] < sentence["end"] <= len(text), f"sentences[{i}] overlaps"
        previous_end = sentence["end"]
    # JSON-ready: a round trip through json gives the same dict (no tuples, sets or objects inside).
    assert json.loads(json.dumps(d)) == d


CORPUS = (
    [("seed", mlkit.seed_article())]
    + [(f"guide{i}", t) for i, t in enumerate(GUIDE_EXAMPLES)]
    + [(f"polnear{i}", t) for i, t in enumerate(polnear_sample(25))]
    + [(f"nasty{i}", t) for i, t in enumerate(nasty_strings(150))]
)


@pytest.mark.parametrize("text", [t for _, t in CORPUS], ids=[name for name, _ in CORPUS])
def test_to_dict_keeps_the_contract(text: str) -> None:
    assert_contract(text, mlkit.analyze(text).to_dict())


@pytest.mark.parametrize("text", [t for _, t in CORPUS], ids=[name for name, _ in CORPUS])
def test_same_input_same_output_twice(text: str) -> None:
    assert mlkit.analyze(text).to_dict() == mlkit.analyze(text).to_dict()


def test_analyze_many_equals_analyze_one_by_one() -> None:
    texts = [t for _, t in CORPUS]
    batched = [r.to_dict() for r in mlkit.analyze_many(texts, batch_size=7)]
    assert batched == [mlkit.analyze(t).to_dict() for t in texts]


def test_result_text_is_the_input_unchanged() -> None:
    for _, text in CORPUS:
        assert mlkit.analyze(text).text == text


def test_seed_article_is_not_trivially_empty() -> None:
    # Guards the checks above against passing vacuously on an engine that finds nothing at all.
    d = mlkit.analyze(mlkit.seed_article()).to_dict()
    assert d["hedges"] and d["attributions"] and d["sentences"]
    assert any(h["text"] == "reportedly" and h["category"] == "evidential" for h in d["hedges"])


def test_known_offsets_by_hand() -> None:
    # Counted by hand: "It " is 3 characters, "reportedly" 10; the cue "said" follows "officials ".
    text = "It reportedly rained, officials said."
    d = mlkit.analyze(text).to_dict()
    assert {"start": 3, "end": 13, "text": "reportedly"} in [
        {k: h[k] for k in ("start", "end", "text")} for h in d["hedges"]
    ]
    assert [(a["cue"]["start"], a["cue"]["end"]) for a in d["attributions"]] == [(32, 36)]


@pytest.mark.slow
def test_every_polnear_article_keeps_the_contract() -> None:
    """All ~900 real articles, in batches as the CLI runs them: none may crash or break a span."""
    files = sorted(POLNEAR.glob("*/text/*.txt"))
    if not files:
        pytest.skip("../shared/data/polnear is not here")
    failures = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        try:
            assert_contract(text, mlkit.analyze(text).to_dict())
        except Exception as exc:  # collect them all: one report beats 900 reruns
            failures.append(f"{path.name}: {type(exc).__name__}: {str(exc)[:120]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_same_output_in_a_fresh_process(hash_seed: str) -> None:
    """Same input, same output on every run: set/dict order must not leak in (PYTHONHASHSEED varies)."""
    script = "import json, mlkit; print(json.dumps(mlkit.analyze(mlkit.seed_article()).to_dict()))"
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert json.loads(proc.stdout) == mlkit.analyze(mlkit.seed_article()).to_dict()
