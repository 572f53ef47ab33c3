"""Where the answer keys are and how to read them: the kit's own keys in tests/gold/, and PolNeAR (real
political news, brat standoff) in ../shared when it is there (skipped with a clear message when not).
Nothing is copied from ../shared into the project; a key points at its texts and checks their hashes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from mlkit.scoring import KINDS, Fragments

# ---------------------------------------------------------------- where things are


def repo_root() -> Path:
    """The directory holding pyproject.toml above this package (the repository checkout)."""
    here = Path(__file__).resolve().parent
    for d in (here, *here.parents):
        if (d / "pyproject.toml").is_file():
            return d
    return here.parent


def shared_dir(cli: str | None = None) -> Path:
    """--shared, else $MLKIT_SHARED, else ../shared next to the repository."""
    if cli:
        return Path(cli)
    if os.environ.get("MLKIT_SHARED"):
        return Path(os.environ["MLKIT_SHARED"])
    return repo_root().parent / "shared"


def gold_dir() -> Path:
    """The answer keys live with the tests, not in the installed package."""
    return repo_root() / "tests" / "gold"


# ---------------------------------------------------------------- loading gold


def load_seed(gold: Path) -> list[dict[str, Any]]:
    """The seed key as a one-document list with its text."""
    key = json.loads((gold / "seed.json").read_text(encoding="utf-8"))
    text = (repo_root() / key["text_file"]).read_text(encoding="utf-8")
    return [{"id": key["text_file"], "text": text, **{k: key[k] for k in KINDS}}]


def load_dev(gold: Path) -> list[dict[str, Any]]:
    """The dev passages (one JSON object per line)."""
    lines = (gold / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_wikinews(gold: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The practice articles' keys with their texts (mlkit/data/articles); a changed text is skipped."""
    docs, problems = [], []
    for line in (gold / "wikinews.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        raw = (repo_root() / row["text_file"]).read_bytes()
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            problems.append(f"{row['text_file']}: sha256 differs from the key, skipped")
            continue
        docs.append({"id": row["id"], "text": raw.decode("utf-8"), **{k: row[k] for k in KINDS}})
    return docs, problems


def load_polnear_hedges(
    gold: Path, shared: Path, name: str = "polnear_hedges"
) -> tuple[list[dict[str, Any]], list[str]]:
    """Hand-annotated hedges in PolNeAR train files; files that changed (sha256) are skipped."""
    docs, problems = [], []
    path = gold / f"{name}.jsonl"
    if not path.is_file():
        return docs, [f"{path} missing"]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        f = shared / "data" / "polnear" / row["file"]
        if not f.is_file():
            problems.append(f"{row['file']}: missing")
            continue
        raw = f.read_bytes()
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            problems.append(f"{row['file']}: sha256 differs, skipped")
            continue
        docs.append(
            {
                "id": row["file"],
                "text": raw.decode("utf-8"),
                "hedges": row["hedges"],
                "boosters": row["boosters"],
            }
        )
    return docs, problems


_ANN_SUFFIX = re.compile(r"_[0-9a-f]{4}\.ann$")


def parse_brat(ann: str) -> list[dict[str, Any]]:
    """PolNeAR attributions from brat standoff: E-lines tie Source/Cue/Content T-lines together."""
    spans: dict[str, Fragments] = {}
    out = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            _type, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [(int(s), int(e)) for s, e in (frag.split() for frag in offsets.split(";"))]
        elif parts[0].startswith("E"):
            roles: dict[str, Fragments] = {}
            for arg in parts[1].split()[1:]:
                role, _, tid = arg.partition(":")
                role = re.sub(r"\d+$", "", role)
                roles.setdefault(role, []).extend(spans.get(tid, []))
            if roles.get("Cue"):
                out.append(
                    {"cue": roles["Cue"], "source": roles.get("Source"), "content": roles.get("Content")}
                )
    return sorted(out, key=lambda a: a["cue"][0])


def load_polnear_dev(shared: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """One annotation per dev article (the first annotator by file name when there are several)."""
    base = shared / "data" / "polnear" / "dev"
    chosen: dict[str, Path] = {}
    copies: dict[str, int] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        name = _ANN_SUFFIX.sub(".txt", ann.name)
        chosen.setdefault(name, ann)
        copies[name] = copies.get(name, 0) + 1
    docs, notes = [], []
    for name, ann in sorted(chosen.items()):
        text_file = base / "text" / name
        if not text_file.is_file():
            notes.append(f"{name}: text missing, skipped")
            continue
        text = text_file.read_text(encoding="utf-8")
        docs.append(
            {"id": f"dev/text/{name}", "text": text, "attributions": parse_brat(ann.read_text("utf-8"))}
        )
    several = sum(1 for n in copies.values() if n > 1)
    if several:
        notes.append(
            f"{several} article(s) annotated by several annotators: the first annotation file is used"
        )
    return docs, notes
