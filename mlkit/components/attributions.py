"""The attribution finder: who says what, with which verb — by rules over tokens, quotes and cues.

Cues come from the cue lexicon (mlkit/data/cues.tsv) through spaCy's Matcher. For each cue the finder
looks for the source on either side (before "said", after an inverted "said the mayor", after "according
to"), and for the content: a quotation next to the cue, a that-clause, or the clause before a comma.
Pronoun sources point back (`resolved_source`) to the earlier source they stand for.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from mlkit import lexicon
from mlkit.components.lexmatch import LexiconMatcher
from mlkit.components.quotes import Quote, find_quotes
from mlkit.components.sentences import sentence_bounds
from mlkit.components.tokens import doc_text, next_word
from mlkit.components.tokens import prev_word as word_before
from mlkit.lexicon import word_lists

if not Doc.has_extension("mlkit_attributions"):
    Doc.set_extension("mlkit_attributions", default=None)

QUOTE_MARKS = {'"', "“", "”", "„", "«", "»", "''", "``"}
_WORDS = word_lists("attribution_words")
CLAUSE_WORDS = _WORDS["clause_words"]
LEADING_DROP = _WORDS["leading_drop"]
AUXILIARIES = _WORDS["auxiliaries"]
ADVERBS = _WORDS["adverbs"]
SOURCE_STOPS = _WORDS["source_stops"]
NP_BREAKERS = _WORDS["np_breakers"]
PRONOUNS = _WORDS["pronouns"]
HEAD_CUTS = _WORDS["head_cuts"]
COMMON_SOURCE_NOUNS = _WORDS["common_source_nouns"]
FUTURE_MARKERS = _WORDS["future_markers"]
ANAPHORIC_STARTS = _WORDS["anaphoric_starts"]
PASSIVE_AUX = _WORDS["passive_aux"]
AGENTLESS_VERBS = _WORDS["agentless_verbs"]
HEADLINE_LABELS = _WORDS["headline_labels"]
NOT_LABELS = _WORDS["not_labels"]
POLL_NOUNS = _WORDS["poll_nouns"]
POLL_IDS = frozenset(hash_string(w) for w in POLL_NOUNS)
PASSIVE_IDS = frozenset(hash_string(w) for w in PASSIVE_AUX)
RELATIVES = frozenset({"who", "whose", "which", "whom"})
SPEAKING_RELATIVES = frozenset({"who", "which"})  # "Republicans who oppose", "the union, which endorsed"
RELATIVE_IDS = frozenset(hash_string(w) for w in SPEAKING_RELATIVES)
PREPOSITIONS = frozenset(
    "about above after against along amid among around as at before behind below beside between beyond by "
    "despite during except following for from in inside into like near of off on onto over since than "
    "through throughout to toward towards under until upon via when while with within without".split()
)
EVIDENCE_SOURCES = _WORDS["evidence_sources"]
DOCUMENT_NOUNS = _WORDS["document_nouns"]
DETERMINERS = _WORDS["determiners"]
LISTENERS = _WORDS["listeners"]
TIME_WORDS = _WORDS["time_words"]
SOURCE_LINKS = frozenset({"familiar", "close", "briefed", "knowledgeable", "involved", "linked", "loyal"})
LEAD_PREPOSITIONS = frozenset(
    {"after", "before", "by", "while", "since", "despite", "upon", "without", "in", "on", "when"}
)
QUESTION_WORDS = frozenset({"if", "whether", "what", "why", "how", "who", "which", "about", "when", "where"})
REPORT_OPENERS = QUESTION_WORDS | {"that", "to"}  # "asked the students if ...", "told attendees that ..."
ASKED_OPENERS = frozenset(
    {",", "when", "was", "were", "been", "being", "is", "are", "and", "after", "once", "if"}
)
SAID_TO_OPENERS = frozenset(
    {"on", "as", "quick", "quickly", "way", "twitter", "facebook", "instagram", "stage", "podium", "floor"}
)
VERB_ADVERBS = ADVERBS | {"since", "not", "never"}
LONG_SOURCE_STOPS = frozenset({"that", "which", "who", "when", "while", "because", "if", "says", "said"})
POSSESSIVES = frozenset({"his", "her", "their", "its"})
NOT_ADJECTIVES = PRONOUNS | AUXILIARIES | VERB_ADVERBS | CLAUSE_WORDS | {"who", "which", "also", "and", "to"}
PRONOUN_COMPANIONS = frozenset(
    {
        "himself",
        "herself",
        "themselves",
        "itself",
        "ourselves",
        "myself",
        "all",
        "both",
        "each",
        "alone",
        "too",
    }
)
# The flags a cue row may carry (mlkit/data/cues.tsv, explained in mlkit/data/README.md).
CUE_FLAGS = frozenset(
    {
        "noun",
        "strict",
        "object",
        "no_inversion",
        "content_before",
        "study",
        "needs_quote",
        "mind",
        "then_to",
        "then_as",
    }
)
FIRST_PERSON = frozenset({"i", "we", "you"})
ASIDES = ADVERBS | LEADING_DROP  # one-word chunks between a name and its description ("Sanders, meanwhile,")
NEGATION_IDS = frozenset(hash_string(w) for w in ("not", "n't", "never", "n’t"))
THAT_ID = hash_string("that")
ACCORDING_ID = hash_string("according")
COLON_ID = hash_string(":")
IN_ID = hash_string("in")
MAX_CONTENT_TOKENS = 400
AGENTLESS_IDS = numpy.array([hash_string(w) for w in AGENTLESS_VERBS], dtype="uint64")
_TYPE_CACHE = "mlkit_source_types"  # per-Doc memo of source types, dropped when the component ends
DOCUMENT_SOURCES = EVIDENCE_SOURCES | DOCUMENT_NOUNS | {"media", "reports", "outlets", "television", "tv"}


@Language.factory("mlkit_attributions")
def make_attribution_finder(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder(nlp, name)


@dataclass
class _Attr:
    cue: tuple[int, int]  # token indices [start, end)
    source: tuple[int, int] | None
    content: tuple[int, int] | None  # character offsets (quotes include their marks)
    kind: str
    stance: str
    explanation: str
    resolved: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class AttributionFinder:
    """Marks attributions into `doc.spans["attribution_cues"|"attribution_sources"|"attribution_contents"]`
    and `doc._.mlkit_attributions` (the contract's dicts)."""

    def __init__(self, nlp: Language, name: str = "mlkit_attributions") -> None:
        self.nlp = nlp
        self.name = name
        self.matcher = LexiconMatcher(nlp, ("cues",))

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    # ------------------------------------------------------------------ matching
    def match(self, doc: Doc) -> list[_Attr]:
        ctx = _Context(doc)
        found: list[_Attr] = []
        taken_cues: set[int] = set()
        cue_matches = sorted(
            ((s, e, entry) for _, entry, s, e in self.matcher(doc)), key=lambda m: (m[0], -m[1])
        )
        for start, end, entry in cue_matches:
            if start in taken_cues:
                continue
            prior = found[-1] if found and ctx.sent(found[-1].cue[0]) == ctx.sent(start) else None
            attr = ctx.attribution_for(start, end, entry, prior)
            if attr is not None:
                found.append(attr)
                taken_cues.update(range(attr.cue[0], attr.cue[1]))
        # a question with no asker counts only when the sentence reports the answer ("Asked whether he
        # would quit, Priebus said, “Probably.”"); "Asked how many were sold, she could not say" has none
        answered = {ctx.sent(a.cue[0]) for a in found if not a.extra.get("question")}
        found = [a for a in found if not a.extra.get("question") or ctx.sent(a.cue[0]) in answered]
        found.extend(a for a in ctx.agentless() if a.cue[0] not in taken_cues)
        found.extend(ctx.headline_labels(taken_cues))
        found.extend(ctx.polls_as_settings())
        found.sort(key=lambda a: a.cue)
        _trim_coordinated_contents(doc, found)
        _resolve_sources(doc, found)
        return found

    def set_annotations(self, doc: Doc, attrs: list[_Attr]) -> Doc:
        cues, sources, contents, records = [], [], [], []
        text = doc_text(doc)
        for a in attrs:
            if a.content is not None and a.content[0] >= a.content[1]:
                a.content = None  # a rule cut the content to nothing: say so rather than invent a span
            cues.append(Span(doc, a.cue[0], a.cue[1], label=a.kind))
            if a.source:
                src = Span(doc, a.source[0], a.source[1])
                sources.append(Span(doc, src.start, src.end, label=_source_type(src)))
            con = doc.char_span(*a.content, alignment_mode="expand") if a.content else None
            if con is not None:
                contents.append(Span(doc, con.start, con.end, label=a.kind))
            records.append(_record(doc, text, a))
        doc.spans["attribution_cues"] = cues
        doc.spans["attribution_sources"] = sources
        doc.spans["attribution_contents"] = contents
        doc._.mlkit_attributions = records
        doc.user_data.pop(_TYPE_CACHE, None)
        return doc


class _Context:
    """Per-document lookups shared by every cue: sentences, quotes and clause boundaries."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lower_array = doc.to_array(LOWER)  # word hashes: no Token object per word
        self.lower: list[int] = self.lower_array.tolist()
        self.quotes: list[Quote] = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.sent_bounds = sentence_bounds(doc)
        sent_id = numpy.zeros(len(doc), dtype="int64")
        for start, _ in self.sent_bounds[1:]:
            sent_id[start] = 1
        self.sent_of: list[int] = numpy.cumsum(sent_id).tolist() if len(doc) else [0]

    # ---- small helpers
    def sent(self, i: int) -> tuple[int, int]:
        """The sentence holding token i (a position just past the end counts as the last sentence)."""
        return self.sent_bounds[self.sent_of[min(max(i, 0), len(self.sent_of) - 1)]]

    def words(self, a: int, b: int) -> list[Token]:
        return [t for t in self.doc[a:b] if not t.is_space]

    def quote_ending_at(self, char: int) -> Quote | None:
        """A quote whose closing mark ends at or just before `char` (ignoring spaces and a comma)."""
        k = bisect.bisect_right(self.quote_starts, char) - 1
        while k >= 0:
            q = self.quotes[k]
            gap = self.text[q.end : char]
            if q.end <= char and gap.strip(" \u00a0,—–") == "" and len(gap) <= 4:
                return q
            if q.end < char - 4:
                return None
            k -= 1
        return None

    def quote_starting_near(self, char: int, limit: int = 6) -> Quote | None:
        k = bisect.bisect_left(self.quote_starts, char)
        if k < len(self.quotes):
            q = self.quotes[k]
            if q.start - char <= limit and self.text[char : q.start].strip(" \u00a0,:") == "":
                return q
        return None

    def quote_after_phrase(self, i: int, max_words: int = 6) -> Quote | None:
        """A quotation right after the cue, or after a short phrase ending in ":" or ","
        ("said on 12 June: “...”")."""
        _, s1 = self.sent(max(i - 1, 0))
        k = bisect.bisect_left(self.quote_starts, self.doc[i].idx) if i < len(self.doc) else len(self.quotes)
        if k == len(self.quotes) or (s1 < len(self.doc) and self.quotes[k].start > self.doc[s1].idx):
            return None  # no quotation opens in the rest of the sentence
        seen = 0
        for j in range(i, s1):
            tok = self.doc[j]
            if tok.is_space:
                continue
            if tok.text in QUOTE_MARKS:
                prev = word_before(self.doc, j)
                if seen == 0 or (prev is not None and prev.text in {":", ","}):
                    q = self.quote_containing(tok.idx + 1)
                    return q if q is not None and q.start == tok.idx else None
                return None
            if tok.text in {".", ";", "!", "?"} or tok.lower_ == "that":
                return None
            if tok.text not in {":", ","}:
                seen += 1
            if seen > max_words:
                return None
        return None

    def quote_in_clause(self, i: int) -> Quote | None:
        """A quotation later in the same sentence ("called the damage “unprecedented”")."""
        _, s1 = self.sent(i)
        if i >= s1:
            return None
        k = bisect.bisect_left(self.quote_starts, self.doc[i].idx)
        if k < len(self.quotes) and self.quotes[k].start < self.doc[s1 - 1].idx + len(self.doc[s1 - 1].text):
            return self.quotes[k]
        return None

    def quote_containing(self, char: int) -> Quote | None:
        k = bisect.bisect_right(self.quote_starts, char) - 1
        if k >= 0 and self.quotes[k].start < char < self.quotes[k].end:
            return self.quotes[k]
        return None

    def is_boundary(self, tok: Token) -> bool:
        """Punctuation, a quotation mark, a line break or a clause word: a speaker cannot run across it."""
        t = tok.text
        if t in {",", ";", ":", "(", ")", "—", "–", "―", "[", "]"} or t in QUOTE_MARKS or "\n" in t:
            return True
        if t in {"-", "--"}:  # a dash between spaces, not the hyphen in "Al-Awsat"
            return bool(tok.whitespace_) or (tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_))
        return tok.lower_ in CLAUSE_WORDS

    # ---- sources
    def source_before(self, cue_start: int) -> tuple[int, int] | None:
        """The noun phrase between the last clause boundary and the cue ("an opposition activist")."""
        s0, _ = self.sent(cue_start)
        i = cue_start - 1
        while i >= s0 and (
            self.doc[i].is_space or self.doc[i].lower_ in AUXILIARIES or self.doc[i].lower_ in VERB_ADVERBS
        ):
            i -= 1  # "She has since said", "officials — ... — have long argued": helpers, not the speaker
        first_step = i
        aside: set[int] = set()  # "Sen. Warren (D-Mass.) said", "Speakers — Muslims, Jews — said"
        while i >= s0:
            opener = self._aside_opener(i, s0) if i == first_step or aside else None
            if opener is not None:
                aside.update(range(opener, i + 1))
                i = opener - 1
                continue
            if self.is_boundary(self.doc[i]):
                break
            i -= 1
        toks = [t for t in self.words(i + 1, cue_start) if t.i not in aside]
        if aside and not toks:
            return None
        whole = list(toks)  # before trimming: a name at the end of a long run is looked for in it
        while toks and (
            toks[-1].lower_ in AUXILIARIES
            or toks[-1].lower_ in VERB_ADVERBS
            or toks[-1].lower_.endswith("ly")
            and toks[-1].is_lower
            and len(toks) > 1
        ):
            toks.pop()
        while toks and toks[0].lower_ in LEADING_DROP:
            toks.pop(0)
        for k, t in enumerate(toks[1:], start=1):
            if t.lower_ in {"who", "whose"}:  # "Two workers who were on shift told ...": the workers
                toks = toks[:k]
                break
        if not toks and i >= s0 and self.doc[i].text == ",":
            return self._appositive_source(i, s0)
        if not toks:
            return self._trailing_name(whole)
        if (
            i >= s0
            and self.doc[i].lower_ == "that"
            and toks[0].lower_ in AUXILIARIES
            and len(toks) <= 6
            and not any(t.lower_ in PRONOUNS for t in toks)
        ):
            return self.source_before(i)  # "organizations that have endorsed him say": the organizations
        if toks[0].lower_ in PRONOUNS and len(toks) > 1 and toks[1].lower_ not in PRONOUN_COMPANIONS:
            return self._trailing_name(whole)  # "When they met in Paris the leaders said": not "they met ..."
        if len(toks) > (12 if toks[0].lower_ in {"a", "an", "the"} else 9):
            # "... party convention Sen. Elizabeth Warren (D-Mass.) said": the name at the end;
            # "Republican activists clamoring to block Trump from the nomination say": the head noun
            return self._trailing_name(whole) or _head_of_speaker(toks)
        if toks[0].lower_ in PREPOSITIONS and not any(t.like_num for t in toks[1:3]):
            # "At the convention Sen. Warren said": the name; "on Tuesday night he said": he
            # ("About 9 percent said" is a speaker: a share of the people asked)
            if toks[-1].lower_ in PRONOUNS and toks[-1].lower_ != "it":
                return toks[-1].i, toks[-1].i + 1
            return self._trailing_name(whole)
        if any(t.lower_ in NP_BREAKERS and not _phrase_to(t) for t in toks) or any(
            t.is_punct and t.text not in {"-", "'s", "’s", ".", "'", "’"} for t in toks
        ):
            return self._trailing_name(whole) or _head_of_speaker(toks)
        if toks[-1].lower_ in {
            "the",
            "a",
            "an",
            "of",
            "for",
            "to",
            "with",
            "on",
            "in",
            "at",
            "by",
            "from",
            "about",
        }:
            return None  # "criticizing him for repeated votes": a phrase cut short, not a speaker
        start, end = toks[0].i, toks[-1].i + 1
        if aside and max(aside) == cue_start - 1 and self.doc[cue_start - 1].text == ")":
            end = cue_start  # keep a party tag with its name: "Rep. Paul Ryan (R-Wis.)"
        return self._with_appositive(start, end, i)

    def _trailing_name(self, toks: list[Token]) -> tuple[int, int] | None:
        """The proper name that ends a run of words too long to be a speaker: two to six capitalised
        words ("Sen. Elizabeth Warren"), right before the verb."""
        k = len(toks)
        while k > 0 and (_cap(toks[k - 1]) or toks[k - 1].is_upper or toks[k - 1].text in {".", "-"}):
            k -= 1
        name = toks[k:]
        if not 2 <= len(name) <= 6 or not _cap(name[0]) or k == 0:
            return None
        if toks[k - 1].lower_ in {"the", "a", "an"} | PREPOSITIONS or toks[k - 1].text in {"'s", "’s"}:
            return None  # "in the White House said", "Trump's ... said": part of a longer phrase
        return name[0].i, name[-1].i + 1

    def _aside_opener(self, i: int, s0: int) -> int | None:
        """Token i closes a bracket or a dash aside inside a speaker: where that aside opens."""
        t = self.doc[i]
        if t.is_space and i - 1 >= s0:
            return None
        if t.text == ")":
            for j in range(i - 1, max(s0, i - 12) - 1, -1):
                if self.doc[j].text == "(":
                    return j
                if self.doc[j].text == ")":
                    return None
            return None
        if t.text in {"—", "–", "--"}:
            for j in range(i - 1, max(s0, i - 16) - 1, -1):
                if self.doc[j].text == t.text:
                    return j if j > s0 else None
                if self.doc[j].text in QUOTE_MARKS or self.doc[j].text in {".", ";", ":"}:
                    return None
        return None

    def _appositive_source(self, comma: int, s0: int, desc_only: bool = False) -> tuple[int, int] | None:
        """ "John Smith, a spokesman for the Red Cross, said": name (and description) between commas;
        "Cruz, who has proposed ..., said": the name before a relative clause."""
        chunks: list[list[Token]] = [[]]
        for tok in reversed(self.doc[max(s0, comma - 40) : comma]):
            if tok.is_space or tok.text in {"(", ")"}:  # "Rep. Elijah Cummings (D-Md.), chair of ..."
                if tok.text in {"(", ")"}:
                    chunks[-1].insert(0, tok)
                continue
            if self.is_boundary(tok):
                if _skippable_chunk(chunks[-1]):
                    chunks[-1] = []  # "Sanders, meanwhile, said", "Benford, 58, who ..., says": skip it
                    continue
                if tok.text != "," or len(chunks) == 2:
                    break
                chunks.append([])
                continue
            chunks[-1].insert(0, tok)
        desc = chunks[0]
        name = chunks[1] if len(chunks) == 2 else []
        if not name and _is_name(desc) and self._starts_sentence(desc[0].i, s0):
            return desc[0].i, desc[-1].i + 1  # "Hunter, meanwhile, told ...": the aside was skipped
        for k, t in enumerate(desc[1:], start=1):
            if t.lower_ in {"who", "which", "whose"}:  # "an oncologist who advised Obama": the oncologist
                desc = desc[:k]
                break
        if desc and desc[0].lower_ in {"who", "which", "whose"}:
            if name and len(name) <= 8 and (_cap(name[0]) or name[0].lower_ in {"the", "a", "an"}):
                return name[0].i, name[-1].i + 1
            return None
        longest = 14 if name and desc[0].lower_ in {"a", "an", "the"} else 9
        if not desc or len(desc) > longest or any(t.lower_ in NP_BREAKERS and not _desc_to(t) for t in desc):
            return None
        if name and len(name) <= 8 and _cap(name[0]) and all(_name_part(t) for t in name):
            return name[0].i, desc[-1].i + 1
        if name and len(name) <= 6 and _is_name(desc) and not any(t.lower_ in NP_BREAKERS for t in name):
            return name[0].i, desc[-1].i + 1  # "the prosecutor, Sarah Whitfield, told ..."
        if not desc_only or desc[0].lower_ in {"a", "an"} or not _cap(desc[0]):
            return None  # "..., a spokesman, said" with no name before it is not enough to go on
        return desc[0].i, desc[-1].i + 1

    def _quoted_chatter(self, cue_start: int, source: tuple[int, int]) -> bool:
        """Inside a quotation, "I said", "we wrote", "they're talking about" are the speaker's own
        words, not a report to mark; a named or described source ("the FBI director said") still is."""
        q = self.quote_containing(self.doc[cue_start].idx)
        if q is None or not q.balanced:
            return False
        first = self.doc[source[0]]
        if source[1] - source[0] == 1 and (first.lower_ in PRONOUNS or first.lower_ in RELATIVES):
            return True
        return not (_cap(first) or first.lower_ in DETERMINERS or first.lower_ in COMMON_SOURCE_NOUNS)

    def _owner_of_noun(self, prev: Token) -> tuple[int, int] | None | bool:
        """A cue used as a noun names its speaker as its owner: "his claim" (his), "Clinton's claim"
        (Clinton). After an article or an adjective ("a false claim") no one is named: False."""
        if prev.lower_ in POSSESSIVES:
            return prev.i, prev.i + 1
        if prev.text in {"'s", "’s", "'", "’"} and prev.i > 0:
            k = prev.i - 1
            while k > 0 and (_cap(self.doc[k - 1]) or self.doc[k - 1].text == ".") and prev.i - k < 5:
                k -= 1
            return (k, prev.i) if _cap(self.doc[prev.i - 1]) else None
        if prev.lower_ in DETERMINERS:
            return False
        before = word_before(self.doc, prev.i)
        adjective = (
            prev.is_lower
            and prev.is_alpha
            and prev.lower_ not in NOT_ADJECTIVES
            and not prev.lower_.endswith("s")  # "the women claim": a plural subject, then the verb
            and not self.doc[prev.i + 1].lower_.endswith("s")  # "the company claims": the verb
            and before is not None
            and (before.lower_ in DETERMINERS or before.lower_ in POSSESSIVES)
        )
        if adjective and before.lower_ in POSSESSIVES:
            return before.i, before.i + 1  # "his recent claim"
        return False if adjective else None

    def _negation_in(self, a: int, b: int) -> bool:
        """ "not", "n't" or "never" among tokens a..b-1."""
        return any(self.lower[j] in NEGATION_IDS for j in range(max(0, a), b))

    def _cannot(self, cue_start: int) -> bool:
        """ "could not say", "won't comment": no report was made. "did not mention", "never denied" are
        reports of what someone left out, so they count."""
        for j in range(max(0, cue_start - 3), cue_start):
            if self.lower[j] in NEGATION_IDS:
                before = self.doc[j - 1].lower_ if j > 0 else ""
                if self.doc[j].lower_ != "never" and before not in {
                    "did",
                    "does",
                    "do",
                    "has",
                    "have",
                    "had",
                }:
                    return True
        return False

    def _reported_infinitive(self, to: int) -> bool:
        """ "went on to say", "was quick to point out", "took to Twitter to say": something was said."""
        before = word_before(self.doc, to)
        if before is None:
            return False
        if before.lower_ in SAID_TO_OPENERS:
            return True
        two_back = word_before(self.doc, before.i)
        return two_back is not None and two_back.lower_ in {"took", "takes", "take", "taking"}

    def _passive(self, start: int, end: int, entry: lexicon.Entry, aux: Token) -> _Attr | None:
        """ "was rejected by large majorities": the agent after "by" is the source; "has been criticized
        for ...": no one is named, which is worth noticing."""
        flags = set(entry.guards)
        if flags & {"mind", "strict", "study", "needs_quote", "noun", "then_to"}:
            return None  # "is believed", "is expected": hedges, not reports
        if aux.lower_ in {"'s", "’s"} or self.quote_containing(aux.idx) is not None:
            return None  # "Obama's calls for": a possessive; inside a quotation: the speaker's own words
        nxt = next_word(self.doc, end - 1)
        if (
            nxt is None
            or nxt.text in {".", "!", "?"}
            or (nxt.lower_ == "to" and self.doc[start].lower_ != "asked")
        ):
            return None  # "is said to have ...": an impersonal hedge
        if self._negation_in(aux.i - 2, end):
            return None
        word = self.doc[end - 1].lower_
        stance, explanation = _stance(word, nxt, entry)
        if nxt.lower_ == "by":
            src = self.source_after(nxt.i + 1)
            if src is None:
                return None
            content = self.clause_before(aux.i, None) or self.phrase_after(src[1])
            return _Attr((aux.i, end), src, content, "indirect", stance, explanation)
        content = self.phrase_after(end) if not nxt.is_punct else None
        if content is None:
            return None
        return _Attr(
            (aux.i, end),
            None,
            content,
            "other",
            stance,
            "No one is named: the sentence does not say who made this report.",
        )

    def _question_put(self, start: int, end: int, entry: lexicon.Entry) -> _Attr | None:
        """ "Asked whether he would quit, ...", "when asked about it": a question put by someone the
        sentence does not name (usually a reporter); the question is the content."""
        question = next_word(self.doc, end - 1)
        rest = self.phrase_after(question.i + 1) if question is not None else None
        if rest is None:
            return None
        content = (question.idx, rest[1])
        return _Attr(
            (start, end),
            None,
            content,
            "other",
            entry.category,
            '"Asked" with no one named as asking: a question put to the speaker, usually by a reporter.',
            extra={"question": True},
        )

    def _to_follows(self, end: int, word: str = "to") -> bool:
        """ "called on Congress to act", "sees him as a uniter": the word within a few words, before
        any boundary."""
        _, s1 = self.sent(end)
        for tok in self.words(end, min(s1, end + 8)):
            if tok.lower_ == word:
                return True
            if self.is_boundary(tok) or tok.text in {".", "!", "?"}:
                return False
        return False

    def _relative_speaker(self, cue_start: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """ "Senate Republicans who oppose him": the speaker is "who", standing for the noun phrase
        just before it. Returns (the relative pronoun, what it stands for) or None."""
        if not RELATIVE_IDS.intersection(self.lower[max(0, cue_start - 5) : cue_start]):
            return None  # cheap test on word hashes first: most cues have no "who" just before them
        j = cue_start - 1
        while j >= 0 and (
            self.doc[j].is_space or self.doc[j].lower_ in ADVERBS or self.doc[j].lower_ in AUXILIARIES
        ):
            j -= 1
        if j < 1 or self.doc[j].lower_ not in SPEAKING_RELATIVES:
            return None
        k = j - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k >= 0 and self.doc[k].text == ",":  # "The union, which endorsed Clinton, ...": before the comma
            k -= 1
            while k >= 0 and self.doc[k].is_space:
                k -= 1
        end = k + 1
        s0, _ = self.sent(j)
        while (
            k >= s0
            and end - k <= 6
            and not self.is_boundary(self.doc[k])
            and self.doc[k].lower_ not in PREPOSITIONS
            and self.doc[k].lower_ not in NP_BREAKERS
            and not self.doc[k].is_punct
        ):
            k -= 1
        start = k + 1
        while start < end and self.doc[start].is_space:
            start += 1
        if start >= end or self.doc[end - 1].lower_ in DETERMINERS:
            return None
        return (j, j + 1), (start, end)

    def _comma_before(self, cue_start: int) -> int | None:
        """The comma just before the cue, looking past adverbs ("McCain, who ..., also said")."""
        j = cue_start - 1
        while j >= 0 and (self.doc[j].is_space or self.doc[j].lower_ in ADVERBS):
            j -= 1
        if j >= 1 and self.doc[j].lower_ in TIME_WORDS and self.doc[j - 1].lower_ in {"on", "last", "this"}:
            j -= 2  # "Chris Christie, who chairs the team, on Sunday defended ..."
            while j >= 0 and self.doc[j].is_space:
                j -= 1
        if j >= 1 and self.doc[j].text in QUOTE_MARKS and self.doc[j - 1].text == ",":
            return j  # "Humphrey, who calls Trump a “sociopath,” said": the comma sits inside the quote
        return j if j >= 0 and self.doc[j].text == "," else None

    def _apposed_speaker(self, comma: int) -> tuple[int, int] | None:
        """A speaker followed by descriptions between commas, each possibly long:
        "Paradis, who volunteered for Bill Clinton when he ran in 1992, says ...",
        "Rich Heffley, a top GOP operative who played a role in 2008, said ...".
        Returns the name (with its description when that is a noun phrase), or None."""
        s0, _ = self.sent(comma)
        toks: list[Token] = []
        j = comma - 1
        while j >= s0 and len(toks) < 60:
            t = self.doc[j]
            if t.is_space:
                j -= 1
                continue
            if t.text in {";", ":", "!", "?"} or (t.text == "." and j > s0):
                break
            if t.text in QUOTE_MARKS:
                q = self.quote_containing(t.idx + 1) or self.quote_containing(t.idx - 1)
                if q is None or q.end - q.start > 60 or q.start < self.doc[s0].idx:
                    break
                k = j  # a short quotation inside a description ("who calls Trump a “sociopath,”"): keep it
                while k > s0 and self.doc[k].idx > q.start:
                    k -= 1
                toks[:0] = [x for x in self.doc[k : j + 1] if not x.is_space]
                j = k - 1
                continue
            toks.insert(0, t)
            j -= 1
        chunks: list[list[Token]] = [[]]
        for t in toks:
            if t.text == "," and not (self.quote_containing(t.idx) or self.quote_containing(t.idx + 1)):
                chunks.append([])
            else:
                chunks[-1].append(t)
        chunks = [c for c in chunks if c]
        for k in range(len(chunks) - 1):
            name = chunks[k]
            while name and name[0].lower_ in LEADING_DROP:
                name = name[1:]
            descs = chunks[k + 1 :]
            if not name or not _speaker_np(name) or not all(_description(d) for d in descs):
                continue
            if any(not _opener(c) for c in chunks[:k]):
                return None  # something other than "On Tuesday," comes before: not a speaker's clause
            first = descs[0][0]
            if first.lower_ in {"a", "an", "the"} or (_cap(first) and first.lower_ not in RELATIVES):
                return name[0].i, descs[-1][-1].i + 1
            return name[0].i, name[-1].i + 1
        return None

    def _starts_sentence(self, i: int, s0: int) -> bool:
        """Only spaces, quote marks or a linking word ("But", "Meanwhile") come before token i."""
        before = [t for t in self.words(s0, i) if t.text not in QUOTE_MARKS]
        return not before or (len(before) == 1 and before[0].lower_ in LEADING_DROP)

    def _with_appositive(self, start: int, end: int, boundary: int) -> tuple[int, int]:
        """ "John Smith, a spokesman for the ministry, said": take the name in front of the description."""
        doc = self.doc
        if boundary < 1 or doc[boundary].text != ",":
            return start, end
        j = boundary - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        k = j
        while (
            k >= 0 and (_cap(doc[k]) or doc[k].text in {".", "-"} or doc[k].is_upper) and not doc[k].is_space
        ):
            k -= 1
        if k < j and (k < 0 or self.is_boundary(doc[k]) or doc[k].is_sent_start or doc[k].is_space):
            if doc[start].lower_ in {"a", "an", "the"} and doc[k + 1].text not in {"According"}:
                return k + 1, end
        return start, end

    def source_after(self, cue_end: int, long: bool = False) -> tuple[int, int] | None:
        """The speaker after an inverted cue: ", said the mayor." / "according to the ministry".
        `long`: after "according to" a source may be a long phrase ("early results of exit polls
        conducted for The Associated Press and television networks")."""
        _, s1 = self.sent(cue_end - 1 if cue_end > 0 else 0)
        toks: list[Token] = []
        for tok in self.doc[cue_end:s1]:
            if tok.is_space:
                continue
            if long and tok.lower_ == "and" and toks:
                toks.append(tok)
                continue
            if self.is_boundary(tok) or tok.text in {".", "!", "?"}:
                break
            stops = LONG_SOURCE_STOPS if long else SOURCE_STOPS
            if long and toks and tok.lower_ in PRONOUNS:
                break  # "according to the eyewitness he describes ...": a new clause starts at "he"
            if tok.lower_ in stops and not (toks and toks[-1].lower_ in SOURCE_LINKS):
                break  # "said the mayor on Monday" ends at "on"; "people familiar with the plan" does not
            toks.append(tok)
            if len(toks) > (20 if long else 9):
                return None
        while toks and (toks[-1].is_punct or toks[-1].lower_ in {"the", "a", "an", "and"}):
            toks.pop()
        if not toks or any(t.lower_ in NP_BREAKERS and not _phrase_to(t) for t in toks):
            return None  # ("said a source close to the campaign": that "to" belongs to the speaker)
        return toks[0].i, self._name_after(toks[-1].i + 1, s1)

    def _name_after(self, end: int, s1: int) -> int:
        """ ", said the park's director, Nadia Okafor." — extend the speaker over a trailing name."""
        words = self.words(end, s1)
        if len(words) >= 2 and words[0].text == ",":
            name = []
            for t in words[1:]:
                if _cap(t) or t.is_upper or t.text in {".", "-"}:
                    name.append(t)
                else:
                    break
            after = words[1 + len(name)] if len(words) > 1 + len(name) else None
            if _is_name(name) and (after is None or after.text in {".", ",", "!", "?", ";"}):
                return name[-1].i + 1
        return end

    # ---- content
    def clause_after(self, i: int) -> tuple[int, int] | None:
        """From token i to the end of the sentence, stopping before ", according to" and final marks."""
        _, s1 = self.sent(i)
        end = s1 = min(s1, i + MAX_CONTENT_TOKENS)  # a run-on "sentence" must not make this quadratic
        for j in range(i, s1):
            if self.lower[j] == ACCORDING_ID and j > i and self.doc[j - 1].text == ",":
                end = j - 1
                break
        doc = self.doc
        last = end - 1  # walk in from both ends instead of listing every word of a long sentence
        while last >= i:
            tok = doc[last]
            if tok.is_space or tok.text in {".", "!", "?", ",", ";", ":"}:
                last -= 1
            elif tok.text in QUOTE_MARKS and not self.quote_containing(tok.idx - 1):
                last -= 1
            else:
                break  # a word, or the closing mark of a quoted fragment: called it “unprecedented.”
        first = i
        while first <= last and (doc[first].is_space or doc[first].text in {",", ":"}):
            first += 1
        if first > last:
            return None
        return doc[first].idx, doc[last].idx + len(doc[last].text)

    def phrase_after(self, i: int) -> tuple[int, int] | None:
        """A short content up to the next boundary: "claiming responsibility - and then ..."."""
        _, s1 = self.sent(i)
        toks = []
        for tok in self.doc[i:s1]:
            if tok.is_space:
                continue
            if self.is_boundary(tok) or tok.text in {".", "!", "?"}:
                break
            toks.append(tok)
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    def clause_before(self, cue_start: int, source: tuple[int, int] | None) -> tuple[int, int] | None:
        """The content before ", the mayor said": from the sentence start to the comma."""
        first = min(cue_start, source[0]) if source else cue_start
        s0, _ = self.sent(first)
        toks = self.words(s0, first)
        while toks and (toks[-1].text in {",", ":", "-", "—", "–"} or toks[-1].text in QUOTE_MARKS):
            toks.pop()
        while toks and toks[0].text in QUOTE_MARKS:
            q = self.quote_containing(toks[0].idx + 1)
            if q is not None and q.start == toks[0].idx and not q.balanced:
                break  # an opening mark never closed: keep it, the words are a direct quotation
            toks.pop(0)
        if len(toks) < 2:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    def skip_object(self, i: int) -> int:
        """After "told": skip the person told ("told reporters", "told the paper on Monday")."""
        _, s1 = self.sent(i)
        j = i
        while j < s1:
            tok = self.doc[j]
            if tok.lower_ == "that" or tok.text in QUOTE_MARKS or tok.text in {",", ":"}:
                return j
            j += 1
        return i

    def _skip_listener(self, i: int) -> int:
        """After "told"/"asked" with no "that": skip the person addressed and a time or setting
        ("told The Hill on Monday he ..."); return where the reported words start, or i if unsure."""
        _, s1 = self.sent(i)
        words = self.words(i, s1)
        k = 0
        if k < len(words) and words[k].lower_ in LISTENERS:
            k += 1
        else:
            if k < len(words) and words[k].lower_ in DETERMINERS and words[k].lower_ not in PRONOUNS:
                k += 1
            start = k
            while (
                k < len(words)
                and k - start < 6
                and (_cap(words[k]) or words[k].is_upper or words[k].text in {"'s", "’s", ".", "-"})
            ):
                k += 1
            if k == start:
                # "asked the students if ...", "told attendees that ...": a few plain words, then a
                # word that opens the reported question or clause
                while k < len(words) and k - start < 4 and words[k].is_alpha and words[k].is_lower:
                    if words[k].lower_ in REPORT_OPENERS:
                        break
                    k += 1
                if k == start or k >= len(words) or words[k].lower_ not in REPORT_OPENERS:
                    return i
        while k < len(words):  # "on Monday", "in an interview", "last week", "Tuesday"
            w = words[k].lower_
            if w in TIME_WORDS:
                k += 1
            elif w in {"on", "in", "during", "at", "last", "this", "earlier"} and k + 1 < len(words):
                run = k + 1
                while (
                    run < len(words)
                    and run - k <= 4
                    and (
                        words[run].lower_ in TIME_WORDS
                        or words[run].lower_ in {"a", "an", "the", "phone", "his", "her"}
                        or words[run].lower_
                        in {
                            "interview",
                            "statement",
                            "week",
                            "month",
                            "year",
                            "night",
                            "morning",
                            "afternoon",
                            "evening",
                            "conference",
                            "call",
                            "radio",
                            "television",
                        }
                    )
                ):
                    run += 1
                if run == k + 1:
                    break
                k = run
            else:
                break
        if k >= len(words) or words[k].text in {".", "!", "?"}:
            return i
        first = words[k]
        if (
            first.lower_ in {"that", "whether", "if", "why", "how", "what", "about", "to"}
            or first.lower_ in PRONOUNS
        ):
            return first.i
        if _cap(first) or first.lower_ in {"the", "a", "an", "there"}:
            return first.i
        return i

    # ---- one cue
    def attribution_for(
        self, start: int, end: int, entry: lexicon.Entry, prior: _Attr | None = None
    ) -> _Attr | None:
        """One cue: its speaker, the words reported, kind and stance; None when it is not a report.
        `prior` is an earlier report in the same sentence, whose speaker a participle shares
        ("McCain said, citing ...")."""
        doc = self.doc
        flags = set(entry.guards)
        first_tok, last_tok = doc[start], doc[end - 1]  # made once: each doc[i] builds a new Token
        first_low, word = first_tok.lower_, last_tok.lower_
        phrase = word if end - start == 1 else doc[start:end].text.lower().replace("\u00a0", " ")
        if phrase.startswith("according"):
            return self._according_to(start, end, entry, "according_to")
        if phrase == "citing":
            cited = self.source_after(end)
            if cited is not None and _is_citable(self.doc[cited[0] : cited[1]]):
                return self._according_to(start, end, entry, "indirect", cited)
            # "citing fears of terrorism": a reason the speaker gave, not a source: read it as a participle
        if phrase.startswith("in a statement"):
            return None  # a setting for another cue ("In a statement, X claimed"), not a cue alone
        # extend the cue leftwards over auxiliaries: "have reported", "has said", "did not say"
        cue_start = start
        while cue_start > 0:
            prev = doc[cue_start - 1]
            if prev.is_space and cue_start - 2 >= 0 and doc[cue_start - 2].lower_ in AUXILIARIES:
                cue_start -= 1
                continue
            if prev.lower_ in {"have", "has", "had", "'ve"}:
                cue_start -= 1
                continue
            break
        while cue_start < start and doc[cue_start].is_space:
            cue_start += 1
        prev_word = word_before(doc, cue_start)
        if cue_start > 0 and doc[cue_start - 1].text == "-" and not doc[cue_start - 1].whitespace_:
            return None  # "self-described": part of a compound word, not a report
        nxt = next_word(doc, end - 1)
        if (
            word.endswith("ed")
            and prev_word is not None
            and (prev_word.like_num or prev_word.lower_ in {"the", "a", "an"} | POSSESSIVES)
            and nxt is not None
            and nxt.is_alpha
            and nxt.is_lower
            and nxt.lower_ not in {"that", "to", "by", "in", "on", "at", "as", "for", "with", "from"}
        ):
            return None  # "270 pledged delegates", "the reported net worth": an adjective, not a report
        if word == "asked" and nxt is not None:
            opens = prev_word is None or prev_word.i < self.sent(cue_start)[0]
            if (opens or nxt.lower_ in QUESTION_WORDS) and (opens or prev_word.lower_ in ASKED_OPENERS):
                return self._question_put(cue_start, end, entry)  # "Asked whether he would quit, X said"
        if prev_word is not None and prev_word.lower_ in PASSIVE_AUX and not first_low.endswith("ing"):
            # a passive ("was criticized by X", "has been asked"); "it was reported that" is agentless()'s
            return None if first_low in AGENTLESS_VERBS else self._passive(start, end, entry, prev_word)
        infinitive = False
        if (
            prev_word is not None
            and prev_word.lower_ in FUTURE_MARKERS
            and word == phrase.split()[-1]
            and not word.endswith(("ed", "s", "ing"))
        ):
            if not (prev_word.lower_ == "to" and self._reported_infinitive(prev_word.i)):
                return None  # "will announce", "plans to say": nothing has been said yet
            infinitive = True  # "took to Twitter to say thanks", "went on to say": it was said
        if nxt is not None and nxt.lower_ == "for" and word.startswith("ask"):
            return None  # "asked for a crossing" is a request, not a report
        ing = word.endswith("ing") or first_low.endswith("ing")  # "saying", "referring to"
        mind = "mind" in flags  # a reported thought, wish or stance ("voters fear that ...")
        if mind and self.quote_containing(first_tok.idx) is not None:
            return None  # "“I think we will win,” she said": the speaker's own words, not a report
        # "claims", "reports", "warning" are also nouns: as cues they need "that", a quote or an
        # inverted speaker
        restricted = (
            "noun" in flags and not word.endswith("ed") and (not ing or word in {"warning", "reporting"})
        )
        relative = self._relative_speaker(cue_start)
        source = relative[0] if relative else self.source_before(cue_start)
        if restricted and prev_word is not None and start == cue_start:
            owner = self._owner_of_noun(prev_word)  # "his claim that ...", "Clinton's claims"
            if owner is False:
                return None  # "a false claim that ...": a claim nobody in the sentence makes
            if owner is not None:
                source = owner
        inverted = False
        if (
            source is None
            and prev_word is not None
            and (prev_word.text in {","} or prev_word.text in QUOTE_MARKS)
            and "no_inversion" not in flags
            and not mind
            and not ing  # "..., saying the deal goes nowhere": a participle never has its speaker after it
        ):
            source = self.source_after(end)
            if source is not None and not (
                _looks_like_speaker(doc[source[0] : source[1]]) and self._ends_inversion(source[1])
            ):
                source = None  # "..., said a carbon price could replace ...": a clause, not a speaker
            inverted = source is not None
            if source is None and prev_word.text == ",":
                source = self._appositive_source(prev_word.i, self.sent(cue_start)[0], desc_only=True)
        if source is None and not ing:
            comma = self._comma_before(cue_start)
            if comma is not None:
                source = self._apposed_speaker(comma)  # "McCain, who has tangled with Cruz, said"
        near = source  # a speaker next to the cue (the content may sit on its far side)
        if prev_word is not None and prev_word.lower_ == "then" and source is None:
            before_then = word_before(doc, prev_word.i)
            if before_then is not None and before_then.lower_ in {",", "and"}:
                prev_word = before_then if before_then.lower_ == "and" else prev_word
                source = self._shared_speaker(prior, cue_start)  # "Kasich offered ..., then says"
        if source is None and prev_word is not None and prev_word.lower_ in {"and", "but"} and not ing:
            source = self._shared_speaker(prior, cue_start)  # "She says ..., but insists ..."
        if ing and source is None:
            source = self._shared_speaker(prior, cue_start)  # "“...,” McCain said, citing low growth"
        if infinitive and source is None:
            source = self._subject_of_participle(cue_start)  # "Clinton took to Twitter to say ..."
        if ing and source is not None and doc[source[1] - 1].lower_ in DOCUMENT_NOUNS:
            source = self._subject_of_participle(cue_start) or source
        # content: a quote before the source/cue, a quote after, a that-clause, or the clause after
        content, kind = None, "indirect"
        first = min(cue_start, near[0]) if near else cue_start
        last = max(end, near[1]) if near else end
        before_first = word_before(doc, first)
        q_before = self.quote_ending_at(doc[first].idx)
        q_after = self.quote_after_phrase(last)
        after_that = nxt is not None and nxt.lower_ == "that"
        if q_before is not None and (inverted or near is not None):
            content, kind = (q_before.start, q_before.end), "direct"
        elif after_that:
            q = self.quote_starting_near(nxt.idx + len(nxt.text))
            if q is not None:
                content, kind = (q.start, q.end), "direct"
            else:
                content = self.clause_after(nxt.i + 1)
        elif q_after is not None and not inverted:
            content, kind = (q_after.start, q_after.end), "direct"
        elif (
            before_first is not None
            and before_first.text == ","
            and near is not None
            and self._ends_clause(last, 7 if "object" in flags else 4)
        ):
            content = self.clause_before(cue_start, source)
        elif "needs_quote" in flags:
            q = self.quote_in_clause(end)
            if q is None:
                return None
            content, kind = self.clause_after(end), "mixed"
        elif restricted or "strict" in flags:
            return None
        elif "object" in flags:
            j = self.skip_object(end)
            if j > end and doc[j].lower_ == "that":
                content = self.clause_after(j + 1)
            elif j > end:
                q = self.quote_starting_near(doc[j].idx)
                content = (q.start, q.end) if q else self.clause_after(j)
                kind = "direct" if q else kind
            else:
                j = self._skip_listener(end)  # "told the National Post he's had hundreds of emails"
                if j > end:
                    content = self.clause_after(j)
        elif ing:
            # "saying, apparently for the first time, that ...", "explaining why he disagrees": a clause
            content = self.phrase_after(end) or self.clause_after(end)
            kind = "other"
        else:
            content = self.clause_after(end)
        if source is None:
            return None
        if mind and doc[source[0] : source[1]].text.lower() in FIRST_PERSON:
            return None  # "I think", "we believe": a hedge by the speaker, not a report of someone's mind
        negated = self._cannot(cue_start)
        if content is None or (negated and kind != "direct" and not after_that):
            return None  # "she could not say": no report was made
        if "then_as" in flags and not self._to_follows(end, "as"):
            return None  # "voters see him as a uniter" is a view; "I saw the video" is not a report
        if "then_to" in flags and not self._to_follows(end):
            # "calling on a large pool of fighters" draws on them; "called on Congress to act" asks
            return None
        if (
            "study" in flags
            and not any(t.lower_ in EVIDENCE_SOURCES for t in doc[source[0] : source[1]])
            and not (after_that and word.startswith("found"))  # "he has found that ...": a realisation
        ):
            return None  # "found"/"shows" report a finding only when a study, poll or report is the subject
        if "content_before" in flags and kind != "direct" and not (before_first and before_first.text == ","):
            return None  # "continued" reports speech only after a quotation or a reported clause
        content = self._inside_quote(start, content)
        if kind == "indirect" and content is not None and self.text[content[0]] in "\"“„«'":
            kind = "direct"  # an opening mark never closed: '"We will appeal the ruling, the lawyer said'
        if kind == "indirect" and content is not None and self._has_quote_inside(content):
            kind = "mixed"
        if kind == "indirect" and _head_tokens(doc[source[0] : source[1]])[-1].lower_ in DOCUMENT_SOURCES:
            kind = "other"  # a memo, a study, state media: a document or outlet rather than a person
        if ing and kind == "indirect":
            kind = "other"
        if self._quoted_chatter(cue_start, source):
            return None
        stance, explanation = _stance(word, nxt, entry)
        attr = _Attr((cue_start, end), source, content, kind, stance, explanation)
        if relative is not None and source == relative[0]:
            attr.resolved = relative[1]  # "Republicans who oppose him": "who" stands for the Republicans
        return attr

    def _ends_inversion(self, end: int) -> bool:
        """After an inverted speaker ("said the mayor") comes a boundary, the sentence end or a short tail."""
        _, s1 = self.sent(max(end - 1, 0))
        tail = 0
        limit = 6
        for tok in self.doc[end:s1]:
            if tok.is_space:
                continue
            if self.is_boundary(tok) or tok.text in {".", "!", "?"} or tok.lower_ in RELATIVES:
                return True  # "said a longtime GOP data expert who has worked for ..."
            if tail == 0 and tok.lower_ in {"with", "of", "from", "at", "for"}:
                limit = 10  # "said one person with knowledge of the governor's dilemma, who ..."
            tail += 1
            if tail > limit:
                return False
        return True

    def _ends_clause(self, last: int, limit: int = 4) -> bool:
        """Nothing but a short tail ("on Monday", "in a statement"; after "told", the person told:
        "he told the court in his filing") follows the cue and its speaker."""
        _, s1 = self.sent(max(last - 1, 0))
        tail = [t for t in self.words(last, s1) if not t.is_punct]
        return len(tail) <= limit

    def _inside_quote(self, cue_start: int, content: tuple[int, int] | None) -> tuple[int, int] | None:
        """A report inside a quotation ("we were assured that ...") cannot run past the closing mark."""
        q = self.quote_containing(self.doc[cue_start].idx)
        if content is None or q is None or content[1] <= q.end:
            return content
        inner_end = q.end - 1 if q.balanced else q.end
        trimmed = self.text[content[0] : inner_end].rstrip(" ,.\u00a0")
        return (content[0], content[0] + len(trimmed)) if trimmed else None

    def _has_quote_inside(self, content: tuple[int, int]) -> bool:
        k = bisect.bisect_left(self.quote_starts, content[0])
        return k < len(self.quotes) and self.quotes[k].end <= content[1]

    def _shared_speaker(self, prior: _Attr | None, cue_start: int) -> tuple[int, int] | None:
        """The speaker of a second verb or a participle: the earlier report's in the same sentence
        ("McCain said, citing ...", "She says ..., but insists ..."), else the clause's subject."""
        if prior is not None and prior.source is not None and prior.cue[1] <= cue_start:
            return prior.source
        return self._subject_of_participle(cue_start)

    def _subject_of_participle(self, cue_start: int) -> tuple[int, int] | None:
        """ "ISIS issued a statement claiming ..." / "She spoke on Monday, saying ...": the clause subject."""
        s0, s1 = self.sent(cue_start)
        toks = self.words(s0, cue_start)
        while toks and (toks[0].lower_ in LEADING_DROP or toks[0].text in QUOTE_MARKS):
            toks.pop(0)  # "Then he cut into Bush, calling him ...": "Then" is not the subject
        if not toks or (toks[0].lower_ in LEAD_PREPOSITIONS and not any(t.text == "," for t in toks)):
            # "After saying he was nervous, the man ...": the subject follows the opening phrase
            after = self.words(cue_start, s1)
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
                        _cap(rest[0])
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

    def _according_to(
        self,
        start: int,
        end: int,
        entry: lexicon.Entry,
        kind: str,
        source: tuple[int, int] | None = None,
    ) -> _Attr | None:
        """ "according to the ministry" / "citing two people familiar with the plan": the source follows;
        `source` when the caller has already found it."""
        doc = self.doc
        if source is None:
            source = self.source_after(end, long=kind == "according_to")
        if source is None:
            return None
        prev_word = word_before(doc, start)
        s0, _ = self.sent(start)
        at_start = (
            prev_word is None
            or start == s0
            or prev_word.is_sent_start
            and prev_word.i == s0
            or (prev_word.lower_ in LEADING_DROP and prev_word.i <= s0 + 1)
            or prev_word.text in QUOTE_MARKS
        )
        if at_start:
            after = source[1]
            q = self.quote_starting_near(doc[after - 1].idx + len(doc[after - 1].text))
            content = (q.start, q.end) if q else self.clause_after(after)
        else:
            content = self.clause_before(start, None)
        return _Attr((start, end), source, content, kind, entry.category, entry.explanation)

    def agentless(self) -> list[_Attr]:
        """ "it was reported that ...", "we were assured that ...": a report with no one behind it."""
        doc = self.doc
        out = []
        for i in numpy.flatnonzero(numpy.isin(self.lower_array, AGENTLESS_IDS)).tolist():
            if not PASSIVE_IDS.intersection(self.lower[max(0, i - 2) : i]):
                continue  # cheap test on word hashes first: most "said"s have no "was" before them
            tok = doc[i]
            aux = word_before(doc, tok.i)
            if aux is None or aux.lower_ not in PASSIVE_AUX:
                continue
            nxt = next_word(doc, tok.i)
            if nxt is None:
                continue
            negated = self._negation_in(i - 3, i)
            if nxt.lower_ == "by":  # "was reported by the BBC": an agent after all
                src = None if negated else self.source_after(nxt.i + 1)
                if src is None:
                    continue
                content = self.clause_before(aux.i, None)
                out.append(
                    _Attr(
                        (aux.i, tok.i + 1),
                        src,
                        content,
                        "indirect",
                        "neutral",
                        'A passive report that names its source after "by".',
                    )
                )
                continue
            that = self._that_soon_after(tok.i)
            if that is None or negated:
                continue
            content = self._inside_quote(tok.i, self.clause_after(that + 1))
            entry = _cue_entry(tok.lower_)
            out.append(
                _Attr(
                    (aux.i, tok.i + 1),
                    None,
                    content,
                    "other",
                    entry.category if entry else "neutral",
                    "This report has no source: the sentence does not say who said it, so no one "
                    "stands behind the claim.",
                )
            )
        return out

    def _that_soon_after(self, i: int) -> int | None:
        """ "it was reported on Sunday that ...": the "that" within a few words of the verb."""
        _, s1 = self.sent(i)
        for j in range(i + 1, min(s1, i + 7)):
            if self.lower[j] == THAT_ID:
                return j
            if self.doc[j].is_punct and self.doc[j].text != "-":
                return None
        return None

    def polls_as_settings(self) -> list[_Attr]:
        """ "In a Fox poll, Cruz had 38 percent", "she trails in national polls": the poll is where the
        figures come from, so it is their source even without a reporting verb."""
        out = []
        for i in numpy.flatnonzero(self.lower_array == IN_ID).tolist():
            if not POLL_IDS.intersection(self.lower[i + 1 : i + 12]):
                continue  # cheap test on word hashes first: most "in"s have no poll after them
            s0, s1 = self.sent(i)
            np_end = None
            for j in range(i + 1, min(s1, i + 12)):
                tok = self.doc[j]
                if self.is_boundary(tok) or tok.text in {".", "!", "?"}:
                    break
                if tok.lower_ in POLL_NOUNS:
                    np_end = j + 1
                    nxt = next_word(self.doc, j)
                    if nxt is not None and nxt.lower_ in {"of", "by", "for"}:
                        continue  # "the RealClearPolitics average of New Hampshire polls"
                    break
            if np_end is None:
                continue
            words = self.words(i + 1, np_end)
            if not words or any(t.lower_ in NP_BREAKERS for t in words):
                continue
            at_start = self._starts_sentence(i, s0)
            named = words[0].lower_ in {"a", "an", "the"} and any(_cap(t) or t.is_upper for t in words[1:])
            if not (at_start or named) or self.quote_containing(self.doc[i].idx) is not None:
                continue  # "ahead in the polls" is a figure of speech; "in a Fox poll" names a source
            if at_start:
                comma = next((t for t in self.words(np_end, s1) if t.text == ","), None)
                content = self.clause_after(comma.i + 1) if comma is not None else None
            else:
                content = self.clause_before(i, None)
            if content is None:
                continue
            out.append(
                _Attr(
                    (i, i + 1),
                    (words[0].i, np_end),
                    content,
                    "other",
                    "neutral",
                    "The figures come from a poll or survey: check who ran it, when, and how many people "
                    "it asked.",
                )
            )
        return out

    def _name_label(self, toks: list[Token]) -> tuple[Token, Token] | None:
        """ "Rubio: ...", "Michael P. McDonald: “...”", "HEADLINE - Jeffrey M. Jones: ...": a name of up to
        five words opening the line (or after a dash) and a colon; returns its first word and the colon."""
        colon_at = next((k for k, t in enumerate(toks[:12]) if t.text == ":"), None)
        if colon_at is None or colon_at == 0:
            return None
        begin = 0
        for k in range(colon_at - 1, -1, -1):
            if toks[k].text in {"-", "—", "–"}:
                begin = k + 1
                break
        label = toks[begin:colon_at]
        if not 0 < len(label) <= 5 or not all(_label_word(t) for t in label):
            return None
        if len(label) == 1 and len(label[0].text) < 2:
            return None  # "Q:" and "A:" in interviews are not marked consistently enough to count
        if any(t.lower_ in NOT_LABELS or t.lower_ in LEADING_DROP for t in label) or label[0].like_num:
            return None
        after = toks[colon_at + 1 : colon_at + 4]
        if len(after) < 3 or after[0].like_num:
            return None  # "Hillary Clinton: 1,769.": a tally, not words
        return label[0], toks[colon_at]

    def headline_labels(self, taken: set[int]) -> list[_Attr]:
        """Headline conventions: "Report: ...", "Police: ..." — a label and a colon before the claim."""
        out = []
        for s0, s1 in self.sent_bounds:
            if s1 - s0 < 3 or COLON_ID not in self.lower[s0 : min(s1, s0 + 14)]:
                continue  # cheap test first: a label is a word and a colon at the start of a line
            toks = self.words(s0, s1)
            if len(toks) < 3 or toks[0].i in taken:
                continue
            if toks[1].text == ":" and toks[0].lower_ in HEADLINE_LABELS:
                label, colon = toks[0], toks[1]
            else:
                named = self._name_label(toks)
                if named is None:
                    continue
                colon = named[1]
                label = self.doc[named[0].i : colon.i]
            rest = [t for t in toks if t.i > colon.i]
            if len(rest) < 2:
                continue
            content = (rest[0].idx, rest[-1].idx + len(rest[-1].text))
            if isinstance(label, Span):
                out.append(
                    _Attr(
                        (colon.i, colon.i + 1),
                        (label.start, label.end),
                        content,
                        "direct" if rest[0].text in QUOTE_MARKS else "other",
                        "neutral",
                        "A name and a colon before words, as in a headline or a transcript, say who the "
                        "words come from.",
                    )
                )
                continue
            if label.lower_ in {"report", "reports", "exclusive"}:
                out.append(
                    _Attr(
                        (label.i, label.i + 1),
                        None,
                        content,
                        "other",
                        "neutral",
                        '"Report:" in a headline says the claim comes from a report, without saying '
                        "whose, so the headline itself does not vouch for it.",
                    )
                )
            else:
                out.append(
                    _Attr(
                        (toks[1].i, toks[1].i + 1),
                        (label.i, label.i + 1),
                        content,
                        "other",
                        "neutral",
                        "A headline label with a colon says who the claim comes from.",
                    )
                )
        return out


def _is_citable(span: Span) -> bool:
    """What "citing" names is a source (people, a name, an outlet, a document), not a reason."""
    head = _head_tokens(span)[-1]
    return (
        _cap(head)
        or head.is_upper
        or head.lower_ in COMMON_SOURCE_NOUNS
        or head.lower_ in DOCUMENT_SOURCES
        or head.lower_ in {"people", "person", "persons", "someone", "others"}
    )


def _speaker_np(toks: list[Token]) -> bool:
    """Could these words name a speaker ("Rep. Mike Coffman of Colorado", "The 43-year-old former
    congressman", "Powell's office")? A short noun phrase: no clause words, no verb-like helpers."""
    if not 0 < len(toks) <= 12 or any(t.text in QUOTE_MARKS for t in toks):
        return False
    if any(t.text in {"(", ")"} for t in toks):  # "Rep. Bobby Scott (D-Va.)": a party tag after a name
        toks = [t for t in toks if not (t.text in {"(", ")"} or _in_brackets(t))] or toks
    first, last = toks[0], toks[-1]
    if first.lower_ in PREPOSITIONS or first.lower_ in CLAUSE_WORDS or first.lower_ in PRONOUNS - {"it"}:
        return len(toks) == 1 and first.lower_ in PRONOUNS
    if not (_cap(first) or first.is_upper or first.like_num or first.lower_ in DETERMINERS):
        if not any(_cap(t) for t in toks[1:]):
            return False  # "state Rep. Gilda Cobb-Hunter", "former Gov. Jeb Bush" have a name after the role
    if last.lower_ in PREPOSITIONS or last.lower_ in DETERMINERS or last.is_punct and last.text != ".":
        return False
    return not any(t.lower_ in NP_BREAKERS and not _desc_to(t) for t in toks) and not any(
        t.lower_ in CLAUSE_WORDS for t in toks
    )


def _head_of_speaker(toks: list[Token]) -> tuple[int, int] | None:
    """The noun phrase that opens a long speaker, up to its first modifier: "many officials [on and off
    the island]", "progressive organizations [that have endorsed him]", "Republican activists
    [clamoring to block Trump]". None unless a modifier clearly follows the noun."""
    head: list[Token] = []
    for t in toks[:12]:
        low = t.lower_
        if head and (
            (low in PREPOSITIONS and low != "of")
            or low in {"that", "who", "which", "whose"}
            or (t.is_lower and low.endswith("ing"))
        ):
            last = head[-1]
            plausible = (
                last.lower_ in COMMON_SOURCE_NOUNS
                or (last.is_lower and last.lower_.endswith("s") and last.is_alpha)
                or _cap(last)
            )
            if plausible and head[0].lower_ not in PRONOUNS and head[-1].lower_ not in DETERMINERS:
                return head[0].i, head[-1].i + 1
            return None
        if low in NP_BREAKERS or t.is_punct or low in CLAUSE_WORDS:
            return None
        head.append(t)
    return None


def _in_brackets(tok: Token) -> bool:
    """Is this token between "(" and ")" on its own line of words (a party tag like "(D-Va.)")?"""
    doc = tok.doc
    before = next((doc[j].text for j in range(tok.i - 1, max(-1, tok.i - 6), -1) if doc[j].text in "()"), "")
    return before == "("


def _description(toks: list[Token]) -> bool:
    """A piece between commas that describes the speaker: "who led a filibuster in June",
    "a Republican who served as a Marine", "58", "wearing a T-shirt", "asked what was wrong"."""
    if not 0 < len(toks) <= 30 or any(t.text in {".", ";", ":"} for t in toks):
        return False
    if any(t.lower_ in {"said", "says", "told"} for t in toks):
        return False  # another report: the clause is not a description
    first = toks[0]
    return (
        first.lower_ in RELATIVES
        or first.lower_ in DETERMINERS
        or _cap(first)
        or first.like_num
        or first.lower_ in {"including", "like", "then", "now", "once", "himself", "herself", "both", "also"}
        or (first.is_lower and first.lower_.endswith(("ing", "ed")))
        or first.lower_ in PREPOSITIONS  # "Sexton, after previous Trump rallies, wrote"
        or (first.is_lower and len(toks) <= 14 and not any(t.lower_ in NP_BREAKERS for t in toks))
    )  # the last: a role, "executive director of National Nurses United"


def _opener(toks: list[Token]) -> bool:
    """An opening phrase before the speaker: "On Tuesday", "In an interview", "Meanwhile"."""
    return bool(toks) and (
        toks[0].lower_ in PREPOSITIONS or toks[0].lower_ in LEADING_DROP or toks[0].lower_ in ADVERBS
    )


def _np_start(tok: Token) -> bool:
    """Can a speaker named after the verb start with this word? ("said the mayor", "said Smith")."""
    return (
        _cap(tok)
        or tok.is_upper
        or tok.like_num
        or tok.lower_ in DETERMINERS
        or tok.lower_ in PRONOUNS
        or tok.lower_ in COMMON_SOURCE_NOUNS
    )


def _looks_like_speaker(span: Span) -> bool:
    """ "said the mayor", "said former Gov. Jeb Bush", "said senior officials" — not "say taxing consumption
    encourages savings": a speaker starts like a noun phrase, holds a name or ends in a speaker noun."""
    if span[0].lower_ in PRONOUNS:
        # "said he." — but "said he wants an alternative", "said he and other rabbis ..." report what was said
        nxt = next_word(span[0].doc, span[-1].i)
        return len(span) == 1 and (
            nxt is None or nxt.text in {".", ",", "!", "?", ";"} or nxt.text in QUOTE_MARKS
        )
    return _np_start(span[0]) or any(_cap(t) for t in span[1:]) or span[-1].lower_ in COMMON_SOURCE_NOUNS


def _skippable_chunk(chunk: list[Token]) -> bool:
    """A comma-separated piece between a speaker and the verb that is not part of who spoke:
    an adverb ("meanwhile") or an age ("Woodrow Benford, 58, ...")."""
    if len(chunk) == 1 and (chunk[0].lower_ in ASIDES or (chunk[0].like_num and len(chunk[0].text) <= 3)):
        return True
    if len(chunk) == 1 and _cap(chunk[0]) and chunk[0].text.endswith(".") and len(chunk[0].text) <= 6:
        return True  # a state after a town: "Cory James, 22, of Flint, Mich., said"
    return 2 <= len(chunk) <= 4 and chunk[0].lower_ in {"of", "from"} and all(_cap(t) for t in chunk[1:])


def _cap(tok: Token) -> bool:
    """Capitalised: "Warren", "McCain", "DeMoro", "NATO" (spaCy's is_title misses the middle capitals)."""
    return tok.text[:1].isupper()


def _label_word(tok: Token) -> bool:
    return _cap(tok) or tok.is_upper or tok.text in {".", "-", "'s", "’s"}


def _is_name(toks: list[Token]) -> bool:
    """A run of capitalised words such as "Sarah Whitfield" or "Dr. Kofi Mensah"."""
    return 0 < len(toks) <= 5 and all(_cap(t) or t.is_upper or t.text in {".", "-"} for t in toks)


def _name_part(tok: Token) -> bool:
    """A word of a full name with its title and place: "Rep. Lee Zeldin of New York (R-N.Y.)"."""
    return _cap(tok) or tok.is_upper or tok.is_punct or tok.lower_ in {"of", "the"} or tok.like_num


def _desc_to(tok: Token) -> bool:
    """ "to" inside a description: "a senior adviser to Mr. Sanders", "ambassador to the UN"."""
    if _phrase_to(tok):
        return True
    nxt = next_word(tok.doc, tok.i)
    return tok.lower_ == "to" and nxt is not None and (_cap(nxt) or nxt.lower_ in {"the", "a", "an"})


def _phrase_to(tok: Token) -> bool:
    """ "to" inside a source phrase: "sources close to the team", "forces loyal to the president"."""
    return (
        tok.lower_ == "to"
        and tok.i > 0
        and tok.doc[tok.i - 1].lower_
        in {"close", "near", "next", "loyal", "linked", "tied", "allied", "attached", "similar", "opposed"}
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


def _stance(word: str, nxt: Token | None, entry: lexicon.Entry) -> tuple[str, str]:
    """The cue's stance and explanation, unless a set phrase ("claiming responsibility") overrides it."""
    if nxt is not None:
        override = _overrides().get((word, nxt.lower_))
        if override:
            return override
    return entry.category, entry.explanation


def _cue_entry(word: str) -> lexicon.Entry | None:
    for forms, entry in lexicon.entries("cues").items():
        if word in forms.split("|"):
            return entry
    return None


def _head_tokens(span: Span) -> list[Token]:
    """The core noun phrase, before "of/for/close to ..." ("officials at the Pentagon" → "officials")."""
    core = []
    for k, tok in enumerate(span):
        if k > 0 and tok.lower_ in HEAD_CUTS:
            break
        if not tok.is_space:
            core.append(tok)
    return core or [t for t in span if not t.is_space]


def _trim_coordinated_contents(doc: Doc, attrs: list[_Attr]) -> None:
    """ "He maintained that the money was a loan, and his lawyer pointed out that ...": the first content
    ends at ", and", where the next speaker begins."""
    sourced = sorted((doc[b.source[0]].idx, b.source[0]) for b in attrs if b.source and b.source[0] > 0)
    starts = [c for c, _ in sourced]
    for a in attrs:
        if a.content is None or a.kind == "according_to":
            continue
        lo = bisect.bisect_right(starts, a.content[0])
        hi = bisect.bisect_left(starts, a.content[1])
        for _, src_tok in sourced[lo : min(hi, lo + 20)]:  # the next few speakers, not every nested one
            if a.source and src_tok == a.source[0]:
                continue
            conj = word_before(doc, src_tok)
            comma = word_before(doc, conj.i) if conj is not None else None
            if (
                conj is not None
                and conj.lower_ in {"and", "but", "while", "whereas"}
                and comma is not None
                and comma.text in {",", ";"}
                and comma.idx > a.content[0]
            ):
                a.content = (a.content[0], comma.idx)
                break


def _source_type(span: Span) -> str:
    """named | unnamed | pronoun | none, computed once per source span of a Doc."""
    cache = span.doc.user_data.setdefault(_TYPE_CACHE, {})
    key = (span.start, span.end)
    if key not in cache:
        cache[key] = _classify_source(span)
    return cache[key]


def _classify_source(span: Span) -> str:
    words = [t for t in span if not t.is_space]
    if not words:
        return "none"
    if len(words) == 1 and (
        words[0].lower_ in PRONOUNS or words[0].lower_ in RELATIVES or words[0].lower_ in POSSESSIVES
    ):
        return "pronoun"
    if any(
        _is_name(part) and part[0].lower_ not in {"the", "a", "an"} and len(part) >= 2
        for part in _comma_parts(words)
    ):
        return "named"  # "the park's director, Nadia Okafor"
    core = _head_tokens(span)
    head = core[-1]
    if head.lower_ in DOCUMENT_SOURCES and sum(_cap(t) for t in core[:-1] if t.lower_ != "the") >= 2:
        return "named"  # "Westbrook County Fire Service records": the document of a named body
    if head.lower_ in COMMON_SOURCE_NOUNS and (len(core) == 1 or not _cap(core[-2])):
        # "Police said" is capitalised only because it starts a sentence; "Capitol Police" is a name
        return "unnamed"
    if head.text[:1].isupper():
        return "named"
    return "unnamed"


def _comma_parts(words: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for t in words:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _is_anaphoric(span: Span) -> bool:
    words = [t for t in span if not t.is_space]
    return bool(words) and words[0].lower_ in ANAPHORIC_STARTS and _source_type(span) == "unnamed"


LOOKBACK = 40  # earlier sources a pronoun may point back to (a few paragraphs of news)


def _resolve_sources(doc: Doc, attrs: list[_Attr]) -> None:
    """Point pronouns and anaphoric descriptions ("the activist", "the same source") back to a first
    mention: the nearest earlier compatible source, followed back to its own antecedent."""
    by_source = sorted((a for a in attrs if a.source), key=lambda a: a.source)
    memo: dict[tuple[int, int], tuple[str, str, bool]] = {}

    def info(span: tuple[int, int]) -> tuple[str, str, bool]:
        """(source type, head word, anaphoric?) of a source, worked out once per span."""
        if span not in memo:
            sp = doc[span[0] : span[1]]
            memo[span] = (_source_type(sp), _head_tokens(sp)[-1].lower_, _is_anaphoric(sp))
        return memo[span]

    for k, a in enumerate(by_source):
        if a.resolved is not None:
            continue  # already known ("who" and the noun phrase it follows)
        stype, head, anaphoric = info(a.source)
        if stype not in {"pronoun", "unnamed"} or (stype == "unnamed" and not anaphoric):
            continue
        words = [t.lower_ for t in doc[a.source[0] : a.source[1]] if not t.is_space]
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
        a.resolved = antecedent


def _span_dict(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _tok_span(doc: Doc, text: str, span: tuple[int, int] | None) -> dict[str, Any] | None:
    if span is None:
        return None
    first, last = doc[span[0]], doc[span[1] - 1]
    return _span_dict(text, first.idx, last.idx + len(last.text))


def _record(doc: Doc, text: str, a: _Attr) -> dict[str, Any]:
    source = _tok_span(doc, text, a.source)
    source_type = _source_type(doc[a.source[0] : a.source[1]]) if a.source else "none"
    return {
        "cue": _tok_span(doc, text, a.cue),
        "source": source,
        "content": _span_dict(text, *a.content) if a.content else None,
        "kind": a.kind,
        "source_type": source_type,
        "resolved_source": _tok_span(doc, text, a.resolved),
        "verb_stance": a.stance,
        "explanation": a.explanation,
    }
