"""Article-level findings: plain data computed from one Result, for lessons and widgets.

Each function is pure (same Result, same answer) and every item carries a one-sentence explanation a
15-year-old understands. Offsets index ``result.text`` exactly (``text == result.text[start:end]``).
See ANNOTATION.md, "Beyond single words".
"""

from __future__ import annotations

from typing import Any

from mlkit.findings.body import headline
from mlkit.findings.certainty import headline_vs_body
from mlkit.findings.chain import sourcing_chain
from mlkit.findings.furniture import page_furniture
from mlkit.findings.loaded import loaded_words
from mlkit.findings.quotes import quotation_integrity
from mlkit.findings.unsourced import unsourced_sentences
from mlkit.result import Result

__all__ = [
    "all_findings",
    "headline",
    "headline_vs_body",
    "loaded_words",
    "page_furniture",
    "quotation_integrity",
    "sourcing_chain",
    "unsourced_sentences",
]


def all_findings(r: Result) -> dict[str, Any]:
    """Every finding at once, keyed by function name (what a report or the your-own-article lesson shows)."""
    return {
        "page_furniture": page_furniture(r),
        "headline": headline(r),
        "headline_vs_body": headline_vs_body(r),
        "sourcing_chain": sourcing_chain(r),
        "unsourced_sentences": unsourced_sentences(r),
        "quotation_integrity": quotation_integrity(r),
        "loaded_words": loaded_words(r),
    }
