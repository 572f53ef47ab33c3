"""The label sets ANNOTATION.md defines, read once from tests/gold/labels.json for every test."""

from __future__ import annotations

import json
from pathlib import Path

LABELS = json.loads((Path(__file__).resolve().parent / "gold" / "labels.json").read_text(encoding="utf-8"))
HEDGE_CATEGORIES = frozenset(LABELS["hedge_categories"])
BOOSTER_CATEGORIES = frozenset(LABELS["booster_categories"])
KINDS = frozenset(LABELS["kinds"])
SOURCE_TYPES = frozenset(LABELS["source_types"])
STANCES = frozenset(LABELS["verb_stances"])
