"""Who stands behind each report: one definition (mlkit.sourcing) for every view, pronoun chains followed,
loops and dead ends safe, and the same count in the exercise, the lessons, the charts and the comparison."""

from __future__ import annotations

from test_widgets_support import span

import mlkit
from mlkit import lessons, plots, sourcing
from mlkit.result import Result
from mlkit.widgets import who_is_the_source


def attr(text: str, source: str | None, kind: str, resolved: str | None = None, nth: int = 0) -> dict:
    return {
        "cue": span(text, "said", nth),
        "source": span(text, source) if source else None,
        "resolved_source": span(text, resolved) if resolved else None,
        "source_type": kind,
        "verb_stance": "neutral",
        "kind": "indirect",
    }


def test_groups_follow_pronoun_chains_and_survive_loops() -> None:
    t = "Ana Diaz said it. An aide said so. She said more. He said less. They said all. It said none. X said."
    r = Result(
        text=t,
        pipeline="t",
        attributions=[
            attr(t, "Ana Diaz", "named"),
            attr(t, "An aide", "unnamed", nth=1),
            attr(t, "She", "pronoun", "Ana Diaz", nth=2),  # → a name
            attr(t, "He", "pronoun", "She", nth=3),  # → "She" → a name: a chain
            attr(t, "They", "pronoun", "It", nth=4),  # "They" → "It" → "They": a loop
            attr(t, "It", "pronoun", "They", nth=5),
            attr(t, None, "none", nth=6),
        ],
    )
    assert sourcing.groups(r) == ["named", "not named", "named", "named", "not named", "not named", "no one"]
    assert sourcing.source_counts(r) == {"named": 3, "not named": 3, "no one": 1}


def test_a_pronoun_resolved_to_words_no_report_uses_is_named_only_if_it_is_a_name() -> None:
    t = "Officials met. He said yes. She said no."
    r = Result(text=t, pipeline="t", attributions=[
        attr(t, "He", "pronoun", "Officials"),  # capitalised, but a plural noun: the kit treats it as a name
        {**attr(t, "She", "pronoun", nth=1), "resolved_source": None},
    ])  # fmt: skip
    assert sourcing.groups(r) == ["named", "not named"]


def test_a_long_chain_is_linear_not_quadratic() -> None:
    n = 3000
    t = "Ana said. " + " ".join(f"P{i} said." for i in range(n))
    atts = [attr(t, "Ana", "named")]
    for i in range(n):
        prev = "Ana" if i == 0 else f"P{i - 1} said"
        a = attr(t, f"P{i} said", "pronoun", prev, nth=i + 1)
        a["source"] = span(t, f"P{i} said")
        atts.append(a)
    r = Result(text=t, pipeline="t", attributions=atts)
    assert set(sourcing.groups(r)) == {
        "named"
    }  # each step is visited once (3,000 deep would overflow a recursion)


def test_every_view_counts_the_seed_the_same_way() -> None:
    r = mlkit.analyze(mlkit.seed_article())
    counts = sourcing.source_counts(r)
    assert lessons.source_counts(r) == counts
    stats = plots.text_stats(r)
    assert [
        stats["reports by a named source"],
        stats["reports by a source not named"],
        stats["reports with no source"],
    ] == [counts["named"], counts["not named"], counts["no one"]]
    chart = plots.describe(plots.source_chart(r))
    assert f"named {counts['named']}, not named {counts['not named']}, no one {counts['no one']}" in chart
    exercise = who_is_the_source(r)
    kinds = {g.kind for g in exercise.gold}
    assert kinds <= {"named", "unnamed"} and len(exercise.no_source) == counts["no one"]


def test_a_description_resolved_to_a_named_source_counts_as_named_but_keeps_its_type() -> None:
    t = "Asharq Al-Awsat said it. The newspaper said more. An aide said so. The aide said less."
    r = Result(
        text=t,
        pipeline="t",
        attributions=[
            attr(t, "Asharq Al-Awsat", "named"),
            attr(t, "The newspaper", "unnamed", "Asharq Al-Awsat", nth=1),
            attr(t, "An aide", "unnamed", nth=2),
            attr(t, "The aide", "unnamed", "An aide", nth=3),
        ],
    )
    assert sourcing.groups(r) == ["named", "named", "not named", "not named"]
    assert [a["source_type"] for a in r.attributions] == ["named", "unnamed", "unnamed", "unnamed"]
