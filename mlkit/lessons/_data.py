"""Where the lesson data lives and how it is read: questions, checklists, passages, the source pack,
the headline sets and the IMVAIN answers (instructor/data/ in the kit's folder).

The notebooks run in very different places (a checkout, ``make lab``, Binder with the kit installed as
a package, a JupyterHub after nbgitpuller, the tests' temporary copy of lessons/), so the data is looked
for in a fixed, documented order, with an environment variable that always wins.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

#: Set this to the folder that holds questions.json when the kit cannot find it by itself.
DATA_ENV = "MLKIT_LESSON_DATA"
#: Where the lesson data sits inside a checkout of the kit.
DATA_PARTS = ("instructor", "data")


def data_candidates() -> list[Path]:
    """Where the lesson data is looked for, in order (the first folder holding questions.json wins).

    1. ``$MLKIT_LESSON_DATA``, when set (a hub that keeps the data elsewhere, a test).
    2. ``instructor/data`` beside the package: a checkout, ``make lab`` and any editable install.
    3. ``instructor/data`` in the working directory or one of its parents: Binder and nbgitpuller, where
       the kit is installed as a package and the kernel starts in ``<repo>/lessons``.
    """
    found = []
    if os.environ.get(DATA_ENV):
        found.append(Path(os.environ[DATA_ENV]).expanduser())
    found.append(Path(__file__).resolve().parents[2].joinpath(*DATA_PARTS))
    here = Path.cwd().resolve()
    found += [folder.joinpath(*DATA_PARTS) for folder in (here, *here.parents)]
    return list(dict.fromkeys(found))


def data_dir() -> Path:
    """The folder holding questions.json, the passages and the source pack (see ``data_candidates``)."""
    candidates = data_candidates()
    if os.environ.get(DATA_ENV) and not (candidates[0] / "questions.json").is_file():
        raise FileNotFoundError(
            f"{DATA_ENV} is set to {os.environ[DATA_ENV]!r}, but there is no questions.json in it."
        )
    for folder in candidates:
        if (folder / "questions.json").is_file():
            return folder
    raise FileNotFoundError(
        "The lessons cannot find their questions (instructor/data/questions.json). Open the lessons from "
        f"the kit's own folder, or set {DATA_ENV} to the folder that holds questions.json. Looked in: "
        + ", ".join(str(c) for c in candidates[:4])
    )


@lru_cache(maxsize=8)
def _json(name: str, folder: str) -> Any:
    return json.loads((Path(folder) / name).read_text(encoding="utf-8"))


def read_json(name: str) -> Any:
    """A data file, read once per kernel and folder (restart the kernel after editing it)."""
    return _json(name, str(data_dir()))


def question_args(question_id: str) -> dict[str, Any]:
    """Keyword arguments for ``mlkit.widgets.question``, read from instructor/data/questions.json."""
    questions = read_json("questions.json")["questions"]
    if question_id not in questions:
        raise KeyError(f"no question {question_id!r} in instructor/data/questions.json")
    return {"question_id": question_id, **questions[question_id]}


def checklist_items(checklist_id: str) -> list[str]:
    """The items of one checklist in instructor/data/questions.json (for ``mlkit.widgets.checklist``)."""
    checklists = read_json("questions.json")["checklists"]
    if checklist_id not in checklists:
        raise KeyError(f"no checklist {checklist_id!r} in instructor/data/questions.json")
    return list(checklists[checklist_id])


def search_task(step_id: str) -> dict[str, Any]:
    """One step of lesson 05's search (instructor/data/questions.json, "search_steps")."""
    steps = read_json("questions.json")["search_steps"]
    if step_id not in steps:
        raise KeyError(f"no search step {step_id!r} in instructor/data/questions.json")
    return {"step_id": step_id, **steps[step_id]}


def passage(name: str) -> str:
    """A passage from instructor/data/passages/ without its '#' label lines."""
    raw = (data_dir() / "passages" / name).read_text(encoding="utf-8")
    return "\n".join(line for line in raw.splitlines() if not line.startswith("#")).strip() + "\n"


def wire_version() -> str:
    """Lesson 06's careful version of the same 2013 story, written for the kit as a news agency would."""
    return passage("wire_version.txt")


def trap_sentences() -> list[str]:
    """Sentences where a word list would mark a hedge wrongly (instructor/data/passages/traps.txt)."""
    return [line.strip() for line in passage("traps.txt").splitlines() if line.strip()]


def source_pack() -> dict[str, Any]:
    """The earlier versions of the 2013 report (instructor/data/source_pack.json)."""
    return read_json("source_pack.json")


def headline_set(set_id: str) -> list[dict[str, Any]]:
    """One set of four headlines for the judgement task (instructor/data/headlines.json)."""
    sets = read_json("headlines.json")["sets"]
    if set_id not in sets:
        raise KeyError(f"no headline set {set_id!r} in instructor/data/headlines.json")
    return list(sets[set_id])


def headline_scale() -> list[str]:
    return list(read_json("headlines.json")["scale"])


def imvain_data(set_id: str) -> dict[str, Any]:
    """The IMVAIN questions, replies and the answers for one set of sources (instructor/data/imvain.json)."""
    data = read_json("imvain.json")
    if set_id not in data["sets"]:
        raise KeyError(f"no IMVAIN set {set_id!r} in instructor/data/imvain.json")
    return {"questions": data["questions"], "replies": data["replies"], "sources": data["sets"][set_id]}
