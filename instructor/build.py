"""Build the students' notebooks, the answer key and the printable worksheets from the lesson sources.

    .venv/bin/python instructor/build.py          # rewrite lessons/*.ipynb, ANSWER_KEY.md, PRACTICE_KEY.md,
                                                  # worksheets/
    .venv/bin/python instructor/build.py --check  # change nothing; exit 1 if anything is out of date

The sources are instructor/lessons/NN_name.md in MyST Markdown notebook form (the format jupytext calls
"myst": YAML front matter, Markdown, ```{code-cell} ipython3 blocks, and +++ between Markdown cells), so
a teacher edits prose in any editor, and a teacher who has jupytext can open them as notebooks. The kit
reads them with the few lines below rather than with jupytext itself: installed in the lab environment,
jupytext's server extension replaces JupyterLab's contents manager, and students must not run that.

Every notebook is written with outputs cleared, stable cell ids (lesson stem + cell number), the python3
kernelspec and the metadata "mlkit": {"lesson": "<stem>"} that the kit's server settings look for.
Questions and checklists stay data, in instructor/data/questions.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCES = HERE / "lessons"
NOTEBOOKS = ROOT / "lessons"
WORKSHEETS = HERE / "worksheets"
ANSWER_KEY = HERE / "ANSWER_KEY.md"
QUESTIONS = HERE / "data" / "questions.json"
#: The teacher's key to the practice articles, written from their hand-made answer key.
PRACTICE_KEY = HERE / "PRACTICE_KEY.md"
ARTICLE_KEYS = ROOT / "tests" / "gold" / "wikinews.jsonl"

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
CODE_FENCE = re.compile(r"^```\{code-cell\}(?:\s+\S+)?\s*$")
BREAK = "+++"


# --- reading a lesson source ---------------------------------------------------------------------


def parse(text: str, name: str = "lesson") -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """(front matter, [(kind, source)]) of a MyST Markdown notebook; ValueError names the line at fault."""
    lines = text.splitlines()
    meta: dict[str, Any] = {}
    pos = 0
    if lines and lines[0].strip() == "---":
        try:
            end = lines.index("---", 1)
        except ValueError as exc:
            raise ValueError(f"{name}: the front matter opened with --- is never closed") from exc
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        pos = end + 1
    cells: list[tuple[str, str]] = []
    buffer: list[str] = []

    def flush() -> None:
        source = "\n".join(buffer).strip()
        if source:
            cells.append(("markdown", source))
        buffer.clear()

    while pos < len(lines):
        line = lines[pos]
        if CODE_FENCE.match(line):
            flush()
            close = next((j for j in range(pos + 1, len(lines)) if lines[j].strip() == "```"), None)
            if close is None:
                raise ValueError(f"{name}, line {pos + 1}: a code cell is never closed with ```")
            cells.append(("code", "\n".join(lines[pos + 1 : close]).strip()))
            pos = close + 1
            continue
        if line.strip() == BREAK:
            flush()
        else:
            buffer.append(line)
        pos += 1
    flush()
    return meta, cells


def notebook(stem: str, cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """One student notebook: outputs cleared, ids stable across rebuilds, python3 kernel, lesson marker."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    # The kit's Jupyter server settings use this to tell a kit lesson from a teacher's own notebook.
    nb.metadata["mlkit"] = {"lesson": stem}
    for i, (kind, source) in enumerate(cells):
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        cell = make(source)
        cell["id"] = f"{stem.replace('_', '-')}-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def lessons() -> dict[str, list[tuple[str, str]]]:
    """Every lesson source, in order, as cells; the front matter must name the python3 kernel."""
    out = {}
    for path in sorted(SOURCES.glob("[0-9][0-9]_*.md")):
        meta, cells = parse(path.read_text(encoding="utf-8"), path.name)
        if (meta.get("kernelspec") or {}).get("name") != "python3":
            raise ValueError(f"{path.name}: the front matter must give kernelspec name python3")
        if (meta.get("mlkit") or {}).get("lesson") != path.stem:
            raise ValueError(f"{path.name}: the front matter must say mlkit: {{lesson: {path.stem}}}")
        out[path.stem] = cells
    return out


