"""Stage 2b, a speaker set off by commas: "John Smith, a spokesman for the Red Cross, said",
"Paradis, who volunteered for Bill Clinton when he ran in 1992, says". The name stands before one or
more descriptions between commas; the speaker is the name, with its description when that is a noun
phrase.
"""

from __future__ import annotations

from spacy.tokens import Token

from .doc_view import DocView, Range
from .phrases import cap, desc_to, description, is_name, name_part, opener, skippable_chunk, speaker_np
from .words import ADVERBS, LEADING_DROP, NP_BREAKERS, QUOTE_MARKS, RELATIVES, TIME_WORDS


def appositive_source(v: DocView, comma: int, s0: int, desc_only: bool = False) -> Range | None:
    """ "John Smith, a spokesman for the Red Cross, said": name (and description) between commas;
    "Cruz, who has proposed ..., said": the name before a relative clause."""
    chunks: list[list[Token]] = [[]]
    for tok in reversed(v.doc[max(s0, comma - 40) : comma]):
        if tok.is_space or tok.text in {"(", ")"}:  # "Rep. Elijah Cummings (D-Md.), chair of ..."
            if tok.text in {"(", ")"}:
                chunks[-1].insert(0, tok)
            continue
        if v.is_boundary(tok):
            if skippable_chunk(chunks[-1]):
                chunks[-1] = []  # "Sanders, meanwhile, said", "Benford, 58, who ..., says": skip it
                continue
            if tok.text != "," or len(chunks) == 2:
                break
            chunks.append([])
            continue
        chunks[-1].insert(0, tok)
    desc = chunks[0]
    name = chunks[1] if len(chunks) == 2 else []
    if not name and is_name(desc) and v.starts_sentence(desc[0].i, s0):
        return desc[0].i, desc[-1].i + 1  # "Hunter, meanwhile, told ...": the aside was skipped
    for k, t in enumerate(desc[1:], start=1):
        if t.lower_ in {"who", "which", "whose"}:  # "an oncologist who advised Obama": the oncologist
            desc = desc[:k]
            break
    if desc and desc[0].lower_ in {"who", "which", "whose"}:
        if name and len(name) <= 8 and (cap(name[0]) or name[0].lower_ in {"the", "a", "an"}):
            return name[0].i, name[-1].i + 1
        return None
    longest = 14 if name and desc[0].lower_ in {"a", "an", "the"} else 9
    if not desc or len(desc) > longest or any(t.lower_ in NP_BREAKERS and not desc_to(t) for t in desc):
        return None
    if name and len(name) <= 8 and cap(name[0]) and all(name_part(t) for t in name):
        return name[0].i, desc[-1].i + 1
    if name and len(name) <= 6 and is_name(desc) and not any(t.lower_ in NP_BREAKERS for t in name):
        return name[0].i, desc[-1].i + 1  # "the prosecutor, Sarah Whitfield, told ..."
    if not desc_only or desc[0].lower_ in {"a", "an"} or not cap(desc[0]):
        return None  # "..., a spokesman, said" with no name before it is not enough to go on
    return desc[0].i, desc[-1].i + 1


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


def apposed_speaker(v: DocView, comma: int) -> Range | None:
    """A speaker followed by descriptions between commas, each possibly long:
    "Paradis, who volunteered for Bill Clinton when he ran in 1992, says ...",
    "Rich Heffley, a top GOP operative who played a role in 2008, said ...".
    Returns the name (with its description when that is a noun phrase), or None."""
    doc = v.doc
    s0, _ = v.sent(comma)
    toks: list[Token] = []
    j = comma - 1
    while j >= s0 and len(toks) < 60:
        t = doc[j]
        if t.is_space:
            j -= 1
            continue
        if t.text in {";", ":", "!", "?"} or (t.text == "." and j > s0):
            break
        if t.text in QUOTE_MARKS:
            q = v.quote_containing(t.idx + 1) or v.quote_containing(t.idx - 1)
            if q is None or q.end - q.start > 60 or q.start < doc[s0].idx:
                break
            k = j  # a short quotation inside a description ("who calls Trump a “sociopath,”"): keep it
            while k > s0 and doc[k].idx > q.start:
                k -= 1
            toks[:0] = [x for x in doc[k : j + 1] if not x.is_space]
            j = k - 1
            continue
        toks.insert(0, t)
        j -= 1
    chunks: list[list[Token]] = [[]]
    for t in toks:
        if t.text == "," and not (v.quote_containing(t.idx) or v.quote_containing(t.idx + 1)):
            chunks.append([])
        else:
            chunks[-1].append(t)
    chunks = [c for c in chunks if c]
    for k in range(len(chunks) - 1):
        name = chunks[k]
        while name and name[0].lower_ in LEADING_DROP:
            name = name[1:]
        descs = chunks[k + 1 :]
        if not name or not speaker_np(name) or not all(description(d) for d in descs):
            continue
        if any(not opener(c) for c in chunks[:k]):
            return None  # something other than "On Tuesday," comes before: not a speaker's clause
        first = descs[0][0]
        if first.lower_ in {"a", "an", "the"} or (cap(first) and first.lower_ not in RELATIVES):
            return name[0].i, descs[-1][-1].i + 1
        return name[0].i, name[-1].i + 1
    return None
