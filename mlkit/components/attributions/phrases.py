"""What a run of words looks like, without a parser: a name, a speaker's noun phrase, a description
between commas, the head noun of a phrase. Every stage asks these questions of the words it finds.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from mlkit.components.sentences import ABBREVIATIONS
from mlkit.components.tokens import next_word

from .words import (
    ASIDES,
    AUXILIARIES,
    CLAUSE_WORDS,
    COMMON_SOURCE_NOUNS,
    DETERMINERS,
    DOCUMENT_SOURCES,
    HEAD_CUTS,
    LEADING_DROP,
    NOT_SPEAKERS,
    NP_BREAKERS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_MARKS,
    RELATIVES,
)


def is_aux(tok: Token) -> bool:
    """A helping verb ("has", "would", "may") — but not "May" inside a sentence ("2 May", "Theresa May")."""
    return tok.lower_ in AUXILIARIES and not (tok.text == "May" and not tok.is_sent_start)


def abbreviation_dot(tok: Token) -> bool:
    """The full stop of "No. 2", "Sen." or an initial ("George W. Bush"), alone or in its word ("Ms."):
    not the end of a sentence."""
    if len(tok.text) > 1 and tok.text.endswith("."):
        return tok.lower_.rstrip(".") in ABBREVIATIONS
    if tok.text != "." or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return not prev.whitespace_ and (prev.lower_ in ABBREVIATIONS or (len(prev) == 1 and prev.is_upper))


NOUNS_IN_LY = frozenset({"ally", "assembly", "family", "rally"})


def not_a_speaker(span: Span) -> bool:
    """One word that cannot speak on its own: a quotation mark, a linking word, a day or a month, an
    adverb ("after initially saying") or a participle ("the stakes of committing ...")."""
    if len(span) != 1:
        return False
    tok = span[0]
    low = tok.lower_
    if tok.is_punct or low in NOT_SPEAKERS:
        return True
    return tok.is_lower and tok.is_alpha and low.endswith(("ly", "ing")) and low not in NOUNS_IN_LY


def breaks_np(tok: Token) -> bool:
    """A word no speaker's name holds ("said", "would", "is"); "close to", "the head of the delegation to
    the forum" and a mid-sentence "May" do."""
    month_or_name = tok.text == "May" and not tok.is_sent_start
    return tok.lower_ in NP_BREAKERS and not desc_to(tok) and not month_or_name


def cap(tok: Token) -> bool:
    """Capitalised: "Warren", "McCain", "DeMoro", "NATO" (spaCy's is_title misses the middle capitals)."""
    return tok.text[:1].isupper()


def is_name(toks: list[Token]) -> bool:
    """A run of capitalised words such as "Sarah Whitfield" or "Dr. Kofi Mensah"."""
    return 0 < len(toks) <= 5 and all(cap(t) or t.is_upper or t.text in {".", "-"} for t in toks)


def name_part(tok: Token) -> bool:
    """A word of a full name with its title and place: "Rep. Lee Zeldin of New York (R-N.Y.)"."""
    return cap(tok) or tok.is_upper or tok.is_punct or tok.lower_ in {"of", "the"} or tok.like_num


def label_word(tok: Token) -> bool:
    """A word of a name used as a label before a colon ("Michael P. McDonald:")."""
    return cap(tok) or tok.is_upper or tok.text in {".", "-", "'s", "’s"}


def phrase_to(tok: Token) -> bool:
    """ "to" inside a source phrase: "sources close to the team", "forces loyal to the president"."""
    return (
        tok.lower_ == "to"
        and tok.i > 0
        and tok.doc[tok.i - 1].lower_
        in {"close", "near", "next", "loyal", "linked", "tied", "allied", "attached", "similar", "opposed"}
    )


def desc_to(tok: Token) -> bool:
    """ "to" inside a description: "a senior adviser to Mr. Sanders", "ambassador to the UN"."""
    if phrase_to(tok):
        return True
    nxt = next_word(tok.doc, tok.i)
    return tok.lower_ == "to" and nxt is not None and (cap(nxt) or nxt.lower_ in {"the", "a", "an"})


