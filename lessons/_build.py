"""Build the lesson notebooks from this file: the readable source of truth for lessons/*.ipynb.

Run `.venv/bin/python lessons/_build.py` after editing a lesson here; it rewrites every notebook with
outputs cleared, stable cell ids and a python3 kernelspec, and the printable lessons/ANSWER_KEY.md.
Questions and checklists live in lessons/questions.json, the passages in lessons/passages/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SETUP = "import mlkit\nimport mlkit.lessons\nimport mlkit.widgets"


def md(text: str) -> tuple[str, str]:
    return ("markdown", text.strip())


def code(line: str) -> tuple[str, str]:
    return ("code", line.strip())


def ask(question_id: str) -> tuple[str, str]:
    """A question widget whose prompt, choices, hint and explanation live in lessons/questions.json."""
    return code(f'mlkit.widgets.question(**mlkit.lessons.question_args("{question_id}"))')


def checklist(checklist_id: str) -> tuple[str, str]:
    return code(f'mlkit.widgets.checklist("{checklist_id}", mlkit.lessons.checklist_items("{checklist_id}"))')


SETUP_NOTE = md(
    """
**First, run the setup cell below** (click it, then press Shift + Enter). It loads the kit. You never
need to type code in these lessons: every grey box is already written for you.
"""
)

LESSONS: dict[str, list[tuple[str, str]]] = {}

LESSONS["00_start_here"] = [
    md(
        """
# Lesson 0: Start here

**Goal:** learn how these notebooks work, and write down your first impression of a news headline.

Over the next lessons you will read one real news article from 2013, very closely. You will learn to spot
the small words that tell you how sure a writer is, to ask *who says so?*, and to check a story outside
the article. At the end you will come back to the first impression you record today.
"""
    ),
    md(
        """
## How to use a notebook

- A notebook is made of **cells**. Text cells (like this one) are for reading.
- Grey cells hold one short line that starts a tool. To run one, click it and press **Shift + Enter**.
- While a cell runs you see `[*]` beside it; when it is done you see a number.
- If something looks broken, use the menu **Run → Run All Cells**. That runs every cell in order.
- The tools (we call them *widgets*) show buttons, boxes and highlights. Each one also prints a plain
  text version, so you can use it with a screen reader or without colour.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    md(
        """
## Practice: answer a question

Questions look like the one below. Choose an answer and press the check button. If you are wrong, you get
a hint first; try again, and then you will see the explanation.
"""
    ),
    ask("00_practice"),
    md(
        """
## Read only the headline

Here is the headline of the article. **Do not look up the story yet, and do not scroll ahead.** Just read
the headline.
"""
    ),
    code("mlkit.lessons.show_headline()"),
    md(
        """
## How sure are you?

Based only on the headline: how sure are you that the man it is about is dead? There is no right or wrong
answer. The kit keeps your answer, and in the last lesson you will see it again.
"""
    ),
    code(
        'mlkit.widgets.confidence_poll(mlkit.lessons.HEADLINE_POLL_ID, "How sure are you that he is dead?")'
    ),
    ask("00_first_impression"),
    md(
        """
## Your work is saved

Your answers are kept in a file in the `student_work` folder. The tool below lets you save, load and
download them. Your teacher will tell you whether to download the file at the end of each lesson.
"""
    ),
    code("mlkit.widgets.my_work()"),
    md(
        """
## What you learned

- Cells run with Shift + Enter, and **Run → Run All Cells** runs the whole lesson.
- Every widget has a plain text version.
- You recorded how sure the headline made you. Keep it in mind: a headline is the part of a story most
  people read, and often the only part.

Next: **Lesson 1, The article and the page.**
"""
    ),
]

