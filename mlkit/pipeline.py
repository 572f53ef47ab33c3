"""Build the kit's spaCy pipeline and turn a processed Doc into the contract's Result.

The default is blank English plus rules, so results are the same offline, in CI and on Binder.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

import mlkit.components.attributions  # noqa: F401  (registers "mlkit_attributions")
import mlkit.components.hedges  # noqa: F401  (registers "mlkit_hedges")
import mlkit.components.sentences  # noqa: F401  (registers "mlkit_sentences")
from mlkit.components.sentences import SENTS_KEY, sentence_bounds
from mlkit.components.tokens import (
    DottedUrlMatch,
    InfixesPastWords,
    TextKeepingTokenizer,
    doc_text,
    forget_text,
)
from mlkit.result import Result

PIPELINE_RULES = "rules"
COMPONENTS = ("mlkit_sentences", "mlkit_hedges", "mlkit_attributions")


SENTENCE_SETTERS = {"parser", "senter", "sentencizer"}


def add_components(nlp: Language) -> Language:
    """Add the kit's components to any English `nlp` (yours included), skipping ones already there.

    A pipeline that already splits sentences (a trained parser or senter) keeps its own boundaries.
    """
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if name == "mlkit_sentences" and SENTENCE_SETTERS & set(nlp.pipe_names):
            continue
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: blank English + the kit's rule components, with no downloaded model, so the
    answers are the same offline, in CI and on Binder. (A trained model was once an option; the rules
    read no tags, and measured side by side it changed no score while costing 39 times the time, so
    it was removed. `add_components` still puts the rules after any pipeline of your own.)
    """
    nlp = spacy.blank("en")
    nlp.max_length = 10_000_000  # rules are linear in the text; 2 MB articles must work
    # copy without a space after a closing quote ('paranoia,”Clinton said'): split the mark off, as
    # spaCy already does when the space is there
    infixes = list(nlp.Defaults.infixes) + [r'(?<=\w)[,.!?](?=["”])', r'(?<=[,.!?])["”](?=[^\W\d_])']
    nlp.tokenizer.infix_finditer = InfixesPastWords(compile_infix_regex(infixes).finditer)
    # (the same tokens, found faster: see InfixesPastWords and DottedUrlMatch)
    nlp.tokenizer.url_match = DottedUrlMatch(nlp.tokenizer.url_match)
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    return add_components(nlp)


def pipeline_name() -> str:
    """The contract's "pipeline" field: always "rules" (the kit runs no trained model)."""
    return PIPELINE_RULES


def _check(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"mlkit.analyze needs a str, not {type(text).__name__}")
    return text


def doc_to_result(doc: Doc, text: str) -> Result:
    """Copy the components' plain records off the Doc, sorted by start as the contract requires."""
    sentences = _sentences(doc, text)
    forget_text(doc)  # per-Doc caches are not results: keep them out of pickles and Doc.to_bytes
    doc.user_data.pop(SENTS_KEY, None)
    return Result(
        text=text,
        pipeline=pipeline_name(),
        hedges=sorted(doc._.mlkit_hedges or [], key=lambda s: (s["start"], s["end"])),
        boosters=sorted(doc._.mlkit_boosters or [], key=lambda s: (s["start"], s["end"])),
        attributions=sorted(
            doc._.mlkit_attributions or [], key=lambda a: (a["cue"]["start"], a["cue"]["end"])
        ),
        sentences=sentences,
        doc=doc,
    )


def _sentences(doc: Doc, text: str) -> list[dict[str, int]]:
    """Sentence spans trimmed of surrounding whitespace and invisible format characters; stretches of
    nothing else are not sentences."""
    out = []
    for start, end in sentence_bounds(doc):
        last = doc[end - 1]
        lo = (last if end - start == 1 else doc[start]).idx
        hi = last.idx + len(last)
        while lo < hi and _invisible(text[lo]):
            lo += 1
        while hi > lo and _invisible(text[hi - 1]):
            hi -= 1
        if lo < hi:
            out.append({"start": lo, "end": hi})
    return out