def in_brackets(tok: Token) -> bool:
    """Is this token between "(" and ")" on its own line of words (a party tag like "(D-Va.)")?"""
    doc = tok.doc
    before = next((doc[j].text for j in range(tok.i - 1, max(-1, tok.i - 6), -1) if doc[j].text in "()"), "")
    return before == "("


def head_tokens(span: Span) -> list[Token]:
    """The core noun phrase, before "of/for/close to ..." ("officials at the Pentagon" → "officials")."""
    core = []
    for k, tok in enumerate(span):
        if k > 0 and tok.lower_ in HEAD_CUTS:
            break
        if not tok.is_space:
            core.append(tok)
    return core or [t for t in span if not t.is_space]


def comma_parts(words: list[Token]) -> list[list[Token]]:
    """The words split at commas, empty pieces dropped."""
    parts: list[list[Token]] = [[]]
    for t in words:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def is_citable(span: Span) -> bool:
    """What "citing" names is a source (people, a name, an outlet, a document), not a reason."""
    head = head_tokens(span)[-1]
    return (
        cap(head)
        or head.is_upper
        or head.lower_ in COMMON_SOURCE_NOUNS
        or head.lower_ in DOCUMENT_SOURCES
        or head.lower_ in {"people", "person", "persons", "someone", "others"}
    )


def speaker_np(toks: list[Token]) -> bool:
    """Could these words name a speaker ("Rep. Mike Coffman of Colorado", "The 43-year-old former
    congressman", "Powell's office")? A short noun phrase: no clause words, no verb-like helpers."""
    if not 0 < len(toks) <= 12 or any(t.text in QUOTE_MARKS for t in toks):
        return False
    if any(t.text in {"(", ")"} for t in toks):  # "Rep. Bobby Scott (D-Va.)": a party tag after a name
        toks = [t for t in toks if not (t.text in {"(", ")"} or in_brackets(t))] or toks
    first, last = toks[0], toks[-1]
    if first.lower_ in PREPOSITIONS or first.lower_ in CLAUSE_WORDS or first.lower_ in PRONOUNS - {"it"}:
        return len(toks) == 1 and first.lower_ in PRONOUNS
    if not (cap(first) or first.is_upper or first.like_num or first.lower_ in DETERMINERS):
        if not any(cap(t) for t in toks[1:]):
            return False  # "state Rep. Gilda Cobb-Hunter", "former Gov. Jeb Bush" have a name after the role
    if last.lower_ in PREPOSITIONS or last.lower_ in DETERMINERS or last.is_punct and last.text != ".":
        return False
    return not any(t.lower_ in NP_BREAKERS and not desc_to(t) for t in toks) and not any(
        t.lower_ in CLAUSE_WORDS for t in toks
    )


def head_of_speaker(toks: list[Token]) -> tuple[int, int] | None:
    """The noun phrase that opens a long speaker, up to its first modifier: "many officials [on and off
    the island]", "progressive organizations [that have endorsed him]", "Republican activists
    [clamoring to block Trump]". None unless a modifier clearly follows the noun."""
    head: list[Token] = []
    for t in toks[:12]:
        low = t.lower_
        if head and (
            (low in PREPOSITIONS and low != "of")
            or low in {"that", "who", "which", "whose"}
            or (t.is_lower and low.endswith(("ing", "ed")) and len(head) >= 2)  # "a study published ..."
        ):
            # the noun the phrase is about: its last word, or the word before "of" ("Organizers of the
            # push [to boycott ...]")
            of = next((k for k, h in enumerate(head) if h.lower_ == "of"), len(head))
            plausible = _speaker_noun(head[-1]) or (0 < of < len(head) and _speaker_noun(head[of - 1]))
            if plausible and head[0].lower_ not in PRONOUNS and head[-1].lower_ not in DETERMINERS:
                return head[0].i, head[-1].i + 1
            return None
        if low in NP_BREAKERS or t.is_punct or low in CLAUSE_WORDS:
            return None
        head.append(t)
    return None


