"""Shared helpers for the widget, render and plot tests: hostile texts and an HTML tag auditor.

The helpers are tested here too, so a broken auditor cannot make every other test pass silently.
"""

from __future__ import annotations

from html.parser import HTMLParser

from mlkit.result import Result

HOSTILE = (
    'Breaking: <script>alert(1)</script> the minister "said <img src=x onerror=alert(1)> '
    "that “it may be true. 🚀🔥 قال المتحدث إن الوضع ربما خطير </div><b>bold</b> &amp; done"
)

#: Tags our own renderers emit; anything else in a rendered page must have come from the article.
OWN_TAGS = {
    "div", "span", "sup", "ul", "li", "table", "thead", "tbody", "tr", "td", "th", "p", "h1", "h2", "h3",
    "html", "head", "meta", "title", "style", "body", "a", "strong", "em", "details", "summary", "br",
    "ol", "section", "small", "caption",
}  # fmt: skip


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def audit(markup: str) -> _Audit:
    parser = _Audit()
    parser.feed(markup)
    parser.close()
    return parser


def assert_no_article_markup(markup: str) -> None:
    """No tag or event-handler attribute in ``markup`` can have come from article text."""
    found = audit(markup)
    foreign = set(found.tags) - OWN_TAGS
    assert not foreign, f"article markup rendered as HTML: {foreign}"
    handlers = [name for name, _ in found.attrs if name.startswith("on")]
    assert not handlers, f"event handler attributes rendered: {handlers}"
    assert "<script" not in markup.lower()
    assert "<img" not in markup.lower()


def hostile_result() -> Result:
    """The hostile text with hand-placed marks over the dangerous parts (exact offsets checked below)."""
    t = HOSTILE
    script = t.index("<script>")
    img = t.index("<img")
    may = t.index("may")
    arabic = t.index("ربما")
    said = t.index("said")
    return Result(
        text=t,
        pipeline="test",
        hedges=[
            {"start": may, "end": may + 3, "text": "may", "category": "modal", "explanation": "<b>x</b>"},
            {"start": arabic, "end": arabic + 4, "text": "ربما", "category": "epistemic", "explanation": "e"},
        ],
        boosters=[{"start": script, "end": script + 8, "text": "<script>", "category": "booster",
                   "explanation": "b"}],
        attributions=[{
            "cue": {"start": said, "end": said + 4, "text": "said"},
            "source": {"start": said - 10, "end": said - 2, "text": t[said - 10: said - 2]},
            "content": {"start": said + 5, "end": img + 30, "text": t[said + 5: img + 30]},
            "kind": "indirect", "source_type": "unnamed", "resolved_source": None,
            "verb_stance": "neutral", "explanation": "Said is neutral.",
        }],
        sentences=[{"start": 0, "end": len(t)}],
    )  # fmt: skip


def test_auditor_catches_script_and_handlers() -> None:
    bad = [
        "<div><script>alert(1)</script></div>",
        '<span onclick="x()">a</span>',
        '<div><img src=x onerror="alert(1)"></div>',
    ]
    for markup in bad:
        try:
            assert_no_article_markup(markup)
        except AssertionError:
            continue
        raise AssertionError(f"auditor missed {markup!r}")
    assert_no_article_markup("<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>")


def test_hostile_result_offsets_are_exact() -> None:
    r = hostile_result()
    for h in r.hedges + r.boosters:
        assert r.text[h["start"] : h["end"]] == h["text"]
    a = r.attributions[0]
    for key in ("cue", "source", "content"):
        assert r.text[a[key]["start"] : a[key]["end"]] == a[key]["text"]
    assert a["source"]["text"] == "minister"
    assert a["content"]["text"].startswith("<img src=x")


def span(text: str, phrase: str, nth: int = 0) -> dict:
    """A contract span for the nth occurrence of ``phrase`` (so offsets in tests are found, not typed)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return {"start": start, "end": start + len(phrase), "text": phrase}


SMALL = (
    "Rebels reportedly took the town.\n\n"
    "An activist claimed that about 30 people died, according to Al Jazeera.\n\n"
    "The mayor said the bridge is clearly closed."
)


def small_result() -> Result:
    """Three paragraphs: 2 hedges, 1 booster, 3 attributions (unnamed/claimed, named/according to,
    unnamed/said), all offsets located by search."""
    t = SMALL

    def attr(
        cue: str, source: str | None, content: str, kind: str, stype: str, stance: str, why: str
    ) -> dict:
        return {
            "cue": span(t, cue),
            "source": span(t, source) if source else None,
            "content": span(t, content),
            "kind": kind,
            "source_type": stype,
            "resolved_source": None,
            "verb_stance": stance,
            "explanation": why,
        }

    return Result(
        text=t,
        pipeline="test",
        hedges=[
            {
                **span(t, "reportedly"),
                "category": "evidential",
                "explanation": "Someone reported it, but who?",
            },
            {**span(t, "about 30"), "category": "approximator", "explanation": "An imprecise number."},
        ],
        boosters=[{**span(t, "clearly"), "category": "booster", "explanation": "Pushes certainty up."}],
        attributions=sorted(
            [
                attr(
                    "claimed",
                    "An activist",
                    "about 30 people died",
                    "indirect",
                    "unnamed",
                    "distancing",
                    "Claimed keeps a distance.",
                ),
                attr(
                    "according to",
                    "Al Jazeera",
                    "about 30 people died",
                    "according_to",
                    "named",
                    "neutral",
                    "According to is neutral.",
                ),
                attr(
                    "said",
                    "The mayor",
                    "the bridge is clearly closed",
                    "indirect",
                    "unnamed",
                    "neutral",
                    "Said is neutral.",
                ),
            ],
            key=lambda a: a["cue"]["start"],
        ),  # fmt: skip
        sentences=[
            span(t, "Rebels reportedly took the town."),
            span(t, t.split("\n\n")[1]),
            span(t, t.split("\n\n")[2]),
        ],  # fmt: skip
    )


def test_small_result_spans_are_where_they_say() -> None:
    r = small_result()
    for h in r.hedges + r.boosters + r.sentences:
        assert r.text[h["start"] : h["end"]] == h["text"]
    assert [a["cue"]["text"] for a in r.attributions] == ["claimed", "according to", "said"]


def article_text(markup: str) -> str:
    """The article as a reader sees it in marked HTML: tags and explanations removed, entities decoded."""
    import html
    import re

    body = re.search(r'<div class="mlkit-text"[^>]*>(.*)</div>', markup, re.S)
    inner = body.group(1) if body else markup
    inner = re.sub(r'<sup class="mlkit-tag[^"]*">[^<]*</sup>', "", inner)
    inner = re.sub(r'<span class="mlkit-why"[^>]*>[^<]*</span>', "", inner)
    return html.unescape(re.sub(r"<[^>]+>", "", inner))


def test_article_text_recovers_the_exact_text() -> None:
    from mlkit.render import marked_html, marks_from_result

    r = hostile_result()
    assert article_text(marked_html(r.text, marks_from_result(r))) == r.text


def test_matplotlib_loads_only_when_a_chart_is_drawn() -> None:
    """25 MB in every kernel: lessons that draw no chart must not carry it (Binder's memory is shared)."""
    import subprocess
    import sys

    code = (
        "import sys, mlkit.widgets, mlkit.lessons, mlkit.classroom; "
        "mlkit.widgets.highlighter(); mlkit.widgets.spot_the_hedges(); mlkit.widgets.my_work(); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