def _invisible(ch: str) -> bool:
    return ch.isspace() or ch in FORMAT_CHARS


LONG_RUN = re.compile(r"\S{1000,}")
RUN_BLOCK = 500  # half of LONG_RUN's least length
SPACE = re.compile(r"\s")
RUN_PIECE = 64
# Invisible format characters (marks of direction, zero-width spaces, byte-order marks, soft hyphens):
# between two letters they may join a word; anywhere else they must not hide a space or a boundary.
_FORMAT_RANGES = (
    (0x00AD, 0x00AD),
    (0x061C, 0x061C),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
)
FORMAT_CHARS = frozenset(chr(c) for lo, hi in _FORMAT_RANGES for c in range(lo, hi + 1))
_FORMAT = "[" + "".join(sorted(FORMAT_CHARS)) + "]"
FORMAT_CHAR = re.compile(_FORMAT)
FORMAT_OUTSIDE_WORD = re.compile(f"(?<![^\\W_]){_FORMAT}|{_FORMAT}(?![^\\W_])")


def _safe(text: str) -> str:
    """The copy spaCy analyses: same length as the text, so every offset still indexes the original.

    Lone surrogates ("\\ud800"), which spaCy cannot hash, become U+FFFD. An invisible format character
    that is not inside a word becomes a space: "fail.\\u200eThen" must be two sentences, as it looks.
    A run of 1,000 or more characters without a space (no word is that long) gets a space every 64
    characters, because spaCy's tokenizer is quadratic on long runs of punctuation ('"' * 200000 would
    never finish).
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    if FORMAT_CHAR.search(text):
        text = FORMAT_OUTSIDE_WORD.sub(" ", text)
    if _has_long_run(text):
        chars = list(text)
        for run in LONG_RUN.finditer(text):
            for i in range(run.start() + RUN_PIECE, run.end(), RUN_PIECE):
                chars[i] = " "
        text = "".join(chars)
    return text


def _has_long_run(text: str) -> bool:
    """LONG_RUN.search(text), quickly: a run of 1,000 characters without a space covers one whole block
    of 500 that starts at a multiple of 500, so when every such block holds a space there is none (news
    text passes in a few microseconds instead of a regex step per character)."""
    for k in range(0, len(text), RUN_BLOCK):
        if not SPACE.search(text, k, k + RUN_BLOCK):
            return LONG_RUN.search(text) is not None
    return False


def _reslice(result: Result) -> Result:
    """Take every span's text from the original string (it differs from the copy only at surrogates)."""
    text = result.text
    for item in result.hedges + result.boosters:
        item["text"] = text[item["start"] : item["end"]]
    for attr in result.attributions:
        for key in ("cue", "source", "content", "resolved_source"):
            if attr.get(key):
                attr[key]["text"] = text[attr[key]["start"] : attr[key]["end"]]
    return result


def analyze(text: str) -> Result:
    """Analyse one text: hedges, boosters, attributions and sentences (see the analysis contract)."""
    text = _check(text)
    safe = _safe(text)
    result = doc_to_result(get_nlp()(safe), text)
    return result if safe == text else _reslice(result)


def analyze_many(texts: Iterable[str], batch_size: int = 64, n_process: int = 1) -> Iterator[Result]:
    """Analyse a stream of texts with `nlp.pipe` (batched, optionally in several processes), in order."""
    originals: deque[str] = deque()

    def safe_texts() -> Iterator[str]:
        for t in texts:
            originals.append(_check(t))
            yield _safe(t)

    nlp = get_nlp()
    for doc in nlp.pipe(safe_texts(), batch_size=batch_size, n_process=n_process):
        text = originals.popleft()
        safe = doc_text(doc)
        result = doc_to_result(doc, text)
        yield result if safe == text else _reslice(result)
