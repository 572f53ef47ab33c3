"""The shared mark renderer: nesting, crossing, escaping, labels, contrast, and the plain-text report."""

from __future__ import annotations

import re

from test_widgets_support import HOSTILE, assert_no_article_markup, audit, hostile_result

import mlkit
from mlkit.render import (
    CATEGORIES,
    Mark,
    inline_text,
    marked_html,
    marks_from_result,
    render_page,
)
from mlkit.result import Result


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#777777", "#FFFFFF"), 2) == 4.48  # the classic just-failing grey


def test_tags_have_readable_text_and_lines_are_visible() -> None:
    for c in CATEGORIES:
        assert contrast(c.ink, c.colour) >= 4.5, c.key  # WCAG 1.4.3 for the tag text
        if c.style == "background":
            assert contrast("#000000", c.colour) >= 4.5  # article text on the highlight
        else:
            assert contrast(c.colour, "#FFFFFF") >= 3.0, c.key  # WCAG 1.4.11 for the underline


def test_every_category_has_its_own_style_and_tag() -> None:
    assert len({c.style for c in CATEGORIES}) == len(CATEGORIES)
    assert len({c.short for c in CATEGORIES}) == len(CATEGORIES)
    assert {c.label for c in CATEGORIES} >= {"Hedges", "Boosters", "Sources"}


def _nested() -> Result:
    text = "He said “it may rain” today."
    return Result(
        text=text,
        pipeline="test",
        hedges=[
            {"start": 12, "end": 15, "text": "may", "category": "modal", "explanation": "Only possible."}
        ],
        attributions=[
            {
                "cue": {"start": 3, "end": 7, "text": "said"},
                "source": {"start": 0, "end": 2, "text": "He"},
                "content": {"start": 8, "end": 21, "text": "“it may rain”"},
                "kind": "direct",
                "source_type": "pronoun",
                "resolved_source": None,
                "verb_stance": "neutral",
                "explanation": "Said is neutral.",
            }
        ],
    )


def test_nested_marks_render_inside_each_other_once() -> None:
    r = _nested()
    marks = marks_from_result(r)
    assert [(m.category, m.text) for m in marks] == [
        ("source", "He"),
        ("cue", "said"),
        ("content", "“it may rain”"),
        ("hedge", "may"),
    ]
    assert inline_text(r.text, marks) == "[He]SRC [said]CUE [“it [may]H rain”]SAID today."
    page = marked_html(r.text, marks)
    assert page.count('class="mlkit-mark') == 4  # no mark split: the hedge nests in the content
    assert page.count('class="mlkit-why"') == 4
    assert re.search(r'data-category="content"[^>]*>“it <span[^>]*data-category="hedge"', page)


def test_crossing_marks_are_split_but_explained_once() -> None:
    text = "abcdefghij"
    marks = [Mark(0, 0, 6, "hedge", "abcdef", "h"), Mark(1, 3, 9, "booster", "defghi", "b")]
    # the booster opens inside the hedge, closes with it, and reopens for "ghi"
    assert inline_text(text, marks) == "[abc[def]]H[ghi]Bj"
    page = marked_html(text, marks)
    assert page.count('data-category="booster"') == 2  # reopened after the hedge closes
    assert page.count('class="mlkit-why"') == 2
    found = audit(page)
    assert found.text[:5] == ["abc", "def", "H", "Hedge: h", "ghi"]  # text, tag, why, text


def test_category_filter_hides_other_marks() -> None:
    r = _nested()
    page = marked_html(r.text, marks_from_result(r), show={"hedge"})
    assert set(re.findall(r'data-category="(\w+)"', page)) == {"hedge"}
    assert "He said" in page  # the text itself never disappears


def test_hostile_text_is_escaped_everywhere() -> None:
    r = hostile_result()
    page = render_page(r, title="<script>alert('t')</script>")
    assert_no_article_markup(page)
    assert "&lt;script&gt;" in page and "alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page  # explanations are escaped too
    assert "🚀🔥" in page and "ربما" in page
    text = audit(page).text
    assert HOSTILE.split("<script>")[0] in "".join(text)


def test_every_character_of_the_text_survives() -> None:
    r = hostile_result()
    marks = marks_from_result(r)
    inline = inline_text(r.text, marks)
    stripped = re.sub(r"\](SRC|CUE|SAID|H|B)?|\[", "", inline)
    # brackets in the article would be ambiguous; the hostile text has none
    assert stripped == r.text


def test_page_has_legend_table_and_counts() -> None:
    page = render_page(_nested(), title="Demo")
    assert "<title>Demo</title>" in page
    assert 'class="mlkit-legend"' in page
    assert page.count("<tr>") == 1 + 4  # header + one row per mark
    assert "Found 1 hedges, 0 boosters, 1 sources" in page


def test_text_report_lists_each_mark_with_why() -> None:
    report = _nested().to_text()
    assert "Hedges: 1" in report and "Boosters: 0" in report
    assert "[He]SRC [said]CUE" in report
    assert "Hedge (modal): Only possible." in report
    assert "Reporting word (neutral): Said is neutral." in report
    assert "What was said (direct): What the source said, quoted word for word." in report


def test_out_of_range_spans_are_dropped_not_crashing() -> None:
    r = Result(text="short", pipeline="t", hedges=[{"start": 2, "end": 50, "text": "x", "category": "modal"}])
    assert marks_from_result(r) == []
    assert "short" in render_page(r)


def test_real_analysis_smoke() -> None:
    r = mlkit.analyze(mlkit.seed_article())
    page = r.to_html()
    assert_no_article_markup(page)
    assert page.count('data-category="hedge"') >= len(r.hedges)
    assert r.to_text().count("\n") > 10


def test_lone_surrogates_become_replacement_characters() -> None:
    text = "\ud800 It may \udfff rain.\udc00"
    r = Result(text=text, pipeline="t", hedges=[{"start": 5, "end": 8, "text": "may", "category": "modal"}])
    page, report = render_page(r), r.to_text()
    page.encode("utf-8")
    report.encode("utf-8")
    assert "\ufffd It " in page and "[may]H \ufffd rain." in report
    assert marks_from_result(r)[0].text == "may"  # offsets untouched: only the output is cleaned
