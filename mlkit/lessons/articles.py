"""Practice articles for lesson 07 and the final task: real, openly licensed news (Wikinews, CC BY 2.5)
shipped in mlkit/data/articles/<slug>.txt, each credited in <slug>.SOURCE.md beside it.

Read through importlib.resources, so they are found wherever the kit is installed. If none are installed
the view says so plainly instead of failing.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from mlkit.lessons._view import Builder, View, esc

FOLDER = "data/articles"


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


def practice_articles() -> View:
    """Each practice article: its headline, its credit, and its text to copy into lesson 07's box."""
    slugs = article_slugs()
    b = Builder()
    if not slugs:
        return b.para("No practice articles are installed in this copy of the kit: choose your own.").view()
    b.para("Practice articles (real news from Wikinews, free to reuse with credit). Open one, copy its text "
           "into the box above, and press Analyse.")  # fmt: skip
    for slug in slugs:
        text = article_text(slug)
        title = text.strip().splitlines()[0] if text.strip() else slug
        credit = " ".join(article_credit(slug).split())
        b.raw(
            f"<details><summary>{esc(title)}</summary><p><em>{esc(credit)}</em></p>"
            f'<div class="mlkit-page" dir="auto">{esc(text)}</div></details>',
            f"{title}\n{credit}",
        )
    return b.view()
