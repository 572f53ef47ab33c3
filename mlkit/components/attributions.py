"""Attribution finder (placeholder while being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("mlkit_attributions"):
    Doc.set_extension("mlkit_attributions", default=None)


@Language.factory("mlkit_attributions")
def make_attribution_finder(nlp: Language, name: str) -> "AttributionFinder":
    return AttributionFinder()


class AttributionFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.mlkit_attributions = []
        return doc
