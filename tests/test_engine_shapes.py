"""Texts shaped to hide sentence boundaries or grow one sentence without end (issue 13).

No timings here: `python -m mlkit.bench_shapes` prints seconds per MB for each shape. These tests pin
down the properties that keep the time linear: an invisible character never hides a boundary, a bare
carriage return ends a line, no sentence grows past a bounded length, and the quotation finding never
reports a span that grows with the text.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import mlkit
from mlkit.bench_shapes import SHAPES
from mlkit.components.sentences import MAX_TOKENS, sentence_bounds
from mlkit.findings import quotation_integrity

FORMAT_CHARS = ["\u200e", "\u200f", "\u200b", "\ufeff", "\u2060", "\u202e", "\u202c", "\u00ad"]


def sentence_texts(text: str) -> list[str]:
    return [text[s["start"] : s["end"]] for s in mlkit.analyze(text).sentences]


@pytest.mark.parametrize("mark", FORMAT_CHARS, ids=[f"U+{ord(c):04X}" for c in FORMAT_CHARS])
def test_a_format_character_after_a_full_stop_still_ends_the_sentence(mark: str) -> None:
    for glue in (" ", ""):  # "left.\u200e Then" and "left.\u200eThen"
        text = f"He left the town.{mark}{glue}Then he came back."
        assert sentence_texts(text) == ["He left the town.", "Then he came back."], repr(text)


def test_a_format_character_at_a_line_start_is_not_part_of_the_sentence() -> None:
    text = "First line here.\n\ufeffAlso on the site: more news\n\u202a”We are done,” she said."
    assert sentence_texts(text) == [
        "First line here.",
        "Also on the site: more news",
        "”We are done,” she said.",
    ]


def test_a_format_character_inside_a_word_stays_in_the_word() -> None:
    text = "The com\u00admander left. Then he came back."
    assert sentence_texts(text) == ["The com\u00admander left.", "Then he came back."]


def test_an_attribution_is_found_across_an_invisible_mark() -> None:
    text = "The mayor resigned.\u200e“We are done,” the council said."
    attrs = mlkit.analyze(text).attributions
    assert [(a["cue"]["text"], a["source"]["text"], a["content"]["text"]) for a in attrs] == [
        ("said", "the council", "“We are done,”")
    ]


@pytest.mark.parametrize("newline", ["\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"])
def test_every_kind_of_line_break_ends_a_sentence(newline: str) -> None:
    text = f"officials said the plan would fail{newline}the minister said it would not"
    assert sentence_texts(text) == ["officials said the plan would fail", "the minister said it would not"]


@pytest.mark.parametrize("shape", list(SHAPES))
def test_no_sentence_grows_past_the_bound(shape: str) -> None:
    text = SHAPES[shape](30_000)
    doc = mlkit.get_nlp()(text)
    bounds = sentence_bounds(doc)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(a_end == b_start for (_, a_end), (b_start, _) in zip(bounds, bounds[1:], strict=False))
    assert max(end - start for start, end in bounds) <= MAX_TOKENS


def test_a_long_run_on_sentence_is_cut_at_a_comma_when_it_can_be() -> None:
    words = ["word"] * 250 + [","] + ["word"] * 250
    doc = mlkit.get_nlp()(" ".join(words))
    first_end = sentence_bounds(doc)[0][1]
    assert doc[first_end - 1].text == ","


def test_real_sentences_are_far_below_the_bound() -> None:
    doc = mlkit.get_nlp()(mlkit.seed_article())
    assert max(end - start for start, end in sentence_bounds(doc)) < MAX_TOKENS // 2


def test_deeply_nested_quotations_give_short_problem_spans() -> None:
    """Each quotation of a deep nest holds all the ones inside it: reporting each one in full would make
    the finding's output (and time) grow with the square of the text."""
    depth = 2_000
    text = "“a ‘b " * depth + "c’ d” " * depth
    items = quotation_integrity(mlkit.analyze(text))
    assert items  # mixed and unbalanced marks are reported ...
    assert max(q["end"] - q["start"] for q in items) <= 3_000  # ... each on a bounded span
    assert all(text[q["start"] : q["end"]] == q["text"] for q in items)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_shape_is_built_to_the_size_asked_and_the_same_every_time(shape: str) -> None:
    assert len(SHAPES[shape](5_000)) == 5_000
    assert SHAPES[shape](5_000) == SHAPES[shape](5_000)


def test_bench_shapes_prints_a_ratio_for_a_shape() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mlkit.bench_shapes", "--quick", "--shape", "lowercase prose, no full stops"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    assert "lowercase prose, no full stops: ratio 0.04 MB / 0.01 MB" in out
    assert "PASS" in out or "MISS" in out
