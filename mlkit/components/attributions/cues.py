"""Stage 1, the cue: is this match of a word from mlkit/data/cues.tsv a report, and what kind of verb
group is it? Also the checks a cue's flags ask for once its speaker and content are known, and the
stance and explanation a student sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from mlkit import lexicon
from mlkit.components.tokens import prev_word as word_before

from .doc_view import DocView, Range
from .phrases import abbreviation_dot, cap
from .words import (
    ADVERBS,
    ARTICLES,
    ASKED_OPENERS,
    AUX_IDS,
    COMMON_SOURCE_NOUNS,
    DETERMINERS,
    EVIDENCE_SOURCES,
    FIRST_PERSON,
    FUTURE_MARKERS,
    HAVE_IDS,
    HYPHEN_ID,
    NEGATION_IDS,
    PASSIVE_AUX,
    POSSESSIVES,
    PRONOUNS,
    QUESTION_WORDS,
    RELATIVES,
    SAID_TO_OPENERS,
)


@dataclass
class Cue:
    """A cue word and what the words around it already tell: its verb group, its form, its flags."""

    start: int  # the matched word(s), token indices [start, end)
    end: int
    cue_start: int  # with auxiliaries: "have reported", "has said"
    entry: lexicon.Entry | None  # None: a verb of saying in the passive that is not in the cue list
    flags: frozenset[str]
    word: str  # the last word, lower case ("said", "out" in "pointed out")
    first_low: str
    first_tok: Token
    prev: Token | None  # the word before the verb group
    nxt: Token | None  # the word after the cue
    prev_low: str  # their lower-case forms ("" when there is none), read once
    nxt_low: str
    route: str = "verb"  # "verb", or "question" / "passive": shapes with rules of their own
    infinitive: bool = False  # "took to Twitter to say"
    ing: bool = False  # a participle: "saying", "referring to"
    mind: bool = False  # a reported thought, wish or stance ("voters fear that ...")
    restricted: bool = (
        False  # also a noun ("claims", "reports"): needs "that", a quote or an inverted speaker
    )


def cue_phrase(v: DocView, start: int, end: int) -> str:
    """The cue as lower-case text with plain spaces."""
    if end - start == 1:
        return v.doc[start].lower_
    return v.span((start, end)).text.lower().replace("\u00a0", " ")


def read_cue(v: DocView, start: int, end: int, entry: lexicon.Entry | None, phrase: str) -> Cue | None:
    """The cue's verb group and form; None when the words around it show it is not a report."""
    doc = v.doc
    first_tok = doc[start]  # made once: each doc[i] builds a new Token
    if end - start == 1:
        first_low = word = phrase
    else:
        first_low, word = first_tok.lower_, doc[end - 1].lower_
    cue_start = start  # extend the cue leftwards over auxiliaries: "have reported", "did not say"
    lower, space = v.lower, v.space  # word hashes and space flags: no Token built to test a word
    while cue_start > 0:
        k = cue_start - 1
        if space[k] and k - 1 >= 0 and lower[k - 1] in AUX_IDS:
            cue_start -= 1
            continue
        if lower[k] in HAVE_IDS:
            cue_start -= 1
            continue
        break
    while cue_start < start and space[cue_start]:
        cue_start += 1
    prev_word = v.prev_word(cue_start)
    if cue_start > 0 and lower[cue_start - 1] == HYPHEN_ID and not doc[cue_start - 1].whitespace_:
        return None  # "self-described": part of a compound word, not a report
    nxt = v.next_word(end - 1)
    prev_low = prev_word.lower_ if prev_word is not None else ""
    nxt_low = nxt.lower_ if nxt is not None else ""
    flags = _flags(entry.guards) if entry is not None else frozenset()
    cue = Cue(
        start, end, cue_start, entry, flags, word, first_low, first_tok, prev_word, nxt, prev_low, nxt_low
    )
    if (
        word.endswith("ed")
        and prev_word is not None
        and (prev_word.like_num or prev_low in ARTICLES_POSSESSIVES)
        and nxt is not None
        and nxt.is_alpha
        and nxt.is_lower
        and nxt_low not in {"that", "to", "by", "in", "on", "at", "as", "for", "with", "from"}
    ):
        return None  # "270 pledged delegates", "the reported net worth": an adjective, not a report
    if word == "asked" and nxt is not None:
        opens = prev_word is None or prev_word.i < v.sent(cue_start)[0]
        when = prev_low in {"when", "once", "after", "if"}  # "When asked at the conference about it, she ..."
        if (opens or when or nxt_low in QUESTION_WORDS) and (opens or prev_low in ASKED_OPENERS):
            cue.route = "question"  # "Asked whether he would quit, X said"
            return cue
    if _passive_aux_before(v, prev_word) and not first_low.endswith("ing"):
        cue.route = "passive"  # "was criticized by X", "has been asked", "it was reported that"
        return cue
    if (word, nxt_low) in _not_reports():
        return None  # "think tank", "adding to her lead": set phrases that report nothing
    if (
        first_tok.text[:1].isupper()
        and prev_word is not None
        and prev_word.i >= v.sent(cue_start)[0]
        and (abbreviation_dot(prev_word) or (prev_word.is_lower and nxt is not None and cap(nxt)))
    ):
        return None  # "spokeswoman Hope Hicks said", "Ms. Hope said": part of a name, not a report
    if (
        prev_low in FUTURE_MARKERS
        and not (prev_word.text == "May" and not prev_word.is_sent_start)  # "Theresa May told"
        and word == phrase.split()[-1]
        and not word.endswith(("ed", "s", "ing"))
    ):
        if not (prev_low == "to" and _reported_infinitive(v, prev_word.i)):
            return None  # "will announce", "plans to say": nothing has been said yet
        cue.infinitive = True  # "took to Twitter to say thanks", "went on to say": it was said
    if nxt_low == "for" and word.startswith("ask"):
        return None  # "asked for a crossing" is a request, not a report
    cue.ing = word.endswith("ing") or first_low.endswith("ing")
    if cue.ing and end - start == 1 and (prev_low in DETERMINERS or prev_low in POSSESSIVES):
        return None  # "his writing", "the warning", "a saying": a noun, not a report
    cue.mind = "mind" in flags
    if cue.mind and v.quote_containing(first_tok.idx) is not None:
        return None  # "“I think we will win,” she said": the speaker's own words, not a report
    # "claims", "reports", "warning" are also nouns: as cues they need "that", a quote or an inverted speaker
    cue.restricted = (
        "noun" in flags and not word.endswith("ed") and (not cue.ing or word in {"warning", "reporting"})
    )
    return cue