def _speaker_noun(tok: Token) -> bool:
    """A word that can head a speaker: a speaker noun, a plural, a name."""
    return (
        tok.lower_ in COMMON_SOURCE_NOUNS
        or (tok.is_lower and tok.lower_.endswith("s") and tok.is_alpha)
        or cap(tok)
    )


def description(toks: list[Token]) -> bool:
    """A piece between commas that describes the speaker: "who led a filibuster in June",
    "a Republican who served as a Marine", "58", "wearing a T-shirt", "asked what was wrong"."""
    if not 0 < len(toks) <= 30 or any(t.text in {".", ";", ":"} and not abbreviation_dot(t) for t in toks):
        return False
    first = toks[0]
    if any(t.lower_ in {"said", "says", "told"} for t in toks) and first.lower_ not in RELATIVES:
        return False  # another report: the clause is not a description ("who said he votes" is one)
    if first.lower_ in CLAUSE_WORDS and first.lower_ not in RELATIVES | PREPOSITIONS:
        return False  # "but the band's manager": a new clause, not a description
    return (
        first.lower_ in RELATIVES
        or first.lower_ in DETERMINERS
        or cap(first)
        or first.like_num
        or first.lower_ in {"including", "like", "then", "now", "once", "himself", "herself", "both", "also"}
        or (first.is_lower and first.lower_.endswith(("ing", "ed")))
        or first.lower_ in PREPOSITIONS  # "Sexton, after previous Trump rallies, wrote"
        or (first.is_lower and len(toks) <= 20 and not any(breaks_np(t) for t in toks))
    )  # the last: a role, "executive director of National Nurses United"


def opener(toks: list[Token]) -> bool:
    """An opening phrase before the speaker: "On Tuesday", "In an interview", "Meanwhile"."""
    return bool(toks) and (
        toks[0].lower_ in PREPOSITIONS or toks[0].lower_ in LEADING_DROP or toks[0].lower_ in ASIDES
    )


def np_start(tok: Token) -> bool:
    """Can a speaker named after the verb start with this word? ("said the mayor", "said Smith")."""
    return (
        cap(tok)
        or tok.is_upper
        or tok.like_num
        or tok.lower_ in DETERMINERS
        or tok.lower_ in PRONOUNS
        or tok.lower_ in COMMON_SOURCE_NOUNS
    )


def looks_like_speaker(span: Span) -> bool:
    """ "said the mayor", "said former Gov. Jeb Bush", "said senior officials" — not "say taxing consumption
    encourages savings": a speaker starts like a noun phrase, holds a name or ends in a speaker noun."""
    if span[0].lower_ in PRONOUNS:
        # "said he." — but "said he wants an alternative", "said he and other rabbis ..." report what was said
        nxt = next_word(span[0].doc, span[-1].i)
        return len(span) == 1 and (
            nxt is None or nxt.text in {".", ",", "!", "?", ";"} or nxt.text in QUOTE_MARKS
        )
    return np_start(span[0]) or any(cap(t) for t in span[1:]) or span[-1].lower_ in COMMON_SOURCE_NOUNS


def skippable_chunk(chunk: list[Token]) -> bool:
    """A comma-separated piece between a speaker and the verb that is not part of who spoke:
    an adverb ("meanwhile") or an age ("Woodrow Benford, 58, ...")."""
    if len(chunk) == 1 and (chunk[0].lower_ in ASIDES or (chunk[0].like_num and len(chunk[0].text) <= 3)):
        return True
    if len(chunk) == 1 and cap(chunk[0]) and chunk[0].text.endswith(".") and len(chunk[0].text) <= 6:
        return True  # a state after a town: "Cory James, 22, of Flint, Mich., said"
    return 2 <= len(chunk) <= 4 and chunk[0].lower_ in {"of", "from"} and all(cap(t) for t in chunk[1:])