LESSONS["01_article_and_page"] = [
    md(
        """
# Lesson 1: The article and the page

**Goal:** tell the article apart from the web page around it, and compare the headline with the body.

When you copy a story from a website you get more than the story: captions, credits, buttons and the
author's name. Before we judge what an article says, we need to know which lines *are* the article.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    md(
        """
## Read the page

Below is the text exactly as the kit received it, copied from the website of Arutz Sheva (Israel National
News), July 2013, by Ari Soffer. Each line has a number so you can point at it. Read it all once.
"""
    ),
    code("mlkit.lessons.show_page()"),
    md(
        """
## Which lines are not the article?

Some lines are *page furniture*: the author's byline, a "Contact Editor" button, a photo caption, a photo
credit. They were on the page, but they are not part of the report.
"""
    ),
    ask("01_furniture"),
    md(
        """
## What the kit found

The kit looks for the same things you just looked for. Here is its list, with its reason for each line.
Do you agree with it?
"""
    ),
    code("mlkit.lessons.page_furniture_table()"),
    md(
        """
## The headline and the body

The headline is the first line of the article. Under it comes a *subheadline* (also called a
standfirst), a short line that sums up the story: "Imad Ahmad reportedly killed in botched raid ...". The
*body* is everything after that.

A headline has to be short, so it often leaves out the careful words. The question is whether it says
more than the body can support.
"""
    ),
    ask("01_report_word"),
    md(
        """
## Explore: how sure is each sentence?

The widget below gives the headline and each sentence of the body a *certainty* score: 100% means a flat
statement of fact; hedges (like "reportedly") and sources (like "according to") lower it. Compare the
headline with the body sentences that are about the killing. The score is a rough guide made by counting
words, so a sentence about something else can score high too: read the sentences as well as the numbers.
"""
    ),
    code("mlkit.widgets.headline_vs_body()"),
    md("If the widget does not show, the same scores as plain text:"),
    code("mlkit.lessons.headline_summary()"),
    ask("01_headline_vs_body"),
    md(
        """
## What you learned

- A copied web page holds more than the article: bylines, buttons, captions and credits are *page
  furniture*.
- The headline is what most people read. It should never be surer than the body.
- In this article, apart from the small word "Report:", the headline states the killing as fact
  ("Leader Killed"). The subheadline says "reportedly", and the body only reports what activists claimed.

Next: **Lesson 2, Hedges.**
"""
    ),
]

LESSONS["02_hedges"] = [
    md(
        """
# Lesson 2: Hedges

**Goal:** find the words that tell you how sure a writer is, and learn why careful reporters use them.

A **hedge** is a word or phrase that makes a claim less certain. Compare:

- *Ahmad was killed.*
- *Ahmad was **reportedly** killed.*

The second sentence tells you the writer has not confirmed it: someone else reported it.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    md(
        """
## Why hedges are often a good sign

Reporters often cannot see events for themselves. Good reporters say so. A hedge is honest when it sits
exactly on the part of the story that is not yet known. So a hedge is not a sign that a story is false.
The question is: does the *whole* story (and its headline) stay as careful as its hedges?
"""
    ),
    md(
        """
## Kinds of hedges

- **Second-hand** (*reportedly*, *allegedly*, *apparently*): someone else says so, and we are not told who.
- **Possible** (*may*, *might*, *could*): it could be true; it is not established.
- **Inferred** (*appears*, *seems*, *suggests*): the writer works it out rather than knows it.
- **Likelihood** (*probably*, *likely*, *possibly*, *perhaps*).
- **Rough amounts** (*about 30*, *more than 30*, *a number of*, *hundreds of*).
- **Nobody stands behind it** (*it is believed*, *has been implicated*, *is said to*).
- **Not checked** (*could not be independently verified*).
- **Only if** (*if confirmed*, *if true*).

**Boosters** are the opposite: words like *clearly*, *completely* or *it became clear* that make a claim
sound more certain than the evidence shows.
"""
    ),
    ask("02_spot_one"),
    md(
        """
## Your turn: spot the hedges

Now the whole article. Click the words you think are hedges, then press Check. You will see which ones
you found, which you missed, and which were not hedges, each with a reason.
"""
    ),
    code("mlkit.widgets.spot_the_hedges()"),
    md(
        """
## Explore: the highlighter

Now compare with the kit. The highlighter marks every hedge, booster and source in the article. Each
mark has a label and an underline, not only a colour. **Click a mark** to see why the kit marked it. Use
the checkboxes to show or hide each kind.
"""
    ),
    code("mlkit.widgets.highlighter()"),
    md("How many marks is that? The kit counts them here (the number comes from the kit, not from us):"),
    code("mlkit.lessons.count_summary()"),
    md("And here is which kind each hedge in the article is:"),
    code("mlkit.lessons.hedges_by_category()"),
    md("If the highlighter does not show, the same hedges as plain text, with the reasons:"),
    code("mlkit.lessons.hedge_table()"),
    ask("02_why_hedge"),
    md(
        """
## The traps

A list of words is not enough. Some words *look* like hedges but are not:

- **May** the month ("on May 5") or a name ("Theresa May") is not the hedge *may*.
- **about** before a number ("about 30") is a hedge; "a book about the war" is not.
- **could not say** is about what someone was able to say, not about how likely something is.

The kit runs on a few short sentences below. Read what it marks, and what it leaves alone.
"""
    ),
    code("mlkit.lessons.trap_demo()"),
    md(
        """
The kit follows rules; you understand the sentence. If it marks a word that you think is not a hedge,
you may be right. Say why.
"""
    ),
    ask("02_trap_may"),
    ask("02_trap_about"),
    ask("02_trap_could"),
    md(
        """
## What you learned

- A **hedge** makes a claim less certain (reportedly, apparently, may, about 30, a number of).
- A **booster** makes it sound more certain (clearly, it became clear).
- Hedges are often a sign of careful, honest reporting.
- The same word can be a hedge in one place and not in another: read the words around it.

Next: **Lesson 3, Who says so?**
"""
    ),
]

LESSONS["03_who_says_so"] = [
    md(
        """
# Lesson 3: Who says so?

**Goal:** find who is the source of each claim, tell named from anonymous sources, and notice how a
reporting verb colours a claim.

An **attribution** tells you who said something. It has three parts:

- the **source**: who says it (*an opposition activist*);
- the **cue**: the words that show it is a report (*claimed*, *said*, *according to*);
- the **content**: what is said.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    md(
        """
## Named and anonymous sources

A **named** source can be looked up and held responsible: a person, an organisation, a newspaper. An
**unnamed** source is described but not named (*an opposition activist*, *the same source*).

News agencies such as AP and Reuters call anonymous sources the weakest kind. Their handbooks say to use
them only for important facts that cannot be had any other way, and to tell readers why the source is not
named.
"""
    ),
    md(
        """
## Explore: who is the source?

Each row below is one reporting word from the article (*claimed*, *reported*, *according to*,
*denied* ...). For each
one, pick who is saying it, and say whether that source is named. Then press Check.
"""
    ),
    code("mlkit.widgets.who_is_the_source()"),
    md("What the kit counts in the whole article:"),
    code("mlkit.lessons.source_summary()"),
    ask("03_named"),
    md(
        """
## Explore: the source explorer

The source explorer lists every attribution in a table: who says it, the reporting word, whether the
source is named, and what kind of verb it is. The chart counts named and unnamed sources.
"""
    ),
    code("mlkit.widgets.source_explorer()"),
    md("If a widget does not show, the same list as plain text:"),
    code("mlkit.lessons.attribution_table()"),
    md(
        """
## Pronouns point back

Sometimes the source is just *he*, *she* or *they*. To know who that is, you go back to an earlier
sentence. The kit does the same and shows you who it thinks the pronoun stands for.
"""
    ),
    ask("03_pronoun"),
    md(
        """
## "Said" or "claimed"?

Style guides for reporters agree: **said** is neutral. Other verbs add the writer's opinion:

- **claimed**, **alleged**, **insisted**: the writer keeps a distance; you are nudged to doubt.
- **revealed**, **pointed out**, **confirmed**: the writer suggests the speaker is right.
- **admitted**: suggests the speaker did something wrong.
"""
    ),
    ask("03_said_claimed"),
    md(
        """
## Try it: rewrite the sentence

Here is a sentence from the article that uses "claimed". Change the verb to "said" and see what the kit
shows now. Then answer the question below.
"""
    ),
    code('mlkit.widgets.rewrite_lab(mlkit.lessons.sentence_with("claimed"))'),
    ask("03_rewrite"),
    md(
        """
## What you learned

- Every attribution has a source, a cue and content.
- Named sources can be checked; anonymous ones cannot, and a careful article says why they are anonymous.
- *Said* is neutral; *claimed* casts doubt; *revealed* takes the speaker's side.
- *He* or *she* points back to an earlier source: always ask who that is.

Next: **Lesson 4, Through how many hands?**
"""
    ),
]

LESSONS["04_how_many_hands"] = [
    md(
        """
# Lesson 4: Through how many hands?

**Goal:** follow a claim from you, the reader, back to the person who saw what happened, and see how a
story can change each time it is retold.

Think of the game "telephone": a message whispered from person to person changes on the way. News can
work the same way. Each outlet that retells a story is another pair of hands.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    md(
        """
## The chain in this article

Read this sentence from the article slowly:

> Syrian activists have reported that the leader of ... ISIS has reportedly been killed ..., according to
> Asharq Al-Awsat.

You read Arutz Sheva, which read Asharq Al-Awsat (an Arabic-language newspaper), which heard from
activists, who heard ... from whom? The widget draws the chain.
"""
    ),
    code("mlkit.widgets.sourcing_chain()"),
    md("If the widget does not show, the same chain as plain text:"),
    code("mlkit.lessons.hands_summary()"),
    md(
        """
## Further up the chain

The chain does not stop at this article. Stored copies of the earlier reports show what happened before
the story reached Arutz Sheva:

1. **Asharq Al-Awsat, in Arabic.** Its headline states the killing as fact. He is the group's "general
   military commander". The source is an unnamed "well-informed opposition source". A separate activist,
   from Salamiyah, only "did not rule out" that he died.
2. **Asharq Al-Awsat, in English.** He is "commander-in-chief of the ISIS". The activist is quoted as
   saying that *if the source is correct*, Ahmad was *probably* killed.
3. **Arutz Sheva (the article you read).** He is "the leader of ISIS" and a "Syrian Al Qaeda Leader".
   What was an interview becomes "In a statement, an opposition activist claimed" that he was killed.

Notice what changed and what did not:

- The title grows at each step: *military commander* → *commander-in-chief* → *leader*.
- The two informants of the Arabic report appear to have merged into one "opposition activist", and the
  activist's "if" and "probably" disappear.
- An interview is called "a statement", which makes it sound more formal than it was.
- But not every change made the story surer. The Arabic original stated the killing as fact in its
  headline; Arutz Sheva's "Report:" headline is, if anything, *more* hedged than that.

So the lesson is not "the last outlet made it all up". Each hand changed something, some for the worse and
some for the better, and only by going back up the chain can you see which.
"""
    ),
    ask("04_title_growth"),
    ask("04_informants"),
    ask("04_first_witness"),
    md(
        """
## What you learned

- A claim can pass through many hands before it reaches you; each hand can change it.
- Here, the man's title grew from *military commander* to *commander-in-chief* to *leader*, two
  informants seem to have become one, and the activist's "if" and "probably" fell away, while the first
  report's flat headline gained a cautious "Report:".
- Always ask: who was the first witness, and is that person named?

Next: **Lesson 5, What is missing.**
"""
    ),
]

LESSONS["05_what_is_missing"] = [
    md(
        """
# Lesson 5: What is missing

**Goal:** notice claims with no source, loaded words and a misleading label, and then leave the article
to check it, the way professional fact-checkers do.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    md(
        """
## Claims with no source

Some sentences state facts with no source, and nothing in them says how sure the writer is that they
are true (a hedge on a number, like "a number of", does not count). They may be true, but the article does
not tell you how the writer knows. The kit lists them below.
"""
    ),
    code("mlkit.lessons.unsourced_table()"),
    md(
        """
## Loaded words

Some words tell you how to feel: *slaughter*, *atrocities*, *bloody*. A careful writer uses a neutral word
and lets the facts speak.
"""
    ),
    code("mlkit.lessons.loaded_words_table()"),
    ask("05_loaded"),
    md(
        """
## Quotation marks

Quotation marks promise the exact words of a speaker. The kit checks whether each quotation opens and
closes with matching marks, whether the writer added words of their own inside it in [brackets], and
whether quotation marks around a phrase nobody said are used to keep a distance from it ("scare
quotes"). Quotation marks can also simply mark a name or someone else's term, so a mark here is a
question to ask, not a verdict.
"""
    ),
    code("mlkit.lessons.quotation_table()"),
    md(
        """
## "Al Qaeda leader" or ISIS?

The headline says *Syrian Al Qaeda Leader*. The body talks about ISIS, a group formed from a merger with
Al Qaeda in Iraq. Is that the same thing?
"""
    ),
    ask("05_al_qaeda"),
    md(
        """
## Leave the article: read laterally

Fact-checkers do not read one page from top to bottom to decide whether to trust it. They open **new
tabs** and see what other sources say. This is called *lateral reading*.

Two tools help:

**SIFT** (by Mike Caulfield):
1. **Stop.** Notice how the story makes you feel before you believe or share it.
2. **Investigate the source.** Who is Arutz Sheva? Who is Asharq Al-Awsat?
3. **Find better coverage.** Did other outlets report this death?
4. **Trace** claims and quotes back to the original.

**Three questions** from Civic Online Reasoning (Stanford History Education Group, now the Digital
Inquiry Group): *Who is behind the information? What is the evidence? What do other sources say?*

In their 2018–19 assessment of 3,446 high-school students, most could not tell news from advertising.
In other studies, short lessons in lateral reading measurably helped.
"""
    ),
    md(
        """
## Your mission (15 minutes, in a new browser tab)

Look for two things:

1. **Who led the group (ISIS) in 2013?** Was it Imad Ahmad?
2. **Was the report of his death ever confirmed or denied** by a later report?

Watch out for a name trap: in August 2013 another outlet reported that a commander called "Imad
al-Ahmad al-Hamd", from a different group, was killed somewhere else. That is not the same story.

Tick each step as you do it.
"""
    ),
    checklist("05_sift"),
    ask("05_leader_2013"),
    ask("05_confirmed"),
    md(
        """
## What you learned

- Look for what is *not* there: a source for each important fact, a neutral word, a correct label.
- Read laterally: leave the page and check what other sources say.
- **Unconfirmed is not the same as false.** The honest answer here is "we don't know", and that is what
  the headline should have said.

Next: **Lesson 6, Careful reporting looks like this too.**
"""
    ),
]

LESSONS["06_careful_reporting"] = [
    md(
        """
# Lesson 6: Careful reporting looks like this too

**Goal:** see what a well-sourced report looks like, so that you learn to judge, not to distrust
everything.

Research on fake-news training found a risk: some students learned to doubt *all* news, true stories
too. That is not the aim. Hedges and sources are often signs of good work.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    md(
        """
## Read a careful report

The passage below was **written for this kit** as an example. The town, the company and the people are
invented. Read it once.
"""
    ),
    code("mlkit.lessons.show_careful_passage()"),
    md(
        """
## Explore it with the highlighter

Look at *where* the hedges are and *who* the sources are.
"""
    ),
    code("mlkit.widgets.highlighter(mlkit.lessons.careful_passage())"),
    code("mlkit.lessons.count_summary(mlkit.lessons.careful_passage())"),
    code("mlkit.lessons.attribution_table(mlkit.lessons.careful_passage())"),
    ask("06_hedges_good"),
    ask("06_anonymous"),
    md(
        """
## Judge the sources: IMVAIN

The Center for News Literacy at Stony Brook University suggests five questions about a source, called
**IMVAIN**. Tick each one that is true of the sources in the careful passage.
"""
    ),
    checklist("06_imvain"),
    md(
        """
## Side by side

Compare the two texts: **Text A** is the 2013 article, **Text B** is the careful passage. The widget
measures both the same way: hedges per 100 words, sources by type, and kinds of reporting verb.
"""
    ),
    code("mlkit.widgets.compare(mlkit.seed_article(), mlkit.lessons.careful_passage())"),
    ask("06_compare"),
    md(
        """
## What you learned

- Careful reporting has hedges too: they sit exactly where the facts are not yet known.
- Good sources are named, or the article says why they are not.
- Neutral verbs (*said*, *told*) let you judge for yourself.
- The aim is judgement, not distrust of everything.

Next: **Lesson 7, Your own article.**
"""
    ),
]

LESSONS["07_your_own_article"] = [
    md(
        """
# Lesson 7: Your own article

**Goal:** use everything you learned on a news article you choose.

Choose a news story from any website. Copy its text and paste it into the box below, or save the page
(File → Save page as, "HTML only") and upload the file. The kit shows the full analysis and lets you
download a report.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    code("mlkit.widgets.your_article()"),
    md(
        """
## Check your article

Use the analysis above, and a new browser tab for the last step. Tick what you did.
"""
    ),
    checklist("07_checklist"),
    ask("07_check_first"),
    md(
        """
## What you learned

- The same questions work on any article: where are the hedges, who are the sources, is the headline
  supported, what is missing?
- The kit is a helper, not a judge. It can miss things and it can be wrong. You decide.

Next: **Lesson 8, Reflection.**
"""
    ),
]

LESSONS["08_reflection"] = [
    md(
        """
# Lesson 8: Reflection

**Goal:** compare what you thought after reading only the headline with what you think now.

In Lesson 0 you read only the headline, *Report: Syrian Al Qaeda Leader Killed*, and said how sure you
were that the man was dead.
"""
    ),
    SETUP_NOTE,
    code(SETUP),
    md(
        """
## Then and now

The widget shows your answer from Lesson 0 and asks the same question again.
"""
    ),
    code("mlkit.widgets.reflection()"),
    ask("08_changed"),
    ask("08_habit"),
    md(
        """
## Keep your work

Download your answers to keep them, or to hand them in.
"""
    ),
    code("mlkit.widgets.my_work()"),
    md(
        """
## What you learned in this course

- Read past the headline: it is the part most people remember, and it can say more than the body.
- Hedges and boosters show how sure a writer is; careful reporters hedge where facts are not known.
- Ask **who says so?**: named or anonymous, *said* or *claimed*, first witness or fifth hand.
- Notice what is missing, and read laterally before you believe or share.
- Unconfirmed is not the same as false, and careful is not the same as weak.
"""
    ),
]


def build_notebook(cells: list[tuple[str, str]], stem: str) -> nbformat.NotebookNode:
    """One notebook with stable cell ids (so rebuilding does not churn git) and no outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    # Marks a kit lesson, so the kit's Jupyter server settings can treat lessons apart from a teacher's
    # own notebooks (mlkit.labsetup strips a lesson's outputs when it is saved).
    nb.metadata["mlkit"] = {"lesson": stem}
    for i, (kind, source) in enumerate(cells):
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        cell = make(source)
        cell["id"] = f"{stem.replace('_', '-')}-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def answer_key() -> str:
    """A printable answer key in lesson order, generated from questions.json so it cannot drift."""
    data = json.loads((HERE / "questions.json").read_text(encoding="utf-8"))
    out = [
        "# Answer key",
        "",
        "Generated by `lessons/_build.py` from `lessons/questions.json`; do not edit by hand. Each question",
        "is listed with its id (the key in students' saved answers), in the order the lessons ask it.",
    ]
    for stem, cells in LESSONS.items():
        out += ["", f"## {stem}.ipynb"]
        for _, source in cells:
            for kind, item_id in re.findall(r'(question_args|checklist_items)\("([^"]+)"\)', source):
                if kind == "checklist_items":
                    out += [
                        "",
                        f"**Checklist `{item_id}`** (no right answer; students tick what they did):",
                        "",
                    ]
                    out += [f"- {item}" for item in data["checklists"][item_id]]
                    continue
                q = data["questions"][item_id]
                out += ["", f"**`{item_id}`**: {q['prompt']}", ""]
                for choice in q["choices"] or []:
                    out.append(f"- {'**' + choice + '** (answer)' if choice == q['answer'] else choice}")
                if not q["choices"]:
                    out.append("- Free text: no single right answer.")
                out += ["", f"Hint: {q['hint']}", "", f"Explanation: {q['explanation']}"]
    return "\n".join(out) + "\n"


def main() -> None:
    for stem, cells in LESSONS.items():
        nbformat.write(build_notebook(cells, stem), HERE / f"{stem}.ipynb")
        print(f"wrote lessons/{stem}.ipynb ({len(cells)} cells)")
    (HERE / "ANSWER_KEY.md").write_text(answer_key(), encoding="utf-8")
    print("wrote lessons/ANSWER_KEY.md")


if __name__ == "__main__":
    main()
