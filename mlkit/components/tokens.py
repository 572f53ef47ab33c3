"""Small token helpers shared by the components, written to stay linear in the length of the text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

_TEXT_KEY = "mlkit_text"


def doc_text(doc: Doc) -> str:
    """`doc.text` rebuilds the string from its tokens on every call; compute it once per Doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


class TextKeepingTokenizer:
    """Wraps spaCy's tokenizer to remember the text it was given, so no component has to rebuild it
    from the tokens (`doc.text` costs as much as a third of the kit's own work on a news article)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[_TEXT_KEY] = text
        return doc

    def __getattr__(self, name: str) -> Any:  # to_bytes, explain, rules...: the wrapped tokenizer's own
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def forget_text(doc: Doc) -> None:
    """Drop the cached copy so it is not shipped between processes by `nlp.pipe(n_process=...)`."""
    doc.user_data.pop(_TEXT_KEY, None)


def next_word(doc: Doc, i: int) -> Token | None:
    """The first non-space token after index i (non-breaking spaces are tokens of their own)."""
    for j in range(i + 1, len(doc)):
        if not doc[j].is_space:
            return doc[j]
    return None


def prev_word(doc: Doc, i: int) -> Token | None:
    """The last non-space token before index i."""
    for j in range(i - 1, -1, -1):
        if not doc[j].is_space:
            return doc[j]
    return None
