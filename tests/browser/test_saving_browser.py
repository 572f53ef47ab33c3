"""A student's work survives what a class does to it, in a real Chromium: answer, press Download (the file
holds the answer just given), restart the kernel and Run All (every kind of widget shows what was saved),
and lesson 07's pasted article comes back after a restart.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jlab import open_notebook, run_all_cells, save, shoot, wait_for_run, widget_problems
from playwright.sync_api import Locator, Page, expect
from test_article_view_browser import write_cells

pytestmark = pytest.mark.browser

KINDS = [
    "import mlkit.widgets as w",
    'w.question("bt_choice", "Which word hedges?", ["said", "reportedly"], "reportedly", "Look for -ly.")',
    'w.question("bt_text", "Why does it matter?", None, "Because.", "Think of sources.", "Because.")',
    'w.confidence_poll("bt_poll", "How sure are you?")',
    'w.checklist("bt_list", ["I found the source", "I read laterally"])',
    'w.spot_the_hedges("Rebels reportedly took about 30 towns.", question_id="bt_marks")',
    "w.my_work()",
]


def output(page: Page, cell: int) -> Locator:
    return page.locator(".jp-NotebookPanel .jp-CodeCell").nth(cell).locator(".jp-OutputArea")


def restart_and_run_all(page: Page) -> None:
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Restart Kernel and Run All Cells"))
    page.locator(".lm-Menu-item", has=label).click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_timeout(2000)
    wait_for_run(page)


def download(page: Page, bar: Locator) -> dict:
    with page.expect_download() as info:
        bar.get_by_role("button", name=re.compile("Download")).click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def test_every_kind_of_widget_comes_back_after_a_restart(
    page: Page, lab_url: str, lab_root: Path, artifacts: Path
) -> None:
    path = write_cells(lab_root, "saving_kinds.ipynb", KINDS)
    open_notebook(page, lab_url, path)
    run_all_cells(page)
    wait_for_run(page)
    assert widget_problems(page, save(page, path)) == []

    bar = output(page, 6).locator(".mlkit-mywork")
    count = bar.locator(".mlw-count")
    before = int(re.match(r"(\d+|No) answer", count.inner_text()).group(1).replace("No", "0"))
    output(page, 1).get_by_text("said", exact=True).click()
    output(page, 1).get_by_role("button", name="Check").click()
    output(page, 1).get_by_text("Not yet.").wait_for()
    output(page, 2).locator("textarea").fill("Nobody is named, so nobody can be checked.")
    output(page, 2).get_by_role("button", name="Save").click()
    output(page, 2).get_by_text("Saved").wait_for()
    output(page, 3).get_by_text("4 - fairly sure").click()
    output(page, 3).get_by_role("button", name="Save").click()
    output(page, 3).get_by_text("You said").wait_for()
    output(page, 4).get_by_text("I read laterally").click()
    output(page, 4).get_by_text("1 of 2 done").wait_for()
    spot = output(page, 5).locator(".mlkit-article")
    spot.locator(".mlk-w[role=checkbox]").filter(has_text="reportedly").click()
    spot.get_by_role("button", name="Check my marks").click()
    spot.locator(".mlk-fb-found").wait_for()
    page.wait_for_function(  # the bar heard every save in this kernel, with no refresh
        "([el, n]) => el.textContent.startsWith(n + ' answers')", arg=[count.element_handle(), before + 5]
    )

    saved = download(page, bar)["answers"]  # built at the click: everything just answered is in it
    assert saved["bt_choice"]["value"] == "said" and saved["bt_poll"]["value"] == 4
    assert saved["bt_text"]["value"].startswith("Nobody is named")
    assert saved["bt_list"]["value"]["ticked"] == ["I read laterally"]
    assert saved["bt_marks"]["value"]["checked"] is True
    shoot(page, artifacts / "saving", "1-answered")

    restart_and_run_all(page)
    page.wait_for_function("() => document.querySelector('.mlkit-article')?.dataset.ready === 'true'")
    shoot(page, artifacts / "saving", "2-restored")
    assert output(page, 1).get_by_role("radio", name="said").is_checked()
    assert "Hint: Look for -ly." in output(page, 1).inner_text()  # the feedback earned comes back too
    assert output(page, 2).locator("textarea").input_value().startswith("Nobody is named")
    assert output(page, 3).get_by_role("radio", name="4 - fairly sure").is_checked()
    assert output(page, 4).get_by_role("checkbox", name="I read laterally").is_checked()
    spot = output(page, 5).locator(".mlkit-article")
    assert spot.get_attribute("data-mode") == "check" and spot.locator(".mlk-fb-found").count() == 1
    assert f"{before + 5} answers saved" in output(page, 6).inner_text()
    assert "Error displaying widget" not in page.locator(".jp-NotebookPanel").inner_text()


def test_lesson_00_download_holds_the_answer_just_given(page: Page, lab_url: str, artifacts: Path) -> None:
    lesson = "lessons/00_start_here.ipynb"
    open_notebook(page, lab_url, lesson)
    run_all_cells(page)
    wait_for_run(page)
    question = page.locator(".widget-radio-box").first.locator(
        "xpath=ancestor::div[contains(@class,'widget-vbox')][1]"
    )
    choice = question.locator(".widget-radio-box label").nth(1)
    picked = choice.inner_text().strip()
    choice.click()
    question.get_by_role("button", name="Check").click()
    question.get_by_text(re.compile("Saved")).wait_for()
    bar = page.locator(".mlkit-mywork").last
    bar.scroll_into_view_if_needed()
    answers = download(page, bar)["answers"]  # pressed straight after answering, with no refresh
    assert picked in [a["value"] for a in answers.values()], answers
    shoot(page, artifacts / "saving", "3-lesson00-downloaded")
    # words typed in a free-text box and never saved with Save are in the file too (kept as a draft)
    typed = "It says reportedly, so nobody has confirmed it yet."
    page.locator(".jp-NotebookPanel textarea").first.fill(typed)
    bar.scroll_into_view_if_needed()
    answers = download(page, bar)["answers"]
    assert typed in [a["value"] for a in answers.values()], answers


def test_lesson_07_pasted_article_survives_a_restart(page: Page, lab_url: str, artifacts: Path) -> None:
    lesson = "lessons/07_your_own_article.ipynb"
    open_notebook(page, lab_url, lesson)
    run_all_cells(page)
    wait_for_run(page)
    article = "City officials reportedly closed the bridge on Monday, the mayor said."
    page.locator(".jp-NotebookPanel textarea").first.fill(article)
    page.get_by_role("button", name="Analyse").first.click()
    page.get_by_text(re.compile("Analysed 11 words")).wait_for()
    # a new text pasted and not analysed: the old analysis goes, and the new text survives a restart
    newer = "Police said the road is open again."
    page.locator(".jp-NotebookPanel textarea").first.fill(newer)
    page.locator(".jp-NotebookPanel textarea").first.blur()
    page.get_by_text(re.compile("to see the marks for this text")).wait_for()
    # the old analysis is no longer shown (hidden at once; the front end removes its views after)
    expect(page.locator(".mlkit-article:visible")).to_have_count(0)
    restart_and_run_all(page)
    assert page.locator(".jp-NotebookPanel textarea").first.input_value() == newer
    page.get_by_text("Your saved article is back").wait_for()
    assert page.locator(".mlkit-article").first.get_attribute("data-mode") == "read"
    shoot(page, artifacts / "saving", "4-lesson07-restored")


def test_answer_choices_move_with_the_arrow_keys(page: Page, lab_url: str, lab_root: Path) -> None:
    """QA pass 2: ArrowDown on an answer choice moved JupyterLab to another cell and left the choice."""
    # every lesson shows the My work bar at its top; its module installs the keys for the whole page
    path = write_cells(lab_root, "choice_keys.ipynb", [*KINDS[:2], "w.my_work(compact=True)"])
    open_notebook(page, lab_url, path)
    run_all_cells(page)
    wait_for_run(page)
    radios = output(page, 1).locator("input[type=radio]")
    radios.first.wait_for()
    radios.first.focus()
    page.keyboard.press("ArrowDown")
    expect(radios.nth(1)).to_be_checked()
    assert page.evaluate("() => document.activeElement.type") == "radio"  # still on the choices
    output(page, 1).get_by_role("button", name="Check").click()
    output(page, 1).get_by_text("Correct.").wait_for()  # the kernel got the choice made by keyboard