ARTICLES_POSSESSIVES = ARTICLES | POSSESSIVES


def _passive_aux_before(v: DocView, prev: Token | None) -> bool:
    """ "was reported", and across an adverb: "was first reported by MSNBC", "has been widely criticized"."""
    if prev is None:
        return False
    if prev.lower_ in PASSIVE_AUX:
        return True
    if prev.lower_ not in ADVERBS and not (prev.is_lower and prev.lower_.endswith("ly")):
        return False
    before = word_before(v.doc, prev.i)
    return before is not None and before.lower_ in PASSIVE_AUX


@lru_cache(maxsize=256)
def _flags(guards: tuple[str, ...]) -> frozenset[str]:
    """A cue row's flags as a set, made once per distinct row."""
    return frozenset(guards)


def _reported_infinitive(v: DocView, to: int) -> bool:
    """ "went on to say", "was quick to point out", "took to Twitter to say": something was said."""
    before = word_before(v.doc, to)
    if before is None:
        return False
    if before.lower_ in SAID_TO_OPENERS:
        return True
    two_back = word_before(v.doc, before.i)
    return two_back is not None and two_back.lower_ in {"took", "takes", "take", "taking"}


def cannot(v: DocView, cue_start: int) -> bool:
    """ "could not say", "won't comment": no report was made. "did not mention", "never denied" are
    reports of what someone left out, so they count."""
    for j in range(max(0, cue_start - 3), cue_start):
        if v.lower[j] in NEGATION_IDS:
            before = v.doc[j - 1].lower_ if j > 0 else ""
            if v.doc[j].lower_ != "never" and before not in {"did", "does", "do", "has", "have", "had"}:
                return True
    return False


