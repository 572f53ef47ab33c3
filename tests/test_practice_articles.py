"""The practice articles: real Wikinews news, credited as CC BY 2.5 asks, shown by lesson 07, and every
statement the teacher pack and the key make about them checked against the hand-made answer key.

Expected values (which hedges the pack names, which family it gives each, which sentence it quotes) were
read off the pack and the articles by hand; the counts are recomputed here from tests/gold/wikinews.jsonl
with a second, independent implementation, never taken from the kit's output.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import nbformat
import pytest

from mlkit import lessons
from mlkit.labels import FAMILY_OF, HEDGE_FAMILIES
from mlkit.lessons import articles

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "mlkit" / "data" / "articles"
INSTRUCTOR = ROOT / "instructor"
PACK = INSTRUCTOR / "TEACHER_PACK.md"
KEY_PAGE = INSTRUCTOR / "PRACTICE_KEY.md"
SLUGS = sorted(p.stem for p in ARTICLES.glob("*.txt"))
#: Wikinews articles published before this date are public domain, after it CC BY 2.5.
CC_BY_FROM = date(2005, 9, 25)


def _keys() -> dict[str, dict[str, Any]]:
    lines = (ROOT / "tests" / "gold" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, filter(None, lines))}


def _final() -> str:
    return json.loads((INSTRUCTOR / "data" / "final_task.json").read_text(encoding="utf-8"))["article"]


def _credit_line(slug: str) -> str:
    return (ARTICLES / f"{slug}.SOURCE.md").read_text(encoding="utf-8").split("\n\n")[0]


# --- the articles and their credits -------------------------------------------------------------------


def test_the_kit_ships_three_to_six_articles_each_with_a_credit() -> None:
    assert 3 <= len(SLUGS) <= 6
    assert lessons.article_slugs() == SLUGS
    assert sorted(p.name for p in ARTICLES.iterdir()) == sorted(
        [f"{s}.txt" for s in SLUGS] + [f"{s}.SOURCE.md" for s in SLUGS]
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_article_is_credited_as_cc_by_2_5_asks(slug: str) -> None:
    """Title, authors, source (the Wikinews address), licence with its link, and the date, which must be
    on or after 25 September 2005 and agree with the article's own dateline."""
    text = (ARTICLES / f"{slug}.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    title, dateline = lines[0], lines[2]
    credit = _credit_line(slug)
    assert credit.startswith(f"“{title}”, Wikinews, "), credit
    assert "by Wikinews contributors" in credit
    assert (
        "Creative Commons Attribution 2.5 (CC BY 2.5): https://creativecommons.org/licenses/by/2.5/" in credit
    )
    url = re.search(r"https://en\.wikinews\.org/wiki/(\S+?)\.? ", credit)
    assert url, credit
    assert unquote(url.group(1)).replace("_", " ") == title, "the address must be this article's page"
    published = datetime.strptime(re.search(r"Wikinews, (\d+ \w+ \d{4})", credit).group(1), "%d %B %Y").date()
    assert published == datetime.strptime(dateline, "%A, %B %d, %Y").date()
    assert published >= CC_BY_FROM
    details = (ARTICLES / f"{slug}.SOURCE.md").read_text(encoding="utf-8")
    assert re.search(r"github\.com/amir-zeldes/gum,\s+commit [0-9a-f]{40}", details), (
        "the repository it came from"
    )
    assert "Words are unchanged." in details


@pytest.mark.parametrize("slug", SLUGS)
def test_article_is_short_plain_news_text(slug: str) -> None:
    text = (ARTICLES / f"{slug}.txt").read_text(encoding="utf-8")
    assert 200 <= len(text.split()) <= 600
    assert text.endswith("\n") and "\r" not in text and "\n\n\n" not in text
    for furniture in ("Sources", "Categories:", "Image:"):
        assert furniture not in text, f"{slug}: site furniture left in ({furniture})"


def test_readme_credits_every_article() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for slug in SLUGS:
        title = (ARTICLES / f"{slug}.txt").read_text(encoding="utf-8").splitlines()[0]
        url = re.search(r"https://en\.wikinews\.org/wiki/\S+?(?=\.? )", _credit_line(slug)).group(0)
        published = re.search(r"Wikinews, (\d+ \w+ \d{4})", _credit_line(slug)).group(1)
        assert f"“{title}”, Wikinews, {published}: {url}" in readme, slug
    assert "Wikinews contributors" in readme and "https://creativecommons.org/licenses/by/2.5/" in readme


# --- lesson 07 ----------------------------------------------------------------------------------------


def test_lesson_07_lists_the_practice_articles_and_keeps_the_final_task_back() -> None:
    assert _final() in SLUGS
    assert lessons.final_task_slug() == _final()
    assert lessons.practice_slugs() == [s for s in SLUGS if s != _final()]
    practice, final = lessons.practice_articles(), lessons.final_task()
    for slug in SLUGS:
        title = lessons.article_title(slug)
        shown_in = practice if slug != _final() else final
        hidden_from = final if slug != _final() else practice
        assert title in str(shown_in) and articles.esc(lessons.article_text(slug)) in shown_in.html
        assert articles.esc(lessons.article_text(slug)) not in hidden_from.html, slug
    assert "<summary>The final-task article" in final.html, "the headline stays closed until opened"
    code = [c.source for c in nbformat.read(ROOT / "lessons" / "07_your_own_article.ipynb", 4).cells]
    assert "mlkit.lessons.practice_articles()" in code and "mlkit.lessons.final_task()" in code


@pytest.mark.parametrize("choice", ["", "no-such-article"])
def test_without_a_final_task_article_every_article_is_practice(choice: str, monkeypatch) -> None:
    monkeypatch.setattr(articles, "read_json", lambda name: {"article": choice})
    assert lessons.final_task_slug() is None
    assert lessons.practice_slugs() == SLUGS
    assert "Your teacher will give you the article" in str(lessons.final_task())


# --- the key and the teacher pack, checked against the answer key -------------------------------------


def _group(a: dict[str, Any], attributions: list[dict[str, Any]]) -> str:
    """Who stands behind a report, recomputed here (not the kit's function): a pronoun takes the group of
    the report whose source it points back to."""
    kind = a["source_type"]
    if kind == "pronoun":
        span = (a["resolved_source"]["start"], a["resolved_source"]["end"])
        sources = {(b["source"]["start"], b["source"]["end"]): b for b in attributions if b["source"]}
        kind = sources[span]["source_type"]
    return {"named": "named", "unnamed": "not named", "none": "no one"}[kind]


@pytest.mark.parametrize("slug", SLUGS)
def test_practice_key_counts_are_the_answer_keys(slug: str) -> None:
    key = _keys()[slug]
    groups = Counter(_group(a, key["attributions"]) for a in key["attributions"])
    page = KEY_PAGE.read_text(encoding="utf-8")
    section = page.split(f"### {lessons.article_title(slug)}\n")[1].split("\n### ")[0]
    line = re.search(r"^Reports: .*$", section, re.M).group(0)
    assert line.startswith(
        f"Reports: {len(key['attributions'])} (named {groups['named']}, not named {groups['not named']}, "
        f"no one {groups['no one']}). Hedges: {len(key['hedges'])} ("
    ), line
    assert line.endswith(f"Boosters: {len(key['boosters'])}.")
    families = Counter(FAMILY_OF[h["category"]] for h in key["hedges"])
    for family, n in families.items():
        assert f"{HEDGE_FAMILIES[family][0].lower()} {n}" in line
    heads = ("| ---", "| Reporting", "| Hedge |")
    rows = [r for r in section.splitlines() if r.startswith("| ") and not r.startswith(heads)]
    assert len(rows) == len(key["attributions"]) + len(key["hedges"]) + len(key["boosters"])


def test_the_final_task_article_comes_first_in_the_key_and_the_pack_names_it() -> None:
    title = lessons.article_title(_final())
    page = KEY_PAGE.read_text(encoding="utf-8")
    assert page.index("## Final task") < page.index(f"### {title}") < page.index("## Practice article")
    pack = PACK.read_text(encoding="utf-8")
    final_section = pack.split("## Final task")[1]
    assert f"*{title}*" in " ".join(final_section.split())
    assert f"mlkit/data/articles/{_final()}.SOURCE.md" in final_section
    published = re.search(r"Wikinews, (\d+ \w+ \d{4})", _credit_line(_final())).group(1)
    assert f"Wikinews, {published}" in " ".join(final_section.split())
    assert "PRACTICE_KEY.md" in final_section and "final_task.json" in final_section


def _pack_final() -> str:
    return " ".join(PACK.read_text(encoding="utf-8").split("## Final task")[1].split("**Rubric**")[0].split())


def test_default_article_can_answer_every_question_of_the_final_task() -> None:
    """The task asks for two sources, two hedges (with families) and a claim with no source."""
    key, text = _keys()[_final()], lessons.article_text(_final())
    assert len({a["source"]["text"] for a in key["attributions"] if a["source"]}) >= 2
    assert len(key["hedges"]) >= 2
    marks = [m for a in key["attributions"] for m in (a["cue"], a["source"]) if m] + key["hedges"]
    unsourced = "Both countries have put their militaries on high levels of alert."
    start = text.index(unsourced)
    assert not [m for m in marks if m["start"] < start + len(unsourced) and m["end"] > start]
    assert f'("{unsourced}")' in _pack_final()


def test_pack_hedges_for_the_default_article_are_the_answer_keys() -> None:
    """Read by hand from the pack's Hedges line: each hedge and the family it is given."""
    named_in_pack = {
        "about 80": "Rough amounts",
        "at least one": "Rough amounts",
        "dozens of": "Rough amounts",
        "possible": "Possible or likely",
        "were reported": "Nobody stands behind it",
    }
    key = _keys()[_final()]
    gold = {h["text"]: HEDGE_FAMILIES[FAMILY_OF[h["category"]]][0] for h in key["hedges"]}
    assert gold == named_in_pack
    line = _pack_final().split("*Hedges*:")[1]
    for hedge, family in named_in_pack.items():
        assert f'"{hedge}"' in line and family.lower() in line


def test_pack_sources_and_headline_for_the_default_article_are_the_answer_keys() -> None:
    key, text = _keys()[_final()], lessons.article_text(_final())
    by_cue = {a["cue"]["text"]: a for a in key["attributions"]}
    assert by_cue["According to"]["source"]["text"] == "Yonhap news agency"
    assert by_cue["quoting"]["source"]["text"] == "Korean Central News Agency"
    assert {_group(by_cue[c], key["attributions"]) for c in ("According to", "quoting")} == {"named"}
    assert by_cue["were reported"]["source"] is None
    first_paragraph = text.split("\n\n")[2]
    assert by_cue["According to"]["cue"]["start"] == text.index(first_paragraph), (
        "the first paragraph credits it"
    )
    pack = _pack_final()
    for words in ("Yonhap news agency", "Korean Central News Agency", '"No injuries or deaths were reported"',
                  '"quasi-state of war"'):  # fmt: skip
        assert words in pack, words
    assert "quasi-state of war" in text.splitlines()[0]
