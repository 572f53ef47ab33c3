"""News outlets (mlkit/data/outlets.tsv): is a source's wording the name of an outlet or an outlet word?

Read by the sourcing chain (an outlet is one kind of hand a claim passes through) and by the attribution
finder ("the newspaper" points back to the outlet named before it).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources


def normalise(text: str) -> str:
    """Lower case with every run of whitespace (non-breaking spaces too) made one plain space."""
    return " ".join(text.split()).lower()


@lru_cache(maxsize=1)
def outlet_pattern() -> re.Pattern[str]:
    """Any outlet name or outlet word of outlets.tsv as a whole word or phrase, in normalised text."""
    raw = resources.files("mlkit").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    rows = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    names = [row[0].strip() for row in csv.reader(rows[1:], delimiter="\t", quoting=csv.QUOTE_NONE)]
    names = sorted((normalise(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def is_outlet(text: str) -> bool:
    """Does this wording name an outlet ("Asharq Al-Awsat", "The Washington Post", "Fox News")?"""
    return outlet_pattern().search(normalise(text)) is not None


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    """Only the outlets' names (not outlet words like "newspaper"), in the text as written: any spacing."""
    raw = resources.files("mlkit").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    rows = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    names = [
        row[0].strip()
        for row in csv.reader(rows[1:], delimiter="\t", quoting=csv.QUOTE_NONE)
        if len(row) > 1 and row[1].strip() != "outlet word"
    ]
    names.sort(key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")


def outlet_names(text: str) -> list[tuple[int, int]]:
    """Where the text names an outlet ("the London-based newspaper Asharq Al-Awsat"), as character
    offsets in order: what "the newspaper" later in the text can point back to. One pass: linear."""
    return [m.span() for m in _name_pattern().finditer(text)]
