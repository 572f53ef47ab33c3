"""Exercises on the article itself: the comparison (found / missed / extra / wrong kind), saving on every
change, first and last checks, restoring after a restart, and the reasons given in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_widgets_support import HOSTILE, hostile_result, small_result, span

from mlkit import sourcing, store
from mlkit.result import Result
from mlkit.widgets import spot_the_hedges, who_is_the_source
from mlkit.widgets.marking import Gold, compare


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLKIT_WORK_DIR", str(tmp_path))
    store.pop_notices()


TEXT = "Rebels reportedly took about 30 towns, officials said."


def at(phrase: str, kind: str = "hedge") -> tuple[int, int, str]:
    s = TEXT.index(phrase)
    return (s, s + len(phrase), kind)


def test_compare_finds_by_overlap_and_names_every_outcome() -> None:
    gold = [
        Gold(*at("reportedly")[:2], "hedge", "reportedly", "why r"),
        Gold(*at("about 30")[:2], "hedge", "about 30", "why a"),
    ]
    picks = [at("reportedly"), at("30"), at("officials")]
    out = compare(picks, gold, TEXT, lambda s, e: ("extra", f"extra {TEXT[s:e]}"))
    assert [(o.status, o.text, o.why) for o in out] == [
        ("found", "reportedly", "why r"),
        ("found", "about 30", "why a"),  # one word of the phrase is enough
        ("extra", "officials", "extra officials"),
    ]
    out = compare([at("reportedly", "named")], gold, TEXT, lambda s, e: ("extra", ""))
    assert [o.status for o in compare([at("said")], [], TEXT, lambda s, e: ("other_kind", "a cue"))] == [
        "other_kind"
    ]
    assert [o.status for o in out] == ["wrong_kind", "missed"]
    assert [o.status for o in compare([], [], TEXT, lambda s, e: ("extra", ""))] == []


def pick(view, *phrases: str, kind: str = "hedge") -> None:
    text = view.result.text
    view.set_picked(sorted(view.picked() + [(text.index(p), text.index(p) + len(p), kind) for p in phrases]))


def test_spot_the_hedges_saves_every_change_and_checks_in_place() -> None:
    w = spot_the_hedges(small_result())
    assert w.mode == "select" and w.checkable and w.context == []  # the kit's hedges are not shown
    pick(w, "reportedly")
    saved = store.saved("spot_the_hedges", "marks")
    assert saved["marks"] == [list(span(w.result.text, "reportedly").values())[:2] + ["hedge"]]
    assert saved["checked"] is False and "first_check" not in saved
    pick(w, "claimed", "town")
    w.check()
    assert w.mode == "check" and w.score == (1, 2, 1)
    statuses = {f["text"]: (f["status"], f["label"]) for f in w.feedback}
    assert statuses == {
        "reportedly": ("found", "Found"),
        "about 30": ("missed", "Missed"),
        "claimed": ("other_kind", "Not a hedge, but worth noticing"),  # a reporting word: not "wrong"
        "town": ("extra", "Not a hedge"),
    }
    cue = next(f for f in w.feedback if f["status"] == "other_kind")
    assert "reporting word" in cue["why"] and "second-hand" in cue["why"]
    assert w.summary == (
        "You found 1 of 2 hedges. 1 of your marks is not a hedge. "
        "1 of your marks is something else worth noticing: read why."
    )
    record = store.saved("spot_the_hedges", "marks")
    assert record["first_check"] == record["last_check"] == {
        "score": [1, 2], "found": ["reportedly"], "missed": ["about 30"], "extra": ["town"],
    }  # fmt: skip
    w.edit()
    pick(w, "about")
    w.check()
    record = store.saved("spot_the_hedges", "marks")
    assert record["first_check"]["score"] == [1, 2] and record["last_check"]["score"] == [2, 2]


def test_marks_and_check_come_back_after_a_restart_only_on_the_same_text() -> None:
    w = spot_the_hedges(small_result())
    pick(w, "reportedly", "about")
    w.check()
    back = spot_the_hedges(small_result())
    assert back.picked() == w.picked() and back.mode == "check" and back.score == w.score
    assert "back" in back.status
    back.edit()
    again = spot_the_hedges(small_result())
    assert again.mode == "select" and again.picked() == w.picked()
    other = spot_the_hedges(Result(text=small_result().text + " More.", pipeline="t"))
    assert other.picked() == [] and other.mode == "select"


def test_families_not_taught_yet_are_not_counted_but_explained() -> None:
    w = spot_the_hedges(small_result(), categories=["evidential"])
    assert [g.text for g in w.gold] == ["reportedly"]
    pick(w, "about")
    w.check()
    other = next(f for f in w.feedback if f["status"] == "other_kind")
    assert "another kind (rough amounts)" in other["why"] and "does not count yet" in other["why"]
    assert w.score == (0, 1, 0)  # a hedge of a family not taught yet is never counted as a mistake
    assert "1 hedge to find" in w.hint


def test_hint_says_how_many_and_where_not_which() -> None:
    w = spot_the_hedges(small_result())
    assert "2 hedges to find" in w.hint
    assert "1 in the paragraph that starts “Rebels…”" in w.hint  # stops before the hedge "reportedly"
    assert "1 in the paragraph that starts “An activist claimed…”" in w.hint
    assert "reportedly" not in w.hint.split("(")[0]


def test_hint_names_a_paragraph_that_opens_with_a_quotation_without_doubling_the_mark() -> None:
    """QA pass 2: lesson 02's hint read 'starts ““After the suicide…”'."""
    w = spot_the_hedges()  # the seed article
    assert "starts “After the suicide…”" in w.hint and "““" not in w.hint