def notebook_json(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


# --- what a code cell shows (for the answer key and the worksheets) ---------------------------------

QUESTION = re.compile(r'question_args\("([^"]+)"\)')
CHECKLIST = re.compile(r'checklist_items\("([^"]+)"\)')
#: What a student sees for each kind of code cell, in words, for the printed worksheet.
ON_SCREEN = [
    ("show_headline", "the headline of the article"),
    ("show_page", "the article as the kit received it, line by line"),
    ("page_furniture_table", "the kit's list of page furniture, with a reason for each line"),
    ("headline_vs_body", "how sure the headline sounds against each sentence of the body"),
    ("headline_summary", "the same comparison as a table"),
    ("spot_the_hedges", "the article: select the hedges, then press Check"),
    ("highlighter", "the article with every hedge, booster and source marked and explained"),
    ("hedge_families", "the four families of hedges, with the article's examples of each"),
    ("hedge_table", "every hedge in the article, with its family and why it matters"),
    ("trap_demo", "what the kit marks in a few trap sentences"),
    ("who_is_the_source", "the article: for each reporting word, find who says it"),
    ("source_summary", "how many sources of each kind the kit finds"),
    ("source_explorer", "a chart: who stands behind each report, and how it is reported"),
    ("attribution_table", "every source in a table"),
    ("rewrite_lab", "a sentence you can rewrite, with what changes as you type"),
    ("sourcing_chain", "the chain of hands from you back to the first witness"),
    ("hands_summary", "the chain of hands as a numbered list"),
    ("source_pack_table", "the source pack: the key lines of each version side by side"),
    ("practice_articles", "practice articles to choose from"),
    ("unsourced_table", "sentences that state facts with no source"),
    ("loaded_words_table", "charged words, and whether a plainer word would be as accurate"),
    ("quotation_table", "what the kit notices about quotation marks"),
    ("search_step", "boxes for what you found: the page, who is behind it, what it says"),
    ("show_wire_version", "a careful version of the same story, written as a news agency would"),
    ("side_by_side", "the 2013 article and the careful version, measured the same way"),
    ("compare", "the two versions side by side"),
    ("imvain", "the IMVAIN questions for each source, with feedback"),
    ("headline_judgement", "four headlines with their first lines: rate how well each is supported"),
    ("your_article", "a box to paste your own article, and its analysis"),
    ("reflection", "your answer from lesson 0 next to a new one"),
    ("confidence_poll", "a scale from 1 (not at all sure) to 5 (completely sure)"),
    ("count_summary", "how many hedges, boosters and sources the kit finds"),
    ("my_work(compact=True)", "the My work line: how many answers are saved, Load, Download"),
    ("my_work", "the My work bar: how many answers are saved, Download, Load"),
    ("final_task", "the unseen article for the final task"),
]


def on_screen(source: str) -> str | None:
    for key, words in ON_SCREEN:
        if (key if key.endswith(")") else f"{key}(") in source:  # a full call is matched as written
            return words
    return None


# --- the answer key ------------------------------------------------------------------------------


def answer_key(all_lessons: dict[str, list[tuple[str, str]]], data: dict[str, Any]) -> str:
    """Every question and checklist in lesson order, generated from questions.json so it cannot drift."""
    out = [
        "# Answer key",
        "",
        "Generated by `instructor/build.py` from `instructor/data/questions.json`; do not edit by hand. Each",
        "question is listed with its id (the key in students' saved answers), in the order the lessons ask",
        "it. Free-text answers are marked with the rubric in the teacher pack.",
    ]
    for stem, cells in all_lessons.items():
        out += ["", f"## {stem}.ipynb"]
        for kind, source in cells:
            if kind != "code":
                continue
            for item_id in CHECKLIST.findall(source):
                out += ["", f"**Checklist `{item_id}`** (no right answer; students tick what they did):", ""]
                out += [f"- {item}" for item in data["checklists"][item_id]]
            for item_id in QUESTION.findall(source):
                q = data["questions"][item_id]
                out += ["", f"**`{item_id}`**: {q['prompt']}", ""]
                for choice in q["choices"] or []:
                    out.append(f"- {'**' + choice + '** (answer)' if choice == q['answer'] else choice}")
                if not q["choices"]:
                    out.append("- Free text: no single right answer (see the rubric in the teacher pack).")
                out += ["", f"Hint: {q['hint']}", "", f"Explanation: {q['explanation']}"]
    return "\n".join(out) + "\n"


# --- the key to the practice articles ------------------------------------------------------------


def practice_key_page() -> str | None:
    """Every practice article's key, the final-task article first; None without the answer keys."""
    if not ARTICLE_KEYS.is_file():
        return None
    import hashlib

    import mlkit.lessons.articles as articles

    keys = [json.loads(line) for line in ARTICLE_KEYS.read_text(encoding="utf-8").splitlines() if line]
    final = articles.final_task_slug()
    out = [
        "# Key to the practice articles",
        "",
        "Generated by `instructor/build.py` from the hand-made answer key (`tests/gold/src/wikinews.json`,",
        "built into `tests/gold/wikinews.jsonl` by `tests/gold/annotate.py`); do not edit by hand. Every",
        "figure is counted from that key with the kit's own definitions: named / not named / no one as every",
        "lesson view counts them (a pronoun counts as the source it stands for), and the four hedge families",
        "of lesson 02. This is the teacher's key, not the kit's output: the kit can miss marks or add wrong",
        "ones, and a student who disagrees with the kit and says why earns the marks.",
        "",
        "The final-task article (the unseen article of the teacher pack, set in",
        "`instructor/data/final_task.json`) comes first; lesson 07 lists the others as practice.",
    ]
    for key in sorted(keys, key=lambda k: (k["id"] != final, k["id"])):
        text = (ROOT / key["text_file"]).read_bytes()
        if hashlib.sha256(text).hexdigest() != key["sha256"]:
            raise ValueError(f"{key['text_file']} changed after it was annotated: update its key first")
        role = "Final task (the default unseen article)" if key["id"] == final else "Practice article"
        out += ["", f"## {role}", "", articles.practice_key(key["id"], key).rstrip()]
    return "\n".join(out) + "\n"


# --- printable worksheets ------------------------------------------------------------------------

#: Views printed in full on the worksheet: they show data files or the raw article, never the analyser's
#: output, so a change to the engine does not change a worksheet.
PRINTED = ("show_page", "show_headline", "source_pack_table", "show_wire_version")

BOX = "☐"
LINES = "\n".join(["", "_______________________________________________________________________________"] * 3)


def printed_view(source: str) -> str | None:
    """The text of a lesson view that shows only data or the article (see PRINTED), else None."""
    match = re.fullmatch(r"mlkit\.lessons\.(\w+)\(\)", source.strip())
    if not match or match.group(1) not in PRINTED:
        return None
    import mlkit.lessons  # the kit is installed wherever the lessons are built

    return str(getattr(mlkit.lessons, match.group(1))())


def paper_task(source: str) -> list[str]:
    """The paper form of a widget whose content is data: the headline sets, IMVAIN, the search steps."""
    import mlkit.lessons

    if m := re.search(r'headline_judgement\("(\w+)"', source):
        scale = "  ".join(f"{BOX} {s}" for s in mlkit.lessons.headline_scale())
        out = ["*Written for this kit: the places, people and events are invented.*", ""]
        for n, item in enumerate(mlkit.lessons.headline_set(m.group(1)), start=1):
            out += [f"**{n}. {item['headline']}**", "", item["lede"], "", scale, ""]
        return out
    if m := re.search(r'imvain\("(\w+)"\)', source):
        data = mlkit.lessons.imvain_data(m.group(1))
        out = ["| Source | " + " | ".join(f"{q[0]}: {q[1]}" for q in data["questions"]) + " |"]
        out.append("| --- " * (len(data["questions"]) + 1) + "|")
        cell = " / ".join(data["replies"])
        out += [
            f"| {s['source']} | " + " | ".join(cell for _ in data["questions"]) + " |"
            for s in data["sources"]
        ]
        return out + [""]
    if m := re.search(r'search_step\("(\w+)"\)', source):
        task = mlkit.lessons.search_task(m.group(1))
        out = [
            f"**{task['title']}** ({task['minutes']} minutes). {task['task']}",
            "",
            f"Search for: `{task['search']}`",
            "",
        ]
        return (
            out
            + [
                f"{label}: ______________________________________________"
                for label in ("The page", "Who is behind it?", "What does it say?")
            ]
            + [""]
        )
    return []


def worksheet(stem: str, cells: list[tuple[str, str]], data: dict[str, Any]) -> str:
    """A printable version of one lesson: its text, each question with room to answer, each tool named."""
    out = [
        f"<!-- Generated by instructor/build.py from instructor/lessons/{stem}.md; do not edit by hand. -->",
        "",
        "Name: ______________________  Date: ____________",
        "",
    ]
    for kind, source in cells:
        if kind == "markdown":
            out += [source, ""]
            continue
        for item_id in CHECKLIST.findall(source):
            out += [f"{BOX} {item}" + "  " for item in data["checklists"][item_id]] + [""]
        ids = QUESTION.findall(source)
        for item_id in ids:
            q = data["questions"][item_id]
            out += [f"**Question.** {q['prompt']}", ""]
            if q["choices"]:
                out += [f"{BOX} {choice}" + "  " for choice in q["choices"]] + [""]
            else:
                out += [LINES, ""]
        if not ids and not CHECKLIST.search(source):
            printed = printed_view(source)
            shown = on_screen(source)
            paper = paper_task(source)
            if paper:
                out += paper
            elif printed:
                out += ["```text", printed.rstrip(), "```", ""]
            elif shown:
                out += [f"*On screen: {shown}.*", ""]
    return "\n".join(out).rstrip() + "\n"


# --- writing or checking -------------------------------------------------------------------------


def outputs() -> dict[Path, str]:
    """Every generated file and its text."""
    all_lessons = lessons()
    data = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    files = {
        NOTEBOOKS / f"{stem}.ipynb": notebook_json(notebook(stem, cells))
        for stem, cells in all_lessons.items()
    }
    files[ANSWER_KEY] = answer_key(all_lessons, data)
    practice = practice_key_page()
    if practice is not None:
        files[PRACTICE_KEY] = practice
    for stem, cells in all_lessons.items():
        files[WORKSHEETS / f"{stem}.md"] = worksheet(stem, cells, data)
    return files


def stale(files: dict[Path, str]) -> list[Path]:
    """Generated files whose text on disk differs, and notebooks on disk with no source."""
    out = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    out += [p for p in WORKSHEETS.glob("*.md") if p not in files]
    return out


def orphans(files: dict[Path, str]) -> list[Path]:
    """Kit lessons in lessons/ (metadata mlkit.lesson) with no source: never deleted, only reported."""
    out = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        if path in files:
            continue
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        if "lesson" in (meta.get("mlkit") or {}):
            out.append(path)
    return out


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    args = parser.parse_args(argv)
    files = outputs()
    if args.check:
        behind = stale(files) + orphans(files)
        for path in behind:
            print(f"out of date: {_shown(path)}")
        return 1 if behind else 0
    WORKSHEETS.mkdir(exist_ok=True)
    for path, text in files.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {_shown(path)}")
    for path in stale(files):  # worksheets whose lesson source was removed
        path.unlink()
        print(f"removed {_shown(path)} (no source)")
    for path in orphans(files):
        print(f"warning: {_shown(path)} is a kit lesson with no source in instructor/lessons/")
    return 1 if orphans(files) else 0


if __name__ == "__main__":
    sys.exit(main())
