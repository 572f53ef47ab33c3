"""The sourcing chain: how many hands a claim passed through between the first witness and the reader.

Built from the attributions' nesting: an attribution whose content holds another attribution's cue is
the outer hand ("activists have reported ..., according to Asharq Al-Awsat": the outlet passed on what
activists said). The longest such chain in the article body is the one shown. Sources of other
top-level reports of the same claim (sharing meaning words with the chain's innermost content) join the
innermost person or group link, as the same hand seen twice. When the innermost report rests on words
with no one behind them (an agentless cue such as "we were assured", or "reportedly"), an "unknown" link
ends the chain.

Text with no attribution at all: reader ← this article, one hand (the writer is the only source the
reader can see); an "unknown" link is added only if the text itself says "reportedly", "allegedly" and
the like.

Hands: everyone who passed the claim on and whom the reader can see: the links between the reader and
the claim, not counting the reader and not counting an "unknown" link (someone the text never names is
shown, so students ask who it was, but cannot be counted). ``with_upstream`` adds the earlier versions a
source pack documents (the Arabic and English reports behind the 2013 article), counted the same way.
"""

from __future__ import annotations

import heapq
import re
from typing import Any

from mlkit.findings._common import Span, SpanIndex, content_stems, normalise
from mlkit.findings.body import headline
from mlkit.findings.furniture import furniture_ranges
from mlkit.labels import LINK_KINDS
from mlkit.outlets import outlet_pattern
from mlkit.result import Result

ARTICLE_LABEL = "this article (the outlet that published it)"
#: Hedges that say "someone, not named, said so": they point at an unknown earlier hand.
UNKNOWN_HEDGES = ("evidential", "impersonal", "unverified")
#: A separate report by an unnamed source joins the chain's witness link when it shares this many
#: meaning words with it, and at least this share of the shorter content's meaning words.
MIN_SHARED_WORDS = 3
MIN_SHARED_SHARE = 0.3

#: Words that make a source a group of people rather than one person.
_GROUP_WORDS = set(
    "they we them us group groups government ministry police army military council committee party forces "
    "office department organisation organization company authorities officials sources activists witnesses "
    "residents rebels opposition coalition movement state union court campaign service agency".split()
)
_SINGULAR_PEOPLE = {"he", "she", "him", "her", "i", "me", "spokesman", "spokeswoman", "spokesperson"}


def _source(a: dict[str, Any]) -> Span | None:
    """Who stands behind an attribution: the earlier source it points back to, else the source itself."""
    if a.get("resolved_source"):  # "he", "the activist", "the same source" → the earlier source
        return a["resolved_source"]
    return a.get("source")


def _kind(a: dict[str, Any]) -> str:
    """outlet | person | group | unknown, from the source's words (outlets.tsv, plural and group words)."""
    src = _source(a)
    if a.get("source_type") == "none" or not src or not src["text"].strip():
        return "unknown"
    text = normalise(src["text"])
    if outlet_pattern().search(text):
        return "outlet"
    words = re.findall(r"[\w'-]+", text)
    if any(w in _SINGULAR_PEOPLE for w in words[-1:]):
        return "person"
    if any(w in _GROUP_WORDS for w in words) or (
        words and words[-1].endswith("s") and not words[-1].endswith("ss")
    ):
        return "group"
    original = src["text"].split()
    if len(original) == 1 and original[0].isupper() and len(original[0]) > 1:
        return "group"  # an acronym: ISIS, NATO
    return "person"


def _unnamed(a: dict[str, Any]) -> bool:
    """An unnamed source ("an opposition activist", or "he" standing for one): reports of the same claim
    by unnamed sources may be one informant seen twice; named people are never merged."""
    if a.get("source_type") == "pronoun":
        resolved = a.get("resolved_source")
        return bool(resolved) and not any(w[:1].isupper() for w in resolved["text"].split())
    return a.get("source_type") == "unnamed"


def _key(a: dict[str, Any]) -> str:
    src = _source(a)
    return normalise(src["text"]) if src else f"none@{a['cue']['start']}"


def _body_attributions(r: Result) -> list[dict[str, Any]]:
    """Attributions outside the headline and page furniture, in text order."""
    skip = [{"start": s, "end": e} for s, e in furniture_ranges(r.text)]
    head = headline(r)
    if head:
        skip.append(head)
    index = SpanIndex(skip)
    return [
        a
        for a in r.attributions
        if a.get("cue") and not index.overlapping(a["cue"]["start"], a["cue"]["end"])
    ]


#: How many open contents to inspect for a cue's parent (only pathological text has more).
_MAX_LOOK = 32


def _size(a: dict[str, Any]) -> int:
    content = a.get("content")
    return content["end"] - content["start"] if content else 0


