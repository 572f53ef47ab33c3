"""The attribution finder: who says what, with which verb — by rules over tokens, quotes and cues.

A report goes through five stages, one module each, read in this order:
1. `cues`: a word from mlkit/data/cues.tsv, its verb group ("have reported") and whether it is a report;
2. `speaker` (with `speaker_before` and `appositives`): who spoke — before the verb, after an inverted
   verb, before descriptions between commas, or shared with an earlier verb in the sentence;
3. `content`: the words reported — a quotation, a that-clause, or the clause on the far side;
4. `sources`: named, unnamed or pronoun, and which earlier source a pronoun stands for;
5. `final_pass`: once every report is known, contents cut where the next speaker begins, quotations
   that go on after their speaker, reports with no source inside someone's quotation.
`constructions` holds shapes with rules of their own ("according to", passives, questions) and `labels`
the sources with no verb ("Report: ...", "In a Fox poll, ..."). `finder` is the spaCy component that
runs them; `doc_view` the per-document lookups; `phrases` what a name or a noun phrase looks like;
`words` the word lists.
"""

from .finder import AttributionFinder, make_attribution_finder
from .words import CUE_FLAGS

__all__ = ["CUE_FLAGS", "AttributionFinder", "make_attribution_finder"]
