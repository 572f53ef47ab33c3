"""Match lexicon entries in a Doc with spaCy's PhraseMatcher (fast: hash look-ups, not a scan per pattern).

Shared by the hedge ruler and the attribution finder; rebuilt when a lesson edits a lexicon. Each matcher
holds every lexicon, so the matches of a Doc are found once (the first component keeps them on the Doc)
and each component reads the kinds it wants.
"""

from __future__ import annotations

import weakref

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from mlkit import lexicon
from mlkit.components.tokens import MATCHES_KEY

CURRENCY = {"$", "£", "€"}
_MATCHES_KEY = MATCHES_KEY  # (lexicon version, Doc length, [(match id, start, end)])


def is_number(lower: str) -> bool:
    """Digits ("30", "3,000", "2.5") or a number word ("thirty", "dozen")."""
    stripped = lower.replace(",", "").replace(".", "", 1)
    return stripped.isdigit() or lower in lexicon.NUMBER_WORDS


class _Lexicons:
    """The pipeline's one PhraseMatcher over every lexicon (about 10 MB, so built once for all the
    components), rebuilt when a lesson edits a lexicon; a Doc's raw matches are kept on the Doc so the
    second component to ask does not match again."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.version = -1
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str, bool]] = {}  # match id -> (kind, key, needs a number)

    def refresh(self) -> None:
        if self.version == lexicon.version():
            return
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.labels = {}
        for kind in lexicon.KINDS:
            for key in lexicon.entries(kind):
                forms = key.split("|") if kind == "cues" else [key]
                docs = []
                needs_number = False
                for form in forms:
                    for words, number in lexicon.phrase_variants(form.strip()):
                        docs.append(Doc(self.nlp.vocab, words=list(words), spaces=[False] * len(words)))
                        needs_number = needs_number or number
                label = f"{kind}::{key}"
                self.matcher.add(label, docs)
                self.labels[self.nlp.vocab.strings[label]] = (kind, key, needs_number)
        self.version = lexicon.version()

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every lexicon phrase in the Doc."""
        self.refresh()
        found = doc.user_data.get(_MATCHES_KEY)
        if found is not None and found[0] == self.version and found[1] == len(doc):
            return found[2]
        matches = [tuple(m) for m in self.matcher(doc)]
        doc.user_data[_MATCHES_KEY] = (self.version, len(doc), matches)
        return matches


_SHARED: weakref.WeakKeyDictionary[Language, _Lexicons] = weakref.WeakKeyDictionary()


class LexiconMatcher:
    """Finds every entry of the given lexicons: (kind, entry, start token, end token), overlaps included."""

    def __init__(self, nlp: Language, kinds: tuple[str, ...]) -> None:
        self.nlp = nlp
        self.kinds = kinds
        lexicons = _SHARED.get(nlp)
        if lexicons is None:
            lexicons = _SHARED[nlp] = _Lexicons(nlp)
        self.lexicons = lexicons

    def __call__(self, doc: Doc) -> list[tuple[str, lexicon.Entry, int, int]]:
        out = []
        matches = self.lexicons.matches(doc)  # (brings the labels up to date first)
        labels, kinds = self.lexicons.labels, self.kinds
        for match_id, start, end in matches:
            kind, key, needs_number = labels[match_id]
            if kind not in kinds:
                continue
            entry = lexicon.entries(kind).get(key)
            if entry is None:
                continue
            if needs_number:
                end = _number_end(doc, end)
                if end < 0:
                    continue
            out.append((kind, entry, start, end))
        return out


def forget_matches(doc: Doc) -> None:
    """Drop the Doc's lexicon matches once the last component that reads them is done."""
    doc.user_data.pop(_MATCHES_KEY, None)


def _number_end(doc: Doc, i: int) -> int:
    """Where a number that starts at token i ends ("a dozen", "$3 million"), or -1 when none starts there."""
    n = len(doc)
    while i < n and doc[i].is_space:
        i += 1
    if i < n and doc[i].lower_ in {"a", "an"}:
        i += 1
    if i < n and doc[i].text in CURRENCY:
        i += 1
    start = i
    while i < n and is_number(doc[i].lower_):
        i += 1
    return i if i > start else -1
