"""Stage 2a, the speaker before the verb: "an opposition activist said", "Sen. Warren (D-Mass.) said",
"Republicans who oppose him say". The words between the last clause boundary and the cue are the
speaker, once helpers, linking words and asides are set aside; long runs keep only a name or a head.
"""

from __future__ import annotations

from spacy.strings import hash_string
from spacy.tokens import Token

from .appositives import apposed_speaker
from .doc_view import DocView, Range
from .phrases import breaks_np, cap, head_of_speaker, is_aux
from .words import (
    ADVERBS,
    AUX_IDS,
    AUXILIARIES,
    COMMA_ID,
    DETERMINERS,
    LEADING_DROP,
    NP_BREAKERS,
    PREPOSITIONS,
    PRONOUN_COMPANIONS,
    PRONOUNS,
    QUOTE_MARKS,
    RELATIVE_IDS,
    RELATIVES,
    SPEAKING_RELATIVES,
    VERB_ADVERB_IDS,
    VERB_ADVERBS,
)

OPEN_BRACKET_ID, CLOSE_BRACKET_ID = hash_string("("), hash_string(")")
ASIDE_DASH_IDS = frozenset(hash_string(t) for t in ("—", "–", "--"))
QUOTE_OR_STOP_IDS = frozenset(hash_string(t) for t in QUOTE_MARKS | {".", ";", ":"})
PRONOUNS_DETERMINERS = PRONOUNS | DETERMINERS
QUANTITY_OPENINGS = frozenset({("at", "least"), ("as", "many"), ("as", "much"), ("up", "to")})
CUT_SHORT = frozenset({"the", "a", "an", "of", "for", "to", "with", "on", "in", "at", "by", "from", "about"})


def source_before(v: DocView, cue_start: int, participle: bool = False) -> Range | None:
    """The noun phrase between the last clause boundary and the cue ("an opposition activist")."""
    doc = v.doc
    s0, _ = v.sent(cue_start)
    i = cue_start - 1
    lower, space = v.lower, v.space  # word hashes and space flags: no Token built to test a word
    while i >= s0 and (space[i] or lower[i] in VERB_ADVERB_IDS or (lower[i] in AUX_IDS and is_aux(doc[i]))):
        i -= 1  # "She has since said", "officials — ... — have long argued": helpers, not the speaker
    first_step = i
    aside: set[int] = set()  # "Sen. Warren (D-Mass.) said", "Speakers — Muslims, Jews — said"
    while i >= s0:
        if i != first_step and not aside:
            i = v.boundary_at_or_before(i, s0)  # the plain walk back to the clause boundary
            break
        opener = _aside_opener(v, i, s0)
        if opener is not None:
            aside.update(range(opener, i + 1))
            i = opener - 1
            continue
        if v.is_boundary_at(i):
            break
        i -= 1
    toks = [t for t in v.words(i + 1, cue_start) if t.i not in aside]
    if aside and not toks:
        return None
    whole = toks  # before trimming: a name at the end of a long run is looked for in it
    lows = [t.lower_ for t in whole]  # read once: the tests below ask for them again and again
    a, b = 0, len(whole)  # the speaker's words are whole[a:b]
    while b > a and (
        (lows[b - 1] in AUXILIARIES and is_aux(whole[b - 1]))
        or lows[b - 1] in VERB_ADVERBS
        or lows[b - 1].endswith("ly")
        and whole[b - 1].is_lower
        and b - a > 1
    ):
        b -= 1
    while b > a and lows[a] in LEADING_DROP:
        a += 1
    if b - a > 1 and lows[a] in RELATIVES and lows[a + 1] in PRONOUNS_DETERMINERS:
        a += 1  # "Lawmakers, who he said had failed": the speaker is "he"
    for k in range(a + 1, b):
        if lows[k] in {"who", "whose"}:  # "Two workers who were on shift told ...": the workers
            b = k
            break
    toks = whole[a:b]
    if not toks and i >= s0 and doc[i].text == ",":
        return apposed_speaker(v, i, participle)
    if not toks:
        return trailing_name(whole)
    first, last = lows[a], lows[b - 1]
    if (
        i >= s0
        and doc[i].lower_ == "that"
        and first in AUXILIARIES
        and len(toks) <= 6
        and not any(low in PRONOUNS for low in lows[a:b])
    ):
        return source_before(v, i)  # "organizations that have endorsed him say": the organizations
    if first in PRONOUNS and len(toks) > 1 and lows[a + 1] not in PRONOUN_COMPANIONS:
        return trailing_name(whole)  # "When they met in Paris the leaders said": not "they met ..."
    if len(toks) > (12 if first in {"a", "an", "the"} else 9):
        # "... party convention Sen. Elizabeth Warren (D-Mass.) said": the name at the end;
        # "Republican activists clamoring to block Trump from the nomination say": the head noun
        return trailing_name(whole) or head_of_speaker(toks)
    if (
        first in PREPOSITIONS
        and not any(t.like_num for t in toks[1:3])
        and tuple(lows[a : a + 2]) not in QUANTITY_OPENINGS  # "At least a dozen members said"
    ):
        # "At the convention Sen. Warren said": the name; "on Tuesday night he said": he
        # ("About 9 percent said" is a speaker: a share of the people asked)
        if last in PRONOUNS and last != "it":
            return toks[-1].i, toks[-1].i + 1
        return trailing_name(whole)
    if any(lows[k] in NP_BREAKERS and breaks_np(whole[k]) for k in range(a, b)) or any(
        t.is_punct and t.text not in {"-", "'s", "’s", ".", "'", "’", "%"} for t in toks
    ):
        return trailing_name(whole) or head_of_speaker(toks)
    if last in CUT_SHORT:
        return None  # "criticizing him for repeated votes": a phrase cut short, not a speaker
    start, end = toks[0].i, toks[-1].i + 1
    if aside and max(aside) == cue_start - 1 and doc[cue_start - 1].text == ")":
        end = cue_start  # keep a party tag with its name: "Rep. Paul Ryan (R-Wis.)"
    return _with_appositive(v, start, end, i)


