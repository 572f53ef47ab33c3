"""Bad input: any str gives a result with valid spans, a non-str raises TypeError, HTML cannot run.

Article text is untrusted (pasted by students, scraped by instructors), so these are the inputs a
classroom will eventually feed the kit.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from test_contract import assert_contract, nasty_strings

import mlkit

NASTY = {
    "empty": "",
    "quote_run_200k": '"' * 200_000,  # spaCy's tokenizer is quadratic on such runs: the engine splits them
    "bracket_run_100k": "(" * 50_000 + ")" * 50_000,
    "nested_reports_3000": " ".join(f"Official{i} said that" for i in range(3000)) + " it rained.",
    "only_whitespace": " \n\t\r\n \u00a0 ",
    "emoji": "😀👍🏽 👨\u200d👩\u200d👧 It reportedly 🎉 happened, officials said. 🇸🇾",
    "arabic_rtl": "قال المسؤول إن الهجوم وقع. The mayor said it was clearly over. «نعم» قال.",
    "hebrew_with_marks": "\u202bהוא אמר\u202c that it may rain, he said.",
    "control_characters": "\x00\x01\x02\x1b[31mIt may\x7f rain\x85 reportedly\x0b\x0c said \x1f",
    "lone_surrogate": "\ud800 It reportedly \udfff rained, officials said.\udc00",
    "token_100k": "x" * 100_000 + " reportedly, officials said.",
    "token_100k_alone": "y" * 100_000,
    "nbsp_everywhere": "It\u00a0reportedly\u00a0rained,\u00a0officials\u00a0said.\u00a0\u00a0Maybe.",
    "crlf": "It may rain.\r\n\r\nIt reportedly rained, officials said.\r\n",
    "lone_cr": "It may rain.\rIt reportedly rained.\r",
    "unbalanced_quotes_only": '"""“ ” “ ‘ \' « ',
    "script_text": "<script>alert(1)</script> It may rain. <img src=x onerror=alert(2)>",
    "cue_at_end": "Officials said",
    "cue_alone": "said",
    "according_to_at_end": "according to \ufeff",
    "combining_marks": "Ce\u0301line reportedly said the cafe\u0301 may close.",
    "line_separator": "It may rain.\u2028He said so.\u2029Perhaps.",
    "zero_width": "It\u200breportedly\u200b rained, \u200bofficials\u200d said.",
    "many_quotes": "“" * 500 + " said " + "”" * 499,
    "only_punctuation": ".,;:!?-—()[]{}" * 50,
    "two_cues_stray_quote": 'poll finds that, while Americans say responsible."',  # cut down from PolNeAR
    # The kinds of input issue 13 names, at sizes that stay quick (their timing is a benchmark's job).
    "dollars_headline": "Bank pays $5bn, up 10% from $4bn\n\nThe bank may pay $5bn, officials said.",
    "mathtext": r"$\frac{a}{b}$ may be $x^2$, \$ he said \sqrt{2}",
    "rtl_override": "\u202eIt may rain.\u202c He said so. \u202dPerhaps.\u202c",
    "rlm_after_full_stops": "It may rain.\u200f He said so.\u200f Officials reportedly left.\u200f",
    "zwsp_after_full_stops": "It may rain.\u200b He said so.\u200b Officials reportedly left.\u200b",
    "lowercase_no_full_stops": "it may rain officials said and perhaps he left " * 20,
    "he_said_no_full_stops": "he said it may rain and she said he reportedly left " * 20,
    "bare_cr_no_full_stops": "it may rain\rofficials said so\rperhaps not\r" * 20,
    "mixed_nested_quotes": "“He said ‘it may “rain” ’ ” «she ‹said› » '\"x\"' " * 20,
    "one_word": "reportedly",
}


@pytest.mark.parametrize("text", list(NASTY.values()), ids=list(NASTY))
def test_any_str_gives_valid_spans(text: str) -> None:
    result = mlkit.analyze(text)
    assert result.text == text
    assert_contract(text, result.to_dict())


@pytest.mark.parametrize("text", list(NASTY.values()), ids=list(NASTY))
def test_reports_of_any_str_can_be_saved_as_utf8(text: str) -> None:
    """The HTML page and text report are downloaded and saved: both must encode, and the page parse."""
    result = mlkit.analyze(text)
    page, report = result.to_html(), result.to_text()
    page.encode("utf-8")
    report.encode("utf-8")
    _parse(page)


