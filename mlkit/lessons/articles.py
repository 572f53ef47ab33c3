"""Practice articles for lesson 07 and the final task: real, openly licensed news (Wikinews, CC BY 2.5)
shipped in mlkit/data/articles/<slug>.txt, each credited in <slug>.SOURCE.md beside it.

Read through importlib.resources, so they are found wherever the kit is installed. If none are installed
the view says so plainly instead of failing. One article can be kept back for the teacher pack's final
task (instructor/data/final_task.json): lesson 07 then lists the others as practice and shows that one
only under its own heading, so it stays unseen until the teacher says.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from importlib.resources.abc import Traversable
from types import SimpleNamespace
from typing import Any

from mlkit import sourcing
from mlkit.labels import FAMILY_OF, HEDGE_FAMILIES
from mlkit.lessons._data import read_json
from mlkit.lessons._view import Builder, View, esc

FOLDER = "data/articles"
#: The teacher's choice of final-task article, in the lesson data (instructor/data/).
FINAL_TASK_FILE = "final_task.json"


def _folder() -> Traversable | None:
    folder = resources.files("mlkit").joinpath(FOLDER)
    return folder if folder.is_dir() else None


def article_slugs() -> list[str]:
    """The slugs of every practice article that has a credit file beside it, sorted."""
    folder = _folder()
    if folder is None:
        return []
    names = {p.name for p in folder.iterdir()}
    return sorted(n[:-4] for n in names if n.endswith(".txt") and f"{n[:-4]}.SOURCE.md" in names)


def article_text(slug: str) -> str:
    """The text of one practice article (KeyError names the ones that exist)."""
    if slug not in article_slugs():
        raise KeyError(f"no practice article {slug!r}; there are: {', '.join(article_slugs()) or 'none'}")
    return _folder().joinpath(f"{slug}.txt").read_text(encoding="utf-8")


def article_credit(slug: str) -> str:
    """The credit of one practice article, as its .SOURCE.md gives it (Markdown, shown as text)."""
    article_text(slug)  # the same check
    return _folder().joinpath(f"{slug}.SOURCE.md").read_text(encoding="utf-8").strip()


def article_title(slug: str) -> str:
    """The headline: the first line of the article."""
    text = article_text(slug).strip()
    return text.splitlines()[0] if text else slug


def short_credit(slug: str) -> str:
    """The credit line students see: the first paragraph of the .SOURCE.md (title, date, authors, licence)."""
    return " ".join(article_credit(slug).split("\n\n")[0].split())


def final_task_slug() -> str | None:
    """The article kept back for the final task, or None when none is set (or it is not installed)."""
    try:
        slug = str(read_json(FINAL_TASK_FILE).get("article") or "")
    except FileNotFoundError:  # no lesson data, or no final_task.json: every article is practice
        return None
    return slug if slug in article_slugs() else None


def practice_slugs() -> list[str]:
    """The articles lesson 07 offers for practice: all of them except the final-task one."""
    return [s for s in article_slugs() if s != final_task_slug()]


def _article_block(b: Builder, slug: str, summary: str) -> None:
    """One article, closed until opened: its headline (or ``summary``), credit and text to copy."""
    title, credit, text = article_title(slug), short_credit(slug), article_text(slug)
    b.raw(
        f"<details><summary>{esc(summary)}</summary><p><em>{esc(credit)}</em></p>"
        f'<div class="mlkit-page" dir="auto">{esc(text)}</div></details>',
        f"{summary}\n{credit}" if summary == title else f"{summary}\n{title}\n{credit}",
    )


def practice_articles() -> View:
    """Each practice article: its headline, its credit, and its text to copy into lesson 07's box."""
    slugs = practice_slugs()
    b = Builder()
    if not slugs:
        return b.para("No practice articles are installed in this copy of the kit: choose your own.").view()
    b.para("Practice articles (real news from Wikinews, free to reuse with credit). Open one, copy its text "
           "into the box above, and press Analyse.")  # fmt: skip
    for slug in slugs:
        _article_block(b, slug, article_title(slug))
    return b.view()


def final_task() -> View:
    """The unseen article of the teacher pack's final task, closed, with its headline hidden until opened."""
    slug = final_task_slug()
    b = Builder()
    if slug is None:
        return b.para("Your teacher will give you the article for the final task.").view()
    b.para("Open this only when your teacher says. Copy the article into the box at the top of this lesson, "
           "press Analyse, and answer your teacher's questions.")  # fmt: skip
    _article_block(b, slug, "The final-task article (open when your teacher says)")
    return b.view()


# --- the teacher's key to a practice article (instructor/build.py writes it from the answer key) ---------


def key_groups(key: dict[str, Any]) -> list[str]:
    """named / not named / no one for each report of a hand-made key, by the kit's one definition."""
    return sourcing.groups(SimpleNamespace(attributions=key["attributions"]))


def _md(text: str) -> str:
    """Text for one Markdown table cell: one line, pipes and backquotes escaped ("don`t" stays text)."""
    return " ".join(text.split()).replace("|", "\\|").replace("`", "\\`")


def _cell(span: dict[str, Any] | None, limit: int = 90) -> str:
    """A span's words for a table cell, shortened with an ellipsis past ``limit`` characters."""
    if not span:
        return "(none)"
    words = " ".join(span["text"].split())
    return _md(words if len(words) <= limit else words[: limit - 1].rstrip() + "…")


def practice_key(slug: str, key: dict[str, Any]) -> str:
    """The Markdown key to one practice article, every figure counted from the hand-made ``key``."""
    groups = key_groups(key)
    by_group = Counter(groups)
    families = Counter(FAMILY_OF.get(h["category"], "possible") for h in key["hedges"])
    family_line = ", ".join(
        f"{name.lower()} {families[f]}" for f, (name, _, _) in HEDGE_FAMILIES.items() if families[f]
    )
    out = [
        f"### {article_title(slug)}",
        "",
        f"`{slug}` · {short_credit(slug)}",
        "",
        f"Reports: {len(groups)} (named {by_group['named']}, not named {by_group['not named']}, "
        f"no one {by_group['no one']}). Hedges: {len(key['hedges'])} ({family_line or 'none'}). "
        f"Boosters: {len(key['boosters'])}.",
        "",
        "| Reporting word | Who says it | Named? | What is said | Why |",
        "| --- | --- | --- | --- | --- |",
    ]
    for a, group in zip(key["attributions"], groups, strict=True):
        who = _cell(a["source"], 60)
        if a.get("resolved_source"):
            who += f" (= {_cell(a['resolved_source'], 40)})"
        what, why = _cell(a["content"]), _md(a.get("note", ""))
        out.append(f"| {_cell(a['cue'])} | {who} | {group} | {what} | {why} |")
    out += ["", "| Hedge | Family | Why |", "| --- | --- | --- |"]
    for h in key["hedges"]:
        family = HEDGE_FAMILIES[FAMILY_OF.get(h["category"], "possible")][0]
        out.append(f"| {_cell(h)} | {family} | {_md(h.get('note', ''))} |")
    for boost in key["boosters"]:
        out.append(f"| {_cell(boost)} (booster) | — | {_md(boost.get('note', ''))} |")
    return "\n".join(out) + "\n"
