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