def test_nasty_inputs_in_one_batch() -> None:
    texts = list(NASTY.values()) + nasty_strings(60, seed=7)
    results = list(mlkit.analyze_many(texts, batch_size=5))
    assert len(results) == len(texts)
    for text, result in zip(texts, results, strict=True):
        assert result.text == text
        assert_contract(text, result.to_dict())


def test_offsets_survive_crlf_and_nbsp() -> None:
    # Counted by hand: "It may rain.\r\n\r\n" is 16 characters, so "reportedly" starts at 16 + 3.
    crlf = mlkit.analyze(NASTY["crlf"]).to_dict()
    assert (19, 29) in [(h["start"], h["end"]) for h in crlf["hedges"]]
    # NBSP is not normalised: "It" + NBSP puts "reportedly" at 3, and the span keeps its NBSP-free text.
    nbsp = mlkit.analyze(NASTY["nbsp_everywhere"]).to_dict()
    assert (3, 13, "reportedly") in [(h["start"], h["end"], h["text"]) for h in nbsp["hedges"]]


def test_emoji_offsets_are_python_string_indices() -> None:
    # Python indexes code points: "😀👍🏽 👨‍👩‍👧 It " is 1+2+1+5+1+3 = 13 code points before "reportedly".
    d = mlkit.analyze(NASTY["emoji"]).to_dict()
    assert (13, 23) in [(h["start"], h["end"]) for h in d["hedges"]]


@pytest.mark.parametrize("bad", [None, b"It may rain.", 3, 3.5, ["It may rain."], bytearray(b"x")])
def test_non_str_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        mlkit.analyze(bad)  # type: ignore[arg-type]


def test_non_str_in_a_batch_raises_type_error() -> None:
    with pytest.raises(TypeError):
        list(mlkit.analyze_many(["It may rain.", b"bytes"]))  # type: ignore[list-item]


class _TagCollector(HTMLParser):
    """Records every start tag, its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.script_text: list[str] = []
        self.data: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_text if self._in_script else self.data).append(data)


# Markup that would run or show if the article were pasted into the page unescaped. The marker words
# (mlkitPwned, mlkit-evil) appear nowhere in the kit, so finding them in a tag means the input got in.
HOSTILE = (
    "Officials said <script>window.mlkitPwned=1</script> it may rain. "
    '<img src=x onerror="mlkitPwned()"> He claimed “<mlkit-evil>clearly</mlkit-evil>” was true. '
    "\" onmouseover=\"mlkitPwned()\" ' onfocus='mlkitPwned()' "
    "<!-- mlkitPwned --> </body></html><style>body{display:none}</style> &lt;b&gt; &amp; "
    '<a href="javascript:mlkitPwned()">x</a> <svg onload=mlkitPwned()></svg>'
)


# Tags the hostile text contains: the page may use some itself (a <style> sheet), but never more of
# them than it uses for a harmless article.
HOSTILE_TAGS = ("script", "img", "mlkit-evil", "style", "a", "svg", "body", "html")


def _parse(page: str) -> _TagCollector:
    parser = _TagCollector()
    parser.feed(page)
    parser.close()
    return parser


def test_to_html_escapes_the_article() -> None:
    parser = _parse(mlkit.analyze(HOSTILE).to_html())
    baseline = _parse(mlkit.analyze("Officials said it may rain.").to_html())
    for name in HOSTILE_TAGS:
        found = sum(tag == name for tag, _ in parser.tags)
        allowed = sum(tag == name for tag, _ in baseline.tags)
        assert found <= allowed, f"article markup became a <{name}> tag ({found} > {allowed})"
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert "mlkitPwned" not in (value or ""), f"article text inside <{tag} {name}=...>"
            assert name not in {"onerror", "onload", "onmouseover", "onfocus"}, f"<{tag} {name}> from input"
    assert not any("mlkitPwned" in s for s in parser.script_text), "article text inside a <script>"
    # And the words are still shown to the student, as text: escaped, not dropped.
    visible = "".join(parser.data)
    assert "<script>window.mlkitPwned=1</script>" in visible
    assert "&lt;b&gt; &amp;" in visible


def test_to_html_escapes_a_title() -> None:
    parser = _parse(mlkit.analyze("It may rain.").to_html(title="<img src=x onerror=mlkitPwned()>"))
    assert all(tag != "img" for tag, _ in parser.tags)


def test_to_text_keeps_the_words_of_hostile_input() -> None:
    report = mlkit.analyze(HOSTILE).to_text()
    assert isinstance(report, str) and "mlkitPwned" in report
