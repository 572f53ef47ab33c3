"""Stage 2b, a speaker set off by commas: "John Smith, a spokesman for the Red Cross, said",
"Paradis, who volunteered for Bill Clinton when he ran in 1992, says". The name stands before one or
more descriptions between commas; the speaker is the name, with its description when that is a noun
phrase.
"""

from __future__ import annotations

from spacy.strings import hash_string
from spacy.tokens import Token

from .doc_view import DocView, Range
from .phrases import (
    abbreviation_dot,
    breaks_np,
    cap,
    description,
    is_name,
    name_part,
    opener,
    skippable_chunk,
    speaker_np,
)
from .words import (
    ADVERBS,
    ASIDES,
    CLAUSE_WORDS,
    COMMA_ID,
    DETERMINERS,
    LEADING_DROP,
    POSSESSIVES,
    PREPOSITIONS,
    QUOTE_IDS,
    QUOTE_MARKS,
    RELATIVES,
    TIME_WORDS,
)


def comma_before(v: DocView, cue_start: int) -> int | None:
    """The comma just before the cue, looking past adverbs ("McCain, who ..., also said")."""
    doc = v.doc
    j = cue_start - 1
    while j >= 0 and (doc[j].is_space or doc[j].lower_ in ADVERBS):
        j -= 1
    if j >= 1 and doc[j].lower_ in TIME_WORDS and doc[j - 1].lower_ in {"on", "last", "this"}:
        j -= 2  # "Chris Christie, who chairs the team, on Sunday defended ..."
        while j >= 0 and doc[j].is_space:
            j -= 1
    if j >= 1 and doc[j].text in QUOTE_MARKS and doc[j - 1].text == ",":
        return j  # "Humphrey, who calls Trump a “sociopath,” said": the comma sits inside the quote
    return j if j >= 0 and doc[j].text == "," else None


def apposed_speaker(v: DocView, comma: int, participle: bool = False) -> Range | None:
    """A speaker followed by descriptions between commas, each possibly long:
    "Paradis, who volunteered for Bill Clinton when he ran in 1992, says ...",
    "Rich Heffley, a top GOP operative who played a role in 2008, said ...",
    "Hunter, meanwhile, told ...", "Cory James, 22, of Flint, Mich., said ...".
    Returns the name, with its description when that is a noun phrase ("a spokesman for the Red Cross",
    "chair of the committee"), or None. `comma` is the comma just before the verb; before a
    `participle` ("Nate Cohn, writing in ...") only a name alone counts: a clause before the comma is
    the participle's main clause, not a description."""
    chunks = _chunks_before(v, comma)
    for k, chunk in enumerate(chunks):
        name, cut = _clause_end(v, chunk)
        descs = [c for c in chunks[k + 1 :] if not skippable_chunk(c)]
        opens = cut or _openers(chunks[:k])  # nothing but "On Tuesday," comes before the name
        if not descs:
            if opens and name and (k < len(chunks) - 1 or is_name(name)):
                return name[0].i, name[-1].i + 1  # "Hunter, meanwhile, told", "Sen. Jack Reed (D-R.I.), said"
            continue
        if participle or not name or not speaker_np(name) or not all(description(d) for d in descs):
            continue
        if not opens and not _plainly_named(name, descs):
            continue  # "The plan failed, Smith, ...": only a plain name and role after a clause
        end = name[-1].i + 1
        if role(descs[0]):  # "Smith, a spokesman for the ministry": the description is part of who spoke
            end = (_before_relative(descs[0]) if len(descs) == 1 else descs[-1])[-1].i + 1
        return name[0].i, end
    return None


def _plainly_named(name: list[Token], descs: list[list[Token]]) -> bool:
    """A name and one role, or a role and one name: "Tom Becker, the company's lawyer", "the
    publisher, Harland Press"."""
    if len(descs) != 1:
        return False
    return (cap(name[0]) and len(name) <= 8 and all(name_part(t) for t in name)) or (
        len(name) <= 6 and is_name(descs[0])
    )


