"""Stage 2, the speaker: who made the report a cue marks. Tried in order: a relative pronoun ("who
said"), the words before the verb, the owner of a noun cue ("his claim"), a speaker after an inverted
verb (", said the mayor"), a name before descriptions between commas, and for a second verb or a
participle the speaker it shares with the clause ("McCain said, citing ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from mlkit.components.tokens import prev_word as word_before

from .appositives import apposed_speaker, comma_before
from .cues import Cue
from .doc_view import Attr, DocView, Range
from .phrases import cap, is_citable, is_name, looks_like_speaker, not_a_speaker, phrase_to, speaker_np
from .speaker_before import relative_speaker, source_before
from .words import (
    ADVERBS,
    CITING_ID,
    COMMA_ID,
    COMMON_SOURCE_NOUNS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    LEAD_PREPOSITIONS,
    LEADING_DROP,
    LONG_SOURCE_STOPS,
    NOT_ADJECTIVES,
    NP_BREAKERS,
    POSSESSIVES,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_MARKS,
    RELATIVES,
    SOURCE_LINKS,
    SOURCE_STOPS,
)

SUBORDINATORS = frozenset(
    "when after before because as while if since although though once until where who whom which that "
    "whether unless".split()
)


@dataclass
class Speaker:
    """Who spoke, and how that was found."""

    source: Range
    near: Range | None  # a speaker right next to the cue (the content may sit on its far side)
    inverted: bool  # found after the verb: ", said the mayor"
    stands_for: Range | None  # what a relative "who" stands for ("Republicans who oppose him")


def find_speaker(v: DocView, cue: Cue, prior: Attr | None) -> Speaker | None:
    """The cue's speaker, or None when there is none (then there is no report to mark). `prior` is an
    earlier report in the same sentence, whose speaker a second verb or a participle shares."""
    doc, cue_start, prev = v.doc, cue.cue_start, cue.prev
    if cue.ing:
        beside = with_subject(v, cue_start)  # ", with Sen. John McCain calling it ..."
        if beside is not None:
            return Speaker(beside, beside, False, None)
        if cue.prev_low in LEAD_PREPOSITIONS:  # "After thanking the crowd, he ...": the clause's subject
            found = subject_of_participle(v, cue_start)
            return None if found is None else Speaker(found, None, False, None)
    relative = relative_speaker(v, cue_start)
    source = relative[0] if relative else source_before(v, cue_start, cue.ing)
    if source is not None and not_a_speaker(v.span(source)):
        source = None  # "after initially saying": the speaker is the clause's subject, looked for below
    if cue.restricted and prev is not None and cue.start == cue_start:
        owner = _owner_of_noun(v, prev)  # "his claim that ...", "Clinton's claims"
        if owner is False:
            return None  # "a false claim that ...": a claim nobody in the sentence makes
        if owner is not None:
            source = owner
    inverted = False
    if (
        source is None
        and prev is not None
        and (cue.prev_low == "," or cue.prev_low in QUOTE_MARKS)  # marks have no case
        and "no_inversion" not in cue.flags
        and not cue.mind
        and not cue.ing  # "..., saying the deal goes nowhere": a participle never has its speaker after it
    ):
        source = source_after(v, cue.end)
        if source is not None and not (looks_like_speaker(v.span(source)) and _ends_inversion(v, source[1])):
            source = None  # "..., said a carbon price could replace ...": a clause, not a speaker
        inverted = source is not None
    if source is None and not cue.ing:
        comma = comma_before(v, cue_start)
        if comma is not None:
            source = apposed_speaker(v, comma)  # "McCain, who has tangled with Cruz, said"
    near = source
    if source is None and cue.prev_low in {"then", "and", "but"} and not cue.ing:
        if cue.prev_low != "then" or _after_comma_or_and(v, prev):
            source = shared_speaker(v, prior, cue_start)  # "She says ..., but insists", ", then says"
    if cue.ing and source is None:
        source = shared_speaker(
            v, prior, cue_start, participle=True
        )  # "“...,” McCain said, citing low growth"
    if cue.infinitive and source is None:
        source = subject_of_participle(v, cue_start)  # "Clinton took to Twitter to say ..."
    if cue.ing and source is not None and doc[source[1] - 1].lower_ in DOCUMENT_NOUNS:
        source = subject_of_participle(v, cue_start) or source  # "ISIS issued a statement claiming"
    if source is None or not_a_speaker(v.span(source)):
        return None
    return Speaker(source, near, inverted, relative[1] if relative and source == relative[0] else None)


def with_subject(v: DocView, cue_start: int) -> Range | None:
    """ "..., with Sen. John McCain calling it a 'Chinese menu'": the noun phrase between "with" and the
    participle is who speaks (not the clause before the comma)."""
    s0, _ = v.sent(cue_start)
    words = v.words(max(s0, cue_start - 10), cue_start)
    for k in range(len(words) - 1, -1, -1):
        t = words[k]
        if t.lower_ == "with":
            np = words[k + 1 :]
            if np and speaker_np(np) and not_a_speaker(v.span((np[0].i, np[-1].i + 1))) is False:
                return np[0].i, np[-1].i + 1
            return None
        if v.is_boundary_at(t.i) or t.is_punct and t.text not in {".", "-", "'s", "’s"}:
            return None
    return None


def _after_comma_or_and(v: DocView, then: Token) -> bool:
    before = word_before(v.doc, then.i)
    return before is not None and before.lower_ in {",", "and"}


def source_after(v: DocView, cue_end: int, long: bool = False) -> Range | None:
    """The speaker after an inverted cue: ", said the mayor." / "according to the ministry".
    `long`: after "according to" a source may be a long phrase ("early results of exit polls
    conducted for The Associated Press and television networks")."""
    _, s1 = v.sent(cue_end - 1 if cue_end > 0 else 0)
    toks: list[Token] = []
    stops = LONG_SOURCE_STOPS if long else SOURCE_STOPS
    for tok in v.doc[cue_end:s1]:
        if tok.is_space:
            continue
        if long and tok.lower_ == "and" and toks:
            toks.append(tok)
            continue
        if v.is_boundary_at(tok.i) or tok.text in {".", "!", "?"}:
            break
        if long and toks and tok.lower_ in PRONOUNS:
            break  # "according to the eyewitness he describes ...": a new clause starts at "he"
        if tok.lower_ in stops and not (toks and toks[-1].lower_ in SOURCE_LINKS):
            break  # "said the mayor on Monday" ends at "on"; "people familiar with the plan" does not
        toks.append(tok)
        if len(toks) > (20 if long else 12):
            return None
    while toks and (toks[-1].is_punct or toks[-1].lower_ in {"the", "a", "an", "and"}):
        toks.pop()
    if not toks or any(t.lower_ in NP_BREAKERS and not phrase_to(t) for t in toks):
        return None  # ("said a source close to the campaign": that "to" belongs to the speaker)
    return toks[0].i, _name_after(v, toks[-1].i + 1, s1)


def citing_end(v: DocView, comma: int) -> int | None:
    """At a comma, ", citing <a source>" names the source a report relies on ("Reuters reported, citing
    two officials, that ..."): the index just past the cited source (and a comma after it), else None."""
    if v.lower[comma] != COMMA_ID:
        return None
    k = v.index_after(comma)
    if k < 0 or v.lower[k] != CITING_ID:
        return None
    cited = source_after(v, k + 1)
    if cited is None or not is_citable(v.span(cited)):
        return None  # "citing fears of terrorism": a reason, not a source
    after = v.index_after(cited[1] - 1)
    return after + 1 if after >= 0 and v.lower[after] == COMMA_ID else cited[1]


def _name_after(v: DocView, end: int, s1: int) -> int:
    """ ", said the park's director, Nadia Okafor." — extend the speaker over a trailing name."""
    words = v.words(end, s1)
    if len(words) >= 2 and words[0].text == ",":
        name = []
        for t in words[1:]:
            if cap(t) or t.is_upper or t.text in {".", "-"}:
                name.append(t)
            else:
                break
        after = words[1 + len(name)] if len(words) > 1 + len(name) else None
        if is_name(name) and (after is None or after.text in {".", ",", "!", "?", ";"}):
            return name[-1].i + 1
    return end


def _ends_inversion(v: DocView, end: int) -> bool:
    """After an inverted speaker ("said the mayor") comes a boundary, the sentence end or a short tail."""
    _, s1 = v.sent(max(end - 1, 0))
    tail = 0
    limit = 6
    for tok in v.doc[end:s1]:
        if tok.is_space:
            continue
        if v.is_boundary_at(tok.i) or tok.text in {".", "!", "?"} or tok.lower_ in RELATIVES:
            return True  # "said a longtime GOP data expert who has worked for ..."
        if tail == 0 and tok.lower_ in {"with", "of", "from", "at", "for"}:
            limit = 10  # "said one person with knowledge of the governor's dilemma, who ..."
        tail += 1
        if tail > limit:
            return False
    return True


def _owner_of_noun(v: DocView, prev: Token) -> Range | None | bool:
    """A cue used as a noun names its speaker as its owner: "his claim" (his), "Clinton's claim"
    (Clinton). After an article or an adjective ("a false claim") no one is named: False."""
    doc = v.doc
    if prev.lower_ in POSSESSIVES:
        return prev.i, prev.i + 1
    if prev.text in {"'s", "’s", "'", "’"} and prev.i > 0:
        k = prev.i - 1
        while k > 0 and (cap(doc[k - 1]) or doc[k - 1].text == ".") and prev.i - k < 5:
            k -= 1
        return (k, prev.i) if cap(doc[prev.i - 1]) else None
    if prev.lower_ in DETERMINERS:
        return False
    before = word_before(doc, prev.i)
    adjective = (
        prev.is_lower
        and prev.is_alpha
        and prev.lower_ not in NOT_ADJECTIVES
        and not prev.lower_.endswith("s")  # "the women claim": a plural subject, then the verb
        and not doc[prev.i + 1].lower_.endswith("s")  # "the company claims": the verb
        and before is not None
        and (before.lower_ in DETERMINERS or before.lower_ in POSSESSIVES)
    )
    if adjective and before.lower_ in POSSESSIVES:
        return before.i, before.i + 1  # "his recent claim"
    return False if adjective else None


def shared_speaker(v: DocView, prior: Attr | None, cue_start: int, participle: bool = False) -> Range | None:
    """The speaker of a second verb or a participle: the earlier report's in the same sentence
    ("McCain said, citing ...", "She says ..., but insists ..."), else the clause's subject."""
    if prior is not None and prior.source is not None and prior.cue[1] <= cue_start:
        if (
            participle and prior.kind != "direct" and _subordinate(v, prior.source[0])
        ):  # "Lawmakers cheered when he said
            main = subject_of_participle(v, cue_start)  # ..., echoing": the lawmakers echo
            if main is not None and main[1] <= prior.source[0]:
                return main
        return prior.source
    return subject_of_participle(v, cue_start)


def _subordinate(v: DocView, i: int) -> bool:
    """Token i sits in a clause opened by "when", "after", "because", "who" ... inside its sentence."""
    s0, _ = v.sent(i)
    return any(
        t.lower_ in SUBORDINATORS and v.quote_containing(t.idx) is None for t in v.doc[max(s0, i - 30) : i]
    )


DASHES = frozenset({"—", "–", "--", "―"})


def _after_dateline(toks: list[Token]) -> list[Token]:
    """ "ORLANDO, Fla. — Obama met ... and said", "Washington (AFP) – Clinton ...": the words after a
    dateline (a place, a date or a news agency, then a dash) that opens the story; it is not the subject."""
    if not toks or (toks[0].i > 0 and "\n" not in toks[0].doc[toks[0].i - 1].text):
        return toks  # a dateline opens a line
    for k, t in enumerate(toks[:8]):
        if t.text in DASHES:
            head = toks[:k]
            place = all(cap(h) or h.is_punct or h.like_num for h in head)
            if head and place and (head[0].is_upper or any(h.text in {"(", ","} for h in head)):
                return toks[k + 1 :]
            break
    return toks


def subject_of_participle(v: DocView, cue_start: int) -> Range | None:
    """ "ISIS issued a statement claiming ..." / "She spoke on Monday, saying ...": the clause subject."""
    s0, s1 = v.sent(cue_start)
    toks = _after_dateline(v.words(s0, cue_start))
    while toks and (toks[0].lower_ in LEADING_DROP or toks[0].text in QUOTE_MARKS):
        toks.pop(0)  # "Then he cut into Bush, calling him ...": "Then" is not the subject
    if not toks or (toks[0].lower_ in LEAD_PREPOSITIONS and not any(t.text == "," for t in toks)):
        # "After saying he was nervous, the man ...": the subject follows the opening phrase
        after = v.words(cue_start, s1)
        comma = next((k for k, t in enumerate(after) if t.text == ","), None)
        toks = after[comma + 1 :] if comma is not None else []
    # skip a leading adverbial phrase that ends with a comma ("Following the botched raid, ISIS ...",
    # "Arriving upon the scene, police began ..."), but not the subject's own description
    # ("Obama met survivors in Orlando, Fla., and said ...": the subject is Obama)
    opener = bool(toks) and (
        toks[0].lower_ in PREPOSITIONS
        or toks[0].lower_ in ADVERBS
        or toks[0].lower_.endswith(("ing", "ed"))
        or toks[0].like_num
    )
    for k, t in enumerate(toks):
        if t.text == "," and k < len(toks) - 1:
            rest = toks[k + 1 :]
            if (
                rest
                and (
                    cap(rest[0])
                    or rest[0].lower_ in {"the", "a", "an"} | PRONOUNS
                    or (opener and rest[0].lower_ in COMMON_SOURCE_NOUNS)
                )
                and (opener or k <= 3)
            ):
                toks = rest
            break
    if toks and (toks[0].lower_ in PREPOSITIONS or toks[0].lower_ in {"there", "what", "it"}):
        return None  # "In declaring ...", "There have been ...": no subject at the start
    if toks and toks[0].lower_ in PRONOUNS and toks[0].lower_ != "it":
        return toks[0].i, toks[0].i + 1  # "In recent days, he has sought ..., pledging ..."
    subject: list[Token] = []
    for t in toks:
        if t.is_punct or (
            t.is_lower
            and t.lower_ not in {"the", "a", "an", "of"}
            and subject
            and subject[-1].lower_ not in {"the", "a", "an", "of"}
        ):
            break
        subject.append(t)
    if not subject or len(subject) > 6 or subject[-1].lower_ in {"the", "a", "an", "of"}:
        return None
    return subject[0].i, subject[-1].i + 1
