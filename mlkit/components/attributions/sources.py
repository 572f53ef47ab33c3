"""Stage 4, the source: what kind of source it is (named, unnamed, pronoun, none), what kind of report
that makes (a document or outlet makes it "other"), and which earlier source a pronoun or "the same
source" stands for.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left

from spacy.tokens import Doc, Span

from mlkit.outlets import is_outlet, outlet_names

from .doc_view import Attr, DocView, Range
from .phrases import cap, comma_parts, head_tokens, is_name
from .words import (
    ANAPHORIC_STARTS,
    ARTICLES,
    COMMON_SOURCE_NOUNS,
    DOCUMENT_SOURCES,
    ORGANISATIONS,
    OUTLET_NOUNS,
    POSSESSIVES,
    PRONOUNS,
    RELATIVES,
)

FACTS_KEPT = 50_000  # distinct source wordings whose facts are kept
_FACTS: dict[tuple[str, ...], tuple[str, str, bool]] = {}
LOOKBACK = 40  # earlier sources a pronoun may point back to (a few paragraphs of news)


def final_kind(v: DocView, kind: str, content: Range | None, source: Range, participle: bool) -> str:
    """The kind of an indirect report once its content and source are known: an opening mark makes it
    direct, a quoted fragment mixed, a document or outlet as the source (or a participle) other."""
    if kind == "indirect" and content is not None and v.text[content[0]] in "\"“„«'":
        kind = "direct"  # an opening mark never closed: '"We will appeal the ruling, the lawyer said'
    if kind == "indirect" and content is not None and v.has_quote_inside(content):
        kind = "mixed"
    if kind == "indirect" and facts_at(v, source)[1] in DOCUMENT_SOURCES:
        kind = "other"  # a memo, a study, state media: a document or outlet rather than a person
    if participle and kind == "indirect":
        kind = "other"
    return kind


def source_type(span: Span) -> str:
    """named | unnamed | pronoun | none."""
    return source_facts(span)[0]


def source_facts(span: Span) -> tuple[str, str, bool]:
    """(source type, head word, anaphoric?) of a source. They depend only on its words, and the same
    sources come back in every article ("he", "officials", "Trump"): worked out once per wording."""
    key = tuple(t.text for t in span)
    facts = _FACTS.get(key)
    if facts is None:
        if len(_FACTS) >= FACTS_KEPT:
            _FACTS.clear()  # a bound on memory; the next sources are worked out again
        stype = _classify_source(span)
        first = next((t for t in span if not t.is_space), None)
        anaphoric = first is not None and first.lower_ in ANAPHORIC_STARTS and stype == "unnamed"
        core = head_tokens(span)
        facts = _FACTS[key] = (stype, core[-1].lower_ if core else "", anaphoric)
    return facts


def facts_at(v: DocView, source: Range) -> tuple[str, str, bool]:
    """`source_facts` of a source range of this Doc, looked up once per range."""
    facts = v.source_facts.get(source)
    if facts is None:
        facts = v.source_facts[source] = source_facts(v.span(source))
    return facts


def _classify_source(span: Span) -> str:
    words = [t for t in span if not t.is_space]
    if not words:
        return "none"
    if len(words) == 1 and (
        words[0].lower_ in PRONOUNS or words[0].lower_ in RELATIVES or words[0].lower_ in POSSESSIVES
    ):
        return "pronoun"
    if any(
        is_name(part) and part[0].lower_ not in {"the", "a", "an"} and len(part) >= 2
        for part in comma_parts(words)
    ):
        return "named"  # "the park's director, Nadia Okafor"
    core = head_tokens(span)
    head = core[-1]
    if head.lower_ in DOCUMENT_SOURCES and sum(cap(t) for t in core[:-1] if t.lower_ != "the") >= 2:
        return "named"  # "Westbrook County Fire Service records": the document of a named body
    if head.lower_ in ORGANISATIONS and any(cap(t) for t in core[:-1] if t.lower_ not in ARTICLES):
        return "named"  # "The Trump campaign", "Clinton's campaign": a body named after its leader
    if len(core) == 1 and (head.lower_ in DOCUMENT_SOURCES or head.lower_ in ORGANISATIONS):
        return "unnamed"  # "Statement: ...", "Reports say": capitalised only where the line starts
    if head.lower_ in COMMON_SOURCE_NOUNS and (len(core) == 1 or not cap(core[-2])):
        # "Police said" is capitalised only because it starts a sentence; "Capitol Police" is a name
        return "unnamed"
    if head.text[:1].isupper():
        return "named"
    return "unnamed"


_OUTLET_NAMES: weakref.WeakKeyDictionary[Doc, list[Range]] = weakref.WeakKeyDictionary()


def named_outlet_before(v: DocView, token: int) -> Range | None:
    """The last outlet the text names before ``token``, even where it is not a source ("an opposition
    source told the London-based newspaper Asharq Al-Awsat. ... According to the newspaper, ...")."""
    doc = v.doc
    mentions = _OUTLET_NAMES.get(doc)
    if mentions is None:  # found once per Doc, by one regex pass over its text, kept beside it (weakly)
        mentions = _OUTLET_NAMES[doc] = outlet_names(doc.text)
    at = doc[token].idx
    i = bisect_left(mentions, (at, at)) - 1
    if i < 0:
        return None
    span = doc.char_span(*mentions[i], alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def resolve_sources(v: DocView, attrs: list[Attr]) -> None:
    """Point pronouns and anaphoric descriptions ("the activist", "the same source") back to a first
    mention: the nearest earlier compatible source, followed back to its own antecedent. Each source's
    type is kept on its Attr."""
    doc = v.doc
    by_source = sorted((a for a in attrs if a.source), key=lambda a: a.source)

    def info(span: Range) -> tuple[str, str, bool]:
        """(source type, head word, anaphoric?) of a source."""
        return facts_at(v, span)

    for k, a in enumerate(by_source):
        stype, head, anaphoric = info(a.source)
        a.source_type = stype
        if a.resolved is not None:
            continue  # already known ("who" and the noun phrase it follows)
        if stype not in {"pronoun", "unnamed"} or (stype == "unnamed" and not anaphoric):
            continue
        words = [t.lower_ for t in Span(doc, *a.source) if not t.is_space]
        words[0] = {"his": "he", "her": "she", "their": "they", "its": "it"}.get(words[0], words[0])
        antecedent = None
        for b in reversed(by_source[max(0, k - LOOKBACK) : k]):  # bounded: linear in long texts
            ctype, cand_head, cand_anaphoric = info(b.source)
            if stype == "pronoun":
                if ctype == "pronoun" and b.resolved:
                    antecedent = b.resolved
                    break
                if ctype == "pronoun":
                    continue
                if (
                    words[0] in {"he", "she"}
                    and ctype == "unnamed"
                    and (cand_head.endswith("s") or cand_head in {"police", "staff", "media"})
                ):
                    continue
                if words[0] == "they" and ctype == "unnamed" and not cand_head.endswith("s"):
                    continue
                if words[0] == "it" and cand_head.endswith("s") and ctype != "named":
                    continue  # "it" is an organisation or a document, not "tests" or "officials"
                antecedent = b.resolved or b.source
                break
            if head in OUTLET_NOUNS and ctype == "named" and is_outlet(v.span(b.source).text):
                antecedent = b.source  # "the newspaper": the outlet named before it
                break
            if "same" in words or head == "source":
                if ctype == "named":
                    continue
                antecedent = b.resolved or b.source
                break
            if cand_head == head and not cand_anaphoric:
                antecedent = b.source
                break
            if cand_head == head and b.resolved:
                antecedent = b.resolved
                break
        if antecedent is None and stype == "unnamed" and head in OUTLET_NOUNS:
            antecedent = named_outlet_before(v, a.source[0])  # "told the newspaper Asharq Al-Awsat ..."
        a.resolved = antecedent  # the type stays ANNOTATION.md's ("the newspaper" is a description, not a
        # name); mlkit.sourcing counts it as named because the reader is told which newspaper it is