CHUNK_STOP_IDS = frozenset(hash_string(t) for t in (";", ":", "!", "?"))
PERIOD_ID = hash_string(".")


def _chunks_before(v: DocView, comma: int) -> list[list[Token]]:
    """The comma-separated pieces before `comma` (nearest last), back to the sentence start, a sentence
    mark or a long quotation, within 60 words; a short quotation inside a description ("who calls
    Trump a “sociopath,”") is kept whole."""
    doc = v.doc
    s0, _ = v.sent(comma)
    toks: list[Token] = []
    lower, space = v.lower, v.space  # marks tested on word hashes: no Token for a space or a stop
    j = comma - 1
    while j >= s0 and len(toks) < 60:
        if space[j]:
            j -= 1
            continue
        h = lower[j]
        if h in CHUNK_STOP_IDS or (h == PERIOD_ID and j > s0 and not abbreviation_dot(doc[j])):
            break
        t = doc[j]
        if h in QUOTE_IDS:
            q = v.quote_containing(t.idx + 1) or v.quote_containing(t.idx - 1)
            if q is None or q.end - q.start > 60 or q.start < doc[s0].idx:
                break
            k = j
            while k > s0 and doc[k].idx > q.start:
                k -= 1
            toks[:0] = [x for x in doc[k : j + 1] if not x.is_space]
            j = k - 1
            continue
        toks.insert(0, t)
        j -= 1
    chunks: list[list[Token]] = [[]]
    for t in toks:
        if lower[t.i] == COMMA_ID and not (v.quote_containing(t.idx) or v.quote_containing(t.idx + 1)):
            chunks.append([])
        else:
            chunks[-1].append(t)
    return [c for c in chunks if c]


def _clause_end(v: DocView, chunk: list[Token]) -> tuple[list[Token], bool]:
    """The words of a would-be name after the last clause boundary in it ("... while her opponent",
    "“Yes,” Brent Bozell III"), without a leading "But"/"Meanwhile"; and whether anything was cut."""
    start = 0
    for k, t in enumerate(chunk):
        if t.text not in {"(", ")"} and v.is_boundary_at(t.i):
            start = k + 1
    name = chunk[start:]
    while name and name[0].lower_ in LEADING_DROP:
        name = name[1:]
    return name, start > 0


def _openers(chunks: list[list[Token]]) -> bool:
    """Only opening phrases ("On Tuesday,", "Appearing before supporters,") come before the name."""
    return all(opener(c) or c[0].lower_.endswith(("ing", "ed")) for c in chunks)


ROLE_PARTICIPLES = frozenset(
    {"ranking", "leading", "acting", "managing", "presiding", "founding", "retired", "elected"}
)


def role(toks: list[Token]) -> bool:
    """A description that names a role, so it belongs with the name: "a spokesman", "the chair",
    "his chief of staff", "chair of the committee", "AKA Danger Mouse" — not "in Kentucky", "clearly
    frustrated", "echoing Erdogan", "who has no endorsements"."""
    first = toks[0]
    low = first.lower_
    if low in RELATIVES or low in PREPOSITIONS or low in ASIDES:
        return False
    if low in DETERMINERS or low in POSSESSIVES or cap(first):
        return True
    return (
        first.is_alpha
        and first.is_lower
        and (not low.endswith(("ly", "ing", "ed")) or low in ROLE_PARTICIPLES)
        and len(toks) <= 12
        and not any(breaks_np(t) or t.lower_ in CLAUSE_WORDS for t in toks)
    )


def _before_relative(toks: list[Token]) -> list[Token]:
    """ "the Democratic pollster who worked for both Clintons": the description up to "who"."""
    for k, t in enumerate(toks[1:], start=1):
        if t.lower_ in RELATIVES:
            return toks[:k]
    return toks