def test_who_is_the_source_marks_named_and_unnamed_and_lists_sources_with_no_one_named() -> None:
    r = small_result()
    w = who_is_the_source(r)
    assert w.context == ["cue"] and [t["key"] for t in w.targets] == ["named", "unnamed"]
    assert [(g.text, g.kind) for g in w.gold] == [("An activist", "unnamed"), ("Al Jazeera", "named"),
                                                   ("The mayor", "unnamed")]  # fmt: skip
    pick(w, "An activist", kind="unnamed")
    pick(w, "Jazeera", kind="unnamed")  # right words, wrong kind
    pick(w, "claimed", kind="named")  # the cue itself
    w.check()
    got = {f["text"]: f["status"] for f in w.feedback}
    assert got == {
        "An activist": "found",
        "Al Jazeera": "wrong_kind",
        "The mayor": "missed",
        "claimed": "extra",
    }
    assert "reporting word itself" in next(f["why"] for f in w.feedback if f["status"] == "extra")
    assert "named / not named is wrong" in w.summary


def test_a_pronoun_counts_as_what_it_stands_for() -> None:
    r = mlkit_seed()
    groups = sourcing.groups(r)
    he = next(i for i, a in enumerate(r.attributions) if a.get("source_type") == "pronoun")
    resolved = r.attributions[he]["resolved_source"]
    antecedent = next(
        i
        for i, a in enumerate(r.attributions)
        if a.get("source") and a["source"]["start"] == resolved["start"]
    )
    assert groups[he] == groups[antecedent] == "not named"  # "he" → "an opposition activist"
    w = who_is_the_source(r)
    gold = next(g for g in w.gold if g.start == r.attributions[he]["source"]["start"])
    assert gold.kind == "unnamed" and "stands for" in gold.why


def mlkit_seed() -> Result:
    import mlkit

    return mlkit.analyze(mlkit.seed_article())


@pytest.mark.parametrize("make", [lambda: HOSTILE, hostile_result], ids=["analysed", "hand-built"])
def test_hostile_text_is_sent_as_plain_data(make) -> None:
    w = spot_the_hedges(make())
    assert w.text == HOSTILE.replace("\ud800", "\ufffd")
    pick(w, "<script>")
    w.check()
    state = {k: v for k, v in w.get_state().items() if not isinstance(v, (bytes, memoryview))}
    payload = json.dumps(state)  # what goes to the browser: data, rendered there with textContent
    assert "<script>" in payload and all("<script>" not in f["label"] for f in w.feedback)
    s = who_is_the_source(make())
    assert s.mode == "select"


def test_empty_text_and_text_with_no_sources() -> None:
    assert spot_the_hedges("").gold == []
    w = who_is_the_source("Plain sentence with no reporting at all.")
    w.check()
    assert w.gold == [] and w.summary.startswith("You found 0 of 0 sources")


def test_saved_words_have_plain_spaces_for_the_teacher() -> None:
    """The seed prints "Asharq\u00a0Al-Awsat" with a non-breaking space; the saved check says it plainly."""
    w = who_is_the_source(question_id="03_src_nbsp")
    assert "Asharq\u00a0Al-Awsat" in w.result.text
    pick(w, "Asharq\u00a0Al-Awsat", kind="named")
    w.check()
    check = store.saved("03_src_nbsp", "marks")["last_check"]
    assert "Asharq Al-Awsat" in check["found"] and not any(
        "\u00a0" in t for t in check["found"] + check["missed"]
    )
