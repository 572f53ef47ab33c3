"""The spaCy component: every cue match goes through the stages in turn (cue → speaker → content →
source type), then the scans for reports with no verb of their own, then pronoun resolution.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from mlkit import lexicon
from mlkit.components.lexmatch import LexiconMatcher, forget_matches
from mlkit.components.tokens import doc_text, forget_words

from .constructions import according_to, passive, passive_candidates, question_put
from .content import find_content, inside_quote
from .cues import cue_holds, cue_phrase, read_cue, stance
from .doc_view import Attr, DocView, Range
from .final_pass import (
    continue_quotations,
    drop_minds_inside_reports,
    explain_quoted_sources,
    trim_coordinated_contents,
)
from .labels import headline_labels, polls_as_settings
from .phrases import is_citable
from .sources import final_kind, resolve_sources, source_type
from .speaker import find_speaker, source_after
from .words import LEAD_PREPOSITIONS

if not Doc.has_extension("mlkit_attributions"):
    Doc.set_extension("mlkit_attributions", default=None)


@Language.factory("mlkit_attributions")
def make_attribution_finder(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder(nlp, name)


class AttributionFinder:
    """Marks attributions into `doc.spans["attribution_cues"|"attribution_sources"|"attribution_contents"]`
    and `doc._.mlkit_attributions` (the contract's dicts)."""

    def __init__(self, nlp: Language, name: str = "mlkit_attributions") -> None:
        self.nlp = nlp
        self.name = name
        self.matcher = LexiconMatcher(nlp, ("cues",))

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Attr]:
        """Every attribution in the document, sorted by cue."""
        v = DocView(doc)
        found: list[Attr] = []
        taken_cues: set[int] = set()
        cue_matches = [(s, e, entry) for _, entry, s, e in self.matcher(doc)]
        matched = {s for s, _, _ in cue_matches}
        cue_matches += [(i, i + 1, None) for i in passive_candidates(v) if i not in matched]
        cue_matches.sort(key=lambda m: (m[0], -m[1]))
        for start, end, entry in cue_matches:
            if start in taken_cues:
                continue
            prior = found[-1] if found and v.sent(found[-1].cue[0]) == v.sent(start) else None
            attr = attribution_for(v, start, end, entry, prior)
            if attr is not None:
                found.append(attr)
                taken_cues.update(range(attr.cue[0], attr.cue[1]))
        # a question with no asker counts only when the sentence reports the answer ("Asked whether he
        # would quit, Priebus said, “Probably.”"); "Asked how many were sold, she could not say" has none
        answered = {v.sent(a.cue[0]) for a in found if not a.extra.get("question")}
        found = [a for a in found if not a.extra.get("question") or v.sent(a.cue[0]) in answered]
        found.extend(headline_labels(v, taken_cues))
        found.extend(polls_as_settings(v))
        found.sort(key=lambda a: a.cue)
        trim_coordinated_contents(v, found)
        found = drop_minds_inside_reports(v, found)
        resolve_sources(v, found)
        continue_quotations(v, found)
        explain_quoted_sources(v, found)
        return found

    def set_annotations(self, doc: Doc, attrs: list[Attr]) -> Doc:
        cues, sources, contents, records = [], [], [], []
        text = doc_text(doc)
        labels = {k: doc.vocab.strings.add(k) for k in {a.kind for a in attrs}}
        for a in attrs:
            if a.content is not None and a.content[0] >= a.content[1]:
                a.content = None  # a rule cut the content to nothing: say so rather than invent a span
            cue = Span(doc, a.cue[0], a.cue[1], label=labels[a.kind])
            cues.append(cue)
            stype, source = "none", None
            if a.source:
                stype = a.source_type or source_type(Span(doc, *a.source))
                source = Span(doc, a.source[0], a.source[1], label=stype)
                sources.append(source)
            if a.content:
                con = doc.char_span(*a.content, label=labels[a.kind], alignment_mode="expand")
                if con is not None:
                    contents.append(con)
            records.append(_record(doc, text, a, cue, source, stype))
        doc.spans["attribution_cues"] = cues
        doc.spans["attribution_sources"] = sources
        doc.spans["attribution_contents"] = contents
        doc._.mlkit_attributions = records
        forget_words(doc)  # the last component that reads the word table and the lexicon matches
        forget_matches(doc)
        return doc


def attribution_for(
    v: DocView, start: int, end: int, entry: lexicon.Entry, prior: Attr | None
) -> Attr | None:
    """One cue through the stages: its speaker, the words reported, kind and stance; None when it is not
    a report. `prior` is an earlier report in the same sentence ("McCain said, citing ...")."""
    phrase = cue_phrase(v, start, end)
    if phrase.startswith("according"):
        return according_to(v, start, end, entry, "according_to")
    if phrase == "citing" and v.doc[start - 1].lower_ not in LEAD_PREPOSITIONS:  # "by citing": a reason
        cited = source_after(v, end)
        if cited is not None and is_citable(v.span(cited)):
            attr = according_to(v, start, end, entry, "indirect", cited)
            if attr is not None and prior is not None and prior.content is not None:
                attr.content = prior.content  # "X reported, citing Y, that Z": Y stands behind Z too
            return attr
        # "citing fears of terrorism": a reason the speaker gave, not a source: read it as a participle
    if phrase.startswith("in a statement"):
        return None  # a setting for another cue ("In a statement, X claimed"), not a cue alone
    cue = read_cue(v, start, end, entry, phrase)
    if cue is None:
        return None
    if cue.route == "question":
        return question_put(v, cue)
    if cue.route == "passive":
        return passive(v, cue)
    if entry is None:
        return None
    speaker = find_speaker(v, cue, prior)
    if speaker is None:
        return None
    found = find_content(v, cue, speaker)
    if found is None or not cue_holds(v, cue, speaker.source, found.kind, found.after_that, found.before):
        return None
    content = inside_quote(v, start, found.span)
    kind = final_kind(v, found.kind, content, speaker.source, cue.ing)
    stance_, explanation = stance(cue.word, cue.nxt, entry)
    attr = Attr((cue.cue_start, end), speaker.source, content, kind, stance_, explanation)
    attr.resolved = speaker.stands_for  # "Republicans who oppose him": "who" stands for the Republicans
    attr.extra["mind"] = cue.mind
    return attr


def _span_dict(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _tok_span(doc: Doc, text: str, span: Range | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return _of_span(text, Span(doc, *span))


def _of_span(text: str, span: Span | None) -> dict[str, Any] | None:
    return None if span is None else _span_dict(text, span.start_char, span.end_char)


def _record(doc: Doc, text: str, a: Attr, cue: Span, source: Span | None, stype: str) -> dict[str, Any]:
    """The contract's record (character offsets read off the Spans already made for doc.spans)."""
    return {
        "cue": _of_span(text, cue),
        "source": _of_span(text, source),
        "content": _span_dict(text, *a.content) if a.content else None,
        "kind": a.kind,
        "source_type": stype,
        "resolved_source": _tok_span(doc, text, a.resolved),
        "verb_stance": a.stance,
        "explanation": a.explanation,
    }
