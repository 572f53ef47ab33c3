"""The word sets the attribution rules read: most from mlkit/data/attribution_words.tsv (a teacher can
read and extend them), a few small closed sets of English grammar here, and their hashes for quick
tests on a Doc's word array."""

from __future__ import annotations

from spacy.strings import hash_string

from mlkit.components.tokens import hash_set
from mlkit.lexicon import word_lists

QUOTE_MARKS = frozenset({'"', "“", "”", "„", "«", "»", "''", "``"})
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
EVIDENCE_SOURCES = _WORDS["evidence_sources"]
DOCUMENT_NOUNS = _WORDS["document_nouns"]
DETERMINERS = _WORDS["determiners"]
LISTENERS = _WORDS["listeners"]
TIME_WORDS = _WORDS["time_words"]
ORGANISATIONS = _WORDS["organisations"]
OUTLET_NOUNS = _WORDS["outlet_nouns"]
NOT_SPEAKERS = _WORDS["not_speakers"]

RELATIVES = frozenset({"who", "whose", "which", "whom"})
SPEAKING_RELATIVES = frozenset({"who", "which"})  # "Republicans who oppose", "the union, which endorsed"
PREPOSITIONS = frozenset(
    "about above after against along amid among around as at before behind below beside between beyond by "
    "despite during except following for from in inside into like near of off on onto over since than "
    "through throughout to toward towards under until upon via when while with within without".split()
)
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
    "himself herself themselves itself ourselves myself all both each alone too".split()
)
FIRST_PERSON = frozenset({"i", "we", "you"})
ASIDES = (
    ADVERBS | LEADING_DROP | {"though", "too", "instead"}
)  # one-word chunks between a name and its description ("Sanders, meanwhile,")
DOCUMENT_SOURCES = EVIDENCE_SOURCES | DOCUMENT_NOUNS | {"media", "reports", "outlets", "television", "tv"}
ARTICLES = frozenset({"the", "a", "an"})

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

# Word hashes, for cheap tests on a Doc's LOWER array before any Token is built.
POLL_IDS = frozenset(hash_string(w) for w in POLL_NOUNS)
PASSIVE_IDS = frozenset(hash_string(w) for w in PASSIVE_AUX)
RELATIVE_IDS = frozenset(hash_string(w) for w in SPEAKING_RELATIVES)
NEGATION_IDS = frozenset(hash_string(w) for w in ("not", "n't", "never", "n’t"))
THAT_ID = hash_string("that")
ACCORDING_ID = hash_string("according")
COLON_ID = hash_string(":")
IN_ID = hash_string("in")
AGENTLESS_IDS = hash_set(AGENTLESS_VERBS)
AUX_IDS = frozenset(hash_string(w) for w in AUXILIARIES)
VERB_ADVERB_IDS = frozenset(hash_string(w) for w in VERB_ADVERBS)
HAVE_IDS = frozenset(hash_string(w) for w in ("have", "has", "had", "'ve"))
HYPHEN_ID = hash_string("-")
COMMA_ID = hash_string(",")
CITING_ID = hash_string("citing")
QUOTE_IDS = frozenset(hash_string(t) for t in QUOTE_MARKS)  # marks have no case: LOWER is the mark
LEAD_IN_IDS = frozenset(hash_string(t) for t in (":", ","))
TRAILING_PUNCT_IDS = frozenset(hash_string(t) for t in (".", "!", "?", ",", ";", ":"))

MAX_CONTENT_TOKENS = 400  # a run-on "sentence" must not make a content search quadratic