def trailing_name(toks: list[Token]) -> Range | None:
    """The proper name that ends a run of words too long to be a speaker: two to six capitalised
    words ("Sen. Elizabeth Warren"), right before the verb."""
    k = len(toks)
    while k > 0 and (cap(toks[k - 1]) or toks[k - 1].is_upper or toks[k - 1].text in {".", "-"}):
        k -= 1
    name = toks[k:]
    if not 2 <= len(name) <= 6 or not cap(name[0]) or k == 0:
        return None
    if toks[k - 1].lower_ in {"the", "a", "an"} | PREPOSITIONS or toks[k - 1].text in {"'s", "’s"}:
        return None  # "in the White House said", "Trump's ... said": part of a longer phrase
    return name[0].i, name[-1].i + 1


def _aside_opener(v: DocView, i: int, s0: int) -> int | None:
    """Token i closes a bracket or a dash aside inside a speaker: where that aside opens (read on word
    hashes: brackets and dashes have no case)."""
    lower = v.lower
    closer = lower[i]
    if closer == CLOSE_BRACKET_ID:
        for j in range(i - 1, max(s0, i - 12) - 1, -1):
            if lower[j] == OPEN_BRACKET_ID:
                return j
            if lower[j] == CLOSE_BRACKET_ID:
                return None
        return None
    if closer in ASIDE_DASH_IDS:
        for j in range(i - 1, max(s0, i - 16) - 1, -1):
            if lower[j] == closer:
                return j if j > s0 else None
            if lower[j] in QUOTE_OR_STOP_IDS:
                return None
    return None


def _with_appositive(v: DocView, start: int, end: int, boundary: int) -> Range:
    """ "John Smith, a spokesman for the ministry, said": take the name in front of the description."""
    doc = v.doc
    if boundary < 1 or v.lower[boundary] != COMMA_ID:
        return start, end
    j = boundary - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    k = j  # the name's words, across a doubled space ("Doug  Andres")
    while k >= 0 and (cap(doc[k]) or doc[k].text in {".", "-"} or doc[k].is_upper or _inline_space(doc[k])):
        k -= 1
    first = k + 1
    while first < j and doc[first].is_space:
        first += 1
    if first <= j and (k < 0 or v.is_boundary_at(k) or doc[k].is_sent_start or doc[k].is_space):
        if doc[start].lower_ in {"a", "an", "the"} and doc[first].text not in {"According"}:
            return first, end
    return start, end


def _inline_space(tok: Token) -> bool:
    """A space token that is not a line break: an extra space typed between two words."""
    return tok.is_space and "\n" not in tok.text


def relative_speaker(v: DocView, cue_start: int) -> tuple[Range, Range] | None:
    """ "Senate Republicans who oppose him": the speaker is "who", standing for the noun phrase
    just before it. Returns (the relative pronoun, what it stands for) or None."""
    if not RELATIVE_IDS.intersection(v.lower[max(0, cue_start - 5) : cue_start]):
        return None  # cheap test on word hashes first: most cues have no "who" just before them
    doc = v.doc
    j = cue_start - 1
    while j >= 0 and (doc[j].is_space or doc[j].lower_ in ADVERBS or doc[j].lower_ in AUXILIARIES):
        j -= 1
    if j < 1 or doc[j].lower_ not in SPEAKING_RELATIVES:
        return None
    k = j - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k >= 0 and doc[k].text == ",":  # "The union, which endorsed Clinton, ...": before the comma
        k -= 1
        while k >= 0 and doc[k].is_space:
            k -= 1
    end = k + 1
    s0, _ = v.sent(j)
    while (
        k >= s0
        and end - k <= 6
        and not v.is_boundary_at(k)
        and doc[k].lower_ not in PREPOSITIONS
        and doc[k].lower_ not in NP_BREAKERS
        and not doc[k].is_punct
    ):
        k -= 1
    start = k + 1
    while start < end and doc[start].is_space:
        start += 1
    if start >= end or doc[end - 1].lower_ in DETERMINERS:
        return None
    return (j, j + 1), (start, end)
