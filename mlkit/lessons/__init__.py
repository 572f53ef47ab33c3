"""Small helpers the lesson notebooks call, so that every code cell stays one line a student can run.

Each view is computed from ``mlkit.analyze`` (never a number typed into the prose) and renders as HTML
tables and paragraphs with a plain-text twin, so the lessons and the kit cannot disagree and every widget
has a readable version beside it. Lesson content that is data (questions, checklists, passages, the
source pack, the headline sets, the IMVAIN answers) lives in ``instructor/data/``: see ``data_dir``.
"""

from __future__ import annotations

from mlkit.labels import HEDGE_CATEGORY_NAMES  # the eight categories, for extension work (see the guide)
from mlkit.lessons._common import (
    FAMILY_OF,
    HEDGE_FAMILIES,
    SOURCE_GROUPS,
    counts,
    family,
    hedge_counts,
    result,
    sentence_with,
    source_counts,
    source_group,
    speaker,
    who,
)
from mlkit.lessons._data import (
    DATA_ENV,
    checklist_items,
    data_candidates,
    data_dir,
    headline_scale,
    headline_set,
    imvain_data,
    question_args,
    search_task,
    source_pack,
    trap_sentences,
    wire_version,
)
from mlkit.lessons._view import View
from mlkit.lessons.article import (
    count_summary,
    headline_summary,
    hedge_families,
    hedge_table,
    page_furniture_table,
    show_headline,
    show_page,
    trap_demo,
)
from mlkit.lessons.articles import (
    article_credit,
    article_slugs,
    article_text,
    article_title,
    final_task,
    final_task_slug,
    practice_articles,
    practice_slugs,
)
from mlkit.lessons.missing import (
    loaded_words_table,
    quotation_issue_name,
    quotation_table,
    show_wire_version,
    side_by_side,
    unsourced_table,
)
from mlkit.lessons.sources import (
    attribution_table,
    hands_summary,
    how_known,
    source_pack_table,
    source_summary,
    traced_chain,
)

#: The question id lesson 00 stores the headline confidence under; lesson 08 compares against it.
HEADLINE_POLL_ID = "00_headline_confidence"

__all__ = [
    "article_credit",
    "article_slugs",
    "article_text",
    "article_title",
    "final_task",
    "final_task_slug",
    "practice_articles",
    "practice_slugs",
    "DATA_ENV",
    "FAMILY_OF",
    "HEADLINE_POLL_ID",
    "HEDGE_CATEGORY_NAMES",
    "HEDGE_FAMILIES",
    "SOURCE_GROUPS",
    "View",
    "attribution_table",
    "checklist_items",
    "count_summary",
    "counts",
    "data_candidates",
    "data_dir",
    "family",
    "hands_summary",
    "headline_scale",
    "headline_set",
    "headline_summary",
    "hedge_counts",
    "hedge_families",
    "hedge_table",
    "how_known",
    "imvain_data",
    "loaded_words_table",
    "page_furniture_table",
    "question_args",
    "quotation_issue_name",
    "quotation_table",
    "result",
    "search_task",
    "sentence_with",
    "show_headline",
    "show_page",
    "show_wire_version",
    "side_by_side",
    "source_counts",
    "source_group",
    "source_pack",
    "source_pack_table",
    "source_summary",
    "speaker",
    "traced_chain",
    "trap_demo",
    "trap_sentences",
    "unsourced_table",
    "who",
    "wire_version",
]