def _nesting(attrs: list[dict[str, Any]]) -> dict[int, list[int]]:
    """Outer → inner edges: each report's parent is the smallest other content holding its cue.

    Only a larger content may hold a smaller one's cue, so reports holding each other's cues cannot
    loop; a source quoting itself ("she said ... “we ...,” she added") is one hand, not two. One sweep
    over the cues with a heap of open contents keeps this near-linear even for deeply nested text.
    """
    children: dict[int, list[int]] = {i: [] for i in range(len(attrs))}
    keys = [_key(a) for a in attrs]
    ranks = [(-_size(a), a["cue"]["start"]) for a in attrs]
    contents = sorted(
        (i for i, a in enumerate(attrs) if a.get("content")), key=lambda i: attrs[i]["content"]["start"]
    )
    heap: list[tuple[int, int, int]] = []
    next_content = 0
    for j in sorted(range(len(attrs)), key=lambda i: attrs[i]["cue"]["start"]):
        pos = attrs[j]["cue"]["start"]
        while next_content < len(contents) and attrs[contents[next_content]]["content"]["start"] <= pos:
            i = contents[next_content]
            heapq.heappush(heap, (_size(attrs[i]), attrs[i]["cue"]["start"], i))
            next_content += 1
        held, parent = [], None
        while heap and len(held) < _MAX_LOOK:
            item = heapq.heappop(heap)
            i = item[2]
            if attrs[i]["content"]["end"] <= pos:
                continue  # closed before this cue, so before every later cue too
            held.append(item)
            if i != j and ranks[i] < ranks[j] and keys[i] != keys[j]:
                parent = i
                break
        for item in held:
            heapq.heappush(heap, item)
        if parent is not None:
            children[parent].append(j)
    return children