def word_follows(v: DocView, end: int, word: str) -> bool:
    """ "called on Congress to act", "sees him as a uniter": the word within a few words, before
    any boundary."""
    _, s1 = v.sent(end)
    for tok in v.words(end, min(s1, end + 8)):
        if tok.lower_ == word:
            return True
        if v.is_boundary_at(tok.i) or tok.text in {".", "!", "?"}:
            return False
    return False


def quoted_chatter(v: DocView, cue_start: int, source: Range) -> bool:
    """Inside a quotation, "I said", "we wrote", "they're talking about" are the speaker's own
    words, not a report to mark; a named or described source ("the FBI director said") still is."""
    q = v.quote_containing(v.doc[cue_start].idx)
    if q is None or not q.balanced:
        return False
    first = v.doc[source[0]]
    if source[1] - source[0] == 1 and (first.lower_ in PRONOUNS or first.lower_ in RELATIVES):
        return True
    return not (cap(first) or first.lower_ in DETERMINERS or first.lower_ in COMMON_SOURCE_NOUNS)


def cue_holds(v: DocView, cue: Cue, source: Range, kind: str, after_that: bool, before: Token | None) -> bool:
    """The checks a cue's flags ask for, once its speaker and the kind of content are known (`before`:
    the word before the speaker and cue, whichever comes first)."""
    if cue.mind and v.span(source).text.lower() in FIRST_PERSON:
        return False  # "I think", "we believe": a hedge by the speaker, not a report of someone's mind
    if cannot(v, cue.cue_start) and kind != "direct" and not after_that:
        return False  # "she could not say": no report was made
    if "then_as" in cue.flags and not word_follows(v, cue.end, "as"):
        return False  # "voters see him as a uniter" is a view; "I saw the video" is not a report
    if "then_to" in cue.flags and not word_follows(v, cue.end, "to"):
        return False  # "calling on a large pool of fighters" draws on them; "called on Congress to act" asks
    if (
        "study" in cue.flags
        and not any(t.lower_ in EVIDENCE_SOURCES for t in v.span(source))
        and not (after_that and cue.word.startswith("found"))  # "he has found that ...": a realisation
    ):
        return False  # "found"/"shows" report a finding only when a study, poll or report is the subject
    if "content_before" in cue.flags and kind != "direct" and not (before and before.text == ","):
        return False  # "continued" reports speech only after a quotation or a reported clause
    return not quoted_chatter(v, cue.cue_start, source)


@lru_cache(maxsize=1)
def _not_reports() -> frozenset[tuple[str, str]]:
    """Set phrases where a cue word reports nothing ("think tank"; mlkit/data/not_reports.tsv)."""
    text = resources.files("mlkit").joinpath("data/not_reports.tsv").read_text(encoding="utf-8")
    rows = [r.split("\t") for r in text.splitlines() if r.strip() and not r.startswith("#")][1:]
    return frozenset(
        (form, after)
        for forms, afters, _why in rows
        for form in forms.split("|")
        for after in afters.split("|")
    )


@lru_cache(maxsize=1)
def _overrides() -> dict[tuple[str, str], tuple[str, str]]:
    """Set phrases whose verb loses its usual stance (mlkit/data/cue_overrides.tsv)."""
    text = resources.files("mlkit").joinpath("data/cue_overrides.tsv").read_text(encoding="utf-8")
    rows = [r.split("\t") for r in text.splitlines() if r.strip() and not r.startswith("#")][1:]
    return {
        (form, after): (stance, explanation)
        for forms, afters, stance, explanation in rows
        for form in forms.split("|")
        for after in afters.split("|")
    }


def stance(word: str, nxt: Token | None, entry: lexicon.Entry) -> tuple[str, str]:
    """The cue's stance and explanation, unless a set phrase ("claiming responsibility") overrides it."""
    if nxt is not None:
        override = _overrides().get((word, nxt.lower_))
        if override:
            return override
    return entry.category, entry.explanation


def cue_entry(word: str) -> lexicon.Entry | None:
    """The cues.tsv row that lists this word among its forms."""
    for forms, entry in lexicon.entries("cues").items():
        if word in forms.split("|"):
            return entry
    return None