def _longest_path(attrs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The longest outer→inner nesting path (the earliest wins a tie), without recursion."""
    children = _nesting(attrs)
    order = sorted(range(len(attrs)), key=lambda i: (-_size(attrs[i]), attrs[i]["cue"]["start"]))
    length: dict[int, int] = {}
    following: dict[int, int | None] = {}
    for i in reversed(order):  # inner reports first: every child is done before its parent
        best, nxt = 0, None
        for j in children[i]:
            if length[j] > best:
                best, nxt = length[j], j
        length[i], following[i] = best + 1, nxt
    nested = {j for kids in children.values() for j in kids}
    roots = sorted((i for i in range(len(attrs)) if i not in nested), key=lambda i: attrs[i]["cue"]["start"])
    if not roots:
        return []
    node: int | None = max(roots, key=lambda i: (length[i], -attrs[i]["cue"]["start"]))
    path = []
    while node is not None:
        path.append(attrs[node])
        node = following[node]
    return path


def _unknown_markers(r: Result, areas: list[Span], attrs: list[dict[str, Any]]) -> list[Span]:
    """Agentless cues and "reportedly"-type hedges inside the given stretches of text."""
    index = SpanIndex(areas)
    marks = [
        a["cue"]
        for a in attrs
        if _kind(a) == "unknown" and index.overlapping(a["cue"]["start"], a["cue"]["end"])
    ]
    marks += [
        h for h in r.hedges if h.get("category") in UNKNOWN_HEDGES and index.overlapping(h["start"], h["end"])
    ]
    return sorted(marks, key=lambda m: m["start"])


_SUBJECT = re.compile(r"(?:^|\W)(we|they|i|you|it)\s+$", re.IGNORECASE)


def _with_subject(text: str, mark: Span) -> str:
    """ "were assured" reads better as "we were assured": add a pronoun standing just before the cue."""
    m = _SUBJECT.search(text[max(0, mark["start"] - 12) : mark["start"]])
    return f"{m.group(1)} {mark['text']}" if m else mark["text"]


def _quoted_list(items: list[str]) -> str:
    seen = list(dict.fromkeys(" ".join(i.split()) for i in items))
    return ", ".join(f"“{i}”" for i in seen)


def _link(
    label: str, kind: str, span: Span | None, explanation: str, cues: list[str] | None = None
) -> dict[str, Any]:
    return {"label": label, "kind": kind, "span": span, "explanation": explanation, "cues": cues or []}


def sourcing_chain(r: Result) -> dict[str, Any]:
    """The chain from the reader back to the first witness, and the number of hands (reader excluded)."""
    attrs = _body_attributions(r)
    sourced = [a for a in attrs if _kind(a) != "unknown"]
    path = _longest_path(sourced)
    links = [
        _link(
            "you, the reader",
            "reader",
            None,
            "You are where the claim ends up, through this page (you are not counted as a hand).",
        ),
        _link(
            ARTICLE_LABEL,
            "article",
            None,
            "The article passed the claim on to you; the text does not name the outlet, so check the web "
            "address or the top of the page to see who published it.",
        ),
    ]
    seen_keys: set[str] = set()
    areas: list[Span] = []
    for i, a in enumerate(path):
        key = _key(a)
        if key in seen_keys:
            continue
        seen_keys.add(key)
        group = [a]
        innermost = i == len(path) - 1
        kind = _kind(a)
        if innermost and kind in ("person", "group") and _unnamed(a) and a.get("content"):
            group += _same_claim(a, attrs, path, seen_keys)
        if innermost:  # every report by the innermost source(s): where an unknown earlier hand shows
            group_keys = {_key(g) for g in group}
            areas = [m["content"] for m in attrs if m.get("content") and _key(m) in group_keys]
        labels = [" ".join(_source(g)["text"].split()) for g in group]
        cues = [" ".join(m["cue"]["text"].split()) for m in group]
        what = LINK_KINDS[kind] if len(group) == 1 else "people or groups"
        links.append(
            _link(
                " / ".join(dict.fromkeys(labels)),
                kind if len(group) == 1 else ("group" if kind == "group" else kind),
                _source(a),
                f"{_quoted_list(labels)} — {what} — passed the claim on ({_quoted_list(cues)}); ask how they "
                "know it and who told them.",
                cues,
            )
        )
    if not path:
        body_start = headline(r)["end"] if headline(r) else 0
        areas = [{"start": body_start, "end": len(r.text)}]
    marks = _unknown_markers(r, areas, attrs)
    if marks:
        words = [_with_subject(r.text, m) for m in marks]
        links.append(
            _link(
                "unknown (nobody named)",
                "unknown",
                {"start": marks[0]["start"], "end": marks[0]["end"], "text": marks[0]["text"]},
                f"Words like {_quoted_list(words)} mean this came from someone the text never names, so no "
                "one can check them.",
                words,
            )
        )
    return _finish(links)


def hands(links: list[dict[str, Any]]) -> int:
    """The one definition of hands: links that passed the claim on, neither the reader nor unknown."""
    return sum(1 for link in links if link["kind"] not in ("reader", "unknown"))


def _finish(links: list[dict[str, Any]], traced: bool = False) -> dict[str, Any]:
    n = hands(links)
    return {"hands": n, "links": links, "explanation": _explain(n, links), "traced": traced}


def with_upstream(chain: dict[str, Any], pack: dict[str, Any]) -> dict[str, Any]:
    """The chain with the earlier versions a source pack documents put in place of the outlet links.

    ``pack["versions"]`` lists the versions oldest first (the last is the article itself), each with
    "outlet", "kind" ("article" for this one) and "passed_on" (what it did with the claim);
    ``pack["informants"]`` and ``pack["unknown"]`` give the label and explanation of the people at the
    start of the chain. What the text itself shows (the cues of the informants, the words that point at
    someone unnamed) is kept on those links.
    """
    text_links = chain["links"]
    people = [link for link in text_links if link["kind"] in ("person", "group")]
    unknown = [link for link in text_links if link["kind"] == "unknown"]
    links = [text_links[0]]
    for version in reversed(pack["versions"]):
        kind = "article" if version.get("kind") == "article" else "outlet"
        links.append(
            _link(
                version["outlet"],
                kind,
                None,
                version["passed_on"][:1].upper() + version["passed_on"][1:] + ".",
            )
        )
    informants = pack["informants"]
    cues = [c for link in people for c in link["cues"]]
    said = f" In this article they appear as {_quoted_list([p['label'] for p in people])}." if people else ""
    links.append(
        _link(informants["label"], "group", people[0]["span"] if people else None,
              informants["explanation"] + said, cues)
    )  # fmt: skip
    first = pack["unknown"]
    words = [w for link in unknown for w in link["cues"]]
    also = f" In this article: {_quoted_list(words)}." if words else ""
    links.append(
        _link(
            first["label"],
            "unknown",
            unknown[0]["span"] if unknown else None,
            first["explanation"] + also,
            words,
        )
    )
    return _finish(links, traced=True)


def _same_claim(
    a: dict[str, Any], attrs: list[dict[str, Any]], path: list[dict[str, Any]], seen_keys: set[str]
) -> list[dict[str, Any]]:
    """Other top-level reports by unnamed people or groups whose content shares enough words with a's."""
    claim = content_stems(a["content"]["text"])
    nested = {id(attrs[j]) for kids in _nesting(attrs).values() for j in kids}
    on_path = {id(p) for p in path}
    out = []
    for b in attrs:
        if b is a or id(b) in nested or id(b) in on_path or not b.get("content") or not _unnamed(b):
            continue
        if _kind(b) not in ("person", "group"):
            continue
        if _key(b) in seen_keys or any(_key(b) == _key(o) for o in out):
            continue
        other = content_stems(b["content"]["text"])
        shared = len(claim & other)
        if shared >= MIN_SHARED_WORDS and shared >= MIN_SHARED_SHARE * min(len(claim), len(other)):
            out.append(b)
            seen_keys.add(_key(b))
    return out


def _explain(n: int, links: list[dict[str, Any]]) -> str:
    ends_unknown = links[-1]["kind"] == "unknown"
    if n <= 1 and not ends_unknown:
        return (
            "The article does not say where its information comes from, so the writer is the only hand you "
            "can see: ask whether they saw it themselves."
        )
    counted = "1 hand" if n == 1 else f"{n} hands"
    tail = (
        " Before them is someone the text never names, so nobody can check who first saw it: that link is "
        "shown but not counted."
        if ends_unknown
        else " The last of them is the earliest source you can check."
    )
    return (
        f"You can see {counted} between you and the event: each hand is a chance for details to be lost or "
        f"changed.{tail}"
    )
